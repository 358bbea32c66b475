"""Layer sites and their order: what follows each weighted layer, and what feeds it.

Model definitions read here: `Sequential([...])` lists, runs of `model.add(...)` on one
model, and functional steps (`x = layers.Dense(64)(x)`, `x = tf.nn.relu(x)`) linked by the
variable they pass on. The output is a list of `LayerSite`s, plain data for the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from astroid import nodes

from pylint_glorot import graph as G
from pylint_glorot import links
from pylint_glorot import knowledge as K
from pylint_glorot.findings import Span
from pylint_glorot.layerconfig import build_shape, declared_input_shape, keras_kind, layer_config
from pylint_glorot.handrolled import hand_rolled, hand_rolled_target
from pylint_glorot.copies import copied_argument
from pylint_glorot.variables import applied_variable
from pylint_glorot import built_lists, hand_built, model_configs, slim_stack, tf1_layers, unroll
from pylint_glorot import repeated_lists
from pylint_glorot import binary_adds, merge_lists
from pylint_glorot.subclass import (
    applied_kernel, applied_weight, bias_added, bound_activation, constructor_parameter_origins, instance_steps,
    layer_class, settled_later,
)
from pylint_glorot.resolve import (
    UNKNOWN,
    self_attribute_value,
    CallView,
    config_keywords,
    call_view,
    dereference,
    has_star_arguments,
    ActivationSpec,
    Dynamic,
    InitializerSpec,
    activation_from_qualname,
    activation_layer_spec,
    activation_spec,
    argument,
    bound_value,
    canonical,
    initializer_spec,
    keras_member,
    literal,
    module_alias,
    qualified_name,
    span_of,
)

ABSENT: Any = "absent"  # keyword not given


@dataclass(eq=False)  # identity: two layers with equal arguments are still two layers
class LayerSite:
    """One weighted layer constructor call, with everything the rules need."""

    class_name: str
    spec: K.LayerSpec
    api: str  # keras | tf1
    span: Span  # the constructor call
    insert_span: Span  # zero-width, where a missing keyword argument goes
    initializers: dict[str, InitializerSpec | None]  # keyword -> spec (None: unreadable); absent keys not given
    own_activation: ActivationSpec | None | Any  # ABSENT when not given, None when unreadable
    activation: ActivationSpec | None = None  # the activation the kernel feeds
    activation_source: str = ""  # own | next layer | default
    normalized: bool = False  # normalization between the layer and its activation
    in_channels: int | None = None
    out_channels: int | None = None
    kernel_size: Any = None  # the literal kernel_size (int or tuple) of a conv layer, None when not fixed
    chain_index: int = 0  # 1-based position among consecutive under-scaled rectifier layers
    chain_length: int = 0
    chain_shrink: float = 1.0  # the signal's second moment over the whole chain, relative to He
    chain_guessed: bool = False  # a chain member's fans are unknown: chain_shrink counts it as square, never stated
    built_with: list = field(default_factory=list)  # the sites its call builds with it (rules.group_calls)
    chain: list = field(default_factory=list)  # the chain's members in order (C7702 reports once, at the first)
    fixed_chain: list = field(default_factory=list)  # W7709: the run of fixed-scale layers it belongs to
    fixed_gain: float | None = None  # W7709: the run's predicted compounded gain, None when unknown
    fixed_gradient: float | None = None  # W7709: the run's predicted gradient factor (mean field), None when unknown
    repeat: int = 1  # how many layers this one call builds (a loop or comprehension of identical layers)
    loop_body: tuple = ()  # a counted loop's layer: (the body's graph nodes, its index there); passes.pass_views
    definition: Any = None  # the model definition it belongs to (compared only within one), None if unknown
    tf_alias: str | None = None  # the name TensorFlow is imported as, for object replacements
    has_arguments: bool = True  # a keyword added at insert_span needs a leading comma
    config_style: bool = False  # built from a literal config dict: a missing keyword is added as a dict entry
    anchor: Any = None  # the astroid call node, opaque to the rules
    value_anchors: dict[str, Any] = field(default_factory=dict)  # keyword -> astroid value node
    config: dict[str, Any] = field(default_factory=dict)  # literal keywords that decide shapes and fans
    nodes: list = field(default_factory=list)  # the graph nodes applying this layer (one per application)
    input_shape: tuple | None = None  # the tensor it reads, without the batch dimension, when known
    initializers_module: tuple | None = None  # (prefix, imports): how to spell keras.initializers beside it
    via: tuple = ()  # an instance of a helper's layer: the spans of the helper calls that built it, outermost first
    built_by: tuple = ()  # an instance: the lines of the calls whose instances of the layer share its initializer
    value_copies: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # keyword -> the other literals
    #   a fix changes with the one at value_anchors (a constructor parameter every instantiation passes)
    parameter_names: dict[str, str] = field(default_factory=dict)  # keyword -> the constructor parameter it comes from
    settled_later: bool = False  # in a subclass: a normalization or residual add follows it (subclass.settled_later)
    pass_of: Any = None  # a later pass of an unrolled literal loop: the site its call made (same call, same fix)
    in_string: Any = False  # a layer of a JSON string (model_from_json): an edit must leave valid JSON
    # (truthy: model_configs.Quoting, how the string literal is written)
    modelled_as: str = ""  # a TF 1 layer: the Keras class whose kernel it builds alike (tf1_layers.py), "" if none

    @property
    def kind(self) -> str:
        """The class name `network.shapes` and `network.signal` know."""
        if self.modelled_as:
            return self.modelled_as
        if self.api == "tf1" and self.spec.units_keyword in ("units", "num_outputs"):
            return K.TF1_KERAS_KINDS.get(self.class_name, self.class_name)
        return keras_kind(self.class_name)


@dataclass
class Step:
    kind: str  # layer | activation | norm | pass | input | merge | barrier
    site: LayerSite | None = None
    activation: ActivationSpec | None = None
    node: G.Node | None = None  # the step as a node of the network graph
    merged: tuple[str, ...] = ()  # a merge's input variables (functional steps)
    branches: tuple = ()  # a merge's inputs computed in its own list: per input, its steps ([] for a variable)
    listed: Any = None  # a merge's list bound to a name first (`branches = [...]`): that statement (merge_lists)

    def __post_init__(self) -> None:
        if self.node is not None and self.activation is not None:
            self.node.activation = self.activation  # the graph reads it too (links.following_activation)


BARRIER = Step("barrier")


def _step(kind: str, call: nodes.Call | None = None, layer: str | None = None, **extra: Any) -> Step:
    """A step and its graph node, configured from the call's literal keywords."""
    node = G.Node(kind, layer=layer)
    if call is not None and layer is not None:
        node.config = layer_config(call, layer)
        node.declared_shape = declared_input_shape(call)
    return Step(kind, node=node, **extra)


# --------------------------------------------------------------------------- single calls


def layer_member(func: nodes.NodeNG) -> tuple[str, str, K.LayerSpec] | None:
    """(api, class name, spec) when calling `func` constructs a weighted Keras or TF1 layer."""
    qualname = qualified_name(func)
    if not qualname:
        return None
    member = keras_member(qualname)
    if member and member[0] in ("layers", "") and member[1] in K.LAYERS:
        return "keras", member[1], K.LAYERS[member[1]]
    name = canonical(qualname)
    for module in K.TF1_LAYER_MODULES:
        if name.startswith(module) and name[len(module):] in K.TF1_LAYERS:
            return "tf1", name[len(module):], K.TF1_LAYERS[name[len(module):]]
    for module in K.CONTRIB_LAYER_MODULES:
        if name.startswith(module) and name[len(module):] in K.CONTRIB_LAYERS:
            return "tf1", name[len(module):], K.CONTRIB_LAYERS[name[len(module):]]
    return None


def _mentions_arg_scope(module: nodes.Module) -> bool:
    """Whether the module uses slim's `arg_scope`, which can change any layer's defaults."""
    found = getattr(module, "_glorot_arg_scope", None)
    if found is None:
        found = any(
            (node.name if isinstance(node, nodes.Name) else node.attrname) in ("arg_scope", "add_arg_scope")
            for node in module.nodes_of_class((nodes.Name, nodes.Attribute))
        )
        module._glorot_arg_scope = found  # dies with the tree
    return found


def _scope_defaults(call: nodes.Call, function_name: str, keywords: tuple[str, ...]) -> dict[str, Any]:
    """What enclosing `with slim.arg_scope([slim.conv2d, ...], activation_fn=...)` blocks set for
    `keywords` of this contrib/slim call: keyword -> value node, or UNKNOWN where a scope the
    source does not spell out (`arg_scope(vgg_arg_scope())`, a `**dict`) may set it. Keywords no
    scope sets are left out, or are UNKNOWN when the module uses arg_scope elsewhere (a caller's
    scope may set them)."""
    found: dict[str, Any] = {}
    node: nodes.NodeNG | None = call
    while node is not None and len(found) < len(keywords):
        if isinstance(node, nodes.With) and call not in [item for item, _alias in node.items]:
            for item, _alias in reversed(node.items):
                if not isinstance(item, nodes.Call) or _last_name(item.func) != "arg_scope":
                    continue
                ops = dereference(item.args[0]) if item.args else None
                listed = ops.elts if isinstance(ops, (nodes.List, nodes.Tuple)) else None
                if listed is None or any(isinstance(op, nodes.Starred) for op in listed) or \
                        any(kw.arg is None for kw in item.keywords or ()):
                    for keyword in keywords:
                        found.setdefault(keyword, UNKNOWN)
                    continue
                if function_name not in [_last_name(op) for op in listed]:
                    continue
                for kw in item.keywords or ():
                    if kw.arg in keywords:
                        found.setdefault(kw.arg, kw.value)
        node = node.parent
    if _mentions_arg_scope(call.root()) and not isinstance(call.scope(), nodes.Module):
        for keyword in keywords:  # module-level code runs at import: no caller's scope reaches it
            found.setdefault(keyword, UNKNOWN)
    return found


