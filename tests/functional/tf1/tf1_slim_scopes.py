"""slim.arg_scope sets defaults: read where it spells them out, silent where it does not."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_slim as slim


def scope_sets_xavier(images):
    with slim.arg_scope([slim.conv2d], activation_fn=tf.nn.relu, normalizer_fn=None,
                        weights_initializer=tf.contrib.layers.xavier_initializer()):  # [initializer-activation-mismatch]
        net = slim.conv2d(images, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
    return net


def scope_sets_only_the_initializer(images):
    """A caller's arg_scope may set activation_fn or normalizer_fn: the defaults are not assumed here."""
    with slim.arg_scope([slim.conv2d], weights_initializer=tf.contrib.layers.xavier_initializer()):  # [deprecated-initializer]
        net = slim.conv2d(images, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
    return net


def scope_sets_he(images):
    with slim.arg_scope([slim.conv2d], activation_fn=tf.nn.relu, normalizer_fn=None,
                        weights_initializer=tf.keras.initializers.he_uniform()):
        net = slim.conv2d(images, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
    return net


def scope_from_elsewhere(images, scope):
    with slim.arg_scope(scope):
        net = slim.conv2d(images, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
    return net


def other_ops_scope(images):
    with slim.arg_scope([slim.fully_connected], activation_fn=tf.nn.tanh):
        net = slim.conv2d(images, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
        net = slim.conv2d(net, 32, [3, 3])
    return net


def no_scope_here(images):
    net = slim.conv2d(images, 32, [3, 3])
    net = slim.conv2d(net, 32, [3, 3])
    net = slim.conv2d(net, 32, [3, 3])
    return net


def tf_slim_names(images):
    net = slim.conv2d(images, 32, [3, 3], activation_fn=tf.nn.relu, normalizer_fn=None, weights_initializer=slim.xavier_initializer())  # [initializer-activation-mismatch]
    return slim.fully_connected(net, 10, activation_fn=None, normalizer_fn=None, weights_initializer=slim.variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=True))  # [redundant-variance-scaling]
