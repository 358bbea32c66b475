"""tf.Variable kernels drawn by random ops that need no change: scales that suit the width, the deep-MNIST
tutorial's truncated_normal(stddev=0.1) (its chain stays in the band), the fix's own form, and dicts whose
entries the checker cannot pin down."""
# pylint: disable=invalid-name,redefined-outer-name
import tensorflow.compat.v1 as tf

x = tf.placeholder("float", [None, 784])
images = tf.reshape(x, [-1, 28, 28, 1])

# the TensorFlow "Deep MNIST for experts" tutorial: 25 then 800 inputs per unit, 0.3x over the chain
W_conv1 = tf.Variable(tf.truncated_normal([5, 5, 1, 32], stddev=0.1))
h_conv1 = tf.nn.relu(tf.nn.conv2d(images, W_conv1, strides=[1, 1, 1, 1], padding="SAME"))
W_conv2 = tf.Variable(tf.truncated_normal([5, 5, 32, 64], stddev=0.1))
h_conv2 = tf.nn.relu(tf.nn.conv2d(h_conv1, W_conv2, strides=[1, 1, 1, 1], padding="SAME"))

# He's scale written by hand: stddev = sqrt(2 / 256) = 0.088
kernels = {"a": tf.Variable(tf.random.normal([784, 256], stddev=0.0505)),
           "b": tf.Variable(tf.random.normal([256, 256], stddev=0.088)),
           "c": tf.Variable(tf.random.normal([256, 256], stddev=0.088))}
a1 = tf.nn.relu(tf.matmul(x, kernels["a"]))
a2 = tf.nn.relu(tf.matmul(a1, kernels["b"]))
a3 = tf.nn.relu(tf.matmul(a2, kernels["c"]))

# what the fix writes
fixed = {"h1": tf.Variable(tf.keras.initializers.he_normal()([784, 256])),
         "h2": tf.Variable(tf.keras.initializers.he_normal()([256, 256]))}
f1 = tf.nn.relu(tf.matmul(x, fixed["h1"]))
f2 = tf.nn.relu(tf.matmul(f1, fixed["h2"]))

# an entry replaced later: which variable `rewritten["h1"]` reads is not the literal's
rewritten = {"h1": tf.Variable(tf.random_normal([784, 256])), "h2": tf.Variable(tf.random_normal([256, 256]))}
rewritten["h1"] = tf.Variable(tf.zeros([784, 256]))
w1 = tf.nn.relu(tf.matmul(x, rewritten["h1"]))
w2 = tf.nn.relu(tf.matmul(w1, rewritten["h2"]))


def net(inputs, weights):
    hidden = tf.nn.relu(tf.matmul(inputs, weights["h1"]))
    return tf.nn.relu(tf.matmul(hidden, weights["h2"]))


# two calls passing different dicts: `weights` in `net` is neither
one = {"h1": tf.Variable(tf.random_normal([784, 256])), "h2": tf.Variable(tf.random_normal([256, 256]))}
two = {"h1": tf.Variable(tf.random_normal([784, 256])), "h2": tf.Variable(tf.random_normal([256, 256]))}
out_one = net(x, one)
out_two = net(x, two)

# a one-layer head scales its output on purpose
head = tf.Variable(tf.random_normal([256, 10], stddev=0.01))
logits = tf.nn.softmax(tf.matmul(a3, head))
