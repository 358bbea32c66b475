"""A tanh chain on an initializer the static pass cannot read (chosen at run time): U(0, 1) gives every unit
of a sample a shared shift of about 32, so the signal stays at x1 (inside the band) while the kernel gradients
underflow to 0 -- only the runtime sees it (runtime-only W7709, judged on the gradient band). N(0, 1) keeps the
signal too while the kernel gradients grow toward the input."""

import keras
from keras import initializers, layers

CHOICES = {  # a fresh instance per layer
    "saturating": lambda: initializers.RandomUniform(0.0, 1.0),
    "chaotic": lambda: initializers.RandomNormal(stddev=1.0),  # the signal near 1, the gradient grows every layer
}


def pick(name):
    return CHOICES[name]()


def build(kind="saturating"):
    model = keras.Sequential([keras.Input((64,))])
    for _ in range(6):
        model.add(layers.Dense(64, activation="tanh", kernel_initializer=pick(kind)))
    model.add(layers.Dense(1))
    return model


def chaotic():
    return build("chaotic")
