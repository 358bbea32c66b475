"""tf.keras (TF 2.x) and tf_keras spellings, tf.nn activations, positional activation."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_keras
from tensorflow import keras
from tensorflow.keras import initializers as tfi
from tensorflow.keras import layers as L

model = tf.keras.Sequential(
    [
        tf.keras.layers.Dense(64, activation=tf.nn.relu, kernel_initializer="glorot_normal"),  # [initializer-activation-mismatch]
        L.Dense(64, tf.nn.relu6, kernel_initializer=tfi.GlorotUniform()),  # [initializer-activation-mismatch]
        keras.layers.Dense(64, activation=tf.keras.activations.swish, kernel_initializer=tf.keras.initializers.VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform")),  # [initializer-activation-mismatch]
        tf_keras.layers.Dense(64, activation="tanh", kernel_initializer=tf_keras.initializers.HeNormal(seed=5)),  # [initializer-activation-mismatch]
        L.Dense(64, activation=tf.math.tanh, kernel_initializer="glorot_uniform"),
        L.Dense(64, activation=tf.nn.selu, kernel_initializer="he_normal"),  # [initializer-activation-mismatch]
        L.Dense(64, activation="selu", kernel_initializer="lecun_normal"),
        L.Dense(64, activation="sigmoid", kernel_initializer="he_uniform"),
        L.Dense(1, activation="linear", kernel_initializer="he_uniform"),
    ]
)
