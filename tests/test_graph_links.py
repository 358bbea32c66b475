"""Links and input channels read from the network graph (pylint_glorot/links.py): what follows each weighted
layer, whether a normalization lies between, and the channels each layer reads."""

from __future__ import annotations

import textwrap

import astroid

from pylint_glorot import graph as G
from pylint_glorot import links
from pylint_glorot.analysis import _interesting_calls, collect
from pylint_glorot.model import analyze_module


def _model(source: str):
    module = astroid.parse(textwrap.dedent(source))
    return analyze_module(module, _interesting_calls(collect(module)))


def _by_line(model) -> dict[int, object]:
    return {site.span.line: site for site in model.sites}


def _links(model) -> dict[int, tuple[int, bool]]:
    """line of a layer -> (line of its next weighted layer, a normalization between)."""
    lines = {id(site): site.span.line for site in model.sites}
    return {lines[source]: (target.span.line, normalized) for source, (target, normalized) in model.links.items()
            if source in lines}


def test_a_sequential_links_each_layer_to_the_next_through_activations_and_dropout() -> None:
    model = _model("""
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.Dense(64, input_shape=(32,)),
            layers.ReLU(),
            layers.Dropout(0.1),
            layers.Dense(32),
            layers.Dense(10),
        ])
    """)
    assert _links(model) == {5: (8, False), 8: (9, False)}
    sites = _by_line(model)
    assert [sites[line].in_channels for line in (5, 8, 9)] == [32, 64, 32]


def test_a_batch_normalization_between_is_told() -> None:
    model = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((16,))
        x = layers.Dense(64)(inputs)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.Dense(64)(x)
    """)
    assert _links(model) == {5: (8, True)}


def test_an_add_merge_cuts_the_chain_and_a_branch_is_no_single_next() -> None:
    model = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        x = layers.Dense(64, activation="relu")(inputs)
        y = layers.Dense(64, activation="relu")(x)
        z = layers.Dense(64, activation="relu")(x)
        s = layers.Add()([y, z])
        out = layers.Dense(10)(s)
    """)
    assert _links(model) == {}  # x branches into y and z; y and z end at the Add
    sites = _by_line(model)
    assert [sites[line].in_channels for line in (5, 6, 7, 9)] == [64, 64, 64, 64]


def test_a_statement_reading_the_tensor_without_a_layer_is_a_branch() -> None:
    """`p4 = p4 + upsample(p5)` (an Add of two tensors since binary_adds.py) reads p5 in its branch: p5 feeds
    that branch and the next conv, a branch; p4 ends at the add. `p4 * gate` reads p4 as no step does."""
    model = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((8, 8, 16))
        p5 = layers.Conv2D(16, 1, activation="relu")(inputs)
        p4 = layers.Conv2D(16, 1, activation="relu")(inputs)
        p4 = p4 + layers.UpSampling2D(1)(p5)
        p5 = layers.Conv2D(16, 3, padding="same", activation="relu")(p5)
        p4 = layers.Conv2D(16, 3, padding="same", activation="relu")(p4)
    """)
    assert _links(model) == {}
    gated = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((8, 8, 16))
        p4 = layers.Conv2D(16, 1, activation="relu")(inputs)
        gate = layers.Conv2D(16, 1, activation="sigmoid")(inputs)
        p4 = p4 * gate
        p4 = layers.Conv2D(16, 3, padding="same", activation="relu")(p4)
    """)
    assert _links(gated) == {}


