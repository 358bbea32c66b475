"""A helper called inside the Model call's own arguments (`keras.Model(i, block(i))`) takes part in the
network like a helper called on a line of its own: the message names those calls too, and the figure
covers their widths (64 -> 32 loses 0.67x, 32 -> 32 0.5x)."""
# pylint: disable=invalid-name
import keras
from keras import layers


def block(x, f):
    return layers.Dense(f, activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]


i = keras.Input((64,))
out = layers.Dense(10)(block(block(block(i, 64), 64), 64))
m = keras.Model(i, out)

i2 = keras.Input((64,))
m2 = keras.Model(i2, block(block(block(i2, 32), 32), 32))
m3 = keras.models.Model(inputs=i2, outputs=block(i2, 32))


def implicit(x):
    return layers.Dense(128, activation="relu")(x)  # [implicit-initializer-mismatch]


def build():
    inputs = keras.Input((128,))
    return keras.Model(inputs, implicit(implicit(implicit(implicit(inputs)))))
