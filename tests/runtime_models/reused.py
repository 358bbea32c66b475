"""W7710 in verify: shared initializers whose kernels are compared as written and with the fix applied."""

import keras
from keras import layers

STREAM = keras.initializers.HeNormal(seed=3)


def shared_instance():
    shared = keras.initializers.GlorotUniform()
    return keras.Sequential([
        keras.Input((32,)),
        layers.Dense(32, activation="tanh", kernel_initializer=shared),
        layers.Dense(32, activation="tanh", kernel_initializer=shared),
    ])


def same_seed():
    return keras.Sequential([
        keras.Input((32,)),
        layers.Dense(32, activation="relu", kernel_initializer=keras.initializers.HeNormal(seed=7)),
        layers.Dense(32, activation="relu", kernel_initializer=keras.initializers.HeNormal(seed=7)),
    ])


def different_shapes():
    inputs = keras.Input((32,))
    narrow = layers.Dense(32, activation="relu", kernel_initializer=STREAM)(inputs)
    wide = layers.Dense(64, activation="relu", kernel_initializer=STREAM)(inputs)
    return keras.Model(inputs, [narrow, wide])


def block():
    return layers.Dense(32, activation="relu", kernel_initializer=keras.initializers.HeUniform(seed=11))


def factory_seed():
    inputs = keras.Input((32,))
    x = block()(inputs)
    x = block()(x)
    return keras.Model(inputs, x)


def redrawn_after_construction():
    """The static pass sees one instance reach both kernels; the model then draws them again."""
    shared = keras.initializers.GlorotNormal()
    model = keras.Sequential([
        keras.Input((32,)),
        layers.Dense(32, activation="tanh", kernel_initializer=shared),
        layers.Dense(32, activation="tanh", kernel_initializer=shared),
    ])
    generator = keras.random.SeedGenerator(5)
    for layer in model.layers:
        layer.kernel.assign(keras.random.normal(layer.kernel.shape, stddev=0.1, seed=generator))
    return model
