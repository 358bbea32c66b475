"""tf.Variable kernels drawn by TensorFlow's random ops, as the TF 1 tutorials write them: kept in dicts, read
by key inside a model function, N(0, 1) by default. A fix replaces the whole draw by an initializer applied to
the same shape."""
# pylint: disable=invalid-name,redefined-outer-name
import tensorflow.compat.v1 as tf

n_input = 784
n_hidden_1 = 256
n_hidden_2 = 256
n_classes = 10

x = tf.placeholder("float", [None, n_input])

# TensorFlow-Examples' multilayer perceptron: N(0, 1) under relu on 784 -> 256 -> 256 explodes
weights = {
    "h1": tf.Variable(tf.random_normal([n_input, n_hidden_1])),  # [fixed-scale-initializer]
    "h2": tf.Variable(tf.random_normal([n_hidden_1, n_hidden_2])),
    "out": tf.Variable(tf.random_normal([n_hidden_2, n_classes])),
}
biases = {
    "b1": tf.Variable(tf.random_normal([n_hidden_1])),
    "b2": tf.Variable(tf.random_normal([n_hidden_2])),
    "out": tf.Variable(tf.random_normal([n_classes])),
}


def multilayer_perceptron(x, weights, biases):
    layer_1 = tf.add(tf.matmul(x, weights["h1"]), biases["b1"])
    layer_1 = tf.nn.relu(layer_1)
    layer_2 = tf.add(tf.matmul(layer_1, weights["h2"]), biases["b2"])
    layer_2 = tf.nn.relu(layer_2)
    return tf.matmul(layer_2, weights["out"]) + biases["out"]


pred = multilayer_perceptron(x, weights, biases)

# TF 2 spellings, a seed and a dtype kept: U(0, 1) (mean 0.5) under relu, truncated N(0, 1) under tanh
u1 = tf.Variable(tf.random.uniform([784, 256], seed=3))  # [fixed-scale-initializer]
r1 = tf.nn.relu(tf.matmul(x, u1))
u2 = tf.Variable(tf.random.uniform([256, 256], dtype=tf.float32))
r2 = tf.nn.relu(tf.matmul(r1, u2))

t1 = tf.Variable(tf.random.truncated_normal([784, 256], stddev=1.0))  # [fixed-scale-initializer]
s1 = tf.nn.tanh(tf.matmul(x, t1))
t2 = tf.Variable(tf.truncated_normal([256, 256]))
s2 = tf.nn.tanh(tf.matmul(s1, t2))
t3 = tf.Variable(tf.truncated_normal([256, 256]))
s3 = tf.nn.tanh(tf.matmul(s2, t3))


def small_net(inputs):
    """A function-level dict: stddev 0.01 on 784 -> 512 -> 512 -> 512 relu vanishes."""
    kernels = {"a": tf.Variable(tf.random_normal([784, 512], stddev=0.01)),  # [fixed-scale-initializer]
               "b": tf.Variable(tf.random_normal([512, 512], stddev=0.01)),
               "c": tf.Variable(tf.random_normal([512, 512], stddev=0.01))}
    hidden = tf.nn.relu(tf.matmul(inputs, kernels["a"]))
    hidden = tf.nn.relu(tf.matmul(hidden, kernels["b"]))
    return tf.nn.relu(tf.matmul(hidden, kernels["c"]))


small = small_net(x)

# get_variable kernels in a dict: the default glorot_uniform chain (C7702) and an explicit Glorot (W7701)
layers_w = {
    "k1": tf.get_variable("k1", [784, 256]),  # [implicit-initializer-mismatch]
    "k2": tf.get_variable("k2", [256, 256]),
    "k3": tf.get_variable("k3", [256, 256]),
    "k4": tf.get_variable("k4", [256, 4096], initializer=tf.glorot_uniform_initializer()),  # [initializer-activation-mismatch]
}
g1 = tf.nn.relu(tf.matmul(x, layers_w["k1"]))
g2 = tf.nn.relu(tf.matmul(g1, layers_w["k2"]))
g3 = tf.nn.relu(tf.matmul(g2, layers_w["k3"]))
g4 = tf.nn.relu(tf.matmul(g3, layers_w["k4"]))
