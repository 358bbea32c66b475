"""The pylint adapter: messages, options, and the walk from a module to its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.interfaces import HIGH

from pylint_glorot import knowledge as K
from pylint_glorot import rules
from pylint_glorot.findings import Finding
from pylint_glorot.model import analyze_module
from pylint_glorot.resolve import initializer_spec, keras_member, module_alias, qualified_name

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
    "R7704": _msg(rules.R7704, "A VarianceScaling initializer whose arguments equal a named initializer."),
    "E7705": _msg(rules.E7705, "VarianceScaling arguments that raise at construction."),
    "W7706": _msg(rules.W7706, "A Xavier, TF1, tf.contrib or tf.compat.v1 initializer name; Xavier and "
                               "Glorot are the same initializer."),
    "W7708": _msg(rules.W7708, "A weight kernel initialized to a nonzero constant: all units start identical."),
}

# Last name segments worth a look; everything else is skipped before any name resolution.
_INTERESTING = (
    set(K.LAYERS) | set(K.TF1_LAYERS) | {K.SEQUENTIAL, "VarianceScaling", "variance_scaling", "Ones", "ones",
                                         "Constant", "constant", "get_variable"}
    | {n.cls for n in K.NAMED} | {n.snake for n in K.NAMED}
    | {name.rsplit(".", 1)[-1] for name in K.LEGACY_INITIALIZERS}
)


def _last_name(func: nodes.NodeNG) -> str | None:
    if isinstance(func, nodes.Name):
        return func.name
    if isinstance(func, nodes.Attribute):
        return func.attrname
    return None


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
                "help": "Paths of test modules, where a constant kernel is a deliberate way to get predictable "
                        "outputs: constant-kernel-initializer is not reported there. Empty to report everywhere.",
            },
        ),
    )

    def _options(self, module: nodes.Module) -> rules.Options:
        test_files = self.linter.config.glorot_test_files
        path = (module.file or module.name or "").replace("\\", "/")
        return rules.Options(
            check_normalized=bool(self.linter.config.glorot_check_normalized),
            min_chain=int(self.linter.config.glorot_min_chain),
            constants_deliberate=bool(test_files and test_files.search(path)),
        )

    def visit_module(self, node: nodes.Module) -> None:
        calls = [call for call in node.nodes_of_class(nodes.Call) if _last_name(call.func) in _INTERESTING]
        if not calls:
            return
        options = self._options(node)
        model = analyze_module(node, calls)
        rules.number_chains(model.sites, model.links, options)
        covered: set[int] = set()
        for site in model.sites:
            covered.update(id(value) for value in site.value_anchors.values())
            for candidates in rules.layer_candidates(site, options):
                self._report_first_enabled(candidates, site.anchor)
        tf_alias = module_alias(node, "tensorflow")
        for call in calls:
            if id(call) in covered:
                continue
            spec = initializer_spec(call)
            if spec is None:
                continue
            landing = _standalone_landing(call, tf_alias)
            self._report_first_enabled(rules.initializer_candidates(spec, landing), call)

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


def _standalone_landing(call: nodes.Call, tf_alias: str | None) -> rules.Landing:
    """An initializer outside a judged layer keyword: strings only where a Keras layer takes them."""
    parent = call.parent
    if isinstance(parent, nodes.Keyword) and isinstance(parent.parent, nodes.Call):
        member = keras_member(qualified_name(parent.parent.func))
        accepts = bool(member and member[0] == "layers" and parent.arg and parent.arg.endswith("_initializer"))
        return rules.Landing(parent.arg, accepts, tf_alias)
    return rules.Landing(None, False, tf_alias)


def register(linter: PyLinter) -> None:
    if not any(isinstance(checker, GlorotChecker) for checker in linter.get_checkers()):
        linter.register_checker(GlorotChecker(linter))
