"""30 Dense+tanh layers with he_normal and a Dense(1) head: one output, so one readout per sample."""

import keras
from keras import layers

WIDTH = 128


def build():
    model = keras.Sequential([keras.Input((WIDTH,))])
    for _ in range(30):
        model.add(layers.Dense(WIDTH, activation="tanh", kernel_initializer="he_normal"))
    model.add(layers.Dense(1))
    return model
