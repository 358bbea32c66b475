"""Helpers whose body joins its branches at one merge: the residual and shortcut block.

    def residual(x, f):
        y = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        y = layers.Conv2D(f, 3, padding="same", activation="relu")(y)
        return layers.Add()([x, y])
    x = residual(residual(inputs, 64), 64)

Each call's steps are, in the caller's line: a fork (an Identity step that holds the tensor parameter's
value), each branch's steps reading the fork (a branch that is the parameter itself is the fork), a
split step between two branches (what follows a branch's last layer in the step list is never the next
branch's first step), the merge reading each branch's end, then what follows the merge. Its graph edges
are set here, so the merge is a real merge node: a chain ends at it, the branch's layers are judged on
the branch, and the shapes flow through it.

`merge_path` reads that shape: every branch one straight line of flows from the same tensor parameter,
each flow read by the next one only, every layer of the body on a branch or after the merge, no second
merge and no barrier. Where it does not fit, `graph_path` reads any graph of flows from one tensor
parameter to the return with at least one merge: two residual units in a row, a branch that reads another
branch's intermediate value (`b1 = conv1x1(x); b2 = conv3x3(b1); return concatenate([b1, b2])`: b1 is
read twice, a branch point that ends its chain). Each flow's first node reads its producers' last nodes
(the fork for the parameter); every flow must lead to the returned value, the parameter never be rewritten
before it is read, no statement read a tensor as no step does, no barrier lie on the way, and every layer
of the body be placed. Anything else keeps the helper unexpanded (`helpers.call_steps` returns None).

A residual helper called inside a merge's list (`layers.Add()([residual(x, 64), x])`) is a branch of that
merge: its merge is already wired (`wired`), so the caller reads its steps as a branch's.
"""

from __future__ import annotations

from astroid import nodes

from pylint_glorot import graph as G
from pylint_glorot import model as M

SPLIT = "split"  # a step kind: no signal step, it ends what follows a branch in the step list


def merge_path(function: nodes.FunctionDef, ret: nodes.Return, flows: list,
               own: dict[int, M.LayerSite]) -> tuple[str, list[M.Step]] | None:
    """(the tensor parameter, the steps of one call of the helper, wired as its network) when the body's
    branches from that parameter meet at one merge before the return; None otherwise."""
    tail = _tail(function, ret, flows)
    branches = _branches(function, tail[0]) if tail is not None else None
    if branches is None:
        return graph_path(function, ret, flows, own)
    merge_flow = tail[0]
    starts = {start for start, _ in branches}
    used = [flow for _, path in branches for flow in path] + tail
    if len(starts) != 1 or len({id(flow) for flow in used}) != len(used):
        return None  # branches from different parameters, or one flow on two branches
    if any(_read_aside(flow, ret) for flow in used) or any(step.kind == "barrier" for flow in used for step in flow.steps):
        return None
    steps = _wired(merge_flow, [_branch_steps(merge_flow, index, path) for index, (_, path) in enumerate(branches)],
                   tail)
    placed = {id(step.site) for step in steps if step.site is not None}
    if any(id(site) not in placed for site in own.values()):
        return None  # a layer of the body off every branch: never dropped silently
    return starts.pop(), steps


def _read_aside(flow, ret: nodes.Return) -> bool:
    """Whether a statement reads the flow's output as no step does; the helper's own `return output` is
    where the call's value goes, no branch."""
    return any(reader is not ret for reader in flow.opaque_readers)


def wired(step: M.Step) -> bool:
    """Whether a merge step is one a helper's expansion wired (`_wired`): its inputs are graph edges already,
    so the step list holding it (a residual helper called in a merge's list) can be read as a branch."""
    return step.kind == "merge" and not step.merged and not step.branches and bool(step.node and step.node.inputs)


def _parameters(function: nodes.FunctionDef) -> set[str]:
    args = function.args
    return {arg.name for arg in list(args.posonlyargs or []) + list(args.args or []) + list(args.kwonlyargs or [])}


