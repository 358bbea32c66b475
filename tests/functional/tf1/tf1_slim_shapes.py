"""slim / tf.contrib.layers as networks: num_outputs, stride, rate, "SAME" by default, "NHWC"/"NCHW", max_pool2d's
stride 2 and "VALID", slim.repeat and slim.stack (arg_scope: tf1_slim_scoped_shapes.py)."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_slim as slim


def vgg_block():
    """slim.repeat: the second pass reads the first's 64 channels; the chain's gain follows the shapes."""
    images = tf.placeholder(tf.float32, [None, 224, 224, 3])
    net = slim.repeat(images, 2, slim.conv2d, 64, [3, 3], scope="conv1")  # [implicit-initializer-mismatch]
    net = slim.max_pool2d(net, [2, 2], scope="pool1")
    net = slim.repeat(net, 2, slim.conv2d, 128, [3, 3], scope="conv2")
    return slim.max_pool2d(net, [2, 2], scope="pool2")


def explicit_xavier():
    images = tf.placeholder(tf.float32, [None, 32, 32, 3])
    net = slim.conv2d(images, 64, [3, 3], rate=2, weights_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
    net = slim.max_pool2d(net, [2, 2])
    net = slim.conv2d(net, 64, [3, 3], stride=2, padding="VALID", weights_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
    # 7 * 7 * 64 = 3136 inputs into 256 units: Glorot is 0.92 of He, nothing measurable to fix
    return slim.fully_connected(slim.flatten(net), 256, weights_initializer=tf.keras.initializers.glorot_uniform())


def channels_first():
    planes = tf.placeholder(tf.float32, [None, 3, 32, 32])
    return slim.conv2d(planes, 16, [3, 3], data_format="NCHW", weights_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]


def transposed_and_separable():
    maps = tf.placeholder(tf.float32, [None, 16, 16, 64])
    up = slim.conv2d_transpose(maps, 32, [4, 4], stride=2, weights_initializer=tf.keras.initializers.he_uniform())  # [initializer-activation-mismatch]
    sep = slim.separable_conv2d(up, 64, [3, 3], weights_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
    # num_outputs=None: the depthwise part alone, which Keras' DepthwiseConv2D builds alike (not judged)
    return slim.separable_conv2d(sep, None, [3, 3], depth_multiplier=1, weights_initializer=tf.keras.initializers.glorot_uniform())


def normalized():
    images = tf.placeholder(tf.float32, [None, 32, 32, 3])
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
    net = slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm)
    return slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm)


def stacked():
    inputs = tf.placeholder(tf.float32, [None, 784])
    net = slim.stack(inputs, slim.fully_connected, [256, 256, 256], scope="fc")  # [implicit-initializer-mismatch]
    net = slim.dropout(net, 0.5)
    return slim.fully_connected(net, 10, activation_fn=None)


def pooled_average():
    images = tf.placeholder(tf.float32, [None, 32, 32, 3])
    net = slim.conv2d(images, 64, [3, 3], weights_initializer=tf.keras.initializers.he_uniform())
    net = slim.avg_pool2d(net, [3, 3], stride=1, padding="SAME")
    net = slim.conv2d(net, 64, [3, 3], weights_initializer=tf.keras.initializers.he_uniform())
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)


def unknown_input(images):
    """The input's channels are unknown: no factor for the first layer."""
    return slim.conv2d(images, 64, [3, 3], weights_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
