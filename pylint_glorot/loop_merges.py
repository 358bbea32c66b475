"""Counted loops whose body joins a branch with the tensor it carries: a residual or dense unit per pass.

    x = inputs
    for _ in range(3):
        y = layers.Dense(64, activation="relu")(x)
        x = layers.add([x, y])                      # also layers.Add()([block(x, 64), x])
    for _ in range(4):
        x = layers.concatenate([x, conv(x, 12)])    # DenseNet: each pass reads 12 channels more

The passes are taken one after another, each with its own graph nodes: pass k's branch reads what
pass k-1's merge wrote (the first pass what the variable holds before the loop), so a chain ends at
the merge on every pass and each pass's widths follow from the shapes (Add keeps its inputs' channels,
concatenate adds them). Pass 0 keeps the layer sites the calls made; each later pass gets copies
(`LayerSite.pass_of`, one message per call, stating the range of its passes); a helper called in the
body builds its instances per pass (helpers.loop_pass), as for a literal loop over helper calls.

Conservative: every statement of the body that touches a tensor is a flow the checker reads (`prefix =
f"block{i}"` touches none), one variable is carried from pass to pass (every other one is written in the
pass before it is read), no barrier and no model input lies in the body, no statement names a tensor
other than as its steps read it, and the passes make at most repeated_lists.MAX_CALLS layer calls;
anything else is left to the readings before (`read` returns False and changes nothing).
"""

from __future__ import annotations

from typing import Any

from astroid import nodes

from pylint_glorot import graph as G
from pylint_glorot import model as M
from pylint_glorot import repeated_lists, unroll


def read(body: list[nodes.NodeNG], flows: list, loop: nodes.For, sites: dict[int, Any], model: Any,
         seen: set[int], flow_of: dict[int, Any] | None) -> bool:
    """Read the loop as its passes, each wired as its own residual (or dense) unit; False when the loop
    is not of this form (nothing is changed then)."""
    if loop.orelse or not flows or not any(flow.merged for flow in flows):
        return False
    carried = _carried(body, flows)
    if carried is None or _read_after(loop, flows, carried) or any(step.site is not None and sites.get(id(step.site)) is step.site
                              for step in _all_steps(flows)):
        return False  # not such a body, or one applying a subclass instance (its copies are made per reading)
    passes = unroll.loop_passes(loop)
    bound = unroll.pass_bindings(loop, passes) if passes else None
    layers = sum(1 for step in _all_steps(flows) if step.kind == "layer")
    if bound is None or not layers or layers * len(bound) > repeated_lists.MAX_CALLS:
        return False
    from pylint_glorot import helpers

    first_helper = [step.site for step in _all_steps(flows) if step.site is not None and step.site.via]
    by_pass: list[list] = []
    with helpers.attempt(loop) as kept:
        for index, values in enumerate(bound):
            with helpers.loop_pass(loop, index, values):
                again = M._functional_flows(body, sites)  # noqa: SLF001 - each pass's own reading of the body
            if not _same_shape(flows, again):
                _drop_nodes(again)
                for earlier in by_pass:
                    _drop_nodes(earlier)
                return False
            by_pass.append(again)
        kept.append(True)
    if first_helper:
        helpers.discard(first_helper)
    _drop_nodes(flows)  # the first reading is replaced by the passes
    for index, pass_flows in enumerate(by_pass):
        _own_sites(pass_flows, index, loop, passes[index], sites)
    entry = _entry(loop, carried, flow_of)
    current: G.Node = M._node(entry.steps[-1]) if entry is not None else G.Node(G.BARRIER)  # noqa: SLF001
    every: list[G.Node] = [current] if entry is None else []
    for pass_flows in by_pass:
        current = _wire_pass(pass_flows, carried, current, every)
    _exit(loop, carried, current, flow_of)
    steps = list(_all_steps([flow for pass_flows in by_pass for flow in pass_flows]))
    M._assign_definition(steps, ("flow", id(_definition_root(entry, body))))  # noqa: SLF001
    model.graphs.append(G.Graph(every))
    for step in steps:
        if step.kind == "layer" and step.site is not None and id(step.site) not in seen:
            M._link(step, model)  # noqa: SLF001
            seen.add(id(step.site))
    return True


