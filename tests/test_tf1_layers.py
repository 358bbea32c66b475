"""TF 1 layers as networks: tf.layers / slim / contrib calls read as the Keras layers they build alike,
literal input shapes flowing through them, and figures from network.predicted_gain."""

from __future__ import annotations

import astroid
import pytest

from pylint_glorot import figures
from pylint_glorot.analysis import _interesting_calls, collect
from pylint_glorot.model import analyze_module
from pylint_glorot.network import predicted_gain, shapes
from pylint_glorot.resolve import call_view
from pylint_glorot import tf1_layers

TF = "import tensorflow as tf\nimport tf_slim as slim\n"


def _sites(source: str) -> list:
    module = astroid.parse(TF + source)
    return analyze_module(module, _interesting_calls(collect(module))).sites


def _view(expression: str):
    return call_view(astroid.extract_node(TF + expression))


@pytest.mark.parametrize("call, expected", [
    ("tf.layers.conv2d(x, 32, 3, 2, 'SAME', 'channels_first', 2)",
     ("Conv2D", {"filters": 32, "kernel_size": 3, "strides": 2, "padding": "same", "data_format": "channels_first",
                 "dilation_rate": 2})),
    ("tf.layers.conv2d_transpose(x, 16, [4, 4], strides=(2, 2), padding='VALID')",
     ("Conv2DTranspose", {"filters": 16, "kernel_size": (4, 4), "strides": (2, 2), "padding": "valid"})),
    ("tf.layers.separable_conv2d(x, 64, 3, depth_multiplier=2)",
     ("SeparableConv2D", {"filters": 64, "kernel_size": 3, "depth_multiplier": 2})),
    ("tf.layers.max_pooling2d(x, 3, 2, 'same')", ("MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"})),
    ("tf.layers.dense(x, 10)", ("Dense", {"units": 10})),
    ("tf.layers.flatten(x)", ("Flatten", {})),
])
def test_tf_layers_functions_map_onto_keras_configs(call: str, expected: tuple) -> None:
    function = call.split("(")[0].rsplit(".", 1)[1]
    assert tf1_layers.tf1_layer(function, _view(call)) == expected


@pytest.mark.parametrize("call, expected", [
    ("slim.conv2d(x, 64, [3, 3])",
     ("Conv2D", {"filters": 64, "kernel_size": (3, 3), "padding": "same", "data_format": "channels_last"})),
    ("slim.conv2d(x, 64, 3, 2, 'VALID', 'NCHW', 1)",
     ("Conv2D", {"filters": 64, "kernel_size": 3, "strides": 2, "padding": "valid", "data_format": "channels_first",
                 "dilation_rate": 1})),
    ("slim.fully_connected(x, 10)", ("Dense", {"units": 10})),
    ("slim.max_pool2d(x, [2, 2])",
     ("MaxPooling2D", {"pool_size": (2, 2), "strides": 2, "padding": "valid", "data_format": "channels_last"})),
    ("slim.avg_pool2d(x, 3, stride=1, padding='SAME')",
     ("AveragePooling2D", {"pool_size": 3, "strides": 1, "padding": "same", "data_format": "channels_last"})),
    ("slim.separable_conv2d(x, None, [3, 3], depth_multiplier=2)",
     ("DepthwiseConv2D", {"kernel_size": (3, 3), "depth_multiplier": 2, "padding": "same",
                          "data_format": "channels_last"})),
    ("slim.conv2d(x, n, [3, 3], stride=s)",
     ("Conv2D", {"filters": shapes.UNKNOWN, "kernel_size": (3, 3), "strides": shapes.UNKNOWN, "padding": "same",
                 "data_format": "channels_last"})),
])
def test_slim_functions_map_onto_keras_configs(call: str, expected: tuple) -> None:
    function = call.split("(")[0].rsplit(".", 1)[1]
    assert tf1_layers.contrib_layer(function, _view(call)) == expected


def test_kwargs_leave_slim_parameters_unknown() -> None:
    kind, config = tf1_layers.contrib_layer("conv2d", _view("slim.conv2d(x, 64, [3, 3], **extra)"))
    assert kind == "Conv2D" and config["strides"] is shapes.UNKNOWN and config["padding"] is shapes.UNKNOWN


@pytest.mark.parametrize("call, expected", [
    ("tf.reshape(x, [-1, 28, 28, 1])", (28, 28, 1)),
    ("tf.reshape(x, shape=[-1, 7 * 7 * 64])", (3136,)),
    ("tf.reshape(x, [batch, 784])", shapes.UNKNOWN),  # the batch is a variable
    ("tf.reshape(x, [32, 784])", shapes.UNKNOWN),  # a literal first size need not be the batch
    ("tf.reshape(x, [-1, -1, 4])", shapes.UNKNOWN),
])
def test_reshape_targets_only_literal_shapes_with_the_batch_first(call: str, expected) -> None:
    assert tf1_layers.reshape_target(_view(call)) == expected


