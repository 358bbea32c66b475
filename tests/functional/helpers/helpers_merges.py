"""Helper calls inside a merge's list and inside another layer's call: each call's layers take part in the
network (with their inputs and shapes), the merge reads them as its inputs, and a residual branch's signal
is judged on the branch (the chain stops at the merge)."""
# pylint: disable=invalid-name
import keras
from keras import layers


def dense(x, units):
    return layers.Dense(units, activation="relu", kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]


features = keras.Input(shape=(64,))
side = layers.Dense(32, activation="relu", kernel_initializer="he_uniform")(features)
joined = layers.concatenate([dense(features, 64), side])  # the helper's Dense reads the 64 features
summed = keras.layers.add([joined, dense(joined, 96)])  # ... and the 96 the concatenation writes
mlp = keras.Model(features, summed)


def conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]


def conv_block(x, f):
    x = conv(x, f)
    x = conv(x, f)
    return conv(x, f)


images = keras.Input(shape=(16, 16, 32))
r = layers.Add()([conv_block(images, 32), images])  # the residual branch: three convs in a row
towers = layers.Concatenate()([conv(r, 64), conv(r, 32)])  # two branches, one conv each
pooled = conv(layers.MaxPooling2D()(conv(towers, 64)), 128)  # a helper inside a layer's call inside a helper
resnet = keras.Model(images, pooled)


def residual(x):
    """Two layers on the branch: a chain of two however many residuals follow one another."""
    x = layers.Dense(48, activation="elu")(x)
    return layers.Dense(48, activation="elu")(x)


tokens = keras.Input(shape=(48,))
h = layers.Add()([residual(tokens), tokens])
h = layers.Add()([residual(h), h])
h = layers.Add()([h, residual(h)])
stacked = keras.Model(tokens, layers.Dense(1)(h))
