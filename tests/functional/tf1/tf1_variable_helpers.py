"""Hand-built kernels passed into a helper's parameter, as TensorFlow-Examples' convolutional_network.py writes
them: `conv2d(x, weights["wc1"], biases["bc1"])` applies the kernel inside the helper, once per call. Each call is
one layer whose kernel is the argument's value; the finding and its fix sit at the kernel's tf.Variable."""
# pylint: disable=invalid-name,redefined-outer-name
import tensorflow.compat.v1 as tf

num_classes = 10
X = tf.placeholder(tf.float32, [None, 784])


def conv2d(x, W, b, strides=1):
    x = tf.nn.conv2d(x, W, strides=[1, strides, strides, 1], padding="SAME")
    x = tf.nn.bias_add(x, b)
    return tf.nn.relu(x)


def maxpool2d(x, k=2):
    return tf.nn.max_pool(x, ksize=[1, k, k, 1], strides=[1, k, k, 1], padding="SAME")


def conv_net(x, weights, biases, dropout):
    x = tf.reshape(x, shape=[-1, 28, 28, 1])
    conv1 = conv2d(x, weights["wc1"], biases["bc1"])
    conv1 = maxpool2d(conv1, k=2)
    conv2 = conv2d(conv1, weights["wc2"], biases["bc2"])
    conv2 = maxpool2d(conv2, k=2)
    fc1 = tf.reshape(conv2, [-1, weights["wd1"].get_shape().as_list()[0]])  # its shape read: no use as a kernel
    fc1 = tf.add(tf.matmul(fc1, weights["wd1"]), biases["bd1"])
    fc1 = tf.nn.relu(fc1)
    fc1 = tf.nn.dropout(fc1, dropout)
    return tf.add(tf.matmul(fc1, weights["out"]), biases["out"])


# N(0, 1) kernels under relu: the three hidden layers explode (the linear head keeps its draw)
weights = {
    "wc1": tf.Variable(tf.random_normal([5, 5, 1, 32])),  # [fixed-scale-initializer]
    "wc2": tf.Variable(tf.random_normal([5, 5, 32, 64])),
    "wd1": tf.Variable(tf.random_normal([7 * 7 * 64, 1024])),
    "out": tf.Variable(tf.random_normal([1024, num_classes])),
}
biases = {
    "bc1": tf.Variable(tf.random_normal([32])),
    "bc2": tf.Variable(tf.random_normal([64])),
    "bd1": tf.Variable(tf.random_normal([1024])),
    "out": tf.Variable(tf.random_normal([num_classes])),
}
keep_prob = tf.placeholder(tf.float32)
logits = conv_net(X, weights, biases, keep_prob)


def dense(x, kernel, bias):
    return tf.nn.relu(tf.matmul(x, kernel) + bias)


def block(x, kernel, bias):
    return dense(x, kernel=kernel, bias=bias)  # passed on, by keyword


# kernels bound to names, passed into a helper (and through a second one): stddev 0.01 on 784 -> 512 vanishes
k1 = tf.Variable(tf.random_normal([784, 512], stddev=0.01))  # [fixed-scale-initializer]
b1 = tf.Variable(tf.zeros([512]))
k2 = tf.Variable(tf.random_normal([512, 512], stddev=0.01))
b2 = tf.Variable(tf.zeros([512]))
k3 = tf.Variable(tf.random_normal([512, 512], stddev=0.01))
b3 = tf.Variable(tf.zeros([512]))
hidden = block(dense(dense(X, k1, b1), k2, b2), k3, b3)

# get_variable kernels through the helper: the default glorot_uniform on a chain of four relu layers (C7702)
g1 = tf.get_variable("g1", [784, 256])  # [implicit-initializer-mismatch]
g2 = tf.get_variable("g2", [256, 256])
g3 = tf.get_variable("g3", [256, 256])
g4 = tf.get_variable("g4", [256, 256])
c1 = tf.Variable(tf.zeros([256]))
deep = dense(dense(dense(dense(X, g1, c1), g2, c1), g3, c1), g4, c1)
