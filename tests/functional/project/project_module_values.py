"""Initializers read through an imported module of the project (`inits.INIT`), found from this file's own
imports and place, never by running either file. The fix replaces the use and imports what it writes."""
# pylint: disable=import-error,wrong-import-order
import keras
from keras import layers

import _project.inits
import _project.inits as aliased
from _project import inits
from _project.inits import INIT

model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(256, activation="relu", kernel_initializer=inits.INIT),  # [initializer-activation-mismatch]
        layers.Dense(256, activation="relu", kernel_initializer=aliased.NAMED),  # [initializer-activation-mismatch]
        layers.Dense(256, activation="relu", kernel_initializer=_project.inits.GOT),  # [initializer-activation-mismatch]
        layers.Dense(256, activation="relu", kernel_initializer=INIT),  # [initializer-activation-mismatch]
        layers.Dense(256, activation="relu", kernel_initializer=inits.HE),
        layers.Dense(10, activation="softmax", kernel_initializer=inits.INIT),
    ]
)
