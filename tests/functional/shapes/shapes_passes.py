"""Loops read pass by pass: each pass reads what the pass before wrote, so every stated figure is a prediction."""
# pylint: disable=invalid-name
import keras
from keras import layers


def conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]


# A literal loop over a helper call: four layers of 64, 128, 256 and 256 filters, the first reading 3 channels.
images = keras.Input((32, 32, 3))
z = images
for f in (64, 128, 256, 256):
    z = conv(z, f)
looped_helper = keras.Model(images, z)


def glorot_conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]


# One message for the helper's layer, with the range its four passes predict.
z3 = images
for f in (64, 128, 256, 256):
    z3 = glorot_conv(z3, f)
explicit_looped_helper = keras.Model(images, z3)


def he_conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)


z2 = images
for f in (64, 128, 256, 256):
    z2 = he_conv(z2, f)
clean_looped_helper = keras.Model(images, z2)


def block(x, f, n):
    for _ in range(n):
        x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]
    return x


# A loop inside a helper: n=4 from the call, the first pass reads the caller's 3 channels.
y = block(images, 64, 4)
blocked = keras.Model(images, y)


def he_block(x, f, n):
    for _ in range(n):
        x = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
    return x


y2 = he_block(images, 64, 4)
clean_blocked = keras.Model(images, y2)

# A body of two layers: pass 2 reads what pass 1 wrote (16 x 16 x 32 after the strided conv), not 3 channels.
x = keras.Input((64, 64, 3))
h = x
for _ in range(3):
    h = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(h)  # [implicit-initializer-mismatch]
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
strided = keras.Model(x, h)

# Fixed-scale kernels in a two-layer body: the run's gain multiplies each pass's own fans.
d = keras.Input((16,))
e = d
for _ in range(3):
    e = layers.Dense(256, activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.01))(e)  # [fixed-scale-initializer]
    e = layers.Dense(64, activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.01))(e)
fixed_scale = keras.Model(d, e)


def unknown_width(t, f):
    """Called nowhere: the width the first layer reads is not in the source, so no factor is stated."""
    for _ in range(4):
        t = layers.Dense(f, activation="relu")(t)  # [implicit-initializer-mismatch]
    return t
