"""Repeated lists that need nothing: no three rectifiers in a row, He, normalization, lists Keras rejects
(a later call hands a layer other features than its first), and Sequentials without a declared input, which
Keras 2 (tf.keras up to TF 2.15, tf_keras) builds from their distinct layers, each called once."""
# pylint: disable=invalid-name
import keras
from keras import layers

alternating = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu"), layers.Dense(64, activation="tanh")] * 3)
he = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu", kernel_initializer="he_uniform"), layers.Dropout(0.1)] * 4)
normalized = keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(64, activation="relu"), layers.Dense(64), layers.BatchNormalization(), layers.ReLU()] * 3)
rejected = [keras.Input(shape=(64,))] + [layers.Dense(32, activation="relu"), layers.Dense(16, activation="relu")] * 3


def build_rejected():
    return keras.Sequential(rejected)  # Keras: ValueError, expected axis -1 of input shape to have value 64


def looped(x):
    for layer in [layers.Dense(64, activation="relu"), layers.Dense(64, activation="linear")] * 3:
        x = layer(x)
    return x


def build_rejected_single():
    return keras.Sequential([keras.Input(shape=(64,))] + [layers.Dense(32, activation="relu")] * 3)  # Keras: ValueError


undeclared = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu")] * 3)
one_conv = keras.Sequential([layers.Conv2D(16, 3, padding="same", activation="relu")] * 15)
