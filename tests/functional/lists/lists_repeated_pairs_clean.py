"""Repeated lists of several layers that need nothing: no three rectifiers in a row, He, normalization,
and a list Keras rejects (its second pass hands the first layer 16 features, not 64): no chain invented."""
# pylint: disable=invalid-name
import keras
from keras import layers

alternating = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu"), layers.Dense(64, activation="tanh")] * 3)
he = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu", kernel_initializer="he_uniform"), layers.Dropout(0.1)] * 4)
normalized = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu"), layers.Dense(64), layers.BatchNormalization(), layers.ReLU()] * 3)
rejected = [keras.Input(shape=(64,))] + [layers.Dense(32, activation="relu"), layers.Dense(16, activation="relu")] * 3


def build_rejected():
    return keras.Sequential(rejected)  # Keras: ValueError, expected axis -1 of input shape to have value 64


def looped(x):
    for layer in [layers.Dense(64, activation="relu"), layers.Dense(64, activation="linear")] * 3:
        x = layer(x)
    return x


def build_rejected_single():
    return keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(32, activation="relu")] * 3)  # Keras: ValueError
