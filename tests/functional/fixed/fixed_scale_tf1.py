"""W7709 on TF 1 code: `tf.placeholder`, `tf.layers` and slim, where TF 1's initializers draw N(0, 1) and U(0, 1)."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_slim as slim

x = tf.placeholder(tf.float32, [None, 784])

# TF 1's random_normal_initializer() draws N(0, 1): x392 on 784 relu inputs, x128 per layer after.
h = tf.layers.dense(x, 256, activation=tf.nn.relu, kernel_initializer=tf.random_normal_initializer())  # [fixed-scale-initializer]
h = tf.layers.dense(h, 256, activation=tf.nn.relu, kernel_initializer=tf.random_normal_initializer())
h = tf.layers.dense(h, 256, activation=tf.nn.relu, kernel_initializer=tf.random_normal_initializer())

# The MNIST tutorials' truncated_normal_initializer(stddev=0.01), seeded: slim's fully_connected feeds relu.
s = slim.fully_connected(x, 128, weights_initializer=tf.truncated_normal_initializer(stddev=0.01, seed=1))  # [fixed-scale-initializer]
s = slim.fully_connected(s, 128, weights_initializer=tf.truncated_normal_initializer(stddev=0.01, seed=2))
s = slim.fully_connected(s, 128, weights_initializer=tf.truncated_normal_initializer(stddev=0.01, seed=3))

# tf.compat.v1's random_uniform_initializer() draws U(0, 1).
u = tf.compat.v1.layers.dense(x, 64, tf.nn.relu, kernel_initializer=tf.compat.v1.random_uniform_initializer())  # [fixed-scale-initializer]
u = tf.compat.v1.layers.dense(u, 64, tf.nn.relu, kernel_initializer=tf.compat.v1.random_uniform_initializer())

# Silent: a scale that suits the width (N(0, 0.0625^2) on 512 relu inputs keeps the gain at 1).
k = tf.layers.dense(x, 512, tf.nn.relu, kernel_initializer=tf.random_normal_initializer(stddev=0.05))
k = tf.layers.dense(k, 512, tf.nn.relu, kernel_initializer=tf.random_normal_initializer(stddev=0.0625))
k = tf.layers.dense(k, 512, tf.nn.relu, kernel_initializer=tf.random_normal_initializer(stddev=0.0625))
