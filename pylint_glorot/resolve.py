"""Source -> meaning: qualified API names from the file's own imports, literal values,
and the initializer and activation a layer call is given.

Only astroid's syntax tree is used: `lookup` and `real_name`, never inference, so no
TensorFlow/Keras module is imported or parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot.bindings import bound_argument
from pylint_glorot.findings import Span

UNKNOWN: Any = object()  # a value the source does not fix
_MAX_DEPTH = 8

_KERAS_ROOTS = (
    "tensorflow.python.keras.",
    "tensorflow.compat.v2.keras.",
    "tensorflow.compat.v1.keras.",  # in TF 2 the same Keras classes (tf.compat.v1.keras.initializers.HeUniform is HeUniform)
    "tensorflow.keras.",
    "tf_keras.src.",
    "tf_keras.",
    "keras.src.",
    "keras.api.",
    "keras._tf_keras.keras.",
)


def span_of(node: nodes.NodeNG) -> Span:
    return Span(node.lineno, node.col_offset, node.end_lineno or node.lineno, node.end_col_offset or node.col_offset)


# --------------------------------------------------------------------------- names


def _single_binding(name_node: nodes.Name) -> nodes.NodeNG | None:
    """The one statement binding a name in scope, or None when zero or several bind it."""
    try:
        _scope, assigns = name_node.lookup(name_node.name)
    except Exception:  # astroid raises on odd scopes (e.g. class bodies in comprehensions)
        return None
    if len(assigns) != 1:
        if assigns and all(isinstance(a, (nodes.Import, nodes.ImportFrom)) for a in assigns):
            names = {_import_name(a, name_node.name) for a in assigns}
            if len(names) == 1:
                return assigns[0]
        return None
    return assigns[0]


def _is_builtin(name_node: nodes.Name) -> bool:
    binding = _single_binding(name_node)
    return binding is not None and binding.root().name == "builtins"


def _import_name(node: nodes.Import | nodes.ImportFrom, name: str) -> str | None:
    try:
        real = node.real_name(name)
    except Exception:
        return None
    if isinstance(node, nodes.ImportFrom):
        if node.level:  # relative import: the user's own package
            return None
        return f"{node.modname}.{real}"
    return real


def qualified_name(node: nodes.NodeNG, depth: int = 0) -> str | None:
    """`tf.keras.layers.Dense` -> "tensorflow.keras.layers.Dense", from imports alone."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, nodes.Attribute):
        base = qualified_name(node.expr, depth + 1)
        return f"{base}.{node.attrname}" if base else None
    if isinstance(node, nodes.Name):
        binding = _single_binding(node)
        if isinstance(binding, (nodes.Import, nodes.ImportFrom)):
            return _import_name(binding, node.name)
        if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Assign):
            value = binding.parent.value
            if isinstance(value, (nodes.Name, nodes.Attribute)) and len(binding.parent.targets) == 1:
                return qualified_name(value, depth + 1)
    return None


def canonical(qualname: str) -> str:
    """Fold every Keras spelling into "keras.<...>": tf.keras, tf_keras, keras.src."""
    for root in _KERAS_ROOTS:
        if qualname.startswith(root):
            return "keras." + qualname[len(root):]
    if qualname == "tensorflow.keras":
        return "keras"
    if qualname.startswith("tensorflow.initializers."):  # TF 2: an alias of tf.keras.initializers
        return "keras." + qualname[len("tensorflow."):]
    return qualname


def keras_member(qualname: str | None) -> tuple[str, str] | None:
    """("layers", "Dense") for any spelling of keras.layers.Dense; None outside Keras."""
    if not qualname:
        return None
    name = canonical(qualname)
    if not name.startswith("keras."):
        return None
    parts = name.split(".")
    group = parts[1] if len(parts) > 2 else ""
    return group, parts[-1]


def root_text(node: nodes.NodeNG) -> str:
    """The source text up to the last attribute: `tf.keras.initializers.X` -> `tf.keras.initializers.`."""
    if isinstance(node, nodes.Attribute):
        return node.expr.as_string() + "."
    return ""


_TF_COMPAT = ("tensorflow.compat.v1", "tensorflow.compat.v2")


def module_alias(node: nodes.NodeNG, module: str) -> str | None:
    """A local name bound to `module` (e.g. "tf" for tensorflow), looked up from `node`; for
    tensorflow, also the name `tensorflow.compat.v1` is imported as, whose `keras` is tf.keras."""
    fallback = None
    for stmt in node.root().body:
        if isinstance(stmt, nodes.Import):
            for real, alias in stmt.names:
                if real == module:
                    return alias or real
                if module == "tensorflow" and real in _TF_COMPAT and fallback is None:
                    fallback = alias or real  # `import tensorflow.compat.v1 as tf`: tf.keras is there too
    return fallback


# --------------------------------------------------------------------------- literals


