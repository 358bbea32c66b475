"""12 Dense+ReLU layers with an explicit glorot_uniform: the signal's second moment halves per layer."""

import keras
from keras import layers

WIDTH = 64


def build():
    return keras.Sequential(
        [keras.Input((WIDTH,))]
        + [layers.Dense(WIDTH, activation="relu", kernel_initializer="glorot_uniform") for _ in range(12)]
        + [layers.Dense(10)]
    )
