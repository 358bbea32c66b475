"""Helper functions expanded into the caller's network (pylint_glorot/helpers.py), read as data."""

from __future__ import annotations

import textwrap

import astroid
from source_models import first_findings as _findings

from pylint_glorot import analysis, helpers, rules
from pylint_glorot.model import analyze_module


def _model(source: str):
    module = astroid.parse(textwrap.dedent(source))
    collected = analysis.collect(module)
    return module, analyze_module(module, analysis._interesting_calls(collected))  # noqa: SLF001


VGG = """
    import keras
    from keras import layers

    def conv(x, f):
        return layers.Conv2D(f, 3, padding="same", activation="relu")(x)

    inputs = keras.Input(shape=(32, 32, 3))
    x = conv(conv(conv(conv(inputs, 64), 64), 128), 128)
"""


def test_each_call_builds_the_layer_with_its_own_literals() -> None:
    _module, model = _model(VGG)
    built = [site for site in model.sites if site.via]
    assert len(built) == 4 and all(site.span.line == 6 for site in built)
    assert sorted((site.input_shape, site.out_channels) for site in built) == [
        ((32, 32, 3), 64), ((32, 32, 64), 64), ((32, 32, 64), 128), ((32, 32, 128), 128)]
    assert all(len(site.via) == 1 and site.via[0].line == 9 for site in built)
    assert not [site for site in model.sites if not site.via]  # the helper's own reading is replaced


def test_a_chain_through_a_helper_is_reported_once_at_the_helpers_layer() -> None:
    (finding,) = _findings(VGG)
    assert finding.symbol == rules.C7702 and finding.span.line == 6
    assert "4 relu layers in a row" in finding.text and "(line 9 x4)" in finding.text
    assert len(finding.edits) == 1 and finding.edits[0].span.line == 6


def test_nested_helpers_record_every_call_that_built_a_layer() -> None:
    _module, model = _model("""
        from keras import layers

        def conv(x, f):
            return layers.Conv2D(f, 3, activation="relu")(x)

        def stage(x, f):
            x = conv(x, f)
            return conv(x, 2 * f)

        def net(images):
            return stage(images, 16)
    """)
    from_net = [site for site in model.sites if len(site.via) == 2]
    assert [[span.line for span in site.via] for site in from_net] == [[12, 8], [12, 9]]
    assert from_net[0].out_channels == 16


def test_recursion_and_star_arguments_are_not_expanded() -> None:
    _module, model = _model("""
        from keras import layers

        def again(x, n):
            return again(layers.Dense(8, activation="relu")(x), n)

        def star(x, **kwargs):
            return layers.Dense(8, activation="relu", **kwargs)(x)

        def net(x, options):
            x = again(x, 3)
            return star(star(x, **options))
    """)
    assert not [site for site in model.sites if site.via]


def test_a_tree_of_nested_helpers_is_capped() -> None:
    lines = ["from keras import layers", "def f0(x):", "    return layers.Dense(8, activation='relu')(x)"]
    for level in range(1, 16):  # 2^15 leaves if nothing stopped it
        lines += [f"def f{level}(x):", f"    return f{level - 1}(f{level - 1}(x))"]
    module, model = _model("\n".join(lines) + "\nout = f15(None)\n")
    assert len([site for site in model.sites if site.via]) <= 2 ** helpers.MAX_DEPTH * 16
    assert helpers.MAX_EXPANSIONS <= 400


def test_a_value_from_a_parameter_is_fixed_at_its_default_or_the_literal_passed() -> None:
    findings = _findings("""
        import keras
        from keras import layers

        def block(x, init="glorot_uniform"):
            return layers.Dense(64, activation="relu", kernel_initializer=init)(x)

        def gated(x, init):
            return layers.Dense(64, activation="relu", kernel_initializer=init)(x)

        inputs = keras.Input((64,))
        x = block(inputs)
        x = gated(x, "he_uniform")
        x = gated(x, "glorot_uniform")
    """)
    by_line = {finding.span.line: finding for finding in findings if finding.symbol == rules.W7701}
    assert set(by_line) == {6, 9}  # at the parameter's use, where the message reads naturally
    assert [(edit.span.line, edit.text) for edit in by_line[6].edits] == [(5, '"he_uniform"')]  # the default
    assert [(edit.span.line, edit.text) for edit in by_line[9].edits] == [(14, '"he_uniform"')]  # that call's literal
    assert "Dense (built by the call on line 12) feeds relu" in by_line[6].text
    assert "Dense (built by the call on line 14) feeds relu" in by_line[9].text  # not line 13, which passes He


