"""Hand-built kernels passed into helpers that are right, or that the checker cannot follow soundly: silent."""
# pylint: disable=invalid-name,redefined-outer-name
import tensorflow.compat.v1 as tf

X = tf.placeholder(tf.float32, [None, 784])


def conv2d(x, W, b, strides=1):
    x = tf.nn.conv2d(x, W, strides=[1, strides, strides, 1], padding="SAME")
    x = tf.nn.bias_add(x, b)
    return tf.nn.relu(x)


def conv_net(x, weights, biases):
    x = tf.reshape(x, shape=[-1, 28, 28, 1])
    conv1 = conv2d(x, weights["wc1"], biases["bc1"])
    conv2 = conv2d(conv1, weights["wc2"], biases["bc2"])
    return conv2d(conv2, weights["wc3"], biases["bc3"])


# He on the same shapes: nothing to say
weights = {
    "wc1": tf.Variable(tf.keras.initializers.he_normal()([5, 5, 1, 32])),
    "wc2": tf.Variable(tf.keras.initializers.he_normal()([5, 5, 32, 64])),
    "wc3": tf.Variable(tf.keras.initializers.he_normal()([5, 5, 64, 64])),
}
biases = {"bc1": tf.Variable(tf.zeros([32])), "bc2": tf.Variable(tf.zeros([64])), "bc3": tf.Variable(tf.zeros([64]))}
net = conv_net(X, weights, biases)


def logged(x, kernel):
    tf.summary.histogram("kernel", kernel)  # a use that is not a kernel's: the variable is not read as a layer
    return tf.nn.relu(tf.matmul(x, kernel))


def rebound(x, kernel):
    kernel = tf.transpose(kernel)  # the parameter is written again: what reaches matmul is not the argument
    return tf.nn.relu(tf.matmul(x, kernel))


n1 = tf.Variable(tf.random_normal([784, 784]))
n2 = tf.Variable(tf.random_normal([784, 784]))
m1 = tf.Variable(tf.random_normal([784, 784]))
m2 = tf.Variable(tf.random_normal([784, 784]))
out = rebound(rebound(logged(logged(X, n1), n2), m1), m2)
