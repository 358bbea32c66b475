"""Repeated two-layer blocks that need nothing: He already, a block that normalizes, a tanh block."""
# pylint: disable=invalid-name
import keras
from keras import layers


class Block(layers.Layer):
    def __init__(self, units, activation="relu", kernel_initializer="he_uniform", **kwargs):
        super().__init__(**kwargs)
        self.first = layers.Dense(units, activation=activation, kernel_initializer=kernel_initializer)
        self.second = layers.Dense(units, activation=activation, kernel_initializer=kernel_initializer)

    def call(self, x):
        return self.second(self.first(x))


class Normalized(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units)
        self.norm = layers.LayerNormalization()
        self.out = layers.Dense(units)
        self.act = layers.Activation("relu")

    def call(self, x):
        return self.act(self.out(self.norm(self.dense(x))))


he = keras.Sequential([keras.Input(shape=(64,))] + [Block(64)] * 3)
he_distinct = keras.Sequential([keras.Input(shape=(64,))] + [Block(64) for _ in range(3)])
tanh = keras.Sequential([keras.Input(shape=(64,))] + [Block(64, activation="tanh")] * 3)
normalized = keras.Sequential([keras.Input(shape=(64,))] + [Normalized(64) for _ in range(2)])
