"""Helpers whose body opens with a `with` block (`tf.name_scope`, a strategy's scope): the block does not
cut the line from the tensor parameter to the `return`, inside the helper as anywhere else."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import layers


def conv(x, f, name):
    with tf.name_scope(name):
        x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]
        return x


images = keras.Input(shape=(32, 32, 3))
x = conv(conv(conv(images, 16, "c1"), 16, "c2"), 32, "c3")
vgg = keras.Model(images, layers.Dense(10)(layers.GlobalAveragePooling2D()(x)))


def dense(units):
    """A helper returning a layer from inside the block."""
    with tf.name_scope("dense"):
        return layers.Dense(units, activation="relu")  # [implicit-initializer-mismatch]


tower = keras.Sequential([keras.Input(shape=(128,)), dense(128), dense(128), dense(128), layers.Dense(1)])


def projected(x, init="glorot_uniform"):
    with tf.name_scope("outer"):
        with tf.name_scope("inner"):  # nested blocks: spliced too
            x = layers.Dense(64, activation="relu", kernel_initializer=init)(x)  # [initializer-activation-mismatch]
    return x


tokens = keras.Input(shape=(32,))
net = keras.Model(tokens, projected(projected(tokens)))
