"""W7706: Xavier, TF1, contrib and compat.v1 names; Xavier = Glorot."""
# pylint: disable=invalid-name
import tensorflow as tf
from keras import layers

string_xavier = layers.Dense(10, kernel_initializer="xavier_uniform")  # [deprecated-initializer]
string_xavier_normal = layers.Dense(10, kernel_initializer="xavier_normal", kernel_regularizer=None)  # [deprecated-initializer]
contrib = tf.contrib.layers.xavier_initializer(uniform=True, seed=9)  # [deprecated-initializer]
v1_named = tf.compat.v1.glorot_normal_initializer()  # [deprecated-initializer]
v1_keras = tf.compat.v1.keras.initializers.he_normal()  # in TF 2 the very Keras HeNormal: not deprecated
v1_init_module = tf.compat.v1.initializers.lecun_uniform(seed=2)  # [deprecated-initializer]
modern = tf.keras.initializers.GlorotUniform()
xavier_under_relu = layers.Dense(10, activation="relu", kernel_initializer="xavier_uniform")  # [initializer-activation-mismatch]
custom_contrib = tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode="FAN_AVG", uniform=True)  # [deprecated-initializer]
custom_v1 = tf.compat.v1.variance_scaling_initializer(scale=3.0, mode="fan_out", seed=4)  # [deprecated-initializer]
