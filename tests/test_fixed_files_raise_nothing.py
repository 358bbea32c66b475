"""The fix of each faulty functional case raises nothing: `pylint-glorot fix` on a copy, lint it again.

W7707 (hand-rolled-initializer) has no automatic fix (the function, its uses and perhaps its
imports all change), so it is the one message allowed to remain; every other one must be gone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_glorot import cli

FUNCTIONAL = Path(__file__).parent / "functional"
FAULTY = [
    "tf1/tf1_slim.py",
    "tf1/tf1_slim_scopes.py",
    "tf1/tf1_compat_v1.py",
    "tf1/tf1_apis.py",
    "tf1/tf1_get_variable.py",
    "deprecated/deprecated_initializer.py",
    "handrolled/handrolled_tutorials.py",
    "spellings/spellings_module_values.py",
    "fixed/fixed_scale_flows.py",
    "fixed/fixed_scale_tf1.py",
    "fixed/fixed_scale_tf2.py",
    "network/network_transposed.py",
    "helpers/helpers_chains.py",
    "subclass/subclass_faulty.py",
    "lists/lists_sequential.py",
    "lists/lists_loops.py",
    "lists/lists_applied.py",
    "lists/lists_configs.py",
    "lists/lists_json.py",
    "tf1/tf1_slim_stack.py",
    "copies/copies_module.py",
    "helpers/helpers_named_calls.py",
    "lists/lists_repeated.py",
    "subclass/subclass_nested_helpers.py",
    "shapes/shapes_passes.py",
    "helpers/helpers_model_outputs.py",
    "tf1/tf1_layers_shapes.py",
    "tf1/tf1_slim_shapes.py",
    "tf1/tf1_slim_scoped_shapes.py",
    "tf1/tf1_compat_v1_shapes.py",
    "tf1/tf1_variable_shapes.py",
    "lists/lists_repeated_pairs.py",
    "subclass/subclass_repeated.py",
    "helpers/helpers_merges.py",
    "helpers/helpers_with_scopes.py",
    "helpers/helpers_residual.py",
    "helpers/helpers_merge_lists.py",
    "shapes/shapes_loop_merges.py",
    "shapes/shapes_binary_add.py",
    "tf1/tf1_variable_helpers.py",
    "tf1/tf1_variable_numpy.py",
]
NOT_FIXABLE = ("hand-rolled-initializer",)


def _messages(path: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--score=n", "--disable=all", "--load-plugins=pylint_glorot",
         "--enable=" + ",".join(sorted(set(cli_symbols()) - set(NOT_FIXABLE))),
         "--msg-template={line}: {symbol}: {msg}", str(path)],
        capture_output=True, text=True, check=False, cwd=path.parent,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return [line for line in result.stdout.splitlines() if line and not line.startswith("*")]


def cli_symbols() -> list[str]:
    from pylint_glorot.reporters.recover import OUR_SYMBOLS

    return list(OUR_SYMBOLS.values())


@pytest.mark.parametrize("name", FAULTY)
def test_the_fixed_file_raises_nothing(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = FUNCTIONAL / name
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    monkeypatch.chdir(tmp_path)
    assert _messages(copy), "the faulty case raises something before the fix"
    assert cli.main(["fix", copy.name]) == cli.FIXED
    assert _messages(copy) == []


RUN_FIXED_GRAPH = """
import sys
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
tf.compat.v1.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for name, fan_in in (("w1", 784), ("w2", 256), ("w6", 256), ("v1", 784), ("v3", 784)):
        print(name, float(np.var(session.run(namespace[name]))) * fan_in / 2.0)
"""


def _tensorflow_installed() -> bool:
    import importlib.util
    import os

    return importlib.util.find_spec("tensorflow") is not None or bool(os.environ.get("GLOROT_REQUIRE_TENSORFLOW"))


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
def test_the_fixed_hand_built_layers_run_and_draw_he_variance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixed get_variable / tf.Variable kernels build under TF 2 (tf.compat.v1 graph mode) with Var = 2/fan_in."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / "layers.py"
    shutil.copy(FUNCTIONAL / "tf1/tf1_get_variable.py", copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    assert "contrib" not in copy.read_text()
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_GRAPH, str(copy)], capture_output=True, text=True,
                            check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    ratios = {line.split()[0]: float(line.split()[1]) for line in result.stdout.splitlines() if line[:1] in "wv"}
    assert set(ratios) == {"w1", "w2", "w6", "v1", "v3"}
    for name, ratio in ratios.items():  # variance / (2 / fan_in): 1 for He, 0.5-0.75 for the Glorot it replaced
        assert 0.9 < ratio < 1.1, (name, ratio)


RUN_FIXED_HELPERS = """
import sys
import keras
import numpy as np

