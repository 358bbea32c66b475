"""W7710's astroid side: which initializer object, or which literal seed, reaches which kernels.

An initializer object is shared when one evaluation of its constructor reaches two or more
kernels: a name bound to it, a class attribute, a `functools.partial` or `**cfg` dict holding
it, a parameter every call passes it to (or its default value), each counted as often as the
layer is built (loops, a factory called several times). A literal integer seed repeats when
fresh instances with it build two or more kernels of one model definition, or of one factory
called more than once. Names are resolved from the file alone (resolve.py), never inferred.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot import siblings
from pylint_glorot.findings import Finding, Span
from pylint_glorot.network.shapes import kernel_shape
from pylint_glorot.project_values import project_value
from pylint_glorot.model import LayerSite, ModuleModel, loop_count
from pylint_glorot.resolve import (
    UNKNOWN,
    self_attribute_assignments,
    Dynamic,
    _calls_of,
    _legacy,
    _single_binding,
    argument,
    canonical,
    call_view,
    has_star_arguments,
    initializer_spec,
    keras_member,
    literal,
    module_alias,
    parameter_position,
    qualified_name,
    span_of,
)
from pylint_glorot.reuse_rules import KERAS2, KERAS3, TF1, W7710, KernelUse, SharedInitializer, reused_finding

_MAX_DEPTH = 6
_UNKNOWN_LOOP = 2  # a loop the source does not count builds "several" layers

# Random Keras initializers (Identity, Zeros, Ones and Constant draw nothing) -> the position of `seed`.
_SEED_POSITIONS = {
    **{named.cls: 0 for named in K.NAMED}, **{named.snake: 0 for named in K.NAMED},
    "VarianceScaling": 3, "variance_scaling": 3,
    "RandomNormal": 2, "random_normal": 2, "normal": 2,
    "RandomUniform": 2, "random_uniform": 2, "uniform": 2,
    "TruncatedNormal": 2, "truncated_normal": 2,
    "Orthogonal": 1, "orthogonal": 1, "OrthogonalInitializer": 1,
}
_DRAWS = {"RandomNormal": "normal", "random_normal": "normal", "normal": "normal",
          "RandomUniform": K.UNIFORM, "random_uniform": K.UNIFORM, "uniform": K.UNIFORM,
          "TruncatedNormal": K.TRUNCATED_NORMAL, "truncated_normal": K.TRUNCATED_NORMAL,
          "Orthogonal": "orthogonal", "orthogonal": "orthogonal", "OrthogonalInitializer": "orthogonal"}
_STRING_NAMES = {"RandomNormal": "random_normal", "RandomUniform": "random_uniform",
                 "TruncatedNormal": "truncated_normal", "Orthogonal": "orthogonal"}
_LEGACY_SEED_POSITIONS = {"named": 0, "contrib_xavier": 1, "contrib_variance_scaling": 3, "v1_variance_scaling": 3}
_GRAPH_MODE_CALLS = {"Session", "InteractiveSession", "disable_eager_execution", "disable_v2_behavior",
                     "placeholder", "get_variable", "global_variables_initializer"}
_SHAPE_KEYWORDS = ("units", "filters", "kernel_size", "depth_multiplier", "equation", "output_shape", "groups")
_LOOPS = (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp, nodes.DictComp)
_FRAMES = (nodes.FunctionDef, nodes.Lambda, nodes.Module, nodes.ClassDef)


@dataclass(frozen=True)
class _Origin:
    """A random initializer value: what it is and how its seed is given."""

    node: nodes.NodeNG
    generation: str
    seed: int | None
    seed_node: nodes.NodeNG | None
    draw: str  # the distribution its values come from: one seed, one draw kind, one stream
    string_name: str | None
    fresh_text: str
    fresh_imports: tuple[str, ...] = ()
    written: str = ""  # how the message names it, when not its source text


@dataclass(frozen=True)
class _Reach:
    site: LayerSite
    keyword: str
    origin: _Origin
    via: nodes.Call | None  # the factory call that passes the value in
    replace: nodes.NodeNG | None  # the expression naming the shared value at the use


# --------------------------------------------------------------------------- what a value is


def _seed_of(node: nodes.NodeNG | None) -> tuple[bool, int | None]:
    """(readable, seed): an absent or None seed is (True, None); a literal integer (True, n);
    anything else (a SeedGenerator, a computed value) is not this message's business."""
    if node is None:
        return True, None
    value = literal(node)
    if value is None:
        return True, None
    if isinstance(value, int) and not isinstance(value, bool):
        return True, value
    return False, None


