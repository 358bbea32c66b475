"""slim.arg_scope: the shape keywords it spells out (stride, padding, rate, data_format) count as if each call gave
them; a module using arg_scope may be called under a caller's scope, so a keyword no enclosing scope sets is unknown."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_slim as slim


def scoped_glorot():
    """The scope fixes every keyword the shapes and the judgement need: the figure is stated."""
    with slim.arg_scope([slim.conv2d, slim.max_pool2d], stride=1, padding="VALID", data_format="NHWC", rate=1,
                        activation_fn=tf.nn.relu, normalizer_fn=None, kernel_size=[3, 3]):
        with slim.arg_scope([slim.conv2d], weights_initializer=tf.keras.initializers.glorot_uniform()):  # [initializer-activation-mismatch]
            images = tf.placeholder(tf.float32, [None, 32, 32, 3])
            net = slim.conv2d(images, 64)
            net = slim.max_pool2d(net)
            net = slim.conv2d(net, 64)
    return net


def scoped_he():
    images = tf.placeholder(tf.float32, [None, 32, 32, 3])
    with slim.arg_scope([slim.conv2d], stride=1, padding="VALID", activation_fn=tf.nn.relu, normalizer_fn=None,
                        weights_initializer=tf.keras.initializers.he_uniform(), data_format="NHWC", rate=1):
        net = slim.conv2d(images, 64, [3, 3])
        net = slim.conv2d(net, 64, [3, 3])
        net = slim.conv2d(net, 64, [3, 3])
    return net


def stride_from_a_callers_scope():
    """stride, padding and rate may come from a caller's arg_scope: the output shape is unknown, but the
    factor is not (Glorot against He is fan_in / fan_avg, whatever the stride); the input crosses the `with`."""
    images = tf.placeholder(tf.float32, [None, 32, 32, 3])
    with slim.arg_scope([slim.conv2d], activation_fn=tf.nn.relu, normalizer_fn=None,
                        weights_initializer=tf.keras.initializers.glorot_uniform()):  # [initializer-activation-mismatch]
        net = slim.conv2d(images, 64, [3, 3])
    return net
