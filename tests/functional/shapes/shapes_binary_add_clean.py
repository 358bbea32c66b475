"""`a + b` of two tensors read as an Add merge, with every initializer fitting its activation: nothing to
report, whether the add's operands are names, a layer applied in the add, a helper's output or a loop's."""
# pylint: disable=invalid-name
import keras
from keras import layers


def block(x, f):
    x = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
    x = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
    return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)


images = keras.Input((16, 16, 64))
x = images + block(images, 64)
x = layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
resnet = keras.Model(images, x)

tokens = keras.Input((64,))
t = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(tokens)
t = t + layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(t)
shortcut = t
t = layers.Dense(64, activation="tanh")(t)
t = t + shortcut
t = layers.Dense(10)(t)
mlp = keras.Model(tokens, t)


def residual(x):
    y = layers.Dense(64, activation="relu", kernel_initializer="he_normal")(x)
    return x + y


r = residual(residual(tokens))
stacked = keras.Model(tokens, layers.Dense(1)(r))

s = tokens
for _ in range(3):
    s = s + layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(s)
looped = keras.Model(tokens, s)
