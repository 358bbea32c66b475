"""W7710 through a helper called three times: three kernels, counted once per call (not per call squared)."""
import keras
from keras import layers

INIT = keras.initializers.HeNormal(seed=1)  # [reused-initializer]


def block(x):
    return layers.Dense(64, activation="relu", kernel_initializer=INIT)(x)


def build():
    inputs = keras.Input(shape=(64,))
    x = block(inputs)
    x = block(x)
    x = block(x)
    return keras.Model(inputs, x)
