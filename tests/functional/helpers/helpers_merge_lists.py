"""Merges the network model reads beyond one merge of straight branches: a merge list bound to a name first,
tf.concat, a residual helper inside a merge's list, helpers with two merges in a row and branches reading
another branch's value. Each chain ends at its merge; findings sit on the helper's layer and name the calls."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import layers


def conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]


def conv_block(x, f):
    x = conv(x, f)
    x = conv(x, f)
    return conv(x, f)


images = keras.Input(shape=(16, 16, 32))
branches = [conv_block(images, 32), images]  # the residual branch, three convs in a row
summed = layers.Add()(branches)
towers = keras.ops.concatenate([conv(summed, 16), conv(summed, 16)], axis=-1)  # two branches of one conv each
named = keras.Model(images, layers.Conv2D(8, 1)(towers))


def graph_mode_towers():
    """tf.concat of TF 1 tensors (built in graph mode only, so never at import)."""
    x = tf.compat.v1.placeholder(tf.float32, [None, 16, 16, 32])
    joined = tf.concat([conv(x, 16), conv(x, 16)], axis=-1)
    return layers.Conv2D(8, 1)(joined)


def residual(x, f):
    y = layers.Dense(f, activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]
    return layers.Add()([x, y])


tokens = keras.Input(shape=(32,))
h = layers.Add()([residual(tokens, 32), tokens])  # a residual helper inside a merge's list
h = layers.concatenate([residual(h, 32), h])
nested = keras.Model(tokens, layers.Dense(1)(h))


def two_units(x, f):
    y = layers.Add()([x, layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="glorot_normal")(x)])  # [initializer-activation-mismatch]
    z = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_normal")(y)
    return layers.Add()([y, z])


pixels = keras.Input(shape=(8, 8, 16))
units = keras.Model(pixels, two_units(two_units(pixels, 16), 16))


def inception(x):
    b1 = layers.Conv2D(16, 1, activation="relu", kernel_initializer="he_uniform")(x)
    b2 = layers.Conv2D(16, 3, padding="same", activation="relu")(b1)  # [implicit-initializer-mismatch]
    b3 = layers.Conv2D(16, 3, padding="same", activation="relu")(b2)
    b4 = layers.Conv2D(16, 3, padding="same", activation="relu")(b3)
    pooled = layers.MaxPooling2D(3, strides=1, padding="same")(x)
    return layers.concatenate([b1, b4, pooled])


grid = keras.Input(shape=(8, 8, 16))
towered = keras.Model(grid, inception(inception(grid)))


def inception_module(x, filters_1x1, filters_3x3, name=None, kernel_init="glorot_uniform"):
    """GoogLeNet's module as tutorials write it: the merge bound to a name, then returned."""
    conv_1x1 = layers.Conv2D(filters_1x1, 1, activation="relu", kernel_initializer=kernel_init)(x)  # [initializer-activation-mismatch]
    reduced = layers.Conv2D(8, 1, activation="relu", kernel_initializer=kernel_init)(x)  # [initializer-activation-mismatch]
    conv_3x3 = layers.Conv2D(filters_3x3, 3, padding="same", activation="relu", kernel_initializer=kernel_init)(reduced)  # [initializer-activation-mismatch]
    output = layers.concatenate([conv_1x1, conv_3x3], axis=3, name=name)
    return output


stem = keras.Input(shape=(8, 8, 16))
googlenet = keras.Model(stem, inception_module(inception_module(stem, 16, 16, name="a"), 16, 32, name="b"))
