"""Measure a built Keras model: seeded forward/backward passes, per weighted layer.

Backend-neutral (keras and keras.ops); the gradients come from backends.py. Only the child
process imports this module.

Per weighted layer (a Keras layer class the static pass knows, e.g. Dense, Conv2D, LSTM):
- its real kernel initializer and activation (its own, or the activation that follows it);
- the forward second moment m = mean(x**2) of its input and of its activation's output, and
  their ratio, the forward gain;
- the variance of its kernel's gradient for a random linear readout loss (readout_loss);
- the spread across units of its output and of its kernel gradient (zero: identical units);
- the weighted layer that feeds it (through activation, dropout, pooling, reshaping layers),
  and whether a normalization lies in between.
Where the model has a Keras graph (functional models, Sequential with an input), the
structure comes from that graph (graph.py); for layers outside any graph (a subclassed
model's call()) from the recorded calls. The model runs in training mode (BatchNormalization
uses batch statistics, as in the first training step) with Dropout and noise layers forced
off, on N(0, 1) inputs.
"""

from __future__ import annotations

import importlib
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import keras
import numpy as np
from keras import ops

from pylint_glorot import knowledge as K
from pylint_glorot.runtime import backends
from pylint_glorot.runtime.graph import ModelGraph, Step

_NOISE = re.compile(r"^(Dropout|SpatialDropout[123]D|AlphaDropout|GaussianDropout|GaussianNoise)$")
_ALIASES = {"swish": "silu", "hard_swish": "hard_silu"}
READOUT_UNITS = 16  # readouts per pass: enough that they cover about this many output values per sample
MAX_READOUTS = 8


# --------------------------------------------------------------------------- layer anatomy


def class_names(layer: Any) -> list[str]:
    return [cls.__name__ for cls in type(layer).__mro__]


def layer_spec(layer: Any) -> tuple[str, K.LayerSpec] | None:
    """The Keras class a layer is (or derives from) among those whose kernels the rules judge."""
    if not isinstance(layer, keras.layers.Layer):
        return None
    for name in class_names(layer):
        if name in K.LAYERS:
            return name, K.LAYERS[name]
    return None


def judged_keyword(spec: K.LayerSpec) -> str:
    return spec.judged_keyword or spec.kernel_keywords[0]


def _holders(layer: Any) -> Iterator[Any]:
    yield layer
    cell = getattr(layer, "cell", None)
    if cell is not None:
        yield cell


def own_variables(holder: Any) -> list[Any]:
    """The variables a layer itself declares (not its sublayers')."""
    own = list(getattr(holder, "_trainable_variables", []) or []) + \
        list(getattr(holder, "_non_trainable_variables", []) or [])
    return own or list(getattr(holder, "weights", []) or [])


def kernel(layer: Any, keyword: str) -> Any | None:
    """The variable an initializer keyword fills, among the variables the layer (or its RNN cell)
    declares: kernel_initializer -> `kernel`, pointwise_initializer -> `pointwise_kernel`, ...; a
    layer with a single kernel keyword whose weight is plainly `kernel` (Keras 3's
    DepthwiseConv2D names its depthwise kernel so) gives that one."""
    base = keyword.removesuffix("_initializer")
    wanted = "kernel" if base == "kernel" else f"{base}_kernel"
    spec = layer_spec(layer)
    single = spec is not None and spec[1].kernel_keywords == (keyword,)
    for holder in _holders(layer):
        by_name = {getattr(v, "name", ""): v for v in own_variables(holder)}
        if wanted in by_name:
            return by_name[wanted]
        if single and "kernel" in by_name:
            return by_name["kernel"]
    return None


def initializer(layer: Any, keyword: str) -> Any:
    for holder in _holders(layer):
        value = getattr(holder, keyword, None)
        if value is not None:
            return value
    return None


