"""The static signal model's predicted gain beside the measured one, per weighted layer. Pure.

The child describes each built layer as the network core reads layers (pylint_glorot.network):
its Keras class, get_config(), the shape of the input it was called on, its kernel initializer's
class and config and its kernel shape, the activation its output feeds. This module predicts the
forward gain from that description alone, with network.predicted_gain (the function behind the
figures static messages state) (zero bias; q_in = the measured second moment of the
layer's input, so each layer is compared on its own) and compares it with the measured gain.

Tolerance on |log(measured / predicted)| (docs/signal-model.md, issue 9's zoo): max(4 sd, 0.10),
sd the seed-to-seed standard deviation of log(gain). verify takes sd over its pooled draws; with
fewer than three draws it takes 0.121, the largest sd the zoo measured for one layer; and never
less than sqrt(2 / N), the relative error of a second moment over N = batch x output units values
(a squeeze-excitation layer's 4 units at batch 8 are 32 values). A layer
beyond it is a bug in the signal model or in the measurement (or a layer the model does not
describe); the report lists it.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from pylint_glorot import network
from pylint_glorot.network import signal

FLOOR = 0.10
MIN_FAN = 32  # below this many inputs per output the mean-field model is not the measure (the zoo: width >= 256)
NOISE_WITHOUT_DRAWS = 0.121
SIGMAS = 4.0
# passthrough layers that keep the second moment exactly (forced off, or identity)
KEEPS_MOMENT = ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
                "GaussianDropout", "GaussianNoise", "ActivityRegularization", "Identity", "Masking", "Flatten",
                "Reshape", "Permute")

_VARIANCE_SCALING = ("VarianceScaling", "GlorotUniform", "GlorotNormal", "HeUniform", "HeNormal", "LecunUniform",
                     "LecunNormal")
_KINDS = {"RandomNormal": "random_normal", "TruncatedNormal": "truncated_normal", "RandomUniform": "random_uniform",
          "Orthogonal": "orthogonal", "Identity": "identity", "Constant": "constant", "Zeros": "zeros",
          "Ones": "constant"}


@dataclass(frozen=True)
class Prediction:
    gain: float | None  # None: not predicted (why says why)
    tolerance: float | None = None  # on |log(measured / predicted)|
    error: float | None = None  # |log(measured / predicted)|
    why: str = ""

    @property
    def disagrees(self) -> bool:
        return self.error is not None and self.tolerance is not None and self.error > self.tolerance

    def as_json(self) -> dict[str, Any]:
        return {"gain": self.gain, "tolerance": self.tolerance, "error": self.error, "disagrees": self.disagrees,
                "why": self.why}


def kernel_init(described: dict[str, Any] | None) -> signal.KernelInit | None:
    """The network core's description of a built initializer (class name and get_config())."""
    if not described:
        return None
    name, config = described.get("class"), described.get("config") or {}
    if name in _VARIANCE_SCALING:
        return signal.KernelInit("variance_scaling", scale=config.get("scale"), mode=config.get("mode"),
                                 distribution=config.get("distribution"))
    kind = _KINDS.get(name or "")
    if kind is None:
        return None
    if name == "Ones":
        return signal.KernelInit("constant", value=1.0)
    init = signal.KernelInit(kind, stddev=config.get("stddev"), mean=config.get("mean"), minval=config.get("minval"),
                             maxval=config.get("maxval"), gain=config.get("gain"), value=config.get("value"))
    return signal.with_defaults(init, "keras")


