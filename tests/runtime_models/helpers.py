"""A chain built by a helper function called four times: four Dense layers at one line."""
import keras
from keras import layers


def dense(x, units):
    return layers.Dense(units, activation="relu")(x)


def build():
    inputs = keras.Input(shape=(256,))
    x = dense(inputs, 256)
    x = dense(x, 256)
    x = dense(x, 256)
    x = dense(x, 256)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs)