def describe_initializer(init: Any) -> dict[str, Any]:
    """Class, and scale/mode/distribution/seed for the VarianceScaling family."""
    if init is None:
        return {"class": None, "kind": "none"}
    if isinstance(init, str):
        return {"class": init, "kind": "string"}
    if isinstance(init, keras.initializers.Initializer):
        described: dict[str, Any] = {"class": type(init).__name__, "kind": "initializer"}
    else:  # a user function (shape, dtype) -> tensor
        described = {"class": getattr(init, "__name__", type(init).__name__), "kind": "function"}
    if isinstance(init, keras.initializers.VarianceScaling):
        seed = getattr(init, "_init_seed", None)
        described.update(scale=float(init.scale), mode=init.mode, distribution=init.distribution,
                         seed=seed if isinstance(seed, int) else None)
    elif isinstance(init, keras.initializers.Constant):
        described["value"] = float(np.asarray(init.value).ravel()[0]) if np.asarray(init.value).size == 1 else None
    elif isinstance(init, keras.initializers.Initializer):
        config = init.get_config()
        for key in ("mean", "stddev", "minval", "maxval", "gain", "value"):
            if isinstance(config.get(key), (int, float)):
                described[key] = float(config[key])
        seed = getattr(init, "_init_seed", config.get("seed"))
        if isinstance(seed, int):
            described["seed"] = seed
    return described


def _plain(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (bool, int, float, str)) or v is None for v in value):
        return list(value)
    return None


def describe(layer: Any, structure: Structure | None, shape_in: list[int | None] | None,
             batch: int = 1) -> dict[str, Any] | None:
    """The layer as the network core reads one (predict.py): class, config, input shape, kernels."""
    spec = layer_spec(layer)
    if spec is None or structure is None:
        return None
    try:
        config = {k: _plain(v) for k, v in layer.get_config().items() if _plain(v) is not None}
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        config = {}
    kernels = {}
    for keyword in spec[1].kernel_keywords:
        variable, init = kernel(layer, keyword), initializer(layer, keyword)
        if variable is None:
            continue
        described: dict[str, Any] = {"class": type(init).__name__ if init is not None else None}
        if isinstance(init, keras.initializers.Initializer):
            described["config"] = {k: _plain(v) for k, v in init.get_config().items() if _plain(v) is not None}
            if isinstance(init, keras.initializers.VarianceScaling):  # GlorotUniform's config holds only its seed
                described["config"].update(scale=float(init.scale), mode=init.mode, distribution=init.distribution)
        kernels[variable.name] = {"initializer": described, "shape": [int(d) for d in variable.shape]}
    units = [found["shape"][-1] for found in kernels.values() if found["shape"]]
    return {"kind": spec[0], "config": config, "input_shape": shape_in, "kernels": kernels,
            "values": batch * units[-1] if units else None,
            "activation": structure.activation, "between": structure.between, "normalized": structure.normalized}


def activation_name(function: Any) -> str:
    name = getattr(function, "__name__", None) or type(function).__name__
    return _ALIASES.get(name, name)


def own_activation(layer: Any) -> str | None:
    for holder in _holders(layer):
        function = getattr(holder, "activation", None)
        if function is not None and callable(function):
            return activation_name(function)
    return None


def activation_layer(layer: Any) -> str | None:
    """The activation an activation layer applies (ReLU, LeakyReLU, PReLU, ELU, Softmax, Activation)."""
    names = class_names(layer)
    if "Activation" in names:
        return activation_name(layer.activation)
    for name in names:
        if name in K.ACTIVATION_LAYERS:
            if name == "LeakyReLU":
                slope = getattr(layer, "negative_slope", None)
                return f"leaky_relu:{slope:g}" if isinstance(slope, (int, float)) else "leaky_relu"
            return K.ACTIVATION_LAYERS[name]
    return None