def _tail(function: nodes.FunctionDef, ret: nodes.Return, flows: list) -> list | None:
    """The flows from the merge to the returned value, the merge's first: one line that nothing else reads."""
    if M.flow_value(ret.value):
        last = next((flow for flow in flows if flow.stmt is ret), None)
    else:
        writers = [flow for flow in flows if flow.output_name == ret.value.name]
        last = writers[-1] if writers else None
        if last is not None and _written_between(function, last.stmt, ret, ret.value.name):
            return None
    if last is None:
        return None
    tail = [last]
    while not tail[0].merged:
        before = tail[0].previous
        if before is None or before.next is not tail[0] or any(before is flow for flow in tail):
            return None
        tail.insert(0, before)
    if any(flow.merged for flow in tail[1:]):
        return None
    return tail


def _branches(function: nodes.FunctionDef, merge_flow) -> list[tuple[str, list]] | None:
    """Per merge input: (the parameter it starts from, its flows in order; [] for the parameter itself)."""
    found = []
    parameters = _parameters(function)
    for name in merge_flow.merged:
        source = merge_flow.sources.get(name)
        if source is None:
            if name not in parameters or _written_between(function, None, merge_flow.stmt, name):
                return None
            found.append((name, []))
            continue
        path = [source]
        while path[0].previous is not None:
            before = path[0].previous
            if before.next is not path[0] or any(before is flow for flow in path) or before.merged:
                return None
            path.insert(0, before)
        start = path[0].input_name
        if source.merged or start not in parameters or _written_between(function, None, path[0].stmt, start):
            return None
        found.append((start, path))
    return found


def _written_between(function: nodes.FunctionDef, first: nodes.NodeNG | None, last: nodes.NodeNG, name: str) -> bool:
    """Whether a statement of the body after `first` (from the start when None) and before `last` writes `name`."""
    body = M.inlined_body(function.body, function)
    ids = [id(stmt) for stmt in body]
    if id(last) not in ids or (first is not None and id(first) not in ids):
        return True
    start = ids.index(id(first)) + 1 if first is not None else 0
    return any(M._writes(stmt, name) for stmt in body[start:ids.index(id(last))])  # noqa: SLF001


def _branch_steps(merge_flow, index: int, path: list) -> list[M.Step]:
    """The steps of one merge input: its flows', then what the merge's own list computes for it."""
    inline = merge_flow.steps[0].branches
    return [step for flow in path for step in flow.steps] + (list(inline[index]) if inline else [])


def _wired(merge_flow, branches: list[list[M.Step]], tail: list) -> list[M.Step]:
    """The call's steps in order, with the graph edges of the fork, the branches and the merge set."""
    fork = M._step("pass", layer="Identity")  # noqa: SLF001
    merge = merge_flow.steps[0]
    merge.merged, merge.branches = (), ()  # its inputs are wired here, not read from variables
    steps: list[M.Step] = [fork]
    merge.node.inputs = []
    for branch in branches:
        if not branch:
            merge.node.inputs.append(fork.node)
            continue
        if len(steps) > 1:
            steps.append(M.Step(SPLIT, node=G.Node(G.BARRIER)))
        branch_nodes = G.chain([M._node(step) for step in branch])  # noqa: SLF001
        if not branch_nodes[0].inputs:
            branch_nodes[0].inputs.append(fork.node)
        merge.node.inputs.append(branch_nodes[-1])
        steps.extend(branch)
    return steps + [merge] + merge_flow.steps[1:] + [step for flow in tail[1:] for step in flow.steps]


# --------------------------------------------------------------------------- any graph of flows