def _call_origin(call: nodes.Call, graph_mode: bool) -> _Origin | None:
    if has_star_arguments(call):
        return None
    qualname = qualified_name(call.func)
    if not qualname:
        return None
    legacy = _legacy(qualname)
    if legacy is not None:
        position = _LEGACY_SEED_POSITIONS.get(legacy.kind)
        generation = TF1
        name = legacy.named or legacy.kind
    else:
        member = keras_member(qualname)
        if not member or member[0] not in ("initializers", "") or member[1] not in _SEED_POSITIONS:
            return None
        name = member[1]
        position = _SEED_POSITIONS[name]
        generation = KERAS3 if qualname.startswith("keras.") else KERAS2
    try:
        seed_node = argument(call, "seed", position)
    except Dynamic:
        return None
    readable, seed = _seed_of(seed_node)
    spec = initializer_spec(call)
    if not readable or (spec is not None and spec.invalid):
        return None
    if generation == TF1 and (seed is None or not graph_mode):
        return None  # measured: TF1 draws afresh unseeded, and in eager mode even when seeded
    named = K.NAMED_BY_SPELLING.get(name)
    draw = (spec.distribution if spec is not None and spec.distribution else None) or \
        (named.distribution if named else _DRAWS.get(name, name))
    plain = not call.args and not call.keywords and generation != TF1
    string_name = (named.snake if named else _STRING_NAMES.get(name)) if plain else None
    return _Origin(call, generation, seed, seed_node if seed is not None else None, draw, string_name,
                   _source_text(call))


def _source_text(node: nodes.NodeNG) -> str:
    """The expression as the file spells it (its quotes, its spacing), on one line."""
    raw = node.root().file_bytes
    if raw is None or node.end_lineno is None or node.end_col_offset is None:
        return node.as_string()
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    lines = text.splitlines()
    try:
        first, last = lines[node.lineno - 1].encode(), lines[node.end_lineno - 1].encode()
        if node.lineno == node.end_lineno:
            return first[node.col_offset:node.end_col_offset].decode()
        middle = [line.strip() for line in lines[node.lineno:node.end_lineno - 1]]
        parts = [first[node.col_offset:].decode().strip(), *middle, last[:node.end_col_offset].decode().strip()]
    except (IndexError, UnicodeDecodeError):
        return node.as_string()
    joined = " ".join(part for part in parts if part)
    return re.sub(r",\s*\)$", ")", joined.replace("( ", "(").replace(" )", ")"))


def _dict_origin(node: nodes.Dict, keras_name: str | None) -> _Origin | None:
    """A dict config: each layer deserializes its own instance, so only a literal seed repeats."""
    entries = {literal(key): value for key, value in node.items}
    class_name = literal(entries.get("class_name"))
    config = entries.get("config")
    if not isinstance(class_name, str) or class_name not in _SEED_POSITIONS or not isinstance(config, nodes.Dict):
        return None
    items = {literal(key): value for key, value in config.items}
    readable, seed = _seed_of(items.get("seed"))
    if not readable or seed is None or not all(isinstance(key, str) for key in items):
        return None
    arguments = ", ".join(f"{key}={value.as_string()}" for key, value in items.items())
    prefix = keras_name or "keras"
    named = K.NAMED_BY_SPELLING.get(class_name)
    draw = named.distribution if named else _DRAWS.get(class_name, class_name)
    if class_name in ("VarianceScaling", "variance_scaling"):
        draw = literal(items.get("distribution")) if "distribution" in items else K.TRUNCATED_NORMAL
    generation = KERAS3 if keras_name else KERAS2
    return _Origin(node, generation, seed, None, str(draw), None, f"{prefix}.initializers.{class_name}({arguments})",
                   () if keras_name else ("import keras",), f"{class_name} config (seed {seed})")


