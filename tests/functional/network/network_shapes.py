"""Shapes inferred through the network decide the fans behind every figure."""
# pylint: disable=invalid-name
import keras
from keras import layers

# Behind Flatten: Dense(128) reads 22 x 22 x 64 = 30,976 inputs; Glorot and He differ by 0.4%.
cnn = keras.Sequential(
    [
        keras.Input(shape=(48, 48, 3)),
        layers.Conv2D(32, 3, activation="relu", kernel_initializer="he_uniform"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu", kernel_initializer="he_uniform"),
        layers.Flatten(),
        layers.Dense(128, activation="relu", kernel_initializer="glorot_uniform"),
        layers.Dense(10, activation="softmax"),
    ]
)

# A strided convolution keeps the channels: the Dense after it reads 8 x 8 x 16 = 1,024 inputs.
strided = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(16, 3, strides=2, padding="same", activation="relu", kernel_initializer="he_normal"),
        layers.Conv2D(16, 3, strides=2, padding="same", activation="relu", kernel_initializer="he_normal"),
        layers.Flatten(),
        layers.Dense(1024, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Dense(1),
    ]
)

# A merge: Concatenate doubles the channels the next layer reads.
inputs = keras.Input(shape=(64,))
left = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(inputs)
right = layers.Dense(64, activation="relu", kernel_initializer="he_uniform")(inputs)
both = layers.Concatenate()([left, right])
out = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")(both)  # 128 inputs: 6%, silent

# A residual Add ends a chain: two short branches are not one long chain.
x = keras.Input(shape=(128,))
h = layers.Dense(128, activation="relu")(x)
h = layers.Dense(128, activation="relu")(h)
x = layers.Add()([x, h])
h = layers.Dense(128, activation="relu")(x)
h = layers.Dense(128, activation="relu")(h)
x = layers.Add()([x, h])

# input_dim on a first layer starts the shapes.
mlp = keras.Sequential()
mlp.add(layers.Dense(512, input_dim=4096, activation="relu", kernel_initializer="glorot_uniform"))
mlp.add(layers.Dense(512, activation="relu", kernel_initializer="glorot_uniform"))  # [initializer-activation-mismatch]

# model.build((None, n)) gives a Sequential, a model.add run or a subclassed model its input shape.
built = keras.Sequential(
    [
        layers.Dense(256, activation="relu", kernel_initializer="glorot_uniform"),  # 2048 inputs: 6%, silent
        layers.Dense(256, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
    ]
)
built.build((None, 2048))

added = keras.Sequential()
added.add(layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"))  # 1024 inputs: 3%, silent
added.build((None, 1024))


class Tower(keras.Model):
    """A subclassed model: call() reads its input through self.* layers."""

    def __init__(self):
        super().__init__()
        self.first = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")  # 4096 inputs: silent
        self.second = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]

    def call(self, inputs):
        x = self.first(inputs)
        x = self.second(x)
        return x


tower = Tower()
tower.build((None, 4096))


class Nested(keras.Model):
    """call() as one nested expression."""

    def __init__(self):
        super().__init__()
        self.first = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")  # 4096 inputs: silent
        self.second = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")  # [initializer-activation-mismatch]

    def call(self, inputs):
        return self.second(self.first(inputs))


nested = Nested()
nested.build((None, 4096))
