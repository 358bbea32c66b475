"""Repeated one-layer lists that need nothing: He already, a normalized block, one call, a longer list."""
# pylint: disable=invalid-name
import keras
from keras import layers

he = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu", kernel_initializer="he_uniform")] * 6)
tanh = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="tanh")] * 6)
one = keras.Sequential([keras.Input(shape=(64,)), *[layers.Dense(64, activation="relu")] * 1])
pairs = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu"), layers.BatchNormalization()] * 4)
SHARED_HE = keras.initializers.HeUniform()
tied = keras.Sequential([layers.Dense(64, activation="relu", kernel_initializer=SHARED_HE)] * 2 + [layers.Dense(1)])
