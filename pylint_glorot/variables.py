"""Hand-built TF1 layers: a kernel from `get_variable` (or `tf.Variable(init(shape))`), applied
with `tf.matmul` / `tf.nn.conv2d`.

    w = tf.compat.v1.get_variable("w", [784, 256], initializer=tf.contrib.layers.xavier_initializer())
    v = tf.Variable(tf.keras.initializers.GlorotUniform()(shape=(784, 256)))
    h = tf.nn.relu(tf.matmul(x, w) + b)

The kernel `w` feeds relu. This module follows the variable's name to where it is applied and
from there to the activation around it (directly, or through at most two assignments), and says what
it found; `model.build_site` makes a layer site of it. Reads astroid's tree only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot.kernel_dicts import entry_reads
from pylint_glorot.numpy_draws import dims as numpy_dims, numpy_draw
from pylint_glorot.resolve import (
    ActivationSpec, InitializerSpec, UNKNOWN, _fixed_parameters, _seed_text, _single_binding, activation_from_qualname,
    canonical, has_star_arguments, literal, qualified_name, span_of,
)

GET_VARIABLE = ("tensorflow.get_variable", "tensorflow.compat.v1.get_variable")
VARIABLE = ("tensorflow.Variable", "tensorflow.compat.v1.Variable")
_APPLY_DENSE = ("tensorflow.matmul", "tensorflow.linalg.matmul", "tensorflow.compat.v1.matmul",
                "keras.ops.matmul", "keras.backend.dot")
_APPLY_CONV = ("tensorflow.nn.conv1d", "tensorflow.nn.conv2d", "tensorflow.nn.conv3d",
               "tensorflow.compat.v1.nn.conv1d", "tensorflow.compat.v1.nn.conv2d", "tensorflow.compat.v1.nn.conv3d",
               "keras.ops.conv", "keras.backend.conv1d", "keras.backend.conv2d", "keras.backend.conv3d")
_BIAS_ADD = ("tensorflow.nn.bias_add", "tensorflow.add", "tensorflow.math.add", "tensorflow.compat.v1.nn.bias_add",
             "tensorflow.compat.v1.add")
_NORMALIZATIONS = ("batch_normalization", "batch_norm", "layer_norm", "layer_normalization")

_GET_VARIABLE_POSITIONS = {"name": 0, "shape": 1, "dtype": 2, "initializer": 3}
VARIABLE_SPECS = {
    ("get_variable", kind): K.LayerSpec(kind, "initializer", ("initializer",), _GET_VARIABLE_POSITIONS,
                                        units_keyword="", string_initializers=False)
    for kind in ("dense", "conv")
} | {  # tf.Variable(init(shape)): the initializer is not a keyword, the replacement takes the place of `init`
    ("Variable", kind): K.LayerSpec(kind, "initializer", ("initializer",), {}, units_keyword="",
                                    string_initializers=False, keyword_in_text=False)
    for kind in ("dense", "conv")
}


@dataclass(frozen=True)
class AppliedVariable:
    """A get_variable kernel and the activation it feeds."""

    spec: K.LayerSpec
    activation: ActivationSpec
    normalized: bool
    in_channels: int | None
    out_channels: int | None
    class_name: str  # "get_variable" | "Variable"
    initializer: nodes.NodeNG | None  # the initializer as written; None: get_variable's default
    dims: Any = None  # the kernel's literal shape (a tuple), UNKNOWN where the source does not fix it
    applied_by: nodes.Call | None = None  # the one call that applies it (`tf.nn.conv2d(x, w, ...)`), if one
    drawn: InitializerSpec | None = None  # `tf.Variable(tf.random_normal(shape))`: the random op's fixed-scale draw


def _name(call: nodes.Call) -> str:
    return canonical(qualified_name(call.func) or "")


def applied_variable(call: nodes.Call) -> AppliedVariable | None:
    """For `w = get_variable(...)`: how `w` is used, when every use applies it as the kernel of one
    kind of layer followed by one activation the source names; None otherwise."""
    name, numpy = _name(call), None
    if name in GET_VARIABLE:
        class_name, initializer, shape = "get_variable", _argument(call, "initializer", 3), _argument(call, "shape", 1)
    elif name in VARIABLE:
        numpy = numpy_draw(_argument(call, "initial_value", 0), call)  # tf.Variable(np.random.randn(784, 256))
        drawn = (_argument(call, "initial_value", 0), numpy[1]) if numpy is not None else _drawn_initial_value(call)
        if drawn is None:
            return None
        class_name, (initializer, shape) = "Variable", drawn
    else:
        return None
    uses = _through_helpers(_uses(call))
    if not uses:
        return None
    kinds, found, calls = set(), set(), []
    for use in uses:
        applied = kernel_application(use)
        if applied is None:
            return None
        kind, applied_call = applied
        after = activation_after(applied_call)
        if after is None:
            return None
        kinds.add(kind)
        found.add(after)
        calls.append(applied_call)
    if len(kinds) != 1 or len(found) != 1:
        return None
    (activation, normalized), = found
    dims = numpy_dims(shape) if numpy is not None else literal(shape) if shape is not None else UNKNOWN
    in_channels = out_channels = None
    if isinstance(dims, tuple) and len(dims) >= 2 and all(isinstance(d, int) and not isinstance(d, bool) for d in dims):
        in_channels, out_channels = dims[-2], dims[-1]
    return AppliedVariable(VARIABLE_SPECS[(class_name, kinds.pop())], activation, normalized, in_channels, out_channels,
                           class_name, initializer, dims,
                           calls[0] if len(calls) == 1 and isinstance(calls[0], nodes.Call) else None,
                           (numpy[0] if numpy is not None else drawn_spec(initializer)) if class_name == "Variable" else None)


def _uses(call: nodes.Call) -> list[nodes.NodeNG] | None:
    """The reads of the variable `call` makes: of `w` in `w = tf.Variable(...)` (in its own scope), or of
    `weights["h1"]` where the call is that entry of a dict literal (kernel_dicts.py)."""
    parent = call.parent
    if isinstance(parent, nodes.Dict):
        return entry_reads(call)
    if not (isinstance(parent, nodes.Assign) and len(parent.targets) == 1
            and isinstance(parent.targets[0], nodes.AssignName)):
        return None
    variable = parent.targets[0].name
    scope = parent.scope()
    return [name for name in scope.nodes_of_class(nodes.Name) if name.name == variable and name.scope() is scope]


_SHAPE_READS = frozenset({"get_shape", "shape", "dtype", "name"})
_MAX_HELPER_DEPTH = 4


def _through_helpers(uses: list[nodes.NodeNG] | None, depth: int = 0) -> list[nodes.NodeNG] | None:
    """The kernel's reads with each one passed into a module function's parameter (`conv2d(x, weights["wc1"],
    b)`) replaced by that parameter's reads in the function (`tf.nn.conv2d(x, W, ...)`), and reads of its
    shape alone (`weights["wd1"].get_shape()`) left out; None where a parameter is rebound or the depth is exceeded."""
    if uses is None:
        return None
    found: list[nodes.NodeNG] = []
    for use in uses:
        if isinstance(use.parent, nodes.Attribute) and use.parent.attrname in _SHAPE_READS:
            continue
        param = _helper_parameter(use)
        if param is None:
            found.append(use)
            continue
        inner = _parameter_reads(param) if depth < _MAX_HELPER_DEPTH else None
        deeper = _through_helpers(inner, depth + 1) if inner else None
        if deeper is None:
            return None
        found.extend(deeper)
    return found


def _helper_parameter(use: nodes.NodeNG) -> nodes.AssignName | None:
    """The parameter of the module's own plain function that `use` is passed to (`conv2d(x, W=w)`)."""
    parent, keyword = use.parent, None
    if isinstance(parent, nodes.Keyword):
        parent, keyword = parent.parent, parent.arg
    if not isinstance(parent, nodes.Call) or not isinstance(parent.func, nodes.Name) or has_star_arguments(parent):
        return None
    if keyword is None and not any(arg is use for arg in parent.args):
        return None
    function = _single_binding(parent.func)
    if not isinstance(function, nodes.FunctionDef) or function.root() is not use.root() or function.is_method() \
            or function.decorators is not None or function.args.vararg or function.args.kwarg:
        return None
    positional = list(function.args.posonlyargs or []) + list(function.args.args or [])
    if keyword is None:
        index = next(i for i, arg in enumerate(parent.args) if arg is use)
        return positional[index] if index < len(positional) else None
    return next((param for param in positional + list(function.args.kwonlyargs or []) if param.name == keyword), None)


