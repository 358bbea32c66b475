"""tf.layers as networks: a placeholder's or a reshape's literal shape flows through strides, padding in any
case, dilation, data_format, pooling and flatten, so each figure is the layer's predicted gain."""
# pylint: disable=invalid-name
import tensorflow as tf

images = tf.placeholder(tf.float32, [None, 28, 28, 1])
# 1 input channel, 3x3 kernel: Glorot's fan_avg (9 + 288) / 2 against He's fan_in 9 -> 0.03x
c1 = tf.layers.conv2d(images, 32, 3, padding="SAME", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
# positional strides and padding (TF1's signature: inputs, filters, kernel_size, strides, padding): 32 -> 64 channels
c2 = tf.layers.conv2d(c1, 64, [3, 3], 2, "same", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
p2 = tf.layers.max_pooling2d(c2, 2, 2)
# 7 * 7 * 64 = 3136 flattened inputs feed 128 units: Glorot is 0.96 of He there, nothing to fix
d3 = tf.layers.dense(tf.layers.flatten(p2), 128, activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())
d4 = tf.layers.dropout(d3, 0.5)

# channels_first: the channels are the first dimension after the batch
planes = tf.placeholder(tf.float32, shape=(None, 3, 32, 32))
cf = tf.layers.conv2d(planes, 16, 3, data_format="channels_first", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]

# He on a transposed convolution of stride 2: Keras' fan_in counts the filters, each output sums a quarter of its taps
up = tf.layers.conv2d_transpose(c1, 32, 4, strides=2, padding="same", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_uniform())  # [initializer-activation-mismatch]
same_size = tf.layers.conv2d_transpose(c1, 32, 3, padding="valid", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_uniform())

# a separable convolution's pointwise kernel sums the 32 depthwise outputs
sep = tf.layers.separable_conv2d(c1, 64, 3, padding="same", activation=tf.nn.relu, pointwise_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
sep_he = tf.layers.separable_conv2d(c1, 64, 3, padding="same", activation=tf.nn.relu, depthwise_initializer=tf.keras.initializers.he_uniform(), pointwise_initializer=tf.keras.initializers.he_uniform())

# tf.reshape with a literal shape (-1 is the batch), average pooling, batch normalization between layer and relu
flat = tf.placeholder(tf.float32, [None, 784])
grid = tf.reshape(flat, [-1, 28, 28, 1])
r1 = tf.layers.conv2d(grid, 8, 5, dilation_rate=2, activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]
r2 = tf.layers.average_pooling2d(r1, 2, 2, padding="valid")
r3 = tf.layers.conv2d(r2, 8, 3)
r3 = tf.layers.batch_normalization(r3)
r3 = tf.nn.relu(r3)

# a tf.keras.Input feeding tf.layers
vector = tf.keras.Input(shape=(16,))
v1 = tf.layers.dense(vector, 16, activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]


def unknown_input(inputs):
    """The input's channels are unknown here: no factor is stated (none is guessed)."""
    return tf.layers.conv2d(inputs, 32, 3, activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.glorot_uniform())  # [initializer-activation-mismatch]


def default_chain():
    """kernel_initializer=None is get_variable's glorot_uniform: a relu chain on it, its gain from the shapes."""
    x = tf.placeholder(tf.float32, [None, 32, 32, 3])
    x = tf.layers.conv2d(x, 32, 3, padding="same", activation=tf.nn.relu)  # [implicit-initializer-mismatch]
    x = tf.layers.conv2d(x, 32, 3, padding="same", activation=tf.nn.relu)
    x = tf.layers.max_pooling2d(x, pool_size=2, strides=2)
    x = tf.layers.conv2d(x, 64, 3, padding="same", activation=tf.nn.relu)
    return x


def he_chain():
    x = tf.placeholder(tf.float32, [None, 32, 32, 3])
    x = tf.layers.conv2d(x, 32, 3, padding="same", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_uniform())
    x = tf.layers.conv2d(x, 32, 3, padding="same", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_uniform())
    x = tf.layers.conv2d(x, 64, 3, padding="same", activation=tf.nn.relu, kernel_initializer=tf.keras.initializers.he_uniform())
    return x


def tutorial_keywords(features):
    """The TF 1 layers tutorial's spelling: `inputs=` by keyword; a reshape to literal sizes fixes the shape
    whatever it reads (here a dict entry)."""
    input_layer = tf.reshape(features["x"], [-1, 28, 28, 1])
    conv1 = tf.layers.conv2d(inputs=input_layer, filters=32, kernel_size=[5, 5], padding="same", activation=tf.nn.relu)  # [implicit-initializer-mismatch]
    pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], strides=2)
    conv2 = tf.layers.conv2d(inputs=pool1, filters=64, kernel_size=[5, 5], padding="same", activation=tf.nn.relu)
    pool2 = tf.layers.max_pooling2d(inputs=conv2, pool_size=[2, 2], strides=2)
    dense = tf.layers.dense(inputs=tf.reshape(pool2, [-1, 7 * 7 * 64]), units=1024, activation=tf.nn.relu)
    return tf.layers.dense(inputs=dense, units=10)
