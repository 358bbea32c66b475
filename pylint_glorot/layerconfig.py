"""A layer call's literal configuration, as `network.shapes` reads it (keywords spelled as Keras does).

A keyword the call does not give is left out (Keras' default applies); one the source gives
but does not fix (a variable, `**kwargs`) maps to `shapes.UNKNOWN`: unknown, never guessed
(None is a real Keras value for some keywords: pooling strides, merge_mode).
"""

from __future__ import annotations

import re
from typing import Any

from astroid import nodes

from pylint_glorot.network import shapes
from pylint_glorot.resolve import UNKNOWN, CallView, call_view, keras_member, literal, qualified_name

# Positional parameters after `self`, per layer family (Keras 3 signatures).
_CONV = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate")
_POOL = ("pool_size", "strides", "padding", "data_format")
_POSITIONS: list[tuple[str, tuple[str, ...]]] = [
    (r"Dense", ("units", "activation")),
    (r"EinsumDense", ("equation", "output_shape", "activation")),
    (r"(Conv|Convolution)[123]D(Transpose)?", _CONV),
    (r"(SeparableConv|SeparableConvolution)[12]D", ("filters", "kernel_size", "strides", "padding", "data_format",
                                                   "dilation_rate", "depth_multiplier")),
    (r"DepthwiseConv[12]D", ("kernel_size", "strides", "padding", "depth_multiplier", "data_format",
                             "dilation_rate")),
    (r"(Max|Average|Avg)Pool(ing)?[123]D", _POOL),
    (r"Global(Max|Average|Avg)Pool(ing)?[123]D", ("data_format", "keepdims")),
    (r"Flatten", ("data_format",)),
    (r"Reshape", ("target_shape",)),
    (r"Permute", ("dims",)),
    (r"RepeatVector", ("n",)),
    (r"UpSampling[123]D", ("size",)),
    (r"ZeroPadding[123]D", ("padding", "data_format")),
    (r"Cropping[123]D", ("cropping", "data_format")),
    (r"Concatenate", ("axis",)),
    (r"Embedding", ("input_dim", "output_dim")),
    (r"(SimpleRNN|GRU|LSTM)", ("units", "activation")),
    (r"ConvLSTM[123]D", _CONV),
    (r"Bidirectional", ("layer", "merge_mode")),
    (r"MultiHeadAttention", ("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape")),
]
_KEYWORDS = frozenset(
    {"units", "filters", "kernel_size", "strides", "padding", "dilation_rate", "data_format", "depth_multiplier",
     "return_sequences", "merge_mode", "target_shape", "dims", "size", "output_shape", "equation", "output_dim",
     "input_dim", "pool_size", "axis", "n", "cropping", "keepdims", "num_heads", "key_dim", "value_dim",
     "return_state", "bias_axes"}
)
_ALIASES = {"Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
            "Convolution2DTranspose": "Conv2DTranspose", "Convolution3DTranspose": "Conv3DTranspose",
            "SeparableConvolution1D": "SeparableConv1D", "SeparableConvolution2D": "SeparableConv2D"}
_POOL_ALIAS = re.compile(r"^(Max|Average|Avg)Pool([123]D)$")
_GLOBAL_POOL_ALIAS = re.compile(r"^Global(Max|Average|Avg)Pool([123]D)$")


def keras_kind(class_name: str) -> str:
    """The class name `network.shapes` knows (Keras' aliases folded: MaxPool2D -> MaxPooling2D)."""
    name = _ALIASES.get(class_name, class_name)
    match = _POOL_ALIAS.match(name)
    if match:
        return f"{'Average' if match.group(1) != 'Max' else 'Max'}Pooling{match.group(2)}"
    match = _GLOBAL_POOL_ALIAS.match(name)
    if match:
        return f"Global{'Average' if match.group(1) != 'Max' else 'Max'}Pooling{match.group(2)}"
    return name


