"""R7704: a VarianceScaling spelled out that is exactly HeNormal (same seed, same tensor)."""

import keras
from keras import layers

SEED = 7


def build():
    return keras.Sequential([
        keras.Input((16,)),
        layers.Dense(32, activation="relu",
                     kernel_initializer=keras.initializers.VarianceScaling(2.0, "fan_in", "truncated_normal", seed=SEED)),
        layers.Dense(1),
    ])
