"""`pylint-glorot verify`: the runtime checker, end to end on tiny CPU models, and its pure parts.

The end-to-end runs each start a TensorFlow child process (a few seconds each), so they are
started together, a few at a time, by the `runs` fixture; each test waits for its own.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from pylint_glorot.runtime import cli, static, verdicts
from pylint_glorot.runtime.protocol import HIDE_TENSORFLOW_ENV, innermost

MODELS = Path(__file__).resolve().parent / "runtime_models"
HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None
HAS_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None
needs_tensorflow = pytest.mark.skipif(not HAS_TENSORFLOW, reason="TensorFlow is not installed")


def _model(name: str) -> str:
    return str(MODELS / name)


HAS_JAX = importlib.util.find_spec("jax") is not None
HAS_TORCH = importlib.util.find_spec("torch") is not None
BACKENDS = ["tensorflow"] + (["jax"] if HAS_JAX else []) + (["torch"] if HAS_TORCH else [])
# seeds 0-9 must give the same verdicts on these (one child process for all: tests/seed_sweep.py)
SWEEP = ["relu_glorot.py:build", "relu_he.py:build", "tanh_he.py:build", "tanh_narrow.py:build",
         "tanh_glorot.py", "mixed.py:build", "subclassed.py:build@64", "dropout.py:functional", "fixed_scale.py:build",
         "fixed_chain.py:build"]
# the same seed gives the same verdicts on every backend installed
BACKEND_MODELS = ["relu_glorot.py:build", "tanh_narrow.py:build", "dropout.py:functional", "fixed_scale.py:build",
                  "subclassed_ops.py:build@64"]

# name -> (arguments, extra environment); all run on the CPU unless they say otherwise
RUNS: dict[str, tuple[list[str], dict[str, str]]] = {
    "seeds": (["{sweep}", "0-9"] + [_model(m) for m in SWEEP], {}),
    "zoo": (["{zoo}", "10"], {}),
    "relu_glorot": ([_model("relu_glorot.py:build"), "--format", "json"]
                    + (["--plot", "{tmp}/relu.png"] if HAS_MATPLOTLIB else []), {}),
    "relu_he": ([_model("relu_he.py:build"), "--format", "json"], {}),
    "tanh_he": ([_model("tanh_he.py:build"), "--format", "json"], {}),
    "tanh_glorot": ([_model("tanh_glorot.py")], {}),
    "redundant": ([_model("redundant_vs.py:build"), "--format", "json"], {}),
    "mixed": ([_model("mixed.py:build"), "--format", "json"], {}),
    "unbuilt": ([_model("unbuilt.py:build"), "--format", "json"], {}),
    "unbuilt_shaped": ([_model("unbuilt.py:build"), "--format", "json", "--input-shape", "16"], {}),
    "subclassed": ([_model("subclassed.py:build"), "--format", "json", "--input-shape", "64"], {}),
    "no_tensorflow": ([_model("relu_glorot.py:build")], {HIDE_TENSORFLOW_ENV: "1"}),
    "load_error": ([_model("load_error.py")], {}),
    "factory_raises": ([_model("broken.py:raises")], {}),
    "no_tensorflow_debug": ([_model("relu_glorot.py:build"), "--debug"], {HIDE_TENSORFLOW_ENV: "1"}),
    "not_a_model": ([_model("broken.py:not_a_model")], {}),
    "cannot_call": ([_model("broken.py:small"), "--input-shape", "5"], {}),
    "no_model": ([_model("no_model.py")], {}),
    "timeout": ([_model("slow.py"), "--timeout", "2"], {}),
    "no_gpu": ([_model("no_model.py:make"), "--device", "gpu"], {}),
    "dropout": ([_model("dropout.py:functional"), "--format", "json"], {}),
    "dropout_sequential": ([_model("dropout.py:sequential"), "--format", "json", "--input-shape", "64"], {}),
    "depthwise": ([_model("dropout.py:depthwise"), "--format", "json", "--draws", "1"], {}),
    "built_model": ([_model("factories.py:built"), "--format", "json"]
                    + (["--plot", "{tmp}/built.png"] if HAS_MATPLOTLIB else []), {}),
    "other_factory": ([_model("factories.py:tanh_net")], {}),
    "an_int": ([_model("factories.py:count")], {}),
    "fixed_scale": ([_model("fixed_scale.py:build"), "--format", "json"], {}),
    "fixed_chain": ([_model("fixed_chain.py:build"), "--format", "json"], {}),
    "fixed_loop": ([_model("fixed_loop.py:build"), "--format", "json"], {}),
    "fixed_saturated": ([_model("fixed_gradient.py:saturated"), "--format", "json"], {}),
    "fixed_chaotic": ([_model("fixed_gradient.py:chaotic"), "--format", "json"], {}),
    "fixed_shrinking": ([_model("fixed_gradient.py:shrinking"), "--format", "json"], {}),
    "runtime_vanishing": ([_model("runtime_gradient.py:build"), "--format", "json"], {}),
    "runtime_chaotic": ([_model("runtime_gradient.py:chaotic"), "--format", "json"], {}),
    "transposed": ([_model("transposed.py:build"), "--format", "json"], {}),
    "helpers": ([_model("helpers.py:build"), "--format", "json"], {}),
    "vgg16": ([_model("library.py:vgg16"), "--format", "json"], {}),
    "mobilenet": ([_model("library.py:mobilenet"), "--format", "json"], {}),
    "jax_backend": ([_model("relu_glorot.py:build"), "--format", "json", "--draws", "1"], {"KERAS_BACKEND": "jax"}),
    "numpy_backend": ([_model("relu_glorot.py:build"), "--backend", "numpy"], {}),
    **{f"backend_{backend}": (["{sweep}", "3-3"] + [_model(m) for m in BACKEND_MODELS], {"KERAS_BACKEND": backend})
       for backend in BACKENDS},
}
CPU_RUNS = {name for name in RUNS if name != "no_gpu"}
if not HAS_JAX:
    del RUNS["jax_backend"]


def _verify(arguments: list[str], env: dict[str, str], tmp: Path) -> subprocess.CompletedProcess[str]:
    arguments = [a.replace("{tmp}", str(tmp)) for a in arguments]
    if arguments[0] in ("{sweep}", "{zoo}"):
        script = "seed_sweep.py" if arguments[0] == "{sweep}" else "zoo_verify.py"
        return subprocess.run([sys.executable, str(Path(__file__).parent / script), *arguments[1:]],
                              capture_output=True, text=True, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1", **env},
                              check=False)
    if "--device" not in arguments:
        arguments += ["--device", "cpu"]
    if "--timeout" not in arguments:
        arguments += ["--timeout", "300"]
    return subprocess.run([sys.executable, "-m", "pylint_glorot.runtime.cli", *arguments],
                          capture_output=True, text=True, env={**os.environ, **env}, check=False)


class Runs:
    """Every end-to-end run, started at once (three at a time); `get` waits for one."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self._pool = ThreadPoolExecutor(max_workers=3)
        self._futures: dict[str, Future[subprocess.CompletedProcess[str]]] = {
            name: self._pool.submit(_verify, arguments, env, tmp) for name, (arguments, env) in RUNS.items()}

    def get(self, name: str) -> subprocess.CompletedProcess[str]:
        return self._futures[name].result()

    def json(self, name: str) -> dict:
        done = self.get(name)
        assert done.returncode in (0, 1), done.stderr
        return json.loads(done.stdout)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    if not HAS_TENSORFLOW:
        pytest.skip("TensorFlow is not installed")
    started = Runs(tmp_path_factory.mktemp("verify"))
    yield started
    started.close()


