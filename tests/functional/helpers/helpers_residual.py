"""Helpers whose own body holds a merge (residual and shortcut blocks): each call's layers take part in the
caller's network, the merge is a real merge node, and the residual branch's signal is judged on the branch
(a chain ends at the merge); a finding sits on the helper's layer and names the call sites."""
# pylint: disable=invalid-name
import keras
from keras import layers


def residual(x, f):
    y = layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]
    y = layers.Conv2D(f, 3, padding="same", activation="relu")(y)
    y = layers.Conv2D(f, 3, padding="same", activation="relu")(y)
    return layers.Add()([x, y])


images = keras.Input(shape=(16, 16, 64))
r = residual(residual(images, 64), 64)  # two blocks: a chain of three on each branch, never of six
resnet = keras.Model(images, r)


def dense_residual(x, units):
    y = layers.Dense(units, activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]
    return keras.layers.add([y, x])


tokens = keras.Input(shape=(32,))
h = dense_residual(tokens, 32)
h = dense_residual(h, 32)
mlp = keras.Model(tokens, layers.Dense(1)(h))


def shortcut_block(x, f):
    s = layers.Conv2D(f, 1)(x)  # a linear projection: Glorot's default is right for it
    y = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="glorot_normal")(x)  # [initializer-activation-mismatch]
    y = layers.Conv2D(f, 3, padding="same")(y)
    y = layers.Add()([s, y])
    return layers.Activation("relu")(y)


pixels = keras.Input(shape=(8, 8, 16))
out = shortcut_block(shortcut_block(pixels, 32), 64)
projected = keras.Model(pixels, out)


def tangled(x, f):
    """A value read twice inside the block (a branch off a branch): expanded per call, the branch ends y's chain."""
    y = layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]
    z = layers.Conv2D(f, 1)(y)
    return layers.Add()([y, z])


grid = keras.Input(shape=(8, 8, 16))
tangle = keras.Model(grid, tangled(tangled(grid, 16), 16))