def literal(node: nodes.NodeNG | None, depth: int = 0) -> Any:
    """The Python value of a literal expression, folding names bound once to a literal."""
    if node is None or depth > _MAX_DEPTH:
        return UNKNOWN
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.UnaryOp) and node.op == "-":
        value = literal(node.operand, depth + 1)
        return -value if isinstance(value, (int, float)) and not isinstance(value, bool) else UNKNOWN
    if isinstance(node, (nodes.Tuple, nodes.List)):
        values = tuple(literal(elt, depth + 1) for elt in node.elts)
        return UNKNOWN if any(v is UNKNOWN for v in values) else values
    if isinstance(node, nodes.BinOp) and node.op in ("/", "*"):
        left, right = literal(node.left, depth + 1), literal(node.right, depth + 1)
        if _is_number(left) and _is_number(right):
            try:
                return left / right if node.op == "/" else left * right
            except ZeroDivisionError:
                return UNKNOWN
        return UNKNOWN
    bound = bound_value(node, depth)
    return literal(bound, depth + 1) if bound is not None else UNKNOWN


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def bound_value(node: nodes.NodeNG, depth: int = 0) -> nodes.NodeNG | None:
    """The one expression a name stands for: its single assignment (`INIT = "glorot_uniform"`),
    or, for a function parameter, the literal that every call site in the module passes;
    for `self.x` in a method, the one value the class assigns to it."""
    if isinstance(node, nodes.Attribute) and depth <= _MAX_DEPTH:
        return self_attribute_value(node)
    if not isinstance(node, nodes.Name) or depth > _MAX_DEPTH:
        return None
    binding = _single_binding(node)
    if binding is None:
        guarded = none_guarded_parameter(node)
        return guarded_argument(guarded) if guarded is not None else None
    if (
        isinstance(binding, nodes.AssignName)
        and isinstance(binding.parent, (nodes.Assign, nodes.AnnAssign))
        and binding.parent.value is not None
        and (isinstance(binding.parent, nodes.AnnAssign) or len(binding.parent.targets) == 1)
    ):
        return binding.parent.value
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Arguments):
        passed = bound_argument(binding)  # inside the expansion of one call of a helper: what it passes
        return passed if passed is not None else parameter_value(binding, depth + 1)
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, (nodes.For, nodes.Tuple)):
        return bound_argument(binding)  # a loop target, in one pass of an unrolled loop: that pass's value
    return None


def none_guarded_parameter(name_node: nodes.Name) -> nodes.AssignName | None:
    """`def f(init=None): if init is None: init = default; ... init`: the parameter `init` is, where the
    name's other bindings all sit in the body of `if <name> is None:` (not taken when the call passes a
    value that is not None: `guarded_argument`); None otherwise."""
    try:
        _scope, assigns = name_node.lookup(name_node.name)
    except Exception:  # astroid raises on odd scopes
        return None
    params = [a for a in assigns if isinstance(a, nodes.AssignName) and isinstance(a.parent, nodes.Arguments)]
    if len(params) != 1 or len(assigns) < 2:
        return None
    for other in assigns:
        if other is params[0]:
            continue
        statement = other.statement() if isinstance(other, nodes.AssignName) else None
        guard = statement.parent if statement is not None else None
        if not (isinstance(guard, nodes.If) and statement in guard.body and _is_none_test(guard.test, name_node.name)):
            return None
    return params[0]


def _is_none_test(test: nodes.NodeNG, name: str) -> bool:
    return (isinstance(test, nodes.Compare) and isinstance(test.left, nodes.Name) and test.left.name == name
            and len(test.ops) == 1 and test.ops[0][0] == "is"
            and isinstance(test.ops[0][1], nodes.Const) and test.ops[0][1].value is None)


def guarded_argument(param: nodes.AssignName) -> nodes.NodeNG | None:
    """What the call being expanded passes for a None-guarded parameter, when it cannot be None (a literal
    string, a call, a dict, an imported name): the guard's branch is not taken. None otherwise."""
    passed = bound_argument(param)
    if isinstance(passed, nodes.Const):
        return passed if passed.value is not None else None
    if isinstance(passed, (nodes.Call, nodes.Dict)):
        return passed
    if isinstance(passed, (nodes.Attribute, nodes.Name)) and qualified_name(passed) is not None:
        return passed
    return None


def parameter_position(param: nodes.AssignName) -> tuple[nodes.FunctionDef, int | None] | None:
    """(the function `param` belongs to, its index among the positional arguments a call writes; None where
    it is keyword-only); None for `*args` / `**kwargs` or a lambda's parameter."""
    arguments = param.parent
    function = arguments.parent
    if not isinstance(function, nodes.FunctionDef):
        return None
    positional = [a.name for a in (arguments.posonlyargs or []) + (arguments.args or [])]
    if param.name not in positional and param.name not in [a.name for a in arguments.kwonlyargs or []]:
        return None  # *args / **kwargs
    position = positional.index(param.name) if param.name in positional else None
    if position is not None and function.is_method():
        position -= 1  # self / cls is not written at the call site
    return function, position