@pytest.mark.parametrize("call, expected", [
    ("tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='VALID')",
     ("MaxPooling2D", {"pool_size": (2, 2), "strides": (2, 2), "padding": "valid", "data_format": "channels_last"})),
    ("tf.nn.avg_pool2d(x, 3, 1, 'SAME')",
     ("AveragePooling2D", {"pool_size": (3, 3), "strides": (1, 1), "padding": "same", "data_format": "channels_last"})),
    ("tf.nn.max_pool(x, ksize=[2, 2, 2, 2], strides=[1, 2, 2, 1], padding='VALID')", None),  # pools the batch
])
def test_nn_pools(call: str, expected) -> None:
    assert tf1_layers.nn_pool(call.split("(")[0].rsplit(".", 1)[1], _view(call)) == expected


def test_hand_built_kernels_are_the_keras_layer_of_their_shape() -> None:
    assert tf1_layers.variable_layer("dense", (784, 256)) == ("Dense", {"units": 256}, (784,))
    applied = _view("tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding='SAME')")
    assert tf1_layers.variable_layer("conv", (5, 5, 32, 64), applied) == (
        "Conv2D", {"filters": 64, "kernel_size": (5, 5), "strides": (2, 2), "padding": "same",
                   "data_format": "channels_last", "dilation_rate": (1, 1)}, (None, None, 32))
    nchw = _view("tf.nn.conv2d(x, w, [1, 1, 2, 2], 'VALID', data_format='NCHW')")
    assert tf1_layers.variable_layer("conv", (3, 3, 8, 16), nchw)[1:] == (
        {"filters": 16, "kernel_size": (3, 3), "strides": (2, 2), "padding": "valid",
         "data_format": "channels_first", "dilation_rate": (1, 1)}, (8, None, None))
    # applied more than once: its strides and padding are not one call's
    assert tf1_layers.variable_layer("conv", (5, 5, 32, 64))[1]["strides"] is shapes.UNKNOWN
    assert tf1_layers.variable_layer("dense", (784, None)) is None


def test_shapes_flow_from_a_placeholder_through_tf_layers() -> None:
    sites = _sites(
        "x = tf.placeholder(tf.float32, [None, 28, 28, 1])\n"
        "h = tf.layers.conv2d(x, 32, 3, padding='SAME', activation=tf.nn.relu)\n"
        "h = tf.layers.conv2d(h, 64, 3, 2, 'same', activation=tf.nn.relu)\n"
        "h = tf.layers.max_pooling2d(h, 2, 2)\n"
        "h = tf.layers.dense(tf.layers.flatten(h), 10)\n"
    )
    assert [site.kind for site in sites] == ["Conv2D", "Conv2D", "Dense"]
    assert [site.input_shape for site in sites] == [(28, 28, 1), (28, 28, 32), (7 * 7 * 64,)]


def test_shapes_flow_through_slim_with_its_own_defaults() -> None:
    sites = _sites(
        "x = tf.placeholder(tf.float32, shape=(None, 32, 32, 3))\n"
        "n = slim.conv2d(x, 64, [3, 3])\n"  # SAME by default
        "n = slim.max_pool2d(n, [2, 2])\n"  # stride 2, VALID by default
        "n = slim.repeat(n, 2, slim.conv2d, 128, [3, 3])\n"
        "n = slim.conv2d_transpose(n, 32, [4, 4], stride=2)\n"
        "n = slim.fully_connected(slim.flatten(n), 10, activation_fn=None)\n"
    )
    assert [site.input_shape for site in sites] == [(32, 32, 3), (16, 16, 64), (16, 16, 128), (32 * 32 * 32,)]


def test_a_reshape_and_a_keras_input_start_tf1_chains() -> None:
    sites = _sites(
        "flat = tf.placeholder(tf.float32, [None, 784])\n"
        "c = slim.conv2d(tf.reshape(flat, [-1, 28, 28, 1]), 8, [5, 5])\n"
        "k = tf.layers.dense(tf.keras.Input(shape=(16,)), 4)\n"
    )
    assert [site.input_shape for site in sites] == [(28, 28, 1), (16,)]


def test_an_unknown_input_has_no_shape_and_no_figure() -> None:
    site, = _sites("def f(x):\n    return slim.conv2d(x, 64, [3, 3])\n")
    assert site.input_shape is None
    assert figures.layer_gain(site, figures.DEFAULT) is None