keras.utils.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
built = [namespace["vgg"], namespace["tower"]] + [namespace[name]() for name in
         ("mlp", "deep_net", "looped", "applied", "uses_projected", "passes_glorot")]
for model in built:
    for layer, after in zip(model.layers, model.layers[1:] + [None]):
        rectifier = layer.get_config().get("activation") in ("relu", "elu", "leaky_relu") or \\
            isinstance(after, keras.layers.ReLU)
        if getattr(layer, "kernel", None) is not None and rectifier:
            kernel = keras.ops.convert_to_numpy(layer.kernel)
            fan_in = int(np.prod(kernel.shape[:-1]))
            print(model.name, layer.name, layer.get_config()["kernel_initializer"]["class_name"],
                  float(np.var(kernel)) * fan_in / 2.0)
"""


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
def test_the_fixed_helper_models_build_with_he_in_every_rectifier_layer(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each fix landed inside the helper (or at the parameter's default / the call's literal): every
    rectifier layer the helpers build, once per call, now draws He's Var = 2/fan_in."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / "helpers.py"
    shutil.copy(FUNCTIONAL / "helpers/helpers_chains.py", copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_HELPERS, str(copy)], capture_output=True, text=True,
                            check=False, timeout=600, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines() if line.count(" ") == 3]
    assert len(rows) >= 20, result.stdout
    for model, layer, initializer, ratio in rows:  # variance / (2 / fan_in): 1 for He, 0.5 for the Glorot it replaced
        assert initializer == "HeUniform", (model, layer)
        assert 0.8 < float(ratio) < 1.2, (model, layer, ratio)


RUN_FIXED_MODELS = RUN_FIXED_HELPERS.replace(
    '''built = [namespace["vgg"], namespace["tower"]] + [namespace[name]() for name in
         ("mlp", "deep_net", "looped", "applied", "uses_projected", "passes_glorot")]''',
    'built = [namespace[name] for name in sys.argv[2:]]')


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
@pytest.mark.parametrize(("name", "models", "layers"), [
    ("helpers_merges.py", ("mlp", "resnet"), 10),  # helpers called in a merge's list, in a layer's call
    ("helpers_with_scopes.py", ("vgg", "tower", "net"), 8),  # helpers whose body is a `with` block
    ("helpers_residual.py", ("resnet", "mlp"), 8),  # helpers whose body holds the merge
    ("helpers_merge_lists.py", ("named", "nested", "towered", "googlenet"), 21),  # named merge lists, nested merges, towers
])
def test_the_fixed_helpers_build_with_he_wherever_they_are_called(name: str, models: tuple[str, ...], layers: int,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """After the fix every rectifier layer these helpers build, once per call, draws He's Var = 2/fan_in."""
    assert RUN_FIXED_MODELS != RUN_FIXED_HELPERS
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / name
    shutil.copy(FUNCTIONAL / "helpers" / name, copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_MODELS, str(copy), *models], capture_output=True,
                            text=True, check=False, timeout=600, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines() if line.count(" ") == 3]
    assert len(rows) == layers, result.stdout
    for model, layer, initializer, ratio in rows:  # variance / (2 / fan_in): 1 for He, 0.5 for the Glorot it replaced
        assert initializer == "HeUniform", (model, layer)
        assert 0.8 < float(ratio) < 1.2, (model, layer, ratio)