def parameter_value(param: nodes.AssignName, depth: int = 0) -> nodes.NodeNG | None:
    """`def conv(filters, act="relu")`: the value of `act` when every call of `conv` in the
    module gives it the same literal (passed, or the literal default); None otherwise."""
    placed = parameter_position(param)
    if placed is None or depth > _MAX_DEPTH:
        return None
    function, position = placed
    arguments = param.parent
    try:
        default = arguments.default_value(param.name)
    except Exception:  # astroid raises NoDefault
        default = None
    constructor = _constructed_class(function)
    sites = _calls_of(function) if constructor is None else instantiations(constructor)
    if sites is None or (not sites and constructor is None):
        return None
    if not sites:  # a class the module never builds: what a caller gets by default
        return default if default is not None and literal(default, depth + 1) is not UNKNOWN else None
    chosen: nodes.NodeNG | None = None
    for site in sites:
        try:
            given = argument(site, param.name, position)
        except Dynamic:
            return None
        value = given if given is not None else default
        folded = literal(value, depth + 1)
        if value is None or folded is UNKNOWN:
            return None
        if chosen is not None and literal(chosen, depth + 1) != folded:
            return None
        chosen = chosen or value
    return chosen


def _calls_of(function: nodes.FunctionDef) -> list[nodes.Call]:
    """Calls of a module's own function by its name (`conv(...)`, `self.conv(...)`)."""
    return [call for call in _calls_by_name(function.root()).get(function.name, []) if _calls_function(call, function)]


def _calls_by_name(module: nodes.Module) -> dict[str, list[nodes.Call]]:
    """The module's calls by the callee's last name (one walk per module, kept on the tree)."""
    index = getattr(module, "_glorot_calls_by_name", None)
    if index is None:
        index = {}
        for call in module.nodes_of_class(nodes.Call):
            name = call.func.name if isinstance(call.func, nodes.Name) else (
                call.func.attrname if isinstance(call.func, nodes.Attribute) else None)
            if name:
                index.setdefault(name, []).append(call)
        module._glorot_calls_by_name = index  # noqa: SLF001 - a per-tree cache that dies with the tree
    return index


def _constructed_class(function: nodes.FunctionDef) -> nodes.ClassDef | None:
    """The class whose `__init__` this is: its parameters come from `Block(...)` calls."""
    klass = function.parent
    return klass if function.name == "__init__" and isinstance(klass, nodes.ClassDef) else None


def instantiations(klass: nodes.ClassDef) -> list[nodes.Call] | None:
    """The module's `Block(...)` calls of its own class; None when they cannot all be seen:
    a subclass in the module (its `super().__init__(...)` passes other values)."""
    module = klass.root()
    bases = getattr(module, "_glorot_base_names", None)
    if bases is None:
        bases = {base.name for other in module.nodes_of_class(nodes.ClassDef) for base in other.bases
                 if isinstance(base, nodes.Name)}
        module._glorot_base_names = bases  # noqa: SLF001 - a per-tree cache that dies with the tree
    if klass.name in bases:
        return None
    return [call for call in _calls_by_name(module).get(klass.name, [])
            if isinstance(call.func, nodes.Name) and _single_binding(call.func) is klass]


def self_attribute_value(node: nodes.Attribute) -> nodes.NodeNG | None:
    """`self.x` read in a method: the value of the one `self.x = value` in the class's methods,
    when the class defines nothing else of that name (a property, a class attribute)."""
    if not (isinstance(node.expr, nodes.Name) and node.expr.name == "self"):
        return None
    method = node.scope()
    klass = method.parent if isinstance(method, nodes.FunctionDef) else None
    if not isinstance(klass, nodes.ClassDef) or node.attrname in klass.locals:
        return None
    values = self_attribute_assignments(klass).get(node.attrname, [])
    return values[0] if len(values) == 1 else None


def self_attribute_assignments(klass: nodes.ClassDef) -> dict[str, list[nodes.NodeNG | None]]:
    """Every write of `self.name` in the class's methods, by name: the assigned value, or None for
    a write whose value is not one expression (`self.a, self.b = ...`, `self.a += ...`)."""
    found = getattr(klass, "_glorot_self_values", None)
    if found is None:
        found = {}
        for method in klass.mymethods():
            for target in method.nodes_of_class(nodes.AssignAttr):
                if not (isinstance(target.expr, nodes.Name) and target.expr.name == "self"):
                    continue
                parent = target.parent
                single = isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and (
                    isinstance(parent, nodes.AnnAssign) or len(parent.targets) == 1)
                found.setdefault(target.attrname, []).append(parent.value if single else None)
        klass._glorot_self_values = found  # noqa: SLF001 - dies with the tree
    return found