def _finding(document: dict, symbol: str, line: int | None = None) -> dict:
    found = [f for f in document["findings"] if f["symbol"] == symbol and (line is None or f["line"] == line)]
    assert len(found) == 1, document["findings"]
    return found[0]


def _error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("pylint-glorot verify: error: ")
    assert "Traceback" not in done.stderr
    return lines[0]


# --------------------------------------------------------------------------- the measurements


def test_relu_glorot_chain_is_confirmed_by_compounding_decay(runs: Runs) -> None:
    document = runs.json("relu_glorot")
    assert runs.get("relu_glorot").returncode == 1
    assert document["device"] == "CPU" and document["tensorflow"]
    chain = [layer for layer in document["layers"] if layer["line"] == 12]
    assert len(chain) == 12
    gains = [layer["forward_gain"] for layer in chain]
    assert all(0.2 < gain < 0.8 for gain in gains), gains  # the second moment about halves at every layer
    assert math.prod(gains) < 1e-2
    fixed = [layer["suggested"]["forward_gain"] for layer in chain]
    assert all(layer["suggested"]["initializer"] == "he_uniform" for layer in chain)
    assert math.prod(fixed) > 0.05
    finding = _finding(document, "initializer-activation-mismatch", 12)
    assert finding["verdict"] == "confirmed"
    assert finding["numbers"]["run_length"] == 12
    assert finding["numbers"]["gain"] < 1e-2 < finding["numbers"]["suggested_gain"]
    assert "12 relu layers in a row" in finding["evidence"]


def test_relu_glorot_layers_carry_the_documented_json_fields(runs: Runs) -> None:
    document = runs.json("relu_glorot")
    assert {"device", "tensorflow", "layers", "findings"} <= set(document)
    for layer in document["layers"]:
        assert {"name", "line", "class", "initializer", "activation", "forward_gain", "grad_var"} <= set(layer)
    first = document["layers"][0]
    assert first["class"] == "Dense" and first["activation"] == "relu"
    assert first["initializer"] == {"class": "GlorotUniform", "kind": "initializer", "scale": 1.0, "mode": "fan_avg",
                                    "distribution": "uniform", "seed": None}
    assert first["static"]["initializer"] == '"glorot_uniform"' and first["disagreements"] == []
    for finding in document["findings"]:
        assert {"symbol", "line", "verdict", "evidence"} <= set(finding)


@pytest.mark.skipif(not HAS_MATPLOTLIB, reason="matplotlib is not installed")
def test_plot_is_written(runs: Runs) -> None:
    runs.get("relu_glorot")
    image = runs.tmp / "relu.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.stat().st_size > 5000


def test_relu_he_keeps_the_gain_near_one(runs: Runs) -> None:
    done = runs.get("relu_he")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["findings"] == []
    gains = [layer["forward_gain"] for layer in document["layers"] if layer["line"] == 12]
    assert len(gains) == 12
    per_layer = math.prod(gains) ** (1 / len(gains))
    assert 0.75 < per_layer < 1.33, gains
    assert all(layer["suggested"] is None for layer in document["layers"])


def test_tanh_he_is_confirmed_through_gradient_growth(runs: Runs) -> None:
    done = runs.get("tanh_he")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    finding = _finding(document, "initializer-activation-mismatch", 12)
    assert finding["verdict"] == "confirmed", finding
    numbers = finding["numbers"]
    assert numbers["run_length"] == 30
    assert numbers["gradient_growth"] > 4 and numbers["suggested_gradient_growth"] < 2, numbers
    chain = [layer for layer in document["layers"] if layer["line"] == 12]
    # the forward view alone would prefer He: its gain per layer is the closer one to 1
    before = math.prod(layer["forward_gain"] for layer in chain) ** (1 / 30)
    after = math.prod(layer["suggested"]["forward_gain"] for layer in chain) ** (1 / 30)
    assert abs(math.log(before)) < abs(math.log(after))


def test_tanh_glorot_has_nothing_to_confirm(runs: Runs) -> None:
    done = runs.get("tanh_glorot")
    assert done.returncode == 0, done.stderr
    assert "findings: none" in done.stdout
    assert "model model (Functional)" in done.stdout
    assert done.stdout.count("glorot_normal") == 8


def test_variance_scaling_draws_bit_identical_to_he_normal(runs: Runs) -> None:
    done = runs.get("redundant")
    assert done.returncode == 1, done.stderr
    finding = _finding(json.loads(done.stdout), "redundant-variance-scaling")
    assert finding["verdict"] == "confirmed"
    assert finding["numbers"] == {"shape": [16, 32], "seed": 7, "identical": True, "max_abs_diff": 0.0}
    assert "HeNormal(seed=7)" in finding["evidence"] and "bit-identical" in finding["evidence"]


def test_a_chain_finding_is_measured_over_the_whole_chain(runs: Runs) -> None:
    document = runs.json("mixed")
    found = {(f["symbol"], f["line"]): f for f in document["findings"]}
    chain = found[("implicit-initializer-mismatch", 21)]
    assert chain["numbers"]["run_length"] == 4 and "lines 21-24" in chain["evidence"]
    layers = {layer["line"]: layer for layer in document["layers"]}
    # the finding's edits all go together: every layer of the chain gets he_uniform in the suggested pass
    assert [layers[line]["suggested"]["initializer"] for line in (21, 22, 23, 24)] == ["he_uniform"] * 4
    assert not any(f["runtime_only"] for f in document["findings"])


def test_a_chain_finding_fixes_every_layer_of_its_chain() -> None:
    view = static.static_pass(MODELS / "fixed_chain.py")
    (finding,) = view.findings
    assert finding.symbol == "fixed-scale-initializer" and finding.line == 11
    assert [site.first_line for site in finding.sites] == list(range(11, 19))
    fixes = verdicts.request_parts(view)["fixes"]
    assert [(f["first_line"], f["label"], f["mechanism"]) for f in fixes] == \
        [(line, "he_uniform", static.FIXED_SCALE_BAND) for line in range(11, 19)]
    mixed = static.static_pass(MODELS / "mixed.py")
    chain = next(f for f in mixed.findings if f.symbol == "implicit-initializer-mismatch")
    assert [site.first_line for site in chain.sites] == [21, 22, 23, 24]
    assert [f["first_line"] for f in verdicts.request_parts(mixed)["fixes"] if f["mechanism"] == "forward-shrink"] == \
        [21, 22, 23, 24]


def test_a_chain_a_helper_builds_is_confirmed_at_the_helpers_layer(runs: Runs) -> None:
    """Four calls of one helper: four built layers at the helper's line, one chain finding there."""
    document = runs.json("helpers")
    chain = [layer for layer in document["layers"] if layer["line"] == 7]
    assert len(chain) == 4
    assert all(layer["suggested"]["initializer"] == "he_uniform" for layer in chain)
    finding = _finding(document, "implicit-initializer-mismatch", 7)
    assert finding["verdict"] == "confirmed"
    assert finding["numbers"]["run_length"] == 4
    assert finding["numbers"]["gain"] < 0.25 < finding["numbers"]["suggested_gain"]
    assert not any(f["runtime_only"] for f in document["findings"])


