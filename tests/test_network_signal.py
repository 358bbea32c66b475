"""The signal model (pylint_glorot.network.signal): Var(W) per initializer, activation moments by
quadrature, layer and chain gains, the mean-field fixed point. The figures are those of
docs/signal-model.md (and the project's design notes); the quadrature is checked against an
independent high-resolution Simpson rule and the derivatives against finite differences."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys

import pytest

from pylint_glorot.network import (
    KernelInit, activation_factor, chain, chain_chi, chain_gain, derivative_moment, effective_fan,
    fixed_point, keras_defaults, keras_fans, kernel_variance, layer_gain, named_initializer, second_moment,
    with_defaults,
)
from pylint_glorot.network import signal

HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None
needs_tensorflow = pytest.mark.skipif(
    not HAS_TENSORFLOW and not os.environ.get("GLOROT_REQUIRE_TENSORFLOW"),
    reason="TensorFlow is not installed (CI installs it and sets GLOROT_REQUIRE_TENSORFLOW=1)",
)

# E[phi(z)^2], z ~ N(0, 1), as the design notes state them (3 significant digits)
FACTORS_AT_1 = {"relu": 0.5, "elu": 0.645, "gelu": 0.425, "swish": 0.356, "silu": 0.356, "mish": 0.452,
                "selu": 1.0, "softplus": 0.921, "tanh": 0.394, "linear": 1.0, None: 1.0}


@pytest.mark.parametrize(("name", "expected"), FACTORS_AT_1.items())
def test_activation_factors_at_unit_scale(name, expected) -> None:
    assert second_moment(name, 1.0) == pytest.approx(expected, abs=5e-4)


def _simpson(fn, q: float, kinks: tuple[float, ...], intervals: int = 2000, limit: float = 12.0) -> float:
    """An independent reference: composite Simpson on z in [-limit, limit], one rule per piece
    between the activation's kinks (ends taken as one-sided limits)."""
    root = math.sqrt(q)
    points = (*kinks, -10.0, -1.0, 1.0, 10.0)  # and refine where x = sqrt(q) z is of order 1
    cuts = sorted({-limit, limit, *(k / root for k in points if -limit < k / root < limit)})
    total = 0.0
    for lo, hi in zip(cuts, cuts[1:]):
        h = (hi - lo) / intervals
        for i in range(intervals + 1):
            z = min(max(lo + i * h, lo + 1e-12), hi - 1e-12)
            weight = 1 if i in (0, intervals) else (4 if i % 2 else 2)
            total += weight * h / 3 * fn(root * z) ** 2 * math.exp(-z * z / 2)
    return total / math.sqrt(2 * math.pi)


SMOOTH_OR_KINKED = ["elu", "celu", "selu", "gelu", "silu", "mish", "softplus", "softsign", "tanh", "sigmoid",
                    "hard_sigmoid", "hard_silu", "relu6", "hard_tanh", "leaky_relu:0.3", "elu:0.5"]


@pytest.mark.parametrize("name", SMOOTH_OR_KINKED)
@pytest.mark.parametrize("q", [1e-3, 0.25, 3.7, 50.0, 1e4])
def test_quadrature_matches_a_high_resolution_reference(name, q) -> None:
    act = signal.activation(name)
    for derivative, fn in ((False, act.phi), (True, act.dphi)):
        ours = (derivative_moment if derivative else second_moment)(name, q)
        reference = _simpson(fn, q, act.kinks)
        assert ours == pytest.approx(reference, rel=1e-4, abs=1e-12), (name, q, derivative)


@pytest.mark.parametrize("name", SMOOTH_OR_KINKED)
def test_derivatives_match_finite_differences(name) -> None:
    act = signal.activation(name)
    for x in (-4.3, -2.1, -0.7, 0.3, 1.9, 4.4, 7.2):
        numeric = (act.phi(x + 1e-6) - act.phi(x - 1e-6)) / 2e-6
        assert act.dphi(x) == pytest.approx(numeric, rel=1e-5, abs=1e-6), (name, x)


