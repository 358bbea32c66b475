"""shapes_loop_merges.py written right (He under relu): silent. Counted loops whose body merges a branch with the tensor the loop carries: each pass is a residual (or
dense) unit, its branch reads what the pass before merged, a chain ends at the merge on every pass, and a
finding sits on the body's (or helper's) layer once, with the figure of every pass."""
# pylint: disable=invalid-name
import keras
from keras import layers


def block(x, f):
    x = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
    x = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)
    return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(x)


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
    y = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(t)
    t = layers.add([t, y])
mlp = keras.Model(tokens, t)


def grow(x, k):
    return layers.Conv2D(k, 3, padding="same", activation="relu", kernel_initializer="he_normal")(x)


# DenseNet: each pass concatenates 12 channels more (16, 28, 40, 52 read); the layer after reads 64.
pixels = keras.Input((8, 8, 16))
d = pixels
for _ in range(4):
    d = layers.concatenate([d, grow(d, 12)])
d = layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(d)
densenet = keras.Model(pixels, d)

# A literal loop: the pass's filters (16, then 32) read what the concatenation before wrote (16, then 32).
z = pixels
for f in (16, 32):
    z = layers.Concatenate()([z, layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(z)])
literal = keras.Model(pixels, z)

# Fixed-scale kernels on a residual branch: the run is the branch's three layers on every pass.
w = pixels
for _ in range(3):
    v = layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=keras.initializers.HeNormal())(w)
    v = layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=keras.initializers.HeNormal())(v)
    v = layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=keras.initializers.HeNormal())(v)
    w = layers.add([w, v])
fixed = keras.Model(pixels, w)


def stage(s):
    """Called nowhere: the width the first pass reads is not in the source, so no factor is stated."""
    for _ in range(3):
        u = layers.Dense(32, activation="relu", kernel_initializer="he_uniform")(s)
        s = layers.add([s, u])
    return s


# Default kernels, two relu layers before the loop and two on each branch: the merge ends every run (no run of 3+).
grid = keras.Input((8, 8, 16))
g = layers.Conv2D(16, 3, padding="same", activation="relu")(grid)
g = layers.Conv2D(16, 3, padding="same", activation="relu")(g)
for _ in range(3):
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(g)
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(h)
    g = layers.add([g, h])
g = layers.Conv2D(16, 3, padding="same", activation="relu")(g)
short_runs = keras.Model(grid, g)


def dense_stage(s, n):
    for _ in range(n):
        s = layers.concatenate([s, layers.Conv2D(12, 3, padding="same", activation="relu", kernel_initializer="he_uniform")(s)])
    return s


staged = keras.Model(pixels, dense_stage(pixels, 3))
