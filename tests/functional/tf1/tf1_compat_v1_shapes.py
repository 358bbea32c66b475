"""`import tensorflow.compat.v1 as tf` and tf.compat.v1.layers: the same shapes, figures and fixes."""
# pylint: disable=invalid-name
import tensorflow.compat.v1 as tf
import tensorflow as tf2

x = tf.placeholder(tf.float32, [None, 64, 64, 3])
h = tf.layers.conv2d(x, 32, 3, strides=(2, 2), padding="VALID", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_normal())  # [initializer-activation-mismatch]
h = tf.layers.max_pooling2d(h, 3, 2, "SAME")
h = tf.layers.conv2d(h, 64, 3, padding="same", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_normal())

y = tf2.compat.v1.placeholder(tf2.float32, [None, 256])
z = tf2.compat.v1.layers.dense(y, 256, activation=tf2.nn.relu, kernel_initializer=tf2.keras.initializers.GlorotUniform())  # [initializer-activation-mismatch]
z = tf2.compat.v1.layers.dense(z, 256, activation=tf2.nn.relu, kernel_initializer=tf2.keras.initializers.HeUniform())
