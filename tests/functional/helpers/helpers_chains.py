"""C7702/W7701 through the module's own helper functions: each call builds the helper's layers again."""
# pylint: disable=invalid-name
import keras
from keras import layers


def conv(x, f):
    """A VGG/UNet-style helper, nested four deep below."""
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]


inputs = keras.Input(shape=(32, 32, 3))
x = conv(conv(conv(conv(inputs, 64), 64), 128), 128)
outputs = layers.Dense(10)(layers.GlobalAveragePooling2D()(x))
vgg = keras.Model(inputs, outputs)


def dense_block(x, units):
    """Several layers inside: Dense, then the ReLU that follows it."""
    x = layers.Dense(units)(x)  # [implicit-initializer-mismatch]
    x = layers.ReLU()(x)
    return x


def mlp():
    features = keras.Input(shape=(256,))
    h = dense_block(features, 256)
    h = dense_block(h, 256)
    h = dense_block(h, 256)
    return keras.Model(features, layers.Dense(1)(h))


def unit(x, f):
    return conv(x, f)


def stage(x, f):
    """Helpers calling helpers."""
    x = unit(x, f)
    return unit(x, f)


def deep_net():
    images = keras.Input(shape=(16, 16, 3))
    x = layers.Conv2D(32, 3, activation="relu")(images)  # [implicit-initializer-mismatch]
    x = stage(x, 32)
    return keras.Model(images, layers.Dense(10)(layers.Flatten()(x)))


def small_conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="elu")(x)  # [implicit-initializer-mismatch]


def looped():
    images = keras.Input(shape=(8, 8, 3))
    x = images
    for f in (16, 32, 64):
        x = small_conv(x, f)
    return keras.Model(images, x)


def dense(units):
    """A helper that returns a layer, not a tensor."""
    return layers.Dense(units, activation="relu")  # [implicit-initializer-mismatch]


tower = keras.Sequential([keras.Input(shape=(128,)), dense(128), dense(128), dense(128), layers.Dense(1)])


def leaky(units):
    return layers.Dense(units, activation="leaky_relu")  # [implicit-initializer-mismatch]


def applied():
    features = keras.Input(shape=(64,))
    h = leaky(64)(features)
    h = leaky(64)(h)
    h = leaky(64)(h)
    return keras.Model(features, h)


def projected(x, init="glorot_uniform"):
    """The initializer comes from the parameter's default: the fix edits the default."""
    return layers.Dense(64, activation="relu", kernel_initializer=init)(x)  # [initializer-activation-mismatch]


def uses_projected():
    tokens = keras.Input(shape=(32,))
    return keras.Model(tokens, layers.Dense(1)(projected(projected(tokens))))


def gated(x, init):
    return layers.Dense(32, activation="relu", kernel_initializer=init)(x)  # [initializer-activation-mismatch]


def passes_glorot():
    """The initializer comes from one call site's literal: the fix edits that literal."""
    tokens = keras.Input(shape=(32,))
    h = gated(tokens, "he_uniform")
    h = gated(h, "glorot_uniform")
    return keras.Model(tokens, h)
