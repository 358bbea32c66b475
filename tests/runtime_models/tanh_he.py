"""30 Dense+tanh layers with he_normal: the chaotic phase, kernel gradients growing toward the input."""

import keras
from keras import layers

WIDTH = 128


def build():
    model = keras.Sequential([keras.Input((WIDTH,))])
    for _ in range(30):
        model.add(layers.Dense(WIDTH, activation="tanh", kernel_initializer="he_normal"))
    model.add(layers.Dense(10))
    return model
