"""One module -> every candidate finding, grouped by node: the pipeline every adapter shares.

resolve (names, literals) -> model (layer sites, what follows them) -> rules (findings).
The pylint checker reports from it; `fix` and the reporters re-derive edits from it.
Knows astroid, not pylint and not TensorFlow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot import downward, model_configs, rules
from pylint_glorot.findings import Finding
from pylint_glorot.handrolled import hand_rolled, hand_rolled_target
from pylint_glorot.model import analyze_module
from pylint_glorot.resolve import initializer_spec, keras_member, module_alias, qualified_name
from pylint_glorot.reuse import merge_reused, reused_findings

# Last name segments worth a look; every other call is skipped before any name resolution.
_INTERESTING = (
    set(K.LAYERS) | set(K.TF1_LAYERS) | set(K.CONTRIB_LAYERS)
    | {K.SEQUENTIAL, "VarianceScaling", "variance_scaling", "Ones", "ones", "Constant", "constant"}
    | {n.cls for n in K.NAMED} | {n.snake for n in K.NAMED}
    | {name.rsplit(".", 1)[-1] for name in K.LEGACY_INITIALIZERS}
    | {"deserialize", "from_config", "get_variable", "Variable", "repeat", "add_weight", "model_from_config",
       "deserialize_keras_object", "stack", "model_from_json"}
)


@dataclass(frozen=True)
class NodeFindings:
    """The findings that apply to one node, most important first; `anchor` is its astroid node."""

    candidates: list[Finding]
    anchor: Any


def _last_name(func: nodes.NodeNG) -> str | None:
    if isinstance(func, nodes.Name):
        return func.name
    if isinstance(func, nodes.Attribute):
        return func.attrname
    return None


@dataclass
class Collected:
    """The nodes the analysis starts from, gathered in one walk (or from pylint's own walk)."""

    calls: list[nodes.Call] = field(default_factory=list)  # calls to a name or attribute
    shape_functions: list[nodes.NodeNG] = field(default_factory=list)  # def f(shape, ...), lambda shape: ...

    def add(self, node: nodes.NodeNG) -> None:
        if isinstance(node, nodes.Call):
            if _last_name(node.func) is not None:
                self.calls.append(node)
        elif node.args.args and "shape" in [arg.name for arg in node.args.args[:2]]:
            self.shape_functions.append(node)


def collect(module: nodes.Module) -> Collected:
    found = Collected()
    for node in module.nodes_of_class((nodes.Call, nodes.FunctionDef, nodes.Lambda)):
        found.add(node)
    return found


def _interesting_calls(collected: Collected) -> list[nodes.Call]:
    """Calls whose callee is spelled like a Keras layer or initializer, or like a partial of one."""
    calls = collected.calls
    partials = {
        target.name
        for call in calls if _last_name(call.func) == "partial" and isinstance(call.parent, nodes.Assign)
        for target in call.parent.targets if isinstance(target, nodes.AssignName)
    }
    return [call for call in calls if _last_name(call.func) in _INTERESTING or _last_name(call.func) in partials
            or _is_literal_get(call)]


def _is_literal_get(call: nodes.Call) -> bool:
    """`initializers.get("glorot_uniform")` / `get({...})`: cheap to tell from `dict.get(key, default)`."""
    return (_last_name(call.func) == "get" and len(call.args) == 1 and not call.keywords
            and isinstance(call.args[0], (nodes.Const, nodes.Dict)))


def module_findings(module: nodes.Module, options: rules.Options,
                    collected: Collected | None = None) -> Iterator[NodeFindings]:
    """Every node's candidate findings, except in code that a test expects to raise.

    `collected`: the module's calls and shape functions when the caller has walked it already.
    """
    for found in _all_findings(module, options, collected or collect(module)):
        if not _expected_to_raise(found.anchor):
            yield found


def _expected_to_raise(node: nodes.NodeNG) -> bool:
    """Inside `with pytest.raises(...)` / `with self.assertRaises(...)`: failing is the point."""
    current = node
    while current is not None and not isinstance(current, (nodes.FunctionDef, nodes.Module)):
        if isinstance(current, nodes.With):
            for item, _alias in current.items:
                if isinstance(item, nodes.Call) and _last_name(item.func) in _RAISES:
                    return True
        current = current.parent
    return False


_RAISES = {"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp", "assertWarns"}


def _all_findings(module: nodes.Module, options: rules.Options, collected: Collected) -> Iterator[NodeFindings]:
    passed_down = downward.findings(collected.calls, options)  # literals this file passes into project code
    calls = _interesting_calls(collected)
    if not calls:
        yield from _hand_rolled_findings(collected, [], options)
        yield from _passed_down(passed_down, collected)
        return
    builds = [call for call in collected.calls
              if isinstance(call.func, nodes.Attribute) and call.func.attrname == "build" and len(call.args) == 1]
    model = analyze_module(module, calls, builds)
    reused = [] if options.in_tests else reused_findings(module, model, calls)  # W7710, ranked among its node's
    yield from merge_reused(_model_findings(module, model, calls, collected, options, passed_down), reused,
                            NodeFindings)


def _passed_down(passed_down: dict[int, Finding], collected: Collected) -> Iterator[NodeFindings]:
    """The W7701s at literals passed into project code (downward.py) that no other finding shares a node with."""
    if not passed_down:
        return
    literals = {id(value): value for call in collected.calls
                for value in list(call.args) + [keyword.value for keyword in call.keywords or ()]}
    for key, finding in passed_down.items():
        yield NodeFindings([finding], literals[key])


def _model_findings(module: nodes.Module, model, calls: list[nodes.Call], collected: Collected,
                    options: rules.Options, passed_down: dict[int, Finding]) -> Iterator[NodeFindings]:
    rules.number_chains(model.sites, model.links, options)
    rules.number_fixed_chains(model.sites, model.links, options)
    rules.group_calls(model.sites)
    covered: set[int] = set()
    # a partial's keyword is judged once, however often it is called; a helper's layer once, however many
    # calls build it (their fixes joined: each call's own literal where the value comes from the call)
    reported: dict[tuple, NodeFindings] = {}
    joined: dict[tuple, list] = {}  # the instances whose findings a key joins, with their candidates
    inconsistent = rules.inconsistencies(model.sites, options)

    def candidates_of(site) -> Iterator[list]:
        for candidates in rules.layer_candidates(site, options, inconsistent.get(id(site))):
            if site.in_string:
                quoting = site.in_string if isinstance(site.in_string, model_configs.Quoting) else None
                candidates = [model_configs.safe_in_string(finding, quoting) for finding in candidates]
            yield candidates

    for site in model.sites:
        covered.update(id(value) for value in site.value_anchors.values())
        for candidates in candidates_of(site):
            key = tuple((finding.symbol, finding.span) for finding in candidates)
            if site.pass_of is not None:  # a later pass of an unrolled loop: its call has one message
                key = key[:1]
                if key in reported or any(k[:1] == key for k in reported):
                    continue
            if key not in reported:
                reported[key] = NodeFindings(candidates, site.anchor)
                joined[key] = [(site, candidates)]
            elif site.via:
                reported[key] = _joined(reported[key], candidates)
                joined[key].append((site, candidates))
    for key, members in joined.items():
        if len(members) > 1 and reported[key].candidates:
            reported[key] = _naming_every_call(key, members, candidates_of) or reported[key]
    yield from (found for found in reported.values() if found.candidates)
    yield from _hand_rolled_findings(collected, model.sites, options)
    tf_alias = module_alias(module, "tensorflow")
    for call in calls:
        if id(call) in covered:
            continue
        spec = initializer_spec(call)
        if spec is not None:
            candidates = rules.initializer_candidates(spec, _standalone_landing(call, tf_alias), options)
            if id(call) in passed_down:  # passed into project code: its W7701 first (one node, one message)
                candidates = [passed_down.pop(id(call)), *candidates]
            if candidates:
                yield NodeFindings(candidates, call)
    yield from _passed_down(passed_down, collected)


def _joined(found: NodeFindings, more: list[Finding]) -> NodeFindings:
    """One node's findings from two instances of a helper's layer: each finding with the edits of both
    (where they write different texts at one place, no single fix suits every call: nothing is reported)."""
    joined = []
    for first, second in zip(found.candidates, more):
        edits = {edit.span: edit for edit in first.edits}
        for edit in second.edits:
            if edit.span in edits and edits[edit.span].text != edit.text:
                return NodeFindings([], found.anchor)
            edits.setdefault(edit.span, edit)
        ordered = list(edits.values())
        joined.append(replace(first, edit=ordered[0] if ordered else None, more_edits=tuple(ordered[1:])))
    return NodeFindings(joined, found.anchor)


def _naming_every_call(key: tuple, members: list, candidates_of) -> NodeFindings | None:
    """A helper's layer reached by calls whose fixes differ (each call's own literal): the first
    instance's findings again, named by every call the joined findings cover, with every edit."""
    first = members[0][0]
    lines = tuple(sorted({line for site, _candidates in members for line in site.built_by}))
    if lines == first.built_by:
        return None
    named, first.built_by = first.built_by, lines
    try:
        renamed = next((candidates for candidates in candidates_of(first)
                        if tuple((finding.symbol, finding.span) for finding in candidates) == key), None)
    finally:
        first.built_by = named
    if renamed is None:
        return None
    found = NodeFindings(renamed, first.anchor)
    for _site, candidates in members[1:]:
        found = _joined(found, candidates)
    return found


def _hand_rolled_findings(collected: Collected, sites: list, options: rules.Options) -> Iterator[NodeFindings]:
    users: dict[int, list] = {}
    for site in sites:
        for keyword, value in site.value_anchors.items():
            function = hand_rolled_target(value)
            if function is not None:
                users.setdefault(id(function), []).append((site, keyword))
    for function in collected.shape_functions:
        found = hand_rolled(function)
        if found is not None:
            finding = rules.hand_rolled_finding(found, users.get(id(function), []), options)
            yield NodeFindings([finding], function)


def _standalone_landing(call: nodes.Call, tf_alias: str | None) -> rules.Landing:
    """An initializer outside a judged layer keyword: strings only where a Keras layer takes them."""
    parent = call.parent
    if isinstance(parent, nodes.Keyword) and isinstance(parent.parent, nodes.Call):
        member = keras_member(qualified_name(parent.parent.func))
        accepts = bool(member and member[0] == "layers" and parent.arg and parent.arg.endswith("_initializer"))
        return rules.Landing(parent.arg, accepts, tf_alias)
    return rules.Landing(None, False, tf_alias)
