"""tf.contrib.layers and slim: activation_fn defaults to relu, weights_initializer to Xavier (= Glorot)."""
# pylint: disable=invalid-name
import tensorflow as tf
import tensorflow.contrib.slim as slim


def xavier_under_default_relu(images):
    net = slim.conv2d(images, 64, [3, 3], weights_initializer=tf.contrib.layers.xavier_initializer())  # [initializer-activation-mismatch]
    return slim.fully_connected(net, 10, activation_fn=None, weights_initializer=tf.contrib.layers.xavier_initializer())  # [deprecated-initializer]


def default_chain(images):
    net = slim.conv2d(images, 32, [3, 3])  # [implicit-initializer-mismatch]
    net = slim.conv2d(net, 32, [3, 3])
    net = slim.max_pool2d(net, [2, 2])
    net = slim.conv2d(net, 32, [3, 3])
    net = slim.flatten(net)
    return slim.fully_connected(net, 10, activation_fn=None)


def he_chain(images):
    he = tf.contrib.layers.variance_scaling_initializer()  # [redundant-variance-scaling]
    net = slim.conv2d(images, 32, [3, 3], weights_initializer=he)
    net = slim.conv2d(net, 32, [3, 3], weights_initializer=he)
    net = slim.conv2d(net, 32, [3, 3], weights_initializer=he)
    return net


def batch_normalized(images):
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
    net = slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm)
    net = slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm)
    return net


def tanh_contrib(inputs):
    return tf.contrib.layers.fully_connected(inputs, 64, activation_fn=tf.nn.tanh, weights_initializer=tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=True))  # [initializer-activation-mismatch]


def linear_then_relu(inputs):
    h = tf.contrib.layers.fully_connected(inputs, 64, activation_fn=None, weights_initializer=tf.contrib.layers.xavier_initializer())  # [initializer-activation-mismatch]
    out = tf.nn.relu(h)
    return out


def repeated(images):
    net = slim.repeat(images, 3, slim.conv2d, 64, [3, 3])  # [implicit-initializer-mismatch]
    net = slim.max_pool2d(net, [2, 2])
    net = slim.repeat(net, 2, slim.conv2d, 64, [3, 3], weights_initializer=tf.keras.initializers.he_uniform())
    return slim.repeat(net, 3, slim.conv2d, 128, [3, 3], normalizer_fn=slim.batch_norm)
