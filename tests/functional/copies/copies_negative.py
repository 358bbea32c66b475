"""Functions that do not simply return a copy of their argument: their value is not read (silent)."""
# pylint: disable=invalid-name
import keras
from keras import layers


def rescaled(initializer):
    """The config is edited on the way: not a copy."""
    config = initializer.get_config()
    config["scale"] = 2.0
    return initializer.__class__.from_config(config)


def maybe(initializer):
    """May fall off the end (None for a string)."""
    if isinstance(initializer, keras.initializers.Initializer):
        return initializer.__class__.from_config(initializer.get_config())


def other(initializer, fallback):
    """Two parameters: which one comes back depends on the call."""
    return initializer if initializer is not None else fallback


def logged(initializer):
    print(initializer)
    return initializer


GLOROT = keras.initializers.GlorotUniform()
a = layers.Dense(64, activation="relu", kernel_initializer=rescaled(GLOROT))
b = layers.Dense(64, activation="relu", kernel_initializer=maybe(GLOROT))
c = layers.Dense(64, activation="relu", kernel_initializer=other(GLOROT, "he_uniform"))
d = layers.Dense(64, activation="relu", kernel_initializer=logged(GLOROT))


def clone_initializer(initializer):
    return initializer.__class__.from_config(initializer.get_config())


e = layers.Dense(64, activation="relu", kernel_initializer=clone_initializer(keras.initializers.HeUniform()))
