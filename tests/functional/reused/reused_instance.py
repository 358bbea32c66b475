"""W7710: one initializer object reaching several kernels, in every code shape."""
# pylint: disable=invalid-name,missing-function-docstring,too-few-public-methods
import functools

import keras
from keras import layers

INIT = keras.initializers.HeNormal(seed=42)  # [reused-initializer]


def module_level_name():
    inputs = keras.Input(shape=(64,))
    x = layers.Dense(64, activation="relu", kernel_initializer=INIT)(inputs)
    x = layers.Dense(64, activation="relu", kernel_initializer=INIT)(x)
    return keras.Model(inputs, x)


def local_name():
    shared = keras.initializers.GlorotUniform()  # [reused-initializer]
    return keras.Sequential([
        layers.Dense(32, input_dim=32, kernel_initializer=shared),
        layers.Dense(32, kernel_initializer=shared),
    ])


class Towers(keras.Model):
    init = keras.initializers.HeUniform()  # [reused-initializer]

    def __init__(self):
        super().__init__()
        self.query = layers.Dense(16, kernel_initializer=self.init)
        self.key = layers.Dense(16, kernel_initializer=self.init)


class SelfAttribute(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.init = keras.initializers.Orthogonal(seed=3)  # [reused-initializer]
        self.a = layers.Dense(8, kernel_initializer=self.init)
        self.b = layers.Dense(8, kernel_initializer=self.init)


def tower(width, init):
    return keras.Sequential([layers.Dense(width, activation="relu", kernel_initializer=init)])


tower_init = keras.initializers.HeNormal()  # [reused-initializer]
siamese = [tower(32, tower_init), tower(32, tower_init)]


def member(init=keras.initializers.LecunNormal(seed=1)):  # [reused-initializer]
    return layers.Dense(10, kernel_initializer=init)


ensemble = [member() for _ in range(5)]

Wide = functools.partial(layers.Dense, 16, kernel_initializer=keras.initializers.LecunNormal())  # [reused-initializer]
wide_a = Wide()
wide_b = Wide()

CONFIG = dict(kernel_initializer=keras.initializers.RandomNormal(stddev=0.02))  # [reused-initializer]
head_a = layers.Dense(4, **CONFIG)
head_b = layers.Dense(4, **CONFIG)

SEEDED_DICT = {"class_name": "GlorotUniform", "config": {"seed": 5}}  # [reused-initializer]
dict_a = layers.Dense(4, kernel_initializer=SEEDED_DICT)
dict_b = layers.Dense(4, kernel_initializer=SEEDED_DICT)

loop_init = keras.initializers.TruncatedNormal(stddev=0.02)  # [reused-initializer]
stack = keras.Sequential([layers.Dense(64, kernel_initializer=loop_init) for _ in range(3)])
