"""`# pylint: disable=` works for every message; a lower message shows when the higher is off."""
import math

import keras
import tensorflow as tf
from keras import initializers, layers

a = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")  # pylint: disable=initializer-activation-mismatch
# C7702 speaks once per chain, at its first layer: disabled there, the whole chain is silent.
b = keras.Sequential(
    [
        layers.Dense(64, activation="relu"),  # pylint: disable=implicit-initializer-mismatch
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
    ]
)
c = initializers.VarianceScaling(2.0, "fan_in", "uniform")  # pylint: disable=redundant-variance-scaling
d = initializers.VarianceScaling(2.0, "FAN_IN")  # pylint: disable=invalid-variance-scaling
e = tf.contrib.layers.xavier_initializer()  # pylint: disable=deprecated-initializer
f = layers.Dense(64, kernel_initializer="ones")  # pylint: disable=constant-kernel-initializer

# With the mismatch disabled, the redundancy it covered is reported instead.
g = layers.Dense(64, activation="relu", kernel_initializer=initializers.VarianceScaling(1.0, "fan_avg", "uniform"))  # pylint: disable=initializer-activation-mismatch  # [redundant-variance-scaling]
# And with both off, the deprecation.
h = layers.Dense(64, activation="relu", kernel_initializer=tf.compat.v1.variance_scaling_initializer(1.0, "fan_avg", "uniform"))  # pylint: disable=initializer-activation-mismatch,redundant-variance-scaling  # [deprecated-initializer]

he_stack = keras.Sequential(
    [
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(64, activation="relu"),  # pylint: disable=inconsistent-initializers
    ]
)


def by_hand(shape, dtype=None):  # pylint: disable=hand-rolled-initializer
    limit = math.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.random.uniform(shape, -limit, limit, dtype=dtype)