def test_a_name_in_a_later_function_is_no_reader() -> None:
    """A later function's own `h` is another variable: the chain runs on (the step list cut it)."""
    model = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((64,))
        h = layers.Dense(64, activation="relu")(inputs)
        h = layers.Dense(64, activation="relu")(h)

        def unrelated(h):
            return h * 2
    """)
    assert _links(model) == {5: (6, False)}


def test_a_counted_loop_body_links_its_last_layer_to_what_reads_the_loops_result() -> None:
    model = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((32,))
        x = layers.Dense(32, activation="relu")(inputs)
        for _ in range(3):
            x = layers.Dense(64, activation="relu")(x)
            x = layers.LayerNormalization()(x)
            x = layers.Dense(32, activation="relu")(x)
        out = layers.Dense(10)(x)
    """)
    # the passes before the last feed the body's first layer (its `repeat`); the last pass feeds line 10
    assert _links(model) == {5: (7, False), 7: (9, True), 9: (10, False)}
    body = [site for site in model.sites if site.loop_body]
    assert [site.span.line for site in body] == [7, 9]
    first, last = body
    assert links.pass_channels(*first.loop_body) == 32  # a later pass reads what the body's last layer wrote
    assert links.pass_channels(*last.loop_body) == 64


def test_a_loop_of_one_layer_follows_itself() -> None:
    model = _model("""
        import keras
        from keras import layers
        model = keras.Sequential()
        for _ in range(4):
            model.add(layers.Dense(64, activation="relu"))
    """)
    assert _links(model) == {6: (6, False)}


def test_a_flatten_between_convolutions_gives_the_flattened_width() -> None:
    model = _model("""
        import keras
        from keras import layers
        model = keras.Sequential([
            keras.Input((28, 28, 1)),
            layers.Conv2D(8, 3, activation="relu"),
            layers.Conv2D(16, 3, strides=2, activation="relu"),
            layers.Flatten(),
            layers.Dense(10),
        ])
    """)
    sites = _by_line(model)
    assert [sites[line].in_channels for line in (6, 7, 9)] == [1, 8, 12 * 12 * 16]
    assert _links(model) == {6: (7, False), 7: (9, False)}


def test_channels_are_unknown_behind_a_flatten_whose_input_is_unknown() -> None:
    """Without a known input shape a Flatten loses the channel count; before it, the layer's units are read."""
    model = _model("""
        import keras
        from keras import layers

        def head(x):
            x = layers.Conv2D(32, 3, activation="relu")(x)
            x = layers.Conv2D(64, 3, activation="relu")(x)
            x = layers.Flatten()(x)
            return layers.Dense(10)(x)
    """)
    sites = _by_line(model)
    assert sites[6].in_channels is None and sites[7].in_channels == 32 and sites[9].in_channels is None


def test_next_weighted_on_hand_built_nodes() -> None:
    """The graph walk itself: through activations, norms and passes; not through a merge or a barrier."""
    class Site:  # the walk treats sites as opaque
        out_channels = 8

    a, b = Site(), Site()
    first = G.Node(G.LAYER, layer="Dense", site=a)
    norm = G.Node(G.NORM, layer="BatchNormalization", inputs=[first])
    act = G.Node(G.ACTIVATION, layer="Activation", inputs=[norm])
    second = G.Node(G.LAYER, layer="Dense", site=b, inputs=[act])
    graph = G.Graph([first, norm, act, second])
    read_by = links.readers([graph])
    assert links.next_weighted(first, read_by) == (b, True)
    assert links.feeding_channels(second) == 8
    merged = G.Node(G.MERGE, layer="Add", inputs=[second, first])
    read_by = links.readers([G.Graph([first, norm, act, second, merged])])
    assert links.next_weighted(second, read_by) == (None, False)
    assert links.next_weighted(first, read_by) == (None, False)  # read by the norm and by the merge: a branch
    barrier = G.Node(G.BARRIER, inputs=[second])
    third = G.Node(G.LAYER, layer="Dense", site=a, inputs=[barrier])
    assert links.next_weighted(second, links.readers([G.Graph([second, barrier, third])])) == (None, False)
    assert links.feeding_channels(third) is None


def test_a_counted_loop_whose_result_nobody_reads_links_its_last_layer_to_its_first() -> None:
    model = _model("""
        import keras
        from keras import layers
        inputs = keras.Input((32,))
        x = inputs
        for _ in range(3):
            x = layers.Dense(64, activation="relu")(x)
            x = layers.Dense(32, activation="relu")(x)
    """)
    assert _links(model) == {7: (8, False), 8: (7, False)}