def _last_name(func: nodes.NodeNG) -> str | None:
    if isinstance(func, nodes.Name):
        return func.name
    if isinstance(func, nodes.Attribute):
        return func.attrname
    return None


def _insert_span(call: nodes.Call) -> Span:
    arguments = list(call.args) + list(call.keywords or ())
    if arguments:
        last = max(arguments, key=lambda n: (n.end_lineno or 0, n.end_col_offset or 0))
        line, col = last.end_lineno, last.end_col_offset
    else:
        line, col = call.end_lineno, (call.end_col_offset or 1) - 1
    return Span(line, col, line, col)


def _config_site(call: nodes.Call) -> tuple[tuple[str, str, K.LayerSpec], CallView, nodes.Dict] | None:
    """`Dense.from_config({...})`, `layers.deserialize({"class_name": "Dense", "config": {...}})`:
    the layer and its config entries as keywords, when the config is a literal dict."""
    if len(call.args) != 1 or call.keywords:
        return None
    func = call.func
    if isinstance(func, nodes.Attribute) and func.attrname == "from_config":
        found = layer_member(func.expr)
        config = config_keywords(call.args[0]) if found else None
        return (found, CallView(func.expr, [], config[1], call), config[0]) if found and config else None
    member = keras_member(qualified_name(func))
    if member != ("layers", "deserialize"):
        return None
    return _config_entry(call.args[0], call)


def _config_entry(entry: nodes.NodeNG, call: nodes.Call) -> tuple[tuple[str, str, K.LayerSpec], CallView,
                                                                     nodes.Dict] | None:
    """`{"class_name": "Dense", "config": {...}}` (given to `layers.deserialize`, or one layer of a
    model config that `call` reads): the weighted layer and its config entries as keywords."""
    outer = config_keywords(entry)
    if outer is None:
        return None
    entries = {keyword.arg: keyword.value for keyword in outer[1]}
    class_name = literal(entries.get("class_name"))
    config = config_keywords(entries["config"]) if "config" in entries else None
    if not isinstance(class_name, str) or class_name not in K.LAYERS or config is None:
        return None
    return ("keras", class_name, K.LAYERS[class_name]), CallView(call.func, [], config[1], call), config[0]


def _config_insert_span(config: nodes.Dict) -> Span:
    if config.items:
        last = config.items[-1][1]
        return Span(last.end_lineno, last.end_col_offset, last.end_lineno, last.end_col_offset)
    line, col = config.end_lineno, (config.end_col_offset or 1) - 1
    return Span(line, col, line, col)


def _variable_site(call: nodes.Call) -> LayerSite | None:
    """`w = get_variable(...)` / `tf.Variable(init(shape))` applied by `tf.matmul` / `tf.nn.conv2d`, then an activation."""
    applied = applied_variable(call) or applied_weight(call)
    if applied is None or has_star_arguments(call):
        return None
    value = applied.initializer
    drawn = getattr(applied, "drawn", None)  # tf.Variable(tf.random_normal(shape)): the random op's draw
    initializers = {"initializer": drawn or initializer_spec(value) or _hand_rolled_spec(value)} \
        if value is not None else {}
    value_anchors = {"initializer": value} if value is not None else {}
    copies, names = _from_constructor_parameters(initializers, value_anchors)
    applying = getattr(applied, "applied_by", None)
    modelled = tf1_layers.variable_layer(applied.spec.kind, getattr(applied, "dims", None),  # fans from its shape
                                         call_view(applying) if applying is not None else None)
    return LayerSite(
        modelled_as=modelled[0] if modelled else "", config=modelled[1] if modelled else {},
        input_shape=modelled[2] if modelled else None,
        class_name=applied.class_name, spec=applied.spec, api="keras" if applied.class_name == "add_weight" else "tf1",
        span=span_of(call), insert_span=_insert_span(call), value_copies=copies, parameter_names=names,
        settled_later=bool(names) and settled_later(call),
        initializers=initializers, own_activation=applied.activation, normalized=applied.normalized,
        in_channels=applied.in_channels, out_channels=applied.out_channels, tf_alias=module_alias(call, "tensorflow"),
        anchor=call, value_anchors=value_anchors,
        has_arguments=bool(call.args or call.keywords),
    )


_REPEATS = tuple(module + "repeat" for module in K.CONTRIB_LAYER_MODULES)


def _repeated_view(call: nodes.Call) -> tuple[CallView, int] | None:
    """`slim.repeat(net, 2, slim.conv2d, 64, [3, 3])`: the layer call it makes, and how many times."""
    if len(call.args) < 3 or any(isinstance(arg, nodes.Starred) for arg in call.args):
        return None
    if canonical(qualified_name(call.func) or "") not in _REPEATS:
        return None
    times = literal(call.args[1])
    if not isinstance(times, int) or isinstance(times, bool) or times < 1:
        return None
    return CallView(call.args[2], [call.args[0], *call.args[3:]], list(call.keywords or ()), call), times


def build_site(call: nodes.Call, entry: nodes.Dict | None = None) -> LayerSite | None:
    """The weighted layer `call` builds; with `entry`, the layer of a model config that call reads."""
    view = call_view(call)
    found = layer_member(view.func) if entry is None else None
    config_dict = None
    repeat = 1
    if not found and _last_name(call.func) == "repeat":
        repeated = _repeated_view(call)
        if repeated is not None:
            view, repeat = repeated
            found = layer_member(view.func)
    if not found and entry is not None and _last_name(call.func) == "stack":  # one layer of a slim.stack
        view = slim_stack.stacked_view(call, entry)
        found = layer_member(view.func)
        if not found:
            return None
    if not found:
        variable = _variable_site(call) if entry is None else None
        if variable is not None:
            return variable
        from_config = _config_site(call) if entry is None else _config_entry(entry, call)
        if from_config is None:
            return None
        found, view, config_dict = from_config
    api, class_name, spec = found
    initializers: dict[str, InitializerSpec | None] = {}
    value_anchors: dict[str, Any] = {}
    keywords = set(spec.kernel_keywords) | ({spec.judged_keyword} if spec.judged_keyword else set())
    scoped: dict[str, Any] = {}
    if spec.normalizer_keyword:  # contrib / slim: enclosing arg_scopes give defaults
        scoped = _scope_defaults(call, class_name, tuple(sorted(keywords)) + (
            spec.activation_keyword, spec.normalizer_keyword) + tf1_layers.SCOPED_KEYWORDS)
    for keyword in sorted(keywords):
        try:
            value = argument(view, keyword, spec.keyword_positions.get(keyword))
        except Dynamic:
            initializers[keyword] = None
            continue
        if value is None and keyword in scoped:
            value = scoped[keyword]
            if value is UNKNOWN:
                initializers[keyword] = None
                continue
        if value is not None:
            initializers[keyword] = _with_origins(initializer_spec(value) or _hand_rolled_spec(value), value)
            value_anchors[keyword] = value
    try:
        given = argument(view, spec.activation_keyword, spec.keyword_positions.get(spec.activation_keyword))
        if given is None and spec.activation_keyword in scoped:
            given = scoped[spec.activation_keyword]
        own: Any = None if given is UNKNOWN else ABSENT if given is None else activation_spec(given)
    except Dynamic:
        own = None
    normalized = False
    if spec.normalizer_keyword:
        try:
            normalizer = argument(view, spec.normalizer_keyword, spec.keyword_positions.get(spec.normalizer_keyword))
        except Dynamic:
            normalizer = UNKNOWN
        if normalizer is None:
            normalizer = scoped.get(spec.normalizer_keyword)
        normalized = normalizer is UNKNOWN or (normalizer is not None and literal(normalizer) is not None)
    out_channels = None
    if spec.units_keyword:
        try:
            units = literal(argument(view, spec.units_keyword, spec.keyword_positions.get(spec.units_keyword)))
        except Dynamic:
            units = UNKNOWN
        if isinstance(units, int) and not isinstance(units, bool) and units > 0:
            out_channels = units
    kernel_size = None
    if "kernel_size" in spec.keyword_positions:
        try:
            kernel_size = literal(argument(view, "kernel_size", spec.keyword_positions["kernel_size"]))
        except Dynamic:
            kernel_size = None
    copies, names = _from_constructor_parameters(initializers, value_anchors)
    modelled_as, config = _tf1_config(view, class_name, spec, scoped) if api == "tf1" else \
        ("", layer_config(view, keras_kind(class_name)))
    if modelled_as == "DepthwiseConv2D":  # slim's separable_conv2d(num_outputs=None): not judged, as Keras' is not
        spec = replace(spec, kind="depthwise", judged_keyword=None)
    return LayerSite(
        class_name=class_name, spec=spec, api=api, span=span_of(call), value_copies=copies, parameter_names=names,
        settled_later=bool(names) and settled_later(call),
        insert_span=_insert_span(call) if config_dict is None else _config_insert_span(config_dict),
        config_style=config_dict is not None,
        initializers=initializers, own_activation=own, out_channels=out_channels,
        kernel_size=None if kernel_size is UNKNOWN else kernel_size, normalized=normalized, repeat=repeat,
        tf_alias=module_alias(call, "tensorflow"), anchor=call, value_anchors=value_anchors,
        has_arguments=bool(call.args or call.keywords) if config_dict is None else bool(config_dict.items),
        config=config, modelled_as=modelled_as,
        initializers_module=_initializers_module(view.func) if api == "keras" else None,
    )


