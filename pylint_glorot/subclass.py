"""Layer and Model subclasses: constructor parameters, and instances used as layers.

    class Block(layers.Layer):
        def __init__(self, units, kernel_initializer="glorot_uniform", activation="relu", **kw):
            super().__init__(**kw)
            self.dense = layers.Dense(units, kernel_initializer=kernel_initializer)
            self.act = layers.Activation(activation)
        def call(self, x):
            return self.act(self.dense(x))

    model = keras.Sequential([Block(64), Block(64), layers.Dense(10)])

A constructor parameter stands for the literal every `Block(...)` call in the module passes (its
default when none passes it, or no call exists; `resolve.parameter_value`), also through
`self._x = x`, `initializers.get(x)` and `activations.get(x)`. A fix of such a value edits those
literals (`constructor_parameter_origins`), never the use, which would drop what a caller passes in. An
instance (`Block(64)`, `Block(64)(x)`) takes part in its caller's network with the steps of its
`call()` (`instance_steps`). Reads astroid's tree only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot.bindings import bound_argument
from pylint_glorot.copies import copied_argument
from pylint_glorot.resolve import (
    ActivationSpec, Dynamic, activation_spec, argument, instantiations, keras_member, literal, parameter_value,
    qualified_name, self_attribute_assignments as self_assignments, self_attribute_value,
)
from pylint_glorot.variables import AppliedVariable, activation_after, kernel_application
from pylint_glorot.resolve import _single_binding as single_binding  # noqa: PLC2701 - the same lookup rule

# `self.add_weight(initializer=...)`: Keras takes a string there; without one, floats start glorot_uniform
WEIGHT_SPECS = {kind: K.LayerSpec(kind, "initializer", ("initializer",), {}, units_keyword="")
                for kind in ("dense", "conv")}
_MAX_HOPS = 8
_MAX_NESTING = 4  # a block of blocks of blocks...: deeper instances read as unknown
_GETTERS = (("initializers", "get"), ("initializers", "deserialize"), ("activations", "get"),
            ("activations", "deserialize"))


# --------------------------------------------------------------------------- constructor parameters


def constructor_parameter(value: nodes.NodeNG) -> nodes.AssignName | None:
    """The `__init__` parameter a layer's keyword value comes from: `kernel_initializer=kernel_initializer`,
    `self._init` with `self._init = initializers.get(kernel_initializer)`, and local aliases."""
    node = value
    for _hop in range(_MAX_HOPS):
        if isinstance(node, nodes.Attribute):
            node = self_attribute_value(node)
        elif isinstance(node, nodes.Call) and (_is_getter(node) or copied_argument(node) is not None):
            node = node.args[0]  # initializers.get(x), clone_initializer(x): x's value
        elif isinstance(node, nodes.Name):
            binding = single_binding(node)
            if not isinstance(binding, nodes.AssignName):
                return None
            if isinstance(binding.parent, nodes.Arguments):
                return binding if _is_constructor(binding.parent.parent) else None
            parent = binding.parent
            if not (isinstance(parent, nodes.Assign) and len(parent.targets) == 1):
                return None
            node = parent.value
        else:
            return None
        if node is None:
            return None
    return None


def constructor_parameter_origins(value: nodes.NodeNG) -> tuple[str, list[nodes.NodeNG]] | None:
    """For a value coming from a constructor parameter: the parameter's name and the literals that decide
    it, the one to report on first: the default (when a `Block(...)` call leaves it out, or none exists),
    then each literal a call passes. None when the value does not come from one, or is not one literal."""
    param = constructor_parameter(value)
    if param is None or bound_argument(param) is not None or parameter_value(param) is None:
        return None  # bound: one call's reading (downward.py), where that call's argument decides
    arguments = param.parent
    klass = arguments.parent.parent
    positional = [a.name for a in (arguments.posonlyargs or []) + (arguments.args or [])]
    position = positional.index(param.name) - 1 if param.name in positional else None
    try:
        default = arguments.default_value(param.name)
    except Exception:  # astroid raises NoDefault
        default = None
    given: list[nodes.NodeNG] = []
    uses_default = False
    for call in instantiations(klass) or ():
        try:
            passed = argument(call, param.name, position)
        except Dynamic:
            return None
        if passed is None:
            uses_default = True
        else:
            given.append(passed)
    if not given:
        uses_default = True
    if uses_default and default is None:
        return None
    return param.name, ([default] if uses_default else []) + given


def _is_constructor(function: nodes.NodeNG) -> bool:
    return isinstance(function, nodes.FunctionDef) and function.name == "__init__" \
        and isinstance(function.parent, nodes.ClassDef)


def _is_getter(call: nodes.Call) -> bool:
    return keras_member(qualified_name(call.func)) in _GETTERS and len(call.args) == 1 and not call.keywords


# --------------------------------------------------------------------------- instances as layers


def layer_class(call: nodes.Call) -> nodes.ClassDef | None:
    """The module's own class a call builds, when it is a Keras Layer or Model subclass (by its bases,
    through the module's other classes) with a `call()` method."""
    if not isinstance(call.func, nodes.Name):
        return None
    klass = single_binding(call.func)
    if not isinstance(klass, nodes.ClassDef) or "call" not in klass.locals:
        return None
    return klass if _is_keras_layer(klass, 0) else None


