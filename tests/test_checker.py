"""The pylint adapter, through pylint's CheckerTestCase: spans, options, priorities."""

from __future__ import annotations

import astroid
from pylint.interfaces import HIGH
from pylint.testutils import CheckerTestCase, MessageTest, set_config

from pylint_glorot.checker import GlorotChecker

RELU_GLOROT = '''
from keras import layers
layer = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")
'''

CHAIN = '''
import keras
from keras import layers
model = keras.Sequential([
    layers.Dense(64, activation="relu"),
    layers.Dense(64, activation="relu"),
])
'''


class TestGlorotChecker(CheckerTestCase):
    CHECKER_CLASS = GlorotChecker

    def test_mismatch_points_at_the_argument_value(self) -> None:
        module = astroid.parse(RELU_GLOROT)
        call = next(module.nodes_of_class(astroid.nodes.Call))
        with self.assertAddsMessages(
            MessageTest(
                msg_id="initializer-activation-mismatch",
                node=call,
                line=3,
                col_offset=63,
                end_line=3,
                end_col_offset=79,
                confidence=HIGH,
                args=('Dense feeds relu, but "glorot_uniform" is scaled for linear units; '
                      'use kernel_initializer="he_uniform"',),
            ),
            ignore_position=False,
        ):
            self.walk(module)

    def test_the_span_covers_exactly_the_text_the_fix_replaces(self) -> None:
        line = RELU_GLOROT.splitlines()[3 - 1]
        assert line[63:79] == '"glorot_uniform"'

    def test_two_layer_chain_is_silent_by_default(self) -> None:
        with self.assertNoMessages():
            self.walk(astroid.parse(CHAIN))

    @set_config(glorot_min_chain=2)
    def test_min_chain_option_reports_the_layer_call(self) -> None:
        module = astroid.parse(CHAIN)
        self.walk(module)
        messages = self.linter.release_messages()
        assert [m.msg_id for m in messages] == ["implicit-initializer-mismatch"]  # once per chain
        first = messages[0]
        assert (first.line, first.col_offset, first.end_line, first.end_col_offset) == (5, 4, 5, 39)
        assert first.args[0].endswith('use kernel_initializer="he_uniform"')

    def test_files_without_keras_calls_are_skipped_quickly(self) -> None:
        with self.assertNoMessages():
            self.walk(astroid.parse("import os\nprint(os.getcwd())\n"))



def test_model_definitions_are_keyed_by_nodes_of_the_tree() -> None:
    """Definitions keyed by transient objects collide once those are freed and their ids reused,
    comparing layers of different models (seen when several files were linted in one process)."""
    from pathlib import Path

    from pylint_glorot.analysis import _interesting_calls, collect
    from pylint_glorot.model import analyze_module

    for source in sorted((Path(__file__).parent / "functional").rglob("*.py")):
        module = astroid.parse(source.read_text(), path=str(source))
        tree_ids = {id(node) for node in module.nodes_of_class(astroid.nodes.NodeNG)}
        for site in analyze_module(module, _interesting_calls(collect(module))).sites:
            if site.definition is not None:
                assert site.definition[1] in tree_ids, (source.name, site.span.line, site.definition)
