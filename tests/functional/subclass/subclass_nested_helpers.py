"""A library block whose call() adds the residual and normalizes in a helper it defines itself
(keras-hub's FNetEncoder): its glorot_uniform default is the convention there, not reported."""
# pylint: disable=invalid-name
import keras
from keras import layers


class Encoder(layers.Layer):
    def __init__(self, units, activation="relu", kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.norm = layers.LayerNormalization()
        self.inner = layers.Dense(self.units, activation=self.activation, kernel_initializer=self.kernel_initializer)
        self.outer = layers.Dense(input_shape[-1], kernel_initializer=self.kernel_initializer)

    def call(self, inputs):
        def add_and_norm(first, second, norm):
            return norm(first + second)

        def feed_forward(x):
            return self.outer(self.inner(x))

        return add_and_norm(inputs, feed_forward(inputs), self.norm)


class Plain(layers.Layer):
    """The same without the residual and the normalization: the default is reported."""

    def __init__(self, units, activation="relu", kernel_initializer="glorot_uniform", **kwargs):  # [initializer-activation-mismatch]
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.inner = layers.Dense(self.units, activation=self.activation, kernel_initializer=self.kernel_initializer)
        self.outer = layers.Dense(input_shape[-1], kernel_initializer=self.kernel_initializer)

    def call(self, inputs):
        def feed_forward(x):
            return self.outer(self.inner(x))

        return feed_forward(inputs)
