"""Keras 3 spellings of layers, initializers and activations."""
# pylint: disable=invalid-name
import keras
from keras import activations, initializers, layers
from keras.initializers import GlorotNormal, VarianceScaling
from keras.layers import Dense

INIT = "glorot_uniform"
RELU = "relu"

model = keras.Sequential(
    [
        layers.Input(shape=(16,)),
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Dense(64, activation="relu", kernel_initializer="GlorotUniform"),  # [initializer-activation-mismatch]
        Dense(64, "relu", kernel_initializer=INIT),  # [initializer-activation-mismatch]
        Dense(64, activation=RELU, kernel_initializer=initializers.GlorotUniform(seed=1)),  # [initializer-activation-mismatch]
        Dense(64, activation=activations.relu, kernel_initializer=initializers.glorot_uniform()),  # [initializer-activation-mismatch]
        Dense(64, activation=keras.activations.relu, kernel_initializer=GlorotNormal()),  # [initializer-activation-mismatch]
        Dense(64, activation=keras.ops.relu, kernel_initializer=VarianceScaling(1.0, "fan_avg", "uniform", seed=7)),  # [initializer-activation-mismatch]
        Dense(64, activation="relu", kernel_initializer=VarianceScaling(scale=1.0, mode="fan_in")),  # [initializer-activation-mismatch]
        Dense(64, activation="relu", kernel_initializer={"class_name": "GlorotUniform", "config": {"seed": 2}}),  # [initializer-activation-mismatch]
        Dense(64, activation="relu", kernel_initializer={"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform"}}),  # [initializer-activation-mismatch]
        Dense(64, activation="relu", kernel_initializer="he_uniform"),
        Dense(64, activation="relu", kernel_initializer=VarianceScaling(2.0, "fan_out", "truncated_normal")),
        Dense(64, activation="relu", kernel_initializer=VarianceScaling(1.0, "fan_avg", "untruncated_normal")),  # [initializer-activation-mismatch]
        Dense(10, activation="softmax"),
    ]
)


def build():
    local_init = "lecun_uniform"
    return keras.Sequential([layers.Dense(32, activation="gelu", kernel_initializer=local_init)])  # [initializer-activation-mismatch]