def op_activation(op: Any) -> str | None:
    """The activation a functional-graph op applies: keras.ops.relu(x) on a symbolic x is a Relu op."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", type(op).__name__).lower()
    name = _ALIASES.get(name, name)
    return name if name in K.ACTIVATION_FAMILIES else None


def role(op: Any) -> str:
    """weighted | activation | norm | pass | other, for a layer or a graph operation."""
    if not isinstance(op, keras.layers.Layer):
        return "activation" if op_activation(op) else "other"
    if layer_spec(op) is not None:
        return "weighted"
    if activation_layer(op) is not None:
        return "activation"
    names = class_names(op)
    if any(name in K.NORMALIZATION_LAYERS for name in names):
        return "norm"
    if K.is_passthrough_layer(names[0]):
        return "pass"
    return "other"


def activation_of(op: Any) -> str | None:
    return activation_layer(op) if isinstance(op, keras.layers.Layer) else op_activation(op)


# --------------------------------------------------------------------------- recording calls


@dataclass(eq=False)
class Call:
    op: Any  # the Keras layer or graph operation; None for an activation applied as a function
    input: Any  # the one input tensor, or None (several inputs: a merge)
    output: Any  # the output tensor (the first one when a layer returns several)
    function: str | None = None  # the activation a function applies (tf.nn.relu(x), keras.ops.relu(x))

    @property
    def role(self) -> str:
        return role(self.op) if self.op is not None else ("activation" if self.function else "other")

    @property
    def activation(self) -> str | None:
        return self.function if self.op is None else activation_of(self.op)


# Activation functions user code may call between layers (a subclassed model's call()): recorded
# like activation layers when the innermost layer running is the user's own class, not a Keras one.
ACTIVATION_FUNCTIONS = {
    ("tf", "nn"): ("relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "swish", "softsign", "sigmoid", "tanh"),
    ("tf", "math"): ("tanh", "sigmoid", "softsign"),
    ("tf",): ("tanh", "sigmoid"),
    ("keras", "activations"): ("relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "swish", "mish",
                               "hard_silu", "softsign", "sigmoid", "tanh"),
    ("keras", "ops"): ("relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "swish", "hard_silu", "celu",
                       "softsign", "sigmoid", "tanh"),
}
_FRAMEWORKS = ("keras", "tensorflow", "tf_keras")


def _function_modules(path: tuple[str, ...]) -> list[Any]:
    """Every module object a user may reach the functions of `path` through. `from tensorflow.nn
    import relu` imports a second module object for tf.nn (and rebinds tf.nn to it): import it
    first, and patch both."""
    found: dict[int, Any] = {}
    package = {"tf": "tensorflow", "keras": "keras"}[path[0]]
    try:
        root = importlib.import_module(package)
    except ImportError:
        return []
    if len(path) > 1:
        try:
            module = importlib.import_module(package + "." + ".".join(path[1:]))
            found[id(module)] = module
        except ImportError:
            pass
        if path[0] == "tf":
            legacy = sys.modules.get("tensorflow._api.v2." + ".".join(path[1:]))
            if legacy is not None:
                found[id(legacy)] = legacy
    holder: Any = root
    for part in path[1:]:
        holder = getattr(holder, part, None)
    if holder is not None:
        found[id(holder)] = holder
    return list(found.values())


def _is_framework_class(layer: Any) -> bool:
    return type(layer).__module__.split(".")[0] in _FRAMEWORKS


class Recorder:
    """While active, records every Keras layer call, every graph operation call and every
    activation function the user's own layers call, in the order calls return. While
    `quiet` or active, noise layers are forced off. Installed before the user's module runs,
    so that `from tensorflow.nn import relu` there binds the recording function."""

    def __init__(self, backend: str = "tensorflow") -> None:
        self.backend = backend
        self.calls: list[Call] = []
        self.active = False
        self.quiet = False  # noise off, nothing recorded (the jax gradient pass)
        self.running: list[Any] = []  # the layers being called, innermost last
        self.in_function = False
        self._restore: list[tuple[Any, str, Any]] = []

    def install(self) -> None:
        self._patch(keras.layers.Layer, "__call__", self._recording_layer_call(keras.layers.Layer.__call__))
        self._patch(keras.Operation, "__call__", self._recording_op_call(keras.Operation.__call__))
        for path, names in ACTIVATION_FUNCTIONS.items():
            if path[0] == "tf" and (self.backend != "tensorflow" or "tensorflow" not in sys.modules):
                continue
            for holder in _function_modules(path):
                for name in names:
                    function = vars(holder).get(name)
                    if callable(function):
                        self._patch(holder, name, self._recording_function(function, _ALIASES.get(name, name)))

    def _recording_layer_call(self, original: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        def recording_call(layer: Any, *args: Any, **kwargs: Any) -> Any:
            if not (recorder.active or recorder.quiet):
                return original(layer, *args, **kwargs)
            if _NOISE.match(type(layer).__name__):
                kwargs["training"] = False
            if not recorder.active:
                return original(layer, *args, **kwargs)
            recorder.running.append(layer)
            try:
                output = original(layer, *args, **kwargs)
            finally:
                recorder.running.pop()
            given = _single(args[0] if args else kwargs.get("inputs"))
            recorder.calls.append(Call(layer, given, _first(output)))
            return output

        return recording_call

    def _recording_op_call(self, original: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        def recording_call(op: Any, *args: Any, **kwargs: Any) -> Any:
            output = original(op, *args, **kwargs)
            if recorder.active and not isinstance(op, keras.layers.Layer):
                recorder.calls.append(Call(op, _single(args[0]) if args else None, _first(output)))
            return output

        return recording_call

    def _recording_function(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        recorder = self

        def recording(*args: Any, **kwargs: Any) -> Any:
            if not (recorder.active and args and recorder.running) or recorder.in_function \
                    or _is_framework_class(recorder.running[-1]):
                return function(*args, **kwargs)
            recorder.in_function = True  # keras.ops.relu calls tf.nn.relu: one activation, recorded once
            try:
                output = function(*args, **kwargs)
            finally:
                recorder.in_function = False
            recorder.calls.append(Call(None, _single(args[0]), _first(output), name))
            return output

        # no functools.wraps: autograph would follow __wrapped__ and call the original directly
        recording.__name__, recording.__doc__ = getattr(function, "__name__", name), function.__doc__
        return recording

    def _patch(self, holder: Any, name: str, value: Any) -> None:
        self._restore.append((holder, name, vars(holder).get(name, getattr(holder, name))))
        setattr(holder, name, value)

    def uninstall(self) -> None:
        for holder, name, value in reversed(self._restore):
            setattr(holder, name, value)
        self._restore = []


def _is_tensor(value: Any) -> bool:
    return keras.ops.is_tensor(value) or isinstance(value, keras.KerasTensor)


def _single(value: Any) -> Any:
    return value if _is_tensor(value) else None


def _first(value: Any) -> Any:
    if _is_tensor(value):
        return value
    if isinstance(value, (list, tuple)) and value and _is_tensor(value[0]):
        return value[0]
    return None


# --------------------------------------------------------------------------- statistics


def second_moment(tensor: Any) -> float:
    return float(ops.convert_to_numpy(ops.mean(ops.square(ops.cast(tensor, "float32")))))


def variance(tensor: Any) -> float:
    # one conversion and numpy: a kernel gradient is small, and four eager ops per gradient cost more
    return float(np.var(np.asarray(ops.convert_to_numpy(tensor), dtype=np.float32)))


def unit_spread(tensor: Any) -> float | None:
    """How different the units (last axis) are: rms over samples of their standard deviation,
    relative to the tensor's rms. Zero when every unit holds the same values."""
    values = ops.cast(tensor, "float32")
    shape = tuple(values.shape)
    if not shape or shape[-1] in (None, 0, 1):
        return None
    rows = ops.reshape(values, (-1, shape[-1]))
    rms = float(ops.convert_to_numpy(ops.sqrt(ops.mean(ops.square(rows)))))
    if rms == 0.0:
        return 0.0
    return float(ops.convert_to_numpy(ops.sqrt(ops.mean(ops.var(rows, axis=-1))))) / rms


