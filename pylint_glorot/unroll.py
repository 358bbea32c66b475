"""Loops over literal values, taken one pass at a time.

`for units in [512, 256, 128]: model.add(layers.Dense(units, activation="relu"))` builds three
different layers from one call. Each pass binds the loop target to one literal, and the layers
of that pass take it into their config (units, filters, kernel_size, activation), so their
shapes and fans are known one by one. The first pass keeps the layer site the call made; each
later pass gets a copy of it (`LayerSite.pass_of` names the original), on the same call.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from astroid import nodes

from pylint_glorot import graph as G
from pylint_glorot import knowledge as K
from pylint_glorot.layerconfig import config_nodes
from pylint_glorot.resolve import UNKNOWN, ActivationSpec, dereference, literal

MAX_PASSES = 32  # a longer literal loop is read as today's repeat, or not at all


def loop_passes(loop: nodes.For) -> list[dict[str, Any]] | None:
    """Each pass's values of the loop target: `for units in [512, 256]` -> [{"units": 512}, {"units": 256}],
    `for f, k in ((32, 3), (64, 5))`, `for i in range(3)`; None when the source does not fix them."""
    if loop.orelse or not isinstance(loop, nodes.For):
        return None
    values = _iterated_values(loop.iter)
    if values is None or not values or len(values) > MAX_PASSES:
        return None
    target = loop.target
    if isinstance(target, nodes.AssignName):
        return [{target.name: value} for value in values]
    if isinstance(target, nodes.Tuple) and all(isinstance(elt, nodes.AssignName) for elt in target.elts):
        names = [elt.name for elt in target.elts]
        if not all(isinstance(value, tuple) and len(value) == len(names) for value in values):
            return None
        return [dict(zip(names, value)) for value in values]
    return None


def pass_bindings(loop: nodes.For, passes: list[dict[str, Any]]) -> list[dict[int, nodes.NodeNG]] | None:
    """Each pass's binding of the loop target (`bindings.binding`: id of the target's AssignName -> a node
    holding the pass's value): the literal's own element where the source writes one (`for f in (64, 128)`,
    so a fix of a value lands there), else a constant (`range(4)`). None when the target is not plain names."""
    targets = [loop.target] if isinstance(loop.target, nodes.AssignName) else list(getattr(loop.target, "elts", ()))
    if not targets or not all(isinstance(target, nodes.AssignName) for target in targets):
        return None
    elements = _element_nodes(dereference(loop.iter), len(passes))
    found = []
    for index, values in enumerate(passes):
        given = elements[index] if elements is not None else None
        if len(targets) > 1:
            parts = getattr(given, "elts", None)
            given = parts if parts is not None and len(parts) == len(targets) else [None] * len(targets)
        else:
            given = [given]
        found.append({id(target): node if node is not None else _constant(values[target.name], loop)
                      for target, node in zip(targets, given)})
    return found


def _element_nodes(iterable: nodes.NodeNG, count: int) -> list[nodes.NodeNG] | None:
    elements = getattr(iterable, "elts", None) if isinstance(iterable, (nodes.Tuple, nodes.List)) else None
    return list(elements) if elements is not None and len(elements) == count else None


def _constant(value: Any, loop: nodes.For) -> nodes.NodeNG:
    """A node for a value the source computes (`range(4)`'s 2), placed at the loop (never an edit's target:
    only literals the source writes are initializer values)."""
    if isinstance(value, tuple):
        node = nodes.Tuple(lineno=loop.lineno, col_offset=loop.col_offset, parent=loop,
                           end_lineno=loop.lineno, end_col_offset=loop.col_offset)
        node.postinit([_constant(each, loop) for each in value])
        return node
    return nodes.Const(value, lineno=loop.lineno, col_offset=loop.col_offset, parent=loop,
                       end_lineno=loop.lineno, end_col_offset=loop.col_offset)


def _iterated_values(iterable: nodes.NodeNG) -> tuple | None:
    if isinstance(iterable, nodes.Call) and isinstance(iterable.func, nodes.Name) and iterable.func.name == "range":
        bounds = [literal(arg) for arg in iterable.args]
        if len(bounds) in (1, 2) and all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
            return tuple(range(*bounds))
        return None
    value = literal(iterable)
    return value if isinstance(value, tuple) else None


def reads_target(call: nodes.Call, loop: nodes.For, names: set[str]) -> bool:
    """Whether the layer call (lexically in the loop body) reads a loop target name in an argument."""
    return any(_bound_by_loop(name, loop) for name in call.nodes_of_class(nodes.Name) if name.name in names)


def _bound_by_loop(name: nodes.Name, loop: nodes.For) -> bool:
    """`units` inside `for units in ...:` means the pass's value: same scope, not rebound in the body."""
    if name.scope() is not loop.scope() or not _inside(name, loop.body):
        return False
    return not any(assigned.name == name.name for stmt in loop.body for assigned in stmt.nodes_of_class(nodes.AssignName))


def _inside(node: nodes.NodeNG, body: list[nodes.NodeNG]) -> bool:
    current = node
    while current is not None:
        if any(current is stmt for stmt in body):
            return True
        current = current.parent
    return False


