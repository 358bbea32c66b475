"""TF 1 layer functions read as the Keras layers they build alike, so `network.shapes` knows their shapes.

`tf.layers.conv2d(inputs, filters, kernel_size, strides, padding, data_format, dilation_rate, ...)`
(also `tf.compat.v1.layers`) builds Keras' Conv2D with the same arguments after `inputs`; its
`kernel_initializer=None` is `get_variable`'s default, glorot_uniform. slim / `tf.contrib.layers`
spell the same layers otherwise (TF 1.15 contrib, tf_slim 1.1):

    conv2d(inputs, num_outputs, kernel_size, stride=1, padding='SAME', data_format=None, rate=1, ...)
    max_pool2d(inputs, kernel_size, stride=2, padding='VALID', data_format='NHWC')

Each call's literal arguments are translated to Keras' keywords ("filters", "strides",
"dilation_rate", "channels_last", lower-case padding) and a kind `network.shapes` knows. An
argument the source does not fix (a variable, a caller's `arg_scope`) is `shapes.UNKNOWN`:
the shape is then unknown, never guessed. Reads astroid's tree only.
"""

from __future__ import annotations

from typing import Any

from astroid import nodes

from pylint_glorot.network import shapes
from pylint_glorot.resolve import UNKNOWN, CallView, literal

_CONV = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate")
_TRANSPOSE = ("filters", "kernel_size", "strides", "padding", "data_format")
_SEPARABLE = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier")
_POOL = ("pool_size", "strides", "padding", "data_format")

# tf.layers functions: (Keras kind, its parameters after `inputs` in order, spelled as Keras spells them)
TF1_LAYERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dense": ("Dense", ("units",)),
    **{f"conv{rank}d": (f"Conv{rank}D", _CONV) for rank in (1, 2, 3)},
    **{f"conv{rank}d_transpose": (f"Conv{rank}DTranspose", _TRANSPOSE) for rank in (2, 3)},
    **{f"separable_conv{rank}d": (f"SeparableConv{rank}D", _SEPARABLE) for rank in (1, 2)},
    **{f"max_pooling{rank}d": (f"MaxPooling{rank}D", _POOL) for rank in (1, 2, 3)},
    **{f"average_pooling{rank}d": (f"AveragePooling{rank}D", _POOL) for rank in (1, 2, 3)},
    "flatten": ("Flatten", ()),
    "dropout": ("Dropout", ()),
    "batch_normalization": ("BatchNormalization", ()),
}

# slim / contrib: (Keras kind, parameters after `inputs` as slim names them, defaults that differ from Keras')
_SLIM_CONV = ("num_outputs", "kernel_size", "stride", "padding", "data_format", "rate")
_SLIM_TRANSPOSE = ("num_outputs", "kernel_size", "stride", "padding", "data_format")
_SLIM_SEPARABLE = ("num_outputs", "kernel_size", "depth_multiplier", "stride", "padding", "data_format", "rate")
_SLIM_POOL = ("kernel_size", "stride", "padding", "data_format")
_SAME = {"padding": "same"}
_POOLED = {"strides": 2, "padding": "valid"}
CONTRIB_LAYERS: dict[str, tuple[str, tuple[str, ...], dict[str, Any]]] = {
    "fully_connected": ("Dense", ("num_outputs",), {}),
    **{name: (f"Conv{rank}D", _SLIM_CONV, _SAME)
       for rank in (1, 2, 3) for name in (f"conv{rank}d", f"convolution{rank}d")},
    **{name: (f"Conv{rank}DTranspose", _SLIM_TRANSPOSE, _SAME)
       for rank in (2, 3) for name in (f"conv{rank}d_transpose", f"convolution{rank}d_transpose")},
    **{name: ("SeparableConv2D", _SLIM_SEPARABLE, _SAME) for name in ("separable_conv2d", "separable_convolution2d")},
    **{f"max_pool{rank}d": (f"MaxPooling{rank}D", _SLIM_POOL, _POOLED) for rank in (2, 3)},
    **{f"avg_pool{rank}d": (f"AveragePooling{rank}D", _SLIM_POOL, _POOLED) for rank in (2, 3)},
    "flatten": ("Flatten", (), {}),
    "dropout": ("Dropout", (), {}),
    "batch_norm": ("BatchNormalization", (), {}),
    "layer_norm": ("LayerNormalization", (), {}),
}
# slim's spelling -> Keras' (for a layer; a pool's kernel_size is Keras' pool_size)
_SLIM_KEYWORDS = {"num_outputs": "filters", "kernel_size": "kernel_size", "stride": "strides", "padding": "padding",
                  "data_format": "data_format", "rate": "dilation_rate", "depth_multiplier": "depth_multiplier"}
