"""glorot-test-files set to a pattern this file does not match: reported."""
# pylint: disable=invalid-name
from keras import layers

ones = layers.Dense(64, kernel_initializer="ones")  # [constant-kernel-initializer]
