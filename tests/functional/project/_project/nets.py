"""A network class of the project that passes its constructor's parameters on to `builders.mlp_layers`
(project_passed_literals.py builds it): nothing to report here."""
import tensorflow as tf

from _project import builders


class Critic(tf.keras.Model):
    def __init__(self, fc=(256, 256), activation_fn=tf.nn.relu, kernel_initializer=None, last_initializer=None):
        super().__init__()
        if kernel_initializer is None:
            kernel_initializer = tf.keras.initializers.HeNormal()
        if last_initializer is None:
            last_initializer = tf.keras.initializers.RandomUniform(-0.003, 0.003)
        self._layers = builders.mlp_layers(fc_layer_params=fc, activation_fn=activation_fn,
                                           kernel_initializer=kernel_initializer)
        self._value = tf.keras.layers.Dense(1, kernel_initializer=last_initializer)

    def call(self, inputs):
        for layer in self._layers:
            inputs = layer(inputs)
        return self._value(inputs)
