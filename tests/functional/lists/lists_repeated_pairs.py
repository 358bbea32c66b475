"""A list of several layers repeated (`[a, b] * 3`): the same two layers called a b a b a b.

Keras 3 builds it (two kernels, six calls); the chain, each pass's shapes and the figures follow that order."""
# pylint: disable=invalid-name
import keras
from keras import layers

pairs = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu")] * 3)  # [implicit-initializer-mismatch]
flipped = keras.Sequential([keras.Input(shape=(64,)), *(3 * (layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu")))])  # [implicit-initializer-mismatch]
mixed = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(32, activation="relu"), layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")] * 3)  # [implicit-initializer-mismatch, initializer-activation-mismatch]
convs = keras.Sequential(
    [keras.Input(shape=(32, 32, 3))]
    + [layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"), layers.Conv2D(3, 3, padding="same", activation="relu")] * 3  # [implicit-initializer-mismatch]
    + [layers.Flatten(), layers.Dense(10)]
)


def build_applied():
    inputs = keras.Input(shape=(64,))
    x = inputs
    for layer in [layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu")] * 2:  # [implicit-initializer-mismatch]
        x = layer(x)
    return keras.Model(inputs, layers.Dense(10)(x))


applied = build_applied()
