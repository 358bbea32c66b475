"""C7702: the implicit glorot_uniform default under rectifiers, graded by chain depth."""
# pylint: disable=invalid-name
import keras
from keras import layers

deep_mlp = keras.Sequential(
    [
        keras.Input(shape=(256,)),
        layers.Dense(256, activation="relu"),  # [implicit-initializer-mismatch]
        layers.Dense(256, activation="relu"),
        layers.Dropout(0.1),
        layers.Dense(256, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]
)

two_hidden = keras.Sequential(
    [
        layers.Dense(128, activation="relu"),
        layers.Dense(128, activation="relu"),
        layers.Dense(10),
    ]
)

single_hidden = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(1)])

with_batchnorm = keras.Sequential(
    [
        layers.Dense(128, activation="relu"),
        layers.BatchNormalization(),
        layers.Dense(128, activation="relu"),
        layers.BatchNormalization(),
        layers.Dense(128, activation="relu"),
        layers.Dense(10),
    ]
)

he_already = keras.Sequential(
    [
        layers.Dense(128, activation="relu", kernel_initializer="he_uniform"),
        layers.Dense(128, activation="relu", kernel_initializer="he_uniform"),
        layers.Dense(128, activation="relu", kernel_initializer="he_uniform"),
    ]
)

wide_to_narrow = keras.Sequential(
    [
        keras.Input(shape=(2048,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(8, activation="relu"),
        layers.Dense(1, activation="relu"),
    ]
)


def transformer_feed_forward(x, hidden=3072, width=768):
    """A transformer FFN: one rectifier layer, then a linear projection into a residual add."""
    residual = x
    x = layers.LayerNormalization()(x)
    x = layers.Dense(hidden, activation="gelu")(x)
    x = layers.Dense(width)(x)
    x = layers.Add()([x, residual])
    return x


def residual_tower(x):
    """Residual adds end the chain: each branch has one rectifier layer."""
    for _ in range(4):
        y = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
        x = layers.Add()([x, y])
    return x


def functional_chain():
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.Conv2D(64, 3, activation="relu")(inputs)  # [implicit-initializer-mismatch]
    x = layers.Conv2D(64, 3)(x)
    x = layers.ReLU()(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)


selu_stack = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(256, activation="selu"),  # [implicit-initializer-mismatch]
        layers.Dense(256, activation="selu"),
        layers.Dense(10),
    ]
)
