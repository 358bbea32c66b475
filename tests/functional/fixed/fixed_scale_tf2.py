"""W7709 on TF 2 code: TF 2's tf.random_normal_initializer draws N(0, 0.05^2), tf.compat.v1's N(0, 1)."""
# pylint: disable=invalid-name
import tensorflow as tf

# TF 2: tf.random_normal_initializer() is N(0, 0.05^2), as Keras' RandomNormal().
v2 = tf.keras.Sequential(
    [tf.keras.Input((64,))]
    + [tf.keras.layers.Dense(64, activation="relu", kernel_initializer=tf.random_normal_initializer()) for _ in range(4)]  # [fixed-scale-initializer]
)
keras_class = tf.keras.Sequential(
    [tf.keras.Input((64,))]
    + [tf.keras.layers.Dense(64, activation="relu", kernel_initializer=tf.keras.initializers.RandomNormal()) for _ in range(4)]  # [fixed-scale-initializer]
)

# tf.compat.v1's truncated_normal_initializer() is truncated N(0, 1) even under TF 2.
v1 = tf.keras.Sequential(
    [
        tf.keras.Input((64,)),
        tf.keras.layers.Dense(64, activation="relu", kernel_initializer=tf.compat.v1.truncated_normal_initializer()),  # [fixed-scale-initializer]
        tf.keras.layers.Dense(64, activation="relu", kernel_initializer=tf.compat.v1.truncated_normal_initializer()),
    ]
)

# Silent: the same spelling at a scale that suits the width (0.177 = sqrt(2 / 64)).
suited = tf.keras.Sequential(
    [
        tf.keras.Input((64,)),
        tf.keras.layers.Dense(64, activation="relu", kernel_initializer=tf.compat.v1.random_normal_initializer(stddev=0.177)),
        tf.keras.layers.Dense(64, activation="relu", kernel_initializer=tf.compat.v1.random_normal_initializer(stddev=0.177)),
    ]
)