def _is_keras_layer(klass: nodes.ClassDef, depth: int) -> bool:
    if depth > _MAX_HOPS:
        return False
    for base in klass.bases:
        member = keras_member(qualified_name(base))
        if member is not None and member[1] in ("Layer", "Model"):
            return True
        own = single_binding(base) if isinstance(base, nodes.Name) else None
        if isinstance(own, nodes.ClassDef) and own is not klass and _is_keras_layer(own, depth + 1):
            return True
    return False


_expanding: list[int] = []  # the classes whose call() is being spliced, innermost last


def instance_steps(call: nodes.Call, expand: Callable[[nodes.FunctionDef], list[Any] | None]) -> list[Any] | None:
    """The steps an instance of the module's own layer class applies, in order, from its `call()`
    (`expand` reads a method's body into steps); None when the call is not one, when `call()` is not
    one straight path, or when the class is being read already (a block that holds itself)."""
    klass = layer_class(call)
    if klass is None or id(klass) in _expanding or len(_expanding) >= _MAX_NESTING:
        return None
    method = klass.locals["call"][0]
    if not isinstance(method, nodes.FunctionDef):
        return None
    _expanding.append(id(klass))
    try:
        return expand(method)
    finally:
        _expanding.pop()


# --------------------------------------------------------------------------- add_weight kernels


def bound_activation(func: nodes.NodeNG) -> ActivationSpec | None:
    """`self.activation(x)` with `self.activation = activations.get(activation)` (or an activation
    layer, or the parameter itself): the activation it applies."""
    if not isinstance(func, nodes.Attribute):
        return None
    value = self_attribute_value(func)
    return activation_spec(value) if value is not None else None


def applied_weight(call: nodes.Call) -> AppliedVariable | None:
    """`self.kernel = self.add_weight(shape=..., initializer=...)` in a Layer subclass, when every read
    of `self.kernel` in the class applies it as one kind of kernel (`ops.matmul(x, self.kernel)`,
    `tf.nn.conv2d`) followed by one activation the source names: a hand-built layer."""
    func = call.func
    if not (isinstance(func, nodes.Attribute) and func.attrname == "add_weight"
            and isinstance(func.expr, nodes.Name) and func.expr.name == "self"):
        return None
    if len(call.args) > 1 or any(keyword.arg is None for keyword in call.keywords or ()):
        return None  # positions differ between Keras 3 (shape, initializer) and tf.keras (name, shape)
    parent = call.parent
    if not (isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignAttr)
            and isinstance(parent.targets[0].expr, nodes.Name) and parent.targets[0].expr.name == "self"):
        return None
    method = call.scope()
    klass = method.parent if isinstance(method, nodes.FunctionDef) else None
    if not isinstance(klass, nodes.ClassDef) or not _is_keras_layer(klass, 0):
        return None
    attribute = parent.targets[0].attrname
    if len(self_assignments(klass).get(attribute, [])) != 1:
        return None
    uses = [node for method in klass.mymethods() for node in method.nodes_of_class(nodes.Attribute)
            if node.attrname == attribute and isinstance(node.expr, nodes.Name) and node.expr.name == "self"]
    found = set()
    for use in uses:
        applied = kernel_application(use)
        if applied is None:
            return None
        kind, applied_call = applied
        after = activation_after(applied_call, bound_activation)
        if after is None:
            return None
        found.add((kind, after))
    if len(found) != 1:
        return None
    (kind, (activation, normalized)), = found
    initializer = next((keyword.value for keyword in call.keywords or () if keyword.arg == "initializer"), None)
    shape = next((keyword.value for keyword in call.keywords or () if keyword.arg == "shape"),
                 call.args[0] if call.args else None)
    dims = getattr(shape, "elts", None) or []
    in_channels = _literal_int(dims[-2]) if len(dims) >= 2 else None
    out_channels = _literal_int(dims[-1]) if len(dims) >= 2 else None
    return AppliedVariable(WEIGHT_SPECS[kind], activation, normalized, in_channels, out_channels, "add_weight",
                           initializer)


