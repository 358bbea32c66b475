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

Conservative: every branch must be one straight line of flows from the same tensor parameter, each flow
read by the next one only, every layer of the body on a branch or after the merge, no second merge and
no barrier; anything else keeps the helper unexpanded (`helpers.call_steps` returns None).
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
    if tail is None:
        return None
    merge_flow = tail[0]
    branches = _branches(function, merge_flow)
    if branches is None:
        return None
    starts = {start for start, _ in branches}
    used = [flow for _, path in branches for flow in path] + tail
    if len(starts) != 1 or len({id(flow) for flow in used}) != len(used):
        return None  # branches from different parameters, or one flow on two branches
    if any(flow.opaque_readers for flow in used) or any(step.kind == "barrier" for flow in used for step in flow.steps):
        return None
    steps = _wired(merge_flow, [_branch_steps(merge_flow, index, path) for index, (_, path) in enumerate(branches)],
                   tail)
    placed = {id(step.site) for step in steps if step.site is not None}
    if any(id(site) not in placed for site in own.values()):
        return None  # a layer of the body off every branch: never dropped silently
    return starts.pop(), steps


def wired(step: M.Step) -> bool:
    """Whether a merge step is one a helper's expansion wired (`_wired`): its inputs are graph edges already,
    so the step list holding it (a residual helper called in a merge's list) can be read as a branch."""
    return step.kind == "merge" and not step.merged and not step.branches and bool(step.node and step.node.inputs)


def _parameters(function: nodes.FunctionDef) -> set[str]:
    args = function.args
    return {arg.name for arg in list(args.posonlyargs or []) + list(args.args or []) + list(args.kwonlyargs or [])}


def _tail(function: nodes.FunctionDef, ret: nodes.Return, flows: list) -> list | None:
    """The flows from the merge to the returned value, the merge's first: one line that nothing else reads."""
    if isinstance(ret.value, nodes.Call):
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