def sample_moments(tensor: Any) -> list[list[float]]:
    """[mean, second moment] of each sample's values (every axis but the batch): what a kernel's weight mean
    sums into the shift c = m sum_j x_j that every output unit of the sample shares (predict.py)."""
    values = np.asarray(ops.convert_to_numpy(tensor), dtype=np.float64)
    rows = values.reshape(values.shape[0], -1) if values.ndim > 1 else values.reshape(-1, 1)
    return [[float(a), float(b)] for a, b in zip(rows.mean(axis=1), np.square(rows).mean(axis=1))]


@dataclass
class LayerMeasure:
    m_in: float | None = None
    m_out: float | None = None
    gain: float | None = None
    grad_var: float | None = None
    unit_spread: float | None = None
    grad_unit_spread: float | None = None
    shape_in: list[int | None] | None = None  # the input's shape without the batch size
    samples: list[list[float]] | None = None  # per sample [mean, second moment] of the input (weight-mean kernels)

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Structure:
    """What a pass learnt about a weighted layer's place in the model."""

    order: int  # position among weighted layer calls, in execution order
    activation: str | None
    activation_source: str  # own | next layer | function | none
    normalized: bool  # a normalization between the layer and its activation
    predecessor: int | None  # index (in the weighted list) of the weighted layer that feeds it
    predecessor_normalized: bool
    calls: int = 1
    source: str = "graph"  # graph: Keras' graph of the model; calls: the recorded calls
    between: list[str] = field(default_factory=list)  # passthrough layers between it and its activation


