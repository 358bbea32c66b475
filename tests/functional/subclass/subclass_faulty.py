"""Layer subclasses: constructor defaults flow into the layers they build, instances join the network."""
# pylint: disable=invalid-name,too-few-public-methods,abstract-method,arguments-differ
import keras
from keras import layers, ops


class Block(layers.Layer):
    """Library style: the defaults are the layer's; a fix edits the default, never the use."""

    def __init__(self, units, kernel_initializer="glorot_uniform", activation="relu", **kw):  # [initializer-activation-mismatch]
        super().__init__(**kw)
        self.dense = layers.Dense(units, kernel_initializer=kernel_initializer)
        self.act = layers.Activation(activation)

    def call(self, x):
        return self.act(self.dense(x))


class Normalized(layers.Layer):
    """Through `self._x = initializers.get(x)` and `self.x = x` read in build()."""

    def __init__(self, units, kernel_initializer="glorot_normal", activation="relu", **kw):  # [initializer-activation-mismatch]
        super().__init__(**kw)
        self.units = units
        self._kernel_initializer = keras.initializers.get(kernel_initializer)
        self._activation = activation

    def build(self, input_shape):
        self.dense = layers.Dense(self.units, self._activation, kernel_initializer=self._kernel_initializer)

    def call(self, x):
        return self.dense(x)


class Passed(layers.Layer):
    """Every instantiation passes the same literal: that literal counts, and the fix edits it there."""

    def __init__(self, units, kernel_initializer="he_uniform", **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu", kernel_initializer=kernel_initializer)

    def call(self, x):
        return self.dense(x)


class HandBuilt(layers.Layer):
    """An add_weight kernel applied by ops.matmul, then the activation the constructor names."""

    def __init__(self, units, kernel_initializer="glorot_uniform", activation="relu", **kw):  # [initializer-activation-mismatch]
        super().__init__(**kw)
        self.units = units
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer=self.kernel_initializer)
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, x):
        return self.activation(ops.matmul(x, self.kernel) + self.bias)


class Plain(layers.Layer):
    """No initializer anywhere: Dense's glorot_uniform default, chained through every instance."""

    def __init__(self, units, **kw):
        super().__init__(**kw)
        self.dense = layers.Dense(units, activation="relu")  # [implicit-initializer-mismatch]

    def call(self, x):
        return self.dense(x)


passed = keras.Sequential([keras.Input(shape=(16,)), Passed(16, kernel_initializer="glorot_uniform")])  # [initializer-activation-mismatch]
deep = keras.Sequential([keras.Input(shape=(64,)), Plain(64), Plain(64), Plain(64), Plain(64), layers.Dense(10)])

inputs = keras.Input(shape=(32,))
h = Block(32)(inputs)
h = Normalized(32)(h)
outputs = HandBuilt(8)(h)
model = keras.Model(inputs, outputs)
