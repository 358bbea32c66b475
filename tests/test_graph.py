"""The network graph: nodes, edges, merges and the shapes inferred through them."""

from __future__ import annotations

import astroid

from pylint_glorot import graph as G
from pylint_glorot.analysis import _interesting_calls, collect
from pylint_glorot.layerconfig import build_shape, declared_input_shape, layer_config
from pylint_glorot.model import analyze_module
from pylint_glorot.network import shapes


def _model(source: str):
    module = astroid.parse(source)
    found = collect(module)
    builds = [c for c in found.calls if isinstance(c.func, astroid.nodes.Attribute) and c.func.attrname == "build"]
    return analyze_module(module, _interesting_calls(found), builds)


def _shapes(source: str) -> list:
    return [site.input_shape for site in _model(source).sites]


def test_a_chain_of_nodes_propagates_shapes() -> None:
    start = G.Node(G.INPUT, declared_shape=(28, 28, 1))
    conv = G.Node(G.LAYER, "Conv2D", {"filters": 8, "kernel_size": 3, "strides": 2})
    flat = G.Node(G.PASS, "Flatten")
    dense = G.Node(G.LAYER, "Dense", {"units": 10})
    G.chain([start, conv, flat, dense])
    assert conv.output_shape() == (13, 13, 8)
    assert dense.input_shape() == (13 * 13 * 8,)
    assert dense.output_shape() == (10,)


def test_a_merge_reads_every_input() -> None:
    left = G.Node(G.INPUT, declared_shape=(16,))
    right = G.Node(G.INPUT, declared_shape=(48,))
    merged = G.Node(G.MERGE, "Concatenate", inputs=[left, right])
    assert merged.output_shape() == (64,)
    assert G.Node(G.MERGE, "Add", inputs=[left, G.Node(G.BARRIER)]).output_shape() is None


def test_unknown_stays_unknown_and_cycles_end() -> None:
    dense = G.Node(G.LAYER, "Dense", {"units": shapes.UNKNOWN}, inputs=[G.Node(G.INPUT, declared_shape=(4,))])
    assert dense.output_shape() == (None,)  # the dimension is unknown, never guessed
    loop = G.Node(G.LAYER, "Conv1D", {"filters": 4, "kernel_size": 3})
    loop.inputs.append(loop)
    assert loop.output_shape() is None
    assert G.Node(G.LAYER, "Dense", {"units": 4}, declared_shape=(8,)).input_shape() == (8,)


def test_a_dense_on_an_unknown_tensor_writes_its_last_dimension_only() -> None:
    first = G.Node(G.LAYER, "Dense", {"units": 64}, inputs=[G.Node(G.BARRIER)])
    dropped = G.Node(G.PASS, "Dropout", {}, inputs=[first])
    second = G.Node(G.LAYER, "Dense", {"units": 8}, inputs=[dropped])
    assert isinstance(first.output_shape(), G.Trailing) and first.output_shape() == (64,)
    assert second.input_shape() == (64,) and second.output_shape() == (8,)  # a Dense reads only the last axis
    flatten = G.Node(G.PASS, "Flatten", {}, inputs=[first])
    assert flatten.output_shape() is None  # the rank is unknown: what needs it stays unknown
    assert G.Node(G.LAYER, "Conv1D", {"filters": 4, "kernel_size": 3}, inputs=[first]).output_shape() is None
    assert G.Node(G.LAYER, "Dense", {"units": shapes.UNKNOWN}, inputs=[G.Node(G.BARRIER)]).output_shape() is None
    loop = G.Node(G.LAYER, "Dense", {"units": 4})
    loop.inputs.append(loop)
    assert loop.output_shape() == (4,)  # whatever the loop feeds back, a Dense(4) writes 4 features


def test_layer_config_reads_literals_and_marks_the_rest_unknown() -> None:
    call = astroid.extract_node("layers.Conv2D(32, (3, 3), strides=2, padding=pad, data_format='channels_first')")
    assert layer_config(call, "Conv2D") == {"filters": 32, "kernel_size": (3, 3), "strides": 2,
                                            "padding": shapes.UNKNOWN, "data_format": "channels_first"}
    assert layer_config(astroid.extract_node("layers.Dense(64, **cfg)"), "Dense") == {
        "units": 64, "activation": shapes.UNKNOWN}
    wrapped = layer_config(astroid.extract_node("from keras import layers\n"
                                                "layers.Bidirectional(layers.LSTM(8), merge_mode='sum')"),
                           "Bidirectional")
    assert wrapped == {"layer": ("LSTM", {"units": 8}), "merge_mode": "sum"}


def test_declared_shapes() -> None:
    assert declared_input_shape(astroid.extract_node("Dense(4, input_shape=(28, 28))")) == (28, 28)
    assert declared_input_shape(astroid.extract_node("Dense(4, input_dim=8)")) == (8,)
    assert declared_input_shape(astroid.extract_node("Input(batch_shape=(None, 5))")) == (5,)
    assert declared_input_shape(astroid.extract_node("Input(shape=n)")) is None
    assert build_shape(astroid.extract_node("(None, 784)")) == (784,)


def test_sequential_flatten_and_strides() -> None:
    found = _shapes(
        "import keras\nfrom keras import layers\n"
        "m = keras.Sequential([keras.Input(shape=(32, 32, 3)), layers.Conv2D(16, 3, strides=2, padding='same'),"
        " layers.MaxPooling2D(), layers.Flatten(), layers.Dense(10)])\n"
    )
    assert found == [(32, 32, 3), (8 * 8 * 16,)]


def test_functional_merges_and_model_add_and_build() -> None:
    found = _shapes(
        "import keras\nfrom keras import layers\n"
        "i = keras.Input(shape=(8,))\n"
        "a = layers.Dense(4)(i)\nb = layers.Dense(12)(i)\n"
        "c = layers.Concatenate()([a, b])\nd = layers.Dense(2)(c)\n"
        "m = keras.Sequential()\nm.add(layers.Dense(3))\nm.add(layers.Dense(3))\nm.build((None, 7))\n"
    )
    assert found == [(8,), (8,), (16,), (7,), (3,)]


def test_one_graph_per_definition() -> None:
    model = _model(
        "import keras\nfrom keras import layers\n"
        "m = keras.Sequential([layers.Dense(3), layers.Dense(3)])\n"
        "i = keras.Input(shape=(8,))\nx = layers.Dense(4)(i)\n"
    )
    assert [len(g.layers()) for g in model.graphs] == [2, 1]


def test_what_a_counted_loop_writes_after_its_last_pass() -> None:
    entry = G.Node(G.INPUT, declared_shape=(64, 64, 3))
    conv = G.Node(G.LAYER, "Conv2D", {"filters": 32, "kernel_size": 3, "strides": 2, "padding": "same"})
    assert G.repeat([conv], 3, entry).output_shape() == (8, 8, 32)  # 64 -> 32 -> 16 -> 8
    dense = G.Node(G.LAYER, "Dense", {"units": 16})
    assert G.repeat([dense], 2, None).output_shape() == (16,)  # an unknown input: a Dense still writes 16
    merge = G.Node(G.MERGE, "Add")
    assert G.repeat([dense, merge], 2, entry).output_shape() is None  # only single-input bodies are run
