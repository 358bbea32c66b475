"""Loops read pass by pass (pylint_glorot/passes.py, helpers.loop_steps, model._helper_passes): each pass
reads what the pass before wrote, and a chain figure is stated only where every pass's fans are known."""

from __future__ import annotations

import math

import pytest
from source_models import chained_model as _model
from source_models import first_findings as _findings

from pylint_glorot import passes, rules


def _glorot_over_he(channels: list[tuple[int, int]]) -> float:
    """Glorot's variance over He's on a convolution or Dense reading c_in and writing c_out channels
    (the receptive field cancels); under relu the gains' ratio is the variances' ratio."""
    return math.prod(c_in / (c_in + c_out) for c_in, c_out in channels)


LOOPED_HELPER = """
    import keras
    from keras import layers

    def c2(x, f):
        return layers.Conv2D(f, 3, padding="same", activation="relu")(x)

    inputs = keras.Input((32, 32, 3))
    z = inputs
    for f in (64, 128, 256, 256):
        z = c2(z, f)
"""


def test_a_literal_loop_over_a_helper_builds_one_layer_per_pass_with_that_passes_value() -> None:
    model = _model(LOOPED_HELPER)
    built = [site for site in model.sites if site.via]
    assert [(site.in_channels, site.out_channels) for site in built] == [(3, 64), (64, 128), (128, 256), (256, 256)]
    assert [site.input_shape for site in built][0] == (32, 32, 3)
    assert not [site for site in model.sites if not site.via]  # the loop's first, unbound reading is gone
    expected = _glorot_over_he([(3, 64), (64, 128), (128, 256), (256, 256)])
    assert built[0].chain_shrink == pytest.approx(expected, rel=0.02) and not built[0].chain_guessed


def test_the_looped_helpers_chain_states_the_predicted_figure_once() -> None:
    (finding,) = _findings(LOOPED_HELPER)
    assert finding.symbol == rules.C7702 and finding.span.line == 6
    figure = _glorot_over_he([(3, 64), (64, 128), (128, 256), (256, 256)])
    assert "(line 11 x4)" in finding.text and f"signal {figure:.2g}x over the chain" in finding.text


HELPER_LOOP = """
    import keras
    from keras import layers

    def block(x, f, n):
        for _ in range(n):
            x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        return x

    inputs = keras.Input((32, 32, 3))
    y = block(inputs, 64, 4)
    out = layers.Conv2D(10, 1)(y)
"""


def test_a_loop_inside_a_helper_reads_the_callers_shapes_pass_by_pass() -> None:
    model = _model(HELPER_LOOP)
    built = [site for site in model.sites if site.via and site.span.line == 7]
    assert [site.input_shape for site in built] == [(32, 32, 3)] + [(32, 32, 64)] * 3
    assert built[0].chain_shrink == pytest.approx(_glorot_over_he([(3, 64)] + [(64, 64)] * 3), rel=0.02)
    head = next(site for site in model.sites if site.span.line == 12)
    assert head.input_shape == (32, 32, 64)  # what follows the call reads the last pass


def test_a_helper_loop_whose_count_is_not_fixed_stays_unexpanded() -> None:
    model = _model(HELPER_LOOP.replace("block(inputs, 64, 4)", "block(inputs, 64, depth)"))
    assert not [site for site in model.sites if site.via]


def test_each_pass_of_a_two_layer_body_reads_what_the_pass_before_wrote() -> None:
    model = _model("""
        import keras
        from keras import layers

        x = keras.Input((64, 64, 3))
        h = x
        for _ in range(3):
            h = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(h)
            h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    """)
    strided, plain = model.sites
    assert [view.input_shape for view in passes.pass_views(strided)] == [(64, 64, 3), (32, 32, 32), (16, 16, 32)]
    assert [view.input_shape for view in passes.pass_views(plain)] == [(32, 32, 32), (16, 16, 32), (8, 8, 32)]
    assert [view.in_channels for view in passes.pass_views(strided)] == [3, 32, 32]
    assert strided.chain_shrink == pytest.approx(_glorot_over_he([(3, 32)] + [(32, 32)] * 5), rel=0.02)


def test_a_comprehension_layer_reads_its_own_output_from_the_second_pass() -> None:
    model = _model("""
        import keras
        from keras import layers

        m = keras.Sequential([keras.Input((16,))] + [layers.Dense(64, activation="relu") for _ in range(3)])
    """)
    (site,) = model.sites
    assert [view.input_shape for view in passes.pass_views(site)] == [(16,), (64,), (64,)]
    assert site.chain_shrink == pytest.approx(_glorot_over_he([(16, 64), (64, 64), (64, 64)]), rel=0.02)


def test_an_unknown_width_is_counted_to_decide_but_never_stated() -> None:
    source = """
        from keras import layers

        def tower(x):
            for _ in range(4):
                x = layers.Dense(32, activation="relu")(x)
            return x
    """
    (site,) = _model(source).sites
    assert site.chain_guessed and site.chain_length == 4
    (finding,) = _findings(source)
    assert finding.symbol == rules.C7702 and "signal" not in finding.text and "x over" not in finding.text
    assert finding.text.endswith('use kernel_initializer="he_uniform"') and len(finding.text) <= rules.MAX_MESSAGE


