"""Static shapes, kernel shapes and fans of Keras layers, from literal configuration values.

Shapes are tuples without the batch dimension; each dimension is an int or None (unknown).
An unknown dimension stays unknown and is never guessed: a rule that needs it answers None.

A layer's configuration is a dict of the keyword values as Keras spells them ("units",
"filters", "kernel_size", ...). A key that is absent means Keras' default. A dynamic value
is None where None is not a meaningful Keras value, or UNKNOWN anywhere (use UNKNOWN for
keys such as "strides" of a pooling layer or "output_shape" of MultiHeadAttention, where
None means something to Keras).

Every formula follows Keras 3.15: keras/src/ops/operation_utils.py
(compute_conv_output_shape, compute_pooling_output_shape, compute_reshape_output_shape),
keras/src/backend/common/backend_utils.py (compute_conv_transpose_output_shape),
keras/src/layers/core/einsum_dense.py (_analyze_split_string) and
keras/src/initializers/random_initializers.py (compute_fans).

The layer kinds are rows of one table, RULES: kind -> LayerRule(output shape, kernel shapes,
effective fan). Pure Python: no astroid, no pylint, no TensorFlow.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

Shape = tuple  # tuple[int | None, ...], batch dimension excluded
LayerConfig = dict[str, Any]


class _Unknown:
    """A configuration value only known at run time."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()
CHANNELS_LAST, CHANNELS_FIRST = "channels_last", "channels_first"

# --------------------------------------------------------------------------- config reading


def _value(config: LayerConfig, key: str, default: Any) -> Any:
    """The configured value, Keras' default when absent; UNKNOWN when dynamic."""
    return config.get(key, default)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _size(value: Any) -> bool:
    """A dimension or a count: a positive int."""
    return _is_int(value) and value > 0


def _ints(value: Any, rank: int, least: int = 1) -> tuple[int, ...] | None:
    """An int or a sequence of `rank` ints, as Keras' standardize_tuple reads them (each >= least)."""
    if _is_int(value):
        value = (value,) * rank
    if isinstance(value, (tuple, list)) and len(value) == rank and all(_is_int(v) and v >= least for v in value):
        return tuple(value)
    return None


def _data_format(config: LayerConfig) -> str | None:
    fmt = config.get("data_format", CHANNELS_LAST)
    if fmt is None:  # Keras: keras.config.image_data_format(), "channels_last" unless configured
        return CHANNELS_LAST
    return fmt if fmt in (CHANNELS_LAST, CHANNELS_FIRST) else None


def _shape(value: Any) -> Shape | None:
    if not isinstance(value, (tuple, list)):
        return None
    return tuple(v if _size(v) else None for v in value)


def _split(shape: Shape, fmt: str) -> tuple[Shape, int | None]:
    """(spatial dims, channels) of a rank-`rank` feature map."""
    if fmt == CHANNELS_LAST:
        return tuple(shape[:-1]), shape[-1]
    return tuple(shape[1:]), shape[0]


def _join(spatial: Sequence[int | None], channels: int | None, fmt: str) -> Shape:
    if fmt == CHANNELS_LAST:
        return (*spatial, channels)
    return (channels, *spatial)


def _prod(values: Sequence[int | None]) -> int | None:
    if any(v is None for v in values):
        return None
    return math.prod(values)


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class LayerRule:
    """How one layer kind maps shapes, which kernels it owns and how many inputs each output sums."""

    shape: Callable[[LayerConfig, list[Shape | None]], Shape | None]
    kernels: Callable[[LayerConfig, Shape], dict[str, tuple]] | None = None
    fan: Callable[[LayerConfig, Shape, str], float | None] | None = None
    # Keras 3 EinsumDense hands VarianceScaling initializers its input/output axes
    fan_axes: Callable[[LayerConfig, Shape, str], tuple[int, int] | None] | None = None
    params: dict = field(default_factory=dict)


def _single(fn: Callable[[LayerConfig, Shape], Shape | None]) -> Callable:
    """Lift a one-input rule: no input or an unknown rank gives None."""

    def rule(config: LayerConfig, inputs: list[Shape | None]) -> Shape | None:
        if not inputs or inputs[0] is None:
            return None
        return fn(config, tuple(inputs[0]))

    return rule


def _identity(config: LayerConfig, shape: Shape) -> Shape:
    return shape


# ----- Dense / EinsumDense


