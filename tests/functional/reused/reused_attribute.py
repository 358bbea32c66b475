"""W7710 on initializers of a project module read as its attributes (`inits.INIT`, the module imported whole):
reported once per object, at its first read. A seeded instance gives every kernel the same draw (identical
where shapes match); its fix is in the module that defines it."""
# pylint: disable=import-error,wrong-import-order
import keras
from keras import layers

import reused_attribute_values as inits

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(64, kernel_initializer=inits.INIT),  # [reused-initializer]
        layers.Dense(64, kernel_initializer=inits.INIT),
        layers.Dense(64, kernel_initializer=inits.FRESH),  # [reused-initializer]
        layers.Dense(64, kernel_initializer=inits.FRESH),
        layers.Dense(10, kernel_initializer=inits.ONCE),
    ]
)


def towers():
    return [layers.Dense(32, kernel_initializer=inits.INIT) for _ in range(2)]
