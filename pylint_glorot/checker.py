"""The pylint adapter: messages, options, and the walk from a module to its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.interfaces import HIGH

from pylint_glorot import rules
from pylint_glorot.analysis import Collected, module_findings
from pylint_glorot.findings import Finding
from pylint_glorot.pages import DEFAULT_URL, docs_url
from pylint_glorot.reuse_rules import W7710

if TYPE_CHECKING:
    from pylint.lint import PyLinter

DOCS_URL = DEFAULT_URL.replace("{symbol}", "{}")  # the default, positional; pages.docs_url is the source


def _msg(symbol: str, description: str) -> tuple[str, str, str]:
    return ("%s", symbol, f"{description} See {docs_url(symbol)}")


MESSAGES = {
    "W7701": _msg(rules.W7701, "An explicit Glorot/He/LeCun initializer does not suit the activation that "
                               "follows the layer: rectifiers want He (Var = 2/fan_in, He et al. 2015), SELU "
                               "wants LeCun normal (Klambauer et al. 2017), tanh wants Glorot or LeCun (Glorot & "
                               "Bengio 2010). The stated factor is the predicted per-layer gain of the signal's "
                               "second moment against the suited initializer (n_eff * Var(W) * E[phi(z)^2], from "
                               "the layer's inferred fans), or under tanh the mean-field gradient factor chi_1 "
                               "(Schoenholz et al. 2017)."),
    "C7702": _msg(rules.C7702, "No initializer is given and the default glorot_uniform does not suit the "
                               "layer's activation. Under rectifiers the shortfall compounds over a chain of "
                               "layers without normalization or residual add: reported once per chain, at its "
                               "first layer, when the chain has at least glorot-min-chain layers and its "
                               "predicted second moment falls to 0.5^(glorot-min-chain - 1) or less; the fix "
                               "adds the initializer to every layer of the chain."),
    "C7703": _msg(rules.C7703, "Within one model definition, a layer's initializer follows another variance "
                               "rule than most of its neighbours with the same activation family."),
    "R7704": _msg(rules.R7704, "A VarianceScaling initializer whose arguments equal a named initializer: the "
                               "same parameters, and the same tensors for the same seed."),
    "E7705": _msg(rules.E7705, "VarianceScaling arguments that raise at construction (Keras: ValueError, "
                               "case-sensitive modes; tf.contrib: TypeError, upper-case modes)."),
    "W7706": _msg(rules.W7706, "A Xavier, TF1, tf.contrib or tf.compat.v1 initializer name; Xavier and "
                               "Glorot are the same initializer, and tf.contrib is gone in TF 2."),
    "W7707": _msg(rules.W7707, "A user function that re-implements Glorot/He/LeCun from the kernel's shape "
                               "(often with fans that are wrong for convolution kernels: the built-in counts "
                               "fan_in = in_channels x prod(kernel_size))."),
    "W7708": _msg(rules.W7708, "A weight kernel initialized to a nonzero constant: all units start identical, "
                               "get the same gradient and never differentiate (zeros are fine for biases)."),
    "W7709": _msg(rules.W7709, "A fixed-scale kernel initializer (RandomNormal, RandomUniform, TruncatedNormal, "
                               "Orthogonal/Identity with a gain) ignores the layer's fans: over a chain of such "
                               "layers without normalization the predicted second moment of the signal "
                               "(n_eff * Var(W) * E[phi(z)^2] per layer, compounded) or the gradient's mean-field "
                               "factor (n_eff * E[W^2] * E[phi'(h)^2] per layer: saturated tanh units keep the "
                               "signal and lose the gradient) leaves 1e-2..1e2. Reported "
                               "once per chain at its first layer; the fix gives every layer of the chain the "
                               "named initializer that keeps the gain near 1 for its activation, with the same "
                               "kind of draw and seed. One-layer heads are not reported."),
    "W7710": _msg(W7710, "One random initializer object, or one literal seed, reaches several kernels: an "
                         "initializer seeded with an integer (or unseeded) draws the same values on every call, "
                         "so kernels of one shape start identical (Keras 3, tf-keras; TF1 in graph mode). The "
                         "fix gives each use a fresh instance, or seed=keras.random.SeedGenerator(n) in Keras 3, "
                         "or distinct seeds in tf-keras."),
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
                        "rectifier layers using the implicit glorot_uniform default, whose predicted signal "
                        "loss reaches 0.5^(layers - 1); reported once per chain.",
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
        (
            "glorot-docs-url",
            {
                "default": "",
                "type": "string",
                "metavar": "<url template>",
                "help": "Where the messages' pages are, for a fork or an internal mirror: a URL with {symbol} "
                        "(and optionally {msgid}), used in the messages' help, SARIF helpUri, rdjson code.url "
                        "and the language server. Empty: $GLOROT_DOCS_URL, else " + DEFAULT_URL + ".",
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
        chosen: list[tuple[Finding, nodes.NodeNG]] = []
        for found in module_findings(node, self._options(node), self._collected):
            chosen.extend((finding, found.anchor) for finding in self._first_enabled(found.candidates))
        self._collected = Collected()
        # The analysis goes layer by layer, model by model: report in line order, as pylint's own checkers do.
        for finding, anchor in sorted(chosen, key=lambda item: item[0].span.start):
            self._add(finding, anchor)

    def _first_enabled(self, candidates: list[Finding]) -> list[Finding]:
        """The candidates up to the first one enabled on its line (one node, one message).

        Disabled candidates before it still go through add_message, so that pylint counts a
        `# pylint: disable=` that silenced one as used (no false useless-suppression).
        """
        chosen = []
        for finding in candidates:
            chosen.append(finding)
            if finding.symbol == rules.E7705:  # each bad argument is its own node
                continue
            if self.linter.is_message_enabled(finding.symbol, finding.span.line):
                break
        return chosen

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


def use_configured_docs_url(linter: PyLinter) -> None:
    """Point our message definitions' help at the `glorot-docs-url` pages (after configuration)."""
    configured = getattr(linter.config, "glorot_docs_url", "")
    if not configured:
        return
    for msgid, (_, symbol, _) in MESSAGES.items():
        for definition in linter.msgs_store.get_message_definitions(msgid):
            definition.description = definition.description.replace(
                docs_url(symbol, msgid), docs_url(symbol, msgid, configured))


def register(linter: PyLinter) -> None:
    if not any(isinstance(checker, GlorotChecker) for checker in linter.get_checkers()):
        linter.register_checker(GlorotChecker(linter))
