"""The proof zoo: the static signal model's predictions against Keras measurements.

Each case of tests/signal_zoo_cases.py (49 layer chains: Dense, EinsumDense, Conv1D/2D/3D,
Conv1D/2DTranspose at stride 1 and 2 with same and valid padding, depthwise and separable,
behind Flatten/Reshape/UpSampling; relu, leaky_relu, gelu, swish, tanh, selu, linear; named,
VarianceScaling, RandomNormal/RandomUniform/TruncatedNormal and Orthogonal initializers) is
predicted by tests/zoo_predict.py with pylint_glorot.network, the functions the checker's
figures come from, and measured by tests/signal_measure.py on the built Keras model (TF
backend, CPU, zero bias, N(0, 1) input, a seed not used to measure the noise). Compared: every
layer's gain q_out / q_in, and the chain's gain.

Tolerance, on |log(measured / predicted)|: max(4 * sd, floor), where sd is the case's
seed-to-seed standard deviation of log(gain) measured over seeds 0-9
(tests/data/signal_zoo_noise.json, written by `python tests/signal_measure.py --noise 0 1 2 3 4 5 6 7 8 9`),
and floor = 0.10 per layer, 0.15 per chain: the model's resolution, i.e. the systematic effects
a per-tensor second moment omits (measured: up to 4.5% per layer where most outputs of a small
valid transposed conv sit at the edge under tanh, 5% where same-padded rectifier convs weight
edge inputs less). Measured sd of log(gain) per weighted layer: first layers and every layer
under tanh/selu/linear 0.000-0.043 (median 0.007); rectifier-fed layers (relu, leaky_relu, gelu,
swish after the first) 0.016-0.121 (median 0.053): their inputs have a non-zero mean, so at
finite width each unit's pre-activation carries a random offset. Per chain: 0.005-0.165
(median 0.061). See docs/signal-model.md.

The static predictions need no TensorFlow; the measurement is skipped without it (and fails
when GLOROT_REQUIRE_TENSORFLOW=1, as on CI).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from pathlib import Path

import pytest

from zoo_runs import measured_runs
from signal_zoo_cases import WEIGHTED_KINDS, ZOO
from zoo_predict import predict

HERE = Path(__file__).resolve().parent
NOISE_FILE = HERE / "data" / "signal_zoo_noise.json"
TEST_SEED = 10  # not among the seeds the noise was measured on
SIGMAS = 4.0
LAYER_FLOOR, CHAIN_FLOOR = 0.10, 0.15
HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None
needs_tensorflow = pytest.mark.skipif(
    not HAS_TENSORFLOW and not os.environ.get("GLOROT_REQUIRE_TENSORFLOW"),
    reason="TensorFlow is not installed (CI installs it and sets GLOROT_REQUIRE_TENSORFLOW=1)",
)
NOISE = json.loads(NOISE_FILE.read_text())


def _tolerances(name: str) -> tuple[list[float], float]:
    noise = NOISE[name]
    return [max(SIGMAS * sd, LAYER_FLOOR) for sd in noise["layer_sd"]], max(SIGMAS * noise["chain_sd"], CHAIN_FLOOR)


def test_the_zoo_covers_the_issue() -> None:
    assert len(ZOO) >= 40
    kinds = {kind for case in ZOO for kind, _ in case.layers}
    assert {"Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose",
            "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D", "Flatten", "Reshape"} <= kinds
    transposed = [config for case in ZOO for kind, config in case.layers if "Transpose" in kind]
    assert {c.get("strides", 1) for c in transposed} >= {1, 2}
    assert {c.get("padding", "valid") for c in transposed} == {"same", "valid"}
    assert {case.activation for case in ZOO} >= {"relu", "leaky_relu", "gelu", "swish", "tanh", "selu", "linear"}
    assert {case.initializer[0] for case in ZOO} >= {
        "HeUniform", "GlorotUniform", "LecunNormal", "VarianceScaling", "RandomNormal", "RandomUniform",
        "TruncatedNormal", "Orthogonal"}
    assert len({case.name for case in ZOO}) == len(ZOO)
    assert set(NOISE) == {case.name for case in ZOO}, "re-measure tests/data/signal_zoo_noise.json"


@pytest.mark.parametrize("case", ZOO, ids=lambda case: case.name)
def test_every_case_has_a_static_prediction(case) -> None:
    predicted = predict(case)
    assert len(predicted) == len(case.layers)
    assert all(p.q_out > 0 for p in predicted)
    assert len([p for p in predicted if p.kind in WEIGHTED_KINDS]) >= 2  # a chain, not one layer


def test_the_tolerances_can_tell_a_factor_of_two() -> None:
    """A He/Glorot mix-up is a factor of 2 per layer: every chain's tolerance is tighter than that."""
    for case in ZOO:
        layer_tols, chain_tol = _tolerances(case.name)
        weighted = sum(kind in WEIGHTED_KINDS for kind, _ in case.layers)
        assert chain_tol < weighted * math.log(2), case.name
        assert max(layer_tols) < 1.0, case.name