def test_a_loop_value_bound_per_pass_reaches_the_helpers_activation() -> None:
    model = _model("""
        import keras
        from keras import layers

        def c(x, f, act):
            return layers.Dense(f, activation=act)(x)

        inputs = keras.Input((32,))
        z = inputs
        for f, act in ((64, "relu"), (64, "tanh")):
            z = c(z, f, act)
    """)
    built = [site for site in model.sites if site.via]
    assert [site.out_channels for site in built] == [64, 64]
    assert all(site.activation is None for site in built)  # relu in one pass, tanh in the other: no single fix


def test_w7701_on_a_looped_helper_states_the_range_of_its_layers() -> None:
    (finding,) = _findings("""
        import keras
        from keras import layers

        def c2(x, f):
            return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="glorot_normal")(x)

        inputs = keras.Input((32, 32, 3))
        z = inputs
        for f in (64, 128, 256):
            z = c2(z, f)
    """)
    low, high = _glorot_over_he([(3, 64)]), _glorot_over_he([(64, 128)])
    assert finding.symbol == rules.W7701 and f"signal {low:.2g}-{high:.2g}x per layer" in finding.text
    assert finding.text.endswith('use kernel_initializer="he_normal"')


def test_w7701_states_no_factor_where_one_pass_reads_an_unknown_width() -> None:
    (finding,) = _findings("""
        from keras import layers

        def tower(x):
            for units in (64, 32):
                x = layers.Dense(units, activation="relu", kernel_initializer="glorot_uniform")(x)
            return x
    """)
    assert finding.symbol == rules.W7701 and "signal" not in finding.text and "x per layer" not in finding.text


def test_the_range_covers_only_the_calls_that_pass_the_same_initializer() -> None:
    found = _findings("""
        import keras
        from keras import layers

        def conv(x, f, init):
            return layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer=init)(x)

        inputs = keras.Input((32, 32, 3))
        a = conv(inputs, 64, "glorot_uniform")
        b = conv(a, 64, "glorot_normal")
    """)
    texts = [finding.text for finding in found if finding.symbol == rules.W7701]
    first = _glorot_over_he([(3, 64)])
    # the glorot_uniform call's own figure, not a range with the glorot_normal call's 0.5x
    assert any(f"signal {first:.2g}x per layer" in text and "glorot_uniform" in text for text in texts)
    assert not any("-0.5x" in text for text in texts)


NESTED = """
    import keras
    from keras import layers

    def vgg_block(x, filters, n_convs):
        for _ in range(n_convs):
            x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        return layers.MaxPooling2D(2)(x)

    inp = keras.Input((32, 32, 3))
    z = inp
    for filters, n in [(64, 2), (128, 2), (256, 3)]:
        z = vgg_block(z, filters, n)
    z = layers.Flatten()(z)
    out = layers.Dense(10)(z)
"""


def test_a_literal_loop_over_a_helper_with_its_own_loop_reads_every_pass() -> None:
    model = _model(NESTED)
    convs = [site for site in model.sites if site.via]
    assert [(site.in_channels, site.out_channels) for site in convs] == [
        (3, 64), (64, 64), (64, 128), (128, 128), (128, 256), (256, 256), (256, 256)]
    assert [site.input_shape[:2] for site in convs] == [(32, 32)] * 2 + [(16, 16)] * 2 + [(8, 8)] * 3
    head = next(site for site in model.sites if site.class_name == "Dense")
    assert head.input_shape == (4 * 4 * 256,)


def test_a_helper_loop_that_cannot_be_read_keeps_the_helper_unexpanded() -> None:
    # n_convs is not fixed anywhere: the loop's layers must not silently drop out of the line
    model = _model(NESTED.replace("for filters, n in [(64, 2), (128, 2), (256, 3)]:", "for filters, n in plan:"))
    assert not [site for site in model.sites if site.via]
    head = next(site for site in model.sites if site.class_name == "Dense")
    assert head.input_shape is None  # never the pooled input's 4 x 4 x 3


def test_a_loop_alternating_relu_and_tanh_is_no_run_of_relu_layers() -> None:
    """Each pass's tanh layer ends the run: relu, tanh, relu, ... holds no two relu layers in a row."""
    assert _findings("""
        import keras
        from keras import layers
        inputs = keras.Input(shape=(64,))
        x = inputs
        for _ in range(3):
            x = layers.Dense(64, activation="relu")(x)
            x = layers.Dense(64, activation="tanh")(x)
        model = keras.Model(inputs, x)
    """) == []


def test_a_loops_run_goes_on_into_the_layer_that_reads_its_result() -> None:
    found = _findings("""
        import keras
        from keras import layers
        inputs = keras.Input(shape=(64,))
        x = inputs
        for _ in range(3):
            x = layers.Dense(64, activation="relu")(x)
            x = layers.Dense(64, activation="relu")(x)
        x = layers.Dense(64, activation="relu")(x)
        model = keras.Model(inputs, x)
    """)
    assert [f.text.split(" without")[0] for f in found] == ["7 relu layers in a row"]
    assert "(lines 7 x3, 8 x3, 9)" in found[0].text and "0.0078x" in found[0].text  # 0.5 ** 7
