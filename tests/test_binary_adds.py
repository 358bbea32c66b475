"""binary_adds: `a + b` of two tensors reads as `layers.Add()([a, b])` (the same findings, figures and chains),
and an add whose operands the model cannot read as tensors stays the barrier it was."""

from __future__ import annotations

import textwrap

import astroid
import pytest
from astroid import nodes

from pylint_glorot.binary_adds import operand_list
from source_models import first_findings

DENSE = """
    import keras
    from keras import layers
    tokens = keras.Input((64,))
    x = layers.Dense(64, activation="relu")(tokens)
    x = layers.Dense(64, activation="relu")(x)
    x = {add}
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dense(32, activation="relu", kernel_initializer="glorot_uniform")(x)
"""
CONV = """
    import keras
    from keras import layers
    images = keras.Input((16, 16, 32))
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(images)
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    x = {add}
    x = layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="glorot_normal")(x)
"""
HELPER = """
    import keras
    from keras import layers
    def unit(x):
        y = layers.Dense(64, activation="relu")(x)
        y = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")(y)
        return {add}
    tokens = keras.Input((64,))
    x = unit(unit(tokens))
    x = layers.Dense(16, activation="relu", kernel_initializer="glorot_uniform")(x)
"""
SPELLINGS = [
    (DENSE, 'x + layers.Dense(64, activation="relu")(x)', 'layers.Add()([x, layers.Dense(64, activation="relu")(x)])'),
    (CONV, 'x + layers.Conv2D(32, 3, padding="same", activation="relu")(x)',
     'layers.Add()([x, layers.Conv2D(32, 3, padding="same", activation="relu")(x)])'),
    (CONV, 'layers.Conv2D(32, 3, padding="same", activation="relu")(x) + x',
     'layers.add([layers.Conv2D(32, 3, padding="same", activation="relu")(x), x])'),
    (HELPER, "x + y", "layers.Add()([x, y])"),
]


def _texts(source: str) -> list[tuple[str, int, str]]:
    return sorted((found.symbol, found.span.line, found.text) for found in first_findings(source))


@pytest.mark.parametrize(("template", "plus", "merge"), SPELLINGS)
def test_a_plus_of_two_tensors_reads_as_the_add_layer(template: str, plus: str, merge: str) -> None:
    added, merged = _texts(template.format(add=plus)), _texts(template.format(add=merge))
    assert added == merged
    assert any("signal" in text for _, _, text in added)  # figures: the widths flow through the add


CHAIN = """
    import keras
    from keras import layers
    tokens = keras.Input((64,))
    x = layers.Dense(64, activation="relu")(tokens)
    x = layers.Dense(64, activation="relu")(x)
    x = {add}
    x = layers.Dense(32, activation="relu")(x)
"""


def test_the_chain_ends_at_the_add_and_the_width_passes_it() -> None:
    through = _texts(CHAIN.format(add="x"))  # no add: one chain of three
    assert [symbol for symbol, _, _ in through] == ["implicit-initializer-mismatch"] and "3 relu" in through[0][2]
    assert _texts(CHAIN.format(add="x + x")) == []  # two, then one: no chain of three across the add
    width = CHAIN.replace('(32, activation="relu")', '(32, activation="relu", kernel_initializer="glorot_uniform")')
    assert "signal 0.67x" in _texts(width.format(add="x + x"))[0][2]  # 64 features read after the add
    assert "signal" not in _texts(width.format(add="x * x"))[0][2]  # a barrier: the width unknown, no figure


def _operands(expression: str, head: str = "x = f()\ny = f()\nc = 2.0\n") -> nodes.List | None:
    module = astroid.parse(head + f"z = {expression}\n")
    return operand_list(module.body[-1].value)


@pytest.mark.parametrize("expression", ["x + c", "x + 1.0", "x + self.scale", "x * y", "x - y", "x + y + x",
                                        "x + y[0]", "x + undefined", "tf.add(x, y)", "x + (y if c else x)"])
def test_an_add_of_anything_but_two_tensors_is_no_merge(expression: str) -> None:
    assert _operands(expression) is None


def test_the_operands_of_an_add_of_two_tensors_in_order() -> None:
    listed = _operands("y + g(x)")
    assert listed is not None and [elt.as_string() for elt in listed.elts] == ["y", "g(x)"]
    method = astroid.parse(textwrap.dedent("""
        class Block:
            def call(self, x):
                return self + x
            def other(self, x):
                return x + x
    """))
    first, second = (function.body[-1].value for function in method.body[0].body)
    assert operand_list(first) is None  # `self` is no tensor
    assert operand_list(second) is not None