def test_factors_depend_on_the_scale_except_for_rectifiers() -> None:
    for q in (0.01, 1.0, 100.0):
        assert activation_factor("relu", q) == 0.5
        assert activation_factor("leaky_relu", q) == pytest.approx((1 + 0.2 ** 2) / 2)
        assert activation_factor("leaky_relu:0.3", q) == pytest.approx((1 + 0.3 ** 2) / 2)
    assert activation_factor("tanh", 0.01) == pytest.approx(1.0, abs=0.03)  # linear regime
    assert activation_factor("tanh", 100.0) < 0.01  # saturated
    assert activation_factor("gelu", 100.0) == pytest.approx(0.5, abs=0.01)  # relu-like at large scale
    assert activation_factor("gelu", 0.01) == pytest.approx(0.25, abs=0.01)  # x/2 near zero
    assert second_moment("exponential", 0.5) == pytest.approx(math.e)


@pytest.mark.parametrize("bad", ["softmax", "nope", "leaky_relu:x", "relu:2", "celu:0", 3])
def test_unknown_activations_answer_none(bad) -> None:
    assert second_moment(bad, 1.0) is None
    assert derivative_moment(bad, 1.0) is None
    assert layer_gain(10, 0.1, bad) is None


@pytest.mark.parametrize("q", [-1.0, math.nan, math.inf, "1"])
def test_bad_scales_answer_none(q) -> None:
    assert second_moment("tanh", q) is None


def test_variance_scaling_variances() -> None:
    fans = (300, 100)
    he = named_initializer("he_uniform")
    assert kernel_variance(he, fans) == pytest.approx(2 / 300)
    assert kernel_variance(named_initializer("GlorotNormal"), fans) == pytest.approx(1 / 200)
    assert kernel_variance(named_initializer("lecun_normal"), fans) == pytest.approx(1 / 300)
    assert kernel_variance(KernelInit("variance_scaling", 2.0, "fan_out", "untruncated_normal"), fans) == 0.02
    assert kernel_variance(KernelInit("variance_scaling"), fans) == pytest.approx(1 / 300)  # Keras defaults
    assert kernel_variance(KernelInit("variance_scaling", 1.0, "fan_avg"), (0, 0)) == 1.0  # max(1, n)
    assert kernel_variance(KernelInit("variance_scaling", 1.0, "FAN_IN"), fans) is None  # Keras raises
    assert kernel_variance(KernelInit("variance_scaling", 0.0), fans) is None
    assert kernel_variance(he, None) is None


def test_fixed_scale_variances() -> None:
    assert signal.TRUNCATED_VARIANCE_FACTOR == pytest.approx(0.77374, abs=1e-5)
    assert kernel_variance(named_initializer("normal"), None) == pytest.approx(0.05 ** 2)
    assert kernel_variance(named_initializer("truncated_normal"), None) == pytest.approx(0.77374 * 0.05 ** 2, rel=1e-4)
    assert kernel_variance(named_initializer("uniform"), None) == pytest.approx(0.1 ** 2 / 12)  # 8.3e-4
    assert kernel_variance(KernelInit("truncated_normal", stddev=0.02), None) == pytest.approx(0.77374 * 4e-4, rel=1e-4)
    # non-zero mean: the second moment
    assert kernel_variance(KernelInit("random_uniform", minval=0.0, maxval=1.0), None) == pytest.approx(1 / 3)
    assert kernel_variance(KernelInit("random_normal", mean=1.0, stddev=1.0), None) == 2.0
    assert kernel_variance(KernelInit("random_normal"), None) is None  # stddev unknown
    assert kernel_variance(KernelInit("constant", value=0.5), None) == 0.25
    assert kernel_variance(KernelInit("zeros"), None) == 0.0
    assert kernel_variance(named_initializer("ones"), None) == 1.0
    assert kernel_variance(KernelInit("unknown"), (3, 3)) is None
    assert named_initializer("xavier_uniform") is None


