"""In test modules (glorot-test-files), constant kernels are deliberate: not reported."""
# pylint: disable=invalid-name
from keras import layers

ones = layers.Dense(64, kernel_initializer="ones")