def test_calls_under_different_activations_leave_the_layer_unjudged() -> None:
    assert _findings("""
        import keras
        from keras import layers

        def dense(x, act):
            return layers.Dense(64, activation=act)(x)

        inputs = keras.Input((64,))
        x = dense(inputs, "relu")
        x = dense(x, "relu")
        x = dense(x, "relu")
        x = dense(x, "tanh")
    """) == []


def test_a_helper_body_read_on_its_own_is_replaced_when_every_call_expands_it() -> None:
    """`dense` reached from `block` (called) and `orphan` (never called): block's own reading of its body
    adds no instance with an unknown input; orphan's does (nothing else reads that body)."""
    _module, model = _model("""
        import keras
        from keras import layers

        def dense(x):
            return layers.Dense(64, activation="relu")(x)

        def block(x):
            return dense(x)

        def orphan(x):
            return dense(x)

        inputs = keras.Input((32,))
        h = block(inputs)
    """)
    built = sorted(([span.line for span in site.via], site.input_shape) for site in model.sites)
    assert built == [([12], None), ([15, 9], (32,))]  # orphan's standalone reading, and the call of block


MERGES = """
    import keras
    from keras import layers

    def conv(x, f):
        return layers.Conv2D(f, 3, padding="same", activation="relu")(x)

    images = keras.Input((8, 8, 3))
    side = layers.Conv2D(4, 1)(images)
    joined = layers.concatenate([conv(images, 16), side, layers.Conv2D(2, 1)(images)])
    summed = layers.Add()([conv(joined, 22), joined])
"""


def test_helper_calls_in_a_merges_list_are_branches_the_merge_reads() -> None:
    _module, model = _model(MERGES)
    built = {site.via[0].line: site for site in model.sites if site.via}
    assert {line: (site.input_shape, site.out_channels) for line, site in built.items()} == {
        10: ((8, 8, 3), 16), 11: ((8, 8, 22), 22)}  # 16 + 4 + 2 channels: the concatenation read the branches
    add = built[11].nodes[0].inputs[0]
    assert add.kind == "merge" and add.layer == "Concatenate" and len(add.inputs) == 3
    assert [node.output_shape() for node in add.inputs] == [(8, 8, 16), (8, 8, 4), (8, 8, 2)]
    inline = next(site for site in model.sites if not site.via and site.out_channels == 2)
    assert inline.input_shape == (8, 8, 3) and inline.definition == built[10].definition


def test_a_residual_branch_is_judged_on_the_branch() -> None:
    """Two relu layers on each of three residual branches: chains of two, never one chain of six."""
    source = """
        import keras
        from keras import layers

        def residual(x):
            x = layers.Dense(48, activation="relu")(x)
            return layers.Dense(48, activation="relu")(x)

        tokens = keras.Input((48,))
        h = layers.Add()([residual(tokens), tokens])
        h = layers.Add()([residual(h), h])
        h = keras.layers.add([h, residual(h)])
    """
    _module, model = _model(source)
    first = sorted((site for site in model.sites if site.span.line == 6), key=lambda site: site.via[0].line)
    second = sorted((site for site in model.sites if site.span.line == 7), key=lambda site: site.via[0].line)
    linked = {id(site): model.links.get(id(site), (None,))[0] for site in model.sites}
    assert [linked[id(site)] for site in first] == second  # per branch, the first Dense leads to the second
    assert [linked[id(site)] for site in second] == [None] * 3  # ... and the second to nothing past the merge
    assert [site.input_shape for site in model.sites] == [(48,)] * 6
    assert _findings(source) == []


