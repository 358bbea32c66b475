"""W7709 where the input shape is written positionally, flows through aliases and loops, or is unknown."""
# pylint: disable=invalid-name
import keras
from keras import initializers, layers

# `keras.Input((64,))`: the shape is the first positional argument.
positional = keras.Sequential(
    [keras.Input((64,))]
    + [layers.Dense(64, activation="relu", kernel_initializer="random_normal") for _ in range(8)]  # [fixed-scale-initializer]
)

# `layers.InputLayer((16,))` (Keras 3 `shape`, tf-keras `input_shape`: positional in both).
input_layer = keras.Sequential(
    [
        layers.InputLayer((16,)),
        layers.Dense(16, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.01)),  # [fixed-scale-initializer]
        layers.Dense(16, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.01)),
        layers.Dense(16, activation="tanh", kernel_initializer=initializers.RandomNormal(stddev=0.01)),
    ]
)

# A comprehension that widens: the first layer reads 32 features, the next three read 64.
widening = keras.Sequential(
    [keras.Input((32,))]
    + [layers.Dense(64, activation="relu", kernel_initializer="random_uniform") for _ in range(4)]  # [fixed-scale-initializer]
)


def functional_loop():
    """The loop's first pass reads `inputs` through the alias `x = inputs`."""
    inputs = keras.Input(shape=(64,))
    x = inputs
    for _ in range(8):
        x = layers.Dense(64, activation="relu", kernel_initializer=keras.initializers.RandomUniform())(x)  # [fixed-scale-initializer]
    return keras.Model(inputs, x)


def loop_after_a_layer():
    """A layer before the loop feeds its first pass: one run of seven layers."""
    inputs = keras.Input((32,))
    x = layers.Dense(64, activation="relu", kernel_initializer="random_uniform")(inputs)  # [fixed-scale-initializer]
    for _ in range(3):
        x = layers.Dense(64, kernel_initializer="random_uniform")(x)
        x = layers.Activation("relu")(x)
        x = layers.Dense(64, activation="relu", kernel_initializer="random_uniform")(x)
    return keras.Model(inputs, layers.Dense(1)(x))


def after_a_strided_loop():
    """What follows a loop reads its last pass: 8 x 8 x 32 = 2048 features after three stride-2 convolutions
    (one pass would leave 32768, and a gain of 0.09, inside the band)."""
    inputs = keras.Input((64, 64, 3))
    x = inputs
    for _ in range(3):
        x = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(16, activation="relu", kernel_initializer="random_uniform")(x)  # [fixed-scale-initializer]
    x = layers.Dense(16, activation="relu", kernel_initializer="random_uniform")(x)
    return keras.Model(inputs, x)


def uncounted_loop(depth):
    """Silent: how often the loop runs is not in the source."""
    inputs = keras.Input((64,))
    x = inputs
    for _ in range(depth):
        x = layers.Dense(64, activation="relu", kernel_initializer="random_uniform")(x)
    return keras.Model(inputs, x)


# One module-level initializer object reaches four kernels (W7710, at the object) and its scale makes the
# signal collapse (W7709, at the first layer). The W7709 fix gives each layer its own HeUniform(): it fixes both.
# No input shape: the first layer's width is unknown, the other three read the 64 features a Dense writes.
INIT = keras.initializers.RandomUniform()  # [reused-initializer]
shared = keras.Sequential(
    [
        layers.Dense(64, activation="relu", kernel_initializer=INIT),  # [fixed-scale-initializer]
        layers.Dense(64, activation="relu", kernel_initializer=INIT),
        layers.Dense(64, activation="relu", kernel_initializer=INIT),
        layers.Dense(64, activation="relu", kernel_initializer=INIT),
    ]
)