# --------------------------------------------------------------------------- where a value comes from


def _class_value(klass: nodes.ClassDef, name: str) -> nodes.NodeNG | None:
    """`name = value` in the class body, else the one `self.name = value` in its methods."""
    for stmt in klass.body:
        if isinstance(stmt, nodes.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], nodes.AssignName) and stmt.targets[0].name == name:
            return stmt.value
    values = self_attribute_assignments(klass).get(name, [])
    return values[0] if len(values) == 1 else None


def _attribute_value(node: nodes.Attribute) -> nodes.NodeNG | None:
    if not isinstance(node.expr, nodes.Name):
        return project_value(node)  # project.inits.INIT
    if node.expr.name in ("self", "cls"):
        frame = node.frame()
        klass = frame.parent if isinstance(frame, nodes.FunctionDef) else None
        return _class_value(klass, node.attrname) if isinstance(klass, nodes.ClassDef) else None
    binding = _single_binding(node.expr)
    if isinstance(binding, (nodes.Import, nodes.ImportFrom)):  # inits.INIT, a module of the user's own project
        return project_value(node)
    return _class_value(binding, node.attrname) if isinstance(binding, nodes.ClassDef) else None


def _sources(node: nodes.NodeNG, depth: int = 0) -> list[tuple[nodes.NodeNG, nodes.Call | None, bool]]:
    """(constructing expression, factory call passing it in, reached without a parameter) for a value."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(node, (nodes.Call, nodes.Dict)):
        return [(node, None, True)]
    if isinstance(node, nodes.Attribute):
        value = _attribute_value(node)
        return _sources(value, depth + 1) if value is not None else []
    if not isinstance(node, nodes.Name):
        return []
    binding = _single_binding(node)
    if isinstance(binding, nodes.ImportFrom):  # a module attribute of the user's own project
        value = siblings.imported_value(binding, node.name)
        return _sources(value, depth + 1) if value is not None else []
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Assign) \
            and len(binding.parent.targets) == 1:
        return _sources(binding.parent.value, depth + 1)
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.AnnAssign) \
            and binding.parent.value is not None:
        return _sources(binding.parent.value, depth + 1)
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Arguments):
        return _parameter_sources(binding, depth + 1)
    return []


def _parameter_sources(param: nodes.AssignName, depth: int) -> list[tuple[nodes.NodeNG, nodes.Call | None, bool]]:
    """A parameter: what each call of its function in the module passes (or the default, evaluated once)."""
    placed = parameter_position(param)
    if placed is None:
        return []
    function, position = placed
    arguments = param.parent
    try:
        default = arguments.default_value(param.name)
    except Exception:  # astroid raises NoDefault
        default = None
    found = []
    for call in _calls_of(function):
        try:
            given = argument(call_view(call), param.name, position)
        except Dynamic:
            return []
        if given is None:
            if default is None:
                return []
            found.extend((source, call, False) for source, _via, _direct in _sources(default, depth + 1))
            continue
        for source, _via, direct in _sources(given, depth + 1):
            found.append((source, call, direct and isinstance(given, (nodes.Name, nodes.Attribute))
                          and source is not given))
    return found


def _replaceable(given: nodes.NodeNG, source: nodes.NodeNG, direct: bool, via: nodes.Call | None) -> nodes.NodeNG | None:
    """The expression a fresh instance would replace: a name or attribute standing for the value."""
    if not direct or source is given:
        return None
    if via is not None:
        for arg in list(via.args) + [kw.value for kw in via.keywords or ()]:
            if isinstance(arg, (nodes.Name, nodes.Attribute)) and _sources(arg) and _sources(arg)[0][0] is source:
                return arg
        return None
    return given if isinstance(given, (nodes.Name, nodes.Attribute)) else None


# --------------------------------------------------------------------------- how often a use runs


def _inside(node: nodes.NodeNG | None, ancestor: nodes.NodeNG) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def _loop_factor(node: nodes.NodeNG, origin: nodes.NodeNG | None) -> int:
    """How often `node` runs per run of its function, counting loops that do not also rebuild `origin`."""
    factor, child, parent = 1, node, node.parent
    while parent is not None and not isinstance(parent, _FRAMES):
        if not _inside(origin, parent):
            if isinstance(parent, (nodes.For, nodes.While)) and child in parent.body:
                count = loop_count(parent.iter) if isinstance(parent, nodes.For) else 0
                factor *= count if count > 0 else _UNKNOWN_LOOP
            elif isinstance(parent, _LOOPS) and child is not parent.generators[0].iter and child not in parent.generators:
                generator = parent.generators[0]
                count = 0 if generator.ifs else loop_count(generator.iter)
                factor *= count if count > 0 else _UNKNOWN_LOOP
        child, parent = parent, parent.parent
    return factor


def _function_runs(node: nodes.NodeNG, origin: nodes.NodeNG | None, depth: int = 0) -> int:
    """How often the function holding `node` runs per evaluation of `origin` (1 when unknown)."""
    function = node.parent
    while function is not None and not isinstance(function, _FRAMES):
        function = function.parent
    if not isinstance(function, nodes.FunctionDef) or depth > _MAX_DEPTH:
        return 1
    if origin is not None and _inside(origin, function) and not _inside(origin, function.args):
        return 1  # built afresh on every run
    calls = _calls_of(function)
    return sum(_loop_factor(call, origin) * _function_runs(call, origin, depth + 1) for call in calls) or 1


def _count(reach: _Reach, instance: bool) -> int:
    """Kernels built from this reach per evaluation of the value (instance) or in all (seed)."""
    origin = reach.origin.node if instance else None
    anchor = reach.site.anchor
    if instance and _inside(origin, anchor):
        return 0  # written in the layer call itself: a new instance for every layer
    factor = _loop_factor(anchor, origin)  # the loops model.py counts as `repeat`, and the uncounted ones
    if reach.via is not None:
        return factor * _loop_factor(reach.via, origin) * _function_runs(reach.via, origin)
    return factor * _function_runs(anchor, origin)


# --------------------------------------------------------------------------- shapes and groups


def _shape(reach: _Reach, with_initializer: bool) -> tuple | None:
    """The kernel's shape as far as the source fixes it: layer kind, config, input width."""
    site = reach.site
    if site.in_channels is None or site.anchor is None:
        return None
    view = call_view(site.anchor)
    values = []
    for keyword in _SHAPE_KEYWORDS:
        try:
            node = argument(view, keyword, site.spec.keyword_positions.get(keyword))
        except Dynamic:
            return None
        if node is None:
            continue
        value = literal(node)
        if value is UNKNOWN:
            return None
        values.append((keyword, value))
    initializer = reach.origin.fresh_text.replace(reach.origin.seed_node.as_string(), "") \
        if with_initializer and reach.origin.seed_node is not None else ""
    built = kernel_shape(site.class_name, dict(values), _input_shape(site.class_name, site.in_channels),
                         _KERNELS.get(reach.keyword, "kernel"))
    if built is not None:  # the kernel as Keras builds it: kernel_size=3 and (3, 3) are one shape
        return ("shape", built, initializer)
    return (site.class_name, reach.keyword, tuple(values), site.in_channels, initializer)


