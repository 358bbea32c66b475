"""TF1 and tf.compat.v1 APIs: layers functions, get_variable, contrib and v1 initializer names."""
# pylint: disable=invalid-name
import tensorflow as tf
from tensorflow.contrib.layers import xavier_initializer

inputs = tf.compat.v1.placeholder(tf.float32, [None, 16])

h = tf.compat.v1.layers.dense(inputs, 64, activation=tf.nn.relu, kernel_initializer=tf.compat.v1.glorot_uniform_initializer())  # [initializer-activation-mismatch]
h = tf.layers.dense(h, 64, tf.nn.relu, kernel_initializer=tf.contrib.layers.xavier_initializer(seed=3))  # [initializer-activation-mismatch]
c = tf.compat.v1.layers.conv2d(inputs, 32, 3, activation=tf.nn.relu, kernel_initializer=tf.glorot_normal_initializer())  # [initializer-activation-mismatch]
h = tf.layers.dense(h, 64, activation=tf.nn.tanh, kernel_initializer=tf.contrib.layers.variance_scaling_initializer())  # [initializer-activation-mismatch]

w1 = tf.compat.v1.get_variable("w1", [16, 64], initializer=tf.contrib.layers.xavier_initializer())  # [deprecated-initializer]
w2 = tf.compat.v1.get_variable("w2", [16, 64], initializer=xavier_initializer(uniform=False))  # [deprecated-initializer]
w3 = tf.get_variable("w3", [3, 3, 8, 8], initializer=tf.contrib.layers.xavier_initializer_conv2d())  # [deprecated-initializer]
w4 = tf.compat.v1.get_variable("w4", [16, 64], initializer=tf.glorot_uniform_initializer(seed=1))  # [deprecated-initializer]
w5 = tf.compat.v1.get_variable("w5", [16, 64], initializer=tf.compat.v1.variance_scaling_initializer(scale=1.0, mode="fan_avg", distribution="uniform"))  # [redundant-variance-scaling]
w6 = tf.compat.v1.get_variable("w6", [16, 64], initializer=tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=True))  # [redundant-variance-scaling]
w7 = tf.compat.v1.get_variable("w7", [16, 64], initializer=tf.contrib.layers.variance_scaling_initializer(mode="fan_in"))  # [invalid-variance-scaling]
w8 = tf.compat.v1.get_variable("w8", [16, 64], initializer=tf.keras.initializers.GlorotUniform())