def test_a_fixed_scale_chain_the_static_pass_reads_is_confirmed(runs: Runs) -> None:
    done = runs.get("fixed_chain")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    (finding,) = document["findings"]  # one static finding for the chain, no runtime-only duplicate
    assert finding["symbol"] == "fixed-scale-initializer" and finding["line"] == 11
    assert finding["verdict"] == "confirmed", finding
    numbers = finding["numbers"]
    # RandomUniform(-0.05, 0.05) on 64 inputs under relu: x(64 * 0.05**2 / 3 / 2) = x0.027 per layer
    assert numbers["run_length"] == 8 and numbers["gain"] < 1e-10, numbers
    assert 0.5 < numbers["suggested_gain"] < 2, numbers
    chain = [layer for layer in document["layers"] if 11 <= layer["line"] <= 18]
    assert len(chain) == 8 and all(layer["suggested"]["initializer"] == "he_uniform" for layer in chain)


def test_a_fixed_scale_finding_carries_the_figure_its_message_states() -> None:
    view = static.static_pass(MODELS / "fixed_gradient.py")
    found = {f.line: (f.mechanism, f.text.split(": ")[1].split(";")[0]) for f in view.findings}
    assert found == {11: (static.FIXED_SCALE_GRADIENT_BAND, "gradient <1e-99x over the chain"),
                     20: (static.FIXED_SCALE_GRADIENT_BAND, "gradient 7.7e+03x over the chain"),
                     29: (static.FIXED_SCALE_BAND, "signal 1.1e-15x over the chain")}
    # the gradient-type finding's fix is applied in the suggested pass, as the forward-type one's is
    fixes = verdicts.request_parts(view)["fixes"]
    assert {(f["first_line"], f["label"], f["mechanism"]) for f in fixes} == {
        (11, "glorot_uniform", static.FIXED_SCALE_GRADIENT_BAND), (20, "glorot_normal", static.FIXED_SCALE_GRADIENT_BAND),
        (29, "he_normal", static.FIXED_SCALE_BAND)}


def test_a_saturated_tanh_chain_is_confirmed_on_its_vanished_gradient(runs: Runs) -> None:
    """U(0, 1) under tanh: the signal stays at x1 (the forward path would not confirm it); the kernel
    gradients underflow to exactly 0 as written and are non-zero with GlorotUniform."""
    document = runs.json("fixed_saturated")
    finding = _finding(document, "fixed-scale-initializer", 11)
    assert finding["verdict"] == "confirmed" and finding["mechanism"] == static.FIXED_SCALE_GRADIENT_BAND, finding
    numbers = finding["numbers"]
    assert numbers["run_length"] == 6 and numbers["zero_gradient_layers"] == 6, numbers
    assert 1e-2 < numbers["suggested_gradient_growth"] < 1e2, numbers
    assert "kernel gradients are exactly 0 at every layer as written" in finding["evidence"]
    chain = [layer for layer in document["layers"] if layer["line"] == 11]
    assert len(chain) == 6 and all(layer["grad_var"] == 0 for layer in chain)
    assert all(layer["suggested"]["initializer"] == "glorot_uniform" and layer["suggested"]["grad_var"] > 0
               for layer in chain)
    assert 0.5 < math.prod(layer["forward_gain"] for layer in chain) < 2  # the signal is kept: x1 over the chain


def test_a_chaotic_tanh_chain_is_confirmed_on_its_growing_gradient(runs: Runs) -> None:
    document = runs.json("fixed_chaotic")
    finding = _finding(document, "fixed-scale-initializer", 20)
    assert finding["verdict"] == "confirmed" and finding["mechanism"] == static.FIXED_SCALE_GRADIENT_BAND, finding
    numbers = finding["numbers"]
    assert numbers["run_length"] == 6 and numbers["gradient_growth"] > 1e2, numbers
    assert 1e-2 < numbers["suggested_gradient_growth"] < 1e1, numbers
    assert "kernel-gradient variance grows" in finding["evidence"] and "with glorot_normal" in finding["evidence"]


def test_a_forward_type_fixed_scale_finding_is_still_confirmed_on_the_signal(runs: Runs) -> None:
    document = runs.json("fixed_shrinking")
    finding = _finding(document, "fixed-scale-initializer", 29)
    assert finding["verdict"] == "confirmed" and finding["mechanism"] == static.FIXED_SCALE_BAND, finding
    numbers = finding["numbers"]
    assert numbers["run_length"] == 6 and numbers["gain"] < 1e-10 and 0.1 < numbers["suggested_gain"] < 10, numbers
    assert "the signal's second moment" in finding["evidence"]


def test_a_functional_loop_fed_from_outside_is_predicted_as_measured(runs: Runs) -> None:
    """`x = inputs; for _ in range(8): x = Dense(64, relu, RandomUniform())(x)`: the static pass reads the loop's
    input width through the alias and predicts the run's gain; the measurement agrees."""
    (static_finding,) = static.static_pass(MODELS / "fixed_loop.py").findings
    assert static_finding.symbol == "fixed-scale-initializer" and "(line 11 x8)" in static_finding.text
    predicted = float(static_finding.text.split("signal ")[1].split("x over")[0])
    per_layer = 64 * 0.05 ** 2 / 3 / 2  # Var(U(-0.05, 0.05)) = 0.05^2 / 3, halved by relu
    assert predicted == pytest.approx(per_layer ** 8, rel=0.05)
    finding = _finding(runs.json("fixed_loop"), "fixed-scale-initializer", 11)
    assert finding["verdict"] == "confirmed", finding
    numbers = finding["numbers"]
    assert numbers["run_length"] == 8
    # width 64, 5 draws: the per-layer gain is measured within ~10%; a wrong fan (32 or 128) is off by 2x
    assert numbers["gain_per_layer"] == pytest.approx(per_layer, rel=0.25), numbers
    assert 0.5 < numbers["suggested_gain"] < 2, numbers


def test_the_transposed_convolution_fix_keeps_the_gain_at_one(runs: Runs) -> None:
    """Stride-2 Conv2DTranspose under relu: Keras' fan_in counts the filters, so He would give 1/4 per layer;
    the fix the static pass writes, VarianceScaling(8, "fan_out", "uniform"), is measured at ~1 per layer."""
    finding = _finding(runs.json("transposed"), "implicit-initializer-mismatch", 11)
    assert finding["verdict"] == "confirmed", finding
    assert finding["message"].endswith('VarianceScaling(8, "fan_out", "uniform")')
    numbers = finding["numbers"]
    assert numbers["run_length"] == 3
    assert 0.09 < numbers["gain_per_layer"] < 0.16, numbers  # glorot: in * 9/4 * 2 / (2 * 576) / 2 = 1/8
    assert 0.8 < numbers["suggested_gain_per_layer"] < 1.25, numbers  # He's 0.25 would fail this


def test_every_mechanism_in_one_model(runs: Runs) -> None:
    document = runs.json("mixed")
    found = {(f["symbol"], f["line"]): f for f in document["findings"]}
    verdict = {key: f["verdict"] for key, f in found.items()}
    # the implicit default on 4 relu layers (lines 21-24): one message for the chain, at its first layer
    assert verdict[("implicit-initializer-mismatch", 21)] == "confirmed"
    assert not any(("implicit-initializer-mismatch", line) in found for line in (22, 23, 24))
    selu = found[("initializer-activation-mismatch", 25)]
    assert selu["verdict"] == "confirmed" and selu["numbers"]["gain"] > 1.25
    assert verdict[("hand-rolled-initializer", 9)] == "confirmed"
    assert verdict[("invalid-variance-scaling", 16)] == "confirmed"
    assert "raised ValueError" in found[("invalid-variance-scaling", 16)]["evidence"]
    assert verdict[("constant-kernel-initializer", 33)] == "confirmed"
    assert found[("constant-kernel-initializer", 33)]["numbers"]["unit_spread"] < 1e-4
    lone = found[("initializer-activation-mismatch", 32)]  # one tanh layer: no depth to grow over
    assert lone["verdict"] == "not-measurable" and "at least two" in lone["evidence"]
    odd = found[("inconsistent-initializers", 31)]
    assert odd["verdict"] in ("confirmed", "not-confirmed") and odd["numbers"]["neighbours"] == 5
    layers = {layer["line"]: layer for layer in document["layers"]}
    assert layers[26]["initializer"]["kind"] == "function" and layers[26]["suggested"]["initializer"] is None


