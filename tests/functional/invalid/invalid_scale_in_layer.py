"""E7705 on a scale <= 0 that feeds a judged activation: the activation decides the scale, one step."""
# pylint: disable=invalid-name
from keras import layers
from keras.initializers import VarianceScaling

under_relu = layers.Dense(8, activation="relu", kernel_initializer=VarianceScaling(0.0))  # [invalid-variance-scaling]
under_tanh = layers.Dense(8, activation="tanh", kernel_initializer=VarianceScaling(-1.0, mode="fan_avg"))  # [invalid-variance-scaling]
standalone = VarianceScaling(0.0)  # [invalid-variance-scaling]
