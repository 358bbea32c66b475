"""A deep relu stack on a fixed-scale initializer the static pass cannot read (chosen at run time)."""

import keras
from keras import layers

CHOICES = {"small": keras.initializers.RandomNormal(stddev=0.05)}


def pick(name):
    return CHOICES[name]


def build(kind="small"):
    model = keras.Sequential([keras.Input((64,))])
    for _ in range(6):
        model.add(layers.Dense(64, activation="relu", kernel_initializer=pick(kind)))
    model.add(layers.Dense(1))
    return model
