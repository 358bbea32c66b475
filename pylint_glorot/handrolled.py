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

_SQRT = ("math.sqrt", "numpy.sqrt", "tensorflow.sqrt", "tensorflow.math.sqrt", "keras.ops.sqrt", "torch.sqrt",
         "tensorflow.compat.v1.sqrt", "tensorflow.compat.v1.math.sqrt", "jax.numpy.sqrt")
_RSQRT = ("tensorflow.math.rsqrt", "tensorflow.rsqrt", "keras.ops.rsqrt", "tensorflow.compat.v1.rsqrt",
          "tensorflow.compat.v1.math.rsqrt", "jax.lax.rsqrt", "torch.rsqrt")
# Calls that pass their first argument's value on: casts and constant wrappers.
_VALUE_CASTS = ("float", "int", "tensorflow.cast", "tensorflow.compat.v1.cast", "tensorflow.constant",
                "tensorflow.to_float", "tensorflow.compat.v1.to_float", "numpy.float32", "numpy.float64",
                "numpy.array", "numpy.asarray", "keras.ops.cast", "tensorflow.convert_to_tensor")
_UNIFORM_DRAWS = ("tensorflow.random.uniform", "tensorflow.random_uniform", "numpy.random.uniform",
                  "keras.random.uniform", "tensorflow.compat.v1.random_uniform",
                  "tensorflow.compat.v1.random.uniform", "jax.random.uniform")
_NORMAL_DRAWS = ("tensorflow.random.normal", "tensorflow.random_normal", "numpy.random.normal",
                 "numpy.random.randn", "keras.random.normal", "tensorflow.compat.v1.random_normal",
                 "tensorflow.compat.v1.random.normal", "jax.random.normal")
_TRUNCATED_DRAWS = ("tensorflow.random.truncated_normal", "tensorflow.truncated_normal",
                    "keras.random.truncated_normal", "tensorflow.compat.v1.truncated_normal",
                    "tensorflow.compat.v1.random.truncated_normal")
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
    fan_indices: tuple[int, ...] = ()  # the entries of `shape` the fans read, when they are single entries
    variance_text: str = ""  # "2/shape[0]", "2/(fan_in + fan_out)": the variance the function draws with


@dataclass(frozen=True)
class _Fans:
    """A fan expression: which fans it sums, and which `shape` entries it reads (None: computed otherwise)."""

    terms: frozenset[str]  # {"in"}, {"out"}, {"in", "out"}
    indices: tuple[int, ...] | None


@dataclass(frozen=True)
class _Power:
    """coefficient * fans ** power; fans None for a plain number."""

    coefficient: float
    fans: _Fans | None = None
    power: float = 0.0


def _fan_term(node: nodes.NodeNG, shape_name: str, depth: int = 0) -> _Fans | None:
    """The fans one expression stands for: shape[0], a name bound to it, fan_in + fan_out, ..."""
    if depth > 6:
        return None
    if isinstance(node, nodes.Subscript) and isinstance(node.value, nodes.Name) and node.value.name == shape_name:
        index = literal(node.slice)
        if index in (0, 1, -2, -1) and not isinstance(index, bool):
            return _Fans(frozenset({"in" if index in (0, -2) else "out"}), (index,))
        return None
    if isinstance(node, nodes.Call) and node.args and canonical(qualified_name(node.func) or "") in _VALUE_CASTS:
        return _fan_term(node.args[0], shape_name, depth + 1)
    if isinstance(node, nodes.BinOp) and node.op == "+":
        left, right = _fan_term(node.left, shape_name, depth + 1), _fan_term(node.right, shape_name, depth + 1)
        if left and right and left.terms | right.terms == {"in", "out"} and not left.terms & right.terms:
            indices = None if left.indices is None or right.indices is None else left.indices + right.indices
            return _Fans(frozenset({"in", "out"}), indices)
        return None
    if isinstance(node, nodes.Name):
        index = _unpacked_shape_index(node, shape_name)
        if index is not None:
            return _Fans(frozenset({"in" if index == 0 else "out"}), (index,))
        assigned = _assigned_in_function(node)
        inner = _fan_term(assigned, shape_name, depth + 1) if assigned is not None else None
        if node.name in _FAN_NAMES:
            return _Fans(frozenset({_FAN_NAMES[node.name]}), inner.indices if inner else None)
        return inner
    return None


