"""A stride-2 decoder on the default glorot_uniform: the fix is VarianceScaling(8, "fan_out", "uniform")."""

import keras
from keras import layers


def build():
    return keras.Sequential(
        [
            keras.Input((8, 8, 64)),
            layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),
            layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),
            layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),
            layers.Conv2D(3, 3, padding="same"),
        ]
    )