def _initializers_module(func: nodes.NodeNG) -> tuple[str, tuple[str, ...]] | None:
    """How the file reaches the initializers beside this layer: `keras.layers.X` -> ("keras.initializers.", ()),
    `layers.X` after `from tensorflow.keras import layers` -> ("initializers.", ("from tensorflow.keras import
    initializers",)), `X` from `keras.layers` -> ("keras.initializers.", ("import keras",)); None for tf.keras
    names reached otherwise (the replacement then goes through the `tf` alias)."""
    if isinstance(func, nodes.Attribute):
        text = func.expr.as_string()
        if text.endswith(".layers"):
            return text[: -len("layers")] + "initializers.", ()
        qualname = qualified_name(func.expr) if text == "layers" else None
        if qualname and qualname.endswith(".layers"):
            return "initializers.", (f"from {qualname[: -len('.layers')]} import initializers",)
        return None
    qualname = qualified_name(func) or ""
    for root in ("keras", "tf_keras"):
        if qualname.startswith(root + "."):
            return f"{root}.initializers.", (f"import {root}",)
    return None


def _tf1_config(view: CallView, class_name: str, spec: K.LayerSpec,
                scoped: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A TF 1 layer (`tf.layers.conv2d`, slim's `conv2d`) as the Keras layer it builds alike, and its config."""
    found = tf1_layers.contrib_layer(class_name, view, scoped) if spec.normalizer_keyword else \
        tf1_layers.tf1_layer(class_name, view)
    return found if found is not None else ("", {})


def _with_origins(spec: InitializerSpec | None, value: nodes.NodeNG) -> InitializerSpec | None:
    """A value that comes from a function parameter: its fix edits where the literal is written."""
    from pylint_glorot.helpers import function_parameter_origins  # helpers builds on this module

    origins = function_parameter_origins(_uncopied(value)) if spec is not None else ()
    return replace(spec, origins=origins) if origins else spec


def _uncopied(value: nodes.NodeNG) -> nodes.NodeNG:
    """`clone_initializer(init)` -> `init`: a copy's fix edits where the copied value is written."""
    for _hop in range(8):
        copied = copied_argument(value) if isinstance(value, nodes.Call) else None
        if copied is None:
            return value
        value = copied
    return value


def _from_constructor_parameters(initializers: dict[str, InitializerSpec | None], value_anchors: dict[str, Any],
                                 ) -> tuple[dict[str, tuple[Span, ...]], dict[str, str]]:
    """A value from a constructor parameter (`kernel_initializer=kernel_initializer` in `Block.__init__`)
    is judged, and fixed, at the literal that decides it (the default, or what `Block(...)` passes),
    never at the use. Returns, by keyword, the other literals a fix changes with it, and the parameter's name."""
    copies: dict[str, tuple[Span, ...]] = {}
    names: dict[str, str] = {}
    for keyword, value in list(value_anchors.items()):
        found = constructor_parameter_origins(value)
        if found:
            name, origins = found
            initializers[keyword] = initializer_spec(origins[0]) or _hand_rolled_spec(origins[0])
            value_anchors[keyword] = origins[0]
            copies[keyword] = tuple(span_of(origin) for origin in origins[1:])
            names[keyword] = name
    return copies, names


def _hand_rolled_spec(value: nodes.NodeNG) -> InitializerSpec | None:
    """A keyword given the module's own Glorot/He/LeCun function: judged as the built-in it copies."""
    function = hand_rolled_target(value)
    found = hand_rolled(function) if function is not None else None
    if found is None:
        return None
    named = K.named_for(found.scheme, found.distribution)
    if named is None:
        return None
    return InitializerSpec(
        "variance_scaling", span_of(value), "hand-rolled", scale=named.scale, mode=named.mode,
        distribution=named.distribution, named=named, written_name=f"{value.as_string()} (a hand-written {named.cls})",
        indirect=True,
    )


def _data_format_first(call: nodes.Call) -> bool:
    for kw in call.keywords or ():
        if kw.arg == "data_format":
            value = literal(kw.value)
            return value != "channels_last" and value not in tf1_layers.CHANNELS_LAST  # slim: "NHWC"
    return False


def _site_step(site: LayerSite) -> Step:
    """The step of a layer site that is not a call of its own (an element of a slim.stack)."""
    step = Step("layer", site=site, node=G.Node(G.LAYER, layer=site.kind, config=site.config, site=site))
    site.nodes.append(step.node)
    return step


def constructor_step(call: nodes.Call, sites: dict[int, LayerSite]) -> Step:
    """What a layer constructor call does to the signal."""
    site = sites.get(id(call))
    if site is not None:
        step = Step("layer", site=site, node=G.Node(G.LAYER, layer=site.kind, config=site.config, site=site,
                                                    declared_shape=declared_input_shape(call_view(call))))
        site.nodes.append(step.node)
        return step
    member = keras_member(qualified_name(call.func))
    if not member or member[0] not in ("layers", ""):
        return _helper_layer_step(call) or _step("barrier")
    name = keras_kind(member[1])
    if name in K.INPUT_CALLABLES:
        step = _step("input")
        step.node.declared_shape = declared_input_shape(call, positional=True)
        return step
    if name in K.ACTIVATION_LAYERS or name == "Activation":
        spec = activation_layer_spec(call)
        return _step("activation", call, "Activation", activation=spec) if spec else _step("barrier")
    if name in K.NORMALIZATION_LAYERS:
        return _step("norm", call, name)
    if K.is_passthrough_layer(name):
        return _step("pass", call, name)  # Flatten/Reshape: pass the scale, lose the channel count (links.py)
    if name in K.MERGE_LAYERS:
        return _step("merge", call, name)
    return _step("barrier")


# --------------------------------------------------------------------------- contexts


def _sequential_steps(call: nodes.Call, sites: dict[int, LayerSite]) -> list[Step] | None:
    member = keras_member(qualified_name(call.func))
    if not member or member[1] != K.SEQUENTIAL:
        return None
    try:
        layers = argument(call, "layers", 0)
    except Dynamic:
        return None
    elements = _sequence_elements(layers)
    if elements is None:
        return None
    return _element_steps(elements, sites)


def _element_steps(elements: list[tuple[Any, int]], sites: dict[int, LayerSite]) -> list[Step]:
    steps = []
    for element, count in elements:
        if isinstance(element, built_lists.Loop):  # a loop's passes, one after the other
            steps.extend(unroll.unrolled(_element_steps(element.elements, sites), element.loop, element.passes, sites))
            continue
        if isinstance(element, repeated_lists.Repeated):  # `[a, b] * 3`: a b a b a b, the same two layers
            steps.extend(repeated_lists.passes(steps, _element_steps(element.elements, sites), element.count, sites))
            continue
        spliced = _instance_steps(element, sites, count) if isinstance(element, nodes.Call) else None
        if spliced is not None:
            steps.extend(spliced)
            continue
        step = constructor_step(element, sites) if isinstance(element, nodes.Call) else BARRIER
        if step.site is not None and count > 1:
            step.site.repeat = count
        steps.append(step)
    return steps


def _sequence_elements(node: nodes.NodeNG) -> list[tuple[nodes.NodeNG, int]] | None:
    """The layer expressions of a literal layer list, each with how many layers it builds:
    `[a, b]`, `[a] + [b for _ in range(3)]`, `[*[b for _ in range(3)], c]`, a list built by `append`."""
    if isinstance(node, nodes.Name):
        built = built_lists.built_list(node, _sequence_elements)
        if built is not built_lists.NOT_BUILT:
            return built
    node = dereference(node)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        found: list[tuple[nodes.NodeNG, int]] = []
        for elt in node.elts:
            inner = _sequence_elements(elt.value) if isinstance(elt, nodes.Starred) else [(elt, 1)]
            if inner is None:
                return None
            found.extend(inner)
        return found
    if isinstance(node, (nodes.ListComp, nodes.GeneratorExp)) and len(node.generators) == 1:
        generator = node.generators[0]
        return [(node.elt, 0 if generator.ifs else loop_count(generator.iter))]
    if isinstance(node, nodes.BinOp) and node.op == "+":
        left, right = _sequence_elements(node.left), _sequence_elements(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, nodes.BinOp) and node.op == "*":
        return _repeated_element(node)
    return None


def _repeated_element(node: nodes.BinOp) -> list[tuple[nodes.NodeNG, int]] | None:
    """`[layers.Dense(64, activation="relu")] * 4`: one layer called four times (one kernel, shared), which
    compounds the signal's gain per call as four layers do; `[a, b] * 3` calls a b a b a b (repeated_lists.py)."""
    return repeated_lists.repeated_list(node, _sequence_elements)


def loop_count(iterable: nodes.NodeNG) -> int:
    """How many times `for _ in <iterable>` runs when the source fixes it: range(n), a literal list; else 0."""
    if isinstance(iterable, nodes.Call) and isinstance(iterable.func, nodes.Name) and iterable.func.name == "range":
        bounds = [literal(arg) for arg in iterable.args]
        if len(bounds) in (1, 2) and all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
            return max(0, bounds[-1] - (bounds[0] if len(bounds) == 2 else 0))
        return 0
    value = literal(iterable)
    return len(value) if isinstance(value, tuple) else 0


def _add_receiver(stmt: nodes.NodeNG) -> tuple[str, nodes.NodeNG] | None:
    """`model.add(layer)` -> ("model", layer)."""
    if not isinstance(stmt, nodes.Expr) or not isinstance(stmt.value, nodes.Call):
        return None
    call = stmt.value
    if (
        isinstance(call.func, nodes.Attribute)
        and call.func.attrname == "add"
        and len(call.args) == 1
        and not call.keywords
    ):
        return call.func.expr.as_string(), call.args[0]
    return None


def _add_runs(body: list[nodes.NodeNG], sites: dict[int, LayerSite]) -> Iterator[tuple[nodes.NodeNG, list[Step]]]:
    """Each model's `model.add(...)` steps in one statement list, with its first statement."""
    runs: dict[str, tuple[nodes.NodeNG, list[Step]]] = {}
    for stmt in body:
        found = _add_receiver(stmt)
        if not found:
            continue
        receiver, layer = found
        spliced = _instance_steps(layer, sites) if isinstance(layer, nodes.Call) else None
        step = constructor_step(layer, sites) if isinstance(layer, nodes.Call) and spliced is None else BARRIER
        runs.setdefault(receiver, (stmt, []))[1].extend(spliced if spliced is not None else [step])
    for first, steps in runs.values():
        if any(step.kind == "layer" for step in steps):
            yield first, steps


@dataclass
class _FlowStatement:
    """A statement `out = f(...g(input)...)` whose calls are signal steps."""

    stmt: nodes.NodeNG
    input_name: str | None
    output_name: str | None
    steps: list[Step]
    next: _FlowStatement | None = None
    previous: _FlowStatement | None = None
    sources: dict[str, _FlowStatement] = field(default_factory=dict)  # a merge's inputs, by variable
    opaque_readers: list = field(default_factory=list)  # later statements reading its output that no step models

    @property
    def merged(self) -> tuple[str, ...]:
        return self.steps[0].merged if self.steps and self.steps[0].kind == "merge" else ()


def _expression_steps(expr: nodes.NodeNG, sites: dict[int, LayerSite]) -> tuple[str | None, list[Step]]:
    """Decompose `relu(Dense(64)(x))` into ("x", [Dense step, relu step])."""
    if isinstance(expr, nodes.Name):
        return expr.name, []
    if bias_added(expr) is not None:  # ops.matmul(x, self.kernel) + self.bias
        return _expression_steps(bias_added(expr), sites)
    if hand_built.bias_added(expr) is not None:  # tf.matmul(x, w) + b, with b a variable
        name, inner = _expression_steps(hand_built.bias_added(expr), sites)
        return name, inner or [_step("pass", layer="Identity")]  # `x = tf.nn.bias_add(x, b)`: the same signal
    applied = hand_built.applied_kernel_site(expr, sites)
    if applied is not None:  # tf.matmul(x, w), x @ w: the hand-built layer whose kernel w is, reading x
        name, inner = _expression_steps(applied[0], sites)
        return name, inner + [constructor_step(applied[1], sites)]
    added = binary_adds.operand_list(expr)
    if added is not None:  # x + shortcut: an Add of two tensors (binary_adds.py), read as `[x, shortcut]`
        return _binary_add_steps(added, sites)
    if not isinstance(expr, nodes.Call):
        return None, [BARRIER]
    if _is_model_input(expr):  # `Input((64,))`: its argument is a shape, not a tensor
        return None, [constructor_step(expr, sites)]
    if canonical(qualified_name(expr.func) or "") in _PLACEHOLDERS:
        return None, [_placeholder_step(expr)]
    first = expr.args[0] if expr.args else _inputs_keyword(expr, sites)
    if first is None:  # only a model input (`Input(shape=...)`) starts a flow without one
        step = constructor_step(_layer_constructor(expr.func) or expr, sites)
        return None, [step if step.kind == "input" else BARRIER]
    kernel = applied_kernel(expr)
    if kernel is not None and id(kernel) in sites:  # ops.matmul(x, self.kernel): an add_weight layer
        name, inner = _expression_steps(first, sites)
        return name, inner + [constructor_step(kernel, sites)]
    stacked = slim_stack.stack_steps(expr, sites, _site_step)
    if stacked is not None:  # slim.stack(net, slim.conv2d, [...]): its layers in order, reading net
        name, inner = _expression_steps(first, sites)
        return name, inner + stacked
    ctor = _layer_constructor(expr.func)
    instance = _applied_instance(expr.func)
    spliced = _instance_steps(instance, sites) if instance is not None else None
    if spliced is not None:  # Block(64)(x), block(x), self.block(x): the steps of Block.call()
        name, inner = _expression_steps(first, sites)
        return name, inner + spliced
    if id(expr) in sites and sites[id(expr)].spec.keyword_positions.get("inputs") == 0:
        # a TF1 / contrib / slim layer function: its first argument is the input
        step = constructor_step(expr, sites)
    elif ctor is not None:
        step = constructor_step(ctor, sites)
    else:
        qualname = qualified_name(expr.func)
        member = keras_member(qualname)
        spec = activation_from_qualname(qualname)
        if member and member[0] in ("layers", "") and member[1] in K.MERGE_LAYERS and member[1].islower():
            step = _step("merge", expr, member[1][:1].upper() + member[1][1:])  # layers.add([x, y])
            step.node.config = _merge_function_config(expr, step.node.layer)
        elif merge_lists.is_tf_concat(qualname):
            step = _tf_concat_step(expr)
        else:
            spec = spec or bound_activation(expr.func)  # self.activation(x), self.activation = activations.get(...)
            step = _step("activation", layer="Activation", activation=spec) if spec else \
                _tf1_function_step(qualname, expr)
    if step.kind == "barrier":
        return _helper_call_steps(expr, sites) or (None, [BARRIER])
    if step.kind == "merge":
        statement = merge_lists.list_statement(first)
        merged = _merge_inputs(first, sites, statement)
        if merged is None:
            return None, [BARRIER]
        step.merged, step.branches = merged
        step.listed = statement
        return None, [step]
    name, inner = _expression_steps(first, sites)
    return name, inner + [step]


def _binary_add_steps(listed: nodes.List, sites: dict[int, LayerSite]) -> tuple[str | None, list[Step]]:
    """`a + b` of two tensors, given as its operand list `[a, b]` (binary_adds.operand_list): read as
    `layers.Add()([a, b])`; a barrier where that list is not one a merge reads."""
    merged = _merge_inputs(listed, sites)
    if merged is None:
        return None, [BARRIER]
    step = _step("merge", layer="Add")
    step.merged, step.branches = merged
    return None, [step]


def _merge_function_config(call: nodes.Call, layer: str) -> dict[str, Any]:
    """`layers.concatenate([x, y], axis=1)`: the merge function's axis, its second positional parameter
    (the first is the list of inputs, not the layer class's axis)."""
    view = call_view(call)
    shifted = replace(view, args=view.args[1:])
    return {key: value for key, value in layer_config(shifted, layer).items() if key == "axis"}


def _tf_concat_step(call: nodes.Call) -> Step:
    """`tf.concat([a, b], axis=-1)`: a Concatenate on that axis; a barrier where the axis is not a literal."""
    step = _step("merge", call, "Concatenate")
    step.node.config = _merge_function_config(call, "Concatenate")
    return step if "axis" in step.node.config else _step("barrier")


def _merge_inputs(first: nodes.NodeNG, sites: dict[int, LayerSite],
                  statement: nodes.Assign | None = None) -> tuple[tuple, tuple] | None:
    """A merge's inputs, in order: (the variable each reads, the steps each computes in the merge's own
    list). `[x, y]`: ("x", "y") and no steps; `[block(x), y]`: ("x", "y"), block's layers for the first (a
    helper call, a layer applied: a branch of its own, judged there). None: not a list the source spells out.
    `statement`: merge_lists.list_statement(first), the caller's (a list bound to a name is read only with it)."""
    listed = dereference(first)
    if not isinstance(listed, (nodes.List, nodes.Tuple)) or not listed.elts:
        return None
    if any(isinstance(elt, nodes.Starred) for elt in listed.elts):
        return None
    if all(isinstance(elt, nodes.Name) for elt in listed.elts):
        return tuple(elt.name for elt in listed.elts), ()
    if listed is not first and statement is None:
        return None  # `branches = [block(x), y]` earlier, read as if written in the merge only where that is sound
    from pylint_glorot import helper_merges, helpers

    known = set(sites)
    with helpers.attempt(first) as kept:  # the helper layers of a list read in vain are no part of the network
        read = [(elt.name, []) if isinstance(elt, nodes.Name) else _expression_steps(elt, sites) for elt in listed.elts]
        unreadable = any(steps and all(step.kind == "barrier" for step in steps) for _, steps in read)  # as before
        nested = any(step.kind == "input" or step.kind == "merge" and not helper_merges.wired(step)
                     for _, steps in read for step in steps)  # not read as a branch (a residual helper's merge is)
        if unreadable or nested:
            for key in set(sites) - known:  # nor the copies of subclass layers it made (`_instance_steps`)
                del sites[key]
            return None
        kept.append(True)
    return tuple(name for name, _ in read), tuple(steps for _, steps in read)


def _inputs_keyword(expr: nodes.Call, sites: dict[int, LayerSite]) -> nodes.NodeNG | None:
    """`tf.layers.conv2d(inputs=x, ...)`, `tf.layers.max_pooling2d(inputs=x, ...)`: the input a TF 1 layer or
    function is given by keyword (the TF 1 layers tutorial's spelling)."""
    value = next((kw.value for kw in expr.keywords or () if kw.arg == "inputs"), None)
    if value is None:
        return None
    if id(expr) in sites:
        return value if sites[id(expr)].spec.keyword_positions.get("inputs") == 0 else None
    name = canonical(qualified_name(expr.func) or "")
    return value if any(name.startswith(module) for module in K.TF1_LAYER_MODULES + K.CONTRIB_LAYER_MODULES) else None


_PLACEHOLDERS = ("tensorflow.placeholder", "tensorflow.compat.v1.placeholder")


def _placeholder_step(call: nodes.Call) -> Step:
    """`tf.placeholder(tf.float32, [None, 784])`: a TF 1 graph's input, with the shape it declares."""
    view = call_view(call)
    shape = next((build_shape(kw.value) for kw in view.keywords if kw.arg == "shape"), None)
    if shape is None and len(view.args) > 1 and not isinstance(view.args[1], nodes.Starred):
        shape = build_shape(view.args[1])
    step = _step("input")
    step.node.declared_shape = shape
    return step


def _is_model_input(call: nodes.Call) -> bool:
    member = keras_member(qualified_name(call.func))
    return bool(member and member[0] in ("layers", "") and keras_kind(member[1]) in K.INPUT_CALLABLES)


def _helper_call_steps(call: nodes.Call, sites: dict[int, LayerSite]) -> tuple[str | None, list[Step]] | None:
    """`x = conv(x, 64)` with the module's own `conv`: its layers, built for this call (helpers.py)."""
    from pylint_glorot import helpers

    return helpers.call_steps(call, sites)


def _helper_layer_step(call: nodes.Call) -> Step | None:
    """`dense(64)` with the module's own `dense` returning a layer: that layer, built for this call."""
    from pylint_glorot import helpers

    return helpers.layer_step(call)


def _tf1_function_step(qualname: str | None, call: nodes.Call | None = None) -> Step:
    """`slim.batch_norm(net)`, `tf.layers.max_pooling2d(net, 2, 2)`, `slim.flatten(net)`, `tf.reshape(x, [-1, 784])`:
    what they do to the signal, and (from `call`'s literal arguments) to its shape."""
    name = canonical(qualname or "")
    if name in _RESHAPES and call is not None:
        step = _step("pass", layer="Reshape")
        step.node.config = {"target_shape": tf1_layers.reshape_target(call_view(call))}
        return step
    for module in K.TF1_FUNCTION_MODULES:
        if name.startswith(module) and name[len(module):] in K.TF1_FUNCTION_STEPS:
            function = name[len(module):]
            if function == "flatten":
                step = _step("pass")  # passes the scale; the Flatten it maps to loses the channel count
            else:
                step = _step("norm" if K.TF1_FUNCTION_STEPS[function] == "norm" else "pass")
            if call is not None:
                _tf1_function_shape(step, module, function, call)
            return step
    return _step("barrier")


_RESHAPES = ("tensorflow.reshape", "tensorflow.compat.v1.reshape")


def _tf1_function_shape(step: Step, module: str, function: str, call: nodes.Call) -> None:
    """The Keras layer a TF 1 pooling, flatten, dropout or normalization function maps shapes as."""
    view = call_view(call)
    if module in K.CONTRIB_LAYER_MODULES:
        found = tf1_layers.contrib_layer(function, view, _scope_defaults(call, function, tf1_layers.SCOPED_KEYWORDS))
    elif module in K.TF1_LAYER_MODULES:
        found = tf1_layers.tf1_layer(function, view)
    else:
        found = tf1_layers.nn_pool(function, view)
    if found is not None:
        step.node.layer, step.node.config = found


def _layer_constructor(func: nodes.NodeNG) -> nodes.Call | None:
    """The constructor call of an applied layer: `Dense(64)(x)` or `dense(x)` with `dense = Dense(64)`."""
    if isinstance(func, nodes.Call):
        return func
    bound = bound_value(func) if isinstance(func, nodes.Name) else None
    if isinstance(func, nodes.Attribute):
        bound = self_attribute_value(func)
    return bound if isinstance(bound, nodes.Call) and _is_layer_constructor(bound) else None


def _is_layer_constructor(call: nodes.Call) -> bool:
    if layer_member(call_view(call).func):
        return True
    member = keras_member(qualified_name(call.func))
    if member and member[0] in ("layers", ""):
        return True
    from pylint_glorot import helpers

    return helpers.layer_factory(call) is not None


def _applied_instance(func: nodes.NodeNG) -> nodes.Call | None:
    """The constructor call of an applied instance of the module's own layer class: `Block(64)(x)`,
    `block(x)` with `block = Block(64)`, `self.block(x)` with `self.block = Block(64)`."""
    bound: Any = func
    if isinstance(func, nodes.Name):
        bound = bound_value(func)
    elif isinstance(func, nodes.Attribute):
        bound = self_attribute_value(func)
    return bound if isinstance(bound, nodes.Call) and layer_class(bound) is not None else None


def _instance_steps(call: nodes.Call, sites: dict[int, LayerSite], count: int = 1) -> list[Step] | None:
    """An instance of the module's own Layer/Model subclass used as a layer: the steps of its `call()`,
    each weighted layer a copy of the layer site in the class (one per instance, so chains through
    instances are counted like chains through built-in layers); `count` instances in a row (a
    comprehension) when the block holds one weighted layer. None: not such an instance, or one
    whose `call()` is not a straight path (read as a barrier by the caller, as before)."""
    steps = instance_steps(call, lambda method: _straight_steps(method, sites))
    if steps is None or count < 1:
        return None
    layers = [step for step in steps if step.kind == "layer"]
    several = count > 1 and len(layers) != 1  # `[Block(64) for _ in range(4)]` of two-layer blocks: each runs both
    spliced = []
    for step in steps:
        if step.kind == "layer" and step.site is not None:
            template = step.site
            copy = replace(template, nodes=[step.node], chain=[], fixed_chain=[], definition=None,
                           repeat=1 if several else count)
            template.nodes.remove(step.node)
            step.node.site = copy
            sites[id(copy)] = copy  # keyed by the copy: it stands for no tree node of its own
            step = replace(step, site=copy)
        spliced.append(step)
    return repeated_lists.passes([], spliced, count, sites, shared=False) if several else spliced


def _straight_steps(method: nodes.FunctionDef, sites: dict[int, LayerSite]) -> list[Step] | None:
    """`call(self, x)`: its steps from the input to the returned tensor, when they form one path
    (each statement reads the one before and nothing else reads it)."""
    if len(method.args.args or ()) < 2:
        return None
    reads = method.args.args[1].name
    flows = _functional_flows(inlined_body(method.body, method), sites)
    starts = [flow for flow in flows if flow.input_name == reads and flow.previous is None]
    if len(starts) != 1:
        return None
    path, current = [], starts[0]
    while current is not None and len(path) <= len(flows):
        path.append(current)
        if isinstance(current.stmt, nodes.Return):
            break
        current = current.next
    if not isinstance(path[-1].stmt, nodes.Return):
        return None
    steps = [step for flow in path for step in flow.steps]
    if any(step.kind in ("barrier", "merge", "input") for step in steps):
        return None
    return steps


def _model_outputs(value: nodes.NodeNG | None) -> nodes.NodeNG | None:
    """`keras.Model(inputs, block(inputs))`: the outputs a Model call computes in its own arguments (a call,
    not a name the flow already wrote), read as the statement's flow; the value itself otherwise."""
    if not isinstance(value, nodes.Call) or keras_member(qualified_name(value.func)) not in (
            ("", "Model"), ("models", "Model")):
        return value
    outputs = value.args[1] if len(value.args) > 1 else \
        next((kw.value for kw in value.keywords or () if kw.arg == "outputs"), None)
    return outputs if isinstance(outputs, nodes.Call) else value


def _flow_statement(stmt: nodes.NodeNG, sites: dict[int, LayerSite]) -> _FlowStatement | None:
    if isinstance(stmt, nodes.For):
        return _helper_loop_flow(stmt, sites)
    stmt_value = _model_outputs(getattr(stmt, "value", None))
    if isinstance(stmt, nodes.Return) and flow_value(stmt.value):  # return self.out(self.hidden(x))
        input_name, steps = _expression_steps(stmt_value, sites)
        if not steps or all(step.kind == "barrier" for step in steps):
            return None
        return _FlowStatement(stmt, input_name, None, steps)
    if not isinstance(stmt, nodes.Assign) or len(stmt.targets) != 1:
        return None
    target = stmt.targets[0]
    if isinstance(target, nodes.AssignName) and isinstance(stmt.value, nodes.Name):  # x = inputs: the same tensor
        return _FlowStatement(stmt, stmt.value.name, target.name, [_step("pass", layer="Identity")])
    if not isinstance(target, nodes.AssignName) or not flow_value(stmt.value):
        return None
    input_name, steps = _expression_steps(stmt_value, sites)
    if not steps or all(step.kind == "barrier" for step in steps):
        return None
    return _FlowStatement(stmt, input_name, target.name, steps)


def flow_value(value: nodes.NodeNG | None) -> bool:
    """Whether a statement's value may be a flow's steps: a call, or an add of two tensors (binary_adds.py) that
    is no bias add (`x + b` with `b` a variable or weight stays as before: no flow of its own)."""
    if isinstance(value, nodes.Call):
        return True
    return binary_adds.is_tensor_add(value) and bias_added(value) is None and hand_built.bias_added(value) is None


def _helper_loop_flow(loop: nodes.For, sites: dict[int, LayerSite]) -> _FlowStatement | None:
    """A loop in a helper being expanded, its passes one after another (helpers.loop_steps)."""
    from pylint_glorot import helpers

    found = helpers.loop_steps(loop, sites)
    return _FlowStatement(loop, found[0], found[0], found[1]) if found is not None else None


def _reads(stmt: nodes.NodeNG, name: str) -> bool:
    return any(n.name == name for n in stmt.nodes_of_class(nodes.Name))


def _writes(stmt: nodes.NodeNG, name: str) -> bool:
    return any(n.name == name for n in stmt.nodes_of_class(nodes.AssignName))


def _functional_flows(body: list[nodes.NodeNG], sites: dict[int, LayerSite]) -> list[_FlowStatement]:
    flows = {id(stmt): _flow_statement(stmt, sites) for stmt in body}
    found = [flow for flow in flows.values() if flow is not None]
    listed = _merge_list_statements(found)
    for index, stmt in enumerate(body):
        flow = flows[id(stmt)]
        if flow is None or flow.output_name is None:
            continue
        consumers, readers = [], []
        for later in body[index + 1:]:
            if id(later) in listed:
                continue  # `branches = [block(x), y]`: read where the merge reads the list
            if _reads(later, flow.output_name) or _reads_in_list(flows.get(id(later)), flow.output_name):
                consumers.append(flows.get(id(later)))
                readers.append(later)
            if _writes(later, flow.output_name):
                break
        for consumer in consumers:  # what feeds a step is known even when the signal branches
            if consumer is not None and consumer.input_name == flow.output_name:
                consumer.previous = flow
            if consumer is not None and flow.output_name in consumer.merged:
                consumer.sources[flow.output_name] = flow
        if len(consumers) == 1 and consumers[0] is not None and consumers[0].input_name == flow.output_name:
            flow.next = consumers[0]  # what follows a step is known only when nothing else reads it
        flow.opaque_readers = _opaque_readers(flow, readers, flows)
    return found


def _merge_list_statements(flows: list[_FlowStatement]) -> set[int]:
    """The statements binding a merge's list that the merge reads in their place (merge_lists.list_statement)."""
    return {id(flow.steps[0].listed) for flow in flows if flow.merged and flow.steps[0].listed is not None}


def _reads_in_list(flow: _FlowStatement | None, name: str) -> bool:
    """Whether the merge of `flow` reads `name` through the list bound to a name it reads."""
    return flow is not None and bool(flow.merged) and flow.steps[0].listed is not None and \
        _reads(flow.steps[0].listed, name)


def _opaque_readers(flow: _FlowStatement, readers: list[nodes.NodeNG],
                    flows: dict[int, _FlowStatement | None]) -> list[nodes.NodeNG]:
    """Of the statements that read `flow`'s output, those that read it in its own scope as no step of theirs
    does (`p4 = p4 * gate`, `outputs.append(x)`): a branch the graph does not see (_add_opaque_readers).
    A later function's own variable of the same name is not its output."""
    found = []
    name = flow.output_name
    for stmt in readers:
        frame = stmt.parent.frame() if stmt.parent is not None else None
        if any(n.name == name and n.frame() is frame for n in stmt.nodes_of_class(nodes.Name)):
            reader = flows.get(id(stmt))
            if reader is None or (reader.input_name != name and name not in reader.merged):
                found.append(stmt)
    return found


def _add_opaque_readers(flows: Iterator[_FlowStatement], graphs: list[G.Graph]) -> None:
    """A barrier node reading each flow's output that a statement reads without a step the checker models, in
    the graph that holds the flow: the tensor branches there, so no layer's next weighted layer is seen past it."""
    holding = {id(node): graph for graph in graphs for node in graph.nodes}
    for flow in flows:
        last = _node(flow.steps[-1]) if flow.opaque_readers and flow.steps else None
        graph = holding.get(id(last)) if last is not None else None
        if graph is not None:
            graph.nodes.append(G.Node(G.BARRIER, inputs=[last]))


def _connect_flows(flows: list[_FlowStatement]) -> None:
    """The graph edges of functional steps: in a statement, each step reads the one before; a
    statement's first step reads what its input variable holds; a merge reads each of its variables."""
    for flow in flows:
        G.chain([_node(step) for step in flow.steps])
    for flow in flows:
        first = _node(flow.steps[0])
        if flow.previous is not None and not first.inputs:
            first.inputs.append(_node(flow.previous.steps[-1]))
        if flow.merged and not first.inputs:
            producers = [flow.sources.get(name) for name in flow.merged]
            first.inputs.extend(_node(p.steps[-1]) if p is not None else G.Node(G.BARRIER) for p in producers)
            _connect_branches(flow, first)


def _connect_branches(flow: _FlowStatement, merge: G.Node) -> None:
    """A merge's inputs computed in its own list (`[block(x), y]`): each branch reads what its variable
    holds, and the merge reads the branch's last step in its place."""
    for index, branch in enumerate(flow.steps[0].branches):
        if not branch:
            continue
        branch_nodes = G.chain([_node(step) for step in branch])
        if not branch_nodes[0].inputs and branch_nodes[0].kind != G.INPUT:
            branch_nodes[0].inputs.append(merge.inputs[index])  # the producer of its variable (or a barrier)
        merge.inputs[index] = branch_nodes[-1]


def _link_branches(flows: list[_FlowStatement], model: ModuleModel, seen: set[int]) -> None:
    """The layers of a merge's branches (`layers.Add()([block(x), x])`): each follows its branch up to the
    merge (where a residual's signal is judged, as for a branch written on lines of its own), of the flow's
    definition; what feeds it is its branch's graph edges (_connect_branches)."""
    for flow in flows:
        branches = flow.steps[0].branches if flow.merged else ()
        for branch in branches:
            if not branch:
                continue  # a variable: its layers are linked where they are written
            _assign_definition(branch, ("flow", id(_root(flow).stmt)))
            for step in branch:
                if step.kind == "layer" and step.site is not None and id(step.site) not in seen:
                    _link(step, model)
                    seen.add(id(step.site))


def _node(step: Step) -> G.Node:
    if step.node is None:  # the shared BARRIER step
        return G.Node(G.BARRIER)
    return step.node


def _chain_steps(steps: list[Step]) -> None:
    G.chain([_node(step) for step in steps])


# --------------------------------------------------------------------------- linking


def _follow(site: LayerSite, following: tuple[ActivationSpec | None, bool] = (None, False)) -> None:
    """Set the activation the kernel feeds: its own, else its default, else `following` (the activation its
    output reaches and whether a normalization lies between, from the graph: _follow_from_graph)."""
    own = site.own_activation
    if own is None:
        return
    if own is not ABSENT and own.name != "linear":  # softmax is an output, not "no activation"
        site.activation, site.activation_source = own, "own"
        return
    if own is ABSENT and site.spec.default_activation:
        site.activation = ActivationSpec(site.spec.default_activation, K.activation_family(site.spec.default_activation))
        site.activation_source = "default"
        return
    spec, normalized = following
    if spec is not None:
        site.activation, site.activation_source = spec, "next layer"
        site.normalized = normalized


def _follow_from_graph(model: ModuleModel) -> None:
    """The activation each placed layer's kernel feeds (_follow), what follows it read from the network graph
    (links.following_activation). Run once every edge exists (loops entered, opaque readers added) and before
    helpers.finish, which reconciles the activations a helper layer's instances feed."""
    read_by = links.readers(model.graphs)
    for site, node in model.linked.values():
        _follow(site, links.following_activation(node, read_by))


def _carried(flows: list[_FlowStatement]) -> bool:
    """A loop body whose steps form one chain that feeds the next pass (`x = f(x)` ... `x = g(x)`)."""
    if not flows or flows[0].input_name is None:
        return False
    return all(a.next is b for a, b in zip(flows, flows[1:])) and flows[-1].output_name == flows[0].input_name


def _repeat(steps: list[Step], count: int) -> None:
    """Steps that run `count` times in a row: their layers repeat, and the last feeds the first."""
    layers = [step.site for step in steps if step.kind == "layer" and step.site is not None]
    for site in layers:
        site.repeat = count
    _remember_loop_body(steps)
    if layers:
        _node(steps[-1]).next_pass = _node(steps[0])  # the last step feeds the first on the next pass


def _remember_loop_body(steps: list[Step]) -> None:
    """Each layer of a counted loop's body knows the body's nodes, so each of its passes reads what the
    pass before wrote (passes.pass_views)."""
    if any(step.node is None for step in steps):
        return
    body = tuple(step.node for step in steps)
    for index, step in enumerate(steps):
        if step.kind == "layer" and step.site is not None:
            step.site.loop_body = (body, index)


@dataclass
class ModuleModel:
    sites: list[LayerSite]
    links: dict[int, tuple[LayerSite, bool]]  # id(site) -> (next weighted layer, normalization between)
    graphs: list[G.Graph] = field(default_factory=list)  # one per Sequential, model.add run and functional body
    linked: dict[int, tuple[LayerSite, G.Node]] = field(default_factory=dict)  # id(site) -> (it, the node it is
    #   placed at): the layers in a network, linked when every graph is built (_link_from_graph)


def _link(step: Step, model: ModuleModel) -> None:
    """A weighted layer placed in a network: the graph node its activation (_follow_from_graph), links and
    input channels (_link_from_graph) are read from once every graph is built."""
    model.linked[id(step.site)] = (step.site, _node(step))


def _link_from_graph(model: ModuleModel) -> None:
    """Each placed layer's next weighted layer (`model.links`) and input channels, from the network graph's
    edges (links.py); the channels are its input shape's where the graph infers that (_read_input_shape)."""
    model.links = links.links([(site, node) for site, node in model.linked.values()], model.graphs)
    for site, node in model.linked.values():
        first = site.anchor is not None and _data_format_first(site.anchor)  # channels are not the last axis
        site.in_channels = None if first else links.feeding_channels(node)


def _assign_definition(steps: list[Step], definition: Any) -> None:
    for step in steps:
        if step.site is not None and step.site.definition is None:
            step.site.definition = definition


def _class_definitions(sites: dict[int, LayerSite]) -> None:
    """Layers a subclassed model or layer assigns to `self.x` in its methods form one definition."""
    for site in sites.values():
        call = site.anchor
        parent = call.parent
        if isinstance(parent, nodes.Assign) and any(isinstance(t, nodes.AssignAttr) for t in parent.targets):
            klass = call.scope().parent
            if isinstance(klass, nodes.ClassDef):
                site.definition = ("class", id(klass))


def _flow_definitions(flows: list[_FlowStatement]) -> None:
    """Functional steps linked by the variables they pass on form one definition."""
    for flow in flows:
        _assign_definition(flow.steps, ("flow", id(_root(flow).stmt)))


def _root(flow: _FlowStatement) -> _FlowStatement:
    """Where a flow's signal starts: through what feeds each statement, and a merge's first input."""
    root, seen = flow, {id(flow)}
    while True:
        before = root.previous or next((f for f in root.sources.values()), None)
        if before is None or id(before) in seen:
            return root
        seen.add(id(before))
        root = before


def _link_sequence(steps: list[Step], model: ModuleModel) -> None:
    for step in steps:
        if step.kind == "layer" and step.site is not None:
            _link(step, model)


class Body(list):
    """A statement list with the `with` blocks in it spliced in place: a `with tf.variable_scope(...)` or
    `with slim.arg_scope(...)` block does not cut the flow of tensors. `owner` holds the list as `attr`."""

    owner: Any = None
    attr: str = "body"


_BODY_OWNERS = (nodes.Module, nodes.FunctionDef, nodes.For, nodes.While, nodes.If, nodes.With, nodes.Try,
                nodes.ClassDef)


def inlined_body(body: list[nodes.NodeNG], owner: Any = None, attr: str = "body") -> Body:
    """`body` with each `with` statement's body in its place (recursively)."""
    spliced = Body()
    for stmt in body:
        if isinstance(stmt, nodes.With):
            spliced.extend(inlined_body(stmt.body))
        else:
            spliced.append(stmt)
    spliced.owner, spliced.attr = owner, attr
    return spliced


def _bodies(module: nodes.Module) -> Iterator[tuple[Body, int]]:
    """Every statement list (`with` blocks spliced in), with how often it runs when it is a loop body the
    source counts."""
    yield inlined_body(module.body, module), 1
    for node in module.nodes_of_class(_BODY_OWNERS):
        if node is module or isinstance(node, nodes.With) and isinstance(node.parent, _BODY_OWNERS):
            continue  # yielded above, or spliced into the statement list that holds it
        for attr in ("body", "orelse", "finalbody"):
            body = getattr(node, attr, None)
            if body:
                repeat = loop_count(node.iter) if isinstance(node, nodes.For) and attr == "body" else 1
                spliced = inlined_body(body, node, attr)
                if spliced:
                    yield spliced, repeat


def analyze_module(module: nodes.Module, calls: list[nodes.Call], builds: list[nodes.Call] = ()) -> ModuleModel:
    """All weighted layer sites among `calls`, linked to what follows and feeds them.

    `builds`: the module's `<model>.build(shape)` calls, which give a model its input shape."""
    sites: dict[int, LayerSite] = {}
    for call in calls:
        site = build_site(call)
        if site is not None:
            sites[id(call)] = site
    sites.update(model_configs.config_sites(calls, build_site))  # keyed by the layer's dict in the config
    sites.update(slim_stack.stack_sites(calls, build_site))  # keyed by the element of stack_args
    model = ModuleModel(list(sites.values()), {})
    if not sites:
        return model
    _begin_helpers(module)
    seen: set[int] = set()
    _class_definitions(sites)
    entries: dict[int, list[G.Node]] = {}  # a model's tree node -> the graph nodes its input enters
    for call in calls:
        steps = _sequential_steps(call, sites) or model_configs.config_steps(call, sites)
        if steps:
            entries[id(call)] = [_node(steps[0])]
            _assign_definition(steps, ("sequential", id(call)))
            _chain_steps(steps)
            model.graphs.append(G.Graph([_node(step) for step in steps]))
            _link_sequence(steps, model)
            seen.update(id(s.site) for s in steps if s.site)
    flow_of: dict[int, _FlowStatement] = {}  # statement -> its flow, over every body
    loops: list[tuple[nodes.For, list[_FlowStatement], int]] = []
    for body, repeat in _bodies(module):
        loop = body.owner if isinstance(body.owner, nodes.For) and body.attr == "body" else None
        for first, steps in _add_runs(body, sites):
            steps, unrolled = _loop_passes(steps, loop, sites)
            # keys are ids of tree nodes, which live as long as the module (not of transient objects)
            _assign_definition(steps, ("add", id(first)))
            entries[id(first)] = [_node(steps[0])]
            _chain_steps(steps)
            model.graphs.append(G.Graph([_node(step) for step in steps]))
            _link_sequence(steps, model)
            seen.update(id(s.site) for s in steps if s.site)
            if repeat > 1 and not unrolled:  # each pass adds the same layers again, after the previous pass's
                _repeat(steps, repeat)
        flows = _functional_flows(body, sites)
        flow_of.update((id(flow.stmt), flow) for flow in flows)
        if loop is not None and _unrolled_flows(body, flows, loop, sites, model, seen, flow_of):
            continue  # a loop over literal values, taken pass by pass
        if loop is not None:
            loops.append((loop, flows, repeat))
        _flow_definitions(flows)
        _connect_flows(flows)
        scope = body.owner
        if isinstance(scope, nodes.FunctionDef) and scope.name == "call" and len(scope.args.args) > 1:
            reads = scope.args.args[1].name  # call(self, inputs): the flows that start from the input
            entries[id(scope)] = [_node(f.steps[0]) for f in flows if f.input_name == reads and f.previous is None]
        if flows:
            model.graphs.append(G.Graph([_node(step) for flow in flows for step in flow.steps]))
        for flow in flows:
            for step in flow.steps:
                if step.kind == "layer" and step.site is not None and id(step.site) not in seen:
                    _link(step, model)
                    seen.add(id(step.site))
        _link_branches(flows, model, seen)
        if repeat > 1 and _carried(flows):
            _repeat([step for flow in flows for step in flow.steps], repeat)
    for loop, flows, repeat in loops:
        _enter_loop(loop, flows, repeat, flow_of, model)
    _add_opaque_readers(iter(flow_of.values()), model.graphs)
    model.sites[:] = _with_passes(model.sites, sites)
    _add_instance_copies(model, sites)
    _follow_from_graph(model)
    model.sites = _with_helper_instances(module, model.sites)
    for build in builds:
        _apply_build(build, entries, module)
    for site in model.sites:
        if id(site) not in seen:  # a lone layer: only its own (or default) activation counts
            _follow(site)
    _link_from_graph(model)
    for site in model.sites:
        _read_input_shape(site)
    return model


def _enter_loop(loop: nodes.For, flows: list[_FlowStatement], repeat: int, flow_of: dict[int, _FlowStatement],
                model: ModuleModel) -> None:
    """A counted functional loop (`for _ in range(8): x = Dense(64)(x)`) reads the tensor its variable
    holds before the loop (`x = inputs`, or a layer's output), and what follows the loop reads its last pass."""
    if repeat < 1 or not _carried(flows):
        return
    first, last, name = flows[0], flows[-1], flows[0].input_name
    before = _statements_around(loop)
    feeding = _writer(reversed(before[0]), name, flow_of)
    if feeding is not None and first.previous is None:
        first.previous = feeding
        _read_by_loop(feeding, loop)
        entry = _node(first.steps[0])
        if not entry.inputs:
            entry.inputs.append(_node(feeding.steps[-1]))
        if feeding.next is None:  # the layers before the loop feed its first pass
            feeding.next = first
            for step in feeding.steps:
                if step.kind == "layer" and step.site is not None:
                    _link(step, model)
        definition = ("flow", id(_root(first).stmt))
        for step in (step for flow in flows for step in flow.steps):
            if step.site is not None:
                step.site.definition = definition  # one model with the layers before the loop
    reader = next((stmt for stmt in before[1] if _reads(stmt, name)), None)
    after = flow_of.get(id(reader)) if reader is not None else None
    if after is not None and after.input_name == name and after.previous is None:
        after.previous = last
        entry = _node(after.steps[0])
        if not entry.inputs:  # what the last pass wrote
            body = [_node(step) for flow in flows for step in flow.steps]
            entry.inputs.append(G.repeat(body, repeat, _node(feeding.steps[-1]) if feeding is not None else None))


def _read_by_loop(feeding: _FlowStatement, loop: nodes.For) -> None:
    """The loop now reads the tensor `feeding` writes as a step of the graph: no longer an opaque reader."""
    feeding.opaque_readers = [stmt for stmt in feeding.opaque_readers if stmt is not loop]


def _statements_around(stmt: nodes.NodeNG) -> tuple[list[nodes.NodeNG], list[nodes.NodeNG]]:
    """The statements before and after `stmt` in the statement list that holds it."""
    parent = stmt.parent
    for attr in ("body", "orelse", "finalbody"):
        body = getattr(parent, attr, None)
        if isinstance(body, list) and stmt in body:
            index = body.index(stmt)
            return body[:index], body[index + 1:]
    return [], []


def _writer(statements: Iterator[nodes.NodeNG], name: str | None, flow_of: dict[int, _FlowStatement]) -> \
        _FlowStatement | None:
    """The flow of the nearest statement (in `statements`' order) that writes `name`, when a flow writes it."""
    for stmt in statements:
        if name is not None and _writes(stmt, name):
            flow = flow_of.get(id(stmt))
            return flow if flow is not None and flow.output_name == name else None
    return None


def _begin_helpers(module: nodes.Module) -> None:
    from pylint_glorot import helpers

    helpers.begin(module)


def _with_helper_instances(module: nodes.Module, sites: list[LayerSite]) -> list[LayerSite]:
    """The layers helper calls built, each once per call, in place of the helper's own (helpers.py)."""
    from pylint_glorot import helpers

    return helpers.finish(module, sites)


def _add_instance_copies(model: ModuleModel, sites: dict[int, LayerSite]) -> None:
    """The layer sites copied into the networks that use a subclass instance (`_instance_steps`), each
    before the class's own site of that layer call (a copy knows its input's shape)."""
    known = {id(site) for site in model.sites}
    copies: dict[int, list[LayerSite]] = {}
    for site in sites.values():
        if id(site) not in known:
            copies.setdefault(id(site.anchor), []).append(site)
    if copies:
        model.sites[:] = [copy for site in model.sites for copy in copies.pop(id(site.anchor), []) + [site]]


def _loop_passes(steps: list[Step], loop: nodes.For | None, sites: dict[int, LayerSite]) -> tuple[list[Step], bool]:
    """A loop body's steps, one pass after another where the passes bind what its layers read
    (`for units in [512, 256]: model.add(Dense(units))`); as they are otherwise (counted as repeats)."""
    passes = unroll.loop_passes(loop) if loop is not None else None
    if passes is None or not unroll.binds_layers(steps, loop, passes):
        return steps, False
    return unroll.unrolled(steps, loop, passes, sites), True


def _unrolled_flows(body: list[nodes.NodeNG], flows: list[_FlowStatement], loop: nodes.For,
                    sites: dict[int, LayerSite], model: ModuleModel, seen: set[int],
                    flow_of: dict[int, _FlowStatement] | None = None) -> bool:
    """A loop body that passes one tensor through each pass (`x = Dense(units)(x)`), or that applies each
    layer of a list (`for layer in blocks: x = layer(x)`), as the sequence of its passes. False: not such a loop."""
    if _merged_passes(body, flows, loop, sites, model, seen, flow_of):
        return True  # a residual (or dense) unit per pass: loop_merges.py
    steps = unroll.applied_list_steps(loop, flows, sites, constructor_step, _layer_list_elements)
    carried = _carried_name(loop, flows)
    if steps is None:
        by_pass = _helper_passes(body, flows, loop, sites)
        if by_pass is not None:
            steps, carried = by_pass
        elif not _carried(flows):
            return False
        else:
            steps, unrolled = _loop_passes([step for flow in flows for step in flow.steps], loop, sites)
            if not unrolled:
                return False
    if not any(step.site is not None for step in steps):
        return False
    _assign_definition(steps, ("flow", id(body[0])))
    _chain_steps(steps)
    model.graphs.append(G.Graph([_node(step) for step in steps]))
    _link_sequence(steps, model)
    seen.update(id(step.site) for step in steps if step.site)
    if flow_of is not None:
        _enter_unrolled(loop, carried, steps, flow_of)
    return True


def _merged_passes(body: list[nodes.NodeNG], flows: list[_FlowStatement], loop: nodes.For,
                   sites: dict[int, LayerSite], model: ModuleModel, seen: set[int],
                   flow_of: dict[int, _FlowStatement] | None) -> bool:
    """`for _ in range(3): x = layers.add([x, Dense(64)(x)])`: each pass wired as its own unit (loop_merges.py)."""
    from pylint_glorot import loop_merges

    return loop_merges.read(body, flows, loop, sites, model, seen, flow_of)


def _carried_name(loop: nodes.For, flows: list[_FlowStatement]) -> str | None:
    """The variable an unrolled loop passes from one pass to the next (`x` in `x = Dense(u)(x)`,
    `x = layer(x)`)."""
    if _carried(flows):
        return flows[0].input_name
    if isinstance(loop.target, nodes.AssignName):
        applied = unroll._applied_input(loop.body[0], loop.target.name)  # noqa: SLF001 - as applied_list_steps reads it
        if applied is not None:
            return applied
    return flows[0].input_name if flows and flows[0].stmt is loop.body[0] else None


def _enter_unrolled(loop: nodes.For, name: str | None, steps: list[Step], flow_of: dict[int, _FlowStatement]) -> None:
    """An unrolled loop's first pass reads what its variable holds before the loop (`x = inputs`, a layer's
    output), and what follows the loop reads the last pass's output."""
    if name is None:
        return
    before, after = _statements_around(loop)
    feeding = _writer(reversed(before), name, flow_of)
    entry = _node(steps[0])
    if feeding is not None and not entry.inputs and entry.kind != G.INPUT:
        entry.inputs.append(_node(feeding.steps[-1]))  # the layers before the loop feed its first pass
        _read_by_loop(feeding, loop)
    reader = next((stmt for stmt in after if _reads(stmt, name or "")), None)
    following = flow_of.get(id(reader)) if reader is not None else None
    if following is not None and following.input_name == name and following.previous is None:
        first = _node(following.steps[0])
        if not first.inputs and first.kind != G.INPUT:
            first.inputs.append(_node(steps[-1]))


def _helper_passes(body: list[nodes.NodeNG], flows: list[_FlowStatement], loop: nodes.For,
                   sites: dict[int, LayerSite]) -> tuple[list[Step], str | None] | None:
    """`for f in (64, 128): x = conv(x, f)`: the helper calls of each pass expanded again, the loop target
    bound to that pass's value, so each pass builds its own layers (of f filters, reading what the pass
    before wrote); also where only a bound value makes the helper readable (`for f, n in ...: x =
    block(x, f, n)` with a loop of n passes inside). (the steps, the variable the passes carry); None
    when the body holds weighted layers of its own or a pass is not one line from the last."""
    from pylint_glorot import helpers

    first = [step.site for flow in flows for step in flow.steps if step.site is not None]
    if any(not site.via for site in first):
        return None
    passes = unroll.loop_passes(loop)  # checked first: most loops do not run over literals
    bound = unroll.pass_bindings(loop, passes) if passes else None
    if bound is None or not (first or helpers.calls_helper(body)):
        return None
    steps: list[Step] = []
    with helpers.attempt(loop) as kept:
        for index, values in enumerate(bound):
            with helpers.loop_pass(loop, index, values):
                read = _functional_flows(body, sites)
            pass_steps = [step for flow in read for step in flow.steps]
            if not _carried(read) or any(step.kind == "barrier" or (step.site is not None and not step.site.via)
                                         for step in pass_steps):
                return None
            steps.extend(pass_steps)
        kept.append(True)
    if first:
        helpers.discard(first)
    return steps, read[0].input_name


def _layer_list_elements(node: nodes.NodeNG) -> list[tuple[Any, int]] | None:
    """The layers of `for layer in blocks:` / `for layer in self.blocks:`, when they are a literal list."""
    if isinstance(node, nodes.Attribute):
        value = self_attribute_value(node)
        return _sequence_elements(value) if value is not None else None
    return _sequence_elements(node)


def _with_passes(ordered: list[LayerSite], sites: dict[int, LayerSite]) -> list[LayerSite]:
    """The module's sites with each unrolled loop's later passes right after the site its call made."""
    later: dict[int, list[LayerSite]] = {}
    for site in sites.values():
        if site.pass_of is not None:
            later.setdefault(id(site.pass_of), []).append(site)
    if not later:
        return ordered
    return [member for site in ordered for member in [site, *later.get(id(site), [])]]


def _apply_build(build: nodes.Call, entries: dict[int, list[G.Node]], module: nodes.Module) -> None:
    """`model.build((None, 784))`: the input shape of a Sequential, a model.add run or a subclassed
    model's call(), where nothing in the definition declares one."""
    shape = build_shape(build.args[0])
    receiver = build.func.expr if isinstance(build.func, nodes.Attribute) else None
    if shape is None or receiver is None:
        return
    target = dereference(receiver)
    found = entries.get(id(target))
    if found is None:  # a model.add run: the run's first statement
        found = next((nodes_ for key, nodes_ in _add_entries(receiver, entries)), None)
    if found is None and isinstance(target, nodes.Call) and isinstance(target.func, nodes.Name):
        klass = next((c for c in module.nodes_of_class(nodes.ClassDef) if c.name == target.func.name), None)
        method = klass.locals.get("call", [None])[0] if klass is not None else None
        found = entries.get(id(method)) if method is not None else None
    for node in found or ():
        if node.kind != G.INPUT and not node.inputs and node.declared_shape is None:
            node.declared_shape = shape


def _add_entries(receiver: nodes.NodeNG, entries: dict[int, list[G.Node]]) -> Iterator[tuple[int, list[G.Node]]]:
    """The model.add run on the same receiver in the same statement list as the build call."""
    stmt = receiver.statement()
    for sibling in stmt.parent.get_children() if stmt.parent is not None else ():
        found = _add_receiver(sibling)
        if found is not None and found[0] == receiver.as_string() and id(sibling) in entries:
            yield id(sibling), entries[id(sibling)]


def _kernel_reads(site: LayerSite, shape: tuple) -> bool:
    """Whether a hand-built kernel (its fans from its literal shape) can read `shape`: the channels agree."""
    if site.class_name not in hand_built.HAND_BUILT or not site.modelled_as or site.input_shape is None:
        return True
    first = site.config.get("data_format") == "channels_first" and site.spec.kind != "dense"
    return len(shape) == len(site.input_shape) and (shape[0] if first else shape[-1]) == \
        (site.input_shape[0] if first else site.input_shape[-1])


def _read_input_shape(site: LayerSite) -> None:
    """The tensor the layer reads, from the graph (its first application whose shape is known);
    its channel count replaces the one read from neighbours."""
    for node in site.nodes:
        shape = node.input_shape()
        if shape is not None and _kernel_reads(site, shape):
            site.input_shape = shape
            break
    else:
        if not site.nodes and site.api == "keras" and site.class_name != "add_weight":  # its shape= is the kernel's
            site.input_shape = declared_input_shape(call_view(site.anchor)) if site.anchor is not None else None
    shape = site.input_shape
    if not shape:
        return
    channels_first = site.config.get("data_format") == "channels_first" and site.spec.kind != "dense"
    channels = shape[0] if channels_first else shape[-1]
    if isinstance(channels, int):
        site.in_channels = channels

