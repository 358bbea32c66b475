"""Dropout between weighted layers (functional and Sequential), and depthwise convolutions."""

import keras
from keras import layers


def functional():
    inputs = keras.Input((64,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(64, activation="relu")(x)
    return keras.Model(inputs, layers.Dense(1)(x))


def sequential():
    return keras.Sequential([
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),
        layers.Dropout(0.3),
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),
        layers.Dropout(0.3),
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),
        layers.Dense(2),
    ])


def depthwise():
    inputs = keras.Input((16, 16, 8))
    x = layers.DepthwiseConv2D(3, padding="same", activation="relu")(inputs)
    x = layers.SeparableConv2D(8, 3, padding="same", activation="relu")(x)
    return keras.Model(inputs, layers.GlobalAveragePooling2D()(x))
