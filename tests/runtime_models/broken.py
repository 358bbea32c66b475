"""Factories that fail in each way verify reports as an error (exit 2)."""

import keras
from keras import layers


def raises():
    raise ValueError("the dataset path is not configured")


def not_a_model():
    return 42


def small():
    return keras.Sequential([keras.Input((8,)), layers.Dense(4, activation="relu")])