@dataclass
class PassResult:
    measures: dict[int, LayerMeasure] = field(default_factory=dict)  # weighted index -> numbers
    structure: dict[int, Structure] = field(default_factory=dict)


# --------------------------------------------------------------------------- structure: the graph


def _follow_graph(graph: ModelGraph, step: Step, between: list[str]) -> tuple[Step | None, bool]:
    """(the activation step, normalized) reached from a weighted step's output through passthrough
    and normalization layers, where each step has exactly one consumer; `between` collects the
    passthrough layers' classes."""
    seen = {id(step)}

    def follower(current: Step) -> Step | None:
        tensor = graph.single_output(current)
        users = graph.consumers(tensor) if tensor is not None else []
        if len(users) != 1 or id(users[0]) in seen:
            return None
        seen.add(id(users[0]))
        return users[0]

    return _to_activation(follower(step), follower, lambda current: role(current.op), between)


def _to_activation(first: Any, after: Callable[[Any], Any], role_of: Callable[[Any], str],
                   between: list[str]) -> tuple[Any, bool]:
    """(the activation reached, normalized): from `first` on (`after` gives each one's single consumer,
    or None), through passthrough and normalization layers, whose classes `between` collects."""
    current, normalized = first, False
    while current is not None:
        kind = role_of(current)
        if kind == "activation":
            return current, normalized
        if kind == "norm":
            normalized = True
        elif kind != "pass":
            return None, normalized
        between.append(type(current.op).__name__)
        current = after(current)
    return None, normalized


def _feeder_graph(graph: ModelGraph, step: Step) -> tuple[Step | None, bool]:
    """The weighted step whose output (through activation/passthrough/normalization layers) is
    this step's input, and whether a normalization lies between."""
    tensor, normalized, seen = graph.single_input(step), False, {id(step)}
    while tensor is not None:
        producer = graph.producer(tensor)
        if producer is None or id(producer) in seen:
            return None, normalized
        seen.add(id(producer))
        kind = role(producer.op)
        if kind == "weighted":
            return producer, normalized
        if kind == "norm":
            normalized = True
        elif kind not in ("activation", "pass"):
            return None, normalized
        tensor = graph.single_input(producer)
    return None, normalized


# --------------------------------------------------------------------------- structure: the calls