SLIM_MODEL = '''\
"""A tf_slim model: Glorot under slim's default relu, and a chain on the default Xavier."""
import tensorflow as tf
import tf_slim as slim


def model(images):
    net = slim.conv2d(images, 32, [3, 3], weights_initializer=tf.compat.v1.glorot_uniform_initializer(), scope="c1")
    net = slim.conv2d(net, 32, [3, 3], scope="c2")
    net = slim.conv2d(net, 32, [3, 3], scope="c3")
    net = slim.flatten(net)
    net = slim.fully_connected(net, 64, scope="f1")
    return slim.fully_connected(net, 10, activation_fn=None, scope="logits")
'''

RUN_SLIM = """
import sys
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
tf.compat.v1.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
namespace["model"](tf.compat.v1.placeholder(tf.float32, [None, 8, 8, 3]))
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for variable in tf.compat.v1.global_variables():
        if variable.name.endswith("weights:0"):
            value = session.run(variable)
            print(variable.name.split("/")[0], float(np.var(value)) * int(np.prod(value.shape[:-1])) / 2.0)
"""


def _tf_slim_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("tf_slim") is not None


@pytest.mark.skipif(not (_tensorflow_installed() and _tf_slim_installed()), reason="TensorFlow or tf-slim missing")
def test_a_fixed_slim_model_runs_with_he_under_its_default_relu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / "slim_model.py"
    copy.write_text(SLIM_MODEL)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    assert _messages(copy) == []
    result = subprocess.run([sys.executable, "-c", RUN_SLIM, str(copy)], capture_output=True, text=True,
                            check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    ratios = {line.split()[0]: float(line.split()[1]) for line in result.stdout.splitlines() if line[:1] in "cfl"}
    assert set(ratios) == {"c1", "c2", "c3", "f1", "logits"}
    for scope in ("c1", "c2", "c3", "f1"):  # relu layers: Var = 2/fan_in after the fix (Glorot gave 0.1-0.5)
        assert 0.85 < ratios[scope] < 1.15, (scope, ratios[scope])
    assert abs(ratios["logits"] - 64 / 74) < 0.1  # the linear output keeps Glorot, 2/(64 + 10): untouched


RUN_FIXED_SUBCLASSES = """
import sys
import keras
import numpy as np

keras.utils.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
for name in ("model", "deep", "passed"):
    for weight in namespace[name].weights:
        value = np.asarray(weight)
        if value.ndim == 2 and value.shape[1] != 10:  # the kernels of relu layers (not the linear head)
            print(name, weight.path, float(np.var(value)) * value.shape[0] / 2.0)
"""


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
def test_fixed_layer_subclasses_build_with_he_variance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fix edits the constructor defaults and the instantiation's literal: the models still build, and
    every relu kernel (Dense in a subclass, an add_weight kernel) draws Var = 2/fan_in."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / "blocks.py"
    shutil.copy(FUNCTIONAL / "subclass/subclass_faulty.py", copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    fixed = copy.read_text()
    assert "kernel_initializer=kernel_initializer" in fixed  # the use still passes the parameter on
    assert 'def __init__(self, units, kernel_initializer="he_uniform", activation="relu", **kw)' in fixed
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_SUBCLASSES, str(copy)], capture_output=True, text=True,
                            check=False, timeout=600, env={**__import__("os").environ, "KERAS_BACKEND": "tensorflow"})
    assert result.returncode == 0, result.stderr[-2000:]
    ratios = [float(line.split()[-1]) for line in result.stdout.splitlines() if line.split()]
    assert len(ratios) == 8, result.stdout  # model: Block, Normalized, HandBuilt; deep: 4 x Plain; passed: 1
    for ratio in ratios:
        assert 0.85 < ratio < 1.2, result.stdout  # Glorot gave 0.5 (square) and 0.8 (HandBuilt, 32 -> 8)


RUN_FIXED_KERAS = """
import sys
import keras
import numpy as np

keras.utils.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
for name in sys.argv[2:]:
    for layer in namespace[name].layers:
        initializer = layer.get_config().get("kernel_initializer")
        if initializer is not None and initializer["class_name"] == "HeUniform":
            kernel = np.asarray(layer.kernel)
            print(name, layer.name, float(np.var(kernel)) * int(np.prod(kernel.shape[:-1])) / 2.0)
"""