@pytest.fixture(scope="module")
def measured() -> dict:
    assert HAS_TENSORFLOW, "GLOROT_REQUIRE_TENSORFLOW is set but TensorFlow is missing"
    return measured_runs("signal_measure.py", TEST_SEED)


@needs_tensorflow
@pytest.mark.parametrize("case", ZOO, ids=lambda case: case.name)
def test_prediction_matches_measurement(case, measured) -> None:
    run = measured[case.name]
    predicted = predict(case, q_in=run[0]["q_in"])
    layer_tols, chain_tol = _tolerances(case.name)
    assert [m["kind"] for m in run] == [kind for kind, _ in case.layers]
    for index, (m, p, tol) in enumerate(zip(run, predicted, layer_tols)):
        error = math.log((m["q_out"] / m["q_in"]) / (p.q_out / p.q_in))
        assert abs(error) <= tol, (index, m["kind"], error, tol)
    chain_error = math.log((run[-1]["q_out"] / run[0]["q_in"]) / (predicted[-1].q_out / predicted[0].q_in))
    assert abs(chain_error) <= chain_tol, (chain_error, chain_tol)
    # the comparison has power: a factor-2 error per weighted layer (He vs Glorot) would fail it
    weighted = sum(kind in WEIGHTED_KINDS for kind, _ in case.layers)
    assert abs(chain_error - weighted * math.log(2)) > chain_tol


def test_the_transposed_convolution_fix_is_a_measured_case() -> None:
    """The replacement the rules write for a stride-2 transposed convolution (VarianceScaling(8, "fan_out")) is
    the zoo case whose gain Keras measures at 1 per layer (He, on Keras' fan_in, is the case measured at 1/4)."""
    import astroid

    from pylint_glorot import analysis, rules

    source = (
        "import keras\nfrom keras import layers\n"
        "model = keras.Sequential([keras.Input((8, 8, 64))] + [layers.Conv2DTranspose(64, 4, strides=2, "
        "padding='same', activation='relu', kernel_initializer='glorot_uniform') for _ in range(2)])\n"
    )
    (found,) = [c[0] for c in (f.candidates for f in analysis.module_findings(astroid.parse(source), rules.Options()))]
    assert found.symbol == "initializer-activation-mismatch"
    assert found.text.endswith('use kernel_initializer=initializers.VarianceScaling(8, "fan_out", "uniform")')
    assert found.edit.imports == ("from keras import initializers",)
    assert "0.12x per layer" in found.text  # glorot's gain against the fix's, not against He's
    fixed = next(case for case in ZOO if case.name == "convT-s2-same-relu-vs8_fan_out")
    assert fixed.initializer == ("VarianceScaling", {"scale": 8.0, "mode": "fan_out", "distribution": "uniform"})
    assert [round(p.q_out / p.q_in, 2) for p in predict(fixed)] == [0.88, 0.94]  # edges of "same": below 1
    he = next(case for case in ZOO if case.name == "convT-s2-same-relu-he_uniform")
    assert all(0.2 < p.q_out / p.q_in < 0.25 for p in predict(he))
