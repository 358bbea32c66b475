"""Layer builders of the project (project_passed_literals.py passes them literals): nothing to report here,
whatever a caller passes is not known in this file."""
import tensorflow as tf


def mlp_layers(conv_layer_params=None, fc_layer_params=(256, 256), activation_fn=tf.keras.activations.relu,
               kernel_initializer=None):
    if kernel_initializer is None:
        kernel_initializer = tf.keras.initializers.HeNormal()
    layers = []
    if conv_layer_params is not None:
        layers.extend([tf.keras.layers.Conv2D(filters, 3, activation="tanh", kernel_initializer=kernel_initializer)
                       for filters in conv_layer_params])
    for units in fc_layer_params:
        layers.append(tf.keras.layers.Dense(units, activation=activation_fn, kernel_initializer=kernel_initializer))
    return layers


def tanh_layers(units=64, kernel_initializer="glorot_uniform"):
    return [tf.keras.layers.Dense(units, activation="tanh", kernel_initializer=kernel_initializer)]


def biased_layers(units=64, bias_initializer="zeros"):
    return [tf.keras.layers.Dense(units, activation="relu", kernel_initializer="he_uniform",
                                  bias_initializer=bias_initializer)]
