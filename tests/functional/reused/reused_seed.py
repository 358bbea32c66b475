"""W7710: one literal seed given to fresh initializers of several kernels."""
# pylint: disable=missing-function-docstring
import keras
from keras import layers

SEED = 1234


def model_definition():
    return keras.Sequential([
        layers.Dense(64, input_dim=64, kernel_initializer=keras.initializers.HeNormal(seed=SEED)),  # [reused-initializer]
        layers.Dense(64, kernel_initializer=keras.initializers.HeNormal(seed=SEED)),
        layers.Dense(10, kernel_initializer=keras.initializers.GlorotUniform(seed=7)),
    ])


def block(units):
    return layers.Dense(units, kernel_initializer=keras.initializers.GlorotNormal(seed=0))  # [reused-initializer]


def stacked():
    inputs = keras.Input(shape=(16,))
    x = block(16)(inputs)
    x = block(16)(x)
    return keras.Model(inputs, x)


def distinct_seeds_are_fine():
    return keras.Sequential([
        layers.Dense(8, kernel_initializer=keras.initializers.HeNormal(seed=1)),
        layers.Dense(8, kernel_initializer=keras.initializers.HeNormal(seed=2)),
    ])


def different_draws_are_not_one_stream():
    return keras.Sequential([
        layers.LSTM(8, kernel_initializer=keras.initializers.GlorotUniform(seed=3),
                    recurrent_initializer=keras.initializers.Orthogonal(seed=3)),
    ])


def one_kernel_size_two_spellings():
    return keras.Sequential([
        keras.Input(shape=(32, 32, 8)),
        layers.Conv2D(8, 3, padding="same", kernel_initializer=keras.initializers.HeUniform(seed=5)),  # [reused-initializer]
        layers.Conv2D(8, (3, 3), padding="same", kernel_initializer=keras.initializers.HeUniform(seed=5)),
    ])
