"""Transposed convolutions: Keras' fan_in counts the filters, each output sums in_channels * prod(kernel) / prod(strides)
inputs, so the fix is VarianceScaling on fan_out with scale 2 * prod(strides) under relu (He would give 1/4 at stride 2)."""
# pylint: disable=invalid-name
import keras
from keras import initializers, layers

# The implicit glorot_uniform on a stride-2 decoder: 1/8 per layer; He would still give 1/4.
decoder = keras.Sequential(
    [
        keras.Input((8, 8, 64)),
        layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),  # [implicit-initializer-mismatch]
        layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(3, 3, padding="same"),
    ]
)

# Explicit initializers keep their spelling: a string, a class of the same module, a seed.
explicit = keras.Sequential(
    [
        keras.Input((8, 8, 64)),
        keras.layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer=initializers.GlorotNormal(seed=1)),  # [initializer-activation-mismatch]
    ]
)
upsampling_1d = keras.Sequential(
    [
        keras.Input((32, 64)),
        layers.Conv1DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer="lecun_uniform"),  # [initializer-activation-mismatch]
    ]
)

# Stride 1, halving the channels: He on fan_in (64 * 9) is half the variance 128 summed inputs want.
halving = keras.Sequential(
    [
        keras.Input((16, 16, 128)),
        layers.Conv2DTranspose(64, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Conv2DTranspose(64, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
    ]
)

# A fixed scale over strided transposes: the W7709 fix is the same VarianceScaling.
fixed = keras.Sequential(
    [
        keras.Input((8, 8, 64)),
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.01)),  # [fixed-scale-initializer]
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.01)),
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer=initializers.RandomNormal(stddev=0.01)),
    ]
)

# Stride 1 with as many filters as input channels: He is exact and stays the fix.
square = keras.Sequential(
    [
        keras.Input((16, 16, 64)),
        layers.Conv2DTranspose(64, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
    ]
)

# Unknown input channels: the named He, as before (no figure to correct it with).
unknown = keras.Sequential(
    [
        layers.Conv2DTranspose(64, 3, strides=2, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
    ]
)

# He itself on a stride-2 transposed kernel: fan_in counts the 64 filters, each output sums a quarter of
# 64 * 16 inputs, so He gives a quarter of the signal per layer.
he_decoder = keras.Sequential(
    [
        keras.Input((8, 8, 64)),
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer="he_uniform"),  # [initializer-activation-mismatch]
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", activation="relu", kernel_initializer=initializers.HeNormal(seed=3)),  # [initializer-activation-mismatch]
    ]
)

# Silent: He on a stride-1 transposed kernel with as many filters as input channels is exact.
he_square = keras.Sequential(
    [
        keras.Input((16, 16, 64)),
        layers.Conv2DTranspose(64, 3, padding="same", activation="relu", kernel_initializer="he_uniform"),
        layers.Conv2DTranspose(64, 3, padding="same", activation="relu", kernel_initializer="he_uniform"),
    ]
)
