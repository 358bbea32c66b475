"""Helper functions as parts of the caller's network: each call builds the helper's layers again.

    def conv(x, f):
        return layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    x = conv(conv(inputs, 64), 128)          # two Conv2D layers in a row, of 64 and 128 filters

    def dense(units):
        return layers.Dense(units, activation="relu")
    keras.Sequential([dense(64), dense(64), dense(10)])

A call of a function of the same module (bound once, by its name) whose body is one straight
line from a tensor parameter to its `return` is expanded into the caller's steps: its layer
calls become *instances*, LayerSites built with that call's arguments in place of the
parameters (`bindings.py`), so figures and fans follow each call's literals. A function that
returns one layer constructor call is expanded the same way where the caller applies (or
lists) what it returns. Every instance keeps the helper's layer call as its anchor and span
(a finding sits there, and its fix edits it) and the spans of the calls that built it (`via`,
outermost first), which the messages name.

Loops are read pass by pass where the source fixes the passes (`unroll.loop_passes`): a loop in
the helper (`for _ in range(n): x = Conv2D(f, 3)(x)`, `n` from the call) builds one instance of
each of its layers per pass, and a literal loop over helper calls in the caller (`for f in (64,
128): x = conv(x, f)`, `model._helper_passes`) expands each call once per pass, the loop target
bound to that pass's value (`loop_pass`); instances are keyed by the call path and the passes.

Conservative by construction: methods, decorated functions, generators, recursion, `*args` /
`**kwargs` at the call, helpers with branches or loops whose passes are not fixed, a body that is not one straight line
(a second reader of an intermediate value), another module's function: no
expansion, the call stays a barrier as before. A layer whose instances feed different
activations (a helper called with `act="relu"` and `act="tanh"`) cannot be fixed in one place:
its activation is read as unknown, and nothing is reported on it.

A body whose flows from one tensor parameter meet at merges (`return layers.Add()([x, y])`, a shortcut
conv on `x`, two residual units in a row, inception towers) is expanded too: `helper_merges.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from astroid import nodes

from pylint_glorot import model as M
from pylint_glorot import unroll
from pylint_glorot.bindings import binding, bound_argument
from pylint_glorot.findings import Span
from pylint_glorot.resolve import _calls_of, _single_binding, dereference, has_star_arguments, span_of

# Nested helpers (a block calling a conv helper calling ...) could make the expansion exponential
# in the nesting depth (each call expands its whole call tree again): beyond MAX_DEPTH nested calls,
# or MAX_EXPANSIONS expanded calls in one module, a call stays a barrier (silent, never a guess).
MAX_DEPTH = 6
MAX_EXPANSIONS = 400


@dataclass
class Expansion:
    """The helper calls expanded while one module is analysed, and the layer instances they built."""

    instances: dict[tuple, M.LayerSite] = field(default_factory=dict)  # (call path, layer call) -> instance
    expanded: dict[int, set[int]] = field(default_factory=dict)  # id(function) -> ids of its expanded calls
    functions: dict[int, nodes.FunctionDef] = field(default_factory=dict)
    calls: dict[int, nodes.Call] = field(default_factory=dict)  # id(call) -> the expanded call
    stack: list[nodes.Call] = field(default_factory=list)  # the calls being expanded, outermost first
    count: int = 0
    passes: tuple = ()  # the passes of unrolled loops being read, outermost first: (id(loop), pass index)


def begin(module: nodes.Module) -> None:
    """Start a fresh expansion for `module` (an analysis of the same tree starts from scratch)."""
    module._glorot_expansion = Expansion()  # dies with the tree


def _expansion(node: nodes.NodeNG) -> Expansion | None:
    return getattr(node.root(), "_glorot_expansion", None)


# --------------------------------------------------------------------------- which calls


def _helper(call: nodes.Call, expansion: Expansion) -> nodes.FunctionDef | None:
    """The module's own plain function that `call` calls, when expanding it is allowed."""
    if not isinstance(call.func, nodes.Name) or has_star_arguments(call):
        return None
    function = _single_binding(call.func)
    if not isinstance(function, nodes.FunctionDef) or function.root() is not call.root():
        return None
    if function.decorators is not None or function.is_method() or function.is_generator():  # is_method infers decorators
        return None
    if isinstance(function, nodes.AsyncFunctionDef) or function.args.vararg or function.args.kwarg:
        return None  # *args / **kwargs: what reaches the layers is not spelled out
    if any(_single_binding_is(c, function) for c in expansion.stack):
        return None  # recursion
    if len(expansion.stack) >= MAX_DEPTH or expansion.count >= MAX_EXPANSIONS:
        return None
    return function


