"""The signal's second moment through a weighted layer at initialization, zero bias.

One layer: q_pre = n_eff * Var(W) * q_in, then the activation maps z ~ N(0, q_pre) to
q_out = E[phi(z)^2]; the layer's gain is q_out / q_in, a chain's gain the product along the
path (He et al. 2015; Glorot & Bengio 2010). For the backward pass the mean-field factor per
layer is chi = n_eff * Var(W) * E[phi'(z)^2] (Poole et al. 2016; Schoenholz et al. 2017).

The Gaussian integrals are computed numerically at the given scale (never a q = 1
constant): Gauss-Legendre panels on z in [-10, 10], with panel boundaries at every kink of
the activation and at fixed points of x = sqrt(q) z so that any scale is resolved; rectifiers
and linear are homogeneous and exact in closed form. Results are cached per (activation, q).
Pure Python: no numpy, no astroid, no pylint, no TensorFlow.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# --------------------------------------------------------------------------- initializers


@dataclass(frozen=True)
class KernelInit:
    """A neutral description of a kernel initializer (fields None = not given)."""

    kind: str  # variance_scaling | random_normal | truncated_normal | random_uniform | orthogonal
    #            | identity | constant | zeros | unknown
    scale: float | None = None
    mode: str | None = None
    distribution: str | None = None
    stddev: float | None = None
    mean: float | None = None
    minval: float | None = None
    maxval: float | None = None
    gain: float | None = None
    value: float | None = None


# Defaults per API generation, checked against the installed sources:
# keras: keras/src/initializers/random_initializers.py and constant_initializers.py (Keras 3;
#        tf-keras 2.x and tf.keras have the same values);
# tf2:   tensorflow/python/ops/init_ops_v2.py (tf.random_normal_initializer etc. in TF 2);
# tf1:   tensorflow/python/ops/init_ops.py (tf.compat.v1.*_initializer): stddev 1.0, U(0, 1).
# keras and tf2 have the same values.
_KERAS_DEFAULTS: dict[str, dict] = {
    "random_normal": {"mean": 0.0, "stddev": 0.05},
    "truncated_normal": {"mean": 0.0, "stddev": 0.05},
    "random_uniform": {"minval": -0.05, "maxval": 0.05},
    "variance_scaling": {"scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal"},
    "orthogonal": {"gain": 1.0},
    "identity": {"gain": 1.0},
    "constant": {"value": 0.0},
}
_DEFAULTS: dict[str, dict[str, dict]] = {
    "keras": _KERAS_DEFAULTS,
    "tf2": _KERAS_DEFAULTS,
    "tf1": {
        "random_normal": {"mean": 0.0, "stddev": 1.0},
        "truncated_normal": {"mean": 0.0, "stddev": 1.0},
        "random_uniform": {"minval": 0.0, "maxval": 1.0},  # maxval=None: 1 for floats
        "variance_scaling": {"scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal"},
        "orthogonal": {"gain": 1.0},
        "identity": {"gain": 1.0},
        "constant": {"value": 0.0},
    },
}
GENERATION_ALIASES = {"keras3": "keras", "tf.keras": "keras", "tf_keras": "keras", "tf-keras": "keras"}


def keras_defaults(kind: str, generation: str = "keras") -> dict:
    """The constructor defaults of an initializer kind in an API generation ("keras" for Keras 3 /
    tf.keras / tf-keras, "tf2" for tf.*_initializer in TF 2, "tf1" for tf.compat.v1); {} if none."""
    table = _DEFAULTS.get(GENERATION_ALIASES.get(generation, generation), {})
    return dict(table.get(kind, {}))


def with_defaults(init: KernelInit, generation: str = "keras") -> KernelInit:
    """The initializer with every field it leaves unset filled from its generation's defaults."""
    filled = {k: v for k, v in keras_defaults(init.kind, generation).items() if getattr(init, k) is None}
    return KernelInit(**{**init.__dict__, **filled}) if filled else init