def test_no_input_shape_is_not_measurable_and_input_shape_fixes_it(runs: Runs) -> None:
    done = runs.get("unbuilt")
    assert done.returncode == 0, done.stderr
    finding = _finding(json.loads(done.stdout), "initializer-activation-mismatch")
    assert finding["verdict"] == "not-measurable" and "--input-shape" in finding["evidence"]
    shaped = runs.json("unbuilt_shaped")
    assert runs.get("unbuilt_shaped").returncode == 1
    finding = _finding(shaped, "initializer-activation-mismatch", 8)
    assert finding["verdict"] == "confirmed" and finding["numbers"]["run_length"] == 6
    # six layers built by one helper line, in a list comprehension, all matched to that line
    assert [layer["line"] for layer in shaped["layers"]] == [8] * 6 + [12]


def test_activation_functions_in_call_are_seen(runs: Runs) -> None:
    document = runs.json("subclassed")
    assert document["models"][0]["structure_from"] == "calls"  # no graph: the recorded calls
    hidden = [layer for layer in document["layers"] if layer["line"] in (12, 13, 14)]
    # tf.nn.relu, relu imported from tensorflow.nn, keras.ops.relu: each seen once, as the layer's activation
    assert [(layer["activation"], layer["activation_source"]) for layer in hidden] == [("relu", "function")] * 3
    assert all(layer["disagreements"] == [] for layer in hidden)
    for line in (12, 13, 14):
        finding = _finding(document, "initializer-activation-mismatch", line)
        assert finding["verdict"] == "confirmed" and finding["numbers"]["run_length"] == 3


def test_seeds_0_to_9_give_the_same_verdicts(runs: Runs) -> None:
    done = runs.get("seeds")
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    assert set(found) == {_model(m) for m in SWEEP}
    for target, per_seed in found.items():
        assert len(per_seed) == 10
        assert all(verdicts == per_seed[0] for verdicts in per_seed), (target, per_seed)
    narrow = found[_model("tanh_narrow.py:build")][0]
    assert narrow == [["initializer-activation-mismatch", 12, "confirmed"]]  # the tanh criterion, Dense(1) head
    assert found[_model("relu_he.py:build")][0] == []
    assert ["fixed-scale-initializer", 16, "runtime-only"] in found[_model("fixed_scale.py:build")][0]
    assert found[_model("fixed_chain.py:build")][0] == [["fixed-scale-initializer", 11, "confirmed"]]


def test_prediction_agrees_with_measurement_on_the_zoo(runs: Runs) -> None:
    """Issue 9's 49 zoo chains, measured by verify's own pipeline (graph, draws, layer descriptions):
    every weighted layer is predicted by the static signal model, within its tolerance."""
    done = runs.get("zoo")
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    assert len(found) >= 40
    layers = [(case, layer) for case, measured in found.items() for layer in measured]
    assert len(layers) >= 120
    unpredicted = [(case, layer[0], layer[6]) for case, layer in layers if layer[2] is None]
    assert unpredicted == []
    disagreeing = [(case, *layer[:5]) for case, layer in layers if layer[5]]
    assert disagreeing == []


def _backend_verdicts(runs: Runs, backend: str) -> dict:
    done = runs.get(f"backend_{backend}")
    assert done.returncode == 0, (backend, done.stderr[-3000:])
    return json.loads(done.stdout)


@pytest.mark.skipif(not HAS_JAX, reason="jax is not installed")
def test_jax_gives_the_same_verdicts_as_tensorflow(runs: Runs) -> None:
    assert _backend_verdicts(runs, "jax") == _backend_verdicts(runs, "tensorflow")


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed (not in CI: 5.4 GB with its CUDA libraries; "
                                          "docs/runtime.md)")
def test_torch_gives_the_same_verdicts_as_tensorflow(runs: Runs) -> None:
    assert _backend_verdicts(runs, "torch") == _backend_verdicts(runs, "tensorflow")


@pytest.mark.skipif(not HAS_JAX, reason="jax is not installed")
def test_keras_backend_is_honoured(runs: Runs) -> None:
    document = runs.json("jax_backend")
    assert document["backend"] == "jax" and document["backend_version"]
    assert _finding(document, "initializer-activation-mismatch", 12)["verdict"] == "confirmed"


def test_a_backend_without_gradients_is_refused_in_one_line(runs: Runs) -> None:
    line = _error_line(runs.get("numpy_backend"))
    assert "'numpy' cannot be measured" in line and "tensorflow, jax, torch" in line


def test_dropout_between_layers_is_walked_in_the_graph(runs: Runs) -> None:
    document = runs.json("dropout")
    assert document["models"][0]["structure_from"] == "graph"
    # one C7702 for the chain, at its first layer, measured over all three through the Dropouts
    finding = _finding(document, "implicit-initializer-mismatch")
    assert finding["line"] == 9 and finding["verdict"] == "confirmed", finding
    assert finding["numbers"]["run_length"] == 3 and "lines 9, 11, 13" in finding["evidence"], finding
    unbuilt = runs.json("dropout_sequential")  # built by verify's first call: Keras then gives it a graph too
    assert unbuilt["models"][0]["structure_from"] == "graph"
    finding = _finding(unbuilt, "initializer-activation-mismatch", 21)
    assert finding["verdict"] == "confirmed" and finding["numbers"]["run_length"] == 3


def test_depthwise_and_separable_kernels_have_gradients(runs: Runs) -> None:
    layers = {layer["class"]: layer for layer in runs.json("depthwise")["layers"]}
    assert layers["DepthwiseConv2D"]["grad_var"] > 0 and layers["SeparableConv2D"]["grad_var"] > 0


def test_a_built_model_is_measured_and_other_factories_are_not_listed(runs: Runs) -> None:
    document = runs.json("built_model")
    assert [f["line"] for f in document["findings"]] == [9]
    assert document["not_listed"] == [{"symbol": "initializer-activation-mismatch", "line": 15, "id": "W7701"}]
    if HAS_MATPLOTLIB:
        assert document["plot"] == str((runs.tmp / "built.png").resolve())
        assert (runs.tmp / "built.png").read_bytes()[:4] == b"\x89PNG"
    other = runs.get("other_factory").stdout
    assert "line 15: W7701" in other and "line 9:" not in other
    assert "1 finding on layers this model does not build not listed: line 9" in other


def test_a_value_that_is_not_callable_is_named_with_its_article(runs: Runs) -> None:
    assert "factories.py:count is an int, not a callable" in _error_line(runs.get("an_int"))


def test_runtime_only_fixed_scale_and_reused_initializer(runs: Runs) -> None:
    done = runs.get("fixed_scale")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    fixed = _finding(document, "fixed-scale-initializer", 16)
    assert fixed["runtime_only"] and fixed["verdict"] == "runtime-only" and fixed["id"] == "W7709"
    assert fixed["numbers"]["gain"] < 1e-2 and fixed["numbers"]["suggested_gain"] > 0.1
    assert fixed["message"].endswith('use kernel_initializer="he_normal"') and len(fixed["message"]) <= 160
    reused = _finding(document, "reused-initializer", 16)
    assert reused["runtime_only"] and len(reused["layers"]) == 6
    for finding in document["findings"]:  # runtime-only findings carry every field static ones do
        assert {"symbol", "line", "verdict", "evidence", "id", "mechanism", "numbers", "message"} <= set(finding)