def _follow_calls(call_index: int, calls: list[Call], consumers: dict[int, list[int]],
                  between: list[str]) -> tuple[Call | None, bool]:
    seen = {call_index}

    def follower(current: Call) -> Call | None:
        tensor = current.output
        users = [u for u in consumers.get(id(tensor), []) if u not in seen] if tensor is not None else []
        if len(users) != 1:
            return None
        seen.add(users[0])
        return calls[users[0]]

    return _to_activation(follower(calls[call_index]), follower, lambda current: current.role, between)


def _feeder_calls(call_index: int, calls: list[Call], producers: dict[int, int]) -> tuple[int | None, bool]:
    tensor, normalized, seen = calls[call_index].input, False, {call_index}
    while tensor is not None:
        producer = producers.get(id(tensor))
        if producer is None or producer in seen:
            return None, normalized
        seen.add(producer)
        kind = calls[producer].role
        if kind == "weighted":
            return producer, normalized
        if kind == "norm":
            normalized = True
        elif kind not in ("activation", "pass"):
            return None, normalized
        tensor = calls[producer].input
    return None, normalized


def analyse_calls(calls: list[Call], weighted: list[Any], graph: ModelGraph | None = None,
                  ) -> tuple[dict[int, Structure], dict[int, tuple[Any, Any]]]:
    """Structure of each called weighted layer, and (input, activation output) of its first call.
    Layers in the model's graph are read from the graph; the others from the recorded calls
    (an identity call, such as a forced-off Dropout returning its input, links nothing)."""
    index_of = {id(layer): i for i, layer in enumerate(weighted)}
    by_op: dict[int, list[int]] = {}
    producers: dict[int, int] = {}
    consumers: dict[int, list[int]] = {}
    for position, call in enumerate(calls):
        if call.op is not None:
            by_op.setdefault(id(call.op), []).append(position)
        if call.output is not None and call.output is call.input:
            continue
        if call.output is not None:
            producers[id(call.output)] = position
        if call.input is not None:
            consumers.setdefault(id(call.input), []).append(position)

    def runtime_call(step: Step) -> Call | None:
        positions = by_op.get(id(step.op), [])
        if step.occurrence < len(positions):
            return calls[positions[step.occurrence]]
        return calls[positions[0]] if positions else None

    structure: dict[int, Structure] = {}
    tensors: dict[int, tuple[Any, Any]] = {}
    first_position: dict[int, int] = {}
    for index, layer in enumerate(weighted):
        positions = by_op.get(id(layer), [])
        if not positions:
            continue
        first_position[index] = positions[0]
        call = calls[positions[0]]
        own = own_activation(layer)
        step = graph.first.get(id(layer)) if graph is not None else None
        between: list[str] = []
        if step is not None:
            follower, normalized = (None, False) if own not in (None, "linear") else _follow_graph(graph, step, between)
            feeder, feeder_normalized = _feeder_graph(graph, step)
            follower_call = runtime_call(follower) if follower is not None else None
            activation = activation_of(follower.op) if follower is not None else None
            predecessor = index_of.get(id(feeder.op)) if feeder is not None else None
            source = "graph"
        else:
            follower_call, normalized = (None, False) if own not in (None, "linear") else \
                _follow_calls(positions[0], calls, consumers, between)
            activation = follower_call.activation if follower_call is not None else None
            feeder_position, feeder_normalized = _feeder_calls(positions[0], calls, producers)
            predecessor = index_of.get(id(calls[feeder_position].op)) if feeder_position is not None else None
            source = "calls"
        if own not in (None, "linear"):
            activation, out, normalized, how = own, call.output, False, "own"
        elif follower_call is not None and activation is not None:
            out = follower_call.output
            how = "next layer" if isinstance(follower_call.op, keras.layers.Layer) else "function"
        else:
            activation, out, normalized, how, between = None, call.output, False, "none", []
        structure[index] = Structure(0, activation, how, normalized, predecessor, feeder_normalized,
                                     calls=len(positions), source=source, between=between)
        tensors[index] = (call.input, out)
    for order, index in enumerate(sorted(first_position, key=first_position.get)):
        structure[index].order = order
    return structure, tensors