def test_orthogonal_and_identity_per_unit_gain() -> None:
    ortho = KernelInit("orthogonal", gain=2.0)
    # in >= out: orthonormal columns, gain g^2 per unit; in < out: g^2 in / out
    assert 512 * kernel_variance(ortho, (512, 128)) == pytest.approx(4.0)
    assert 128 * kernel_variance(ortho, (128, 512)) == pytest.approx(4.0 * 128 / 512)
    # conv kernel 3x3x64x32: Keras flattens to (576, 32)
    assert kernel_variance(ortho, (576, 288), kernel_shape=(3, 3, 64, 32)) == pytest.approx(4 / 576)
    assert 64 * kernel_variance(named_initializer("identity"), (64, 64)) == 1.0
    assert kernel_variance(named_initializer("identity"), None, kernel_shape=(3, 3, 4, 4)) is None


def test_defaults_per_api_generation() -> None:
    assert keras_defaults("random_normal", "keras") == {"mean": 0.0, "stddev": 0.05}
    assert keras_defaults("random_uniform", "tf-keras") == {"minval": -0.05, "maxval": 0.05}
    assert keras_defaults("random_normal", "tf1") == {"mean": 0.0, "stddev": 1.0}
    assert keras_defaults("truncated_normal", "tf1")["stddev"] == 1.0
    assert keras_defaults("random_uniform", "tf1") == {"minval": 0.0, "maxval": 1.0}
    assert keras_defaults("orthogonal", "keras") == {"gain": 1.0}
    assert keras_defaults("nope", "keras") == {}
    assert keras_defaults("random_normal", "tf0") == {}
    filled = with_defaults(KernelInit("random_normal", stddev=0.3), "tf1")
    assert (filled.mean, filled.stddev) == (0.0, 0.3)


DEFAULTS_PROBE = """
import inspect, json, os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import keras, tensorflow as tf
def defaults(fn, names):
    params = inspect.signature(fn).parameters
    return {n: params[n].default for n in names}
print(json.dumps({
  "keras": {
    "random_normal": defaults(keras.initializers.RandomNormal, ["mean", "stddev"]),
    "truncated_normal": defaults(keras.initializers.TruncatedNormal, ["mean", "stddev"]),
    "random_uniform": defaults(keras.initializers.RandomUniform, ["minval", "maxval"]),
    "variance_scaling": defaults(keras.initializers.VarianceScaling, ["scale", "mode", "distribution"]),
    "orthogonal": defaults(keras.initializers.Orthogonal, ["gain"]),
    "identity": defaults(keras.initializers.Identity, ["gain"]),
  },
  "tf2": {
    "random_normal": defaults(tf.random_normal_initializer, ["mean", "stddev"]),
    "truncated_normal": defaults(tf.initializers.TruncatedNormal, ["mean", "stddev"]),
    "random_uniform": defaults(tf.random_uniform_initializer, ["minval", "maxval"]),
  },
  "tf1": {
    "random_normal": defaults(tf.compat.v1.random_normal_initializer, ["mean", "stddev"]),
    "truncated_normal": defaults(tf.compat.v1.truncated_normal_initializer, ["mean", "stddev"]),
    "random_uniform": defaults(tf.compat.v1.random_uniform_initializer, ["minval", "maxval"]),
    "variance_scaling": defaults(tf.compat.v1.variance_scaling_initializer, ["scale", "mode", "distribution"]),
    "orthogonal": defaults(tf.compat.v1.orthogonal_initializer, ["gain"]),
  },
  "tf1_uniform_max": float(tf.compat.v1.random_uniform_initializer(seed=1)([20000]).numpy().max()),
}))
"""


