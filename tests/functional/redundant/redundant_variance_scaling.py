"""R7704: VarianceScaling spelled out where a named initializer exists."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import initializers, layers
from keras.initializers import VarianceScaling

g_uniform = initializers.VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform")  # [redundant-variance-scaling]
g_normal = initializers.VarianceScaling(1.0, "fan_avg", "truncated_normal")  # [redundant-variance-scaling]
g_normal_alias = initializers.VarianceScaling(1.0, "fan_avg", "normal", seed=4)  # [redundant-variance-scaling]
h_uniform = tf.keras.initializers.VarianceScaling(2.0, "fan_in", "uniform")  # [redundant-variance-scaling]
h_normal = VarianceScaling(2.0, "fan_in", "truncated_normal", seed=11)  # [redundant-variance-scaling]
l_uniform = keras.initializers.VarianceScaling(mode="fan_in", distribution="uniform")  # [redundant-variance-scaling]
l_normal = VarianceScaling()  # [redundant-variance-scaling]
custom_scale = VarianceScaling(scale=0.1, mode="fan_avg", distribution="uniform")
fan_out_he = VarianceScaling(2.0, "fan_out", "truncated_normal")
untruncated = VarianceScaling(2.0, "fan_in", "untruncated_normal")
axes = VarianceScaling(1.0, "fan_avg", "uniform", input_axes=(0,), output_axes=(1,))  # [redundant-variance-scaling]

head = layers.Dense(10, kernel_initializer=VarianceScaling(1.0, "fan_avg", "uniform"))  # [redundant-variance-scaling]
tanh_layer = layers.Dense(64, activation="tanh", kernel_initializer={"class_name": "VarianceScaling", "config": {"mode": "fan_avg", "distribution": "uniform"}})  # [redundant-variance-scaling]
# One node, one message: the mismatch covers the redundancy and says so.
relu_layer = layers.Dense(64, activation="relu", kernel_initializer=VarianceScaling(1.0, "fan_avg", "uniform", seed=3))  # [initializer-activation-mismatch]
