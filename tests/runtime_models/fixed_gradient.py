"""W7709 chains whose message states the gradient figure (tanh), and one that states the forward one (relu)."""

import keras
from keras import initializers, layers


def saturated():
    """U(0, 1) under tanh: every unit shares a shift of about 32, tanh saturates, the gradient vanishes."""
    return keras.Sequential(
        [keras.Input(shape=(64,))]
        + [layers.Dense(64, activation="tanh", kernel_initializer=initializers.RandomUniform(0.0, 1.0)) for _ in range(6)]
        + [layers.Dense(1)]
    )


def chaotic():
    """N(0, 1) under tanh at width 64: the signal stays near 1, the gradient grows every layer."""
    return keras.Sequential(
        [keras.Input(shape=(64,))]
        + [layers.Dense(64, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=1.0)) for _ in range(6)]
        + [layers.Dense(1)]
    )


def shrinking():
    """N(0, 0.01) under relu: the signal's second moment shrinks x5e-5 per layer."""
    return keras.Sequential(
        [keras.Input(shape=(64,))]
        + [layers.Dense(64, activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.01)) for _ in range(6)]
        + [layers.Dense(1)]
    )
