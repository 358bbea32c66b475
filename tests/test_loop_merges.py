"""Counted loops whose body merges a branch with the tensor the loop carries (pylint_glorot/loop_merges.py):
each pass is a unit of its own, its branch reads what the pass before merged, and a chain ends at the merge."""

from __future__ import annotations

import re
import textwrap

import pytest
from source_models import chained_model as _model
from source_models import first_findings as _findings


def _figure(finding) -> str | None:
    found = re.search(r"signal ([0-9.e-]+(?:-[0-9.e-]+)?x)", finding.text)
    return found.group(1) if found else None


HEADER = """
    import keras
    from keras import layers

    def grow(x, k):
        return layers.Conv2D(k, 3, padding="same", activation="relu", kernel_initializer="glorot_normal")(x)
"""

DENSENET = HEADER + """
    pixels = keras.Input((8, 8, 16))
    d = pixels
    for _ in range(4):
        d = layers.concatenate([d, grow(d, 12)])
    d = layers.Conv2D(32, 3, padding="same", activation="relu")(d)
"""


def test_each_pass_of_a_concatenating_loop_reads_the_channels_the_pass_before_wrote() -> None:
    model = _model(DENSENET)
    grown = [site for site in model.sites if site.via]
    assert [site.in_channels for site in grown] == [16, 28, 40, 52]
    after = next(site for site in model.sites if not site.via)
    assert after.in_channels == 64 and after.input_shape == (8, 8, 64)  # what the last pass concatenated


def test_a_concatenating_loop_states_the_range_of_its_passes_once() -> None:
    found = [f for f in _findings(DENSENET) if f.symbol == "initializer-activation-mismatch"]
    assert len(found) == 1
    low, high = 16 * 9 / (16 * 9 + 12 * 9), 52 * 9 / (52 * 9 + 12 * 9)  # Glorot over He, first and last pass
    assert _figure(found[0]) == f"{low:.2g}-{high:.2g}x"


ADD_LOOP = """
    import keras
    from keras import layers

    tokens = keras.Input((64,))
    t = tokens
    for _ in range(4):
        y = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)
        t = layers.add([t, y])
"""

ADD_UNROLLED = """
    import keras
    from keras import layers

    tokens = keras.Input((64,))
    t = tokens
    y = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)
    t = layers.add([t, y])
    y = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)
    t = layers.add([t, y])
"""


def test_a_residual_loop_states_the_figure_an_unrolled_copy_states_once() -> None:
    looped = _findings(ADD_LOOP)
    unrolled = _findings(ADD_UNROLLED)
    assert len(looped) == 1 and len(unrolled) == 2
    assert _figure(looped[0]) == _figure(unrolled[0]) == "0.5x"


def test_every_pass_of_a_body_layer_is_a_copy_of_its_call_and_reads_the_pass_befores_merge() -> None:
    model = _model(ADD_LOOP)
    first = next(site for site in model.sites if site.pass_of is None)
    later = [site for site in model.sites if site.pass_of is first]
    assert len(later) == 3 and len(first.nodes) == 1  # the discarded first reading left no node behind
    merges = []
    for site in [first, *later]:
        (node,) = site.nodes
        (read,) = node.inputs
        merges.append(read)
    assert merges[0].kind == "pass"  # `t = tokens`: what the loop reads first
    assert all(read.kind == "merge" for read in merges[1:]) and len({id(read) for read in merges}) == 4


BLOCK_LOOP = """
    import keras
    from keras import layers

    def block(x, f):
        x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        return layers.Conv2D(f, 3, padding="same", activation="relu")(x)

    images = keras.Input((16, 16, 64))
    x = images
    for _ in range(3):
        x = layers.Add()([block(x, 64), x])
"""

BLOCK_UNROLLED = BLOCK_LOOP.replace("""    for _ in range(3):
        x = layers.Add()([block(x, 64), x])""", """    x = layers.Add()([block(x, 64), x])
    x = layers.Add()([block(x, 64), x])
    x = layers.Add()([block(x, 64), x])""")


