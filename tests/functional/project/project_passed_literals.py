"""Initializer literals passed into the project's own builders in other modules (`_project/builders.py`,
`_project/nets.py`), read with the call's arguments: reported here, at the literal a fix edits."""
# pylint: disable=import-error,wrong-import-order
import tensorflow as tf
from tensorflow import keras

from _project import builders, nets
from _project.builders import mlp_layers

critic = nets.Critic(kernel_initializer="glorot_uniform", last_initializer="glorot_uniform")  # [initializer-activation-mismatch]
encoder = mlp_layers(fc_layer_params=(64,), kernel_initializer=tf.keras.initializers.GlorotNormal())  # [initializer-activation-mismatch]
sigmoid = builders.mlp_layers(activation_fn=tf.nn.sigmoid, kernel_initializer="glorot_uniform")
he = builders.mlp_layers(kernel_initializer="he_uniform")
tanh = builders.tanh_layers(32, "glorot_uniform")
biased = builders.biased_layers(bias_initializer="glorot_uniform")
shared = builders.mlp_layers(conv_layer_params=[16], kernel_initializer="glorot_uniform")  # tanh conv and relu dense
silenced = builders.mlp_layers(kernel_initializer="glorot_normal")  # pylint: disable=initializer-activation-mismatch
outside = keras.layers.Dense(8, kernel_initializer="he_uniform")