_VS_NAMED = {
    "glorot_uniform": (1.0, "fan_avg", "uniform"), "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
    "he_uniform": (2.0, "fan_in", "uniform"), "he_normal": (2.0, "fan_in", "truncated_normal"),
    "lecun_uniform": (1.0, "fan_in", "uniform"), "lecun_normal": (1.0, "fan_in", "truncated_normal"),
}
_CLASS_TO_SNAKE = {
    "GlorotUniform": "glorot_uniform", "GlorotNormal": "glorot_normal", "HeUniform": "he_uniform",
    "HeNormal": "he_normal", "LecunUniform": "lecun_uniform", "LecunNormal": "lecun_normal",
    "RandomNormal": "random_normal", "RandomUniform": "random_uniform", "TruncatedNormal": "truncated_normal",
    "VarianceScaling": "variance_scaling", "Orthogonal": "orthogonal", "OrthogonalInitializer": "orthogonal",
    "Identity": "identity", "IdentityInitializer": "identity", "Zeros": "zeros", "Ones": "ones",
    "Constant": "constant",
}
_ALIASES = {"normal": "random_normal", "uniform": "random_uniform", "zero": "zeros", "one": "ones"}


def named_initializer(spelling: str, generation: str = "keras") -> KernelInit | None:
    """A Keras initializer string or class name ("he_uniform", "HeUniform", "normal", ...) with
    its generation's defaults filled in; None for a name this module does not know."""
    name = _CLASS_TO_SNAKE.get(spelling, spelling)
    name = _ALIASES.get(name, name)
    if name in _VS_NAMED:
        scale, mode, distribution = _VS_NAMED[name]
        return KernelInit("variance_scaling", scale=scale, mode=mode, distribution=distribution)
    if name == "zeros":
        return KernelInit("zeros")
    if name == "ones":
        return KernelInit("constant", value=1.0)
    if name in ("random_normal", "truncated_normal", "random_uniform", "variance_scaling",
                "orthogonal", "identity", "constant"):
        return with_defaults(KernelInit(name), generation)
    return None


# Keras' truncated normal keeps draws within 2 stddev: Var = s^2 (1 - 2 a phi(a) / (2 Phi(a) - 1)), a = 2
_A = 2.0
TRUNCATED_VARIANCE_FACTOR = 1.0 - 2.0 * _A * math.exp(-_A * _A / 2) / math.sqrt(2 * math.pi) / math.erf(_A / math.sqrt(2))


def _fan(mode: str, fans: tuple[int, int]) -> float | None:
    fan_in, fan_out = fans
    return {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}.get(mode)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def kernel_variance(init: KernelInit, fans: tuple[int, int] | None,
                    kernel_shape: tuple[int, ...] | None = None) -> float | None:
    """Var(W) of one kernel entry: the second moment E[W^2] where the mean is not zero.

    The second moment is what a layer passes on from zero-mean inputs: E[(sum w x)^2] =
    n E[w^2] E[x^2]. With a non-zero weight mean *and* non-zero-mean inputs (after relu) the
    cross terms add n^2 E[w]^2 E[x]^2 and the signal grows faster than this predicts; TF1's
    random_uniform_initializer U(0, 1) is such a case.

    Orthogonal(gain) and Identity(gain) draw a matrix of rows = prod(shape[:-1]) by
    cols = shape[-1] (Keras flattens conv kernels so); pass kernel_shape for conv kernels,
    else fans are read as (rows, cols), which is right for Dense. Either way Var = g^2 /
    max(rows, cols): a per-unit gain g^2 when rows >= cols, g^2 rows / cols otherwise.
    None where a needed value is missing or not a finite number.
    """
    if fans is not None and not (isinstance(fans, (tuple, list)) and len(fans) == 2 and all(map(_number, fans))):
        fans = None
    if kernel_shape is not None and not (isinstance(kernel_shape, (tuple, list)) and kernel_shape
                                         and all(_number(d) and d > 0 for d in kernel_shape)):
        kernel_shape = None
    kind = getattr(init, "kind", None)
    if kind == "zeros":
        return 0.0
    if kind == "constant":
        return init.value ** 2 if _number(init.value) else None
    if kind == "variance_scaling":
        scale = 1.0 if init.scale is None else init.scale
        mode = init.mode or "fan_in"
        if fans is None or not _number(scale) or scale <= 0:
            return None
        fan = _fan(mode, fans)
        return None if fan is None else scale / max(1.0, fan)
    mean = 0.0 if init.mean is None else init.mean
    if kind in ("random_normal", "truncated_normal"):
        if not _number(init.stddev) or not _number(mean):
            return None
        factor = TRUNCATED_VARIANCE_FACTOR if kind == "truncated_normal" else 1.0
        return factor * init.stddev ** 2 + mean ** 2
    if kind == "random_uniform":
        low, high = init.minval, init.maxval
        if not _number(low) or not _number(high):
            return None
        return (high - low) ** 2 / 12.0 + ((high + low) / 2.0) ** 2
    if kind in ("orthogonal", "identity"):
        gain = 1.0 if init.gain is None else init.gain
        if not _number(gain):
            return None
        if kernel_shape is not None:
            if kind == "identity" and len(kernel_shape) != 2:
                return None  # Keras' Identity only takes 2D kernels
            rows, cols = math.prod(kernel_shape[:-1]), kernel_shape[-1]
        elif fans is not None:
            rows, cols = fans
        else:
            return None
        return gain ** 2 / max(rows, cols, 1)
    return None