_KERNELS = {"kernel_initializer": "kernel", "recurrent_initializer": "recurrent_kernel",
            "depthwise_initializer": "depthwise", "pointwise_initializer": "pointwise"}


def _input_shape(class_name: str, channels: int) -> tuple:
    """An input shape with only the channels known, of the rank the layer takes."""
    rank = re.search(r"([123])D", class_name)
    spatial = int(rank.group(1)) if rank else 0
    if class_name.startswith("ConvLSTM"):
        spatial += 1  # time
    elif class_name in ("SimpleRNN", "GRU", "LSTM"):
        spatial = 1
    return (None,) * spatial + (channels,)


def _graph_mode(model: ModuleModel, calls: Iterable[nodes.Call]) -> bool:
    if any(site.api == "tf1" for site in model.sites):
        return True
    return any(isinstance(call.func, (nodes.Name, nodes.Attribute))
               and (call.func.name if isinstance(call.func, nodes.Name) else call.func.attrname) in _GRAPH_MODE_CALLS
               for call in calls)


def _reaches(model: ModuleModel, keras_name: str | None, graph_mode: bool) -> list[_Reach]:
    found = []
    anchors: set[int] = set()  # a helper's layer once, however many calls built it: _count counts the calls
    for site in model.sites:
        if id(site.anchor) in anchors:
            continue
        anchors.add(id(site.anchor))
        for keyword in site.spec.kernel_keywords:
            value = site.value_anchors.get(keyword)
            if value is None:
                continue
            for source, via, direct in _sources(value):
                origin = _call_origin(source, graph_mode) if isinstance(source, nodes.Call) else \
                    _dict_origin(source, keras_name)
                if origin is not None:
                    replace = _replaceable(value, source, direct, via)
                    found.append(_Reach(site, keyword, origin, via, replace))
    return found