def predict(layer: dict[str, Any], measured: float | None, q_in: float | None,
            per_draw: list[float | None] | None, samples: list[list[float]] | None = None) -> Prediction:
    """layer: the child's "describe" entry ({kind, config, input_shape, kernels: {name: {initializer,
    shape}}, activation, between, normalized}); samples: per sample [mean, second moment] of the layer's
    input, which a kernel with a weight mean needs (the shared shift c = m n_eff mean)."""
    if not layer or layer.get("kind") is None:
        return Prediction(None, why="not a layer the signal model describes")
    if layer.get("normalized"):
        return Prediction(None, why="a normalization between the layer and its activation")
    between = [name for name in layer.get("between", []) if name not in KEEPS_MOMENT]
    if between:
        return Prediction(None, why=f"{between[0]} between the layer and its activation")
    kind, config = layer["kind"], layer.get("config") or {}
    if kind not in network.FEED_FORWARD_KINDS:
        return Prediction(None, why=f"{kind}: not a feed-forward layer the signal model predicts")
    shape = tuple(layer["input_shape"]) if layer.get("input_shape") else None
    kernels = layer.get("kernels") or {}
    if kind.startswith("SeparableConv"):
        main, depthwise = kernels.get("pointwise_kernel"), kernels.get("depthwise_kernel")
    else:
        main, depthwise = kernels.get("kernel") or kernels.get("depthwise_kernel"), None
    init = kernel_init(main.get("initializer")) if main else None
    if init is None:
        return Prediction(None, why="an initializer the signal model does not describe")
    n_eff = network.mean_fan(kind, config, shape, "pointwise" if kind.startswith("SeparableConv") else "kernel")
    if n_eff is not None and n_eff < MIN_FAN and not kind.startswith("DepthwiseConv"):
        return Prediction(None, why=f"{n_eff:.0f} inputs per output: too narrow for the mean-field model")
    mean = signal.kernel_mean(init)
    if mean:  # a weight mean: each sample's inputs sum into a shift its units share
        if kind.startswith("SeparableConv") or not samples:
            return Prediction(None, why="a weight mean on an input whose per-sample means were not measured")
        gain = shifted_gain(network.kernel_variance_of(kind, config, shape, init), mean, n_eff, layer.get("activation"),
                            samples)
        if gain is None:
            return Prediction(None, why="a shape, fan or activation unknown to the signal model")
    else:
        found = network.predicted_gain(kind, config, shape, init, layer.get("activation"),
                                       q_in if q_in and q_in > 0 else 1.0,
                                       kernel_init(depthwise.get("initializer")) if depthwise else None)
        if found is None:
            return Prediction(None, why="a shape, fan or activation unknown to the signal model")
        gain = found.gain
    logs = [math.log(v) for v in per_draw or [] if v]
    noise = statistics.stdev(logs) if len(logs) >= 3 else NOISE_WITHOUT_DRAWS
    values = layer.get("values")  # batch x output units: a second moment over few values is itself noisy
    if values:
        noise = max(noise, math.sqrt(2 / values))
    tolerance = max(SIGMAS * noise, FLOOR)
    error = abs(math.log(measured / gain)) if measured and gain > 0 else None
    return Prediction(gain, tolerance, error)


def shifted_gain(second: float | None, mean: float, n_eff: float | None, activation: str | None,
                 samples: list[list[float]]) -> float | None:
    """The gain of a layer whose kernel has mean m and second moment E[W^2] on the measured input: sample s
    (input mean a_s, second moment q_s) gives its units h = c_s + e, c_s = m n_eff a_s shared, e ~ N(0, n_eff
    Var(W) q_s) each unit's own (network.signal.coherent_chain's split, on the input as measured); the gain is
    the mean over samples of E[phi(h)^2] over the mean of q_s, as the runtime pools its gain. A zero-mean
    input formula (n_eff E[W^2] q_in) misses the shift when the inputs share a sign: after a tanh saturated
    by U(0, 1) every sample's units sit at about +1 or -1, so c is about m n_eff, not m sqrt(n_eff)."""
    if second is None or n_eff is None or not samples:
        return None
    spread = n_eff * (second - mean * mean)
    if spread < 0:
        return None
    q_out = 0.0
    for average, q in samples:
        found = signal.shifted_moments(activation, mean * n_eff * average, spread * q)
        if found is None:
            return None
        q_out += found[1]
    q_in = sum(q for _average, q in samples)
    return q_out / q_in if q_in > 0 else None
