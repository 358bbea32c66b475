"""Helper functions expanded into the caller's network (pylint_glorot/helpers.py), read as data."""

from __future__ import annotations

import textwrap

import astroid

from pylint_glorot import analysis, helpers, rules
from pylint_glorot.model import analyze_module


def _model(source: str):
    module = astroid.parse(textwrap.dedent(source))
    collected = analysis.collect(module)
    return module, analyze_module(module, analysis._interesting_calls(collected))  # noqa: SLF001


def _findings(source: str) -> list:
    module = astroid.parse(textwrap.dedent(source))
    return [found.candidates[0] for found in analysis.module_findings(module, rules.Options())]


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