# the keywords an enclosing `slim.arg_scope` may set that decide a layer's shape
SCOPED_KEYWORDS = ("kernel_size", "stride", "padding", "data_format", "rate", "depth_multiplier")
CHANNELS_LAST = ("NWC", "NHWC", "NDHWC")
_CHANNELS_FIRST = ("NCW", "NCHW", "NCDHW")


def _value(node: nodes.NodeNG | None) -> Any:
    if node is None:
        return shapes.UNKNOWN
    value = literal(node)
    return shapes.UNKNOWN if value is UNKNOWN else value


def _given(view: CallView, names: tuple[str, ...]) -> dict[str, Any] | None:
    """Parameter name -> its literal value (UNKNOWN where dynamic) for what the call passes after `inputs`;
    None when `*args` hides the positions. A `**kwargs` leaves every parameter it may set unknown."""
    given: dict[str, Any] = {}
    for index, arg in enumerate(view.args[1:]):
        if isinstance(arg, nodes.Starred):
            return None
        if index < len(names):
            given[names[index]] = _value(arg)
    for keyword in view.keywords:
        if keyword.arg is None:
            for name in names:
                given.setdefault(name, shapes.UNKNOWN)
        elif keyword.arg in names:
            given[keyword.arg] = _value(keyword.value)
    return given


def _padding(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else shapes.UNKNOWN if value is not None else value


def _slim_format(value: Any) -> Any:
    """slim's data_format ("NHWC", "NCHW", None = NHWC) as Keras spells it."""
    if value is None or value in CHANNELS_LAST:
        return shapes.CHANNELS_LAST
    if value in _CHANNELS_FIRST:
        return shapes.CHANNELS_FIRST
    return shapes.UNKNOWN


def tf1_layer(function: str, view: CallView) -> tuple[str, dict[str, Any]] | None:
    """`tf.layers.<function>(inputs, ...)`: (Keras kind, config); None for a function not read here."""
    found = TF1_LAYERS.get(function)
    if found is None:
        return None
    kind, names = found
    given = _given(view, names)
    if given is None:
        return kind, {name: shapes.UNKNOWN for name in names}
    config = {name: value for name, value in given.items() if name in names}
    if "padding" in config:
        config["padding"] = _padding(config["padding"])
    return kind, config


def contrib_layer(function: str, view: CallView, scoped: dict[str, Any] | None = None) -> \
        tuple[str, dict[str, Any]] | None:
    """slim / `tf.contrib.layers.<function>(inputs, ...)`: (Keras kind, config), with what enclosing
    `arg_scope`s set (`scoped`: slim keyword -> value node, or UNKNOWN); None for a function not read here.
    A separable convolution with `num_outputs=None` is its depthwise part alone (DepthwiseConv2D)."""
    found = CONTRIB_LAYERS.get(function)
    if found is None:
        return None
    kind, names, defaults = found
    given = _given(view, names)
    if given is None:
        return kind, {_SLIM_KEYWORDS.get(name, name): shapes.UNKNOWN for name in names}
    for name, value in (scoped or {}).items():
        if name in names and name not in given:
            given[name] = shapes.UNKNOWN if value is UNKNOWN else _value(value)
    pooling = "Pooling" in kind
    config: dict[str, Any] = dict(defaults)
    for name, value in given.items():
        if name not in names:
            continue
        keyword = "pool_size" if pooling and name == "kernel_size" else _SLIM_KEYWORDS[name]
        if keyword == "filters" and kind == "Dense":
            keyword = "units"
        config[keyword] = value
    if "padding" in config:
        config["padding"] = _padding(config["padding"])
    if names and "data_format" in names:
        config["data_format"] = _slim_format(config.get("data_format"))
    if kind == "SeparableConv2D" and given.get("num_outputs", shapes.UNKNOWN) is None:
        config.pop("filters", None)  # depthwise only
        return "DepthwiseConv2D", config
    return kind, config


def nn_pool(function: str, view: CallView) -> tuple[str, dict[str, Any]] | None:
    """`tf.nn.max_pool(value, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")` on a 2D map
    (ksize and strides of four, or `max_pool2d` with ints or pairs): MaxPooling2D / AveragePooling2D;
    `tf.nn.bias_add` and `tf.nn.dropout` keep the shape."""
    if function in ("bias_add", "dropout"):
        return "Identity", {}
    kind = {"max_pool": "MaxPooling2D", "max_pool2d": "MaxPooling2D", "avg_pool": "AveragePooling2D",
            "avg_pool2d": "AveragePooling2D"}.get(function)
    if kind is None:
        return None
    given = _given(view, ("ksize", "strides", "padding", "data_format"))
    if given is None:
        return None
    fmt = _slim_format(given.get("data_format"))
    sizes = [_window(given.get(name), fmt, function.endswith("2d")) for name in ("ksize", "strides")]
    padding = _padding(given.get("padding", shapes.UNKNOWN))
    if fmt is shapes.UNKNOWN or None in sizes or not isinstance(padding, str):
        return None
    return kind, {"pool_size": sizes[0], "strides": sizes[1], "padding": padding, "data_format": fmt}


def _window(value: Any, fmt: Any, two_d: bool) -> tuple[int, int] | None:
    """A tf.nn window: [1, h, w, 1] (NHWC) / [1, 1, h, w] (NCHW); `max_pool2d` also takes h or (h, w)."""
    if isinstance(value, int) and not isinstance(value, bool) and two_d:
        return value, value
    if not isinstance(value, tuple) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return None
    if len(value) == 2 and two_d:
        return value
    if len(value) == 4:
        batch, spatial, channels = (value[0], value[1:3], value[3]) if fmt == shapes.CHANNELS_LAST else \
            (value[0], value[2:], value[1])
        return spatial if batch == 1 and channels == 1 else None
    return None


def reshape_target(view: CallView) -> Any:
    """`tf.reshape(x, [-1, 28, 28, 1])`: the target shape without the batch dimension, as Keras' Reshape
    takes it; UNKNOWN unless the shape is a literal whose first entry is -1 (the batch: a literal size
    there need not be the batch) and whose other entries are literal sizes."""
    node = view.args[1] if len(view.args) > 1 and not isinstance(view.args[1], nodes.Starred) else \
        next((kw.value for kw in view.keywords if kw.arg == "shape"), None)
    value = _value(node)
    if not isinstance(value, tuple) or len(value) < 2:
        return shapes.UNKNOWN
    batch, rest = value[0], value[1:]
    if batch != -1 or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in rest):
        return shapes.UNKNOWN
    return rest


