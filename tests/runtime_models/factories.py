"""Two factories with findings of their own, and a model built at module level."""

import keras
from keras import layers


def relu_net():
    return keras.Sequential([keras.Input((32,))]
                            + [layers.Dense(32, activation="relu", kernel_initializer="glorot_normal") for _ in range(4)]
                            + [layers.Dense(1)])


def tanh_net():
    return keras.Sequential([keras.Input((32,))]
                            + [layers.Dense(32, activation="tanh", kernel_initializer="he_uniform") for _ in range(4)]
                            + [layers.Dense(1)])


built = relu_net()
count = 3
