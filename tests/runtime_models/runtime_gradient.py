"""A tanh chain on an initializer the static pass cannot read (chosen at run time): U(0, 1) gives every unit
of a sample a shared shift of about 32, so the signal stays at x1 (inside the band) while the kernel gradients
underflow to 0 -- only the runtime sees it (runtime-only W7709, judged on the gradient band)."""

import keras
from keras import initializers, layers

CHOICES = {"saturating": lambda: initializers.RandomUniform(0.0, 1.0)}  # a fresh instance per layer


def pick(name):
    return CHOICES[name]()


def build(kind="saturating"):
    model = keras.Sequential([keras.Input((64,))])
    for _ in range(6):
        model.add(layers.Dense(64, activation="tanh", kernel_initializer=pick(kind)))
    model.add(layers.Dense(1))
    return model
