"""Names that only look like Keras, dynamic values and unknown activations: never reported."""
# pylint: disable=invalid-name,too-few-public-methods,unused-argument
from keras import layers


class Dense:
    """A user class that shares a Keras name."""

    def __init__(self, units, activation=None, kernel_initializer=None):
        self.units = units


def Sequential(items):
    return items


def VarianceScaling(*args, **kwargs):
    return args


user_model = Sequential([Dense(64, activation="relu", kernel_initializer="glorot_uniform")])
user_init = VarianceScaling(1.0, "fan_avg", "uniform")


def factory(cfg, init, act):
    a = layers.Dense(64, **cfg)
    b = layers.Dense(64, activation="relu", kernel_initializer=init)
    c = layers.Dense(64, activation=act, kernel_initializer="glorot_uniform")
    d = layers.Dense(64, *cfg)
    return a, b, c, d


def my_activation(x):
    return x


unknown_string = layers.Dense(64, activation="my_act", kernel_initializer="glorot_uniform")
user_callable = layers.Dense(64, activation=my_activation, kernel_initializer="glorot_uniform")
lambda_act = layers.Dense(64, activation=lambda x: x, kernel_initializer="glorot_uniform")
sigmoid = layers.Dense(64, activation="sigmoid", kernel_initializer="he_uniform")
softplus = layers.Dense(64, activation="softplus", kernel_initializer="he_uniform")
fixed_scale = layers.Dense(64, activation="relu", kernel_initializer=layers.Dense)
truncated = layers.Dense(64, activation="relu", kernel_initializer="truncated_normal")
orthogonal = layers.Dense(64, activation="tanh", kernel_initializer="orthogonal")
odd = layers.Dense(activation="relu", kernel_initializer=1)
