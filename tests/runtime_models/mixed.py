"""One model with a finding of (almost) every kind, judged in a single verify run."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers


def my_glorot(shape, dtype=None):
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.random.uniform(shape, -limit, limit, dtype=dtype)


def unused_initializer():
    # never called: the arguments raise ValueError at construction
    return keras.initializers.VarianceScaling(2.0, mode="FAN_IN")


def build():
    inputs = keras.Input((48,))
    x = layers.Dense(48, activation="relu")(inputs)
    x = layers.Dense(48, activation="relu")(x)
    x = layers.Dense(48, activation="relu")(x)
    x = layers.Dense(48, activation="relu")(x)
    x = layers.Dense(48, activation="selu", kernel_initializer="he_normal")(x)
    x = layers.Dense(48, kernel_initializer=my_glorot)(x)
    x = layers.Dense(48, activation="tanh", kernel_initializer="glorot_uniform")(x)
    x = layers.Dense(48, activation="tanh", kernel_initializer="glorot_uniform")(x)
    x = layers.Dense(48, activation="tanh", kernel_initializer="glorot_uniform")(x)
    x = layers.Dense(48, activation="tanh", kernel_initializer="glorot_uniform")(x)
    x = layers.Dense(12, activation="tanh", kernel_initializer="lecun_uniform")(x)
    x = layers.Dense(48, activation="tanh", kernel_initializer="he_uniform")(x)
    outputs = layers.Dense(4, kernel_initializer="ones")(x)
    return keras.Model(inputs, outputs)