def test_a_runtime_only_chain_is_confirmed_on_its_vanished_gradient(runs: Runs) -> None:
    """Issue 9: runtime-only gradient candidates were confirmed on growth only. U(0, 1) under tanh, chosen at run
    time: the signal stays at x1, the kernel gradients are exactly 0; judged by the gradient band."""
    done = runs.get("runtime_vanishing")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    finding = _finding(document, "fixed-scale-initializer", 22)
    assert finding["runtime_only"] and finding["verdict"] == "runtime-only", finding
    assert finding["mechanism"] == "backward-band" and finding["numbers"]["zero_gradient_layers"] == 6
    assert 1e-2 < finding["numbers"]["suggested_gradient_growth"] < 1e2, finding["numbers"]
    # over the six tanh layers the fix changes: the unchanged linear Dense(1) head is left out of the run
    assert "kernel gradients vanish over 6 layers" in finding["message"] and len(finding["message"]) <= 160
    assert finding["message"].endswith('use kernel_initializer="glorot_uniform"')
    assert not any(f["symbol"] == "reused-initializer" for f in document["findings"])  # a fresh instance per layer
    chaotic = _finding(runs.json("runtime_chaotic"), "fixed-scale-initializer", 22)  # N(0, 1): growing, same path
    assert chaotic["verdict"] == "runtime-only" and chaotic["numbers"]["gradient_growth"] > 1e2, chaotic
    assert "kernel gradients grow past the band over 6 layers" in chaotic["message"]


def test_library_layers_carry_the_users_line_and_the_library_line(runs: Runs) -> None:
    done = runs.get("vgg16")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    finding = _finding(document, "implicit-initializer-mismatch")
    assert finding["runtime_only"] and finding["line"] == 7 and len(finding["layers"]) == 13
    assert finding["library"].startswith("keras/src/applications/vgg16.py:")
    assert finding["numbers"]["gain"] < 1e-4
    mobile = runs.get("mobilenet")
    assert mobile.returncode in (0, 1), mobile.stderr
    assert json.loads(mobile.stdout)["models"][0]["structure_from"] == "graph"


# --------------------------------------------------------------------------- errors: one line, exit 2


def test_tensorflow_not_installed(runs: Runs) -> None:
    line = _error_line(runs.get("no_tensorflow"))
    assert "TensorFlow is not installed" in line and 'pip install "pylint-glorot[runtime]"' in line


def test_module_that_raises(runs: Runs) -> None:
    line = _error_line(runs.get("load_error"))
    assert "load_error.py:5: running the module raised RuntimeError: cannot find the training data" in line


def test_factory_that_raises(runs: Runs) -> None:
    line = _error_line(runs.get("factory_raises"))
    assert "broken.py:8: raises() raised ValueError: the dataset path is not configured" in line


def test_debug_shows_the_traceback(runs: Runs) -> None:
    done = runs.get("no_tensorflow_debug")
    assert done.returncode == 2
    assert "Traceback (most recent call last)" in done.stderr and "ModuleNotFoundError" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("pylint-glorot verify: error: ")


def test_factory_returning_something_else(runs: Runs) -> None:
    assert "not_a_model() returned int, not a Keras Model or Layer" in _error_line(runs.get("not_a_model"))


def test_model_that_cannot_be_called(runs: Runs) -> None:
    line = _error_line(runs.get("cannot_call"))
    assert "calling the model on float32 input (32, 5) raised ValueError" in line
    assert "expected axis -1 of input shape to have value 8" in line and "--input-shape" in line


def test_file_without_model(runs: Runs) -> None:
    assert "defines no module-level Keras Model" in _error_line(runs.get("no_model"))


def test_timeout(runs: Runs) -> None:
    line = _error_line(runs.get("timeout"))
    assert "timed out after 2 s while" in line and "--timeout" in line


def test_gpu_forced_without_gpu(runs: Runs) -> None:
    if _gpu_available():
        pytest.skip("a GPU is visible to TensorFlow here")
    assert "--device gpu: TensorFlow sees no GPU" in _error_line(runs.get("no_gpu"))


def test_missing_file_and_factory_fail_fast(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(MODELS / "nothere.py")]) == 2
    assert capsys.readouterr().err.strip() == (
        f"pylint-glorot verify: error: {MODELS / 'nothere.py'}: no such file; give FILE.py or FILE.py:FACTORY")
    assert cli.main([_model("broken.py:nope")]) == 2
    assert capsys.readouterr().err.strip().endswith("defines no 'nope' at module level; name one of: raises, "
                                                    "not_a_model, small")


