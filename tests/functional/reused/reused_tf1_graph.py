"""W7710 on a TF1 initializer reused in graph mode, and on tf-keras (integer seeds only)."""
# pylint: disable=invalid-name
import tensorflow as tf
import tf_keras

tf.compat.v1.disable_eager_execution()

init = tf.compat.v1.glorot_uniform_initializer(seed=1)  # [reused-initializer]
inputs = tf.compat.v1.placeholder(tf.float32, (None, 64))
hidden = tf.compat.v1.layers.dense(inputs, 64, kernel_initializer=init)
output = tf.compat.v1.layers.dense(hidden, 64, kernel_initializer=init)

unseeded = tf.compat.v1.glorot_uniform_initializer()  # graph mode, unseeded: each variable draws afresh
first = tf.compat.v1.layers.dense(inputs, 8, kernel_initializer=unseeded)
second = tf.compat.v1.layers.dense(inputs, 8, kernel_initializer=unseeded)

legacy = tf_keras.Sequential([
    tf_keras.layers.Dense(8, input_dim=8, kernel_initializer=tf_keras.initializers.HeNormal(seed=4)),  # [reused-initializer]
    tf_keras.layers.Dense(8, kernel_initializer=tf_keras.initializers.HeNormal(seed=4)),
])
shared_legacy = tf_keras.initializers.GlorotUniform(seed=9)  # [reused-initializer]
legacy_a = tf_keras.layers.Dense(8, kernel_initializer=shared_legacy)
legacy_b = tf_keras.layers.Dense(8, kernel_initializer=shared_legacy)
