"""A list of layers applied one after another: `for layer in blocks: x = layer(x)`."""
# pylint: disable=invalid-name
import keras
from keras import layers

blocks = [
    layers.Dense(128, activation="relu"),  # [implicit-initializer-mismatch]
    layers.Dense(128, activation="relu"),
    layers.Dense(128, activation="relu"),
]
x = keras.Input((128,))
for layer in blocks:
    x = layer(x)
    x = layers.Dropout(0.1)(x)

repeated = [layers.Dense(64, activation="relu") for _ in range(4)]  # [implicit-initializer-mismatch]
y = keras.Input((64,))
for layer in repeated:
    y = layer(y)


class Tower(keras.Model):
    """self.blocks built in __init__, applied in call()."""

    def __init__(self):
        super().__init__()
        self.blocks = [layers.Dense(64, activation="relu") for _ in range(4)]  # [implicit-initializer-mismatch]
        self.head = layers.Dense(10)

    def call(self, inputs):
        h = inputs
        for block in self.blocks:
            h = block(h)
        return self.head(h)


class CleanTower(keras.Model):
    """He under relu: nothing to report."""

    def __init__(self):
        super().__init__()
        self.blocks = [layers.Dense(64, activation="relu", kernel_initializer="he_uniform") for _ in range(4)]

    def call(self, inputs):
        h = inputs
        for block in self.blocks:
            h = block(h)
        return h


residual = [layers.Dense(32, activation="relu") for _ in range(4)]
z = keras.Input((32,))
for layer in residual:
    z = layers.Add()([z, layer(z)])  # each layer is its own branch: no chain
