"""A one-layer list repeated (`[layer] * 4`): the same layer called four times, one kernel shared.

The signal's gain compounds per call, as through four layers; it is one kernel, so no reuse."""
# pylint: disable=invalid-name
import keras
from keras import layers


class Block(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units)  # [implicit-initializer-mismatch]
        self.act = layers.Activation("relu")

    def call(self, x):
        return self.act(self.dense(x))


blocks = keras.Sequential([keras.Input(shape=(64,))] + [Block(64)] * 4)
mlp = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu")] * 4)  # [implicit-initializer-mismatch]
tail = keras.Sequential([keras.Input(shape=(32,)), *(3 * [layers.Dense(32, activation="elu")])])  # [implicit-initializer-mismatch]

SHARED_HE = keras.initializers.HeUniform()
tied = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu", kernel_initializer=SHARED_HE)] * 4)


def looped(x):
    for layer in [layers.Dense(64, activation="relu")] * 3:  # [implicit-initializer-mismatch]
        x = layer(x)
    return x


model = keras.Model(keras.Input(shape=(64,)), looped(keras.Input(shape=(64,))))
once = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu")] * 1)