def joined_passes(body: list[nodes.NodeNG], by_pass: list[list]) -> tuple[str, list] | None:
    """A loop in a helper being expanded (helpers.loop_steps), each pass's flows read with its own instances:
    (the variable it carries, the steps of every pass, wired) where each pass is such a unit; else None.
    The steps start with a fork that the caller's chain feeds (every first reader of the carried variable
    reads it) and end with a passthrough of what the last pass wrote there."""
    carried = _carried(body, by_pass[0])
    if carried is None or _read_after(body[0].parent, by_pass[0], carried) or any(not _same_shape(by_pass[0], flows) for flows in by_pass[1:]):
        return None
    if sum(1 for flows in by_pass for step in _all_steps(flows) if step.kind == "layer") > repeated_lists.MAX_CALLS:
        return None
    fork, end = M._step("pass", layer="Identity"), M._step("pass", layer="Identity")  # noqa: SLF001
    current = fork.node
    for flows in by_pass:
        current = _wire_pass(flows, carried, current, [])
    end.node.inputs.append(current)
    return carried, [fork, *(step for flows in by_pass for step in _all_steps(flows)), end]


def _all_steps(flows: list):
    """Every step of the flows, a merge's own-list branches included (they are no part of `flow.steps`)."""
    for flow in flows:
        for step in flow.steps:
            for branch in step.branches if step.kind == "merge" else ():
                yield from branch
            yield step


def _carried(body: list[nodes.NodeNG], flows: list) -> str | None:
    """The one variable a pass reads before writing it (what the pass before wrote), when every statement of
    the body that touches a tensor is a flow, each names its tensors only as its steps read them, and the
    variable is written again."""
    tensors = {flow.output_name for flow in flows} | {name for flow in flows for name in (flow.input_name, *flow.merged)}
    by_statement = {id(flow.stmt) for flow in flows}
    for stmt in body:  # `prefix = f"block{i}"`: a statement that touches no tensor is no part of the passes
        if id(stmt) not in by_statement and any(M._reads(stmt, name) or M._writes(stmt, name)  # noqa: SLF001
                                                for name in tensors if name is not None):
            return None
    if [id(stmt) for stmt in body if id(stmt) in by_statement] != [id(flow.stmt) for flow in flows]:
        return None
    written: set[str] = set()
    carried: set[str] = set()
    for flow in flows:
        if flow.output_name is None:
            return None
        if any(step.kind in ("barrier", "input") or step.node is None for step in _all_steps([flow])):
            return None
        used = list(flow.merged) if flow.merged else [flow.input_name]
        if None in used or not _read_as_steps(flow.stmt, used, tensors):
            return None
        reads = set(used)
        carried.update(reads - written)
        written.add(flow.output_name)
    if len(carried) != 1:
        return None
    name = carried.pop()
    return name if name in written else None


def _read_after(loop: nodes.NodeNG, flows: list, carried: str) -> bool:
    """Whether a statement after the loop reads a tensor of its body other than the carried one (`y` of the
    last pass): a branch the passes do not model."""
    _, after = M._statements_around(loop)  # noqa: SLF001
    for name in {flow.output_name for flow in flows} - {carried, None}:
        for stmt in after:
            if M._reads(stmt, name):  # noqa: SLF001
                return True
            if M._writes(stmt, name):  # noqa: SLF001 - `residual = Conv2D(...)(x)`: a new tensor from here on
                break
    return False


def _read_as_steps(stmt: nodes.NodeNG, used: list[str], tensors: set[str]) -> bool:
    """Whether the statement names each tensor variable exactly as often as its steps read it: none is read
    another way (`Dense(x.shape[-1])(x)`, `conv(x, x)`), which the passes would not model."""
    named = [name.name for name in stmt.nodes_of_class(nodes.Name)]
    return all(named.count(name) == used.count(name) for name in tensors | set(used))


def _same_shape(first: list, again: list) -> bool:
    """Whether a pass's reading of the body has the first reading's steps, kind for kind."""
    if len(first) != len(again):
        return False
    for one, other in zip(first, again):
        if (one.input_name, one.output_name, one.merged) != (other.input_name, other.output_name, other.merged):
            return False
        kinds = [step.kind for step in _all_steps([one])]
        if kinds != [step.kind for step in _all_steps([other])] or any(step.node is None for step in _all_steps([other])):
            return False
    return True