@needs_tensorflow
def test_defaults_match_the_installed_sources() -> None:
    assert HAS_TENSORFLOW, "GLOROT_REQUIRE_TENSORFLOW is set but TensorFlow is missing"
    result = subprocess.run([sys.executable, "-c", DEFAULTS_PROBE], capture_output=True, text=True, check=False,
                            env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"}, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert 0.99 < found.pop("tf1_uniform_max") < 1.0  # maxval=None means 1 for floats
    found["tf1"]["random_uniform"]["maxval"] = 1.0
    for generation, kinds in found.items():
        for kind, values in kinds.items():
            assert keras_defaults(kind, generation) == pytest.approx(values) if kind != "variance_scaling" else \
                keras_defaults(kind, generation) == values, (generation, kind)


def test_transposed_conv_measurement_of_the_design_notes() -> None:
    """Conv2DTranspose(64, 4, strides=2) from 64 channels: measured q_pre 0.4997 (he_uniform),
    0.2506 (glorot_uniform), 2.008 at stride 1 (he_uniform)."""
    for strides, init, measured in ((2, "he_uniform", 0.4997), (2, "glorot_uniform", 0.2506), (1, "he_uniform", 2.008)):
        config = {"filters": 64, "kernel_size": 4, "strides": strides, "padding": "same"}
        shape = (32, 32, 64)
        var_w = kernel_variance(named_initializer(init), keras_fans("Conv2DTranspose", config, shape))
        q_pre = effective_fan("Conv2DTranspose", config, shape) * var_w
        assert q_pre == pytest.approx(measured, rel=0.01)


def test_layer_gain_and_chains() -> None:
    he = layer_gain(256, 2 / 256, "relu")
    assert (he.q_pre, he.q_out, he.gain, he.chi) == (pytest.approx(2.0), pytest.approx(1.0), pytest.approx(1.0),
                                                     pytest.approx(1.0))
    glorot = layer_gain(256, 1 / 256, "relu", q_in=2.0)
    assert glorot.gain == pytest.approx(0.5)
    # a relu chain on Glorot halves per square layer: 0.065 after 4 layers (design notes: measured 0.065)
    layers = chain([(256, 1 / 256, "relu")] * 4)
    assert chain_gain(layers) == pytest.approx(0.5 ** 4)
    assert chain_chi(layers) == pytest.approx(0.5 ** 4)
    # eight Dense(5) on RandomUniform() under relu
    var_w = kernel_variance(named_initializer("uniform"), (5, 5))
    assert chain_gain(chain([(5, var_w, "relu")] * 8)) < 1e-20
    assert chain([(5, var_w, "relu"), (5, var_w, "softmax")]) is None
    assert layer_gain(0, 1.0, "relu") is None
    assert layer_gain(10, 0.0, "relu") .gain == 0.0
    assert chain([(10, 0.0, "relu"), (10, 0.1, "relu")]) is None  # the signal died: q_in = 0


def test_tanh_mean_field_figures() -> None:
    q_star, chi1 = fixed_point("tanh", 1.0)
    assert chi1 == pytest.approx(0.9995, abs=2e-4)
    assert q_star < 1e-3
    q_star, chi1 = fixed_point("tanh", 2.0)
    assert (q_star, chi1) == (pytest.approx(0.618, abs=1e-3), pytest.approx(1.1055, abs=1e-4))
    assert chi1 ** 30 == pytest.approx(20.3, abs=0.1)
    q_star, chi1 = fixed_point("tanh", (5 / 3) ** 2)
    assert chi1 == pytest.approx(1.21, abs=5e-3)
    assert chi1 ** 30 == pytest.approx(303, rel=0.01)


def test_fixed_points_of_homogeneous_activations() -> None:
    assert fixed_point("relu", 2.0) == (1.0, 1.0)
    assert fixed_point("relu", 1.0) == (0.0, 0.5)
    assert fixed_point("relu", 3.0) == (math.inf, 1.5)
    assert fixed_point("softmax", 1.0) is None
    assert fixed_point("tanh", -1.0) is None
    # SELU's self-normalizing fixed point at sigma_w^2 = 1 (Klambauer et al. 2017)
    q_star, chi1 = fixed_point("selu", 1.0)
    assert q_star == pytest.approx(1.0, abs=1e-3)
    assert chi1 == pytest.approx(1.0707, abs=5e-3)


def test_the_docs_activation_table_is_what_the_code_computes() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "signal-model.md").read_text()
    table = text.split("<!-- activation-table:start -->")[1].split("<!-- activation-table:end -->")[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) >= 15
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        name = cells[0].strip("`")
        expected = [second_moment(name, 1.0), second_moment(name, 0.25) / 0.25, second_moment(name, 4.0) / 4.0,
                    derivative_moment(name, 1.0)]
        assert [float(c) for c in cells[1:]] == pytest.approx(expected, abs=6e-5), name


