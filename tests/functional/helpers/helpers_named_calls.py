"""W7701 on a helper's layer reached through several helpers, each passing its own literal: the
message names every call its fix covers (the fix edits each literal)."""
# pylint: disable=invalid-name
import keras
from keras import layers


def dense(x, init):
    return layers.Dense(64, activation="relu", kernel_initializer=init)(x)  # [initializer-activation-mismatch]


def block(x):
    return dense(x, "glorot_uniform")


def tower(x):
    return dense(dense(x, "glorot_normal"), "glorot_uniform")


def already_he(x):
    return dense(x, "he_uniform")


inputs = keras.Input(shape=(64,))
h = block(inputs)
h = tower(h)
h = dense(h, "glorot_uniform")
h = already_he(h)
model = keras.Model(inputs, block(h))


def wide(x, init="glorot_uniform"):
    return layers.Dense(32, activation="relu", kernel_initializer=init)(x)  # [initializer-activation-mismatch]


def many():
    """Too many calls to list in 160 characters: the first ones, and how many more."""
    features = keras.Input(shape=(32,))
    h = wide(features)
    h = wide(h)
    h = wide(h)
    h = wide(h)
    h = wide(h)
    h = wide(h)
    h = wide(h)
    h = wide(h, "glorot_normal")
    h = wide(h)
    return keras.Model(features, h)
