"""Layer and Model subclasses: constructor parameters, fixes at the literal that decides them, instances
spliced into the caller's network (pylint_glorot/subclass.py)."""

from __future__ import annotations

import textwrap

import astroid

from pylint_glorot import analysis, rules
from pylint_glorot.findings import Span

HEADER = "import keras\nfrom keras import layers, ops\n"

BLOCK = HEADER + textwrap.dedent(
    '''\
    class Block(layers.Layer):
        def __init__(self, units, kernel_initializer="glorot_uniform", activation="relu", **kw):
            super().__init__(**kw)
            self.dense = layers.Dense(units, kernel_initializer=kernel_initializer)
            self.act = layers.Activation(activation)

        def call(self, x):
            return self.act(self.dense(x))
    '''
)


def _findings(source: str, **options) -> list:
    module = astroid.parse(source)
    return [node.candidates[0] for node in analysis.module_findings(module, rules.Options(**options))]


def _column(source: str, line: int, text: str) -> int:
    return source.splitlines()[line - 1].index(text)


def test_the_default_counts_when_the_module_never_builds_the_class() -> None:
    (finding,) = _findings(BLOCK)
    assert finding.symbol == rules.W7701
    default = _column(BLOCK, 4, '"glorot_uniform"')
    assert finding.span == Span(4, default, 4, default + len('"glorot_uniform"'))  # the default, not the use
    assert finding.edit.span == finding.span and finding.edit.text == '"he_uniform"'
    assert finding.text.endswith('use kernel_initializer="he_uniform"')


def test_a_literal_every_instantiation_passes_counts_and_is_fixed_at_each() -> None:
    source = BLOCK + 'a = Block(8, kernel_initializer="glorot_normal")\nb = Block(8, "glorot_normal")\n'
    (finding,) = _findings(source)
    assert [edit.span.line for edit in finding.edits] == [11, 12]
    assert {edit.text for edit in finding.edits} == {'"he_normal"'}


def test_a_default_some_instantiations_rely_on_is_fixed_with_the_passed_literal() -> None:
    source = BLOCK + 'a = Block(8)\nb = Block(8, kernel_initializer="glorot_uniform")\n'
    (finding,) = _findings(source)
    assert [edit.span.line for edit in finding.edits] == [4, 12]


def test_unknown_values_are_never_guessed() -> None:
    mixed = BLOCK + 'a = Block(8, kernel_initializer="he_uniform")\nb = Block(8)\n'
    dynamic = BLOCK + "def make(init):\n    return Block(8, kernel_initializer=init)\n"
    starred = BLOCK + 'CFG = {"units": 8}\nsettings = dict(CFG)\nb = Block(**settings)\n'
    derived = BLOCK + textwrap.dedent(
        '''\
        class Wide(Block):
            def __init__(self, **kw):
                super().__init__(64, kernel_initializer="he_uniform", **kw)
        '''
    )
    for source in (mixed, dynamic, starred, derived):
        assert _findings(source) == [], source


def test_the_activation_comes_through_activations_get_into_an_add_weight_kernel() -> None:
    source = HEADER + textwrap.dedent(
        '''\
        class MyDense(layers.Layer):
            def __init__(self, units, kernel_initializer="glorot_uniform", activation="relu"):
                super().__init__()
                self.units = units
                self.kernel_initializer = keras.initializers.get(kernel_initializer)
                self.activation = keras.activations.get(activation)

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer=self.kernel_initializer)

            def call(self, x):
                return self.activation(ops.matmul(x, self.kernel))
        '''
    )
    (finding,) = _findings(source)
    assert finding.symbol == rules.W7701 and finding.span.line == 4
    linear = source.replace('activation="relu"', "activation=None")
    assert _findings(linear) == []
    read_elsewhere = source.replace("        return self.activation", "        print(self.kernel.shape)\n"
                                    "        return self.activation")
    assert _findings(read_elsewhere) == []  # a kernel also read for something else is not judged


def test_instances_in_a_sequential_are_one_chain_with_one_edit_in_the_class() -> None:
    plain = BLOCK.replace(", kernel_initializer=kernel_initializer", "")
    source = plain + "model = keras.Sequential([keras.Input(shape=(64,)), Block(64), Block(64), Block(64)])\n"
    (finding,) = _findings(source)
    assert finding.symbol == rules.C7702
    assert finding.text.startswith("3 relu layers in a row without normalization (line 6 x3)")
    assert "0.12x" in finding.text  # shapes read through the instances: 0.5 per square layer
    assert len(finding.edits) == 1 and finding.edits[0].span.line == 6
    two = plain + "model = keras.Sequential([keras.Input(shape=(64,)), Block(64), Block(64)])\n"
    assert _findings(two) == []


def test_functional_instances_nested_blocks_and_loops_chain_too() -> None:
    plain = BLOCK.replace(", kernel_initializer=kernel_initializer", "")
    nested = plain + textwrap.dedent(
        '''\
        class Pair(layers.Layer):
            def __init__(self):
                super().__init__()
                self.first = Block(32)
                self.second = Block(32)

            def call(self, x):
                return self.second(self.first(x))

        inputs = keras.Input(shape=(32,))
        x = Pair()(inputs)
        block = Block(32)
        outputs = block(x)
        '''
    )
    (finding,) = _findings(nested)
    assert finding.symbol == rules.C7702 and finding.text.startswith("3 relu layers")
    loop = plain + textwrap.dedent(
        '''\
        x = keras.Input(shape=(32,))
        for _ in range(4):
            x = Block(32)(x)
        '''
    )
    (finding,) = _findings(loop)
    assert finding.text.startswith("4 relu layers")


def test_a_block_that_is_no_straight_path_is_a_barrier() -> None:
    residual = HEADER + textwrap.dedent(
        '''\
        class Residual(layers.Layer):
            def __init__(self):
                super().__init__()
                self.dense = layers.Dense(64, activation="relu")

            def call(self, x):
                y = self.dense(x)
                return x + y

        class Holder(layers.Layer):
            def __init__(self):
                super().__init__()
                self.dense = layers.Dense(64, activation="relu")
                self.inner = Holder()

            def call(self, x):
                return self.inner(self.dense(x))

        a = keras.Sequential([keras.Input(shape=(64,)), Residual(), Residual(), Residual(), Residual()])
        b = keras.Sequential([keras.Input(shape=(64,)), Holder(), Holder(), Holder(), Holder()])
        '''
    )
    assert _findings(residual) == []


def test_a_library_default_before_a_normalization_or_residual_is_the_convention() -> None:
    normalized = HEADER + textwrap.dedent(
        '''\
        class Head(layers.Layer):
            def __init__(self, units, kernel_initializer="glorot_uniform", activation="relu"):
                super().__init__()
                self.dense = layers.Dense(units, activation=activation, kernel_initializer=kernel_initializer)
                self.norm = layers.LayerNormalization()

            def call(self, x):
                x = self.dense(x)
                return self.norm(x)
        '''
    )
    assert _findings(normalized) == []
    assert [f.symbol for f in _findings(normalized, check_normalized=True)] == [rules.W7701]
    residual = normalized.replace("return self.norm(x)", "return inputs + x").replace("call(self, x)", "call(self, inputs)") \
        .replace("self.dense(x)", "self.dense(inputs)")
    assert _findings(residual) == []