def test_predicted_gain_of_weighted_layers() -> None:
    from pylint_glorot.network import predicted_gain

    he = named_initializer("he_uniform")
    dense = predicted_gain("Dense", {"units": 256}, (256,), he, "relu")
    assert dense.gain == pytest.approx(1.0)
    # Dense(128) behind a Flatten of 30976 inputs: Glorot vs He differ by 0.4%
    glorot = predicted_gain("Dense", {"units": 128}, (30976,), named_initializer("glorot_uniform"), "relu")
    he_wide = predicted_gain("Dense", {"units": 128}, (30976,), he, "relu")
    assert glorot.gain / he_wide.gain == pytest.approx(30976 / ((30976 + 128) / 2) / 2, rel=1e-9)
    assert glorot.gain / he_wide.gain == pytest.approx(0.996, abs=1e-3)
    # stride-2 transposed conv: he_uniform counts the filters, a quarter of He
    convt = predicted_gain("Conv2DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2}, (None, None, 64), he,
                           "relu")
    assert convt.q_pre == pytest.approx(0.5)
    # separable: depthwise (linear, prod(k) inputs, Keras fan_in k*k*C) then pointwise with the activation
    sep = predicted_gain("SeparableConv2D", {"filters": 32, "kernel_size": 3}, (None, None, 32), he, "relu")
    assert sep.q_pre == pytest.approx((9 * 2 / (9 * 32)) * (32 * 2 / 32))
    assert predicted_gain("LSTM", {"units": 8}, (5, 3), he, "tanh") is None
    assert predicted_gain("Dense", {"units": 8}, None, he, "relu") is None
    assert predicted_gain("Dense", {"units": 8}, (4,), he, "softmax") is None


@pytest.mark.parametrize("fans", [("a", 3), (3,), None, (math.nan, 2), "ab"])
def test_bad_fans_answer_none(fans) -> None:
    assert kernel_variance(named_initializer("he_uniform"), fans) is None
    assert kernel_variance(KernelInit("orthogonal"), fans, kernel_shape=("x", 3)) is None
    assert kernel_variance(KernelInit("random_normal", stddev="0.1"), fans) is None  # type: ignore[arg-type]


def test_a_chain_whose_figures_hang_on_the_omitted_kick_is_not_steady() -> None:
    """coherent_chain's `steady`: moving every shared shift c by the finite-width kick the recursion omits
    (one and half a standard deviation) must not move a stated figure by more than a decade."""
    from pylint_glorot.network import signal as S

    def uniform(low: float, high: float, n: int, activation: str, depth: int) -> list[tuple]:
        mean = (low + high) / 2
        return [(n, (high - low) ** 2 / 12 + mean * mean, mean, activation)] * depth

    shifted = S.coherent_chain(uniform(-0.05, 0.15, 256, "tanh", 4))  # m n = 12.8: c's map expands, tanh saturates
    assert shifted is not None and not shifted.steady
    for layers in (uniform(0.0, 0.02, 256, "tanh", 4), uniform(-0.05, 0.15, 256, "relu", 4),
                   uniform(0.0, 1.0, 64, "tanh", 6), uniform(-0.05, 0.05, 256, "tanh", 4)):
        found = S.coherent_chain(layers)
        assert found is not None and found.steady, layers
    saturated = S.coherent_chain(uniform(0.0, 1.0, 64, "tanh", 6))  # below 1e-99 with and without the kick
    assert saturated.gradient < S.FLOOR