def _drop_nodes(flows: list) -> None:
    """A reading that takes no part in the network: its nodes leave the layer sites it placed them at."""
    for step in _all_steps(flows):
        if step.site is not None and step.node is not None and step.node in step.site.nodes:
            step.site.nodes.remove(step.node)


def _own_sites(flows: list, index: int, loop: nodes.For, values: dict[str, Any], sites: dict[int, Any]) -> None:
    """A pass's layers: a layer the body builds itself is, after the first pass, a copy of its site (one call,
    one fix), with the pass's values of the loop target; a helper's instances are the pass's own already."""
    for flow in flows:
        for step in flow.steps:
            if step.kind == "merge":
                step.branches = tuple([_pass_step(each, index, loop, values, sites) for each in branch]
                                      for branch in step.branches)
        flow.steps[:] = [_pass_step(step, index, loop, values, sites) for step in flow.steps]


def _pass_step(step: Any, index: int, loop: nodes.For, values: dict[str, Any], sites: dict[int, Any]) -> Any:
    if step.site is None or step.site.via:
        return step
    current = step
    if index > 0:
        if step.node in step.site.nodes:
            step.site.nodes.remove(step.node)
        current = unroll.copy_step(step, sites)
    if values:
        unroll.bind_pass(current.site, loop, values)
    return current


def _wire_pass(flows: list, carried: str, entry: G.Node, every: list[G.Node]) -> G.Node:
    """Set the graph edges of one pass, reading `entry` for the carried variable; what it writes there.
    Edges a step list already holds (a helper's own merge, helper_merges) are kept, as `G.chain` keeps them."""
    held: dict[str, G.Node] = {carried: entry}
    for flow in flows:
        flow_nodes = [M._node(step) for step in flow.steps]  # noqa: SLF001
        head = flow.steps[0]
        if flow.merged:
            head.node.inputs = []
            for name, branch in zip(flow.merged, head.branches or [()] * len(flow.merged)):
                if not branch:
                    head.node.inputs.append(held[name])
                    continue
                branch_nodes = G.chain([M._node(step) for step in branch])  # noqa: SLF001
                if not branch_nodes[0].inputs:
                    branch_nodes[0].inputs.append(held[name])
                head.node.inputs.append(branch_nodes[-1])
                every.extend(branch_nodes)
        elif not flow_nodes[0].inputs:
            flow_nodes[0].inputs.append(held[flow.input_name])
        G.chain(flow_nodes)
        every.extend(flow_nodes)
        held[flow.output_name] = flow_nodes[-1]
    return held[carried]


def _entry(loop: nodes.For, name: str, flow_of: dict[int, Any] | None) -> Any:
    """The flow before the loop that writes what its first pass reads, when one does."""
    if flow_of is None:
        return None
    before, _ = M._statements_around(loop)  # noqa: SLF001
    feeding = M._writer(reversed(before), name, flow_of)  # noqa: SLF001
    if feeding is not None:
        M._read_by_loop(feeding, loop)  # noqa: SLF001
    return feeding


def _exit(loop: nodes.For, name: str, last: G.Node, flow_of: dict[int, Any] | None) -> None:
    """The statement after the loop that reads its variable reads what the last pass wrote."""
    if flow_of is None:
        return
    _, after = M._statements_around(loop)  # noqa: SLF001
    reader = next((stmt for stmt in after if M._reads(stmt, name)), None)  # noqa: SLF001
    following = flow_of.get(id(reader)) if reader is not None else None
    if following is not None and following.input_name == name and following.previous is None:
        first = M._node(following.steps[0])  # noqa: SLF001
        if not first.inputs and first.kind != G.INPUT:
            first.inputs.append(last)


def _definition_root(entry: Any, body: list[nodes.NodeNG]) -> nodes.NodeNG:
    """The statement a loop's layers share their model definition with: the root of what feeds it."""
    return M._root(entry).stmt if entry is not None else body[0]  # noqa: SLF001
