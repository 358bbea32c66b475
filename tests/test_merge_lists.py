"""merge_lists: a merge's list bound to a name first is read at the merge only where that is what the
source computes; tf.concat / keras.ops.concatenate are a Concatenate on a literal axis."""

from __future__ import annotations

import textwrap

import astroid
from astroid import nodes

from pylint_glorot import analysis
from pylint_glorot.merge_lists import is_tf_concat, list_statement
from pylint_glorot.model import analyze_module


def _merge_argument(source: str) -> nodes.NodeNG:
    module = astroid.parse(textwrap.dedent(source))
    merge = next(call for call in module.nodes_of_class(nodes.Call)
                 if isinstance(call.func, nodes.Call) and call.func.func.as_string().endswith("Add"))
    return merge.args[0]


HEAD = """
    from keras import layers
    def f(x, y):
"""


def test_a_list_bound_once_and_read_once_by_the_merge_is_read_there() -> None:
    first = _merge_argument(HEAD + """
        branches = [layers.Dense(4)(x), y]
        z = layers.Dense(2)(x)
        return layers.Add()(branches)
    """)
    stmt = list_statement(first)
    assert isinstance(stmt, nodes.Assign) and stmt.targets[0].name == "branches"


def test_a_list_the_merge_cannot_read_in_its_place_is_refused() -> None:
    for body in ("""
        branches = [layers.Dense(4)(x), y]
        x = layers.Dense(2)(y)                    # a name the list reads, rewritten before the merge
        return layers.Add()(branches)
    """, """
        branches = [layers.Dense(4)(x), y]
        print(branches)                           # read twice
        return layers.Add()(branches)
    """, """
        branches = [x]
        branches = [layers.Dense(4)(x), y]        # bound twice
        return layers.Add()(branches)
    """, """
        branches = [layers.Dense(4)(x), y]
        if y is not None:
            return layers.Add()(branches)         # not in the list's statement list
        return x
    """, """
        branches = (x, y) if x else [x]          # no list literal
        return layers.Add()(branches)
    """, """
        return layers.Add()([x, y])               # a literal in place: nothing to move
    """):
        assert list_statement(_merge_argument(HEAD + body)) is None, body


def test_tf_concat_spellings() -> None:
    assert is_tf_concat("tensorflow.concat") and is_tf_concat("tensorflow.compat.v1.concat")
    assert is_tf_concat("keras.ops.concatenate") and is_tf_concat("tensorflow.keras.ops.concatenate")
    assert not is_tf_concat("tensorflow.add") and not is_tf_concat("numpy.concatenate") and not is_tf_concat(None)


def _channels(source: str) -> dict[int, int | None]:
    module = astroid.parse(textwrap.dedent(source))
    model = analyze_module(module, analysis._interesting_calls(analysis.collect(module)))  # noqa: SLF001
    return {site.span.line: site.in_channels for site in model.sites}


def test_tf_concat_sums_the_channels_on_a_literal_axis_only() -> None:
    channels = _channels("""
        import keras
        import tensorflow as tf
        from keras import layers

        inputs = keras.Input((8, 8, 3))
        a = layers.Conv2D(8, 1)(inputs)
        b = layers.Conv2D(4, 1)(inputs)
        c = tf.concat([a, b], axis=-1)
        d = layers.Conv2D(5, 1)(c)
        e = tf.concat([d, a], -1)
        f = layers.Conv2D(6, 1)(e)
        g = tf.concat([f, a], axis=axis_from_config)
        h = layers.Conv2D(7, 1)(g)
    """)
    assert channels[10] == 12 and channels[12] == 13
    assert channels[14] is None  # an axis the source does not fix: nothing guessed


def test_a_named_merge_list_of_names_reads_its_producers() -> None:
    channels = _channels("""
        import keras
        from keras import layers

        inputs = keras.Input((16,))
        a = layers.Dense(8)(inputs)
        b = layers.Dense(4)(inputs)
        joined = [a, b]
        c = layers.concatenate(joined)
        d = layers.Dense(2)(c)
        again = [a, b]
        print(again)
        e = layers.concatenate(again)
        f = layers.Dense(2)(e)
    """)
    assert channels[10] == 12
    assert channels[14] is None  # the list read twice: the merge's inputs stay unknown


def test_a_named_merge_list_in_a_helper_body_and_in_a_loop_reads_as_the_list_in_place() -> None:
    module = astroid.parse(textwrap.dedent("""
        import keras
        from keras import layers

        def block(x):
            branches = [layers.Dense(8, activation="relu")(x), x]
            return layers.Add()(branches)

        def conv(x, f):
            return layers.Conv2D(f, 3, padding="same", activation="relu")(x)

        tokens = keras.Input((8,))
        h = layers.Dense(4)(block(block(tokens)))
        images = keras.Input((8, 8, 16))
        x = layers.Conv2D(16, 1)(images)
        for _ in range(3):
            parts = [conv(conv(x, 16), 16), x]
            x = layers.Add()(parts)
    """))
    model = analyze_module(module, analysis._interesting_calls(analysis.collect(module)))  # noqa: SLF001
    dense = [site for site in model.sites if site.class_name == "Dense" and site.via]
    assert len(dense) == 2 and all(site.in_channels == 8 for site in dense)  # both calls expanded, the Add keeps 8
    head = next(site for site in model.sites if site.class_name == "Dense" and not site.via)
    assert head.in_channels == 8
    convs = [site for site in model.sites if site.class_name == "Conv2D" and site.via]
    linked = {id(site): model.links.get(id(site), (None,))[0] for site in convs}
    assert len(convs) == 2 and sorted(linked[id(site)] is None for site in convs) == [False, True]  # ends at the Add