def test_a_merge_with_an_input_it_cannot_read_stays_a_barrier_and_keeps_no_instance() -> None:
    _module, model = _model("""
        import keras
        import tensorflow as tf
        from keras import layers

        def conv(x, f):
            return layers.Conv2D(f, 3, activation="relu")(x)

        images = keras.Input((8, 8, 3))
        joined = layers.concatenate([conv(images, 16), tf.image.resize(images, (6, 6))])
    """)
    assert [site.via for site in model.sites] == [()]  # the helper's own layer, read on its own as before


def test_the_merge_functions_axis_is_read_past_the_list() -> None:
    _module, model = _model("""
        import keras
        from keras import layers

        a = keras.Input((4, 6))
        b = keras.Input((4, 6))
        c = layers.concatenate([a, b], 1)
        d = layers.Dense(8)(c)
        e = layers.concatenate([a, b])
        f = layers.Dense(8)(e)
    """)
    assert [site.input_shape for site in model.sites] == [(8, 6), (4, 12)]


def test_a_helper_body_in_a_with_block_is_one_line() -> None:
    _module, model = _model("""
        import keras
        import tensorflow as tf
        from keras import layers

        def conv(x, f):
            with tf.name_scope("conv"):
                with tf.device("/cpu:0"):
                    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
            return x

        images = keras.Input((8, 8, 3))
        x = conv(conv(images, 16), 32)
    """)
    assert sorted((site.input_shape, site.out_channels) for site in model.sites) == [
        ((8, 8, 3), 16), ((8, 8, 16), 32)]
    assert all(site.via for site in model.sites)


RESIDUAL_BODY = """
    import keras
    from keras import layers

    def block(x, f):
        s = layers.Conv2D(f, 1)(x)
        y = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        y = layers.Conv2D(f, 3, padding="same", activation="relu")(y)
        return layers.Activation("relu")(layers.Add()([s, y]))

    images = keras.Input((8, 8, 3))
    out = block(block(images, 16), 32)
    head = layers.Conv2D(4, 1, activation="relu")(out)
"""


def test_a_helper_whose_body_holds_the_merge_builds_a_merge_node_per_call() -> None:
    _module, model = _model(RESIDUAL_BODY)
    built = sorted((site for site in model.sites if site.via), key=lambda site: (site.out_channels, site.span.line))
    assert [(site.span.line, site.input_shape, site.out_channels) for site in built] == [
        (6, (8, 8, 3), 16), (7, (8, 8, 3), 16), (8, (8, 8, 16), 16),
        (6, (8, 8, 16), 32), (7, (8, 8, 16), 32), (8, (8, 8, 32), 32)]  # the second call reads the first's merge
    assert not [site for site in model.sites if not site.via and site.span.line in (6, 7, 8)]
    shortcut, first, second = built[:3]
    merge = next(node for node in model.graphs[0].nodes if node.kind == "merge" and node.inputs[0] is shortcut.nodes[0])
    assert merge.layer == "Add" and merge.inputs == [shortcut.nodes[0], second.nodes[0]]
    assert shortcut.nodes[0].inputs[0] is first.nodes[0].inputs[0]  # both branches read the fork
    linked = {id(site): model.links.get(id(site), (None,))[0] for site in model.sites}
    assert linked[id(first)] is second and linked[id(second)] is None and linked[id(shortcut)] is None
    assert shortcut.activation is None  # the next branch's steps never follow the shortcut in the step list
    head = next(site for site in model.sites if not site.via)
    assert head.input_shape == (8, 8, 32)


