"""Merges whose list of inputs is bound to a name first, and TensorFlow's own concatenation.

    branches = [block(x), shortcut]      # the list literal, bound once
    y = layers.Add()(branches)           # ... and read once, by the merge
    z = tf.concat([a, b], axis=-1)       # a Concatenate on that axis

A merge reading a name bound to a list literal reads what the list's elements compute, as if the list
were written in its place: the list statement is no reader of its own (the merge reads the variables
its elements read), and the helper calls and layers in it are the merge's branches. Sound only where
moving the list to the merge changes nothing: the name is bound once, by a list literal in the same
statement list as the merge and before it; the merge is its one reader; and no statement between them
writes a name the list reads. Anything else keeps today's reading (the merge's inputs unknown).

`tf.concat(values, axis)` and `keras.ops.concatenate(xs, axis)` are a Concatenate on a literal `axis`
(no axis written: a barrier, never the default guessed); `tf.add` and the other tensor ops of two operands
stay barriers (`a + b` of two tensors is an Add: binary_adds.py).
"""

from __future__ import annotations

from astroid import nodes

from pylint_glorot.resolve import canonical, keras_member

TF_CONCATS = ("tensorflow.concat", "tensorflow.compat.v1.concat", "tensorflow.compat.v2.concat")


def is_tf_concat(qualname: str | None) -> bool:
    """`tf.concat(values, axis)` in any of TensorFlow's spellings, or `keras.ops.concatenate(xs, axis)`."""
    return canonical(qualname or "") in TF_CONCATS or keras_member(qualname) == ("ops", "concatenate")


def list_statement(first: nodes.NodeNG) -> nodes.Assign | None:
    """The statement `branches = [...]` when the merge's argument `first` is the one read of a name it binds,
    and reading the list at the merge is what the source computes (module docstring); None otherwise."""
    if not isinstance(first, nodes.Name):
        return None
    merge_stmt = first.statement()
    frame = first.frame()
    bindings = [node for node in frame.nodes_of_class(nodes.AssignName) if node.name == first.name
                and node.frame() is frame]
    reads = [node for node in frame.nodes_of_class(nodes.Name) if node.name == first.name and node.frame() is frame]
    if len(bindings) != 1 or len(reads) != 1 or reads[0] is not first:
        return None
    stmt = bindings[0].parent
    if not isinstance(stmt, nodes.Assign) or len(stmt.targets) != 1 or stmt.targets[0] is not bindings[0]:
        return None
    if not isinstance(stmt.value, (nodes.List, nodes.Tuple)) or not stmt.value.elts:
        return None
    between = _statements_between(stmt, merge_stmt)
    if between is None:
        return None
    read = {node.name for node in stmt.value.nodes_of_class(nodes.Name)}
    if first.name in read:
        return None
    written = {node.name for each in between for node in each.nodes_of_class((nodes.AssignName, nodes.DelName))}
    return None if read & written else stmt


def _statements_between(first: nodes.NodeNG, last: nodes.NodeNG) -> list[nodes.NodeNG] | None:
    """The statements after `first` and before `last` when both sit in one statement list, `first` earlier."""
    if first.parent is not last.parent:
        return None
    for attr in ("body", "orelse", "finalbody"):
        body = getattr(first.parent, attr, None) or []
        ids = [id(stmt) for stmt in body]
        if id(first) in ids and id(last) in ids:
            start, end = ids.index(id(first)), ids.index(id(last))
            return body[start + 1:end] if start < end else None
    return None