def _positions(class_name: str) -> tuple[str, ...]:
    for pattern, names in _POSITIONS:
        if re.fullmatch(pattern, class_name):
            return names
    return ()


def _value(node: nodes.NodeNG) -> Any:
    value = literal(node)
    return shapes.UNKNOWN if value is UNKNOWN else value


def _wrapped(node: nodes.NodeNG) -> Any:
    """Bidirectional(LSTM(64)): the wrapped layer as (kind, config)."""
    if isinstance(node, nodes.Call):
        member = keras_member(qualified_name(node.func))
        if member and member[0] in ("layers", ""):
            kind = keras_kind(member[1])
            return (kind, layer_config(node, kind))
    return shapes.UNKNOWN


def layer_config(call: nodes.Call | CallView, class_name: str) -> dict[str, Any]:
    """The literal keywords of a layer call that decide its output shape and fans."""
    view = call if isinstance(call, CallView) else call_view(call)
    config: dict[str, Any] = {}
    positions = _positions(class_name)
    for index, arg in enumerate(view.args):
        if isinstance(arg, nodes.Starred):
            return {name: shapes.UNKNOWN for name in positions}  # *args: every positional is unknown
        if index < len(positions):
            config[positions[index]] = _wrapped(arg) if positions[index] == "layer" else _value(arg)
    dynamic = False
    for keyword in view.keywords:
        if keyword.arg is None:
            dynamic = True
        elif keyword.arg == "layer":
            config["layer"] = _wrapped(keyword.value)
        elif keyword.arg in _KEYWORDS:
            config[keyword.arg] = _value(keyword.value)
    if dynamic:  # **kwargs may set anything the call does not set itself
        for name in positions:
            config.setdefault(name, shapes.UNKNOWN)
    return config


def declared_input_shape(call: nodes.Call | CallView, positional: bool = False) -> tuple | None:
    """`input_shape=(28, 28, 1)`, `batch_input_shape=(None, 8)`, `input_dim=8` (shape without batch).

    `positional`: the call is `Input`/`InputLayer`, whose first positional parameter is the shape
    (Keras 3 `Input(shape)`, `InputLayer(shape)`; tf-keras `Input(shape)`, `InputLayer(input_shape)`)."""
    view = call if isinstance(call, CallView) else call_view(call)
    if positional and view.args and not isinstance(view.args[0], nodes.Starred):
        shape = _shape(literal(view.args[0]))
        if shape is not None:
            return shape
    for keyword in view.keywords:
        if keyword.arg in ("input_shape", "shape", "batch_input_shape", "batch_shape"):
            shape = _shape(literal(keyword.value), batch=keyword.arg.startswith("batch"))
            if shape is not None:
                return shape
        if keyword.arg == "input_dim":
            value = literal(keyword.value)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return (value,)
    return None


def _shape(value: Any, batch: bool = False) -> tuple | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value,)
    if not isinstance(value, tuple) or not value:
        return None
    if batch:
        value = value[1:]
    if not all(d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in value):
        return None
    return value or None


def build_shape(value: nodes.NodeNG) -> tuple | None:
    """`(None, 784)` given to `model.build(...)`: the shape without the batch dimension."""
    return _shape(literal(value), batch=True)


def config_nodes(view: CallView, class_name: str) -> dict[str, nodes.NodeNG]:
    """The argument node behind each config keyword `layer_config` reads, and `activation`
    (a loop binds them one pass at a time: `for units in [64, 32]: Dense(units)`)."""
    found: dict[str, nodes.NodeNG] = {}
    positions = _positions(class_name)
    for index, arg in enumerate(view.args):
        if isinstance(arg, nodes.Starred):
            return {}
        if index < len(positions):
            found[positions[index]] = arg
    for keyword in view.keywords:
        if keyword.arg in _KEYWORDS or keyword.arg == "activation":
            found[keyword.arg] = keyword.value
    return found
