"""The shapes of helpers_merges.py written right (He under relu, normalization on the residual branch): silent."""
# pylint: disable=invalid-name
import keras
from keras import layers


def dense(x, units):
    return layers.Dense(units, activation="relu", kernel_initializer="he_uniform")(x)


features = keras.Input(shape=(64,))
side = layers.Dense(32, activation="relu", kernel_initializer="he_uniform")(features)
joined = layers.concatenate([dense(features, 64), side])
summed = keras.layers.add([joined, dense(joined, 96)])
mlp = keras.Model(features, summed)


def conv(x, f):
    return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_normal")(x)


def conv_bn(x, f):
    """Glorot's default before a normalization: the normalization sets the scale."""
    x = layers.Conv2D(f, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


def conv_block(x, f):
    x = conv_bn(x, f)
    x = conv_bn(x, f)
    return conv_bn(x, f)


images = keras.Input(shape=(16, 16, 32))
r = layers.Add()([conv_block(images, 32), images])
towers = layers.Concatenate()([conv(r, 64), conv(r, 32)])
pooled = conv(layers.MaxPooling2D()(conv(towers, 64)), 128)
resnet = keras.Model(images, pooled)


def linear(x, units):
    """No activation on the branch: Glorot is right for linear units."""
    return layers.Dense(units)(x)


tokens = keras.Input(shape=(48,))
h = layers.Add()([linear(tokens, 48), tokens])
h = layers.Add()([h, linear(h, 48)])
stacked = keras.Model(tokens, layers.Dense(1)(h))