def _parameter_reads(param: nodes.AssignName) -> list[nodes.Name] | None:
    """The reads of a parameter in its function's own body; None where the body writes the name again."""
    function = param.parent.parent
    if any(name.name == param.name and name is not param and name.scope() is function
           for name in function.nodes_of_class(nodes.AssignName)):
        return None
    return [name for name in function.nodes_of_class(nodes.Name) if name.name == param.name and name.scope() is function]


def _argument(call: nodes.Call, keyword: str, position: int) -> nodes.NodeNG | None:
    for given in call.keywords or ():
        if given.arg == keyword:
            return given.value
    return call.args[position] if len(call.args) > position else None


def _drawn_initial_value(call: nodes.Call) -> tuple[nodes.NodeNG, nodes.NodeNG] | None:
    """`tf.Variable(init(shape))`, `tf.Variable(initial_value=GlorotUniform()(shape=(784, 256)))`:
    (`init`, the shape); `tf.Variable(tf.random_normal([784, 256]))`: (the random op's call, the shape)."""
    value = _argument(call, "initial_value", 0)
    if isinstance(value, nodes.Call) and _random_op(value) is not None:
        shape = _random_arguments(value).get("shape")
        return (value, shape) if shape is not None else None
    if not isinstance(value, nodes.Call) or not isinstance(value.func, (nodes.Call, nodes.Name)):
        return None
    shape = _argument(value, "shape", 0)
    return (value.func, shape) if shape is not None else None


