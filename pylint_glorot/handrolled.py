"""Recognise user functions that re-implement Glorot/He/LeCun from a kernel's shape.

`def init(shape, dtype=None): limit = np.sqrt(6 / (shape[0] + shape[1])); return
tf.random.uniform(shape, -limit, limit)` is GlorotUniform written by hand (with fans that are
wrong for convolution kernels). Reads astroid's tree only, never infers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot.findings import Span
from pylint_glorot.resolve import UNKNOWN, canonical, literal, qualified_name

_SQRT = ("math.sqrt", "numpy.sqrt", "tensorflow.sqrt", "tensorflow.math.sqrt", "keras.ops.sqrt", "torch.sqrt")
_UNIFORM_DRAWS = ("tensorflow.random.uniform", "tensorflow.random_uniform", "numpy.random.uniform",
                  "keras.random.uniform", "tensorflow.compat.v1.random_uniform", "jax.random.uniform")
_NORMAL_DRAWS = ("tensorflow.random.normal", "tensorflow.random_normal", "numpy.random.normal",
                 "numpy.random.randn", "keras.random.normal", "tensorflow.compat.v1.random_normal",
                 "jax.random.normal")
_TRUNCATED_DRAWS = ("tensorflow.random.truncated_normal", "tensorflow.truncated_normal",
                    "keras.random.truncated_normal", "tensorflow.compat.v1.truncated_normal")
_FAN_NAMES = {"fan_in": "in", "n_in": "in", "fan_out": "out", "n_out": "out"}


@dataclass(frozen=True)
class HandRolled:
    """A function that draws from Var = scale / n with n computed from the kernel's shape."""

    name: str  # how to name it in messages: "my_glorot_uniform", "MyInit.__call__"
    scheme: str  # glorot | he | lecun
    distribution: str  # uniform | truncated_normal: the named initializer's
    draw: str  # what it actually draws: uniform | normal | truncated normal
    formula: str  # the source of the limit / standard deviation
    fan_source: str  # "leading": shape[0], shape[1]; "trailing": shape[-2], shape[-1]; "": computed otherwise
    span: Span  # the `def name` (or the lambda)


def _fan_term(node: nodes.NodeNG, shape_name: str, depth: int = 0) -> tuple[str, str] | None:
    """("in"/"out", where in `shape` it is read: "leading" / "trailing" / "") for a fan expression."""
    if depth > 4:
        return None
    if isinstance(node, nodes.Subscript) and isinstance(node.value, nodes.Name) and node.value.name == shape_name:
        index = literal(node.slice)
        if index in (0, 1):
            return ("in" if index == 0 else "out"), "leading"
        if index in (-2, -1):
            return ("in" if index == -2 else "out"), "trailing"
        return None
    if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Name) and node.func.name in ("float", "int"):
        return _fan_term(node.args[0], shape_name, depth + 1) if node.args else None
    if isinstance(node, nodes.Name):
        assigned = _assigned_in_function(node)
        if node.name in _FAN_NAMES:
            inner = _fan_term(assigned, shape_name, depth + 1) if assigned is not None else None
            return _FAN_NAMES[node.name], inner[1] if inner else ""
        if assigned is not None:
            return _fan_term(assigned, shape_name, depth + 1)
    return None


def _assigned_in_function(name: nodes.Name) -> nodes.NodeNG | None:
    try:
        _scope, assigns = name.lookup(name.name)
    except Exception:
        return None
    if len(assigns) == 1 and isinstance(assigns[0], nodes.AssignName) and isinstance(assigns[0].parent, nodes.Assign):
        return assigns[0].parent.value
    return None


def _denominator(node: nodes.NodeNG, shape_name: str) -> tuple[str, str] | None:
    """("sum" | "in" | "avg", fan source) for `fan_in + fan_out`, `fan_in`, `(fan_in + fan_out) / 2`."""
    if isinstance(node, nodes.BinOp) and node.op == "+":
        left, right = _fan_term(node.left, shape_name), _fan_term(node.right, shape_name)
        if left and right and {left[0], right[0]} == {"in", "out"}:
            return "sum", left[1] if left[1] == right[1] else ""
        return None
    if isinstance(node, nodes.BinOp) and node.op == "/" and literal(node.right) == 2:
        inner = _denominator(node.left, shape_name)
        return ("avg", inner[1]) if inner and inner[0] == "sum" else None
    term = _fan_term(node, shape_name)
    if term and term[0] == "in":
        return "in", term[1]
    return None


