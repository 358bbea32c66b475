"""Helper functions the checker does not expand, or whose layers need nothing: silent."""
# pylint: disable=invalid-name,unused-argument
import functools

import keras
from keras import layers
from keras.applications.resnet import stack1  # another module's helper: not read


def conv_bn(x, f):
    """conv -> BN -> relu: normalization breaks the chain, as inline."""
    x = layers.Conv2D(f, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


def normalized(images):
    x = conv_bn(images, 32)
    x = conv_bn(x, 32)
    return conv_bn(x, 64)


def he_conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_normal")(x)


def already_he(images):
    return he_conv(he_conv(he_conv(images, 16), 16), 16)


def act_conv(x, act):
    """Called under relu and under tanh: no single initializer at this layer suits both calls."""
    return layers.Dense(64, activation=act)(x)


def mixed(features):
    x = act_conv(features, "relu")
    x = act_conv(x, "relu")
    x = act_conv(x, "tanh")
    return act_conv(x, "relu")


def residual(x, f):
    """A residual add: each call's branch has one rectifier layer."""
    y = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    return layers.Add()([x, y])


def resnet_ish(images):
    x = residual(images, 3)
    x = residual(x, 3)
    return residual(x, 3)


def recursive(x, depth):
    if depth == 0:
        return x
    return recursive(layers.Dense(32, activation="relu")(x), depth - 1)


def variadic(x, *args, **kwargs):
    return layers.Dense(32, activation="relu", **kwargs)(x)


def starred(features, options):
    x = variadic(features, **options)
    x = variadic(x, **options)
    return variadic(x, **options)


def decorated_user(features):
    @functools.lru_cache
    def cached(x):
        return layers.Dense(32, activation="relu")(x)

    return cached(cached(cached(features)))


def imported(images):
    return stack1(stack1(stack1(images, 64, 3), 64, 3), 64, 3)


def once(features):
    return he_conv(features, 8)


def leaf(x):
    return layers.Dense(8, activation="relu", kernel_initializer="he_uniform")(x)


def twice(x):
    return leaf(leaf(x))


def four(x):
    return twice(twice(x))


def sixteen(x):
    return four(four(x))


def deep_tree(features):
    """2^n nested calls: the expansion is capped, never exponential."""
    return sixteen(sixteen(sixteen(sixteen(features))))


def merged(x, shortcut, filters):
    x = layers.Concatenate()([x, shortcut])
    return layers.Conv2D(filters, 3, padding="same", activation="relu")(x)


def up_block(x, shortcut, filters):
    # the returned x is what `merged` writes, not this Conv2D's output: no straight line through the block
    x = layers.UpSampling2D()(x)
    x = layers.Conv2D(filters, 2, padding="same", activation="relu")(x)
    x = merged(x, shortcut, filters)
    return x


def decoder():
    inputs = keras.Input(shape=(8, 8, 16))
    skip = keras.Input(shape=(16, 16, 16))
    x = up_block(inputs, skip, 16)
    x = layers.MaxPooling2D()(x)
    x = up_block(x, skip, 16)
    x = layers.MaxPooling2D()(x)
    x = up_block(x, skip, 16)
    return keras.Model([inputs, skip], x)
