"""tf.Variable kernels drawn by NumPy, as tutorials write them: N(0, 1) by default (`randn`), a literal factor
(`* 0.01`), `normal(loc, scale, size)`, `rand` / `uniform` (U(0, 1): mean 0.5). A NumPy array is float64: the
fix draws the initializer on the same shape in the dtype the variable had (float64 unless cast or given)."""
# pylint: disable=invalid-name
import numpy as np
import tensorflow.compat.v1 as tf

x64 = tf.placeholder(tf.float64, [None, 784])
w1 = tf.Variable(np.random.randn(784, 256))  # [fixed-scale-initializer]
h1 = tf.nn.relu(tf.matmul(x64, w1))
w2 = tf.Variable(np.random.randn(256, 256))
h2 = tf.nn.relu(tf.matmul(h1, w2))

x = tf.placeholder(tf.float32, [None, 784])
s1 = tf.Variable(np.random.randn(784, 512).astype(np.float32) * 0.01)  # [fixed-scale-initializer]
g1 = tf.nn.relu(tf.matmul(x, s1))
s2 = tf.Variable(np.random.normal(0, 0.01, size=(512, 512)), dtype=tf.float32)
g2 = tf.nn.relu(tf.matmul(g1, s2))
s3 = tf.Variable(np.random.normal(scale=0.01, size=[512, 512]).astype(np.float32))
g3 = tf.nn.relu(tf.matmul(g2, s3))

u1 = tf.Variable(np.random.rand(784, 256), dtype=tf.float32)  # [fixed-scale-initializer]
r1 = tf.nn.relu(tf.matmul(x, u1))
u2 = tf.Variable(np.random.uniform(size=(256, 256)).astype("float32"))
r2 = tf.nn.relu(tf.matmul(r1, u2))
