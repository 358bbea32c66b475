"""NumPy draws as a `tf.Variable`'s initial value: fixed-scale draws like TensorFlow's random ops.

    w1 = tf.Variable(np.random.randn(784, 256))                          # N(0, 1), float64
    w2 = tf.Variable(np.random.randn(256, 256) * 0.01)                   # N(0, 0.01^2)
    w3 = tf.Variable(np.random.normal(0, 1, size=(256, 10)).astype(np.float32))
    w4 = tf.Variable(np.random.uniform(-0.1, 0.1, (784, 256)), dtype=tf.float32)

NumPy is resolved from the file's own imports (`import numpy as np`). The draw's shape is the positional
arguments of `randn`/`rand` or the `size` of the others; a literal factor (`* 0.01`, `/ 100`) scales it.
The replacement is the initializer applied to that shape with the dtype the variable had: a NumPy array
is float64, so where neither `.astype(...)` nor the variable's `dtype=` says otherwise the draw keeps
`dtype=tf.float64` (`tf.matmul` of a float32 tensor and a float64 variable fails). Reads astroid only.
"""

from __future__ import annotations

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot.resolve import (
    InitializerSpec, UNKNOWN, _is_number, has_star_arguments, literal, module_alias, qualified_name, span_of,
)

_FLOAT32 = ("numpy.float32", "tensorflow.float32", "tensorflow.compat.v1.float32")


def _scaled(value: nodes.NodeNG) -> tuple[nodes.NodeNG, float] | None:
    """`draw * 0.01`, `0.01 * draw`, `draw / 100`: (the draw, the literal factor); (value, 1.0) otherwise."""
    if not isinstance(value, nodes.BinOp):
        return value, 1.0
    if value.op == "*":
        for draw, factor in ((value.left, value.right), (value.right, value.left)):
            number = literal(factor)
            if _is_number(number) and isinstance(draw, nodes.Call):
                return draw, float(number)
    if value.op == "/" and isinstance(value.left, nodes.Call):
        number = literal(value.right)
        if _is_number(number) and number != 0:
            return value.left, 1.0 / float(number)
    return None


def _cast(value: nodes.NodeNG) -> tuple[nodes.NodeNG, nodes.NodeNG | None]:
    """`draw.astype(np.float32)`: (the draw, the dtype); (value, None) without a cast."""
    if isinstance(value, nodes.Call) and isinstance(value.func, nodes.Attribute) and value.func.attrname == "astype" \
            and len(value.args) == 1 and not value.keywords:
        return value.func.expr, value.args[0]
    return value, None


def _draw(value: nodes.NodeNG) -> tuple[nodes.Call, str, dict[str, nodes.NodeNG], nodes.NodeNG | None, float] | None:
    """(the NumPy call, its kind, its arguments by TF's names, the cast dtype, the factor) of a draw expression."""
    value, dtype = _cast(value)
    scaled = _scaled(value)
    if scaled is None:
        return None
    call, factor = scaled
    if dtype is None:
        call, dtype = _cast(call)
    if not isinstance(call, nodes.Call) or has_star_arguments(call):
        return None
    found = K.NUMPY_RANDOM_DRAWS.get(qualified_name(call.func) or "")
    if found is None:
        return None
    kind, positions = found
    if positions is None:  # randn(784, 256): the shape is the arguments
        if call.keywords or len(call.args) < 2:
            return None
        return call, kind, {"shape": call.args}, dtype, factor  # type: ignore[dict-item]
    args: dict[str, nodes.NodeNG] = dict(zip(positions, call.args))
    for keyword in call.keywords or ():
        name = K.NUMPY_DRAW_KEYWORDS.get(keyword.arg or "")
        if name is None or name in args:
            return None
        args[name] = keyword.value
    if "size" not in args or not isinstance(args["size"], (nodes.Tuple, nodes.List)) or len(args["size"].elts) < 2:
        return None
    args["shape"] = args.pop("size")
    return call, kind, args, dtype, factor


def numpy_draw(value: nodes.NodeNG | None, variable: nodes.Call) -> tuple[InitializerSpec, nodes.NodeNG] | None:
    """For the initial value of `variable` (a `tf.Variable` call): the fixed-scale draw it makes and the node of its
    shape (a list or tuple; for `randn(a, b)` the call, whose arguments `dims` reads); None where it is not one."""
    if value is None or len(variable.args) > 6 or has_star_arguments(variable):
        return None  # tf.Variable's seventh positional parameter is its dtype: spelled out, or not read
    found = _draw(value)
    if found is None:
        return None
    call, kind, args, cast, factor = found
    defaults = {"random_normal": (("mean", 0.0), ("stddev", 1.0)), "random_uniform": (("minval", 0.0), ("maxval", 1.0))}
    parameters = []
    for name, default in defaults[kind]:
        number = literal(args[name]) if name in args else default
        if not _is_number(number):
            return None  # a scale the source does not fix: not judged
        if name in args or factor != 1.0:
            parameters.append((name, float(number) * factor))
    shape = args["shape"]
    shape_text = "[" + ", ".join(arg.as_string() for arg in shape) + "]" if isinstance(shape, list) else \
        shape.as_string()
    dtype = _dtype_text(variable, cast)
    drawn = shape_text + (f", dtype={dtype}" if dtype else "")
    spec = InitializerSpec("fixed", span_of(value), "legacy", api="v1", written_name=value.as_string(), fixed=kind,
                           parameters=tuple(parameters), drawn_arguments=drawn)
    return spec, (shape if not isinstance(shape, list) else call)


def dims(shape: nodes.NodeNG) -> object:
    """The literal shape: of a list/tuple node, or the arguments of `randn(a, b)`."""
    if isinstance(shape, nodes.Call):
        values = tuple(literal(arg) for arg in shape.args)
        return UNKNOWN if any(v is UNKNOWN for v in values) else values
    return literal(shape)


def _dtype_text(variable: nodes.Call, cast: nodes.NodeNG | None) -> str | None:
    """The dtype the replacement draws in: the variable's `dtype=` where given (it converts the array), else the
    cast's, else float64 (NumPy's); None where that is float32 (the initializers' default)."""
    given = next((keyword.value for keyword in variable.keywords or () if keyword.arg == "dtype"), None)
    chosen = given if given is not None else cast
    if chosen is None:
        return f"{module_alias(variable, 'tensorflow') or 'tf'}.float64"
    if (qualified_name(chosen) or "") in _FLOAT32 or literal(chosen) == "float32":
        return None
    return chosen.as_string()