def _random_op(call: nodes.Call) -> str | None:
    """The kind of draw (random_normal | truncated_normal | random_uniform) of `tf.random.normal(...)` & co."""
    return K.TF_RANDOM_OPS.get(qualified_name(call.func) or "")


def _random_arguments(call: nodes.Call) -> dict[str, nodes.NodeNG]:
    kind = _random_op(call)
    if kind is None or has_star_arguments(call):
        return {}
    given = dict(zip(K.RANDOM_OP_POSITIONS[kind], call.args))
    given.update({keyword.arg: keyword.value for keyword in call.keywords or () if keyword.arg})
    return given


def drawn_spec(value: nodes.NodeNG | None) -> InitializerSpec | None:
    """`tf.random_normal([784, 256])`, `tf.random.uniform(shape, -0.1, 0.1, seed=3)` as a tf.Variable's initial
    value: the fixed-scale draw it makes, with TF's defaults (N(0, 1), U(0, 1)). Its replacement is a whole
    expression: the initializer applied to the shape (and dtype) as written, `he_normal()([784, 256])`."""
    if not isinstance(value, nodes.Call):
        return None
    kind, args = _random_op(value), _random_arguments(value)
    if kind is None or "shape" not in args:
        return None
    if kind == "random_uniform" and "maxval" in args and literal(args["maxval"]) is None:
        del args["maxval"]  # maxval=None: 1 for floats
    drawn = args["shape"].as_string() + (f", dtype={args['dtype'].as_string()}" if "dtype" in args else "")
    return InitializerSpec("fixed", span_of(value), "legacy", api="v1", written_name=value.as_string(), fixed=kind,
                           parameters=_fixed_parameters(args), seed_text=_seed_text(args), drawn_arguments=drawn)


def kernel_application(use: nodes.Name | nodes.Attribute) -> tuple[str, nodes.NodeNG] | None:
    """("dense" | "conv", the expression that applies the kernel) for `tf.matmul(x, w)`, `x @ w`,
    `tf.nn.conv2d(x, w, ...)`."""
    parent = use.parent
    if isinstance(parent, nodes.BinOp) and parent.op == "@" and parent.right is use:
        return "dense", parent
    if isinstance(parent, nodes.Keyword):
        parent, is_kernel = parent.parent, parent.arg in ("b", "filters", "filter")
    else:
        is_kernel = isinstance(parent, nodes.Call) and len(parent.args) > 1 and parent.args[1] is use
    if not isinstance(parent, nodes.Call) or not is_kernel:
        return None
    name = _name(parent)
    if name in _APPLY_DENSE:
        swapped = any(kw.arg in ("transpose_b", "adjoint_b") and literal(kw.value) is not False for kw in parent.keywords or ())
        return None if swapped else ("dense", parent)  # a transposed kernel is (out, in): its fans are the other way
    if name in _APPLY_CONV:
        return "conv", parent
    return None


def activation_after(expression: nodes.NodeNG, bound: Any = None) -> tuple[ActivationSpec, bool] | None:
    """The activation applied to `expression` (through a bias add, and at most two assignments:
    `x = conv2d(x, W)`, `x = bias_add(x, b)`, `relu(x)`);
    `bound(func)` reads a callee the imports do not name (`self.activation` in a Layer subclass)."""
    node = expression
    for _hop in range(3):
        while True:
            parent = node.parent
            if isinstance(parent, nodes.BinOp) and parent.op == "+":
                node = parent
            elif isinstance(parent, nodes.Call) and parent.args and parent.args[0] is node and _name(parent) in _BIAS_ADD:
                node = parent
            else:
                break
        parent = node.parent
        if isinstance(parent, nodes.Call) and parent.args and parent.args[0] is node:
            qualname = qualified_name(parent.func)
            activation = activation_from_qualname(qualname) or (bound(parent.func) if bound else None)
            if activation is not None:
                return activation, False
            if (qualname or "").rsplit(".", 1)[-1] in _NORMALIZATIONS:
                return None  # normalized before its activation: not judged
            return None
        if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignName):
            node = _single_reader(parent, parent.targets[0].name)
            if node is None:
                return None
            continue
        return None
    return None


def _single_reader(assign: nodes.Assign, name: str) -> nodes.Name | None:
    """The one later read of `name` in the statement list of `assign`, before it is written again."""
    body = getattr(assign.parent, "body", None)
    if not isinstance(body, list) or assign not in body:
        return None
    readers: list[nodes.Name] = []
    for stmt in body[body.index(assign) + 1:]:
        readers.extend(n for n in stmt.nodes_of_class(nodes.Name) if n.name == name)
        if any(n.name == name for n in stmt.nodes_of_class(nodes.AssignName)):
            break
    return readers[0] if len(readers) == 1 else None
