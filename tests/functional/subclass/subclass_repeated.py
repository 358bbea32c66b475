"""A two-layer block repeated: `[Block(64)] * 3` (one instance called three times: its two kernels shared)
and `[Block(64) for _ in range(3)]` (three instances): both are six relu layers, first second first ..."""
# pylint: disable=invalid-name
import keras
from keras import layers


class Block(layers.Layer):
    def __init__(self, units, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.first = layers.Dense(units, activation=activation)  # [implicit-initializer-mismatch]
        self.second = layers.Dense(units, activation=activation)

    def call(self, x):
        return self.second(self.first(x))


class Wide(layers.Layer):
    def __init__(self, units, kernel_initializer="glorot_uniform", **kwargs):  # [initializer-activation-mismatch]
        super().__init__(**kwargs)
        self.expand = layers.Dense(units * 2, activation="relu", kernel_initializer=kernel_initializer)
        self.reduce = layers.Dense(units, activation="relu", kernel_initializer=kernel_initializer)

    def call(self, x):
        return self.reduce(self.expand(x))


def build_shared():
    return keras.Sequential([keras.Input(shape=(64,))] + [Block(64)] * 3 + [layers.Dense(10)])


def build_distinct():
    return keras.Sequential([keras.Input(shape=(32,))] + [Wide(32) for _ in range(2)] + [layers.Dense(10)])


shared = build_shared()
distinct = build_distinct()
