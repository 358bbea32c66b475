"""Kernels kept in a dict literal and read by a literal key (the TF 1 tutorials' shape):

    weights = {"h1": tf.Variable(tf.random_normal([784, 256])), "out": tf.Variable(tf.random_normal([256, 10]))}
    biases = {"b1": tf.Variable(tf.random_normal([256])), "out": tf.Variable(tf.random_normal([10]))}

    def mlp(x, weights, biases):
        layer_1 = tf.nn.relu(tf.add(tf.matmul(x, weights["h1"]), biases["b1"]))
        return tf.matmul(layer_1, weights["out"]) + biases["out"]

    pred = mlp(x, weights, biases)

`weights["h1"]` stands for the dict's entry where `weights` is bound once to the literal (at module or
function level), or is a parameter for which every call of its function in the module passes a name so
bound; and where nothing writes an entry (`weights["h1"] = ...`, `del weights[k]`, `weights.update(...)`).
Reads astroid's tree only.
"""

from __future__ import annotations

from astroid import nodes
from astroid.const import Context

from pylint_glorot.resolve import Dynamic, _calls_of, argument, bound_value, literal, parameter_position

_MAX_DEPTH = 4
_WRITERS = frozenset({"update", "pop", "popitem", "setdefault", "clear", "__setitem__", "__delitem__"})


def dict_entry(node: nodes.NodeNG) -> nodes.NodeNG | None:
    """The value `weights["h1"]` reads: that entry of the literal dict `weights` stands for."""
    if not isinstance(node, nodes.Subscript):
        return None
    key = literal(node.slice)
    if not isinstance(key, str):
        return None
    found = literal_dict(node.value)
    return _entries(found).get(key) if found is not None and _unchanged(found) else None


def entry_reads(value: nodes.NodeNG) -> list[nodes.Subscript] | None:
    """Every `weights["h1"]` of the module that reads `value`, an entry of a literal dict; None where
    `value` is not one (or its dict is written to)."""
    parent = value.parent
    if not isinstance(parent, nodes.Dict) or not any(entry is value for _key, entry in parent.items):
        return None
    if not _unchanged(parent) or value not in _entries(parent).values():
        return None
    return _reads(value.root()).get(id(value), [])


def literal_dict(node: nodes.NodeNG, depth: int = 0) -> nodes.Dict | None:
    """The dict literal a name stands for: its one assignment, or, for a parameter, what every call passes."""
    if not isinstance(node, nodes.Name) or depth > _MAX_DEPTH:
        return None
    bound = bound_value(node)
    if isinstance(bound, nodes.Dict):
        return bound
    if isinstance(bound, nodes.Name):
        return literal_dict(bound, depth + 1)
    try:
        _scope, assigns = node.lookup(node.name)
    except Exception:  # astroid raises on odd scopes
        return None
    if len(assigns) != 1 or not isinstance(assigns[0], nodes.AssignName) or \
            not isinstance(assigns[0].parent, nodes.Arguments):
        return None
    return _passed_dict(assigns[0], depth)


def _passed_dict(param: nodes.AssignName, depth: int) -> nodes.Dict | None:
    """`def mlp(x, weights)`: the dict literal every call of `mlp` in the module passes for `weights`."""
    placed = parameter_position(param)
    if placed is None:
        return None
    function, position = placed
    calls = _calls_of(function)
    if not calls:
        return None
    found: nodes.Dict | None = None
    for call in calls:
        try:
            given = argument(call, param.name, position)
        except Dynamic:
            return None
        passed = literal_dict(given, depth + 1) if given is not None else None
        if passed is None or (found is not None and passed is not found):
            return None
        found = passed
    return found


def _entries(found: nodes.Dict) -> dict[str, nodes.NodeNG]:
    """The literal-keyed entries; none where a key repeats or is not a literal string (`**other`)."""
    keys = [literal(key) if not isinstance(key, nodes.DictUnpack) else None for key, _value in found.items]
    if not all(isinstance(key, str) for key in keys) or len(set(keys)) != len(keys):
        return {}
    return {key: value for key, (_k, value) in zip(keys, found.items)}


def _reads(module: nodes.Module) -> dict[int, list[nodes.Subscript]]:
    """The module's `name["key"]` reads, by the dict entry each stands for (one walk per module)."""
    index = getattr(module, "_glorot_dict_reads", None)
    if index is None:
        index = {}
        for subscript in module.nodes_of_class(nodes.Subscript):
            if subscript.ctx == Context.Load and isinstance(subscript.value, nodes.Name):
                entry = _entry_unchecked(subscript)
                if entry is not None:
                    index.setdefault(id(entry), []).append(subscript)
        module._glorot_dict_reads = index  # noqa: SLF001 - a per-tree cache that dies with the tree
    return index


def _entry_unchecked(subscript: nodes.Subscript) -> nodes.NodeNG | None:
    key = literal(subscript.slice)
    found = literal_dict(subscript.value) if isinstance(key, str) else None
    return _entries(found).get(key) if found is not None else None


def _unchanged(found: nodes.Dict) -> bool:
    """Whether nothing in the module writes an entry of the dict (through any name standing for it)."""
    module = found.root()
    written = getattr(module, "_glorot_written_dicts", None)
    if written is None:
        written = set()
        for node in module.nodes_of_class((nodes.Subscript, nodes.Attribute)):
            if isinstance(node, nodes.Subscript) and node.ctx in (Context.Store, Context.Del):
                target = literal_dict(node.value)
            elif isinstance(node, nodes.Attribute) and node.attrname in _WRITERS:
                target = literal_dict(node.expr)
            else:
                continue
            if target is not None:
                written.add(id(target))
        module._glorot_written_dicts = written  # noqa: SLF001 - dies with the tree
    return id(found) not in written