def test_an_arg_scope_outside_the_module_makes_strides_unknown() -> None:
    sites = _sites(
        "def f():\n"
        "    x = tf.placeholder(tf.float32, [None, 32, 32, 3])\n"
        "    x = slim.conv2d(x, 64, [3, 3])\n"
        "    return slim.conv2d(x, 64, [3, 3])\n"
        "def g(scope):\n"
        "    with slim.arg_scope(scope):\n"
        "        return f()\n"
    )
    assert sites[0].config["strides"] is shapes.UNKNOWN
    assert sites[1].input_shape is None  # the first layer's output is unknown: its stride may be 2


@pytest.mark.parametrize("source", [
    "x = tf.placeholder(tf.float32, [None, 28, 28, 1])\n"
    "h = tf.layers.conv2d(x, 32, 3, activation=tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer())\n",
    "x = tf.placeholder(tf.float32, [None, 16, 16, 64])\n"
    "h = slim.conv2d_transpose(x, 32, [4, 4], stride=2, weights_initializer=tf.keras.initializers.he_uniform())\n",
    "x = tf.placeholder(tf.float32, [None, 16, 16, 64])\n"
    "h = slim.separable_conv2d(x, 64, [3, 3], weights_initializer=tf.keras.initializers.glorot_uniform())\n",
    "w = tf.compat.v1.get_variable('w', [784, 256], initializer=tf.keras.initializers.glorot_uniform())\n"
    "h = tf.nn.relu(tf.matmul(x, w))\n",
])
def test_figures_are_network_predicted_gains(source: str) -> None:
    """The factor a message states is the ratio of two network.predicted_gain calls (the zoo's function)."""
    site, = _sites(source)
    init = figures.kernel_init(site.initializers.get(site.spec.judged_keyword))
    got = figures.layer_gain(site, init)
    assert got is not None
    want = predicted_gain(site.kind, site.config, site.input_shape, init, "relu")
    assert got == want


def test_inputs_by_keyword_and_a_literal_reshape_of_anything() -> None:
    sites = _sites(
        "def f(features):\n"
        "    grid = tf.reshape(features['x'], [-1, 28, 28, 1])\n"
        "    conv = tf.layers.conv2d(inputs=grid, filters=32, kernel_size=[5, 5], padding='same')\n"
        "    pool = tf.layers.max_pooling2d(inputs=conv, pool_size=[2, 2], strides=2)\n"
        "    return tf.layers.dense(inputs=tf.reshape(pool, [-1, 14 * 14 * 32]), units=10)\n"
    )
    assert [site.input_shape for site in sites] == [(28, 28, 1), (14 * 14 * 32,)]


def test_a_with_block_does_not_cut_the_flow() -> None:
    sites = _sites(
        "def f():\n"
        "    x = tf.placeholder(tf.float32, [None, 32, 32, 3])\n"
        "    with tf.variable_scope('block'):\n"
        "        x = tf.layers.conv2d(x, 16, 3, padding='same')\n"
        "        with tf.name_scope('inner'):\n"
        "            x = tf.layers.conv2d(x, 16, 3, strides=2, padding='same')\n"
        "    return tf.layers.dense(tf.layers.flatten(x), 10)\n"
    )
    assert [site.input_shape for site in sites] == [(32, 32, 3), (32, 32, 16), (16 * 16 * 16,)]


def test_hand_built_layers_form_a_chain_with_their_shapes() -> None:
    sites = _sites(
        "x = tf.compat.v1.placeholder(tf.float32, [None, 784])\n"
        "b1 = tf.compat.v1.get_variable('b1', [256])\n"
        "w1 = tf.compat.v1.get_variable('w1', [784, 256])\n"
        "h1 = tf.nn.relu(tf.matmul(x, w1) + b1)\n"
        "w2 = tf.compat.v1.get_variable('w2', [256, 256])\n"
        "h2 = tf.nn.relu(h1 @ w2)\n"
        "img = tf.reshape(h2, [-1, 16, 16, 1])\n"
        "k = tf.compat.v1.get_variable('k', [3, 3, 1, 8])\n"
        "c = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(img, k, strides=[1, 2, 2, 1], padding='SAME'), b1))\n"
        "p = tf.nn.max_pool(c, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='VALID')\n"
        "w3 = tf.compat.v1.get_variable('w3', [32, 10])\n"
        "h3 = tf.nn.relu(tf.matmul(tf.reshape(p, [-1, 4 * 4 * 2]), w3))\n"
    )
    assert [site.input_shape for site in sites] == [(784,), (256,), (16, 16, 1), (32,)]
    assert sites[2].nodes[0].output_shape() == (8, 8, 8)


def test_a_hand_built_kernel_keeps_its_literal_fans_when_the_flow_disagrees() -> None:
    site, = _sites(
        "x = tf.compat.v1.placeholder(tf.float32, [None, 100])\n"
        "w = tf.compat.v1.get_variable('w', [784, 256])\n"
        "h = tf.nn.relu(tf.matmul(x, w))\n"
    )
    assert site.input_shape == (784,)
