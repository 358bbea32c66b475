"""Normalization between a layer and its activation: reported with glorot-check-normalized=yes."""
# pylint: disable=invalid-name
from keras import Sequential, layers

model = Sequential(
    [
        layers.Conv2D(32, 3, kernel_initializer="glorot_uniform", use_bias=False),  # [initializer-activation-mismatch]
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Conv2D(32, 3, use_bias=False),  # [implicit-initializer-mismatch]
        layers.GroupNormalization(groups=8),
        layers.ReLU(),
        layers.Conv2D(32, 3, use_bias=False),
        layers.BatchNormalization(),
        layers.ReLU(),
        layers.Conv2D(32, 3, use_bias=False),
        layers.LayerNormalization(),
        layers.ReLU(),
    ]
)