# --------------------------------------------------------------------------- one pass


def readout(outputs: Any, seed: Any) -> list[tuple[Any, np.ndarray]]:
    """(output, r): a fixed N(0, 1) tensor r drawn from `seed` for every floating-point output."""
    found = []
    for position, output in enumerate(keras.tree.flatten(outputs)):
        if _is_tensor(output) and "float" in str(output.dtype):
            draw = np.random.default_rng([*np.atleast_1d(seed).tolist(), position])
            found.append((position, draw.standard_normal(tuple(output.shape)).astype("float32")))
    return found


def readout_loss(seed: Any) -> Callable[[Any], Any]:
    """sum(r * y) over every floating-point output y, with r a fixed N(0, 1) tensor drawn from `seed`:
    a random linear readout. Its gradient enters every output element as independent N(0, 1), so the
    kernel gradients show what the initializers do. (With a plain sum every sample gets the same
    gradient at the top and kernel gradients shrink toward the input, by up to the batch size, as
    the samples decorrelate: an artifact of the loss, not of the initializers.)"""
    cache: dict[int, np.ndarray] = {}

    def loss(outputs: Any) -> Any:
        flat = keras.tree.flatten(outputs)
        if not cache:
            cache.update(readout(outputs, seed))
        if not cache:
            raise ValueError("the model returns no floating-point output to differentiate")
        terms = [ops.sum(ops.cast(flat[p], "float32") * ops.convert_to_tensor(r)) for p, r in cache.items()]
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return total

    return loss


def run_pass(backend: str, target: Any, inputs: list[Any], weighted: list[tuple[Any, str]], recorder: Recorder,
             seed: Any, spread: frozenset[int] = frozenset(), graph: ModelGraph | None = None,
             readouts: int = 1, coherent: frozenset[int] = frozenset()) -> PassResult:
    """One forward/backward pass; numbers for every weighted layer that was called. The spread
    across units is computed only for the layers in `spread` (it costs a pass over the tensor), the
    per-sample moments of the input only for those in `coherent` (kernels with a weight mean)."""
    result = PassResult()
    given = inputs[0] if len(inputs) == 1 else inputs
    layers = [layer for layer, _keyword in weighted]
    variables = {i: kernel(layer, keyword) for i, (layer, keyword) in enumerate(weighted)}
    watched = [(i, v) for i, v in variables.items() if v is not None]

    def call() -> Any:
        recorder.calls, recorder.active = [], True
        try:
            return target(given, training=True)
        finally:
            recorder.active = False

    def on_forward(_outputs: Any) -> None:
        calls, recorder.calls = recorder.calls, []
        result.structure, tensors = analyse_calls(calls, layers, graph)
        for i, (x_in, x_out) in tensors.items():
            result.measures[i] = _forward_numbers(x_in, x_out, i in spread)
            if i in coherent and x_in is not None and not isinstance(x_in, keras.KerasTensor):
                result.measures[i].samples = sample_moments(x_in)

    losses = [readout_loss([*np.atleast_1d(seed).tolist(), number]) for number in range(readouts)]
    recorder.quiet = True
    try:
        per_loss = backends.forward_backward(backend, call, losses, on_forward, [v for _i, v in watched], target, given)
    finally:
        recorder.quiet, recorder.active, recorder.calls = False, False, []
    with backends.no_gradients(backend):
        for position, (i, _variable) in enumerate(watched):
            gradients = [found[position] for found in per_loss if found[position] is not None]
            if gradients and i in result.measures:
                result.measures[i].grad_var = sum(variance(g) for g in gradients) / len(gradients)
                if i in spread:
                    result.measures[i].grad_unit_spread = unit_spread(gradients[0])
    return result


def readout_count(outputs_shape: list[tuple[int, ...]]) -> int:
    """Random readouts averaged per pass: more where the model has few outputs per sample (a Dense(1)
    head gives one readout value per sample, and the kernel-gradient variance varies with it)."""
    if not outputs_shape:  # a subclassed model: its outputs are known only once called
        return 2
    units = sum(math.prod(shape[1:]) if len(shape) > 1 else 1 for shape in outputs_shape) or 1
    return max(1, min(MAX_READOUTS, math.ceil(READOUT_UNITS / units)))