def _assigned_in_function(name: nodes.Name) -> nodes.NodeNG | None:
    """The expression a name is bound to once: `n = shape[0]`, or one element of
    `fan_in, fan_out = shape[0], shape[1]`."""
    try:
        _scope, assigns = name.lookup(name.name)
    except Exception:
        return None
    if len(assigns) != 1 or not isinstance(assigns[0], nodes.AssignName):
        return None
    target = assigns[0]
    if isinstance(target.parent, nodes.Assign) and target in target.parent.targets:
        return target.parent.value
    unpacked = target.parent
    if isinstance(unpacked, nodes.Tuple) and isinstance(unpacked.parent, nodes.Assign):
        position = unpacked.elts.index(target)
        value = unpacked.parent.value
        if isinstance(value, (nodes.Tuple, nodes.List)) and len(value.elts) == len(unpacked.elts):
            return value.elts[position]
    return None


def _unpacked_shape_index(name: nodes.Name, shape_name: str) -> int | None:
    """0 or 1 for `in_dim` / `out_dim` bound once by `in_dim, out_dim = shape`."""
    try:
        _scope, assigns = name.lookup(name.name)
    except Exception:
        return None
    if len(assigns) != 1 or not isinstance(assigns[0], nodes.AssignName):
        return None
    unpacked = assigns[0].parent
    if isinstance(unpacked, nodes.Tuple) and len(unpacked.elts) == 2 and isinstance(unpacked.parent, nodes.Assign):
        value = unpacked.parent.value
        if isinstance(value, nodes.Name) and value.name == shape_name:
            return unpacked.elts.index(assigns[0])
    return None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _evaluate(node: nodes.NodeNG, shape_name: str, depth: int = 0) -> _Power | None:
    """`1. / tf.sqrt(shape[0] / 2.)` -> 1.414 * shape[0] ** -0.5, by the arithmetic of powers."""
    if depth > 12:
        return None
    value = literal(node) if isinstance(node, (nodes.Const, nodes.UnaryOp, nodes.Name)) else UNKNOWN
    if _number(value):
        return _Power(float(value))
    fans = _fan_term(node, shape_name)
    if fans is not None:
        return _Power(1.0, fans, 1.0)
    if isinstance(node, nodes.Name):
        assigned = _assigned_in_function(node)
        return _evaluate(assigned, shape_name, depth + 1) if assigned is not None else None
    if isinstance(node, nodes.UnaryOp) and node.op == "-":
        inner = _evaluate(node.operand, shape_name, depth + 1)
        return _Power(-inner.coefficient, inner.fans, inner.power) if inner else None
    if isinstance(node, nodes.Call) and len(node.args) >= 1:
        name = canonical(qualified_name(node.func) or "")
        exponent = 0.5 if name in _SQRT else -0.5 if name in _RSQRT else 1.0 if name in _VALUE_CASTS else None
        if exponent is None or (exponent != 1.0 and len(node.args) != 1):
            return None
        inner = _evaluate(node.args[0], shape_name, depth + 1)
        return _raised(inner, exponent) if inner else None
    if isinstance(node, nodes.BinOp) and node.op in ("*", "/", "**"):
        left = _evaluate(node.left, shape_name, depth + 1)
        if node.op == "**":
            exponent = literal(node.right)
            return _raised(left, float(exponent)) if left and _number(exponent) else None
        right = _evaluate(node.right, shape_name, depth + 1)
        if left is None or right is None:
            return None
        if node.op == "/":
            if right.coefficient == 0:
                return None
            right = _Power(1.0 / right.coefficient, right.fans, -right.power)
        if left.fans is not None and right.fans is not None and left.fans != right.fans:
            return None
        return _Power(left.coefficient * right.coefficient, left.fans or right.fans, left.power + right.power)
    return None


