"""C7702/W7701 through the module's own helper functions: each call builds the helper's layers again."""
# pylint: disable=invalid-name
import keras
from keras import layers


def conv(x, f):
    """A VGG/UNet-style helper."""
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)  # [implicit-initializer-mismatch]


inputs = keras.Input((32, 32, 3))
x = conv(conv(conv(conv(inputs, 64), 64), 128), 128)
outputs = layers.Dense(10)(layers.GlobalAveragePooling2D()(x))


def dense_block(x, units):
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
    x = unit(x, f)
    return unit(x, f)


def deep_net(images):
    x = layers.Conv2D(32, 3, activation="relu")(images)  # [implicit-initializer-mismatch]
    x = stage(x, 32)
    return layers.Dense(10)(layers.Flatten()(x))


def looped(images):
    x = images
    for _ in range(3):
        x = dense_block(x, 64)
    return x


def dense(units):
    """A helper that returns a layer, not a tensor."""
    return layers.Dense(units, activation="relu")  # [implicit-initializer-mismatch]


tower = keras.Sequential([keras.Input(shape=(128,)), dense(128), dense(128), dense(128), layers.Dense(1)])


def projected(x, init="glorot_uniform"):
    return layers.Dense(64, activation="relu", kernel_initializer=init)(x)  # [initializer-activation-mismatch]


def uses_projected(tokens):
    return layers.Dense(1)(projected(projected(tokens)))