def _single_binding_is(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    return isinstance(call.func, nodes.Name) and _single_binding(call.func) is function


def _arguments(function: nodes.FunctionDef, call: nodes.Call) -> dict[str, nodes.NodeNG] | None:
    """Each parameter's node at this call (what it passes, or the default); None when a required
    parameter is missing or the call passes one the function does not take."""
    if has_star_arguments(call):
        return None
    args = function.args
    positional = list(args.posonlyargs or []) + list(args.args or [])
    params = {param.name: param for param in positional + list(args.kwonlyargs or [])}
    if len(call.args) > len(positional):
        return None
    given: dict[str, nodes.NodeNG] = {param.name: arg for param, arg in zip(positional, call.args)}
    for keyword in call.keywords or ():
        if keyword.arg not in params or keyword.arg in given:
            return None
        given[keyword.arg] = keyword.value
    for name in params:
        if name not in given:
            try:
                given[name] = args.default_value(name)
            except Exception:  # astroid's NoDefault: a required parameter the call leaves out
                return None
    return given


def _param_ids(function: nodes.FunctionDef, given: dict[str, nodes.NodeNG]) -> dict[int, nodes.NodeNG]:
    args = function.args
    params = list(args.posonlyargs or []) + list(args.args or []) + list(args.kwonlyargs or [])
    return {id(param): given[param.name] for param in params if param.name in given}


def _body(owner: nodes.FunctionDef | nodes.For) -> M.Body:
    """The statements of a helper's (or its loop's) body, each `with` block's statements in its place
    (`with tf.name_scope("block"):` does not cut the line), as the rest of the model reads bodies."""
    return M.inlined_body(owner.body, owner)


def _single_return(function: nodes.FunctionDef, loops: bool = False) -> nodes.Return | None:
    """The function's one `return <value>`, its last statement, in a body without branches (nor loops,
    unless `loops`: a loop whose passes the source fixes is read pass by pass, `loop_steps`)."""
    body = _body(function)
    if not body or not isinstance(body[-1], nodes.Return) or body[-1].value is None:
        return None
    for stmt in body[:-1]:
        if loops and isinstance(stmt, nodes.For) and not stmt.orelse:
            continue
        if not isinstance(stmt, (nodes.Assign, nodes.AnnAssign, nodes.Expr, nodes.Pass)):
            return None  # if / for / with / try / nested def: not one straight line
    returns = [node for node in function.nodes_of_class(nodes.Return, skip_klass=(nodes.FunctionDef, nodes.Lambda))]
    return body[-1] if len(returns) == 1 else None


# --------------------------------------------------------------------------- instances


def _instance(expansion: Expansion, call: nodes.Call) -> M.LayerSite | None:
    """The layer `call` (inside the helper being expanded) builds for the current call path."""
    key = (tuple(id(c) for c in expansion.stack), expansion.passes, id(call))
    if key not in expansion.instances:
        site = M.build_site(call)
        if site is None:
            return None
        site.via = tuple(span_of(c) for c in expansion.stack)
        expansion.instances[key] = site
    return expansion.instances[key]


def _layer_calls(function: nodes.FunctionDef) -> list[nodes.Call]:
    return [call for call in function.nodes_of_class(nodes.Call, skip_klass=(nodes.FunctionDef, nodes.Lambda))
            if isinstance(call.func, (nodes.Name, nodes.Attribute))]


class _Expanding:
    """Inside: the helper's parameters read this call's arguments, and the call is on the stack.
    Only a call whose expansion succeeds (`done()`) counts as expanded and keeps its instances."""

    def __init__(self, expansion: Expansion, function: nodes.FunctionDef, call: nodes.Call,
                 given: dict[str, nodes.NodeNG]) -> None:
        self.expansion, self.function, self.call = expansion, function, call
        self.binding = binding(_param_ids(function, given))
        self.succeeded = False

    def __enter__(self) -> _Expanding:
        self.instances_before = set(self.expansion.instances)
        self.expanded_before = {key: set(ids) for key, ids in self.expansion.expanded.items()}
        self.expansion.stack.append(self.call)
        self.expansion.count += 1
        self.binding.__enter__()
        return self

    def done(self) -> None:
        self.succeeded = True

    def __exit__(self, *exc: Any) -> None:
        self.binding.__exit__(*exc)
        self.expansion.stack.pop()
        if not self.succeeded:  # what the failed expansion built is not part of any network
            for key in set(self.expansion.instances) - self.instances_before:
                del self.expansion.instances[key]
            self.expansion.expanded = self.expanded_before
            return
        self.expansion.expanded.setdefault(id(self.function), set()).add(id(self.call))
        self.expansion.functions[id(self.function)] = self.function
        self.expansion.calls[id(self.call)] = self.call


def _prepared(call: nodes.Call, loops: bool = False) -> tuple | None:
    """(expansion, the helper, its arguments for this call, its one return) when `call` calls an expandable helper."""
    expansion = _expansion(call)
    function = _helper(call, expansion) if expansion is not None else None
    if function is None:
        return None
    given = _arguments(function, call)
    ret = _single_return(function, loops) if given is not None else None
    return None if ret is None else (expansion, function, given, ret)


def call_steps(call: nodes.Call, sites: dict[int, M.LayerSite]) -> tuple[str | None, list[M.Step]] | None:
    """`x = conv(x, 64)`: the caller's input variable and the steps of conv's body for this call
    (after the steps that compute its tensor argument); None when the call is not expandable."""
    from pylint_glorot import helper_merges

    prepared = _prepared(call, loops=True)
    if prepared is None or not (isinstance(prepared[3].value, nodes.Name) or M.flow_value(prepared[3].value)):
        return None
    expansion, function, given, ret = prepared
    with _Expanding(expansion, function, call, given) as expanding:
        own = {id(c): site for c in _layer_calls(function) if not _in_loop(c, function)
               and (site := _instance(expansion, c)) is not None}  # a loop's layers: one instance per pass
        flows = M._functional_flows(_body(function), {**_hand_built(sites), **own})  # noqa: SLF001 - as the caller reads a body
        path = _straight_path(function, ret, flows) if _loops_read(function, flows) else None
        joined = helper_merges.merge_path(function, ret, flows, own) if path is None and _loops_read(function, flows) else None
        if path is not None or joined is not None:
            expanding.done()
    if path is None and joined is None:
        return None
    if path is not None:
        parameter, steps = path[0].input_name, [step for flow in path for step in flow.steps]
    else:
        parameter, steps = joined
    outer_name, outer_steps = M._expression_steps(given[parameter], sites)  # noqa: SLF001
    return outer_name, outer_steps + steps


def _hand_built(sites: dict[int, M.LayerSite]) -> dict[int, M.LayerSite]:
    """The caller's hand-built kernels (`tf.Variable(...)` in a dict): a helper applies the one a call passes
    (`conv2d(x, weights["wc1"], b)` -> `tf.nn.conv2d(x, W, ...)`), one layer per call."""
    from pylint_glorot.hand_built import HAND_BUILT

    return {key: site for key, site in sites.items() if site.class_name in HAND_BUILT}


def _loops_read(function: nodes.FunctionDef, flows: list) -> bool:
    """Whether every loop of the body was read pass by pass (a loop left unread would drop its layers
    from the line)."""
    read = {id(flow.stmt) for flow in flows}
    return all(id(stmt) in read for stmt in _body(function) if isinstance(stmt, nodes.For))


def _in_loop(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    """Whether the call sits in a loop of the function's own body."""
    current = call.parent
    while current is not None and current is not function:
        if isinstance(current, (nodes.For, nodes.While)):
            return True
        current = current.parent
    return False


# --------------------------------------------------------------------------- loops, pass by pass


@contextmanager
def loop_pass(loop: nodes.For, index: int, bound: dict[int, nodes.NodeNG]) -> Iterator[None]:
    """Inside: pass `index` of an unrolled loop. Its target reads that pass's value (`bound`,
    `unroll.pass_bindings`), and the helper layers built meanwhile are that pass's own instances."""
    expansion = _expansion(loop)
    before = expansion.passes if expansion is not None else ()
    if expansion is not None:
        expansion.passes = before + ((id(loop), index),)
    try:
        with binding(bound):
            yield
    finally:
        if expansion is not None:
            expansion.passes = before


@contextmanager
def attempt(node: nodes.NodeNG) -> Iterator[list]:
    """A reading that may fail: the instances it builds are kept only where the block appends to the
    list it yields (otherwise they are no part of any network)."""
    expansion = _expansion(node)
    kept: list = []
    if expansion is None:
        yield kept
        return
    instances, expanded = set(expansion.instances), {key: set(ids) for key, ids in expansion.expanded.items()}
    count, functions, calls = expansion.count, dict(expansion.functions), dict(expansion.calls)
    try:
        yield kept
    finally:
        if not kept:  # all of it: a helper counted as expanded by a reading in vain is expanded nowhere
            for key in set(expansion.instances) - instances:
                del expansion.instances[key]
            expansion.expanded, expansion.count = expanded, count
            expansion.functions, expansion.calls = functions, calls


def calls_helper(body: list[nodes.NodeNG]) -> bool:
    """Whether a statement of `body` calls one of the module's own functions that could be expanded."""
    expansion = _expansion(body[0]) if body else None
    if expansion is None:
        return False
    return any(isinstance(call.func, nodes.Name) and _helper(call, expansion) is not None
               for stmt in body for call in stmt.nodes_of_class(nodes.Call))


def discard(sites: list[M.LayerSite]) -> None:
    """Forget these instances (a loop body's first reading, replaced by its passes)."""
    expansion = _expansion(sites[0].anchor) if sites and sites[0].anchor is not None else None
    if expansion is None:
        return
    gone = {id(site) for site in sites}
    for key in [key for key, site in expansion.instances.items() if id(site) in gone]:
        del expansion.instances[key]


def loop_steps(loop: nodes.For, sites: dict[int, M.LayerSite]) -> tuple[str, list[M.Step]] | None:
    """A loop in a helper being expanded (`for _ in range(n): x = layers.Conv2D(f, 3)(x)`): the variable
    it carries and the steps of its passes, one after another, each pass with its own instances (so each
    reads what the pass before wrote); None when the passes are not fixed or the body is not one line."""
    expansion = _expansion(loop)
    if expansion is None or not expansion.stack or loop.orelse:
        return None
    passes = unroll.loop_passes(loop)
    bound = unroll.pass_bindings(loop, passes) if passes else None
    if bound is None or expansion.count + len(bound) > MAX_EXPANSIONS:
        return None
    expansion.count += len(bound)  # each pass builds the body again: nested loops share the module's budget
    steps: list[M.Step] = []
    merged: list[list] = []
    name = None
    for index, values in enumerate(bound):
        with loop_pass(loop, index, values):
            own = {id(c): site for c in _layer_calls_in(loop) if (site := _instance(expansion, c)) is not None}
            flows = M._functional_flows(_body(loop), {**sites, **own})  # noqa: SLF001
        if any(flow.merged for flow in flows):  # a residual (or dense) unit per pass: loop_merges.py
            merged.append(flows)
            continue
        if not M._carried(flows) or any(step.kind == "barrier" for flow in flows for step in flow.steps):  # noqa: SLF001
            return None
        name = flows[0].input_name
        steps.extend(step for flow in flows for step in flow.steps)
    if merged:
        from pylint_glorot import loop_merges

        return loop_merges.joined_passes(_body(loop), merged) if len(merged) == len(bound) else None
    return (name, steps) if name is not None and steps else None


def _layer_calls_in(loop: nodes.For) -> list[nodes.Call]:
    """The calls of the loop's body, not of a loop nested in it (read pass by pass in its turn)."""
    return [call for stmt in _body(loop) if not isinstance(stmt, (nodes.For, nodes.While))
            for call in stmt.nodes_of_class(nodes.Call, skip_klass=(nodes.FunctionDef, nodes.Lambda))
            if isinstance(call.func, (nodes.Name, nodes.Attribute))]


def _written_after(function: nodes.FunctionDef, stmt: nodes.NodeNG, name: str) -> bool:
    """Whether a statement of the body after `stmt` (and before the return) writes `name`."""
    body = _body(function)
    index = next((i for i, each in enumerate(body) if each is stmt), None)
    return index is None or any(M._writes(each, name) for each in body[index + 1:-1])  # noqa: SLF001


def _straight_path(function: nodes.FunctionDef, ret: nodes.Return, flows: list) -> list | None:
    """The flows from a tensor parameter to the returned value, when they are one straight line
    that nothing else reads along the way."""
    if M.flow_value(ret.value):
        last = next((flow for flow in flows if flow.stmt is ret), None)
    else:
        writers = [flow for flow in flows if flow.output_name == ret.value.name]
        last = writers[-1] if writers else None
        if last is not None and _written_after(function, last.stmt, ret.value.name):
            return None  # `x = other_helper(x, y)` after the last step read: the value returned is not its output
    if last is None:
        return None
    path = [last]
    while path[0].previous is not None:
        before = path[0].previous
        if before.next is not path[0] or any(before is flow for flow in path):
            return None  # an intermediate value read twice: a branch, not a line
        path.insert(0, before)
    first = path[0]
    names = {arg.name for arg in list(function.args.posonlyargs or []) + list(function.args.args or [])
             + list(function.args.kwonlyargs or [])}
    if first.input_name not in names or any(flow.merged for flow in path):
        return None
    if any(step.kind == "barrier" for flow in path for step in flow.steps):
        return None  # a call inside that the checker cannot read: the line is broken anyway
    return path


def layer_step(call: nodes.Call) -> M.Step | None:
    """`dense(64)` where `dense` returns one layer constructor call: that layer, built for this call."""
    prepared = _prepared(call)
    if prepared is None:
        return None
    expansion, function, given, ret = prepared
    with _Expanding(expansion, function, call, given) as expanding:
        target = dereference(ret.value)
        if not isinstance(target, nodes.Call) or target.root() is not call.root():
            return None
        if not M._is_layer_constructor(target) and layer_factory(target) is None:  # noqa: SLF001
            return None
        site = _instance(expansion, target)
        step = M.constructor_step(target, {id(target): site} if site is not None else {})
        if step.kind != "barrier":
            expanding.done()
        return step


def layer_factory(call: nodes.Call) -> nodes.FunctionDef | None:
    """The module's own function `call` calls, when it returns one layer constructor call."""
    expansion = _expansion(call)
    function = _helper(call, expansion) if expansion is not None else None
    ret = _single_return(function) if function is not None else None
    if ret is None:
        return None
    target = dereference(ret.value)
    if isinstance(target, nodes.Call) and M._is_layer_constructor(target):  # noqa: SLF001
        return function
    return None


# --------------------------------------------------------------------------- the module's sites


def finish(module: nodes.Module, sites: list[M.LayerSite]) -> list[M.LayerSite]:
    """The module's sites with the instances in place of the helper layers they expand: a helper's
    layer is read only as its instances when every call of the helper was expanded (otherwise it
    stays too, read on its own as before). Instances of one layer that feed different activations
    are read as feeding an unknown one: no single fix at the layer suits them all."""
    expansion: Expansion | None = getattr(module, "_glorot_expansion", None)
    if expansion is None or not expansion.instances:
        return sites
    expanded_everywhere = _expanded_everywhere(expansion)
    by_anchor: dict[int, list[M.LayerSite]] = {}
    for key, instance in expansion.instances.items():
        if not _read_standalone(key, expansion, expanded_everywhere):
            by_anchor.setdefault(id(instance.anchor), []).append(instance)
    replaced = {id(call) for function in expanded_everywhere.values() for call in _layer_calls(function)}
    result: list[M.LayerSite] = []
    placed: set[int] = set()
    for site in sites:
        instances = by_anchor.get(id(site.anchor), [])
        if id(site.anchor) not in placed:  # a call with several sites (a loop's passes): its instances once
            result.extend(instances)
        placed.add(id(site.anchor))
        kept = id(site.anchor) not in replaced or not instances
        if kept:
            result.append(site)
        _reconcile(instances + ([site] if kept and instances else []))
    for instances in by_anchor.values():
        _name_calls(instances)
    for anchor, instances in by_anchor.items():
        if anchor not in placed:
            result.extend(instances)
            _reconcile(instances)
    return result


def _expanded_everywhere(expansion: Expansion) -> dict[int, nodes.FunctionDef]:
    """The helpers every call of which was expanded, by id: their layers take part in the networks only
    as the instances those calls built."""
    return {function_id: function for function_id, function in expansion.functions.items()
            if expansion.expanded[function_id] >= {id(c) for c in _calls_of(function)}}


def _read_standalone(key: tuple, expansion: Expansion, expanded_everywhere: dict[int, nodes.FunctionDef]) -> bool:
    """Whether the instance under `key` was built by a call in the body of a helper that every call
    expands: that body read on its own (its tensor parameter feeding nothing known), a reading its
    expansions replace, as they replace the helper's own layers. An uncalled helper's body still counts."""
    outermost = expansion.calls.get(key[0][0]) if key[0] else None
    scope = outermost.scope() if outermost is not None else None
    return scope is not None and id(scope) in expanded_everywhere


def _name_calls(instances: list[M.LayerSite]) -> None:
    """Each instance's `built_by`: the lines of the outermost calls whose instances read the same
    initializer (the calls a finding on it covers: all of them, or the one that passes a literal)."""
    groups: dict[tuple, list[int]] = {}
    for site in instances:
        spec = site.initializers.get(site.spec.judged_keyword or "")
        key = spec.origins if spec is not None else ()
        groups.setdefault(key, [])
        if site.via and site.via[0].line not in groups[key]:
            groups[key].append(site.via[0].line)
    for site in instances:
        spec = site.initializers.get(site.spec.judged_keyword or "")
        site.built_by = tuple(sorted(groups[spec.origins if spec is not None else ()]))


def _reconcile(sites: list[M.LayerSite]) -> None:
    for site in sites:
        if site.activation is None and not site.via:  # the helper's own layer, not linked yet: as analyze_module will
            M._follow(site)  # noqa: SLF001
    activations = {(site.activation.name, site.activation.family) if site.activation else None for site in sites}
    if len(activations) > 1:
        for site in sites:
            site.activation, site.activation_source = None, ""


# --------------------------------------------------------------------------- where a fix writes


def function_parameter_origins(value: nodes.NodeNG, depth: int = 0) -> tuple[Span, ...]:
    """Where the literal a function parameter stands for is written: the spans a fix of the value
    must edit (the parameter's default, the literals call sites pass), never the parameter's use.
    Empty when `value` is not a parameter (or one whose origin cannot be told)."""
    if not isinstance(value, nodes.Name) or depth > MAX_DEPTH:
        return ()
    param = _single_binding(value)
    if not isinstance(param, nodes.AssignName) or not isinstance(param.parent, nodes.Arguments):
        return ()
    passed = bound_argument(param)
    if passed is not None:  # inside one call's expansion: that call's argument (or the default)
        return function_parameter_origins(passed, depth + 1) or (span_of(passed),)
    function = param.parent.parent
    if not isinstance(function, nodes.FunctionDef) or function.is_method():
        return ()  # a method's or a lambda's parameter: the class helpers handle constructors
    calls = _calls_of(function)
    found: list[Span] = []
    for call in calls:
        given = _arguments(function, call)
        if given is None or param.name not in given:
            return ()
        node = given[param.name]
        for span in function_parameter_origins(node, depth + 1) or (span_of(node),):
            if span not in found:
                found.append(span)
    return tuple(found)