def _literal_int(node: nodes.NodeNG) -> int | None:
    value = literal(node)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def applied_kernel(expr: nodes.Call) -> nodes.Call | None:
    """`ops.matmul(x, self.kernel)` in `call()`: the `self.add_weight(...)` call the kernel comes from."""
    if len(expr.args) < 2 or not isinstance(expr.args[1], nodes.Attribute) or kernel_application(expr.args[1]) is None:
        return None
    value = self_attribute_value(expr.args[1])
    return value if isinstance(value, nodes.Call) and applied_weight(value) is not None else None


def bias_added(expr: nodes.NodeNG) -> nodes.NodeNG | None:
    """`ops.matmul(x, self.kernel) + self.bias`, with `self.bias = self.add_weight(...)`: the left side
    (adding a weight keeps the signal's path; adding a tensor would be a residual)."""
    if not (isinstance(expr, nodes.BinOp) and expr.op == "+" and isinstance(expr.right, nodes.Attribute)):
        return None
    value = self_attribute_value(expr.right)
    func = value.func if isinstance(value, nodes.Call) else None
    return expr.left if isinstance(func, nodes.Attribute) and func.attrname == "add_weight" else None


# --------------------------------------------------------------------------- what follows inside the class


def _local_function(node: nodes.NodeNG, method: nodes.FunctionDef) -> nodes.FunctionDef | None:
    """The function a call in `method` makes when `method` itself defines it (a nested helper)."""
    if not (isinstance(node, nodes.Call) and isinstance(node.func, nodes.Name)):
        return None
    function = single_binding(node.func)
    return function if isinstance(function, nodes.FunctionDef) and function.parent is method else None


def settled_later(layer: nodes.Call) -> bool:
    """Whether the class's methods, after applying the layer built by `self.x = <layer>`, normalize
    or add a residual (`self.norm(...)` on a normalization layer, `x + ...` of two tensors): a
    transformer block or a normalized head, whose scale the next normalization resets. Library
    defaults there (`kernel_initializer="glorot_uniform"` in a feed-forward block) are the
    convention, not a mistake; the fix would change nothing measurable."""
    parent = layer.parent
    if not (isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignAttr)):
        return False
    method = layer.scope()
    klass = method.parent if isinstance(method, nodes.FunctionDef) else None
    if not isinstance(klass, nodes.ClassDef):
        return False
    attribute = parent.targets[0].attrname
    for method in klass.mymethods():
        reads = [node for node in method.nodes_of_class(nodes.Attribute) if node.attrname == attribute
                 and isinstance(node.expr, nodes.Name) and node.expr.name == "self" and isinstance(node.parent, nodes.Call)]
        if reads and any(_settles(node, method) for node in _after(method, min(read.lineno for read in reads))):
            return True
    return False


def _after(method: nodes.FunctionDef, line: int) -> list[nodes.NodeNG]:
    return [node for node in method.nodes_of_class((nodes.Call, nodes.BinOp)) if (node.lineno or 0) >= line]


def _settles(node: nodes.NodeNG, method: nodes.FunctionDef) -> bool:
    local = _local_function(node, method)
    if local is not None:  # `add_and_norm(x, y, self.norm)` defined in the method: what its body does
        return any(_settles(inner, local) for inner in local.nodes_of_class((nodes.Call, nodes.BinOp))
                   if _local_function(inner, local) is None)
    if isinstance(node, nodes.BinOp):  # a residual: two tensors added (a bias is a weight attribute)
        return node.op == "+" and not isinstance(node.left, nodes.Const) and not isinstance(node.right, (nodes.Const, nodes.Attribute))
    func = node.func
    bound = self_attribute_value(func) if isinstance(func, nodes.Attribute) else None
    target = bound.func if isinstance(bound, nodes.Call) else func
    member = keras_member(qualified_name(target))
    name = member[1] if member else (target.attrname if isinstance(target, nodes.Attribute) else "")
    return name in K.NORMALIZATION_LAYERS or name in ("Add", "add") or "norm" in name.lower()
