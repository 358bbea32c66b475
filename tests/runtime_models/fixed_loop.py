"""W7709 through a functional loop fed from outside it: eight relu Dense(64) on the default RandomUniform."""

import keras
from keras import initializers, layers


def build():
    inputs = keras.Input(shape=(64,))
    x = inputs
    for _ in range(8):
        x = layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomUniform())(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)
