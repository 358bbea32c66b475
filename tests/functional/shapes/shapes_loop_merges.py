"""Counted loops whose body merges a branch with the tensor the loop carries: each pass is a residual (or
dense) unit, its branch reads what the pass before merged, a chain ends at the merge on every pass, and a
finding sits on the body's (or helper's) layer once, with the figure of every pass."""
# pylint: disable=invalid-name
import keras
from keras import layers


def block(x, f):
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)


# A functional ResNet loop: a chain of three on each pass's branch, never of nine; the widths are 64 on every pass.
images = keras.Input((16, 16, 64))
x = images
for _ in range(3):
    x = layers.Add()([block(x, 64), x])
resnet = keras.Model(images, x)

# The branch written in the body: each pass's Dense reads the 64 features the pass before added up.
tokens = keras.Input((64,))
t = tokens
for _ in range(4):
    y = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)  # [initializer-activation-mismatch]
    t = layers.add([t, y])
mlp = keras.Model(tokens, t)


def grow(x, k):
    return layers.Conv2D(k, 3, padding="same", activation="relu", kernel_initializer="glorot_normal")(x)  # [initializer-activation-mismatch]


# DenseNet: each pass concatenates 12 channels more (16, 28, 40, 52 read); the layer after reads 64.
pixels = keras.Input((8, 8, 16))
d = pixels
for _ in range(4):
    d = layers.concatenate([d, grow(d, 12)])
d = layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform")(d)  # [initializer-activation-mismatch]
densenet = keras.Model(pixels, d)

# A literal loop: the pass's filters (16, then 32) read what the concatenation before wrote (16, then 32).
z = pixels
for f in (16, 32):
    z = layers.Concatenate()([z, layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform")(z)])  # [initializer-activation-mismatch]
literal = keras.Model(pixels, z)

# Fixed-scale kernels on a residual branch: the run is the branch's three layers on every pass.
w = pixels
for _ in range(3):
    v = layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.02))(w)  # [fixed-scale-initializer]
    v = layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.02))(v)
    v = layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.02))(v)
    w = layers.add([w, v])
fixed = keras.Model(pixels, w)


def stage(s):
    """Called nowhere: the width the first pass reads is not in the source, so no factor is stated."""
    for _ in range(3):
        u = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")(s)  # [initializer-activation-mismatch]
        s = layers.add([s, u])
    return s


def dense_stage(s, n):
    """A helper's loop, called with n=3: the first pass reads the caller's 16 channels, each later one 12 more."""
    for _ in range(n):
        s = layers.concatenate([s, layers.Conv2D(12, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform")(s)])  # [initializer-activation-mismatch]
    return s


staged = keras.Model(pixels, dense_stage(pixels, 3))
