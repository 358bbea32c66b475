"""Layer subclasses that raise nothing: right defaults, values the module does not fix, broken chains."""
# pylint: disable=invalid-name,too-few-public-methods,abstract-method,arguments-differ
import keras
from keras import layers


class HeBlock(layers.Layer):
    def __init__(self, units, kernel_initializer="he_uniform", activation="relu", **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, kernel_initializer=kernel_initializer)
        self.act = layers.Activation(activation)

    def call(self, x):
        return self.act(self.dense(x))


class Mixed(layers.Layer):
    """Instantiations pass different literals: the value is unknown, never guessed."""

    def __init__(self, units, kernel_initializer="glorot_uniform", **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu", kernel_initializer=kernel_initializer)

    def call(self, x):
        return self.dense(x)


class Dynamic(layers.Layer):
    """An instantiation passes a value the module does not fix."""

    def __init__(self, units, kernel_initializer="glorot_uniform", **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu", kernel_initializer=kernel_initializer)

    def call(self, x):
        return self.dense(x)


class Base(layers.Layer):
    """A subclass in the module may pass anything to super().__init__: unknown."""

    def __init__(self, units, kernel_initializer="glorot_uniform", **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu", kernel_initializer=kernel_initializer)

    def call(self, x):
        return self.dense(x)


class Derived(Base):
    def __init__(self, units, **kw):
        super().__init__(units, kernel_initializer="he_uniform", **kw)


class Residual(layers.Layer):
    """A residual add keeps the signal: instances are no chain."""

    def __init__(self, units, **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu")

    def call(self, x):
        return x + self.dense(x)


class NormBlock(layers.Layer):
    """Normalization before the activation resets the scale in every instance."""

    def __init__(self, units, **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units)
        self.norm = layers.BatchNormalization()
        self.act = layers.ReLU()

    def call(self, x):
        return self.act(self.norm(self.dense(x)))


class Recursive(layers.Layer):
    """A block that holds itself: read as far as it goes, never a crash."""

    def __init__(self, units, **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu")
        self.inner = Recursive(units)

    def call(self, x):
        return self.inner(self.dense(x))


class TanhBlock(layers.Layer):
    def __init__(self, units, activation="tanh", **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation=activation)

    def call(self, x):
        return self.dense(x)


def make(init):
    return Dynamic(8, kernel_initializer=init)


mixed = keras.Sequential([Mixed(8, kernel_initializer="he_uniform"), Mixed(8)])
residual = keras.Sequential([keras.Input(shape=(64,))] + [Residual(64), Residual(64), Residual(64), Residual(64)])
normalized = keras.Sequential([keras.Input(shape=(64,)), NormBlock(64), NormBlock(64), NormBlock(64), NormBlock(64)])
two = keras.Sequential([keras.Input(shape=(64,)), HeBlock(64), HeBlock(64), TanhBlock(64), TanhBlock(64)])
recursive = keras.Sequential([Recursive(8), Recursive(8), Recursive(8)])
derived = keras.Sequential([Derived(8)])