def test_a_resnet_loops_chain_is_its_branch_on_every_pass_not_branch_times_passes() -> None:
    model = _model(BLOCK_LOOP)
    lengths = {site.chain_length for site in model.sites if site.via}
    assert lengths == {3}
    (looped,) = _findings(BLOCK_LOOP)
    (unrolled,) = _findings(BLOCK_UNROLLED)
    assert looped.symbol == unrolled.symbol == "implicit-initializer-mismatch"
    assert _figure(looped) == _figure(unrolled) == "0.12x"


def test_a_literal_loops_passes_take_their_values_and_the_widths_their_merges_wrote() -> None:
    model = _model("""
        import keras
        from keras import layers

        pixels = keras.Input((8, 8, 16))
        z = pixels
        for f in (16, 32):
            z = layers.Concatenate()([z, layers.Conv2D(f, 3, padding="same", activation="relu")(z)])
    """)
    assert [(site.in_channels, site.out_channels) for site in model.sites] == [(16, 16), (32, 32)]


@pytest.mark.parametrize("loop", [
    # a second tensor from before the loop: read as before (the pass's widths not claimed)
    """
    skip = tokens
    for _ in range(3):
        t = layers.add([skip, layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)])
    """,
    # more passes than the limit
    """
    for _ in range(100):
        t = layers.add([t, layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)])
    """,
    # a statement the checker does not read
    """
    for _ in range(3):
        print(t)
        t = layers.add([t, layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(t)])
    """,
    # a tensor read as no step reads it
    """
    for _ in range(3):
        t = layers.add([t, layers.Dense(t.shape[-1], activation="relu", kernel_initializer="glorot_uniform")(t)])
    """,
])
def test_a_loop_it_cannot_read_soundly_is_read_as_before(loop: str) -> None:
    source = """
    import keras
    from keras import layers

    tokens = keras.Input((64,))
    t = tokens
    """ + textwrap.dedent(loop).replace("\n", "\n    ")
    model = _model(source)
    assert all(site.pass_of is None for site in model.sites)
    assert len(model.sites) == 1
    (finding,) = _findings(source)
    assert finding.symbol == "initializer-activation-mismatch" and _figure(finding) is None


@pytest.mark.parametrize("body", [
    "x = layers.add([*parts, x])",
    "x = layers.add([x, y])",
    "x = layers.add(x)",
    "x = layers.add([])",
    "x = layers.Add()([layers.Input((3,)), x])",
    "x = layers.add([x, layers.Dense(4)(x)])\n        x = layers.add([x, layers.Dense(4)(q)])",
])
def test_odd_merge_loops_never_crash(body: str) -> None:
    source = f"""
    import keras
    from keras import layers

    x = keras.Input((4,))
    for _ in range(2):
        {body}
    """
    _findings(source)


def test_a_helpers_merging_loop_reads_the_callers_width_on_every_pass() -> None:
    model = _model("""
        import keras
        from keras import layers

        def dense_stage(s, n):
            for _ in range(n):
                s = layers.concatenate([s, layers.Conv2D(12, 3, padding="same", activation="relu")(s)])
            return s

        pixels = keras.Input((8, 8, 16))
        out = layers.Conv2D(8, 1)(dense_stage(pixels, 3))
    """)
    grown = [site for site in model.sites if site.via]
    assert [site.in_channels for site in grown] == [16, 28, 40]
    after = next(site for site in model.sites if not site.via)
    assert after.in_channels == 52


def test_a_helpers_merging_loop_whose_count_is_not_fixed_stays_unexpanded() -> None:
    model = _model("""
        import keras
        from keras import layers

        def stage(s, n):
            for _ in range(n):
                s = layers.add([s, layers.Dense(64, activation="relu")(s)])
            return s

        tokens = keras.Input((64,))
        out = stage(tokens, N_BLOCKS)
    """)
    assert [site.via for site in model.sites] == [()] and model.sites[0].in_channels is None


def test_a_body_tensor_read_after_the_loop_keeps_the_loop_unread() -> None:
    model = _model("""
        import keras
        from keras import layers

        tokens = keras.Input((64,))
        t = tokens
        for _ in range(3):
            y = layers.Dense(64, activation="relu")(t)
            t = layers.add([t, y])
        head = layers.Dense(1)(y)
    """)
    assert all(site.pass_of is None for site in model.sites)
