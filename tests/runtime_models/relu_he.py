"""The He version of relu_glorot.py: nothing to report, and the signal keeps its scale."""

import keras
from keras import layers

WIDTH = 64


def build():
    return keras.Sequential(
        [keras.Input((WIDTH,))]
        + [layers.Dense(WIDTH, activation="relu", kernel_initializer="he_uniform") for _ in range(12)]
        + [layers.Dense(10)]
    )