def _forward_numbers(x_in: Any, x_out: Any, spread: bool) -> LayerMeasure:
    numbers = LayerMeasure()
    if x_in is not None and not isinstance(x_in, keras.KerasTensor):
        numbers.m_in = second_moment(x_in)
        numbers.shape_in = [int(d) if d is not None else None for d in tuple(x_in.shape)[1:]]
    if x_out is not None and not isinstance(x_out, keras.KerasTensor):
        numbers.m_out = second_moment(x_out)
        if spread:
            numbers.unit_spread = unit_spread(x_out)
    if numbers.m_in and numbers.m_out is not None:
        numbers.gain = numbers.m_out / numbers.m_in
    return numbers


# --------------------------------------------------------------------------- initializers


def build_initializer(replacement: dict[str, Any], seed: int) -> Any:
    """A Keras initializer from a parsed replacement ({"name": "HeUniform"} or VarianceScaling args)."""
    name = replacement["name"]
    if name == "VarianceScaling":
        return keras.initializers.VarianceScaling(
            scale=replacement["scale"], mode=replacement["mode"], distribution=replacement["distribution"], seed=seed)
    return getattr(keras.initializers, name)(seed=seed)


def reinitialize(layer: Any, keyword: str, replacement: dict[str, Any], seed: int) -> bool:
    variable = kernel(layer, keyword)
    if variable is None:
        return False
    init = build_initializer(replacement, seed)
    variable.assign(init(tuple(variable.shape), dtype=variable.dtype))
    return True


def redraw(weighted: list[tuple[Any, str]], seed: int) -> None:
    """A fresh draw of every kernel whose initializer is unseeded, from that initializer (seeded
    ones keep the values the user fixed); user functions are called again with the global seed set."""
    keras.utils.set_random_seed(seed % 2**31)
    for number, (layer, _keyword) in enumerate(weighted):
        spec = layer_spec(layer)
        if spec is None:
            continue
        for keyword in spec[1].kernel_keywords:
            variable, init = kernel(layer, keyword), initializer(layer, keyword)
            if variable is None or init is None:
                continue
            if isinstance(init, keras.initializers.Initializer):
                config = init.get_config()
                if "seed" not in config or isinstance(getattr(init, "_init_seed", None), int):
                    continue
                init = type(init).from_config({**config, "seed": (seed * 7919 + number) % 2**31})
            elif not callable(init):
                continue
            variable.assign(ops.cast(init(tuple(variable.shape), dtype=variable.dtype), variable.dtype))


def draw_pair(draw: dict[str, Any], shape: tuple[int, ...], seed: int) -> dict[str, Any]:
    """R7704: the user's VarianceScaling and the named initializer, drawn with one seed."""
    user = keras.initializers.VarianceScaling(draw["scale"], draw["mode"], draw["distribution"], seed=seed)
    named = getattr(keras.initializers, draw["named"])(seed=seed)
    a = np.asarray(ops.convert_to_numpy(user(shape, dtype="float32")))
    b = np.asarray(ops.convert_to_numpy(named(shape, dtype="float32")))
    return {"shape": list(shape), "seed": seed, "identical": bool(np.array_equal(a, b)),
            "max_abs_diff": float(np.max(np.abs(a - b))) if a.shape == b.shape else None}


def construct(kwargs: dict[str, Any]) -> dict[str, Any]:
    """E7705: build VarianceScaling with the bad argument; report what it raised, if anything."""
    try:
        keras.initializers.VarianceScaling(**kwargs)
    except Exception as error:  # noqa: BLE001 - the point is to see what it raises
        return {"raised": type(error).__name__, "message": str(error).splitlines()[0] if str(error) else ""}
    return {"raised": None, "message": ""}
