"""slim.stack: one layer per element of its list, each reading the one before, on slim's default relu."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_slim as slim


def fully_connected_stack(inputs):
    net = slim.stack(inputs, slim.fully_connected, [32, 64, 128], scope="fc")  # [implicit-initializer-mismatch]
    return slim.fully_connected(net, 10, activation_fn=None, scope="logits")


def conv_stack(images):
    return slim.stack(images, slim.conv2d, [(32, [3, 3]), (32, [1, 1]), (64, [3, 3])], scope="conv")  # [implicit-initializer-mismatch]


def explicit_glorot(inputs):
    return slim.stack(inputs, slim.fully_connected, [256, 256], weights_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]


def normalized(inputs):
    return slim.stack(inputs, slim.fully_connected, [256, 256, 256], normalizer_fn=slim.batch_norm)


def he_already(inputs):
    return slim.stack(inputs, slim.fully_connected, [256, 256, 256], weights_initializer=tf.keras.initializers.he_uniform())


def linear_stack(inputs):
    return slim.stack(inputs, slim.fully_connected, [256, 256, 256], activation_fn=None)


def unknown_sizes(inputs, sizes):
    return slim.stack(inputs, slim.fully_connected, sizes)
