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


def glorot_init(shape):  # [hand-rolled-initializer]
    return tf.random.normal(shape=shape, stddev=1. / tf.sqrt(shape[0] / 2.))


def xavier_by_hand(shape):  # [hand-rolled-initializer]
    in_dim, out_dim = shape
    limit = tf.sqrt(6.) / tf.sqrt(tf.cast(in_dim + out_dim, tf.float32))
    return tf.random.uniform(shape, -limit, limit)


v1 = tf.Variable(tf.keras.initializers.GlorotUniform()(shape=(784, 256)))  # [initializer-activation-mismatch]
g1 = tf.nn.relu(tf.matmul(x, v1))
v2 = tf.Variable(glorot_init([784, 256]))
g2 = tf.nn.relu(tf.matmul(x, v2))
v3 = tf.Variable(xavier_by_hand([784, 256]))  # [initializer-activation-mismatch]
g3 = tf.nn.relu(tf.matmul(x, v3))
v4 = tf.Variable(tf.random.normal([784, 256], stddev=0.01))
g4 = tf.nn.relu(tf.matmul(x, v4))
w9 = tf.compat.v1.get_variable("w9", [256, 784], initializer=tf.contrib.layers.xavier_initializer())  # [deprecated-initializer]
g9 = tf.nn.relu(tf.matmul(x, w9, transpose_b=True))