def bind_pass(site: Any, loop: nodes.For, bindings: dict[str, Any]) -> None:
    """Give a layer site the config one pass of the loop fixes (in place)."""
    call = site.anchor
    if not isinstance(call, nodes.Call) or site.api != "keras":
        return
    from pylint_glorot.resolve import call_view

    config = dict(site.config)
    for key, node in config_nodes(call_view(call), site.kind).items():
        if isinstance(node, nodes.Name) and node.name in bindings and _bound_by_loop(node, loop):
            if key == "activation":
                site.own_activation = _activation(bindings[node.name])
            else:
                config[key] = bindings[node.name]
    site.config = config
    for node in site.nodes:
        node.config = config
    units = config.get(site.spec.units_keyword) if site.spec.units_keyword else None
    if isinstance(units, int) and not isinstance(units, bool) and units > 0:
        site.out_channels = units
    if "kernel_size" in config and config["kernel_size"] is not UNKNOWN:
        site.kernel_size = config["kernel_size"]


def _activation(value: Any) -> ActivationSpec | None:
    if value is None:
        return ActivationSpec("linear", K.LINEAR)
    if isinstance(value, str) and value in K.ACTIVATION_FAMILIES:
        return ActivationSpec(value, K.activation_family(value))
    return None


def copy_step(step: Any, sites: dict[int, Any]) -> Any:
    """A later pass's copy of a step: a fresh graph node, and a copy of its layer site."""
    node = step.node
    if node is None:  # the shared barrier
        return step
    fresh = G.Node(node.kind, layer=node.layer, config=dict(node.config), declared_shape=node.declared_shape)
    if step.site is None:
        return replace(step, node=fresh)
    original = step.site.pass_of or step.site
    site = replace(step.site, pass_of=original, config=dict(step.site.config), nodes=[fresh], chain=[],
                   fixed_chain=[], value_anchors={}, initializers=dict(step.site.initializers))
    fresh.site, fresh.config = site, site.config
    sites[id(site)] = site
    return replace(step, site=site, node=fresh)


def unrolled(steps: list[Any], loop: nodes.For, passes: list[dict[str, Any]], sites: dict[int, Any]) -> list[Any]:
    """The steps of every pass in order; layers reading the loop target take that pass's values."""
    found: list[Any] = []
    for index, bindings in enumerate(passes):
        for step in steps:
            current = step if index == 0 else copy_step(step, sites)
            if current.site is not None and bindings:
                bind_pass(current.site, loop, bindings)
            found.append(current)
    return found


def binds_layers(steps: list[Any], loop: nodes.For, passes: list[dict[str, Any]]) -> bool:
    """Whether some layer of the loop body reads what the passes bind (else counting passes is enough)."""
    names = set().union(*passes) if passes else set()
    return any(step.site is not None and isinstance(step.site.anchor, nodes.Call)
               and reads_target(step.site.anchor, loop, names) for step in steps)


def applied_list_steps(loop: nodes.For, flows: list[Any], sites: dict[int, Any], constructor_step: Any,
                       elements_of: Any) -> list[Any] | None:
    """`for layer in blocks: x = layer(x)` with `blocks` a literal layer list: each pass applies the
    next layer (and whatever else the body does to `x`). None when the loop is not of this form."""
    if loop.orelse or not isinstance(loop.target, nodes.AssignName):
        return None
    target = loop.target.name
    if not any(_applied_input(stmt, target) is not None for stmt in loop.body):
        return None  # checked first: most loops apply no layer list, and reading the iterable costs more
    from pylint_glorot import repeated_lists

    elements = repeated_lists.applications(elements_of(loop.iter) or [])  # `[a, b] * 3`: a b a b a b
    if not elements or len(elements) > repeated_lists.MAX_CALLS or \
            (len(elements) > MAX_PASSES and all(again is None for _, _, again in elements)):
        return None
    by_statement = {id(flow.stmt): flow for flow in flows}
    plan: list[tuple[str, Any]] = []  # ("applied", None) | ("flow", flow)
    names: list[tuple[str | None, str | None]] = []
    for stmt in loop.body:
        applied = _applied_input(stmt, target)
        if applied is not None:
            plan.append(("applied", None))
            names.append((applied, stmt.targets[0].name))
        elif id(stmt) in by_statement and not any(n.name == target for n in stmt.nodes_of_class(nodes.Name)):
            flow = by_statement[id(stmt)]
            plan.append(("flow", flow))
            names.append((flow.input_name, flow.output_name))
        else:
            return None
    if [kind for kind, _ in plan].count("applied") != 1:
        return None
    carried = all(after[0] == before[1] for before, after in zip(names, names[1:])) and names[-1][1] == names[0][0]
    if not carried or (len(plan) > 1 and any(count != 1 for _, count, _again in elements)):
        return None
    steps: list[Any] = []
    made: dict[int, Any] = {}  # the step of each application, for a later pass of a repeated list
    for index, (element, count, again) in enumerate(elements):
        for kind, flow in plan:
            if kind == "applied":
                if again is not None:  # the same layer called again: a pass copy, one fix with the first
                    step = copy_step(made[again], sites)
                else:
                    step = constructor_step(element, sites)
                    if step.site is not None and count > 1:
                        step.site.repeat = count
                made[index] = step
                steps.append(step)
            else:
                steps.extend(flow.steps if index == 0 else [copy_step(step, sites) for step in flow.steps])
    return steps


def _applied_input(stmt: nodes.NodeNG, target: str) -> str | None:
    """`x = layer(x)` (the loop target called on one variable): the variable it reads."""
    if not isinstance(stmt, nodes.Assign) or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], nodes.AssignName):
        return None
    call = stmt.value
    if not isinstance(call, nodes.Call) or not isinstance(call.func, nodes.Name) or call.func.name != target:
        return None
    if call.keywords or len(call.args) != 1 or not isinstance(call.args[0], nodes.Name):
        return None
    return call.args[0].name
