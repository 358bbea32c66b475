"""`a + b` of two tensors, read as the two-input Add merge it computes.

    x = x + shortcut                         # as if `layers.Add()([x, shortcut])`
    x = x + layers.Dense(64, activation="relu")(x)
    return x + self.block(x)

Each operand must be a tensor the network model already reads: a name bound in its scope only by a
function parameter (not a method's `self`) or by assignments of a call, a name or another add (what a flow
writes; a name no flow writes reads as a barrier input of the add, as it does in `layers.Add()([x, y])`), or a
call expression (a layer applied, a helper call), which reads as the merge's branch exactly as it does in a
merge's list. The add is then read as `layers.Add()([a, b])` would be (model._merge_inputs): its inputs are
the two operands, in order. Anything else keeps today's reading, a barrier: a constant, an attribute
(`x + self.scale`, `ops.matmul(x, self.kernel) + self.bias`: subclass.bias_added), an indexed or sliced value,
a chain `a + b + c` (one operand is itself an add), `x - y`, `x * y`, `tf.add(x, y)`.
"""

from __future__ import annotations

from astroid import nodes

_TENSOR_VALUES = (nodes.Call, nodes.Name, nodes.BinOp)  # what a flow's assignment may bind


def operand_list(expr: nodes.NodeNG) -> nodes.List | None:
    """The list `[a, b]` the merge reads for `a + b` of two tensors (module docstring); None otherwise.
    The list is built for the model only (its parent is the add, so names in it resolve in the add's scope)."""
    if not (isinstance(expr, nodes.BinOp) and expr.op == "+"):
        return None
    operands = (expr.left, expr.right)
    if not all(isinstance(node, nodes.Call) or isinstance(node, nodes.Name) and _tensor_name(node)
               for node in operands):
        return None
    listed = nodes.List(lineno=expr.lineno, col_offset=expr.col_offset, parent=expr,
                        end_lineno=expr.end_lineno, end_col_offset=expr.end_col_offset)
    listed.elts = list(operands)  # read only: the operands keep their own parent (the add)
    return listed


def is_tensor_add(expr: nodes.NodeNG) -> bool:
    """Whether `expr` is an add the model may read as a merge (the statement is then a flow of its own)."""
    return operand_list(expr) is not None


def _tensor_name(name: nodes.Name) -> bool:
    """Whether every binding of `name` that reaches it is a tensor parameter or the assignment of a value a
    flow may write (a call, a name, an add)."""
    try:
        _, bindings = name.lookup(name.name)
    except Exception:  # noqa: BLE001 - an odd scope: not read as a tensor, never a crash
        return False
    if not bindings:
        return False
    return all(_tensor_binding(binding) for binding in bindings)


def _tensor_binding(binding: nodes.NodeNG) -> bool:
    if not isinstance(binding, nodes.AssignName):
        return False
    parent = binding.parent
    if isinstance(parent, nodes.Arguments):
        function = parent.parent
        if not isinstance(function, nodes.FunctionDef) or binding.name in (parent.vararg, parent.kwarg):
            return False
        first = (parent.posonlyargs or []) + (parent.args or [])
        is_method = isinstance(function.parent, nodes.ClassDef)
        return not (is_method and first and first[0] is binding)  # `self` is no tensor
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is binding:
        return isinstance(parent.value, _TENSOR_VALUES)
    return False
