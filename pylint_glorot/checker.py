"""The pylint adapter: messages, options, and the walk from a module to its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.interfaces import HIGH

from pylint_glorot import rules
from pylint_glorot.analysis import Collected, module_findings
from pylint_glorot.findings import Finding
from pylint_glorot.reuse_rules import W7710

if TYPE_CHECKING:
    from pylint.lint import PyLinter

DOCS_URL = "https://github.com/pylint-glorot/pylint-glorot/blob/main/docs/messages/{}.md"


def _msg(symbol: str, description: str) -> tuple[str, str, str]:
    return ("%s", symbol, f"{description} See {DOCS_URL.format(symbol)}")


MESSAGES = {
    "W7701": _msg(rules.W7701, "An explicit Glorot/He/LeCun initializer does not suit the activation that "
                               "follows the layer (rectifiers want He, SELU wants LeCun normal, tanh wants "
                               "Glorot or LeCun)."),
    "C7702": _msg(rules.C7702, "No initializer is given and the default glorot_uniform does not suit the "
                               "layer's activation: under rectifiers the shortfall compounds over a chain of "
                               "layers without normalization."),
    "C7703": _msg(rules.C7703, "Within one model definition, a layer's initializer follows another variance "
                               "rule than most of its neighbours with the same activation family."),
    "R7704": _msg(rules.R7704, "A VarianceScaling initializer whose arguments equal a named initializer."),
    "E7705": _msg(rules.E7705, "VarianceScaling arguments that raise at construction."),
    "W7706": _msg(rules.W7706, "A Xavier, TF1, tf.contrib or tf.compat.v1 initializer name; Xavier and "
                               "Glorot are the same initializer."),
    "W7707": _msg(rules.W7707, "A user function that re-implements Glorot/He/LeCun from the kernel's shape "
                               "(often with fans that are wrong for convolution kernels)."),
    "W7708": _msg(rules.W7708, "A weight kernel initialized to a nonzero constant: all units start identical."),
    "W7710": _msg(W7710, "One random initializer object, or one literal seed, reaches several kernels: an "
                         "initializer seeded with an integer (or unseeded) draws the same values on every call, "
                         "so kernels of one shape start identical (Keras 3, tf-keras; TF1 in graph mode)."),
}


class GlorotChecker(BaseChecker):
    """Judges each layer's weight initializer against the activation it feeds."""

    name = "glorot"
    msgs = MESSAGES
    options = (
        (
            "glorot-check-normalized",
            {
                "default": False,
                "type": "yn",
                "metavar": "<y or n>",
                "help": "Also judge layers whose activation follows a BatchNormalization/LayerNormalization/"
                        "GroupNormalization (off by default: normalization re-scales the signal).",
            },
        ),
        (
            "glorot-min-chain",
            {
                "default": 3,
                "type": "int",
                "metavar": "<layers>",
                "help": "implicit-initializer-mismatch fires on chains of at least this many consecutive "
                        "rectifier layers using the implicit glorot_uniform default.",
            },
        ),
        (
            "glorot-test-files",
            {
                "default": r"(^|/)(test_[^/]*|[^/]*_test|conftest)\.py$",
                "type": "regexp",
                "metavar": "<regexp>",
                "help": "Paths of test modules, where a constant kernel (predictable outputs), a spelled-out "
                        "VarianceScaling (testing it) and a repeated seed (identical builds) are deliberate: "
                        "constant-kernel-initializer, redundant-variance-scaling and reused-initializer are "
                        "not reported there. Empty to report everywhere.",
            },
        ),
    )

    def _options(self, module: nodes.Module) -> rules.Options:
        return options_from_config(self.linter.config, module)

    def visit_module(self, _node: nodes.Module) -> None:
        self._collected = Collected()  # filled by pylint's own walk: no second pass over the tree

    def visit_call(self, node: nodes.Call) -> None:
        self._collected.add(node)

    visit_functiondef = visit_asyncfunctiondef = visit_lambda = visit_call

    def leave_module(self, node: nodes.Module) -> None:
        for found in module_findings(node, self._options(node), self._collected):
            self._report_first_enabled(found.candidates, found.anchor)
        self._collected = Collected()

    def _report_first_enabled(self, candidates: list[Finding], anchor: nodes.NodeNG) -> None:
        """Report the first candidate that is enabled on its line (one node, one message).

        Disabled candidates before it still go through add_message, so that pylint counts a
        `# pylint: disable=` that silenced one as used (no false useless-suppression).
        """
        for finding in candidates:
            self._add(finding, anchor)
            if finding.symbol == rules.E7705:  # each bad argument is its own node
                continue
            if self.linter.is_message_enabled(finding.symbol, finding.span.line):
                return

    def _add(self, finding: Finding, anchor: nodes.NodeNG) -> None:
        span = finding.span
        self.add_message(
            finding.symbol, line=span.line, node=anchor, args=(finding.text,), confidence=HIGH,
            col_offset=span.col, end_lineno=span.end_line, end_col_offset=span.end_col,
        )


def options_from_config(config: Any, module: nodes.Module) -> rules.Options:
    """The rules' options from pylint's parsed configuration (the glorot-* options)."""
    test_files = config.glorot_test_files
    path = (module.file or module.name or "").replace("\\", "/")
    return rules.Options(
        check_normalized=bool(config.glorot_check_normalized),
        min_chain=int(config.glorot_min_chain),
        in_tests=bool(test_files and test_files.search(path)),
    )


def register(linter: PyLinter) -> None:
    if not any(isinstance(checker, GlorotChecker) for checker in linter.get_checkers()):
        linter.register_checker(GlorotChecker(linter))
