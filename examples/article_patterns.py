"""Three initializer patterns people bring to pylint-glorot.

Lint it from the repository root:
    pylint --load-plugins=pylint_glorot --disable=all --enable=glorot examples/article_patterns.py
"""

import keras
import numpy as np
from keras import initializers, layers

# 1. VarianceScaling configured by hand. The arguments spell GlorotUniform (Xavier and Glorot are
#    the same initializer), and Glorot does not suit the ReLU that follows: He does.
dense_model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(
            256,
            activation="relu",
            kernel_initializer=initializers.VarianceScaling(
                scale=1.0, mode="fan_avg", distribution="uniform"
            ),
        ),
        layers.Dense(10, activation="softmax"),
    ]
)


# 2. A hand-written Glorot uniform initializer. It re-implements the built-in, and its fans
#    (shape[0] + shape[1]) are wrong for convolution kernels.
def my_glorot_uniform(shape, dtype=None):
    """Glorot uniform, written out by hand."""
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return keras.random.uniform(shape, minval=-limit, maxval=limit, dtype=dtype)


custom_model = keras.Sequential(
    [
        keras.Input(shape=(32,)),
        layers.Dense(128, activation="tanh", kernel_initializer=my_glorot_uniform),
    ]
)

# 3. Glorot under ReLU in a convolution: one input channel and 32 filters, so He gives this
#    kernel 33 times Glorot's variance.
conv_model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, (3, 3), activation="relu", kernel_initializer="glorot_uniform"),
        layers.Conv2D(64, (3, 3), activation="relu", kernel_initializer="he_uniform"),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ]
)
