"""Layers built in a comprehension or a loop of identical layers count as that many layers."""
# pylint: disable=invalid-name
import keras
from keras import layers

comprehension = keras.Sequential(
    [keras.Input(shape=(128,))]
    + [layers.Dense(128, activation="relu") for _ in range(4)]  # [implicit-initializer-mismatch]
    + [layers.Dense(10, activation="softmax")]
)

starred = keras.Sequential([*[layers.Dense(64, activation="relu") for _ in range(2)], layers.Dense(1)])

explicit = keras.Sequential([layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform") for _ in range(3)])  # [initializer-activation-mismatch]

added = keras.Sequential()
for _ in range(3):
    added.add(layers.Dense(64))  # [implicit-initializer-mismatch]
    added.add(layers.ReLU())
added.add(layers.Dense(10))


def tower(x, depth=6):
    for _ in range(4):
        x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]
    return x


def two_passes(x):
    for _ in range(2):
        x = layers.Dense(32, activation="relu")(x)
    return x


def residual_loop(x):
    for _ in range(8):
        y = layers.Dense(32, activation="relu")(x)
        x = layers.Add()([x, y])
    return x


def unknown_count(x, n):
    for _ in range(n):
        x = layers.Dense(32, activation="relu")(x)
    return x
