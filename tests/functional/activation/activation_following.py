"""The activation a kernel feeds: the next layer in Sequential, model.add, functional steps."""
# pylint: disable=invalid-name
import tensorflow as tf
from keras import Input, Model, Sequential, layers

seq = Sequential(
    [
        layers.Dense(64, kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Activation("relu"),
        layers.Dense(64, kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.Dropout(0.1),
        layers.ReLU(),
        layers.Dense(64, kernel_initializer="glorot_uniform"),  # [initializer-activation-mismatch]
        layers.LeakyReLU(negative_slope=0.1),
        layers.Dense(64, kernel_initializer="he_uniform"),  # [initializer-activation-mismatch]
        layers.Activation("tanh"),
        layers.Dense(64, kernel_initializer="glorot_uniform"),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, kernel_initializer="glorot_uniform"),
        layers.Softmax(),
    ]
)

added = Sequential()
added.add(layers.Dense(32, kernel_initializer="glorot_uniform", input_shape=(16,)))  # [initializer-activation-mismatch]
added.add(layers.ELU())
added.add(layers.Dense(32, kernel_initializer="lecun_uniform"))  # [initializer-activation-mismatch]
added.add(layers.PReLU())


def functional():
    inputs = Input(shape=(32,))
    x = layers.Dense(64, kernel_initializer="glorot_uniform")(inputs)  # [initializer-activation-mismatch]
    x = layers.Activation("relu")(x)
    x = layers.Dense(64, kernel_initializer="glorot_uniform")(x)  # [initializer-activation-mismatch]
    x = tf.nn.relu(x)
    y = tf.nn.gelu(layers.Dense(64, kernel_initializer="glorot_uniform")(x))  # [initializer-activation-mismatch]
    z = layers.ReLU()(layers.Dropout(0.2)(layers.Dense(64, kernel_initializer="glorot_uniform")(y)))  # [initializer-activation-mismatch]
    r = layers.Dense(64, kernel_initializer="glorot_uniform")(z)
    r = layers.Add()([r, z])
    r = layers.ReLU()(r)
    b = layers.Dense(64, kernel_initializer="glorot_uniform")(r)
    c = layers.ReLU()(b)
    d = layers.Dense(64)(b)
    return Model(inputs, [c, d])