# --------------------------------------------------------------------------- activations


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _sech2(x: float) -> float:  # tanh' without the cancellation of 1 - tanh^2: saturated units keep a figure
    e = math.exp(-2.0 * abs(x))
    return 4.0 * e / (1.0 + e) ** 2


def _sigmoid_d(x: float) -> float:
    e = math.exp(-abs(x))
    return e / (1.0 + e) ** 2


def _softplus(x: float) -> float:
    return math.log1p(math.exp(-abs(x))) + max(x, 0.0)


def _cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _pdf(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def _hard_sigmoid(x: float) -> float:  # Keras 3: relu6(x + 3) / 6
    return min(max(x + 3.0, 0.0), 6.0) / 6.0


def _hard_sigmoid_d(x: float) -> float:
    return 1.0 / 6.0 if -3.0 < x < 3.0 else 0.0


def _mish(x: float) -> float:
    return x * math.tanh(_softplus(x))


def _mish_d(x: float) -> float:
    t = math.tanh(_softplus(x))
    return t + x * _sigmoid(x) * (1.0 - t * t)


def _silu_d(x: float) -> float:
    s = _sigmoid(x)
    return s * (1.0 + x * (1.0 - s))


SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


@dataclass(frozen=True)
class Activation:
    """phi and phi' for the integrals, the x where either is not smooth, and the closed-form
    factors (E[phi^2]/q, E[phi'^2]) of a positively homogeneous activation."""

    phi: Callable[[float], float]
    dphi: Callable[[float], float]
    kinks: tuple[float, ...] = (0.0,)
    homogeneous: tuple[float, float] | None = None


def _leaky(a: float) -> Activation:
    c = (1.0 + a * a) / 2.0
    return Activation(lambda x: x if x > 0 else a * x, lambda x: 1.0 if x > 0 else a, homogeneous=(c, c))


def _elu(alpha: float) -> Activation:
    return Activation(lambda x: x if x > 0 else alpha * math.expm1(x), lambda x: 1.0 if x > 0 else alpha * math.exp(x))


def _celu(alpha: float) -> Activation:
    return Activation(lambda x: x if x > 0 else alpha * math.expm1(x / alpha),
                      lambda x: 1.0 if x > 0 else math.exp(x / alpha))


ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation(lambda x: x, lambda x: 1.0, homogeneous=(1.0, 1.0)),
    "relu": Activation(lambda x: max(x, 0.0), lambda x: 1.0 if x > 0 else 0.0, homogeneous=(0.5, 0.5)),
    "leaky_relu": _leaky(0.2),  # keras.activations.leaky_relu(negative_slope=0.2)
    "relu6": Activation(lambda x: min(max(x, 0.0), 6.0), lambda x: 1.0 if 0 < x < 6 else 0.0, (0.0, 6.0)),
    "elu": _elu(1.0),
    "celu": _celu(1.0),
    "selu": Activation(lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * math.expm1(x)),
                       lambda x: SELU_SCALE * (1.0 if x > 0 else SELU_ALPHA * math.exp(x))),
    # keras.activations.gelu(x, approximate=False): the exact erf form is the default
    "gelu": Activation(lambda x: x * _cdf(x), lambda x: _cdf(x) + x * _pdf(x)),
    "silu": Activation(lambda x: x * _sigmoid(x), _silu_d),
    "mish": Activation(_mish, _mish_d),
    "softplus": Activation(_softplus, _sigmoid),
    "softsign": Activation(lambda x: x / (1.0 + abs(x)), lambda x: 1.0 / (1.0 + abs(x)) ** 2),
    "tanh": Activation(math.tanh, _sech2),
    "sigmoid": Activation(_sigmoid, _sigmoid_d),
    "hard_sigmoid": Activation(_hard_sigmoid, _hard_sigmoid_d, (-3.0, 3.0)),
    "hard_silu": Activation(lambda x: x * _hard_sigmoid(x), lambda x: _hard_sigmoid(x) + x * _hard_sigmoid_d(x),
                            (-3.0, 3.0)),
    "hard_tanh": Activation(lambda x: min(max(x, -1.0), 1.0), lambda x: 1.0 if -1 < x < 1 else 0.0, (-1.0, 1.0)),
    "tanh_shrink": Activation(lambda x: x - math.tanh(x), lambda x: math.tanh(x) ** 2),
    "log_sigmoid": Activation(lambda x: -_softplus(-x), lambda x: _sigmoid(-x)),
}
ACTIVATIONS["swish"] = ACTIVATIONS["silu"]
ACTIVATIONS["hard_swish"] = ACTIVATIONS["hard_silu"]
_PARAMETRIC = {"leaky_relu": _leaky, "elu": _elu, "celu": _celu}


