"""The activation each weighted layer's kernel feeds, read from the network graph (links.following_activation,
model._follow_from_graph): its own activation=, else its default, else the activation its output reaches through
normalizations and passthroughs. Each case's expectation is what the step walk this replaced (model._follow over
`_steps_after`) gave, except the unrolled loop's entry and exit, which the step walk did not cross."""

from __future__ import annotations

import textwrap

import astroid

from pylint_glorot import graph as G
from pylint_glorot import links
from pylint_glorot.analysis import _interesting_calls, collect
from pylint_glorot.model import analyze_module
from pylint_glorot.resolve import ActivationSpec


def _activations(source: str) -> list[tuple[int, str | None, str, bool]]:
    """(line, activation the kernel feeds, where it comes from, normalization between) per layer site."""
    module = astroid.parse(textwrap.dedent(source))
    model = analyze_module(module, _interesting_calls(collect(module)))
    return [(site.span.line, site.activation.name if site.activation else None, site.activation_source,
             site.normalized) for site in model.sites]


def test_a_sequential_follows_through_dropout_and_a_normalization() -> None:
    assert _activations("""
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.Dense(64, input_shape=(32,)),
            layers.Dropout(0.1),
            layers.BatchNormalization(),
            layers.ReLU(),
            layers.Dense(10, activation="softmax"),
        ])
    """) == [(5, "relu", "next layer", True), (9, "softmax", "own", False)]


def test_functional_activation_functions_and_layers_follow() -> None:
    assert _activations("""
        import tensorflow as tf
        from tensorflow import keras
        inputs = keras.Input((64,))
        x = keras.layers.Dense(64)(inputs)
        x = tf.nn.relu(x)
        x = keras.layers.Dense(64)(x)
        x = keras.layers.Dropout(0.1)(x)
        x = keras.activations.gelu(x)
        x = keras.layers.Dense(8)(x)
        x = keras.layers.Dense(8)(x)
    """) == [(5, "relu", "next layer", False), (7, "gelu", "next layer", False), (10, None, "", False),
             (11, None, "", False)]


def test_a_second_reader_and_a_merge_end_the_walk() -> None:
    assert _activations("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        x = layers.Dense(64)(inputs)
        outs = [x]
        x = layers.ReLU()(x)
        y = layers.Dense(64)(x)
        z = layers.Add()([layers.Dense(64)(x), y])
        z = layers.ReLU()(z)
    """) == [(5, None, "", False), (8, None, "", False), (9, None, "", False)]


def test_a_residual_branch_layer_follows_its_branch() -> None:
    assert _activations("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        x = layers.Dense(64)(inputs)
        y = layers.Dense(64)(x)
        y = layers.Activation("relu")(y)
        x = layers.Add()([x, y])
    """) == [(5, None, "", False), (6, "relu", "next layer", False)]


def test_a_subclassed_call_and_a_model_add_loop_follow() -> None:
    assert _activations("""
        import keras
        from keras import layers
        class M(keras.Model):
            def __init__(self):
                super().__init__()
                self.d1 = layers.Dense(64)
                self.act = layers.LeakyReLU(0.2)
                self.d2 = layers.Dense(10)
            def call(self, inputs):
                x = self.d1(inputs)
                x = self.act(x)
                return self.d2(x)
        model = keras.Sequential()
        for _ in range(3):
            model.add(layers.Dense(64))
            model.add(layers.ELU())
    """) == [(7, "leaky_relu", "next layer", False), (9, None, "", False), (16, "elu", "next layer", False)]


def test_a_counted_loop_body_last_layer_feeds_no_one_activation() -> None:
    """Its passes but the last feed the body's first node (tanh), the last what reads the loop (relu)."""
    assert _activations("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        x = layers.Dense(64)(inputs)
        x = layers.ReLU()(x)
        for _ in range(4):
            x = layers.Activation("tanh")(x)
            x = layers.Dense(64)(x)
        x = layers.ReLU()(x)
    """) == [(5, "relu", "next layer", False), (9, None, "", False)]


def test_the_layer_before_a_counted_loop_feeds_its_first_pass() -> None:
    assert _activations("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        x = layers.Dense(64)(inputs)
        for _ in range(3):
            x = layers.ReLU()(x)
            x = layers.Dense(64)(x)
        x = layers.Activation("tanh")(x)
    """) == [(5, "relu", "next layer", False), (8, None, "", False)]


def test_an_unrolled_loop_is_entered_and_left_like_a_counted_one() -> None:
    """The graph's edges into the first pass and out of the last (model._enter_unrolled) carry the activation
    too; the step walk stopped at both (None on line 5 and on the last pass of line 8)."""
    assert _activations("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        x = layers.Dense(64)(inputs)
        for units in (128, 64):
            x = layers.ReLU()(x)
            x = layers.Dense(units)(x)
        x = layers.Activation("tanh")(x)
    """) == [(5, "relu", "next layer", False), (8, "relu", "next layer", False), (8, "tanh", "next layer", False)]


def test_helper_instances_feeding_different_activations_read_as_unknown() -> None:
    """helpers.finish reconciles the instances' activations, which the graph gave before it runs."""
    source = """
        import keras
        from keras import layers
        def block(x, f):
            x = layers.Conv2D(f, 3, padding="same")(x)
            return layers.BatchNormalization()(x)
        inputs = keras.Input((32, 32, 3))
        x = block(inputs, 32)
        x = layers.ReLU()(x)
        x = block(x, 64)
        x = layers.Activation("{second}")(x)
    """
    assert _activations(source.format(second="tanh")) == [(5, None, "", True), (5, None, "", True)]
    assert _activations(source.format(second="relu")) == [(5, "relu", "next layer", True)] * 2


def test_following_activation_on_hand_built_nodes() -> None:
    relu = ActivationSpec("relu", "relu")
    dense = G.Node(G.LAYER, layer="Dense")
    norm = G.Node(G.NORM, layer="BatchNormalization", inputs=[dense])
    act = G.Node(G.ACTIVATION, layer="Activation", inputs=[norm], activation=relu)
    assert links.following_activation(dense, links.readers([G.Graph([dense, norm, act])])) == (relu, True)
    unreadable = G.Node(G.ACTIVATION, layer="Activation", inputs=[dense])
    assert links.following_activation(dense, links.readers([G.Graph([dense, unreadable])])) == (None, False)
    branch = G.Node(G.PASS, layer="Dropout", inputs=[norm])
    assert links.following_activation(dense, links.readers([G.Graph([dense, norm, act, branch])])) == (None, False)
    looped = G.Node(G.LAYER, layer="Dense")
    looped.next_pass = looped
    after = G.Node(G.ACTIVATION, layer="Activation", inputs=[looped], activation=relu)
    assert links.following_activation(looped, links.readers([G.Graph([looped, after])])) == (None, False)