def _dense_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    units = _value(config, "units", None)
    if not shape:
        return None
    return (*shape[:-1], units if _size(units) else None)


def _dense_kernels(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
    return {"kernel": (shape[-1], _value(config, "units", None))} if shape else {}


def _dense_fan(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
    return shape[-1] if shape and kernel == "kernel" else None


_EINSUM = re.compile(r"^(?P<lead>\.\.\.)?(?P<inp>[a-zA-Z]+)(?P<trail>\.\.\.)?,(?P<w>[a-zA-Z]+)->(\.\.\.)?(?P<out>[a-zA-Z]+)(\.\.\.)?$")


@lru_cache(maxsize=512)
def _einsum(equation: str, shape: Shape, partial: tuple) -> tuple[Shape, tuple, tuple, tuple] | None:
    """(output shape, kernel shape, input axes, output axes) as Keras' _analyze_split_string."""
    match = _EINSUM.match(equation.replace(" ", ""))
    if match is None:
        return None
    inp, weight, out = match["inp"], match["w"], match["out"]
    left = bool(match["lead"])
    full_in = (None, *shape)
    elided = len(full_in) - len(inp)
    if elided < 0:
        return None
    out_shape = [None, *partial]
    if elided > 0 and left:
        # in order: Keras 3.15's static shape inserts them reversed, the computed tensor does not
        out_shape[1:1] = full_in[1:elided]
    elif elided > 0:
        out_shape.extend(full_in[len(full_in) - elided:])
    in_map = {d: (i + elided) - len(full_in) if left else i for i, d in enumerate(inp)}
    out_map = {d: i + elided if left else i for i, d in enumerate(out)}
    if len(out_shape) != len(out) + max(elided, 0):
        return None
    for d in inp:  # a shared dimension is the input's at run time
        if d in out_map and out_shape[out_map[d]] is None:
            out_shape[out_map[d]] = full_in[in_map[d]]
    kernel, in_axes, out_axes = [], [], []
    for i, d in enumerate(weight):
        if d in out_map:
            kernel.append(out_shape[out_map[d]])
            out_axes.append(i)
        elif d in in_map:
            kernel.append(full_in[in_map[d]])
            in_axes.append(i)
        else:
            return None
    return tuple(out_shape[1:]), tuple(kernel), tuple(in_axes), tuple(out_axes)


def _einsum_of(config: LayerConfig, shape: Shape) -> tuple | None:
    equation = config.get("equation")
    partial = config.get("output_shape")
    if _size(partial):
        partial = (partial,)
    if not isinstance(equation, str) or not isinstance(partial, (tuple, list)):
        return None
    return _einsum(equation, tuple(shape), tuple(p if _size(p) else None for p in partial))


def _einsum_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    found = _einsum_of(config, shape)
    return found[0] if found else None


def _einsum_kernels(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
    found = _einsum_of(config, shape)
    return {"kernel": found[1]} if found else {}


def _einsum_axes_fans(config: LayerConfig, shape: Shape, kernel: str) -> tuple[int, int] | None:
    found = _einsum_of(config, shape)
    if not found or kernel != "kernel":
        return None
    fan_in = _prod([found[1][a] for a in found[2]])
    fan_out = _prod([found[1][a] for a in found[3]])
    return None if fan_in is None or fan_out is None else (fan_in, fan_out)


def _einsum_fan(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
    fans = _einsum_axes_fans(config, shape, kernel)
    return fans[0] if fans else None


# ----- convolutions


def _conv_length(size: int | None, k: int, s: int, d: int, padding: str) -> int | None:
    if size is None:
        return None
    if padding == "valid":
        out = (size - d * (k - 1) - 1) // s + 1
        if out <= 0:
            raise ValueError("Keras raises: the output would be empty")
        return out
    if padding in ("same", "causal"):
        return (size - 1) // s + 1
    return None


def _transpose_length(size: int | None, k: int, s: int, d: int, padding: str, out_pad: int | None) -> int | None:
    """keras/src/backend/common/backend_utils.py _get_output_shape_given_tf_padding."""
    if size is None:
        return None
    k = (k - 1) * d + 1
    if padding == "valid":
        out_pad = max(k, s) - k if out_pad is None else out_pad
        return (size - 1) * s + k + out_pad
    if padding == "same":
        return size * s if out_pad is None else (size - 1) * s + k % 2 + out_pad
    return None


@dataclass(frozen=True)
class _ConvParams:
    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: str
    fmt: str
    spatial: Shape
    channels: int | None


def _conv_params(config: LayerConfig, shape: Shape, rank: int, kernel_default: Any = None) -> _ConvParams | None:
    fmt = _data_format(config)
    if fmt is None or len(shape) != rank + 1:
        return None
    kernel = _ints(_value(config, "kernel_size", kernel_default), rank)
    strides = _ints(_value(config, "strides", 1), rank)
    dilation = _ints(_value(config, "dilation_rate", 1), rank)
    padding = _value(config, "padding", "valid")
    if kernel is None or strides is None or dilation is None or not isinstance(padding, str):
        return None
    spatial, channels = _split(shape, fmt)
    return _ConvParams(kernel, strides, dilation, padding.lower(), fmt, spatial, channels)


def _out_channels(config: LayerConfig, channels: int | None, variant: str) -> int | None:
    if variant == "depthwise":
        multiplier = _value(config, "depth_multiplier", 1)
        return channels * multiplier if channels is not None and _size(multiplier) else None
    filters = _value(config, "filters", None)
    return filters if _size(filters) else None


def _conv_shape(rank: int, variant: str) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> Shape | None:
        p = _conv_params(config, shape, rank)
        if p is None:
            return None
        if variant == "transpose":
            out_pad = _value(config, "output_padding", None)
            pads = (None,) * rank if out_pad is None else _ints(out_pad, rank, least=0)
            if pads is None:
                return None
            spatial = [_transpose_length(n, k, s, d, p.padding, op)
                       for n, k, s, d, op in zip(p.spatial, p.kernel, p.strides, p.dilation, pads)]
        else:
            spatial = [_conv_length(n, k, s, d, p.padding)
                       for n, k, s, d in zip(p.spatial, p.kernel, p.strides, p.dilation)]
        return _join(spatial, _out_channels(config, p.channels, variant), p.fmt)

    return rule


def _groups(config: LayerConfig) -> int | None:
    groups = _value(config, "groups", 1)
    return groups if _is_int(groups) and groups > 0 else None


def _conv_kernels(rank: int, variant: str) -> Callable:
    """Kernel shapes as Keras builds them (keras/src/layers/convolutional/base_*conv.py)."""

    def rule(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
        p = _conv_params(config, shape, rank)
        if p is None:
            return {}
        filters = _value(config, "filters", None)
        filters = filters if _size(filters) else None
        c = p.channels
        if variant == "transpose":  # k x out x in
            return {"kernel": (*p.kernel, filters, c)}
        if variant == "depthwise":
            return {"kernel": (*p.kernel, c, _value(config, "depth_multiplier", 1)),
                    "depthwise": (*p.kernel, c, _value(config, "depth_multiplier", 1))}
        if variant == "separable":
            m = _value(config, "depth_multiplier", 1)
            mid = c * m if c is not None and _size(m) else None
            return {"depthwise": (*p.kernel, c, m), "pointwise": (*(1,) * rank, mid, filters)}
        groups = _groups(config)
        per_group = c // groups if c is not None and groups else None
        return {"kernel": (*p.kernel, per_group, filters)}

    return rule


def _conv_fan(rank: int, variant: str) -> Callable:
    """Interior outputs: how many inputs each output sums (edges of "same" padding see fewer)."""

    def rule(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
        p = _conv_params(config, shape, rank)
        if p is None:
            return None
        taps = math.prod(p.kernel)
        c = p.channels
        if variant == "transpose":
            return c * taps / math.prod(p.strides) if c is not None and kernel == "kernel" else None
        if variant == "depthwise":
            return float(taps) if kernel in ("kernel", "depthwise") else None
        if variant == "separable":
            if kernel == "depthwise":
                return float(taps)
            m = _value(config, "depth_multiplier", 1)
            return float(c * m) if kernel == "pointwise" and c is not None and _size(m) else None
        groups = _groups(config)
        return c // groups * taps if c is not None and groups and kernel == "kernel" else None

    return rule


# ----- pooling, resampling, padding, cropping


def _pool_shape(rank: int) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> Shape | None:
        fmt = _data_format(config)
        if fmt is None or len(shape) != rank + 1:
            return None
        pool = _ints(_value(config, "pool_size", 2), rank)
        strides = _value(config, "strides", None)
        strides = pool if strides is None else _ints(strides, rank)
        padding = _value(config, "padding", "valid")
        if pool is None or strides is None or not isinstance(padding, str):
            return None
        spatial, channels = _split(shape, fmt)
        out = [_pool_length(n, k, s, padding.lower()) for n, k, s in zip(spatial, pool, strides)]
        return _join(out, channels, fmt)

    return rule


def _pool_length(size: int | None, k: int, s: int, padding: str) -> int | None:
    if padding == "valid" and size is not None:
        out = (size - k) // s + 1
        if out <= 0:
            raise ValueError("Keras raises: the output would be empty")
        return out
    return _conv_length(size, k, s, 1, padding) if padding == "same" else None


def _global_pool_shape(rank: int) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> Shape | None:
        fmt = _data_format(config)
        keepdims = _value(config, "keepdims", False)
        if fmt is None or len(shape) != rank + 1 or not isinstance(keepdims, bool):
            return None
        _, channels = _split(shape, fmt)
        return _join((1,) * rank, channels, fmt) if keepdims else (channels,)

    return rule


def _adaptive_pool_shape(rank: int) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> Shape | None:
        fmt = _data_format(config)
        size = _ints(_value(config, "output_size", None), rank)
        if fmt is None or size is None or len(shape) != rank + 1:
            return None
        return _join(size, _split(shape, fmt)[1], fmt)

    return rule


def _upsampling_shape(rank: int) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> Shape | None:
        fmt = CHANNELS_LAST if rank == 1 else _data_format(config)
        size = _ints(_value(config, "size", 2), rank)
        if fmt is None or size is None or len(shape) != rank + 1:
            return None
        spatial, channels = _split(shape, fmt)
        return _join([None if n is None else n * f for n, f in zip(spatial, size)], channels, fmt)

    return rule


def _pairs(value: Any, rank: int) -> tuple[tuple[int, int], ...] | None:
    """ZeroPadding/Cropping amounts: int, (sym, ...) or ((lo, hi), ...); 1D: int or (lo, hi)."""
    if _is_int(value) and value >= 0:
        return ((value, value),) * rank
    if not isinstance(value, (tuple, list)):
        return None
    if rank == 1 and len(value) == 2 and all(_is_int(v) and v >= 0 for v in value):
        return (tuple(value),)
    if len(value) != rank:
        return None
    out = []
    for item in value:
        if _is_int(item) and item >= 0:
            out.append((item, item))
        elif isinstance(item, (tuple, list)) and len(item) == 2 and all(_is_int(v) and v >= 0 for v in item):
            out.append(tuple(item))
        else:
            return None
    return tuple(out)


def _pad_shape(rank: int, key: str, default: Any, sign: int) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> Shape | None:
        fmt = CHANNELS_LAST if rank == 1 else _data_format(config)
        amounts = _pairs(_value(config, key, default), rank)
        if fmt is None or amounts is None or len(shape) != rank + 1:
            return None
        spatial, channels = _split(shape, fmt)
        out = [None if n is None else n + sign * (lo + hi) for n, (lo, hi) in zip(spatial, amounts)]
        if any(n is not None and n <= 0 for n in out):
            return None
        return _join(out, channels, fmt)

    return rule


# ----- reshaping


def _flatten_shape(config: LayerConfig, shape: Shape) -> Shape:
    return (_prod(shape),)


def _reshape_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    target = config.get("target_shape")
    if not isinstance(target, (tuple, list)):
        return None
    target = tuple(t if _size(t) or (_is_int(t) and t == -1) else None for t in target)
    if target.count(-1) > 1:
        return None
    size = _prod(shape)
    if -1 not in target:
        return target
    known = _prod([t for t in target if t != -1])
    if size is None or known is None or known == 0 or size % known:
        return tuple(None if t == -1 else t for t in target)
    return tuple(size // known if t == -1 else t for t in target)


def _permute_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    dims = config.get("dims")
    if not isinstance(dims, (tuple, list)) or sorted(d for d in dims if _is_int(d)) != list(range(1, len(shape) + 1)):
        return None
    return tuple(shape[d - 1] for d in dims)


def _repeat_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    n = config.get("n")
    if len(shape) != 1:
        return None
    return (n if _size(n) else None, shape[0])


# ----- merges


def _axis_index(axis: Any, rank: int) -> int | None:
    """A batch-inclusive Keras axis as an index into a batch-less shape."""
    if not _is_int(axis):
        return None
    index = axis - 1 if axis > 0 else rank + axis
    return index if 0 <= index < rank else None


def _concat_shape(config: LayerConfig, inputs: list[Shape | None]) -> Shape | None:
    if not inputs or any(s is None for s in inputs) or len({len(s) for s in inputs}) != 1:
        return None
    rank = len(inputs[0])
    axis = _axis_index(_value(config, "axis", -1), rank)
    if axis is None:
        return None
    out = []
    for i in range(rank):
        dims = [s[i] for s in inputs]
        if i == axis:
            out.append(None if None in dims else sum(dims))
        else:
            known = [d for d in dims if d is not None]
            out.append(known[0] if known else None)
    return tuple(out)


def _broadcast(a: int | None, b: int | None) -> int | None:
    if a == 1:
        return b
    if b == 1:
        return a
    return a if a is not None else b  # equal at run time, or the unknown one broadcasts to it


def _elementwise_shape(config: LayerConfig, inputs: list[Shape | None]) -> Shape | None:
    if not inputs or any(s is None for s in inputs):
        return None
    out = list(inputs[0])
    for shape in inputs[1:]:
        if len(shape) != len(out):
            if len(shape) > len(out):
                out = [1] * (len(shape) - len(out)) + out
            else:
                shape = (1,) * (len(out) - len(shape)) + tuple(shape)
        out = [_broadcast(a, b) for a, b in zip(out, shape)]
    return tuple(out)


# ----- embedding, recurrent, attention, wrappers


def _embedding_shape(config: LayerConfig, shape: Shape) -> Shape:
    dim = _value(config, "output_dim", None)
    return (*shape, dim if _size(dim) else None)


def _embedding_kernels(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
    return {"embeddings": (_value(config, "input_dim", None), _value(config, "output_dim", None))}


def _embedding_fan(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
    return 1.0 if kernel in ("embeddings", "kernel") else None  # a lookup copies one row


def _rnn_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    units = _value(config, "units", None)
    units = units if _size(units) else None
    sequences = _value(config, "return_sequences", False)
    if len(shape) != 2 or not isinstance(sequences, bool):
        return None
    return (shape[0], units) if sequences else (units,)


def _rnn_kernels(gates: int) -> Callable:
    def rule(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
        units = _value(config, "units", None)
        if len(shape) != 2 or not _size(units):
            return {}
        return {"kernel": (shape[-1], gates * units), "recurrent_kernel": (units, gates * units)}

    return rule


def _rnn_fan(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
    units = _value(config, "units", None)
    if kernel == "kernel" and len(shape) == 2:
        return shape[-1]
    if kernel == "recurrent_kernel" and _size(units):
        return float(units)
    return None


def _inner(config: LayerConfig) -> tuple[str, LayerConfig] | None:
    layer = config.get("layer")
    if isinstance(layer, (tuple, list)) and len(layer) == 2 and isinstance(layer[0], str) and isinstance(layer[1], dict):
        return layer[0], layer[1]
    return None


def _bidirectional_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    inner = _inner(config)
    mode = _value(config, "merge_mode", "concat")
    if inner is None:
        return None
    out = output_shape(inner[0], inner[1], [shape])
    if out is None or mode is None or not out:  # merge_mode=None returns two outputs
        return None
    if mode == "concat":
        return (*out[:-1], None if out[-1] is None else 2 * out[-1])
    return out if mode in ("sum", "mul", "ave") else None


def _time_distributed_shape(config: LayerConfig, shape: Shape) -> Shape | None:
    inner = _inner(config)
    if inner is None or not shape:
        return None
    out = output_shape(inner[0], inner[1], [shape[1:]])
    return None if out is None else (shape[0], *out)


def _wrapped_kernels(per_step: bool) -> Callable:
    """The wrapped layer's kernels (TimeDistributed: it sees one time step)."""

    def rule(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
        inner = _inner(config)
        inner_rule = RULES.get(inner[0]) if inner else None
        if inner_rule is None or inner_rule.kernels is None:
            return {}
        return inner_rule.kernels(inner[1], shape[1:] if per_step else shape)

    return rule


def _wrapped_fan(per_step: bool) -> Callable:
    def rule(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
        inner = _inner(config)
        if inner is None:
            return None
        return effective_fan(inner[0], inner[1], shape[1:] if per_step else shape, kernel)

    return rule


def _mha_shape(config: LayerConfig, inputs: list[Shape | None]) -> Shape | None:
    if not inputs or inputs[0] is None or not inputs[0]:
        return None
    query = inputs[0]
    out = config.get("output_shape")
    if out is UNKNOWN:
        return None
    if out is None:
        return query
    if _size(out):
        return (*query[:-1], out)
    shaped = _shape(out)
    return None if shaped is None else (*query[:-1], *shaped)


def _mha_dims(config: LayerConfig) -> tuple[int, int, int] | None:
    heads, key_dim = config.get("num_heads"), config.get("key_dim")
    value_dim = config.get("value_dim") or key_dim
    if not (_size(heads) and _size(key_dim) and _size(value_dim)):
        return None
    return heads, key_dim, value_dim


def _mha_kernels(config: LayerConfig, shape: Shape) -> dict[str, tuple]:
    """Query-side kernels from the query's shape (key/value kernels read the key/value inputs)."""
    dims = _mha_dims(config)
    if dims is None or not shape:
        return {}
    heads, key_dim, value_dim = dims
    out = config.get("output_shape")
    out_dim = shape[-1] if out is None else (out if _size(out) else None)
    d = shape[-1]
    return {"query": (d, heads, key_dim), "key": (d, heads, key_dim), "value": (d, heads, value_dim),
            "attention_output": (heads, value_dim, out_dim)}


def _mha_fan(config: LayerConfig, shape: Shape, kernel: str) -> float | None:
    dims = _mha_dims(config)
    if dims is None or not shape:
        return None
    if kernel in ("query", "key", "value"):
        return shape[-1]
    if kernel == "attention_output":
        return float(dims[0] * dims[2])
    return None


def _mha_axes_fans(config: LayerConfig, shape: Shape, kernel: str) -> tuple[int, int] | None:
    """The sub-layers are EinsumDense: Keras 3 hands VarianceScaling their input/output axes."""
    kernels = _mha_kernels(config, shape)
    k = kernels.get(kernel)
    if k is None or any(v is None for v in k):
        return None
    if kernel == "attention_output":
        return k[0] * k[1], k[2]
    return k[0], k[1] * k[2]


# --------------------------------------------------------------------------- rows

IDENTITY_KINDS = (
    # normalization
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
    "RMSNormalization", "SyncBatchNormalization", "SpectralNormalization",
    # dropout and noise
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
    "GaussianDropout", "GaussianNoise",
    # activations
    "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax", "ThresholdedReLU",
    # others that keep the shape
    "ActivityRegularization", "Masking", "Identity", "InputLayer",
)

RULES: dict[str, LayerRule] = {
    "Dense": LayerRule(_single(_dense_shape), _dense_kernels, _dense_fan),
    "EinsumDense": LayerRule(_single(_einsum_shape), _einsum_kernels, _einsum_fan, _einsum_axes_fans),
    "Embedding": LayerRule(_single(_embedding_shape), _embedding_kernels, _embedding_fan),
    "SimpleRNN": LayerRule(_single(_rnn_shape), _rnn_kernels(1), _rnn_fan),
    "GRU": LayerRule(_single(_rnn_shape), _rnn_kernels(3), _rnn_fan),
    "LSTM": LayerRule(_single(_rnn_shape), _rnn_kernels(4), _rnn_fan),
    "Bidirectional": LayerRule(_single(_bidirectional_shape), _wrapped_kernels(False), _wrapped_fan(False)),
    "TimeDistributed": LayerRule(_single(_time_distributed_shape), _wrapped_kernels(True), _wrapped_fan(True)),
    "MultiHeadAttention": LayerRule(_mha_shape, _mha_kernels, _mha_fan, _mha_axes_fans),
    "Flatten": LayerRule(_single(_flatten_shape)),
    "Reshape": LayerRule(_single(_reshape_shape)),
    "Permute": LayerRule(_single(_permute_shape)),
    "RepeatVector": LayerRule(_single(_repeat_shape)),
    "Concatenate": LayerRule(_concat_shape),
    **{kind: LayerRule(_elementwise_shape)
       for kind in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")},
    **{kind: LayerRule(_single(_identity)) for kind in IDENTITY_KINDS},
}

for _rank in (1, 2, 3):
    RULES[f"Conv{_rank}D"] = LayerRule(_single(_conv_shape(_rank, "conv")), _conv_kernels(_rank, "conv"),
                                       _conv_fan(_rank, "conv"), params={"rank": _rank})
    RULES[f"Conv{_rank}DTranspose"] = LayerRule(
        _single(_conv_shape(_rank, "transpose")), _conv_kernels(_rank, "transpose"),
        _conv_fan(_rank, "transpose"), params={"rank": _rank, "transpose": True})
    RULES[f"UpSampling{_rank}D"] = LayerRule(_single(_upsampling_shape(_rank)))
    RULES[f"ZeroPadding{_rank}D"] = LayerRule(_single(_pad_shape(_rank, "padding", 1 if _rank == 1 else (1,) * _rank, 1)))
    RULES[f"Cropping{_rank}D"] = LayerRule(_single(_pad_shape(
        _rank, "cropping", {1: (1, 1), 2: ((0, 0), (0, 0)), 3: ((1, 1), (1, 1), (1, 1))}[_rank], -1)))
    for _name in ("MaxPooling", "AveragePooling", "MaxPool", "AvgPool"):
        RULES[f"{_name}{_rank}D"] = LayerRule(_single(_pool_shape(_rank)))
    for _name in ("GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool", "GlobalAvgPool"):
        RULES[f"{_name}{_rank}D"] = LayerRule(_single(_global_pool_shape(_rank)))
    for _name in ("AdaptiveAveragePooling", "AdaptiveMaxPooling"):
        RULES[f"{_name}{_rank}D"] = LayerRule(_single(_adaptive_pool_shape(_rank)))
for _rank in (1, 2):
    RULES[f"DepthwiseConv{_rank}D"] = LayerRule(
        _single(_conv_shape(_rank, "depthwise")), _conv_kernels(_rank, "depthwise"),
        _conv_fan(_rank, "depthwise"), params={"rank": _rank})
    RULES[f"SeparableConv{_rank}D"] = LayerRule(
        _single(_conv_shape(_rank, "separable")), _conv_kernels(_rank, "separable"),
        _conv_fan(_rank, "separable"), params={"rank": _rank})
RULES["Convolution1D"], RULES["Convolution2D"], RULES["Convolution3D"] = (
    RULES["Conv1D"], RULES["Conv2D"], RULES["Conv3D"])
RULES["Convolution2DTranspose"], RULES["Convolution3DTranspose"] = RULES["Conv2DTranspose"], RULES["Conv3DTranspose"]
RULES["SeparableConvolution1D"], RULES["SeparableConvolution2D"] = RULES["SeparableConv1D"], RULES["SeparableConv2D"]

# kernels named "kernel" by default per kind (separable convs need "depthwise"/"pointwise")
_DEFAULT_KERNEL = {"Embedding": "embeddings", "MultiHeadAttention": "query"}

# --------------------------------------------------------------------------- public API


def output_shape(kind: str, config: LayerConfig, inputs: list[Shape | None]) -> Shape | None:
    """The layer's output shape (no batch dim), or None where it cannot be computed statically."""
    rule = RULES.get(kind)
    if rule is None or not isinstance(config, dict) or not isinstance(inputs, (list, tuple)):
        return None
    try:
        return rule.shape(config, [_shape(s) for s in inputs])
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError, RecursionError):
        return None


def kernel_shape(kind: str, config: LayerConfig, input_shape: Shape | None, kernel: str = "kernel") -> tuple | None:
    """The shape of the named kernel as Keras builds it; None when any dimension is unknown."""
    rule = RULES.get(kind)
    if rule is None or rule.kernels is None or input_shape is None or not isinstance(config, dict):
        return None
    try:
        shape = rule.kernels(config, _shape(input_shape)).get(kernel)
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError):
        return None
    if shape is None or not all(_is_int(d) and d > 0 for d in shape):
        return None
    return tuple(shape)


def compute_fans(shape: Sequence[int]) -> tuple[int, int]:
    """keras/src/initializers/random_initializers.py compute_fans (without input/output axes)."""
    shape = tuple(shape)
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


def keras_fans(kind: str, config: LayerConfig, input_shape: Shape | None,
               kernel: str | None = None) -> tuple[int, int] | None:
    """(fan_in, fan_out) as the kernel's VarianceScaling initializer computes them in Keras 3.

    EinsumDense (and MultiHeadAttention's EinsumDense sub-layers) pass their input/output axes
    to VarianceScaling in Keras 3.15; tf-keras does not (its fans come from compute_fans on
    the kernel shape: use compute_fans(kernel_shape(...)) there).
    """
    kernel = kernel or _DEFAULT_KERNEL.get(kind, "kernel")
    rule = RULES.get(kind)
    if rule is None or input_shape is None:
        return None
    if rule.fan_axes is not None:
        try:
            return rule.fan_axes(config, _shape(input_shape), kernel)
        except (TypeError, ValueError, IndexError):
            return None
    shape = kernel_shape(kind, config, input_shape, kernel)
    return None if shape is None else compute_fans(shape)


def effective_fan(kind: str, config: LayerConfig, input_shape: Shape | None, kernel: str = "kernel") -> float | None:
    """How many inputs each (interior) output sums: the n in q_pre = n * Var(W) * q_in.

    Dense: in; ConvND: in_channels/groups * prod(kernel); ConvNDTranspose:
    in_channels * prod(kernel) / prod(strides); depthwise: prod(kernel); separable:
    "depthwise" prod(kernel), "pointwise" in_channels * depth_multiplier. At the edges of a
    "same"-padded map outputs sum fewer inputs: mean_fan averages over positions.
    """
    if kernel == "kernel":
        kernel = _DEFAULT_KERNEL.get(kind, "kernel")
    rule = RULES.get(kind)
    if rule is None or rule.fan is None or input_shape is None or not isinstance(config, dict):
        return None
    try:
        fan = rule.fan(config, _shape(input_shape), kernel)
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError, RecursionError):
        return None
    if fan is None or not isinstance(fan, (int, float)) or fan <= 0:
        return None
    return float(fan)


def _pad_left(size: int, out: int, k: int, s: int, d: int, padding: str) -> int:
    """TensorFlow's leading padding of a forward convolution from `size` to `out` positions."""
    if padding == "causal":
        return (k - 1) * d
    if padding == "same":
        return max((out - 1) * s + (k - 1) * d + 1 - size, 0) // 2
    return 0


def _count(n: int, s: int, offset: int, limit: int) -> int:
    """How many i in [0, n) put i * s + offset in [0, limit)."""
    low = max(0, (-offset + s - 1) // s)  # ceil(-offset / s)
    high = min(n - 1, (limit - 1 - offset) // s)
    return max(0, high - low + 1)


@lru_cache(maxsize=4096)
def _mean_taps(size: int, k: int, s: int, d: int, padding: str, transpose: bool, out: int) -> float:
    """Average over output positions of the kernel taps that land on the input (O(k))."""
    if transpose:  # the adjoint of the forward conv from `out` positions to `size`
        pad = _pad_left(out, size, k, s, d, padding)  # pylint: disable=arguments-out-of-order
        hits = sum(_count(size, s, t * d - pad, out) for t in range(k))
    else:
        pad = _pad_left(size, out, k, s, d, padding)
        hits = sum(_count(out, s, t * d - pad, size) for t in range(k))
    return hits / out


def mean_fan(kind: str, config: LayerConfig, input_shape: Shape | None, kernel: str = "kernel") -> float | None:
    """effective_fan averaged over output positions: the edges of "same" padding and of a
    transposed convolution's output sum fewer inputs. Equals effective_fan for Dense, for
    "valid" convolutions and where a spatial dimension is unknown (then the interior value)."""
    fan = effective_fan(kind, config, input_shape, kernel)
    rule = RULES.get(kind)
    if fan is None or rule is None or "rank" not in rule.params:
        return fan
    if kind.startswith("SeparableConv") and kernel == "pointwise":
        return fan
    rank, transpose = rule.params["rank"], rule.params.get("transpose", False)
    p = _conv_params(config, _shape(input_shape), rank)
    out = output_shape(kind, config, [input_shape])
    if p is None or out is None:
        return fan
    out_spatial, _ = _split(out, p.fmt)
    if any(n is None for n in (*p.spatial, *out_spatial)):
        return fan
    factor = 1.0
    for n, o, k, s, d in zip(p.spatial, out_spatial, p.kernel, p.strides, p.dilation):
        interior = k / s if transpose else k
        factor *= _mean_taps(n, k, s, d, p.padding, transpose, o) / interior
    return fan * factor


def known_kinds() -> frozenset[str]:
    """Every layer kind the shape rules know."""
    return frozenset(RULES)
