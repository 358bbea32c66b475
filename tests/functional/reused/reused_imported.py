"""W7710 on initializers imported from a module of the user's own project, found beside this file."""
# pylint: disable=missing-function-docstring,import-error,wrong-import-order
from keras import layers

from reused_imported_values import SHARED  # [reused-initializer]
from reused_imported_values import FRESH as INIT, NOISE, ONCE  # [reused-initializer, reused-initializer]
from keras.initializers import HeUniform


def towers():
    query = layers.Dense(64, kernel_initializer=SHARED)
    key = layers.Dense(64, kernel_initializer=SHARED)
    return query, key


def heads():
    return [layers.Dense(8, kernel_initializer=INIT), layers.Dense(8, kernel_initializer=INIT)]


def noisy():
    return [layers.Dense(8, kernel_initializer=NOISE) for _ in range(2)]


def once():
    return layers.Dense(8, kernel_initializer=ONCE), layers.Dense(8, kernel_initializer=HeUniform())
