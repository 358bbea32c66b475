"""glorot-min-chain=2: two consecutive rectifier layers are already reported."""
# pylint: disable=invalid-name
import keras
from keras import layers

two_hidden = keras.Sequential(
    [
        layers.Dense(128, activation="relu"),  # [implicit-initializer-mismatch]
        layers.Dense(128, activation="relu"),
        layers.Dense(10),
    ]
)
single_hidden = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(1)])
