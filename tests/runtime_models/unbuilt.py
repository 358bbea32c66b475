"""Layers built by a helper in a loop, in a Sequential with no input shape: needs --input-shape."""

import keras
from keras import layers


def block(units):
    return layers.Dense(units, activation="relu", kernel_initializer="glorot_normal")


def build():
    return keras.Sequential([block(32) for _ in range(6)] + [layers.Dense(1)])
