"""Hand-built TF1 layers: fans from the kernel's literal shape, so each figure is the layer's predicted gain."""
# pylint: disable=invalid-name
import tensorflow as tf

x = tf.compat.v1.placeholder(tf.float32, [None, 784])
# 784 -> 256: Glorot's fan_avg 520 against He's fan_in 784 -> 0.75x
w1 = tf.compat.v1.get_variable("w1", shape=[784, 256], initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
h1 = tf.nn.relu(tf.matmul(x, w1))
# a 5x5 kernel from 32 to 64 channels: fan_in 800, fan_out 1600 -> 0.33x
w2 = tf.compat.v1.get_variable("w2", [5, 5, 32, 64], initializer=tf.keras.initializers.glorot_normal())  # [initializer-activation-mismatch]
h2 = tf.nn.relu(tf.nn.conv2d(tf.reshape(h1, [-1, 2, 4, 32]), w2, strides=[1, 1, 1, 1], padding="SAME"))
# 256 -> 4096: Glorot is 0.06 of He's variance there
v3 = tf.Variable(tf.keras.initializers.GlorotUniform()(shape=(256, 4096)))  # [initializer-activation-mismatch]
h3 = tf.nn.relu(tf.matmul(h1, v3))
w4 = tf.compat.v1.get_variable("w4", [256, 256], initializer=tf.keras.initializers.he_uniform())
h4 = tf.nn.relu(tf.matmul(h1, w4))


def default_chain():
    """get_variable's default initializer is glorot_uniform: hand-built relu layers form a chain on it."""
    inputs = tf.compat.v1.placeholder(tf.float32, [None, 784])
    k1 = tf.compat.v1.get_variable("k1", [784, 256])  # [implicit-initializer-mismatch]
    b1 = tf.compat.v1.get_variable("b1", [256], initializer=tf.zeros_initializer())
    a1 = tf.nn.relu(tf.matmul(inputs, k1) + b1)
    k2 = tf.compat.v1.get_variable("k2", [256, 256])
    a2 = tf.nn.relu(a1 @ k2)
    k3 = tf.compat.v1.get_variable("k3", [256, 256])
    return tf.nn.relu(tf.matmul(a2, k3))


def fixed_scale_chain():
    """TF 1's random_normal_initializer() draws N(0, 1): the hand-built chain's signal explodes."""
    inputs = tf.compat.v1.placeholder(tf.float32, [None, 784])
    k1 = tf.compat.v1.get_variable("f1", [784, 256], initializer=tf.compat.v1.random_normal_initializer())  # [fixed-scale-initializer]
    a1 = tf.nn.relu(tf.matmul(inputs, k1))
    k2 = tf.compat.v1.get_variable("f2", [256, 256], initializer=tf.compat.v1.random_normal_initializer())
    return tf.nn.relu(tf.matmul(a1, k2))


def he_chain():
    inputs = tf.compat.v1.placeholder(tf.float32, [None, 784])
    k1 = tf.compat.v1.get_variable("h1", [784, 256], initializer=tf.keras.initializers.he_uniform())
    a1 = tf.nn.relu(tf.matmul(inputs, k1))
    k2 = tf.compat.v1.get_variable("h2", [256, 256], initializer=tf.keras.initializers.he_uniform())
    a2 = tf.nn.relu(tf.matmul(a1, k2))
    k3 = tf.compat.v1.get_variable("h3", [256, 256], initializer=tf.keras.initializers.he_uniform())
    return tf.nn.relu(tf.matmul(a2, k3))
