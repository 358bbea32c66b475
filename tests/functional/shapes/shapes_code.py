"""Code shapes real projects use: partials, literal **cfg, factories, shared initializer
objects, subclassed models with the activation in call()."""
# pylint: disable=invalid-name,too-few-public-methods
import functools
from functools import partial

import keras
import tensorflow as tf
from keras import layers

Conv = functools.partial(layers.Conv2D, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]
conv_a = Conv(32, 3)
conv_b = Conv(64, 3)
HeConv = partial(layers.Conv2D, activation="relu", kernel_initializer="he_uniform")
conv_c = HeConv(32, 3)
TanhDense = partial(layers.Dense, activation="tanh")
tanh_he = TanhDense(16, kernel_initializer="he_normal")  # [initializer-activation-mismatch]

CFG = {"activation": "relu", "kernel_initializer": "glorot_normal"}  # [initializer-activation-mismatch]
from_dict = layers.Dense(64, **CFG)
from_dict_call = layers.Dense(64, **dict(activation="gelu", kernel_initializer="lecun_uniform"))  # [initializer-activation-mismatch]


def conv_block(filters, activation="relu"):
    return layers.Conv2D(filters, 3, activation=activation, kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]


def dense_block(units, activation):
    return layers.Dense(units, activation=activation, kernel_initializer="glorot_uniform")


block_1 = conv_block(32)
block_2 = conv_block(64, activation="relu")
mixed_1 = dense_block(32, "relu")
mixed_2 = dense_block(32, "tanh")

shared = keras.initializers.GlorotUniform(seed=1)
shared_1 = layers.Dense(64, activation="relu", kernel_initializer=shared)  # [initializer-activation-mismatch]
shared_2 = layers.Dense(64, activation="relu", kernel_initializer=shared)  # [initializer-activation-mismatch]


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(64, kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]
        self.second = layers.Dense(64, kernel_initializer="glorot_normal")  # [initializer-activation-mismatch]
        self.act = layers.ReLU()
        self.head = layers.Dense(10, kernel_initializer="glorot_uniform")

    def call(self, inputs):
        x = tf.nn.relu(self.hidden(inputs))
        x = self.second(x)
        x = self.act(x)
        return self.head(x)
