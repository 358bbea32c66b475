"""W7709 the static pass reads: eight relu Dense(64) on the default RandomUniform(-0.05, 0.05)."""

import keras
from keras import initializers, layers


def build():
    return keras.Sequential(
        [
            keras.Input(shape=(64,)),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform()),
            layers.Dense(1, activation="sigmoid"),
        ]
    )
