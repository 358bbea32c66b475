"""`a + b` of two tensors is an Add merge: a chain ends at the add (each branch counted on its own), the
channels flow through it, and the layers of a branch written in the add are judged on that branch, as for
`layers.Add()([a, b])`. An operand the model cannot read as a tensor keeps the add a barrier."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import layers


def block(x, f):
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)


# A helper's three layers on the residual branch: a chain of three, ending at the add; the layer after reads 64.
images = keras.Input((16, 16, 64))
x = images + block(images, 64)
x = layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]
resnet = keras.Model(images, x)

# The branch written in the add, and a name on each side: the Dense after the adds reads 64 features.
tokens = keras.Input((64,))
t = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(tokens)
t = t + layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)  # [initializer-activation-mismatch]
shortcut = t
t = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(t)
t = t + shortcut
t = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")(t)  # [initializer-activation-mismatch]
mlp = keras.Model(tokens, t)


def residual(x):
    """A residual helper returning `x + y`: expanded per call, its merge a real node."""
    y = layers.Dense(64, activation="relu", kernel_initializer="glorot_normal")(x)  # [initializer-activation-mismatch]
    return x + y


r = residual(residual(tokens))
r = layers.Dense(16, activation="relu", kernel_initializer="glorot_uniform")(r)  # [initializer-activation-mismatch]
stacked = keras.Model(tokens, r)

# Operands the model does not read as tensors: each add stays a barrier, so no width is stated after it.
scale = 2.0
bias = tf.Variable(tf.zeros((64,)))
a = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(tokens)
b = a + scale
b = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(b)  # [initializer-activation-mismatch]
c = a * a
c = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(c)  # [initializer-activation-mismatch]
d = a - a
d = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(d)  # [initializer-activation-mismatch]
e = tf.add(a, a)
e = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(e)  # [initializer-activation-mismatch]
f = a + a + a
f = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(f)  # [initializer-activation-mismatch]
g = a + bias
g = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(g)  # [initializer-activation-mismatch]
h = a + a[0]
h = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(h)  # [initializer-activation-mismatch]
ones = tf.ones((64,))
k = a + ones  # a name no flow writes: the add's input is unknown, so is its width
k = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(k)  # [initializer-activation-mismatch]

# A counted loop adding a branch to what it carries: each pass a residual unit of its own, 64 features in each.
s = tokens
for _ in range(3):
    s = s + layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(s)  # [initializer-activation-mismatch]
looped = keras.Model(tokens, s)
