"""In test modules (glorot-test-files), constant kernels and spelled-out VarianceScaling are
deliberate: not reported."""
# pylint: disable=invalid-name
from keras import initializers, layers

ones = layers.Dense(64, kernel_initializer="ones")
spelled_out = layers.Dense(64, kernel_initializer=initializers.VarianceScaling(2.0, "fan_in", "uniform"))
