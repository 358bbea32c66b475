"""Layer lists built step by step before they go into `Sequential(...)`.

    stack = [keras.Input((256,))]
    for _ in range(3):
        stack.append(layers.Dense(256, activation="relu"))
    stack += [layers.Dense(10)]
    model = keras.Sequential(stack)

The list's layers, in order, are read from its one assignment and the `append`, `extend`,
`+=` and `insert(0, ...)` calls between that assignment and its use, in the same statement
list or in loops whose passes the source counts. Anything else that touches the list first
(an `if`, a `while`, a call it is passed to, an alias, an index) leaves the order unknown:
the list is then not read at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from astroid import nodes

from pylint_glorot.unroll import loop_passes

Elements = list  # [(expression, how many layers it builds) | (Loop, 1)]
ElementsOf = Callable[[nodes.NodeNG], "Elements | None"]

NOT_BUILT = object()  # the name is not a list built by mutation: read it as before
_MUTATORS = {"append", "extend", "insert"}


@dataclass(eq=False)
class Loop:
    """Elements added by each pass of a loop, in order."""

    loop: nodes.For
    elements: Elements
    passes: list[dict[str, Any]]  # what each pass binds (empty dicts where only the count is known)


def built_list(name: nodes.Name, elements_of: ElementsOf) -> Elements | None | Any:
    """The elements of the list `name` stands for at its use; NOT_BUILT when the list is not
    mutated anywhere, None when it is and the order cannot be told."""
    try:
        scope, assigns = name.lookup(name.name)
    except Exception:  # astroid raises on odd scopes
        return NOT_BUILT
    if not assigns or not _mutated(name):
        return NOT_BUILT
    assigns = scope.locals.get(name.name, assigns)  # lookup keeps only the binding that reaches: all of them
    plain = [a for a in assigns if isinstance(a, nodes.AssignName) and isinstance(a.parent, nodes.Assign)]
    augmented = [a for a in assigns if isinstance(a, nodes.AssignName) and isinstance(a.parent, nodes.AugAssign)]
    if len(plain) != 1 or len(plain) + len(augmented) != len(assigns) or len(plain[0].parent.targets) != 1:
        return None
    start = plain[0].parent
    if not isinstance(start.value, nodes.List):
        return None
    use = name.statement()
    body = _body_of(start)
    if body is None or not any(use is stmt for stmt in body):
        return None
    begin, end = _index(body, start), _index(body, use)
    if begin >= end:
        return None
    found = elements_of(start.value)
    if found is None:
        return None
    rest = _mutations(body[begin + 1:end], name.name, elements_of)
    if rest is None:
        return None
    prepended, appended = rest
    return prepended + found + appended


def _mutated(name: nodes.Name) -> bool:
    """Whether the list is changed in place or rebound with `+=` anywhere in its scope."""
    scope = name.scope()
    for node in scope.nodes_of_class((nodes.Attribute, nodes.AugAssign)):
        if isinstance(node, nodes.Attribute) and node.attrname in _MUTATORS | {"pop", "remove", "clear", "reverse",
                                                                              "sort"}:
            if isinstance(node.expr, nodes.Name) and node.expr.name == name.name:
                return True
        elif isinstance(node, nodes.AugAssign) and isinstance(node.target, nodes.AssignName) \
                and node.target.name == name.name:
            return True
    return False


def _body_of(stmt: nodes.NodeNG) -> list[nodes.NodeNG] | None:
    parent = stmt.parent
    for attr in ("body", "orelse", "finalbody", "handlers"):
        body = getattr(parent, attr, None)
        if isinstance(body, list) and any(stmt is s for s in body):
            return body
    return None


def _index(body: list[nodes.NodeNG], stmt: nodes.NodeNG) -> int:
    return next(i for i, s in enumerate(body) if s is stmt)


def _mentions(stmt: nodes.NodeNG, name: str) -> bool:
    return any(n.name == name for n in stmt.nodes_of_class((nodes.Name, nodes.AssignName)))


def _mutations(body: list[nodes.NodeNG], name: str, elements_of: ElementsOf,
               in_loop: bool = False) -> tuple[Elements, Elements] | None:
    """(prepended, appended) elements of the statements `body`, or None when the order is unknown."""
    prepended: Elements = []
    appended: Elements = []
    for stmt in body:
        if not _mentions(stmt, name):
            continue
        added = _mutation(stmt, name, elements_of)
        if added is not None:
            where, elements = added
            if elements is None or (where == "front" and in_loop):
                return None
            if where == "front":
                prepended[:0] = elements
            else:
                appended.extend(elements)
            continue
        if isinstance(stmt, nodes.With) and not any(_mentions(item, name) for item, _ in stmt.items):
            inner = _mutations(stmt.body, name, elements_of, in_loop)
        elif isinstance(stmt, nodes.For) and not _mentions(stmt.iter, name) and not _mentions(stmt.target, name):
            inner = _loop_mutations(stmt, name, elements_of)
        else:
            return None  # an if, a while, a call it is passed to, an alias: the order is unknown
        if inner is None:
            return None
        if inner[0]:
            prepended[:0] = inner[0]
        appended.extend(inner[1])
    return prepended, appended


def _loop_mutations(loop: nodes.For, name: str, elements_of: ElementsOf) -> tuple[Elements, Elements] | None:
    passes = loop_passes(loop)
    if passes is None:
        return None
    inner = _mutations(loop.body, name, elements_of, in_loop=True)
    if inner is None:
        return None
    elements = inner[1]
    if not elements:
        return [], []
    if len(elements) == 1 and isinstance(elements[0][0], nodes.NodeNG) and not _reads_target(elements[0][0], loop):
        node, count = elements[0]
        return [], [(node, count * len(passes))]  # one layer built again each pass: counted, as a comprehension
    return [], [(Loop(loop, elements, passes), 1)]


def _reads_target(node: nodes.NodeNG, loop: nodes.For) -> bool:
    names = {n.name for n in loop.target.nodes_of_class(nodes.AssignName)}
    return any(n.name in names for n in node.nodes_of_class(nodes.Name))


def _mutation(stmt: nodes.NodeNG, name: str, elements_of: ElementsOf) -> tuple[str, Elements | None] | None:
    """`name.append(x)` / `.extend(xs)` / `.insert(0, x)` / `name += xs`: where its elements go;
    None when the statement is not one of these."""
    if isinstance(stmt, nodes.AugAssign) and isinstance(stmt.target, nodes.AssignName) \
            and stmt.target.name == name and stmt.op == "+=":
        return "back", _elements_without(stmt.value, name, elements_of)
    if not isinstance(stmt, nodes.Expr) or not isinstance(stmt.value, nodes.Call):
        return None
    call = stmt.value
    func = call.func
    if not (isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name) and func.expr.name == name):
        return None
    if call.keywords or any(isinstance(arg, nodes.Starred) for arg in call.args):
        return "back", None
    if func.attrname == "append" and len(call.args) == 1:
        return "back", None if _mentions(call.args[0], name) else [(call.args[0], 1)]
    if func.attrname == "extend" and len(call.args) == 1:
        return "back", _elements_without(call.args[0], name, elements_of)
    if func.attrname == "insert" and len(call.args) == 2 and not _mentions(call.args[1], name):
        index = call.args[0]
        if isinstance(index, nodes.Const) and index.value == 0:
            return "front", [(call.args[1], 1)]
        if isinstance(index, nodes.Call) and isinstance(index.func, nodes.Name) and index.func.name == "len" \
                and len(index.args) == 1 and isinstance(index.args[0], nodes.Name) and index.args[0].name == name:
            return "back", [(call.args[1], 1)]
        return "back", None
    return "back", None  # pop, remove, sort, ...: the order is unknown


def _elements_without(value: nodes.NodeNG, name: str, elements_of: ElementsOf) -> Elements | None:
    if _mentions(value, name):
        return None
    return elements_of(value)