@lru_cache(maxsize=256)
def activation(name: str | None) -> Activation | None:
    """The activation by Keras name; "leaky_relu:0.3", "elu:0.5", "celu:2" carry a parameter."""
    if name is None:
        return ACTIVATIONS["linear"]
    if not isinstance(name, str):
        return None
    base, sep, param = name.partition(":")
    if not sep:
        return ACTIVATIONS.get(name)
    if base not in _PARAMETRIC:
        return None
    try:
        value = float(param)
    except ValueError:
        return None
    if not math.isfinite(value) or (base == "celu" and value == 0):
        return None
    return _PARAMETRIC[base](value)


def known_activations() -> frozenset[str]:
    return frozenset(ACTIVATIONS) | {"exponential"}


# ----- quadrature


def _legendre_nodes(order: int) -> tuple[tuple[float, float], ...]:
    """Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_n, as in Numerical Recipes)."""
    out = []
    for i in range(1, order + 1):
        x = math.cos(math.pi * (i - 0.25) / (order + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for n in range(2, order + 1):
                p0, p1 = p1, ((2 * n - 1) * x * p1 - (n - 1) * p0) / n
            dp = order * (x * p1 - p0) / (x * x - 1.0)
            step = p1 / dp
            x -= step
            if abs(step) < 1e-15:
                break
        out.append((x, 2.0 / ((1.0 - x * x) * dp * dp)))
    return tuple(out)


_GL = _legendre_nodes(8)
Z_LIMIT = 10.0  # N(0, 1) mass beyond 10 sigma: 1.5e-23
_Z_BREAKS = tuple(float(z) for z in range(-10, 11))
_X_BREAKS = tuple(s * 2.0 ** e for e in range(-3, 7) for s in (-1.0, 1.0))  # resolve x = sqrt(q) z


@lru_cache(maxsize=8192)
def _panel(lo: float, hi: float) -> tuple[tuple[float, float], ...]:
    """(z, weight * N(0,1) density) of one Gauss-Legendre panel."""
    half, mid = (hi - lo) / 2.0, (hi + lo) / 2.0
    return tuple((mid + half * x, w * half * _pdf(mid + half * x)) for x, w in _GL)


@lru_cache(maxsize=4096)
def _nodes(kinks: tuple[float, ...], root_q: float) -> tuple[tuple[float, float], ...]:
    """The quadrature nodes: unit panels on z, split at the kinks and at landmarks of x = sqrt(q) z
    (the unit panels that no cut falls into are reused from the cache)."""
    cuts = set(_Z_BREAKS)
    for x in (*kinks, *_X_BREAKS):
        z = x / root_q
        if -Z_LIMIT < z < Z_LIMIT:
            cuts.add(z)
    cuts = sorted(cuts)
    nodes: list[tuple[float, float]] = []
    for lo, hi in zip(cuts, cuts[1:]):
        nodes.extend(_panel(lo, hi))
    return tuple(nodes)


def _gauss(fn: Callable[[float], float], kinks: tuple[float, ...], q: float) -> float:
    root = math.sqrt(q)
    return sum(w * fn(root * z) ** 2 for z, w in _nodes(kinks, root))


def _moment(name: str | None, q_pre: float, derivative: bool) -> float | None:
    if not _number(q_pre) or q_pre < 0:
        return None
    if name == "exponential":  # E[e^{2x}] = e^{2q}
        try:
            return math.exp(2.0 * q_pre)
        except OverflowError:
            return math.inf
    act = activation(name)
    if act is None:
        return None
    fn = act.dphi if derivative else act.phi
    if act.homogeneous is not None:
        factor = act.homogeneous[1 if derivative else 0]
        return factor if derivative else factor * q_pre
    if q_pre == 0:
        return fn(0.0) ** 2
    try:
        return _cached_moment(name, q_pre, derivative)
    except (OverflowError, ValueError):
        return None


@lru_cache(maxsize=65536)
def _cached_moment(name: str, q_pre: float, derivative: bool) -> float:
    act = activation(name)
    return _gauss(act.dphi if derivative else act.phi, act.kinks, q_pre)


def second_moment(activation_name: str | None, q_pre: float) -> float | None:
    """E[phi(z)^2] for z ~ N(0, q_pre); None for an unknown activation or a bad scale."""
    return _moment(activation_name, q_pre, False)


def derivative_moment(activation_name: str | None, q_pre: float) -> float | None:
    """E[phi'(z)^2] for z ~ N(0, q_pre); None for an unknown activation or a bad scale."""
    return _moment(activation_name, q_pre, True)


def activation_factor(activation_name: str | None, q_pre: float = 1.0) -> float | None:
    """E[phi(z)^2] / q_pre: the c in gain = n_eff Var(W) c (1/2 for relu at every scale)."""
    if not _number(q_pre) or q_pre <= 0:
        return None
    moment = second_moment(activation_name, q_pre)
    return None if moment is None else moment / q_pre


# --------------------------------------------------------------------------- layers and chains


@dataclass(frozen=True)
class LayerGain:
    q_pre: float  # second moment of the pre-activation
    q_out: float  # second moment after the activation
    gain: float  # q_out / q_in
    chi: float | None  # n_eff Var(W) E[phi'(z)^2]: mean-field factor on the gradient's second moment


def layer_gain(n_eff: float, var_w: float, activation_name: str | None, q_in: float = 1.0) -> LayerGain | None:
    """One weighted layer at zero bias; None if any input is unknown or not a finite positive number."""
    if not (_number(n_eff) and _number(var_w) and _number(q_in)) or n_eff <= 0 or var_w < 0 or q_in <= 0:
        return None
    q_pre = n_eff * var_w * q_in
    q_out = second_moment(activation_name, q_pre)
    if q_out is None:
        return None
    derivative = derivative_moment(activation_name, q_pre)
    chi = None if derivative is None else n_eff * var_w * derivative
    return LayerGain(q_pre, q_out, q_out / q_in, chi)


def chain(layers: list[tuple[float, float, str | None]], q_in: float = 1.0) -> list[LayerGain] | None:
    """Propagate q through (n_eff, Var(W), activation) layers; None as soon as one is unknown
    or the signal dies (q = 0)."""
    out = []
    q = q_in
    for n_eff, var_w, act in layers:
        found = layer_gain(n_eff, var_w, act, q)
        if found is None:
            return None
        out.append(found)
        q = found.q_out
    return out


def chain_gain(layers: list[LayerGain]) -> float:
    """The compounded forward gain of a chain: the product of the per-layer gains."""
    return math.prod(layer.gain for layer in layers)


def chain_chi(layers: list[LayerGain]) -> float | None:
    """The compounded mean-field gradient factor (output to input); None if one is unknown."""
    if any(layer.chi is None for layer in layers):
        return None
    return math.prod(layer.chi for layer in layers)


def kernel_mean(init: KernelInit) -> float | None:
    """E[W] of one kernel entry: non-zero for RandomNormal/TruncatedNormal(mean=m) and an asymmetric
    RandomUniform (TF 1's U(0, 1)); 0 for every zero-centred draw; None where a value is unreadable."""
    kind = getattr(init, "kind", None)
    if kind in ("random_normal", "truncated_normal"):
        mean = 0.0 if init.mean is None else init.mean
        return mean if _number(mean) else None
    if kind == "random_uniform":
        return (init.minval + init.maxval) / 2.0 if _number(init.minval) and _number(init.maxval) else None
    if kind in ("variance_scaling", "orthogonal", "identity", "zeros"):
        return 0.0
    return None


@dataclass(frozen=True)
class ChainFigures:
    forward: float  # q_out / q_in over the chain
    gradient: float  # E[dL/dx_in^2] summed over the input / the same at the output (mean field)
    # False where a figure moves by more than a decade when each layer's shared shift c is moved by the
    # finite-width kick the recursion omits (see `coherent_chain`): such a figure must not be stated
    steady: bool = True


_GL4 = _legendre_nodes(4)
_OUTER = tuple((mid + x / 4.0, w / 4.0 * _pdf(mid + x / 4.0))  # N(0, 1) nodes on [-7, 7], half-unit panels
               for mid in (k / 2.0 + 0.25 for k in range(-14, 14)) for x, w in _GL4)
KICKS = (1.0, 0.5)  # the omitted kick, in its own standard deviations, that a stated figure must withstand
STEADY_DECADES = 1.0  # ... moving by at most this many decades (both figures)
FLOOR = 1e-99  # figures below it are stated as "<1e-99": two such figures agree


def _shifted_moments(act: Activation, shift: float, var: float) -> tuple[float, float, float, float]:
    """(E[phi], E[phi^2], E[phi'], E[phi'^2]) for h = shift + e, e ~ N(0, var): unit panels on e / sqrt(var)
    in [-10, 10], cut where h crosses a kink or a landmark (as `_nodes`, moved by the shift)."""
    root = math.sqrt(var)
    cuts = set(_Z_BREAKS)
    for x in (*act.kinks, *_X_BREAKS):
        z = (x - shift) / root if root > 0 else Z_LIMIT
        if -Z_LIMIT < z < Z_LIMIT:
            cuts.add(z)
    cuts = sorted(cuts)
    first = second = slope = slope2 = 0.0
    for lo, hi in zip(cuts, cuts[1:]):
        for z, w in _panel(lo, hi):
            h = shift + root * z
            value, derivative = act.phi(h), act.dphi(h)
            first += w * value
            second += w * value * value
            slope += w * derivative
            slope2 += w * derivative * derivative
    return first, second, slope, slope2


def shifted_moments(activation_name: str | None, shift: float, var: float) -> tuple[float, float, float, float] | None:
    """(E[phi], E[phi^2], E[phi'], E[phi'^2]) for h = shift + e, e ~ N(0, var); None for an unknown activation."""
    act = activation(activation_name) if activation_name != "exponential" else None
    if act is None or not (_number(shift) and _number(var)) or var < 0:
        return None
    try:
        return _shifted_moments(act, shift, var)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


def coherent_chain(layers: list[tuple], q_in: float = 1.0, check_steady: bool = True) -> ChainFigures | None:
    """Forward gain and gradient factor of a chain whose weights may have a non-zero mean.

    Each layer is (n_eff, E[W^2], E[W], activation[, n_back]): n_back is how many outputs each input
    feeds (Dense: units; default n_eff). With W = m + w' a unit's pre-activation is h_i = c + e_i:
    e_i = sum_j w'_ij x_j ~ N(0, n Var(w') q) on its own, and c = m sum_j x_j, the same for every unit
    of a sample (Poole et al. 2016's recursion with the weight mean's contribution). c is followed
    sample by sample: the chain's input is zero-mean and independent across its n units, so the first
    c is N(0, m^2 n q_in); after that c = m n E_e[phi(c_prev + e)].

    The gradient goes back the same way: a unit's gradient is D + z_i, D shared by the sample's units
    (the all-ones direction, which the mean m multiplies by m n_back E[phi']) and z_i its own part
    (multiplied by n_back Var(w') E[phi'^2], the mean-field chi_1 of Schoenholz et al. 2017; the spread
    of phi' across units moves n_back m^2 Var(phi') of the whole into D, since sum_i z_i = 0). The
    chain's output gradient is zero-mean and independent across units (D^2 = 1/n of it). The factor
    is the gradient's energy at the chain's input over its output, averaged over samples; a zero mean
    gives the product of chi_1. None for an unknown activation or a bad number.

    The recursion drops one finite-width term: m sum_j (x_j - E x_j), a kick to c of standard deviation
    |m| sqrt(n Var_e(phi)) at each layer after the first. Where c's map is expanding and tanh saturates
    through c (RandomUniform(-0.05, 0.15) at width 256), that kick decides which samples saturate, and
    the measured figures span decades between seeds. So the figures are computed again with every c
    moved by KICKS kick standard deviations; `steady` is False when either figure moves by more than
    STEADY_DECADES (both below FLOOR agree). check_steady=False skips that (three times the work) and
    leaves `steady` True.
    """
    acts = []
    for layer in layers:
        n_eff, second, mean, name = layer[:4]
        act = activation(name) if name != "exponential" else None
        n_back = layer[4] if len(layer) > 4 else n_eff
        if act is None or not all(map(_number, (n_eff, second, mean, n_back))) or min(n_eff, n_back) <= 0 \
                or second < mean * mean:
            return None
        acts.append((act, n_back))
    if not layers or not _number(q_in) or q_in <= 0:
        return None
    base = _coherent_figures(layers, acts, q_in, 0.0)
    if base is None:
        return None
    if not check_steady or not any(layer[2] for layer in layers[1:]):  # no shift after the first layer: no kick
        return base
    for kick in KICKS:
        moved = _coherent_figures(layers, acts, q_in, kick)
        if moved is None or not all(_agree(a, b) for a, b in ((base.forward, moved.forward),
                                                              (base.gradient, moved.gradient))):
            return ChainFigures(base.forward, base.gradient, steady=False)
    return base


def _agree(first: float, second: float) -> bool:
    if first < FLOOR and second < FLOOR:
        return True
    if first <= 0 or second <= 0:
        return False
    return abs(math.log10(first / second)) <= STEADY_DECADES


def _coherent_figures(layers: list[tuple], acts: list[tuple[Activation, float]], q_in: float,
                      kick: float) -> ChainFigures | None:
    """`coherent_chain`'s recursion, with c moved by `kick` standard deviations of the finite-width kick."""
    n0, _, m0 = layers[0][:3]
    widths = math.prod(layer[0] / n_back for layer, (_, n_back) in zip(layers, acts))  # N_in / N_out
    forward = gradient = 0.0
    try:
        for z, weight in _OUTER:
            shift, q, slopes = m0 * math.sqrt(n0 * q_in) * z, q_in, []
            for index, (layer, (act, _)) in enumerate(zip(layers, acts)):
                n_eff, second, mean = layer[:3]
                if index:
                    shift = mean * n_eff * first
                    if kick:
                        shift += kick * abs(mean) * math.sqrt(n_eff * max(q - first * first, 0.0))
                first, q, slope, slope2 = _shifted_moments(act, shift, n_eff * (second - mean * mean) * q)
                slopes.append((slope, slope2))
            shared = 1.0 / acts[-1][1]
            own = 1.0 - shared
            for layer, (_, n_back), (slope, slope2) in reversed(list(zip(layers, acts, slopes))):
                second, mean = layer[1], layer[2]
                own, shared = (n_back * (second - mean * mean) * slope2 * (own + shared),
                               mean * mean * n_back * (n_back * slope * slope * shared
                                                        + (slope2 - slope * slope) * (own + shared)))
            forward += weight * q
            gradient += weight * (own + shared)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    total = sum(weight for _, weight in _OUTER)
    forward, gradient = forward / total / q_in, gradient / total * widths
    return ChainFigures(forward, gradient) if math.isfinite(forward) and math.isfinite(gradient) else None


@lru_cache(maxsize=1024)
def fixed_point(activation_name: str | None, sigma_w2: float, q0: float = 1.0,
                tol: float = 1e-7, max_steps: int = 50) -> tuple[float, float] | None:
    """Mean-field length fixed point q* = sigma_w2 E[phi(sqrt(q*) z)^2] and chi1 = sigma_w2
    E[phi'(sqrt(q*) z)^2] (zero bias, Var(W) = sigma_w2 / n_eff), iterated from q0 until a
    step changes q by less than tol.

    Homogeneous activations have no attracting length: q* is q0 when sigma_w2 c = 1, else 0
    or inf. Where the iteration converges slowly (near criticality) the answer is found by
    bisection instead of stepping: the fixed point q* > 0 when there is one between 0 and the
    iterate, else the point where a step falls below tol. That is tanh at sigma_w2 <= 1, whose
    attractor is q* = 0, approached like 1 / (2 t): q ~ 2e-4 and chi1 ~ 0.9995 at tol 1e-7
    (chi1 -> 1, critical).
    """
    act = activation(activation_name) if activation_name != "exponential" else None
    if act is None or not _number(sigma_w2) or sigma_w2 <= 0 or not _number(q0) or q0 <= 0:
        return None
    if act.homogeneous is not None:
        c, dc = act.homogeneous
        growth = sigma_w2 * c
        q_star = q0 if math.isclose(growth, 1.0, rel_tol=1e-12) else (0.0 if growth < 1 else math.inf)
        return q_star, sigma_w2 * dc

    def step(q: float) -> float:
        moment = second_moment(activation_name, q)
        if moment is None or not math.isfinite(sigma_w2 * moment):
            raise ValueError("no moment")
        return sigma_w2 * moment - q

    try:
        q = _iterate_or_bisect(step, q0, tol, max_steps)
    except ValueError:
        return None
    if q == math.inf:  # no fixed length: the signal grows without bound; chi1 in that limit
        derivative = derivative_moment(activation_name, 1e12)
        return None if derivative is None else (math.inf, sigma_w2 * derivative)
    derivative = derivative_moment(activation_name, q)
    return None if derivative is None else (q, sigma_w2 * derivative)


def _bisect(fn: Callable[[float], float], lo: float, hi: float) -> float:
    """A root of fn between lo and hi, where fn changes sign (in a log scale: q spans decades)."""
    f_lo = fn(lo)
    for _ in range(80):
        mid = math.sqrt(lo * hi)
        f_mid = fn(mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
        if hi / lo - 1 < 1e-10:
            break
    return math.sqrt(lo * hi)


def _iterate_or_bisect(step: Callable[[float], float], q: float, tol: float, max_steps: int) -> float:
    for _ in range(max_steps):
        delta = step(q)
        if abs(delta) < tol:
            return q + delta
        q += delta
        if q <= 0:
            return 0.0
    delta = step(q)
    if delta > 0:  # still growing: the fixed point lies above
        hi = q * 2
        while step(hi) > 0:
            hi *= 2
            if hi > 1e12:
                return math.inf
        return _bisect(step, q, hi)
    lo = q / 2  # shrinking: a fixed point below, or the attractor 0
    while step(lo) < 0 and lo > 1e-12:
        if -step(lo) < tol:  # steps have fallen below tol before any fixed point
            return _bisect(lambda x: -step(x) - tol, lo, q)
        lo /= 2
    if step(lo) >= 0:
        return _bisect(step, lo, q)
    return 0.0