def _line(reach: _Reach) -> int:
    return (reach.via or reach.site.anchor).lineno


def _enclosing_function(node: nodes.NodeNG) -> nodes.FunctionDef | None:
    frame = node.parent
    while frame is not None and not isinstance(frame, _FRAMES):
        frame = frame.parent
    return frame if isinstance(frame, nodes.FunctionDef) else None


def _places(reach: _Reach, instance: bool) -> list[tuple[nodes.NodeNG, int]]:
    """(node whose line is shown, kernels built from there): the factory call passing the value in; for a layer in
    a function called more than once that the value does not come into by a parameter (a literal
    seed, a module-level instance), each call of that function; else the layer call."""
    count = _count(reach, instance)
    origin = reach.origin.node if instance else None
    anchor = reach.site.anchor
    if reach.via is not None or count == 0:
        return [(reach.via or anchor, count)]
    function = _enclosing_function(anchor)
    calls = _calls_of(function) if function is not None else []
    if not calls or (origin is not None and _inside(origin, function)) or _function_runs(anchor, origin) < 2:
        return [(anchor, count)]
    factor = _loop_factor(anchor, origin)
    return [(call, factor * _loop_factor(call, origin) * _function_runs(call, origin)) for call in calls]


def _import_of(module: nodes.Module, origin: _Origin) -> Span | None:
    """Where `module` imports a value another project module defines: the imported name's span."""
    elsewhere = origin.node.root()
    for statement in module.nodes_of_class(nodes.ImportFrom):
        if siblings.imported_module(statement) is not elsewhere:
            continue
        for name, alias in statement.names:
            value = siblings.imported_value(statement, alias or name)
            if value is not None and any(source is origin.node for source, _via, _direct in _sources(value)):
                return _name_span(statement, alias or name)
    return None


