"""A finding must change something: fixes below a 25% variance change are not reported."""
# pylint: disable=invalid-name
import keras
from keras import layers

head = keras.Sequential(
    [
        keras.Input(shape=(512,)),
        layers.Dense(10, activation="relu", kernel_initializer="glorot_uniform"),
    ]
)
expanding = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(512, activation="relu", kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
    ]
)
square_selu = keras.Sequential(
    [
        keras.Input(shape=(128,)),
        layers.Dense(128, activation="selu", kernel_initializer="glorot_normal"),
        layers.Dense(128, activation="selu", kernel_initializer="lecun_uniform"),
        layers.Dense(512, activation="selu", kernel_initializer="glorot_normal"),  # [initializer-activation-mismatch]
    ]
)
tanh_funnel = keras.Sequential(
    [
        keras.Input(shape=(1024,)),
        layers.Dense(16, activation="tanh", kernel_initializer="he_normal"),
        layers.Dense(16, activation="tanh", kernel_initializer="he_normal"),  # [initializer-activation-mismatch]
    ]
)
conv_first = keras.Sequential(
    [
        layers.Conv2D(32, (3, 3), activation="relu", kernel_initializer="glorot_uniform", input_shape=(28, 28, 1)),  # [initializer-activation-mismatch]
        layers.Conv2D(32, 3, activation="relu", kernel_initializer="lecun_normal", data_format="channels_first"),  # [initializer-activation-mismatch]
    ]
)
