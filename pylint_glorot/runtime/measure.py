"""Measure a built Keras model: one seeded forward/backward pass, per weighted layer.

Imports TensorFlow and Keras at module level: only the child process imports this module.

Per weighted layer (a Keras layer class the static pass knows, e.g. Dense, Conv2D, LSTM):
- its real kernel initializer and activation (its own, or the activation layer that follows it);
- the forward second moment m = mean(x**2) of its input and of its activation's output, and
  their ratio, the forward gain;
- the variance of its kernel's gradient for a random linear readout loss (readout_loss);
- the spread across units of its output and of its kernel gradient (zero: identical units);
- the weighted layer that feeds it (through activation, dropout, pooling, reshaping layers),
  and whether a normalization lies in between.
The model runs in training mode (BatchNormalization uses batch statistics, as in the first
training step) with Dropout and noise layers forced off, on N(0, 1) inputs.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from pylint_glorot import knowledge as K

_NOISE = re.compile(r"^(Dropout|SpatialDropout[123]D|AlphaDropout|GaussianDropout|GaussianNoise)$")
_ALIASES = {"swish": "silu", "hard_swish": "hard_silu"}


# --------------------------------------------------------------------------- layer anatomy


def class_names(layer: Any) -> list[str]:
    return [cls.__name__ for cls in type(layer).__mro__]


def layer_spec(layer: Any) -> tuple[str, K.LayerSpec] | None:
    """The Keras class a layer is (or derives from) among those whose kernels the rules judge."""
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


def kernel(layer: Any, keyword: str) -> Any | None:
    """The variable an initializer keyword fills: kernel_initializer -> kernel, pointwise_initializer ->
    pointwise_kernel, ... (on the layer, or on an RNN layer's cell)."""
    base = keyword.removesuffix("_initializer")
    attribute = "kernel" if base == "kernel" else f"{base}_kernel"
    for holder in _holders(layer):
        try:
            value = getattr(holder, attribute, None)
        except (AttributeError, ValueError):  # an unbuilt layer's kernel property may raise
            value = None
        if isinstance(value, keras.Variable):
            return value
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
    return described


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
            return K.ACTIVATION_LAYERS[name]
    return None


def _role(layer: Any) -> str:
    if layer_spec(layer) is not None:
        return "weighted"
    if activation_layer(layer) is not None:
        return "activation"
    names = class_names(layer)
    if any(name in K.NORMALIZATION_LAYERS for name in names):
        return "norm"
    if K.is_passthrough_layer(names[0]):
        return "pass"
    return "other"


# --------------------------------------------------------------------------- recording calls


@dataclass
class Call:
    layer: Any  # the Keras layer; None for an activation applied as a function or a functional-graph op
    input: Any  # the one input tensor, or None (several inputs: a merge)
    output: Any  # the output tensor (the first one when a layer returns several)
    function: str | None = None  # the activation a function or op applies (tf.nn.relu(x), keras.ops.relu(x))

    @property
    def role(self) -> str:
        if self.layer is not None:
            return _role(self.layer)
        return "activation" if self.function else "other"

    @property
    def activation(self) -> str | None:
        return self.function if self.layer is None else activation_layer(self.layer)


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


def op_activation(op: Any) -> str | None:
    """The activation a functional-graph op applies: keras.ops.relu(x) on a symbolic x is a Relu op."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", type(op).__name__).lower()
    name = _ALIASES.get(name, name)
    return name if name in K.ACTIVATION_FAMILIES else None


def _function_modules(path: tuple[str, ...]) -> list[Any]:
    """Every module object a user may reach the functions of `path` through. `from tensorflow.nn
    import relu` imports a second module object for tf.nn (and rebinds tf.nn to it): import it
    first, and patch both."""
    found: dict[int, Any] = {}
    root = {"tf": tf, "keras": keras}[path[0]]
    if len(path) > 1:
        name = {"tf": "tensorflow", "keras": "keras"}[path[0]] + "." + ".".join(path[1:])
        try:
            module = importlib.import_module(name)
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
    """While active, records every Keras layer call, every activation op of a functional graph and
    every activation function the user's own layers call, in the order calls return; forces noise
    layers off. Installed before the user's module runs, so that `from tensorflow.nn import relu`
    there binds the recording function."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.active = False
        self.running: list[Any] = []  # the layers being called, innermost last
        self.in_function = False
        self._restore: list[tuple[Any, str, Any]] = []

    def install(self) -> None:
        self._patch(keras.layers.Layer, "__call__", self._recording_layer_call(keras.layers.Layer.__call__))
        self._patch(keras.Operation, "__call__", self._recording_op_call(keras.Operation.__call__))
        for path, names in ACTIVATION_FUNCTIONS.items():
            for holder in _function_modules(path):
                for name in names:
                    function = vars(holder).get(name)
                    if callable(function):
                        self._patch(holder, name, self._recording_function(function, _ALIASES.get(name, name)))

    def _recording_layer_call(self, original: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        def recording_call(layer: Any, *args: Any, **kwargs: Any) -> Any:
            if not recorder.active:
                return original(layer, *args, **kwargs)
            if _NOISE.match(type(layer).__name__):
                kwargs["training"] = False
            recorder.running.append(layer)
            try:
                output = original(layer, *args, **kwargs)
            finally:
                recorder.running.pop()
            recorder.calls.append(Call(layer, _single(args[0] if args else kwargs.get("inputs")), _first(output)))
            return output

        return recording_call

    def _recording_op_call(self, original: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        def recording_call(op: Any, *args: Any, **kwargs: Any) -> Any:
            output = original(op, *args, **kwargs)
            if recorder.active and not isinstance(op, keras.layers.Layer):
                recorder.calls.append(Call(None, _single(args[0]) if args else None, _first(output), op_activation(op)))
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
    return tf.is_tensor(value) or isinstance(value, keras.KerasTensor)


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
    return float(tf.reduce_mean(tf.square(tf.cast(tensor, tf.float32))))


def unit_spread(tensor: Any) -> float | None:
    """How different the units (last axis) are: rms over samples of their standard deviation,
    relative to the tensor's rms. Zero when every unit holds the same values."""
    values = tf.cast(tensor, tf.float32)
    if values.shape.rank is None or values.shape.rank < 1 or values.shape[-1] in (None, 0, 1):
        return None
    rows = tf.reshape(values, [-1, values.shape[-1]])
    rms = float(tf.sqrt(tf.reduce_mean(tf.square(rows))))
    if rms == 0.0:
        return 0.0
    return float(tf.sqrt(tf.reduce_mean(tf.math.reduce_variance(rows, axis=-1)))) / rms


@dataclass
class LayerMeasure:
    m_in: float | None = None
    m_out: float | None = None
    gain: float | None = None
    grad_var: float | None = None
    unit_spread: float | None = None
    grad_unit_spread: float | None = None

    def as_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Structure:
    """What a pass learnt about a weighted layer's place in the model."""

    order: int  # position among weighted layer calls, in execution order
    activation: str | None
    activation_source: str  # own | next layer | none
    normalized: bool  # a normalization between the layer and its activation
    predecessor: int | None  # index (in the weighted list) of the weighted layer that feeds it
    predecessor_normalized: bool
    calls: int = 1


@dataclass
class PassResult:
    measures: dict[int, LayerMeasure] = field(default_factory=dict)  # weighted index -> numbers
    structure: dict[int, Structure] = field(default_factory=dict)


def _follow_activation(call_index: int, calls: list[Call], consumers: dict[int, list[int]]) -> tuple[Call | None, bool]:
    """(the activation call, normalized) reached from a linear layer's output through passthrough
    and normalization layers, when exactly one call consumes each step."""
    tensor, normalized = calls[call_index].output, False
    while tensor is not None:
        users = consumers.get(id(tensor), [])
        if len(users) != 1:
            return None, normalized
        call = calls[users[0]]
        role = call.role
        if role == "activation":
            return call, normalized
        if role == "norm":
            normalized = True
        elif role != "pass":
            return None, normalized
        tensor = call.output
    return None, normalized


def _predecessor(call_index: int, calls: list[Call], producers: dict[int, int]) -> tuple[int | None, bool]:
    """The call of the weighted layer whose output (through activation/passthrough/normalization
    layers) is this call's input, and whether a normalization lies between."""
    tensor, normalized = calls[call_index].input, False
    while tensor is not None:
        producer = producers.get(id(tensor))
        if producer is None:
            return None, normalized
        role = calls[producer].role
        if role == "weighted":
            return producer, normalized
        if role == "norm":
            normalized = True
        elif role not in ("activation", "pass"):
            return None, normalized
        tensor = calls[producer].input
    return None, normalized


def analyse_calls(calls: list[Call], weighted: list[Any]) -> tuple[dict[int, Structure], dict[int, tuple[Any, Any]]]:
    """Structure of each called weighted layer, and (input, activation output) of its first call."""
    index_of = {id(layer): i for i, layer in enumerate(weighted)}
    producers: dict[int, int] = {}
    consumers: dict[int, list[int]] = {}
    for position, call in enumerate(calls):
        if call.output is not None:
            producers[id(call.output)] = position
        if call.input is not None:
            consumers.setdefault(id(call.input), []).append(position)
    structure: dict[int, Structure] = {}
    tensors: dict[int, tuple[Any, Any]] = {}
    first_call: dict[int, int] = {}
    for position, call in enumerate(calls):
        index = index_of.get(id(call.layer))
        if index is None:
            continue
        if index in structure:
            structure[index].calls += 1
            continue
        first_call[position] = index
        own = own_activation(call.layer)
        if own is not None and own != "linear":
            activation, out, normalized, source = own, call.output, False, "own"
        else:
            follower, normalized = _follow_activation(position, calls, consumers)
            if follower is None:
                activation, out, normalized, source = None, call.output, False, "none"
            else:
                activation, out = follower.activation, follower.output
                source = "next layer" if follower.layer is not None else "function"
        predecessor_call, predecessor_normalized = _predecessor(position, calls, producers)
        predecessor = index_of.get(id(calls[predecessor_call].layer)) if predecessor_call is not None else None
        structure[index] = Structure(len(structure), activation, source, normalized, predecessor, predecessor_normalized)
        tensors[index] = (call.input, out)
    return structure, tensors


# --------------------------------------------------------------------------- one pass


def readout_loss(outputs: Any, seed: int) -> Any:
    """sum(r * y) over every floating-point output y, with r a fixed N(0, 1) tensor drawn from `seed`:
    a random linear readout. Its gradient enters every output element as independent N(0, 1), so the
    kernel gradients show what the initializers do. (With a plain sum every sample gets the same
    gradient at the top and kernel gradients shrink toward the input, by up to the batch size, as
    the samples decorrelate: an artifact of the loss, not of the initializers.)"""
    terms = []
    for position, output in enumerate(tf.nest.flatten(outputs)):
        if _is_tensor(output) and output.dtype.is_floating:
            readout = np.random.default_rng([seed, position]).standard_normal(tuple(output.shape))
            terms.append(tf.reduce_sum(tf.cast(output, tf.float32) * tf.constant(readout, tf.float32)))
    if not terms:
        raise ValueError("the model returns no floating-point output to differentiate")
    return tf.add_n(terms)


def run_pass(target: Any, inputs: list[Any], weighted: list[tuple[Any, str]], recorder: Recorder,
             seed: int, spread: frozenset[int] = frozenset()) -> PassResult:
    """One forward/backward pass; numbers for every weighted layer that was called. The spread
    across units is computed only for the layers in `spread` (it costs a pass over the tensor)."""
    recorder.calls, recorder.active = [], True
    result = PassResult()
    try:
        with tf.GradientTape() as tape:
            outputs = target(inputs[0] if len(inputs) == 1 else inputs, training=True)
            loss = readout_loss(outputs, seed)
            recorder.active = False
            with tape.stop_recording():  # pylint: disable=not-context-manager  # forward numbers now, so no layer output outlives the tape
                calls, recorder.calls = recorder.calls, []
                result.structure, tensors = analyse_calls(calls, [layer for layer, _keyword in weighted])
                for i, (x_in, x_out) in tensors.items():
                    result.measures[i] = _forward_numbers(x_in, x_out, i in spread)
                del calls, tensors
    finally:
        recorder.active, recorder.calls = False, []
    kernels = {i: kernel(layer, keyword) for i, (layer, keyword) in enumerate(weighted) if i in result.structure}
    watched = [(i, variable) for i, variable in kernels.items() if variable is not None]
    gradients = tape.gradient(loss, [variable for _i, variable in watched]) if watched else []
    for (i, _variable), gradient in zip(watched, gradients):
        if gradient is not None:
            gradient = tf.cast(tf.convert_to_tensor(gradient), tf.float32)
            result.measures[i].grad_var = float(tf.math.reduce_variance(gradient))
            if i in spread:
                result.measures[i].grad_unit_spread = unit_spread(gradient)
    return result


def _forward_numbers(x_in: Any, x_out: Any, spread: bool) -> LayerMeasure:
    numbers = LayerMeasure()
    if x_in is not None:
        numbers.m_in = second_moment(x_in)
    if x_out is not None:
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


def draw_pair(draw: dict[str, Any], shape: tuple[int, ...], seed: int) -> dict[str, Any]:
    """R7704: the user's VarianceScaling and the named initializer, drawn with one seed."""
    user = keras.initializers.VarianceScaling(draw["scale"], draw["mode"], draw["distribution"], seed=seed)
    named = getattr(keras.initializers, draw["named"])(seed=seed)
    a = np.asarray(user(shape, dtype="float32"))
    b = np.asarray(named(shape, dtype="float32"))
    return {"shape": list(shape), "seed": seed, "identical": bool(np.array_equal(a, b)),
            "max_abs_diff": float(np.max(np.abs(a - b))) if a.shape == b.shape else None}


def construct(kwargs: dict[str, Any]) -> dict[str, Any]:
    """E7705: build VarianceScaling with the bad argument; report what it raised, if anything."""
    try:
        keras.initializers.VarianceScaling(**kwargs)
    except Exception as error:  # noqa: BLE001 - the point is to see what it raises
        return {"raised": type(error).__name__, "message": str(error).splitlines()[0] if str(error) else ""}
    return {"raised": None, "message": ""}

