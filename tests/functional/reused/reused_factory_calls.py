"""W7710 in factories: a value the factory does not take as a parameter is named by the factory's calls."""
# pylint: disable=missing-function-docstring
import keras
import tensorflow as tf
from keras import layers

SHARED = keras.initializers.GlorotUniform(seed=3)  # [reused-initializer]


def projection():
    return layers.Dense(32, kernel_initializer=keras.initializers.HeNormal(seed=11))  # [reused-initializer]


def heads():
    inputs = keras.Input(shape=(32,))
    query = projection()(inputs)
    key = projection()(inputs)
    value = projection()(inputs)
    return keras.Model(inputs, [query, key, value])


def shared_block():
    return layers.Dense(16, kernel_initializer=SHARED)


def two_blocks():
    first = shared_block()
    second = shared_block()
    return keras.Sequential([keras.Input(shape=(16,)), first, second])


def member():
    return layers.Dense(8, kernel_initializer=keras.initializers.LecunNormal(seed=5))  # [reused-initializer]


ensemble = [member() for _ in range(4)]


def legacy_block():
    return tf.keras.layers.Dense(8, kernel_initializer=tf.keras.initializers.HeNormal(seed=2))  # [reused-initializer]


legacy = [legacy_block(), legacy_block()]


def fresh_per_call():
    init = keras.initializers.HeNormal()
    return layers.Dense(8, kernel_initializer=init)


fresh = [fresh_per_call(), fresh_per_call()]
