"""Hand-built TF 1 layers as steps of a flow, so they form chains like layer calls do.

    w1 = tf.compat.v1.get_variable("w1", [784, 256])
    h1 = tf.nn.relu(tf.matmul(x, w1) + b1)       # reads x through the layer whose kernel is w1
    h2 = tf.nn.relu(h1 @ w2)                     # reads h1

`variables.py` makes a layer site of `w1`'s call when every use of `w1` applies it as a kernel;
here an expression applying it (`tf.matmul(x, w1)`, `x @ w1`, `tf.nn.conv2d(x, w1, ...)`) is read
as that layer applied to `x`, and adding a bias variable (`+ b1`) keeps the signal's path (adding
another tensor would be a residual, which is not read). Reads astroid's tree only.
"""

from __future__ import annotations

from typing import Any

from astroid import nodes

from pylint_glorot.kernel_dicts import dict_entry
from pylint_glorot.resolve import bound_value, canonical, qualified_name
from pylint_glorot.variables import _BIAS_ADD, GET_VARIABLE, VARIABLE, kernel_application

HAND_BUILT = ("get_variable", "Variable")


def _variable_call(node: nodes.NodeNG) -> nodes.Call | None:
    """The `get_variable(...)` / `tf.Variable(...)` call a name is bound to, or a dict entry (`weights["h1"]`) is."""
    bound = node
    for _hop in range(4):  # a helper's parameter stands for what the call passes: `W` -> `weights["wc1"]` -> its entry
        if isinstance(bound, nodes.Subscript):
            bound = dict_entry(bound)
        elif isinstance(bound, nodes.Name):
            bound = bound_value(bound)
        else:
            break
    if isinstance(bound, nodes.Call) and canonical(qualified_name(bound.func) or "") in GET_VARIABLE + VARIABLE:
        return bound
    return None


def applied_kernel_site(expr: nodes.NodeNG, sites: dict[int, Any]) -> tuple[nodes.NodeNG, nodes.Call] | None:
    """(the input, the kernel's variable call) for `tf.matmul(x, w)`, `tf.nn.conv2d(x, w, ...)` and `x @ w`
    where `w` is a hand-built layer's kernel site."""
    if isinstance(expr, nodes.BinOp) and expr.op == "@":
        kernel, read = expr.right, expr.left
    elif isinstance(expr, nodes.Call) and len(expr.args) >= 2 and not isinstance(expr.args[0], nodes.Starred):
        kernel, read = expr.args[1], expr.args[0]
    else:
        return None
    if not isinstance(kernel, (nodes.Name, nodes.Subscript)) or kernel_application(kernel) is None:
        return None
    call = _variable_call(kernel)
    site = sites.get(id(call)) if call is not None else None
    return (read, call) if site is not None and site.class_name in HAND_BUILT else None


def bias_added(expr: nodes.NodeNG) -> nodes.NodeNG | None:
    """`tf.matmul(x, w) + b`, `tf.add(tf.matmul(x, w), b)`, `tf.nn.bias_add(..., b)` with `b` a variable:
    the side that carries the signal."""
    if isinstance(expr, nodes.BinOp) and expr.op == "+":
        left, right = expr.left, expr.right
    elif isinstance(expr, nodes.Call) and len(expr.args) == 2 and not expr.keywords and \
            canonical(qualified_name(expr.func) or "") in _BIAS_ADD:
        left, right = expr.args
    else:
        return None
    if _variable_call(right) is not None:
        return left
    if _variable_call(left) is not None:
        return right
    return None
