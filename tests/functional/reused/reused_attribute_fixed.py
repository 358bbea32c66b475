"""W7710 on an unseeded instance of a project module read as an attribute: `fix` gives each layer its own."""
# pylint: disable=import-error,wrong-import-order
import keras
from keras import layers

import reused_attribute_values

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(64, kernel_initializer=reused_attribute_values.FRESH),  # [reused-initializer]
        layers.Dense(64, kernel_initializer=reused_attribute_values.FRESH),
        layers.Dense(64, kernel_initializer=reused_attribute_values.FRESH),
    ]
)