def _calls_function(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    if isinstance(call.func, nodes.Name):
        return _single_binding(call.func) is function
    # self.method(...) inside the method's own class
    return (
        isinstance(call.func, nodes.Attribute)
        and isinstance(call.func.expr, nodes.Name)
        and call.func.expr.name in ("self", "cls")
        and function.is_method()
        and call.scope().parent is function.parent
    )


def dereference(node: nodes.NodeNG) -> nodes.NodeNG:
    """Follow names bound once to an expression, to that expression."""
    for depth in range(_MAX_DEPTH):
        bound = bound_value(node, depth)
        if bound is None:
            return node
        node = bound
    return node


# --------------------------------------------------------------------------- call arguments


class Dynamic(Exception):
    """The argument is hidden behind *args/**kwargs: skip silently."""


@dataclass(frozen=True)
class Keyword:
    """A keyword argument unfolded from a literal `**dict` or a `functools.partial`."""

    arg: str | None
    value: nodes.NodeNG


@dataclass(frozen=True)
class CallView:
    """What a callee really receives: partials and literal `**cfg` dicts unfolded.

    `func` is the callee as written in the innermost spelling (the class a partial wraps).
    """

    func: nodes.NodeNG
    args: list[nodes.NodeNG]
    keywords: list[Any]  # nodes.Keyword or Keyword: both have .arg and .value
    call: nodes.Call


def call_view(call: nodes.Call) -> CallView:
    func, args, keywords = call.func, list(call.args), list(call.keywords or ())
    partial = _partial_of(func)
    if partial is not None and partial.args:
        func = partial.args[0]
        args = list(partial.args[1:]) + args
        keywords = keywords + list(partial.keywords or ())  # the call's own keywords win
    unfolded: list[Any] = []
    for keyword in keywords:
        mapping = _literal_mapping(keyword.value) if keyword.arg is None else None
        unfolded.extend(mapping if mapping is not None else [keyword])
    return CallView(func, args, unfolded, call)


def _partial_of(func: nodes.NodeNG) -> nodes.Call | None:
    target = dereference(func) if isinstance(func, nodes.Name) else func
    if isinstance(target, nodes.Call) and qualified_name(target.func) == "functools.partial":
        return target
    return None


def _literal_mapping(node: nodes.NodeNG) -> list[Keyword] | None:
    """`**{"activation": "relu"}`, `**cfg` with `cfg = dict(activation="relu")`: the keywords."""
    target = dereference(node)
    if isinstance(target, nodes.Dict):
        keys = [literal(key) for key, _value in target.items]
        if all(isinstance(key, str) for key in keys):
            return [Keyword(key, value) for key, (_k, value) in zip(keys, target.items)]
        return None
    if (
        isinstance(target, nodes.Call) and isinstance(target.func, nodes.Name) and target.func.name == "dict"
        and _is_builtin(target.func) and not target.args
        and all(kw.arg for kw in target.keywords or ())
    ):
        return [Keyword(kw.arg, kw.value) for kw in target.keywords]
    return None


def argument(call: nodes.Call | CallView, keyword: str, position: int | None) -> nodes.NodeNG | None:
    """The node passed for a parameter, by keyword or position; raises Dynamic when unknowable."""
    for kw in call.keywords or ():
        if kw.arg == keyword:
            return kw.value
    if position is not None:
        for index, arg in enumerate(call.args):
            if isinstance(arg, nodes.Starred):
                raise Dynamic(keyword)
            if index == position:
                return arg
    if any(kw.arg is None for kw in call.keywords or ()):
        raise Dynamic(keyword)
    return None


def has_star_arguments(call: nodes.Call) -> bool:
    return any(isinstance(a, nodes.Starred) for a in call.args) or any(
        kw.arg is None for kw in call.keywords or ()
    )


# --------------------------------------------------------------------------- activations


@dataclass(frozen=True)
class ActivationSpec:
    name: str  # "relu", "tanh", ... ("linear" for None)
    family: str
    slope: float | None = None  # leaky slope where known


LINEAR_ACTIVATION = ActivationSpec("linear", K.LINEAR)


def activation_spec(node: nodes.NodeNG | None) -> ActivationSpec | None:
    """What an `activation=` value means; None when it cannot be read (user callables, dynamic)."""
    if node is None:
        return LINEAR_ACTIVATION
    node = dereference(node)
    value = literal(node)
    if value is None:
        return LINEAR_ACTIVATION
    if isinstance(value, str):
        return _named_activation(value)
    if value is not UNKNOWN:
        return None
    if isinstance(node, (nodes.Name, nodes.Attribute)):
        return activation_from_qualname(qualified_name(node))
    if isinstance(node, nodes.Call):  # an activation layer instance used as activation=
        return activation_layer_spec(node) or _got_activation(node)
    return None


def _got_activation(call: nodes.Call) -> ActivationSpec | None:
    """`keras.activations.get("relu")` / `activations.deserialize(...)`: the activation it names."""
    member = keras_member(qualified_name(call.func))
    if member not in (("activations", "get"), ("activations", "deserialize")) or len(call.args) != 1 or call.keywords:
        return None
    return activation_spec(call.args[0])


def _named_activation(name: str) -> ActivationSpec | None:
    family = K.activation_family(name)
    return ActivationSpec(name, family) if name in K.ACTIVATION_FAMILIES else None


def activation_from_qualname(qualname: str | None) -> ActivationSpec | None:
    """tf.nn.relu, keras.activations.relu, keras.ops.relu, tf.math.tanh -> the activation."""
    if not qualname:
        return None
    name = canonical(qualname)
    for module in K.TF_ACTIVATION_MODULES:
        if name.startswith(module) and "." not in name[len(module):]:
            return _named_activation(name[len(module):])
    return None


def activation_layer_spec(call: nodes.Call) -> ActivationSpec | None:
    """ReLU(), LeakyReLU(0.1), Activation("relu"), ... -> the activation they apply."""
    member = keras_member(qualified_name(call.func))
    if not member or member[0] not in ("layers", ""):
        return None
    name = member[1]
    try:
        if name == "Activation":
            return activation_spec(argument(call, "activation", 0))
        if name == "ReLU":
            slope = literal(argument(call, "negative_slope", 1))
            if slope not in (UNKNOWN, None, 0, 0.0):
                return ActivationSpec("leaky_relu", K.RECTIFIER, slope)
            return ActivationSpec("relu", K.RECTIFIER)
        if name in K.ACTIVATION_LAYERS:
            return _named_activation(K.ACTIVATION_LAYERS[name])
    except Dynamic:
        return None
    return None


# --------------------------------------------------------------------------- initializers


@dataclass(frozen=True)
class InvalidArgument:
    span: Span | None  # the bad value's node; None when it is the default
    keyword: str
    value: Any
    accepted: tuple[str, ...]
    suggestion: str  # source text of a valid value


@dataclass(frozen=True)
class InitializerSpec:
    """An initializer as the source gives it."""

    kind: str  # variance_scaling | fixed | constant | unknown
    span: Span
    spelled: str  # string | class | dict | vs | legacy
    api: str = "keras"  # keras | v1 | contrib | tf1
    scale: float | None = None
    mode: str | None = None
    distribution: str | None = None
    named: K.NamedInitializer | None = None  # the named initializer these parameters equal
    written_name: str = ""  # how the user wrote it, for messages
    seed_text: str | None = None  # "seed=3" as written, carried into replacements
    extra_text: tuple[str, ...] = ()  # input_axes=..., output_axes=... (Keras 3)
    prefix: str = ""  # source text before the class name (e.g. "tf.keras.initializers.")
    import_module: str | None = None  # module to import a sibling class from, for bare names
    legacy: K.LegacyInitializer | None = None
    xavier_string: str | None = None  # "xavier_uniform" given as a string
    constant: float | None = None
    invalid: tuple[InvalidArgument, ...] = field(default=())
    indirect: bool = False  # reached through a name: the definition carries its own findings
    is_vs: bool = False  # written as VarianceScaling(...) (any generation), not by name
    snake_style: bool = False  # written as a snake-case function (glorot_uniform()), kept in replacements
    fixed: str | None = None  # a fixed-scale initializer's kind: random_normal | truncated_normal | random_uniform
    #                           | orthogonal | identity (kind == "fixed")
    parameters: tuple[tuple[str, Any], ...] = ()  # its literal stddev/mean/minval/maxval/gain (None: not literal)
    origins: tuple[Span, ...] = ()  # given through function parameters: where a fix writes (their literals), not span
    drawn_arguments: str | None = None  # a random op drawing the kernel itself (`tf.random_normal([784, 256])`):
    #   the shape (and dtype) as written; a replacement initializer is applied to them, `he_normal()([784, 256])`

    @property
    def scheme(self) -> str | None:
        """glorot/he/lecun by variance rule, or None for custom scales."""
        if self.kind != "variance_scaling" or self.invalid or self.scale is None or self.mode is None:
            return None
        if self.scale == 2.0:
            return "he"
        if self.scale == 1.0:
            return "glorot" if self.mode == K.FAN_AVG else "lecun"
        return None


def initializer_spec(value: nodes.NodeNG) -> InitializerSpec | None:
    """Read an initializer argument; None when it is dynamic or not a known initializer."""
    span = span_of(value)
    target = _initializer_target(value)
    spec = None
    if isinstance(target, nodes.Const) and isinstance(target.value, str):
        spec = _string_initializer(target.value, span)
    elif isinstance(target, nodes.Dict):
        spec = _dict_initializer(target, span)
    elif isinstance(target, nodes.Call):
        spec = _call_initializer(target, span)
    elif isinstance(target, (nodes.Name, nodes.Attribute)):  # a class or function passed uncalled
        spec = _callable_initializer(target, None, span)
    if spec is not None and target is not value:
        spec = replace(spec, indirect=True)
    if spec is not None and target.root() is not value.root():
        spec = _spelled_here(spec, target)
    return spec


def _spelled_here(spec: InitializerSpec, target: nodes.NodeNG) -> InitializerSpec:
    """A value another project module defines (`inits.INIT`): its class is spelled there through that
    module's imports, so a replacement written here imports its module (`from keras.initializers import
    HeUniform`) instead of borrowing the other file's prefix."""
    if spec.api != "keras" or spec.spelled not in ("class", "vs") or not spec.prefix:
        return spec
    func = target.func if isinstance(target, nodes.Call) else target
    qualname = qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    if not qualname or "." not in qualname:
        return replace(spec, prefix="", import_module=None, spelled="project")
    module = qualname.rsplit(".", 1)[0]
    if module.endswith((".get", ".deserialize")):  # initializers.get("...") there: its module's classes
        module = module.rsplit(".", 1)[0]
    return replace(spec, prefix="", import_module=module)


def _initializer_target(value: nodes.NodeNG) -> nodes.NodeNG:
    """The expression an initializer argument stands for: through names, through values another module of
    the project binds (`inits.INIT`, project_values.py), and through the project's own functions that
    return a copy of their argument (`clone_initializer(self.init)`: `self.init`'s)."""
    target = dereference(value)
    if isinstance(target, (nodes.Name, nodes.Attribute)):
        from pylint_glorot.project_values import project_value  # reads names with this module

        found = project_value(target)
        target = dereference(found) if found is not None else target
    if not isinstance(target, nodes.Call) or len(target.args) != 1:
        return target
    from pylint_glorot.copies import copied_argument  # copies reads names with this module

    for _hop in range(_MAX_DEPTH):
        copied = copied_argument(target) if isinstance(target, nodes.Call) else None
        if copied is None:
            return target
        target = dereference(copied)
    return target


def _string_initializer(name: str, span: Span) -> InitializerSpec | None:
    named = K.NAMED_BY_SPELLING.get(name)
    if named:
        return _named_spec(named, span, "string", written=f'"{name}"')
    if name in K.XAVIER_STRINGS:
        named = K.NAMED_BY_SPELLING[K.XAVIER_STRINGS[name]]
        return _named_spec(named, span, "string", written=f'"{name}"', xavier_string=name)
    if name in K.CONSTANT_INITIALIZERS:
        return InitializerSpec("constant", span, "string", constant=K.CONSTANT_INITIALIZERS[name], written_name=f'"{name}"')
    if name in K.FIXED_SCALE_INITIALIZERS:
        return InitializerSpec("fixed", span, "string", written_name=f'"{name}"', fixed=K.FIXED_KINDS.get(name))
    return None


def _named_spec(named: K.NamedInitializer, span: Span, spelled: str, **extra: Any) -> InitializerSpec:
    written = extra.pop("written", named.snake)
    return InitializerSpec(
        "variance_scaling", span, spelled, scale=named.scale, mode=named.mode,
        distribution=named.distribution, named=named, written_name=written, **extra,
    )


def _dict_initializer(node: nodes.Dict, span: Span) -> InitializerSpec | None:
    entries = {literal(k): v for k, v in node.items}
    class_name = literal(entries.get("class_name"))
    if not isinstance(class_name, str):
        return None
    config = entries.get("config")
    config_items: dict[Any, nodes.NodeNG] = {}
    if isinstance(config, nodes.Dict):
        config_items = {literal(k): v for k, v in config.items}
    elif config is not None:
        return None
    if class_name == "VarianceScaling":
        return _variance_scaling(config_items, span, "dict", "keras", class_name)
    named = K.NAMED_BY_SPELLING.get(class_name)
    if named:
        seed = config_items.get("seed")
        return _named_spec(named, span, "dict", written=node.as_string(),
                           seed_text=f"seed={seed.as_string()}" if seed is not None else None)
    if class_name in ("Ones", "Constant"):
        value = literal(config_items.get("value")) if class_name == "Constant" else 1.0
        return InitializerSpec("constant", span, "dict", constant=value if _is_number(value) else None,
                               written_name=class_name)
    if class_name in K.FIXED_SCALE_INITIALIZERS:
        return InitializerSpec("fixed", span, "dict", written_name=class_name, fixed=K.FIXED_KINDS.get(class_name),
                               parameters=_fixed_parameters(config_items))
    return None


def _call_initializer(call: nodes.Call, span: Span) -> InitializerSpec | None:
    if has_star_arguments(call):
        return None
    return _callable_initializer(call.func, call, span)


def _keyword_map(call: nodes.Call | None, positions: tuple[str, ...]) -> dict[str, nodes.NodeNG]:
    if call is None:
        return {}
    given = {name: arg for name, arg in zip(positions, call.args)}
    given.update({kw.arg: kw.value for kw in call.keywords or () if kw.arg})
    return given


def _callable_initializer(func: nodes.NodeNG, call: nodes.Call | None, span: Span) -> InitializerSpec | None:
    qualname = qualified_name(func)
    if not qualname:
        return None
    prefix = root_text(func)
    import_module = None
    if isinstance(func, nodes.Name):
        import_module = qualname.rsplit(".", 1)[0]
    legacy = _legacy(qualname)
    if legacy is not None:
        return _legacy_initializer(legacy, call, span, func.as_string())
    if qualname in K.TF_FIXED_INITIALIZERS:
        return _tf_fixed_initializer(qualname, func, call, span)
    member = keras_member(qualname)
    if not member or member[0] not in ("initializers", ""):
        return None
    name = member[1]
    common = {"prefix": prefix, "import_module": import_module}
    if name in ("get", "deserialize") and call is not None:
        return _got_initializer(call, span, **common)
    if name in ("VarianceScaling", "variance_scaling"):
        args = _keyword_map(call, ("scale", "mode", "distribution", "seed"))
        return _variance_scaling(args, span, "vs", "keras", func.as_string(), **common)
    named = K.NAMED_BY_SPELLING.get(name)
    if named:
        args = _keyword_map(call, ("seed",))
        return _named_spec(named, span, "class", written=_call_text(func, call), seed_text=_seed_text(args),
                           extra_text=_extra_text(args), snake_style=name == named.snake, **common)
    if name in ("Ones", "ones", "Constant", "constant"):
        if name.lower() == "ones":
            value: Any = 1.0
        else:
            value = literal(_keyword_map(call, ("value",)).get("value")) if call else 0.0
            value = 0.0 if value is UNKNOWN and call is not None and not call.args and not call.keywords else value
        return InitializerSpec("constant", span, "class", constant=value if _is_number(value) else None,
                               written_name=_call_text(func, call), **common)
    if name in K.FIXED_SCALE_INITIALIZERS:
        kind = K.FIXED_KINDS.get(name)
        args = _keyword_map(call, K.FIXED_POSITIONS.get(kind or "", ()))
        return InitializerSpec("fixed", span, "class", written_name=_call_text(func, call), fixed=kind,
                               parameters=_fixed_parameters(args), seed_text=_seed_text(args), **common)
    return None


def _tf_fixed_initializer(qualname: str, func: nodes.NodeNG, call: nodes.Call | None,
                          span: Span) -> InitializerSpec:
    """`tf.compat.v1.random_normal_initializer()` (N(0, 1)), `tf.random_uniform_initializer()` (TF 2:
    U(-0.05, 0.05); TF 1: U(0, 1)): a fixed-scale spec whose `api` says whose defaults apply (v1 | tf2)."""
    kind, generation = K.TF_FIXED_INITIALIZERS[qualname]
    if generation == "tf2" and tf1_module(func.root()):
        generation = "tf1"
    args = _keyword_map(call, K.FIXED_POSITIONS[kind])
    if generation == "tf1" and "maxval" in args and literal(args["maxval"]) is None:
        del args["maxval"]  # maxval=None: 1 for floats (random_ops.random_uniform)
    return InitializerSpec("fixed", span, "legacy", api="v1" if generation == "tf1" else "tf2",
                           written_name=_call_text(func, call), fixed=kind, parameters=_fixed_parameters(args),
                           seed_text=_seed_text(args))


def tf1_module(module: nodes.Module) -> bool:
    """Whether the module is TF 1 code: it uses `tf.<name>` that TF 2 only has under tf.compat.v1."""
    found = getattr(module, "_glorot_tf1", None)
    if found is None:
        alias = module_alias(module, "tensorflow")
        found = alias is not None and any(
            node.attrname in K.TF1_ONLY_NAMES and isinstance(node.expr, nodes.Name) and node.expr.name == alias
            for node in module.nodes_of_class(nodes.Attribute))
        module._glorot_tf1 = found  # dies with the tree
    return found


def _fixed_parameters(args: dict[Any, nodes.NodeNG]) -> tuple[tuple[str, Any], ...]:
    """The scale parameters given, each its literal number or None when the source does not fix it."""
    found = []
    for key in ("mean", "stddev", "minval", "maxval", "gain"):
        if key in args:
            value = literal(args[key])
            found.append((key, float(value) if _is_number(value) else None))
    return tuple(found)


def _got_initializer(call: nodes.Call, span: Span, prefix: str, import_module: str | None) -> InitializerSpec | None:
    """`initializers.get("glorot_uniform")`, `initializers.deserialize({...})`: what the literal names.
    The span is the whole call, which a replacement takes the place of, spelled as a class of
    the same module (`initializers.HeUniform()`; `initializers.he_uniform()` for a string)."""
    if len(call.args) != 1 or call.keywords:
        return None
    target = dereference(call.args[0])
    if isinstance(target, nodes.Const) and isinstance(target.value, str):
        spec = _string_initializer(target.value, span)
    elif isinstance(target, nodes.Dict):
        spec = _dict_initializer(target, span)
    else:
        return None
    if spec is None:
        return None
    written = call.as_string() if spec.spelled == "string" else spec.written_name
    return replace(spec, written_name=written, spelled="vs" if spec.is_vs else "class", prefix=prefix,
                   import_module=import_module, snake_style=spec.spelled == "string")


def config_keywords(node: nodes.NodeNG) -> tuple[nodes.Dict, list[Keyword]] | None:
    """A layer config given as a literal dict (`{"units": 64, "activation": "relu"}`): its entries
    as keywords; None when a key is not a literal string (`**other`)."""
    target = dereference(node)
    if not isinstance(target, nodes.Dict):
        return None
    keys = [literal(key) for key, _value in target.items]
    if not all(isinstance(key, str) for key in keys):
        return None
    return target, [Keyword(key, value) for key, (_k, value) in zip(keys, target.items)]


def _call_text(func: nodes.NodeNG, call: nodes.Call | None) -> str:
    return call.as_string() if call is not None else func.as_string()


def _seed_text(args: dict[str, nodes.NodeNG]) -> str | None:
    seed = args.get("seed")
    if seed is None or (isinstance(seed, nodes.Const) and seed.value is None):
        return None
    return f"seed={seed.as_string()}"


def _extra_text(args: dict[str, nodes.NodeNG]) -> tuple[str, ...]:
    return tuple(f"{key}={args[key].as_string()}" for key in ("input_axes", "output_axes") if key in args)


def _legacy(qualname: str) -> K.LegacyInitializer | None:
    if qualname in K.LEGACY_INITIALIZERS:
        return K.LEGACY_INITIALIZERS[qualname]
    for prefix in ("tensorflow.compat.v1.initializers.",):
        if qualname.startswith(prefix):
            name = qualname[len(prefix):]
            if name == "VarianceScaling":
                return K.LegacyInitializer("v1_variance_scaling")
            named = K.NAMED_BY_SPELLING.get(name)
            if named:
                return K.LegacyInitializer("named", named.snake)
    return None


def _legacy_initializer(legacy: K.LegacyInitializer, call: nodes.Call | None, span: Span,
                        written: str) -> InitializerSpec | None:
    func_text = written
    common: dict[str, Any] = {"legacy": legacy, "written_name": call.as_string() if call is not None else written}
    if legacy.kind == "named":
        named = K.NAMED_BY_SPELLING[legacy.named or ""]
        args = _keyword_map(call, ("seed",))
        written = common.pop("written_name")
        return _named_spec(named, span, "legacy", api="v1", written=written, seed_text=_seed_text(args), **common)
    if legacy.kind == "v1_variance_scaling":
        args = _keyword_map(call, ("scale", "mode", "distribution", "seed"))
        common.pop("written_name")
        return _variance_scaling(args, span, "legacy", "v1", func_text, **common)
    if legacy.kind == "contrib_xavier":
        args = _keyword_map(call, ("uniform", "seed"))
        uniform = literal(args.get("uniform")) if "uniform" in args else True
        if uniform is UNKNOWN:
            return None
        named = K.NAMED_BY_SPELLING["glorot_uniform" if uniform else "glorot_normal"]
        written = common.pop("written_name")
        return _named_spec(named, span, "legacy", api="contrib", written=written, seed_text=_seed_text(args), **common)
    # contrib variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, seed=None)
    args = _keyword_map(call, ("factor", "mode", "uniform", "seed"))
    factor = literal(args["factor"]) if "factor" in args else 2.0
    mode = literal(args["mode"]) if "mode" in args else "FAN_IN"
    uniform = literal(args["uniform"]) if "uniform" in args else False
    if UNKNOWN in (factor, mode, uniform) or not _is_number(factor) or not isinstance(mode, str):
        return None
    invalid = ()
    if mode not in K.CONTRIB_MODES:
        invalid = (InvalidArgument(_span_or_none(args.get("mode")), "mode", mode, K.CONTRIB_MODES, f'"{_closest(mode.upper(), K.CONTRIB_MODES)}"'),)
    distribution = K.UNIFORM if uniform else K.TRUNCATED_NORMAL
    keras_mode = mode.lower() if mode in K.CONTRIB_MODES else None
    written = common.pop("written_name")
    return InitializerSpec(
        "variance_scaling", span, "legacy", api="contrib", scale=float(factor), mode=keras_mode, is_vs=True,
        distribution=distribution, named=K.NAMED_BY_PARAMS.get((float(factor), keras_mode, distribution)),
        written_name=written, seed_text=_seed_text(args), invalid=invalid, **common,
    )


def _variance_scaling(args: dict[Any, nodes.NodeNG], span: Span, spelled: str, api: str, written: str,
                      **extra: Any) -> InitializerSpec | None:
    scale = literal(args["scale"]) if "scale" in args else 1.0
    mode = literal(args["mode"]) if "mode" in args else K.FAN_IN
    distribution = literal(args["distribution"]) if "distribution" in args else K.TRUNCATED_NORMAL
    if UNKNOWN in (scale, mode, distribution):
        return None
    invalid: list[InvalidArgument] = []
    if not _is_number(scale):
        return None
    if scale <= 0:
        invalid.append(InvalidArgument(_span_or_none(args.get("scale")), "scale", scale, ("a number > 0",), "1.0"))
    if not isinstance(mode, str) or not isinstance(distribution, str):
        return None
    if mode not in K.KERAS_MODES:
        invalid.append(InvalidArgument(_span_or_none(args.get("mode")), "mode", mode, K.KERAS_MODES, f'"{_closest(mode.lower(), K.KERAS_MODES)}"'))
    normalized = K.normalize_distribution(distribution)
    if normalized is None:
        accepted = (K.UNIFORM, K.TRUNCATED_NORMAL, K.UNTRUNCATED_NORMAL)
        guess = _DISTRIBUTION_SYNONYMS.get(distribution.lower()) or _closest(distribution.lower(), accepted)
        invalid.append(InvalidArgument(_span_or_none(args.get("distribution")), "distribution", distribution, accepted,
                                       f'"{guess}"'))
    seed = _seed_text(args)
    valid_mode = mode if mode in K.KERAS_MODES else None
    key = (float(scale), valid_mode, normalized)
    display = written if spelled != "dict" else "VarianceScaling"
    return InitializerSpec(
        "variance_scaling", span, spelled, api=api, scale=float(scale), mode=valid_mode, is_vs=True,
        distribution=normalized, named=K.NAMED_BY_PARAMS.get(key) if not invalid else None,
        written_name=_vs_display(display, scale, mode, distribution), seed_text=seed,
        extra_text=_extra_text(args), invalid=tuple(invalid), **extra,
    )


def _span_or_none(node: nodes.NodeNG | None) -> Span | None:
    return span_of(node) if node is not None else None


def _vs_display(func: str, scale: Any, mode: Any, distribution: Any) -> str:
    name = func.rsplit(".", 1)[-1]
    return f'{name}({scale!r}, "{mode}", "{distribution}")'


_DISTRIBUTION_SYNONYMS = {"gaussian": K.TRUNCATED_NORMAL, "truncated": K.TRUNCATED_NORMAL,
                          "untruncated": K.UNTRUNCATED_NORMAL, "uniform_distribution": K.UNIFORM}


def _closest(value: str, accepted: tuple[str, ...]) -> str:
    import difflib

    if value in accepted:
        return value
    match = difflib.get_close_matches(value, accepted, n=1, cutoff=0.0)
    return match[0] if match else accepted[0]
