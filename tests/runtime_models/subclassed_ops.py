"""A subclassed model whose activations are keras.ops calls in call(): runs on every backend."""

import keras
from keras import layers


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = layers.Dense(64, kernel_initializer="glorot_uniform")
        self.d2 = layers.Dense(64, kernel_initializer="glorot_uniform")
        self.d3 = layers.Dense(64, kernel_initializer="glorot_uniform")
        self.head = layers.Dense(1)

    def call(self, x):
        x = keras.ops.relu(self.d1(x))
        x = keras.ops.relu(self.d2(x))
        x = keras.ops.relu(self.d3(x))
        return self.head(x)


def build():
    return Net()
