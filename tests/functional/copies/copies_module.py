"""The module's own functions that return a copy of their argument: the layer gets the argument's initializer."""
# pylint: disable=invalid-name
import copy

import keras
from keras import layers


def clone_initializer(initializer):
    """keras-hub's helper: a copy with the same config (a new seed stream)."""
    if not isinstance(initializer, keras.initializers.Initializer):
        return initializer
    config = initializer.get_config()
    return initializer.__class__.from_config(config)


def deep(initializer):
    return copy.deepcopy(initializer)


def got(initializer):
    return keras.initializers.get(initializer)


class FeedForward(layers.Layer):
    """A library-style block: the constructor default reaches both kernels through the copies."""

    def __init__(self, units, kernel_initializer="glorot_uniform", **kwargs):  # [initializer-activation-mismatch]
        super().__init__(**kwargs)
        self.units = units
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.inner = layers.Dense(self.units, activation="relu",
                                  kernel_initializer=clone_initializer(self.kernel_initializer))
        self.outer = layers.Dense(self.units, kernel_initializer=clone_initializer(self.kernel_initializer))

    def call(self, x):
        return self.outer(self.inner(x))


def dense(x, init="glorot_normal"):
    """A helper's parameter through a copy: the fix edits the default."""
    return layers.Dense(64, activation="relu", kernel_initializer=deep(init))(x)  # [initializer-activation-mismatch]


def tower():
    tokens = keras.Input(shape=(64,))
    return keras.Model(tokens, dense(dense(tokens)))


SHARED = keras.initializers.GlorotNormal()
head = layers.Dense(64, activation="relu", kernel_initializer=got(clone_initializer(SHARED)))  # [initializer-activation-mismatch]
