"""NumPy-drawn kernels that are right, or whose scale the source does not fix: silent."""
# pylint: disable=invalid-name
import numpy as np
import tensorflow.compat.v1 as tf

x = tf.placeholder(tf.float32, [None, 784])
# He written by hand (`/ np.sqrt(fan_in / 2)`): not a fixed scale
k1 = tf.Variable(np.random.randn(784, 256).astype(np.float32) / np.sqrt(784 / 2))
a1 = tf.nn.relu(tf.matmul(x, k1))
k2 = tf.Variable(np.random.randn(256, 256).astype(np.float32) / np.sqrt(256 / 2))
a2 = tf.nn.relu(tf.matmul(a1, k2))

# a fixed scale that is He's for these fans: sqrt(2 / 784) = 0.0505, sqrt(2 / 256) = 0.0884
n1 = tf.Variable(np.random.normal(0.0, 0.0505, size=(784, 256)), dtype=tf.float32)
b1 = tf.nn.relu(tf.matmul(x, n1))
n2 = tf.Variable(np.random.normal(0.0, 0.0884, size=(256, 256)), dtype=tf.float32)
b2 = tf.nn.relu(tf.matmul(b1, n2))

# a scale from a variable the source does not fix, and a draw whose shape is a name: not read
scale = float(input())
shape = (256, 256)
m1 = tf.Variable(np.random.normal(0.0, scale, size=(784, 256)), dtype=tf.float32)
c1 = tf.nn.relu(tf.matmul(x, m1))
m2 = tf.Variable(np.random.normal(0.0, 1.0, size=shape), dtype=tf.float32)
c2 = tf.nn.relu(tf.matmul(c1, m2))

# NumPy's Generator API (`default_rng`): not read
rng = np.random.default_rng(0)
d1 = tf.Variable(rng.standard_normal((784, 256)), dtype=tf.float32)
e1 = tf.nn.relu(tf.matmul(x, d1))
d2 = tf.Variable(rng.standard_normal((256, 256)), dtype=tf.float32)
e2 = tf.nn.relu(tf.matmul(e1, d2))