FIXED_KERAS_MODELS = {  # models the fix moved to He, each with a known input shape: (names, layers moved)
    "lists/lists_sequential.py": (("grown_model", "front_model", "pairs_model"), 9),
    "lists/lists_loops.py": (("mlp", "explicit"), 5),
    "lists/lists_configs.py": (("mlp", "apart", "functional"), 9),
    "lists/lists_json.py": (("mlp", "seeded", "escaped", "quoted"), 8),  # the escaped strings' fixes too
}


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
@pytest.mark.parametrize("name", sorted(FIXED_KERAS_MODELS))
def test_fixed_list_and_config_models_build_with_he(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixed lists, literal loops and literal configs still build in Keras, and every layer the fix
    moved to He (in a list, a loop pass or a config dict) draws Var = 2/fan_in."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / Path(name).name
    shutil.copy(FUNCTIONAL / name, copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    models, moved = FIXED_KERAS_MODELS[name]
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_KERAS, str(copy), *models],
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines() if line.split()[:1] and line.split()[0] in models]
    assert len(rows) == moved, rows
    for row in rows:  # variance / (2 / fan_in): 1 for He; the Glorot it replaced gave 0.5-0.75 on these shapes
        assert 0.85 < float(row[2]) < 1.15, rows


RUN_FIXED_REPEATED = """
import sys
import keras
import numpy as np

keras.utils.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
for name in sys.argv[2:]:
    model = namespace[name]
    print(name, "layers", len(model.layers), "kernels", len({id(w) for w in model.weights if w.path.endswith("kernel")}))
    for weight in model.weights:
        value = np.asarray(weight)
        if weight.path.endswith("kernel") and value.shape[-1] != 10:  # the rectifier kernels, not the linear heads
            print(name, weight.path, float(np.var(value)) * int(np.prod(value.shape[:-1])) / 2.0)
"""


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
@pytest.mark.parametrize(("case", "models", "built"), [
    ("lists/lists_repeated_pairs.py", ("pairs", "flipped", "mixed", "convs", "applied"),
     {"pairs": (6, 2), "convs": (8, 3)}),
    ("subclass/subclass_repeated.py", ("shared", "distinct"), {"shared": (4, 3), "distinct": (3, 5)}),
])
def test_fixed_repeated_lists_build_with_he_variance(case: str, models: tuple, built: dict, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`[a, b] * 3` and repeated blocks still build after the fix (Keras lists a repeated layer once per
    call and keeps one kernel per layer object), and every rectifier kernel draws He's Var = 2/fan_in."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / Path(case).name
    shutil.copy(FUNCTIONAL / case, copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_REPEATED, str(copy), *models], capture_output=True,
                            text=True, check=False, timeout=600, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines()]
    for name, (layer_count, kernel_count) in built.items():
        assert [name, "layers", str(layer_count), "kernels", str(kernel_count)] in rows, result.stdout
    ratios = [(row[0], row[1], float(row[2])) for row in rows if len(row) == 3]
    assert {name for name, _path, _ratio in ratios} == set(models), result.stdout
    for name, path, ratio in ratios:  # variance / (2 / fan_in): 1 for He; the Glorot it replaced gave 0.3-0.7
        assert 0.75 < ratio < 1.25, (name, path, ratio)


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
def test_the_fixed_merging_loops_build_with_he_in_every_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """shapes_loop_merges.py after the fix: every pass of each residual or dense loop (one layer per pass in
    the built model) draws He's Var = 2/fan_in, the fix landing once at the body's or the helper's layer."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / "loop_merges.py"
    shutil.copy(FUNCTIONAL / "shapes/shapes_loop_merges.py", copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    models = ("resnet", "mlp", "literal", "staged")
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_MODELS, str(copy), *models], capture_output=True,
                            text=True, check=False, timeout=600, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines() if line.count(" ") == 3]
    assert len(rows) == 9 + 4 + 2 + 3, result.stdout  # resnet's 3 x 3 convs, mlp's 4 Dense, 2 and 3 concatenating convs
    for model, layer, initializer, ratio in rows:  # variance / (2 / fan_in): 1 for He, 0.5-0.8 for the Glorot it replaced
        assert initializer == "HeUniform", (model, layer)
        assert 0.8 < float(ratio) < 1.2, (model, layer, ratio)