def _raised(base: _Power, exponent: float) -> _Power | None:
    if base.coefficient < 0 and exponent != int(exponent):
        return None
    return _Power(base.coefficient ** exponent, base.fans, base.power * exponent)


def _scale_expressions(function: nodes.NodeNG) -> list[nodes.NodeNG]:
    """The arithmetic expressions around each square root in the function, outermost first
    (`randn(*shape) * sqrt(2 / n)` is read as `sqrt(2 / n)` when the whole cannot be)."""
    found: list[nodes.NodeNG] = []
    for node in function.nodes_of_class((nodes.Call, nodes.BinOp)):
        if isinstance(node, nodes.BinOp):
            if node.op != "**" or literal(node.right) not in (0.5, -0.5):
                continue
        elif canonical(qualified_name(node.func) or "") not in _SQRT + _RSQRT:
            continue
        chain = [node]
        while isinstance(node.parent, (nodes.BinOp, nodes.UnaryOp)) or (
                isinstance(node.parent, nodes.Call) and node in node.parent.args
                and canonical(qualified_name(node.parent.func) or "") in _VALUE_CASTS + _SQRT + _RSQRT):
            node = node.parent
            chain.append(node)
        found.extend(expression for expression in reversed(chain) if expression not in found)
    return found


def _variance_rule(expression: nodes.NodeNG, shape_name: str) -> tuple[float, str, _Fans] | None:
    """An expression k * D ** -0.5 (a limit or standard deviation): (k**2, D kind, the fans)."""
    evaluated = _evaluate(expression, shape_name)
    if evaluated is None or evaluated.fans is None or abs(evaluated.power + 0.5) > 1e-9:
        return None
    c = round(evaluated.coefficient ** 2, 6)
    fans = evaluated.fans
    if fans.terms == {"in", "out"}:
        return c, "sum", fans
    if fans.terms == {"in"}:
        return c, "in", fans
    return None


def _fan_source(indices: tuple[int, ...] | None) -> str:
    if not indices:
        return ""
    if all(index in (0, 1) for index in indices):
        return "leading"
    if all(index in (-2, -1) for index in indices):
        return "trailing"
    return ""


def _fans_text(fans: _Fans) -> str:
    if fans.indices is not None:
        parts = [f"shape[{index}]" for index in fans.indices]
        return parts[0] if len(parts) == 1 else "(" + " + ".join(parts) + ")"
    return "fan_in" if fans.terms == {"in"} else "(fan_in + fan_out)"


_RULES: dict[tuple[str, str, float], str] = {
    # (distribution, denominator, c) -> scheme; a uniform limit L = sqrt(c/D) has Var = c/(3D);
    # (fan_in + fan_out) / 2 folds into the constant: sqrt(3 / ((in + out) / 2)) = sqrt(6 / (in + out))
    (K.UNIFORM, "sum", 6.0): "glorot",
    (K.UNIFORM, "in", 6.0): "he", (K.UNIFORM, "in", 3.0): "lecun",
    ("normal", "sum", 2.0): "glorot",
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
    for expression in _scale_expressions(function):
        rule = _variance_rule(expression, shape_name)
        if rule is None:
            continue
        c, denominator, fans = rule
        scheme = _RULES.get(("normal" if distribution != K.UNIFORM else K.UNIFORM, denominator, c))
        if scheme is None:
            continue
        named_distribution = K.UNIFORM if distribution == K.UNIFORM else K.TRUNCATED_NORMAL
        variance = c / 3 if distribution == K.UNIFORM else c
        return HandRolled(_display_name(function), scheme, named_distribution, distribution.replace("_", " "),
                          expression.as_string(), _fan_source(fans.indices), _def_span(function),
                          fans.indices or (), f"{variance:g}/{_fans_text(fans)}")
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
