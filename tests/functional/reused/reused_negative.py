"""W7710 stays silent: constants, strings, SeedGenerator seeds, tied weights, fresh instances."""
# pylint: disable=missing-function-docstring
import keras
import tensorflow as tf
from keras import layers

ZEROS = keras.initializers.Zeros()
ONES = keras.initializers.Ones()
CONSTANT = keras.initializers.Constant(0.1)
GENERATOR = keras.random.SeedGenerator(42)
FRESH_DRAWS = keras.initializers.HeNormal(seed=GENERATOR)
INLINE_GENERATOR = keras.initializers.GlorotUniform(seed=keras.random.SeedGenerator(1))
UNSEEDED_DICT = {"class_name": "GlorotUniform", "config": {}}


def build(seed_from_caller):
    shared_dense = layers.Dense(64, kernel_initializer=keras.initializers.HeNormal())
    inputs = keras.Input(shape=(64,))
    x = shared_dense(inputs)
    x = shared_dense(x)  # tied: the same layer object called twice is weight sharing
    dynamic = keras.initializers.HeNormal(seed=seed_from_caller)
    return keras.Sequential([
        layers.Dense(8, kernel_initializer=ZEROS, bias_initializer=ZEROS),
        layers.Dense(8, kernel_initializer=ZEROS),
        layers.Dense(8, kernel_initializer=ONES),
        layers.Dense(8, kernel_initializer=ONES),
        layers.Dense(8, kernel_initializer=CONSTANT),
        layers.Dense(8, kernel_initializer=CONSTANT),
        layers.Dense(8, kernel_initializer="he_normal"),
        layers.Dense(8, kernel_initializer="he_normal"),
        layers.Dense(8, kernel_initializer=FRESH_DRAWS),
        layers.Dense(8, kernel_initializer=FRESH_DRAWS),
        layers.Dense(8, kernel_initializer=INLINE_GENERATOR),
        layers.Dense(8, kernel_initializer=INLINE_GENERATOR),
        layers.Dense(8, kernel_initializer=UNSEEDED_DICT),
        layers.Dense(8, kernel_initializer=UNSEEDED_DICT),
        layers.Dense(8, kernel_initializer=keras.initializers.HeNormal()),
        layers.Dense(8, kernel_initializer=keras.initializers.HeNormal()),
        layers.Dense(8, kernel_initializer=dynamic),
        layers.Dense(8, kernel_initializer=dynamic),
    ]), x


def one_use():
    init = keras.initializers.HeNormal(seed=3)
    return layers.Dense(8, kernel_initializer=init)


TF1_EAGER = tf.compat.v1.glorot_uniform_initializer(seed=1)  # eager mode: TF1 draws afresh
eager_a = layers.Dense(8, kernel_initializer=TF1_EAGER)
eager_b = layers.Dense(8, kernel_initializer=TF1_EAGER)