def _variance_rule(sqrt_argument: nodes.NodeNG, shape_name: str) -> tuple[float, str, str] | None:
    """sqrt(c / D): (c, D kind, fan source)."""
    if isinstance(sqrt_argument, nodes.BinOp) and sqrt_argument.op == "/":
        numerator = literal(sqrt_argument.left)
        if numerator is UNKNOWN or isinstance(numerator, bool) or not isinstance(numerator, (int, float)):
            return None
        denominator = _denominator(sqrt_argument.right, shape_name)
        if denominator:
            return float(numerator), denominator[0], denominator[1]
    return None


_RULES: dict[tuple[str, str, float], str] = {
    # (distribution, denominator, c) -> scheme; a uniform limit L = sqrt(c/D) has Var = c/(3D)
    (K.UNIFORM, "sum", 6.0): "glorot", (K.UNIFORM, "avg", 3.0): "glorot",
    (K.UNIFORM, "in", 6.0): "he", (K.UNIFORM, "in", 3.0): "lecun",
    ("normal", "sum", 2.0): "glorot", ("normal", "avg", 1.0): "glorot",
    ("normal", "in", 2.0): "he", ("normal", "in", 1.0): "lecun",
}


def _draw_distribution(function: nodes.NodeNG) -> str | None:
    for call in function.nodes_of_class(nodes.Call):
        name = canonical(qualified_name(call.func) or "")
        if name in _UNIFORM_DRAWS:
            return K.UNIFORM
        if name in _TRUNCATED_DRAWS:
            return K.TRUNCATED_NORMAL
        if name in _NORMAL_DRAWS:
            return "normal"
    return None


def _shape_parameter(function: nodes.FunctionDef | nodes.Lambda) -> str | None:
    names = [arg.name for arg in function.args.args or []]
    if names and names[0] in ("self", "cls"):
        names = names[1:]
    return names[0] if names and names[0] == "shape" else None


def hand_rolled(function: nodes.FunctionDef | nodes.Lambda) -> HandRolled | None:
    """The built-in a shape -> tensor function re-implements, if it is one."""
    shape_name = _shape_parameter(function)
    if shape_name is None:
        return None
    distribution = _draw_distribution(function)
    if distribution is None:
        return None
    for call in function.nodes_of_class(nodes.Call):
        if canonical(qualified_name(call.func) or "") not in _SQRT or len(call.args) != 1:
            continue
        rule = _variance_rule(call.args[0], shape_name)
        if rule is None:
            continue
        c, denominator, fan_source = rule
        scheme = _RULES.get(("normal" if distribution != K.UNIFORM else K.UNIFORM, denominator, c))
        if scheme is None:
            continue
        named_distribution = K.UNIFORM if distribution == K.UNIFORM else K.TRUNCATED_NORMAL
        return HandRolled(_display_name(function), scheme, named_distribution, distribution.replace("_", " "),
                          call.as_string(), fan_source, _def_span(function))
    return None


def _display_name(function: nodes.FunctionDef | nodes.Lambda) -> str:
    if isinstance(function, nodes.Lambda):
        return "this lambda"
    parent = function.parent
    return f"{parent.name}.{function.name}" if isinstance(parent, nodes.ClassDef) else function.name


def _def_span(function: nodes.FunctionDef | nodes.Lambda) -> Span:
    position: Any = getattr(function, "position", None)
    if position is not None:
        return Span(position.lineno, position.col_offset, position.end_lineno, position.end_col_offset)
    return Span(function.lineno, function.col_offset, function.end_lineno or function.lineno,
                function.end_col_offset or function.col_offset)


def hand_rolled_target(node: nodes.NodeNG) -> nodes.FunctionDef | nodes.Lambda | None:
    """For an initializer argument: the module's own function, lambda or Initializer subclass it names."""
    if isinstance(node, nodes.Lambda):
        return node
    if isinstance(node, nodes.Call) and not node.args and not node.keywords:
        node = node.func  # MyInit()
    if not isinstance(node, nodes.Name):
        return None
    try:
        _scope, assigns = node.lookup(node.name)
    except Exception:
        return None
    if len(assigns) != 1:
        return None
    target = assigns[0]
    if isinstance(target, nodes.FunctionDef):
        return target
    if isinstance(target, nodes.ClassDef):
        methods = [m for m in target.mymethods() if m.name == "__call__"]
        return methods[0] if methods else None
    if isinstance(target, nodes.AssignName) and isinstance(target.parent, nodes.Assign) \
            and isinstance(target.parent.value, nodes.Lambda):
        return target.parent.value
    return None
