"""Hand-built TF1 layers: a get_variable kernel applied by tf.matmul / tf.nn.conv2d, then an activation."""
# pylint: disable=invalid-name
import tensorflow as tf

x = tf.compat.v1.placeholder(tf.float32, [None, 784])
b = tf.compat.v1.get_variable("b", [256], initializer=tf.zeros_initializer())

w1 = tf.compat.v1.get_variable("w1", [784, 256], initializer=tf.contrib.layers.xavier_initializer())  # [initializer-activation-mismatch]
h1 = tf.nn.relu(tf.matmul(x, w1) + b)

w2 = tf.compat.v1.get_variable("w2", [256, 256], initializer=tf.contrib.layers.xavier_initializer())  # [initializer-activation-mismatch]
z2 = tf.matmul(h1, w2)
h2 = tf.nn.relu(z2)

w3 = tf.compat.v1.get_variable("w3", [3, 3, 1, 32], initializer=tf.compat.v1.glorot_normal_initializer())  # [initializer-activation-mismatch]
b3 = tf.compat.v1.get_variable("b3", [32], initializer=tf.zeros_initializer())
c3 = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(tf.reshape(x, [-1, 28, 28, 1]), w3, strides=1, padding="SAME"), b3))

w4 = tf.compat.v1.get_variable("w4", [256, 256], initializer=tf.contrib.layers.xavier_initializer())  # [deprecated-initializer]
h4 = tf.nn.tanh(tf.matmul(h2, w4))

w5 = tf.compat.v1.get_variable("w5", [256, 10], initializer=tf.contrib.layers.xavier_initializer())  # [deprecated-initializer]
logits = tf.matmul(h4, w5)

w6 = tf.compat.v1.get_variable("w6", [256, 256], initializer=tf.keras.initializers.he_uniform())
h6 = tf.nn.relu(h1 @ w6)

w7 = tf.compat.v1.get_variable("w7", [256, 256], initializer=tf.contrib.layers.xavier_initializer())  # [deprecated-initializer]
h7 = tf.nn.relu(tf.matmul(h1, w7))
h8 = tf.nn.tanh(tf.matmul(h4, w7))
