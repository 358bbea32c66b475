"""`import tensorflow.compat.v1 as tf`: tf.layers chains; replacements spelled with the same tf."""
# pylint: disable=invalid-name
import tensorflow.compat.v1 as tf

x = tf.placeholder(tf.float32, [None, 784])
h = tf.layers.dense(x, 256, activation=tf.nn.relu)  # [implicit-initializer-mismatch]
h = tf.layers.dense(h, 256, activation=tf.nn.relu)
h = tf.layers.dense(h, 256)
h = tf.nn.relu(h)
h = tf.layers.dropout(h, 0.5)
logits = tf.layers.dense(h, 10)

t = tf.layers.dense(x, 256, activation=tf.nn.tanh, kernel_initializer=tf.glorot_uniform_initializer())  # [deprecated-initializer]
r = tf.layers.dense(t, 256, activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_uniform())
c = tf.layers.conv2d(tf.reshape(x, [-1, 28, 28, 1]), 32, 3, activation=tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer())  # [initializer-activation-mismatch]