def graph_path(function: nodes.FunctionDef, ret: nodes.Return, flows: list,
               own: dict[int, M.LayerSite]) -> tuple[str, list[M.Step]] | None:
    """(the tensor parameter, the steps of one call, wired as its network) for a body whose flows form any
    graph from one tensor parameter to the returned value, with at least one merge: two residual units in a
    row, a branch reading another branch's intermediate value (inception-style towers). Every flow must
    reach the returned value, each input be a flow's output or the parameter (never rewritten before it is
    read), no statement read a tensor as no step does, no barrier lie on it, and every layer of the body be
    on it; None otherwise (the helper stays unexpanded)."""
    last = _returned_flow(function, ret, flows)
    if last is None or not any(flow.merged for flow in flows):
        return None
    parameters = _parameters(function)
    order = {id(flow): index for index, flow in enumerate(flows)}
    starts: set[str] = set()
    needed: set[int] = set()
    pending = [last]
    while pending:
        flow = pending.pop()
        if id(flow) in needed:
            continue
        needed.add(id(flow))
        inputs = _flow_inputs(function, flow, parameters, starts)
        if inputs is None:
            return None
        for producer in inputs:
            if producer is not None and order.get(id(producer), len(flows)) >= order[id(flow)]:
                return None  # a producer that is not an earlier flow of the body
            if producer is not None:
                pending.append(producer)
    if len(starts) != 1 or len(needed) != len(flows) or flows[-1] is not last:
        return None  # several tensor parameters, a flow off the way to the return, or the return not last
    if any(_read_aside(flow, ret) for flow in flows) or any(step.kind == "barrier" for step in _all_steps(flows)):
        return None
    steps = _wired_graph(flows, parameters)
    placed = {id(step.site) for step in steps if step.site is not None}
    if any(id(site) not in placed for site in own.values()):
        return None
    return starts.pop(), steps


def _returned_flow(function: nodes.FunctionDef, ret: nodes.Return, flows: list):
    if M.flow_value(ret.value):
        return next((flow for flow in flows if flow.stmt is ret), None)
    writers = [flow for flow in flows if flow.output_name == ret.value.name]
    if not writers or _written_between(function, writers[-1].stmt, ret, ret.value.name):
        return None
    return writers[-1]


def _flow_inputs(function: nodes.FunctionDef, flow, parameters: set[str], starts: set[str]) -> list | None:
    """The flows a flow reads (None for the parameter, whose name goes to `starts`); None when an input is
    neither a flow's output nor the parameter as the call passed it."""
    names = flow.merged if flow.merged else (flow.input_name,)
    found = []
    for name in names:
        producer = flow.sources.get(name) if flow.merged else flow.previous
        if producer is None:
            if name not in parameters or _written_between(function, None, flow.stmt, name):
                return None
            starts.add(name)
        found.append(producer)
    return found


def _all_steps(flows: list) -> list[M.Step]:
    """Every step of the flows, a merge's in-list branches with them."""
    return [each for flow in flows for step in flow.steps
            for each in [*(s for branch in step.branches for s in branch), step]]


def _wired_graph(flows: list, parameters: set[str]) -> list[M.Step]:
    """The call's steps in body order (the returned flow's last), each flow's first node reading what its
    input variables hold (the fork for the parameter), a merge's in-list branches reading theirs."""
    fork = M._step("pass", layer="Identity")  # noqa: SLF001
    steps: list[M.Step] = [fork]

    def produced(producer) -> G.Node:
        return fork.node if producer is None else M._node(producer.steps[-1])  # noqa: SLF001

    for flow in flows:
        first = flow.steps[0]
        if flow.merged:
            first.node.inputs = [produced(flow.sources.get(name)) for name in flow.merged]
            for index, branch in enumerate(first.branches):
                if not branch:
                    continue
                branch_nodes = G.chain([M._node(step) for step in branch])  # noqa: SLF001
                if not branch_nodes[0].inputs:
                    branch_nodes[0].inputs.append(first.node.inputs[index])
                first.node.inputs[index] = branch_nodes[-1]
                steps.extend(branch)
            first.merged, first.branches = (), ()  # its inputs are wired here, not read from variables
        elif not M._node(first).inputs:  # noqa: SLF001
            M._node(first).inputs.append(produced(flow.previous))  # noqa: SLF001
        G.chain([M._node(step) for step in flow.steps])  # noqa: SLF001
        steps.extend(flow.steps)
    return steps
