"""The helpers of helpers_with_scopes.py written right (He under relu, Glorot on linear units): silent."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import layers


def conv(x, f, name):
    with tf.name_scope(name):
        x = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
        return x


images = keras.Input(shape=(32, 32, 3))
x = conv(conv(conv(images, 16, "c1"), 16, "c2"), 32, "c3")
vgg = keras.Model(images, layers.Dense(10)(layers.GlobalAveragePooling2D()(x)))


def dense(units):
    with tf.name_scope("dense"):
        return layers.Dense(units)  # linear: Glorot's own case


tower = keras.Sequential([keras.Input(shape=(128,)), dense(128), dense(128), dense(128), layers.Dense(1)])


def projected(x, init="he_normal"):
    with tf.name_scope("outer"):
        with tf.name_scope("inner"):
            x = layers.Dense(64, activation="relu", kernel_initializer=init)(x)
    return x


tokens = keras.Input(shape=(32,))
net = keras.Model(tokens, projected(projected(tokens)))
