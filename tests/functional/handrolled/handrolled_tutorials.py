"""W7707 on forms seen in tutorials: 1/sqrt(n/2), tuple-unpacked shapes, rsqrt, ** 0.5, casts."""
# pylint: disable=invalid-name,unused-argument
import math

import numpy as np
import tensorflow as tf
from keras import layers


def glorot_init(shape, dtype=None):  # [hand-rolled-initializer]
    return tf.random.normal(shape=shape, stddev=1. / tf.sqrt(shape[0] / 2.))


def xavier_init(shape, dtype=None):  # [hand-rolled-initializer]
    in_dim, out_dim = shape
    limit = tf.sqrt(6.) / tf.sqrt(tf.cast(in_dim + out_dim, tf.float32))
    return tf.random.uniform(shape, -limit, limit)


def he_power(shape, dtype=None):  # [hand-rolled-initializer]
    return np.random.randn(*shape) * (2.0 / shape[0]) ** 0.5


def he_rsqrt(shape, dtype=None):  # [hand-rolled-initializer]
    return tf.random.truncated_normal(shape, stddev=tf.math.rsqrt(shape[-2] / 2.0))


def lecun_math(shape, dtype=None):  # [hand-rolled-initializer]
    fan_in = shape[0]
    return tf.random.normal(shape) * math.sqrt(1.0 / fan_in)


def glorot_sqrt_ratio(shape, dtype=None):  # [hand-rolled-initializer]
    return tf.random.normal(shape, stddev=math.sqrt(2.0) / math.sqrt(shape[0] + shape[1]))


def fixed_scale(shape, dtype=None):
    return tf.random.normal(shape, stddev=0.02)


def odd_constant(shape, dtype=None):
    return tf.random.normal(shape, stddev=1.0 / tf.sqrt(shape[0] / 3.0))


def squared_fan(shape, dtype=None):
    return tf.random.normal(shape, stddev=1.0 / (shape[0] ** 0.5 * shape[0] ** 0.5))


on_conv = layers.Conv2D(8, 3, activation="relu", kernel_initializer=glorot_init)
on_conv_trailing = layers.Conv2D(8, (3, 3), activation="relu", kernel_initializer=he_rsqrt)
on_dense = layers.Dense(8, activation="relu", kernel_initializer=xavier_init)  # [initializer-activation-mismatch]
under_tanh = layers.Dense(8, activation="tanh", kernel_initializer=lecun_math)