def test_empty_factory_and_folder_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([_model("broken.py:")]) == 2
    assert capsys.readouterr().err.strip().endswith("broken.py:: no factory after ':'; give "
                                                    f"{MODELS / 'broken.py'} or {MODELS / 'broken.py'}:FACTORY")
    assert cli.main([str(MODELS)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"pylint-glorot verify: error: {MODELS} is a folder (it holds ") and "FILE.py:FACTORY" in err


@pytest.mark.parametrize("arguments", [["--input-shape", "28,x"], ["--batch", "0"], ["--device", "tpu"],
                                       ["--timeout", "-1"]])
def test_bad_options_are_one_line(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([_model("relu_he.py:build"), *arguments]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pylint-glorot verify: error: ")


@needs_tensorflow
def test_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv(HIDE_TENSORFLOW_ENV, "1")
    assert cli.main([_model("relu_glorot.py:build")]) == 2
    shown = terminal.getvalue()
    assert "\r\x1b[Kpylint-glorot verify: reading the findings..." in shown
    assert "pylint-glorot verify: importing TensorFlow..." in shown
    last = shown.split("\r\x1b[K")[-1]  # the status line is cleared before the error
    assert last.startswith("pylint-glorot verify: error: TensorFlow is not installed") and last.count("\n") == 1


def test_the_parent_never_imports_tensorflow() -> None:
    probe = (
        "import sys; from pylint_glorot.runtime import cli, plot, report, runner, static, verdicts;"
        f"cli.main([{_model('nothere.py')!r}]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "[]", done.stderr


# --------------------------------------------------------------------------- GPU


def _gpu_available() -> bool:
    if shutil.which("nvidia-smi") is None or not HAS_TENSORFLOW:
        return False
    probe = "import tensorflow as tf; print(len(tf.config.list_physical_devices('GPU')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    return done.stdout.strip() not in ("", "0")


def test_gpu_run_reports_the_gpu(tmp_path: Path) -> None:
    if not _gpu_available():
        pytest.skip("no GPU visible to TensorFlow")
    done = _verify([_model("relu_glorot.py:build"), "--format", "json", "--device", "gpu"], {}, tmp_path)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    assert document["device"].startswith("GPU:0")
    assert _finding(document, "initializer-activation-mismatch", 12)["verdict"] == "confirmed"


# --------------------------------------------------------------------------- pure parts


def test_static_side_names_each_mechanism() -> None:
    view = static.static_pass(MODELS / "mixed.py")
    mechanisms = {(f.symbol, f.line): f.mechanism for f in view.findings}
    assert mechanisms[("implicit-initializer-mismatch", 21)] == static.FORWARD_SHRINK
    assert mechanisms[("initializer-activation-mismatch", 25)] == static.SELU_DRIFT
    assert mechanisms[("initializer-activation-mismatch", 32)] == static.BACKWARD_GROWTH
    assert mechanisms[("inconsistent-initializers", 31)] == static.GAIN_CONSISTENCY
    assert mechanisms[("constant-kernel-initializer", 33)] == static.SYMMETRY
    assert mechanisms[("hand-rolled-initializer", 9)] == static.HAND_ROLLED
    assert mechanisms[("invalid-variance-scaling", 16)] == static.CONSTRUCTION
    invalid = next(f for f in view.findings if f.symbol == "invalid-variance-scaling")
    assert invalid.construction == {"kwargs": {"mode": "FAN_IN"}}
    parts = verdicts.request_parts(view)
    assert {fix["label"] for fix in parts["fixes"]} == {"he_uniform", "lecun_normal", "glorot_uniform"}


@pytest.mark.parametrize(("text", "expected"), [
    ('"he_uniform"', static.Replacement("HeUniform", 2.0, "fan_in", "uniform")),
    ("keras.initializers.HeNormal(seed=1)", static.Replacement("HeNormal", 2.0, "fan_in", "truncated_normal")),
    ('tf.keras.initializers.lecun_normal()', static.Replacement("LecunNormal", 1.0, "fan_in", "truncated_normal")),
    ('VarianceScaling(2.0, "fan_in", "untruncated_normal", seed=3)',
     static.Replacement("VarianceScaling", 2.0, "fan_in", "untruncated_normal")),
    ('{"class_name": "GlorotNormal", "config": {"seed": 1}}',
     static.Replacement("GlorotNormal", 1.0, "fan_avg", "truncated_normal")),
    ('"orthogonal"', static.Replacement("Orthogonal")),
    ('"zeros"', None),
])
def test_replacements_are_read_from_the_finding_text(text: str, expected: static.Replacement | None) -> None:
    assert static.parse_replacement(text) == expected


@pytest.mark.parametrize(("target", "expected"), [
    ("model.py", ("model.py", None)),
    ("model.py:build", ("model.py", "build")),
    ("dir/model.py:Builder.make", ("dir/model.py", "Builder.make")),
    ("C:/work/model.py", ("C:/work/model.py", None)),
    ("model.py:not a name", ("model.py:not a name", None)),
])
def test_target_splitting(target: str, expected: tuple[str, str | None]) -> None:
    path, factory = cli.split_target(target)
    assert (str(Path(path).as_posix()), factory) == expected


def test_innermost_range_wins() -> None:
    assert innermost(5, [(1, 10), (4, 6), (5, 5)]) == (5, 5)
    assert innermost(7, [(1, 10), (4, 6)]) == (1, 10)
    assert innermost(11, [(1, 10)]) is None
    assert innermost(None, [(1, 10)]) is None


def _row(index: int, gain: float, fixed: float, grad: float = 1.0, fixed_grad: float = 1.0,
         activation: str = "relu", spread: float = 0.5, grad_spread: float = 0.5, fixed_spread: float = 0.5,
         ) -> verdicts.LayerRow:
    return verdicts.LayerRow(
        model="m", index=index, name=f"dense_{index}", line=10, class_name="Dense", keyword="kernel_initializer",
        initializer={"class": "GlorotUniform"}, activation=activation, activation_source="own",
        structure={"order": index, "activation": activation, "activation_source": "own", "normalized": False,
                   "predecessor": index - 1 if index else None, "predecessor_normalized": False, "calls": 1},
        current={"gain": gain, "grad_var": grad, "unit_spread": spread, "grad_unit_spread": grad_spread},
        suggested={"gain": fixed, "grad_var": fixed_grad, "unit_spread": fixed_spread},
        fixed_with="he_uniform", kernel_shape=[8, 8], kernel_var=0.1,
    )


_FINDING = static.StaticFinding("initializer-activation-mismatch", 10, "text", static.FORWARD_SHRINK)


@pytest.mark.parametrize(("gain", "fixed", "expected"), [
    (0.5, 1.0, "confirmed"),
    (0.5, 0.9, "confirmed"),  # 0.9**4 leaves well under half of 0.5**4's decay (in log terms)
    (0.95, 1.0, "not-confirmed"),  # 0.95**4 = 0.81 > 0.8: no measurable shrinking
    (0.5, 0.6, "not-confirmed"),  # the fix leaves more than half of the decay
])
def test_forward_criterion(gain: float, fixed: float, expected: str) -> None:
    run = [_row(i, gain, fixed) for i in range(4)]
    assert verdicts._forward(_FINDING, run, shrink_only=True).verdict == expected


def test_forward_criterion_for_selu_counts_either_direction() -> None:
    run = [_row(0, 3.0, 1.05, activation="selu")]
    assert verdicts._forward(_FINDING, run, shrink_only=False).verdict == "confirmed"
    assert verdicts._forward(_FINDING, run, shrink_only=True).verdict == "not-confirmed"


def test_backward_criterion() -> None:
    growing = [_row(i, 1.0, 0.9, grad=2.0 ** (-i), fixed_grad=1.0) for i in range(6)]  # grows toward the input
    verdict = verdicts._backward(_FINDING, growing)
    assert verdict.verdict == "confirmed"
    assert verdict.numbers["gradient_growth"] == pytest.approx(32.0)
    flat = [_row(i, 1.0, 0.9, grad=1.0, fixed_grad=1.0) for i in range(6)]
    assert verdicts._backward(_FINDING, flat).verdict == "not-confirmed"
    assert verdicts._backward(_FINDING, growing[:1]).verdict == "not-measurable"


_GRADIENT_FINDING = static.StaticFinding("fixed-scale-initializer", 10, "text", static.FIXED_SCALE_GRADIENT_BAND)


def test_gradient_band_criterion_counts_both_directions_and_underflow() -> None:
    def run(grad, fixed_grad) -> list[verdicts.LayerRow]:
        return [_row(i, 1.0, 1.0, grad=grad(i), fixed_grad=fixed_grad(i), activation="tanh") for i in range(6)]

    judge = verdicts._gradient_band
    assert judge(_GRADIENT_FINDING, run(lambda i: 4.0 ** (-i), lambda i: 1.0)).verdict == "confirmed"  # x1024
    assert judge(_GRADIENT_FINDING, run(lambda i: 4.0 ** i, lambda i: 1.0)).verdict == "confirmed"  # x1/1024
    assert judge(_GRADIENT_FINDING, run(lambda i: 2.0 ** (-i), lambda i: 1.0)).verdict == "not-confirmed"  # x32: in
    assert judge(_GRADIENT_FINDING, run(lambda i: 4.0 ** (-i), lambda i: 3.0 ** (-i))).verdict == "not-confirmed"
    vanished = judge(_GRADIENT_FINDING, run(lambda i: 0.0 if i < 4 else 1e-3, lambda i: 1.0))
    assert vanished.verdict == "confirmed" and vanished.numbers["zero_gradient_layers"] == 4
    assert "exactly 0 at the first 4 layers as written" in vanished.evidence
    assert judge(_GRADIENT_FINDING, run(lambda i: 0.0, lambda i: 0.0)).verdict == "not-measurable"
    assert judge(_GRADIENT_FINDING, run(lambda i: 0.0, lambda i: 10.0 ** (-i))).verdict == "not-confirmed"


def test_fitted_growth_is_robust_to_one_odd_endpoint() -> None:
    values = [2.0 ** (-i) for i in range(10)]
    assert verdicts._fitted_growth(values) == pytest.approx(2.0 ** 9)
    values[-1] *= 8  # an idiosyncratic last layer cuts the raw first/last ratio 8x (to 64), the fit much less
    assert 2.0 ** 7 < verdicts._fitted_growth(values) < 2.0 ** 9


def test_symmetry_is_judged_on_identical_units() -> None:
    finding = static.StaticFinding("constant-kernel-initializer", 10, "text", static.SYMMETRY)
    frozen = verdicts._symmetry(finding, [_row(0, 1, 1, spread=0.0, grad_spread=0.0)])
    assert frozen.verdict == "confirmed" and "never differentiate" in frozen.evidence
    broken = verdicts._symmetry(finding, [_row(0, 1, 1, spread=0.0, grad_spread=0.3)])
    assert broken.verdict == "confirmed" and "only the layers after it break the symmetry" in broken.evidence
    assert verdicts._symmetry(finding, [_row(0, 1, 1, spread=0.4)]).verdict == "not-confirmed"
    assert verdicts._symmetry(finding, [_row(0, 1, 1, spread=0.0, fixed_spread=0.0)]).verdict == "not-confirmed"


def test_draw_that_differs_is_not_confirmed() -> None:
    finding = static.StaticFinding("redundant-variance-scaling", 3, "text", static.DRAW_IDENTITY)
    draw = {"user": {"scale": 2.0, "mode": "fan_in", "distribution": "uniform"}, "named": "HeUniform",
            "seed": 1, "shape": [4, 4], "identical": False, "max_abs_diff": 0.5}
    verdict = verdicts._draw(finding, draw)
    assert verdict.verdict == "not-confirmed" and "0.5" in verdict.evidence


def test_runs_break_at_normalization_and_branches() -> None:
    rows = [_row(i, 0.5, 1.0) for i in range(5)]
    rows[3].structure["predecessor_normalized"] = True  # a BatchNormalization between layers 2 and 3
    runs = verdicts._runs(rows, {row.key for row in rows})
    assert [r.index for r in runs[("m", 1)]] == [0, 1, 2]
    assert [r.index for r in runs[("m", 4)]] == [3, 4]
    rows[4].structure["predecessor"] = 2  # layers 3 and 4 both fed by layer 2: layer 2 ends its run
    rows[3].structure["predecessor_normalized"] = False
    runs = verdicts._runs(rows, {row.key for row in rows})
    assert [r.index for r in runs[("m", 0)]] == [0, 1, 2]


def test_expected_variance_follows_keras_fans() -> None:
    he = static.Replacement("HeNormal", 2.0, "fan_in", "truncated_normal")
    glorot = static.Replacement("GlorotUniform", 1.0, "fan_avg", "uniform")
    assert verdicts.expected_variance(he, [64, 32]) == pytest.approx(2 / 64)
    assert verdicts.expected_variance(glorot, [3, 3, 16, 32]) == pytest.approx(1 / (9 * 24))


def _site(initializer: static.Reading, activation: str | None = "relu") -> static.StaticSite:
    return static.StaticSite(10, 10, "Dense", "kernel_initializer", "dense", initializer, activation,
                             "rectifier" if activation else None, "own")


def test_disagreements_between_static_and_runtime() -> None:
    row = _row(0, 0.5, 1.0)
    row.initializer = {"class": "HeNormal", "kind": "initializer", "scale": 2.0, "mode": "fan_in",
                       "distribution": "truncated_normal", "seed": None}
    row.site = _site(static.Reading('"he_normal"', 2.0, "fan_in", "truncated_normal"))
    assert verdicts.disagreements(row) == []
    row.site = _site(static.Reading("unreadable"))
    assert verdicts.disagreements(row) == ["the static pass could not read kernel_initializer; the built layer uses he_normal"]
    row.site = _site(static.Reading("glorot_uniform (default)", 1.0, "fan_avg", "uniform"), activation="tanh")
    assert verdicts.disagreements(row) == [
        "the static pass read kernel_initializer=glorot_uniform (default); the built layer uses he_normal",
        "the static pass read activation tanh; the built layer feeds relu (own)",
    ]
    row.initializer = {"class": "my_init", "kind": "function"}  # a function: the static pass judged what it copies
    row.site = _site(static.Reading("my_init (a hand-written GlorotUniform)", 1.0, "fan_avg", "uniform"))
    assert verdicts.disagreements(row) == []


def test_backend_is_the_one_asked_for_never_another() -> None:
    from pylint_glorot.runtime import backends

    assert backends.requested(None, {}) == "tensorflow"
    assert backends.requested(None, {"KERAS_BACKEND": "jax"}) == "jax"
    assert backends.requested("torch", {"KERAS_BACKEND": "jax"}) == "torch"
    assert backends.refusal("jax") is None
    refused = backends.refusal("openvino")
    assert refused is not None and "tensorflow, jax, torch" in refused and "\n" not in refused


def test_chains_break_at_branches_normalization_and_cycles() -> None:
    from pylint_glorot.runtime import chains

    feeders = {0: (None, False), 1: (0, False), 2: (1, False), 3: (2, True), 4: (3, False)}
    found = chains.runs(feeders, set(feeders))
    assert found[1] == [0, 1, 2] and found[4] == [3, 4]
    feeders[4] = (2, False)  # 3 and 4 both fed by 2: 2 ends its run
    feeders[3] = (2, False)
    assert chains.runs(feeders, set(feeders))[0] == [0, 1, 2]
    assert chains.runs({0: (1, False), 1: (0, False)}, {0, 1})  # a cycle ends, never hangs


def _entry(index: int, gain: float, initializer: dict, activation: str = "relu", covered: bool = False) -> dict:
    return {"index": index, "initializer": initializer, "covered": covered,
            "structure": {"predecessor": index - 1 if index else None, "predecessor_normalized": False,
                          "activation": activation},
            "current": {"gain": gain, "grad_var": 1.0}}


GLOROT = {"class": "GlorotUniform", "kind": "initializer", "scale": 1.0, "mode": "fan_avg", "distribution": "uniform",
          "seed": None}
HE = {"class": "HeUniform", "kind": "initializer", "scale": 2.0, "mode": "fan_in", "distribution": "uniform",
      "seed": None}


def test_runtime_only_candidates_leave_the_band_and_have_something_to_fix() -> None:
    from pylint_glorot.runtime import runtime_only as R

    chain = [_entry(i, 0.3, GLOROT) for i in range(6)]  # 0.3**6 = 7e-4: out of the band
    found = R.candidates(chain)
    assert len(found) == 1 and found[0]["layers"] == list(range(6))
    assert set(found[0]["symbols"].values()) == {R.C7702}
    assert {fix["label"] for fix in found[0]["fixes"].values()} == {"he_uniform"}
    assert R.candidates([_entry(i, 0.6, GLOROT) for i in range(6)]) == []  # 0.047: inside
    assert R.candidates([_entry(i, 0.3, HE) for i in range(6)]) == []  # already He: nothing to replace
    assert R.candidates([_entry(i, 0.3, GLOROT, covered=i == 2) for i in range(6)]) == []  # static finding's
    assert R.candidates([_entry(0, 1e-4, GLOROT)]) == []  # a lone layer
    normal = {"class": "RandomNormal", "kind": "initializer", "stddev": 0.05}
    fixed = R.candidates([_entry(i, 0.1, normal) for i in range(4)])[0]
    assert set(fixed["symbols"].values()) == {R.W7709} and fixed["fixes"][0]["label"] == "he_normal"
    assert R.identical_kernels([(0, (4, 4), b"a"), (1, (4, 4), b"a"), (2, (4, 4), b"b")]) == [[0, 1]]


def test_steady_needs_the_pooled_value_clear_of_the_threshold() -> None:
    assert verdicts._steady([1.0, 1.1, 0.9], 1.0, 0.0)
    assert not verdicts._steady([-1.0, 1.0, 0.2, 0.3], 0.1, 0.0)
    assert verdicts._steady([5.0], 0.01, 0.0)  # one draw: taken as measured


def test_prediction_beside_measurement() -> None:
    from pylint_glorot.runtime import predict

    dense = {"kind": "Dense", "config": {"units": 256}, "input_shape": [256], "activation": "relu",
             "kernels": {"kernel": {"initializer": {"class": "HeNormal", "config": {"scale": 2.0, "mode": "fan_in",
                                                                                     "distribution": "truncated_normal"}},
                                    "shape": [256, 256]}},
             "between": [], "normalized": False, "values": 32 * 256}
    agreeing = predict.predict(dense, 1.02, 1.0, [1.0, 1.05, 0.98])
    assert agreeing.gain == pytest.approx(1.0, rel=1e-3) and not agreeing.disagrees
    assert predict.predict(dense, 0.5, 1.0, [0.5, 0.52, 0.49]).disagrees  # a factor 2: beyond the tolerance
    assert predict.predict({**dense, "between": ["MaxPooling2D"]}, 1.0, 1.0, None).gain is None
    assert predict.predict({**dense, "normalized": True}, 1.0, 1.0, None).gain is None
    glorot = {"class": "GlorotUniform", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform"}}
    depthwise = {"kind": "DepthwiseConv2D", "config": {"kernel_size": [3, 3], "padding": "valid"},
                 "input_shape": [16, 16, 8], "activation": None, "between": [], "normalized": False,
                 "kernels": {"kernel": {"initializer": glorot, "shape": [3, 3, 8, 1]}}}
    assert predict.predict(depthwise, 0.22, 1.0, None).gain == pytest.approx(9 * 2 / 81)  # Keras fans (72, 9)


def test_a_weight_mean_is_predicted_from_the_inputs_shared_sign() -> None:
    """U(0, 1) on Dense(64) under tanh after a saturated tanh: each sample's inputs all sit near +1 or -1, so
    every unit shares the shift c = 0.5 * 64 * (+-1) and stays saturated (gain 1 / q_in); the zero-mean-input
    formula n E[W^2] q_in = 21 q_in would say E[tanh^2] at q = 21, x0.83."""
    from pylint_glorot.runtime import predict

    uniform = {"class": "RandomUniform", "config": {"minval": 0.0, "maxval": 1.0}}
    dense = {"kind": "Dense", "config": {"units": 64}, "input_shape": [64], "activation": "tanh", "between": [],
             "normalized": False, "values": 32 * 64, "kernels": {"kernel": {"initializer": uniform, "shape": [64, 64]}}}
    coherent = [[0.9, 0.83], [-0.9, 0.83]] * 16
    found = predict.predict(dense, 1.2, 0.83, None, coherent)
    assert found.gain == pytest.approx(1 / 0.83, rel=1e-3) and not found.disagrees
    from pylint_glorot.network import signal

    centred = [[0.0, 1.0]] * 32  # every sample's mean exactly 0: c = 0, only each unit's own part, n Var(W) = 64 / 12
    assert predict.predict(dense, 0.7, 1.0, None, centred).gain == pytest.approx(signal.second_moment("tanh", 64 / 12))
    assert predict.predict(dense, 1.2, 0.83, None).gain is None  # no per-sample means measured: no figure


def test_a_saturated_chain_is_predicted_layer_by_layer_as_measured(runs: Runs) -> None:
    """Issue 9: the per-layer figure beside the measurement used the zero-mean-input formula and said x0.83
    on layers 2-6 of U(0, 1) under tanh at width 64, where the runtime measures x1.0; it now follows each
    sample's shared shift (predict.shifted_gain) and agrees on every layer."""
    document = runs.json("fixed_saturated")
    chain = [layer for layer in document["layers"] if layer["line"] == 11]
    assert len(chain) == 6
    for layer in chain:
        predicted = layer["predicted"]
        assert predicted["gain"] is not None and not predicted["disagrees"], layer
        assert predicted["error"] < 0.05, layer
    assert all(layer["predicted"]["gain"] == pytest.approx(1.0, abs=0.05) for layer in chain[2:])


def test_runtime_only_gradient_candidates_vanish_or_grow() -> None:
    """A run whose signal stays inside the band is a gradient candidate when its kernel gradients leave the band
    on either side, or are exactly 0; the verdict is the gradient band's, as for static W7709."""
    from pylint_glorot.runtime import runtime_only as R

    normal = {"class": "RandomNormal", "kind": "initializer", "stddev": 1.0}

    def chain(grad) -> list[dict]:
        entries = [_entry(i, 1.0, normal, activation="tanh") for i in range(6)]
        for i, entry in enumerate(entries):
            entry["current"]["grad_var"] = grad(i)
        return entries

    for grad in (lambda i: 4.0 ** i, lambda i: 4.0 ** -i, lambda i: 0.0):  # vanishing, growing, underflowed
        (found,) = R.candidates(chain(grad))
        assert found["mechanism"] == R.BACKWARD and set(found["symbols"].values()) == {R.W7709}
    assert R.candidates(chain(lambda i: 2.0 ** -i)) == []  # x32: inside the band
    head = _entry(6, 1.0, GLOROT, activation="linear")  # an unchanged linear head with a gradient of its own scale
    head["current"]["grad_var"] = 1e3
    (trimmed,) = R.candidates(chain(lambda i: 4.0 ** -i) + [head])
    assert trimmed["layers"] == list(range(6))  # the gradient is taken over the layers the fix changes
    assert R.candidates(chain(lambda i: None if i == 2 else 1.0)) == []  # a gradient missing: nothing to judge

    def rows(grad, fixed_grad) -> list[verdicts.LayerRow]:
        found = [_row(i, 1.0, 1.0, grad=grad(i), fixed_grad=fixed_grad(i), activation="tanh") for i in range(6)]
        for row in found:
            row.initializer, row.fixed_with = normal, "glorot_normal"
        return found

    def judged(grad, fixed_grad) -> list[verdicts.Verdict]:
        result = {"models": [{"name": "m", "identical_kernels": [], "runtime_findings": [
            {"mechanism": R.BACKWARD, "layers": list(range(6)), "symbols": {str(i): R.W7709 for i in range(6)}}]}]}
        return verdicts.runtime_verdicts(result, rows(grad, fixed_grad))

    (vanishing,) = judged(lambda i: 4.0 ** i, lambda i: 1.0)  # x1/1024 toward the input, x1 with the fix
    assert vanishing.verdict == "runtime-only" and vanishing.numbers["gradient_growth"] == pytest.approx(4.0 ** -5)
    assert "kernel gradients vanish over 6 layers" in vanishing.finding.text
    (growing,) = judged(lambda i: 4.0 ** -i, lambda i: 1.0)
    assert growing.verdict == "runtime-only" and "kernel gradients grow past the band" in growing.finding.text
    assert judged(lambda i: 4.0 ** i, lambda i: 3.0 ** i) == []  # the fix leaves most of it: noise, dropped
    (underflow,) = judged(lambda i: 0.0, lambda i: 1.0)
    assert underflow.numbers["zero_gradient_layers"] == 6


def test_a_softmax_head_ends_the_run_instead_of_dominating_it() -> None:
    from pylint_glorot.runtime import runtime_only as R

    chain = [_entry(i, 0.3, GLOROT) for i in range(6)] + [_entry(6, 1e-6, GLOROT, activation="softmax")]
    found = R.candidates(chain)
    assert len(found) == 1 and found[0]["layers"] == list(range(6))