def _name_span(statement: nodes.ImportFrom, name: str) -> Span:
    """The span of `name` in an import statement (the whole statement where it cannot be found)."""
    root = statement.root()
    raw = root.file_bytes
    if raw is None and root.file:
        try:
            raw = Path(root.file).read_bytes()
        except OSError:
            raw = b""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else (raw or "")
    lines = text.splitlines()
    for number in range(statement.lineno, (statement.end_lineno or statement.lineno) + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        start = line.find(" import ") + len(" import ") if number == statement.lineno and " import " in line else 0
        found = re.compile(rf"\b{re.escape(name)}\b").search(line, start)
        if found:
            prefix = line[:found.start()].encode()
            return Span(number, len(prefix), number, len(prefix) + len(name.encode()))
    return span_of(statement)


def _respelled(origin: _Origin, keras_name: str | None) -> tuple[str, tuple[str, ...]] | None:
    """A Keras 3 initializer call of another module as this one can write it, with the import it
    needs; None unless every argument is a literal (a name of the other module is not in scope here)."""
    call = origin.node
    qualname = qualified_name(call.func) if isinstance(call, nodes.Call) else None
    if origin.generation != KERAS3 or not qualname or call.starargs or call.kwargs:
        return None
    if any(literal(arg) is UNKNOWN for arg in list(call.args) + [kw.value for kw in call.keywords or ()]):
        return None
    member = canonical(qualname).removeprefix("keras.")
    arguments = _source_text(call)[len(_source_text(call.func)):]
    if keras_name:
        return f"{keras_name}.{member}{arguments}", ()
    return f"keras.{member}{arguments}", ("import keras",)


def _foreign_instance(module: nodes.Module, reaches: list[_Reach], keras_name: str | None) -> tuple[SharedInitializer, nodes.NodeNG] | None:
    """An instance defined in another module of the project: reported at this file's import of it."""
    origin = reaches[0].origin
    span = _import_of(module, origin)
    if span is None:
        read = _first_attribute_read(reaches)
        if read is None:
            return None
        span, anchor = span_of(read), read
    else:
        anchor = next(s for s in module.nodes_of_class(nodes.ImportFrom) if s.lineno <= span.line <= (s.end_lineno or s.lineno))
    respelled = _respelled(origin, keras_name) if origin.seed is None else None
    fresh, imports = respelled if respelled else ("", ())
    uses = []
    for reach in reaches:
        for place, count in _places(reach, instance=True):
            uses.append(KernelUse(place.lineno, count, _shape(reach, False) if count == 1 else None,
                                  span_of(reach.replace) if reach.replace is not None and fresh else None,
                                  site=reach.site.span, keyword=reach.keyword))
    path = origin.node.root().file or ""
    shared = SharedInitializer(
        "instance", span, origin.written or origin.node.as_string(), fresh, origin.seed, None,
        origin.generation, keras_name, origin.string_name, tuple(uses),
        origin.seed_node.as_string() if origin.seed_node is not None else None, imports,
        elsewhere=f"{Path(path).name}:{origin.node.lineno}")
    return shared, anchor


def _first_attribute_read(reaches: list[_Reach]) -> nodes.Attribute | None:
    """Where a file that reads another project module's instance as an attribute (`inits.INIT`, the module
    imported whole) first reads it: the finding's place, once per instance."""
    reads = [value for reach in reaches if isinstance(value := reach.site.value_anchors.get(reach.keyword), nodes.Attribute)]
    return min(reads, key=lambda read: (read.lineno, read.col_offset)) if reads else None


def _instance(reaches: list[_Reach], keras_name: str | None) -> SharedInitializer:
    origin = reaches[0].origin
    uses = []
    for reach in reaches:
        for place, count in _places(reach, instance=True):
            uses.append(KernelUse(place.lineno, count, _shape(reach, False) if count == 1 else None,
                                  span_of(reach.replace) if reach.replace is not None else None,
                                  site=reach.site.span, keyword=reach.keyword))
    seed_node = origin.seed_node
    return SharedInitializer(
        "instance", span_of(origin.node),
        origin.written or origin.node.as_string(),
        origin.fresh_text, origin.seed,
        span_of(seed_node) if seed_node is not None else None, origin.generation, keras_name, origin.string_name,
        tuple(uses), seed_node.as_string() if seed_node is not None else None, origin.fresh_imports,
    )


def _seeded(reaches: list[_Reach], keras_name: str | None) -> SharedInitializer:
    reaches = sorted(reaches, key=lambda r: (r.origin.node.lineno, r.origin.node.col_offset, _line(r)))
    uses, seen = [], set()
    for reach in reaches:
        seed_node = reach.origin.seed_node
        for place, count in _places(reach, instance=False):
            key = (id(seed_node), id(place))
            if key in seen:
                continue
            seen.add(key)
            uses.append(KernelUse(place.lineno, count, _shape(reach, True) if count == 1 else None,
                                  seed=span_of(seed_node) if seed_node is not None else None,
                                  seed_text=seed_node.as_string() if seed_node is not None else "",
                                  site=reach.site.span, keyword=reach.keyword))
    first = reaches[0].origin
    generations = {reach.origin.generation for reach in reaches}
    generation = KERAS3 if generations == {KERAS3} else (TF1 if TF1 in generations else KERAS2)
    shown = first.seed_node.as_string() if first.seed_node is not None else str(first.seed)
    anchor = first.seed_node if first.seed_node is not None else first.node
    return SharedInitializer("seed", span_of(anchor), shown, first.fresh_text, first.seed, None, generation,
                             keras_name, None, tuple(uses))


def _context(site: LayerSite) -> Any:
    """The model definition a layer belongs to, else the function (or module) it is built in."""
    if site.definition is not None:
        return site.definition
    frame = site.anchor.parent
    while frame is not None and not isinstance(frame, (nodes.FunctionDef, nodes.Module)):
        frame = frame.parent
    return ("frame", id(frame))


def shared_initializers(module: nodes.Module, model: ModuleModel, calls: Iterable[nodes.Call]) -> list[tuple[SharedInitializer, nodes.NodeNG]]:
    """Every shared initializer object and repeated literal seed, with the node it points at."""
    keras_name = module_alias(module, "keras")
    reaches = _reaches(model, keras_name, _graph_mode(model, calls))
    by_origin: dict[int, list[_Reach]] = {}
    for reach in reaches:
        by_origin.setdefault(id(reach.origin.node), []).append(reach)
    found, reported = [], set()
    for group in by_origin.values():
        if sum(_count(reach, instance=True) for reach in group) < 2:
            continue
        if group[0].origin.node.root() is not module:
            foreign = _foreign_instance(module, group, keras_name)
            if foreign is not None:
                found.append(foreign)
            continue
        found.append((_instance(group, keras_name), group[0].origin.node))
        reported.add(id(group[0].origin.node))
    by_seed: dict[tuple, list[_Reach]] = {}
    for reach in reaches:
        origin = reach.origin
        if origin.seed is not None and id(origin.node) not in reported and origin.node.root() is module:
            by_seed.setdefault((_context(reach.site), origin.seed, origin.draw), []).append(reach)
    for group in by_seed.values():
        if sum(_count(reach, instance=False) for reach in group) >= 2:
            shared = _seeded(group, keras_name)
            found.append((shared, group[0].origin.seed_node or group[0].origin.node))
    return found


def reused_findings(module: nodes.Module, model: ModuleModel, calls: Iterable[nodes.Call]) -> list[tuple[Finding, nodes.NodeNG]]:
    """W7710 findings with their astroid nodes."""
    found = []
    for shared, node in shared_initializers(module, model, calls):
        finding = reused_finding(shared)
        if finding is not None:
            found.append((finding, node))
    return found


_BEFORE = ("initializer-activation-mismatch", "invalid-variance-scaling")  # the only messages ranked above W7710


def merge_reused(found: Iterable[Any], reused: list[tuple[Finding, nodes.NodeNG]],
                 make: Callable[[list[Finding], Any], Any]) -> Iterator[Any]:
    """The node findings with each W7710 put among those of its node (one node, one message), ranked
    below W7701 and E7705 and above the rest; the others as nodes of their own."""
    pending = {finding.span: (finding, node) for finding, node in reused}
    for node_findings in found:
        candidates = list(node_findings.candidates)
        hits = [span for span in pending if any(c.span == span for c in candidates)]
        for span in hits:
            finding, _node = pending.pop(span)
            position = next((i for i, c in enumerate(candidates) if c.symbol not in _BEFORE), len(candidates))
            candidates.insert(position, finding)
        yield make(candidates, node_findings.anchor) if hits else node_findings
    for finding, node in pending.values():
        yield make([finding], node)


__all__ = ["W7710", "merge_reused", "reused_findings", "shared_initializers"]
