"""C7703: within one model definition and activation family, the odd initializer out."""
# pylint: disable=invalid-name,too-few-public-methods
import keras
from keras import layers

mostly_he = keras.Sequential(
    [
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(64, activation="relu", kernel_initializer="he_uniform"),
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(256, activation="relu", kernel_initializer=keras.initializers.VarianceScaling(2.0, "fan_out")),  # [inconsistent-initializers]
        layers.Dense(10, activation="softmax"),
    ]
)

# On a square layer fan_out = fan_in and lecun = glorot: the same variance, nothing to report
# (a fix must change the variance by 25%); these layers are not square.
mostly_default_tanh = keras.Sequential(
    [
        layers.Dense(64, activation="tanh"),
        layers.Dense(64, activation="tanh"),
        layers.Dense(16, activation="tanh", kernel_initializer="lecun_normal"),  # [inconsistent-initializers]
        layers.Dense(1),
    ]
)

he_majority_with_default = keras.Sequential(
    [
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        layers.Dense(64, activation="relu"),  # [inconsistent-initializers]
    ]
)

wrong_majority = keras.Sequential(
    [
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Dense(64, activation="relu", kernel_initializer="he_uniform"),
    ]
)

no_majority = keras.Sequential(
    [
        layers.Dense(64, activation="tanh", kernel_initializer="glorot_uniform"),
        layers.Dense(64, activation="tanh", kernel_initializer="lecun_uniform"),
        layers.Dense(64, activation="tanh", kernel_initializer="glorot_normal"),
        layers.Dense(64, activation="tanh", kernel_initializer="lecun_normal"),
    ]
)

other_model = keras.Sequential([layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform", input_shape=(512,))])


def functional(inputs):
    x = layers.Dense(64, activation="selu", kernel_initializer="lecun_normal")(inputs)
    x = layers.Dense(64, activation="selu", kernel_initializer="lecun_normal")(x)
    x = layers.Dense(64, activation="selu", kernel_initializer="lecun_normal")(x)
    x = layers.Dense(64, activation="selu", kernel_initializer=keras.initializers.VarianceScaling(1.0, "fan_in", "untruncated_normal"))(x)
    return x


class Tower(keras.Model):
    def __init__(self):
        super().__init__()
        self.a = layers.Conv2D(32, 3, activation="relu", kernel_initializer="he_uniform")
        self.b = layers.Conv2D(32, 3, activation="relu", kernel_initializer="he_uniform")
        self.c = layers.Conv2D(32, 3, activation="relu", kernel_initializer="he_uniform")
        self.d = layers.Conv2D(32, 3, activation="relu")  # [inconsistent-initializers]

    def call(self, x):
        return self.d(self.c(self.b(self.a(x))))