def variable_layer(kind: str, dims: Any, applied_by: CallView | None = None) -> \
        tuple[str, dict[str, Any], tuple] | None:
    """A hand-built layer's kernel of literal shape `dims` (`get_variable("w", [784, 256])` applied by
    tf.matmul, `[3, 3, 1, 32]` by tf.nn.conv2d): (Keras kind, config, input shape) whose kernel Keras
    lays out as `dims`, so its fans are those the initializer sees. Until the flow gives the input's
    spatial size, a convolution's fan is the interior one; `applied_by` (the tf.nn.conv2d call) gives
    its strides, padding, data_format and dilations where literal."""
    if not isinstance(dims, tuple) or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in dims):
        return None
    if kind == "dense" and len(dims) == 2:
        return "Dense", {"units": dims[1]}, (dims[0],)
    if kind == "conv" and 3 <= len(dims) <= 5:
        rank = len(dims) - 2
        config = {"filters": dims[-1], "kernel_size": dims[:-2], **_nn_conv(applied_by, rank)}
        spatial = (None,) * rank
        first = config.get("data_format") == shapes.CHANNELS_FIRST
        return f"Conv{rank}D", config, (dims[-2], *spatial) if first else (*spatial, dims[-2])
    return None


def _nn_conv(view: CallView | None, rank: int) -> dict[str, Any]:
    """`tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding="SAME", data_format="NHWC", dilations=...)` as Keras'
    strides, padding, data_format and dilation_rate (TF 1 and TF 2 agree on the first four positions)."""
    if view is None:
        return {name: shapes.UNKNOWN for name in ("strides", "padding")}
    given = _given(view, ("filters", "strides", "padding"))
    if given is None:
        return {name: shapes.UNKNOWN for name in ("strides", "padding")}
    extra = {kw.arg: _value(kw.value) for kw in view.keywords if kw.arg in ("data_format", "dilations")}
    fmt = _slim_format(extra.get("data_format"))
    config: dict[str, Any] = {"padding": _padding(given.get("padding", shapes.UNKNOWN)), "data_format": fmt}
    for keyword, name in (("strides", "strides"), ("dilation_rate", "dilations")):
        value = given.get(name, 1) if name == "strides" else extra.get(name, 1)
        if value is None:
            value = 1
        window = _window(value, fmt, True) if rank == 2 else value if isinstance(value, int) else None
        config[keyword] = window if window is not None else shapes.UNKNOWN
    return config