def test_a_helper_merge_the_checker_cannot_follow_is_not_expanded() -> None:
    for body in ("""
            aux = layers.Dense(f, activation="relu")(x)
            y = layers.Dense(f, activation="relu")(x)
            return layers.Add()([x, y])          # a layer off every branch
        """, """
            y = layers.Dense(f, activation="relu")(x)
            return layers.Add()([other, y])      # a branch from what is no parameter
        """, """
            y = layers.Dense(f, activation="relu")(x)
            y = layers.Add()([x, y])
            x = tf.math.l2_normalize(x)          # the parameter rewritten by what no step models
            return layers.Add()([x, y])
        """, """
            y = layers.Dense(f, activation="relu")(x)
            z = layers.Dense(f)(y)
            print(y.shape, z)                    # a tensor read as no step reads it
            return layers.Add()([y, z])
        """, """
            y = layers.Dense(f, activation="relu")(x)
            z = layers.Add()([x, y])
            w = layers.Dense(f)(z)               # a flow off the way to the return
            return layers.Add()([y, z])
        """):
        source = "import keras\nimport tensorflow as tf\nfrom keras import layers\nother = keras.Input((8,))\n\ndef block(x, f):\n" + \
            textwrap.indent(textwrap.dedent(body).strip(), "    ") + \
            "\n\ntokens = keras.Input((8,))\nh = block(block(tokens, 8), 8)\n"
        _module, model = _model(source)
        assert not [site for site in model.sites if site.via], body
        assert [site for site in model.sites if site.span.line == 7], body  # the helper's layers stay, read on their own


def _expanded(model) -> list:
    return sorted((site for site in model.sites if site.via), key=lambda site: ([span.line for span in site.via], site.span.line))


def test_a_helper_with_two_merges_in_a_row_is_one_network_per_call() -> None:
    _module, model = _model("""
        import keras
        from keras import layers

        def units(x, f):
            y = layers.Add()([x, layers.Dense(f, activation="relu")(x)])
            z = layers.Dense(f, activation="relu")(y)
            return layers.Add()([y, z])

        tokens = keras.Input((8,))
        h = units(tokens, 8)
        h = units(h, 8)
        head = layers.Dense(3)(h)
    """)
    built = _expanded(model)
    assert [site.span.line for site in built] == [6, 7, 6, 7]
    merges = [node for graph in model.graphs for node in graph.nodes if node.kind == "merge"]
    first, second = built[2], built[3]  # the second call's
    assert all(model.links.get(id(site), (None,))[0] is None for site in built)  # every chain ends at a merge
    merge = next(node for node in merges if any(read is second.nodes[0] for read in node.inputs))
    assert merge.inputs[0] is second.nodes[0].inputs[0]  # the second unit's Add reads the first's Add and its Dense
    assert merge.inputs[0].kind == "merge" and merge.inputs[0].inputs[1] is first.nodes[0]
    head = next(site for site in model.sites if not site.via)
    assert head.in_channels == 8


def test_a_branch_read_from_another_branchs_value_is_expanded_with_its_channels() -> None:
    _module, model = _model("""
        import keras
        from keras import layers

        def tower(x):
            b1 = layers.Conv2D(16, 1, activation="relu")(x)
            b2 = layers.Conv2D(8, 3, padding="same", activation="relu")(b1)
            b3 = layers.Conv2D(4, 3, padding="same", activation="relu")(b2)
            return layers.concatenate([b1, b3, x])

        images = keras.Input((8, 8, 3))
        head = layers.Conv2D(2, 1)(tower(images))
    """)
    b1, b2, b3 = _expanded(model)
    linked = {id(site): model.links.get(id(site), (None,))[0] for site in model.sites}
    assert linked[id(b1)] is None  # b1 is read twice: a branch, no next layer
    assert linked[id(b2)] is b3 and linked[id(b3)] is None
    assert (b2.in_channels, b3.in_channels) == (16, 8)
    head = next(site for site in model.sites if not site.via)
    assert head.in_channels == 16 + 4 + 3


def test_a_residual_helper_in_a_merge_list_is_a_branch_of_that_merge() -> None:
    _module, model = _model("""
        import keras
        from keras import layers

        def residual(x, f):
            y = layers.Dense(f, activation="relu")(x)
            return layers.Add()([x, y])

        tokens = keras.Input((8,))
        h = layers.concatenate([residual(tokens, 8), tokens])
        head = layers.Dense(3)(h)
    """)
    (dense,) = _expanded(model)
    head = next(site for site in model.sites if not site.via)
    assert dense.in_channels == 8 and head.in_channels == 16
