"""W7707: functions that re-implement Glorot/He/LeCun from the kernel's shape."""
# pylint: disable=invalid-name,too-few-public-methods,unused-argument
import math

import keras
import numpy as np
import tensorflow as tf
from keras import layers


def glorot_by_hand(shape, dtype=None):  # [hand-rolled-initializer]
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.random.uniform(shape, minval=-limit, maxval=limit, dtype=dtype)


def he_by_hand(shape, dtype=None):  # [hand-rolled-initializer]
    fan_in = shape[0]
    return tf.random.normal(shape, stddev=math.sqrt(2.0 / fan_in), dtype=dtype)


def glorot_avg(shape, dtype=None):  # [hand-rolled-initializer]
    fan_in, fan_out = shape[0], shape[1]
    return np.random.normal(0.0, np.sqrt(1.0 / ((fan_in + fan_out) / 2)), size=shape)


class LecunInit(keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):  # [hand-rolled-initializer]
        fan_in = np.prod(shape[:-1])
        return keras.random.normal(shape, stddev=np.sqrt(1.0 / fan_in))


def scaled_noise(shape, dtype=None):
    return tf.random.normal(shape, stddev=0.02)


def not_an_initializer(values):
    return np.sqrt(6.0 / (values[0] + values[1]))


on_conv = layers.Conv2D(32, 3, activation="tanh", kernel_initializer=glorot_by_hand)
on_dense = layers.Dense(64, activation="sigmoid", kernel_initializer=glorot_by_hand)
under_relu = layers.Dense(64, activation="relu", kernel_initializer=he_by_hand)
under_selu = layers.Dense(64, activation="selu", kernel_initializer=LecunInit())
wrong_for_relu = layers.Dense(64, activation="relu", kernel_initializer=glorot_avg)  # [initializer-activation-mismatch]
fixed_scale = layers.Dense(64, activation="relu", kernel_initializer=scaled_noise)
