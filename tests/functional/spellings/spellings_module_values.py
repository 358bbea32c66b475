"""Module-level values: initializers.get / deserialize, layers.deserialize and from_config dict literals."""
# pylint: disable=invalid-name
import keras
from keras import initializers, layers

INIT = keras.initializers.get("glorot_uniform")
HE = initializers.get("he_uniform")
VS = initializers.get({"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": "fan_in", "distribution": "uniform"}})  # [redundant-variance-scaling]
BAD = initializers.deserialize({"class_name": "VarianceScaling", "config": {"mode": "FAN_IN"}})  # [invalid-variance-scaling]

under_relu = layers.Dense(64, activation="relu", kernel_initializer=INIT)  # [initializer-activation-mismatch]
suited = layers.Dense(64, activation="relu", kernel_initializer=HE)
in_call = layers.Dense(64, activation="relu", kernel_initializer=initializers.get("glorot_normal"))  # [initializer-activation-mismatch]

CONFIG = {"units": 64, "activation": "relu", "kernel_initializer": "glorot_uniform"}  # [initializer-activation-mismatch]
from_config = layers.Dense.from_config(CONFIG)
deserialized = layers.deserialize({"class_name": "Dense", "config": {"units": 64, "activation": "tanh", "kernel_initializer": {"class_name": "HeNormal", "config": {"seed": 3}}}})  # [initializer-activation-mismatch]
fine = layers.deserialize({"class_name": "Dense", "config": {"units": 64, "activation": "relu", "kernel_initializer": "he_uniform"}})
unknown = layers.deserialize({"class_name": "MyLayer", "config": {"units": 64, "activation": "relu"}})

chain = keras.Sequential([
    layers.Dense.from_config({"units": 64, "activation": "relu"}),  # [implicit-initializer-mismatch]
    layers.Dense.from_config({"units": 64, "activation": "relu"}),
    layers.Dense.from_config({"units": 64, "activation": "relu"}),
])
