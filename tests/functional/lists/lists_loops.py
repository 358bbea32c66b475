"""Loops over literal values: each pass's value flows into that pass's layer config."""
# pylint: disable=invalid-name
import keras
from keras import layers

mlp = keras.Sequential()
mlp.add(keras.Input((784,)))
for units in [512, 256, 128]:
    mlp.add(layers.Dense(units, activation="relu"))  # [implicit-initializer-mismatch]
mlp.add(layers.Dense(10, activation="softmax"))

# The first pass reads the 784 inputs before the loop: 784 -> 512 -> ... -> 64, each pass its own fans.
inputs = keras.Input((784,))
x = inputs
for units in (512, 256, 128, 64):
    x = layers.Dense(units, activation="relu")(x)  # [implicit-initializer-mismatch]

# 784 -> 512 -> 256 -> 128 loses 0.27x (not 0.25x): with the input's width known, not a chain C7702 reports.
x2 = inputs
for units in (512, 256, 128):
    x2 = layers.Dense(units, activation="relu")(x2)


def conv_tower(images):
    """Tuple targets: filters and kernel size per pass."""
    for filters, size in ((32, 3), (64, 3), (128, 3)):
        images = layers.Conv2D(filters, size, padding="same", activation="relu")(images)  # [implicit-initializer-mismatch]
    return images


# The activation comes from the loop too: tanh passes are not a rectifier chain.
mixed = keras.Sequential([keras.Input((64,))])
for units, act in [(64, "tanh"), (64, "tanh"), (64, "tanh")]:
    mixed.add(layers.Dense(units, activation=act))

# An explicit Glorot reported once on its call, however many passes build it.
explicit = keras.Sequential([keras.Input((784,))])
for units in [512, 256]:
    explicit.add(layers.Dense(units, activation="relu", kernel_initializer="glorot_uniform"))  # [initializer-activation-mismatch]

clean = keras.Sequential([keras.Input((784,))])
for units in [512, 256, 128]:
    clean.add(layers.Dense(units, activation="relu", kernel_initializer="he_uniform"))

# Each pass has its own fans: the 512 -> 4 pass is within 1% of He under Glorot, so these three
# passes are not one chain of under-scaled layers (counted as three equal layers, they were).
UNITS = (512, 4, 512)
bottleneck = keras.Sequential([keras.Input((512,))])
for units in UNITS:
    bottleneck.add(layers.Dense(units, activation="relu"))


def unknown_values(h, widths):
    """The values are not in the source: nothing is unrolled or claimed about them."""
    for width in widths:
        h = layers.Dense(width, activation="relu")(h)
    return h
