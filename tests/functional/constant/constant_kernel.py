"""W7708: nonzero constant kernels; zeros and non-kernel keywords are fine."""
# pylint: disable=invalid-name
import tensorflow as tf
from keras import initializers, layers

ones = layers.Dense(64, activation="relu", kernel_initializer="ones")  # [constant-kernel-initializer]
ones_obj = layers.Dense(64, kernel_initializer=initializers.Ones())  # [constant-kernel-initializer]
const = layers.Conv2D(8, 3, activation="selu", kernel_initializer=initializers.Constant(0.5))  # [constant-kernel-initializer]
const_kw = layers.Dense(8, activation="tanh", kernel_initializer=tf.keras.initializers.Constant(value=2.0))  # [constant-kernel-initializer]
recurrent = layers.LSTM(8, recurrent_initializer="ones")  # [constant-kernel-initializer]
depthwise = layers.DepthwiseConv2D(3, depthwise_initializer=initializers.Constant(1.0))  # [constant-kernel-initializer]
pointwise = layers.SeparableConv2D(8, 3, pointwise_initializer="ones")  # [constant-kernel-initializer]
dict_ones = layers.Dense(8, kernel_initializer={"class_name": "Ones", "config": {}})  # [constant-kernel-initializer]
zeros = layers.Dense(64, kernel_initializer="zeros")
zero_const = layers.Dense(64, kernel_initializer=initializers.Constant(0.0))
default_const = layers.Dense(64, kernel_initializer=initializers.Constant())
bias_ones = layers.Dense(64, bias_initializer="ones")
gamma = layers.BatchNormalization(gamma_initializer="ones")
unknown = layers.Dense(64, kernel_initializer=initializers.Constant(tf.ones([3])))
