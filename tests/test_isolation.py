"""The static pass never imports TensorFlow/Keras and makes astroid build no more of their
trees than pylint's own parse floor does on the same files."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

OUR_MESSAGES = "W7701,C7702,R7704,E7705,W7706,W7708"
FRAMEWORKS = ("tensorflow", "keras", "tf_keras")

SAMPLE = textwrap.dedent(
    '''
    import tensorflow as tf
    import keras
    from keras import layers
    from tensorflow.keras import initializers


    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform")
            self.out = tf.keras.layers.Dense(10)

        def call(self, x):
            return self.out(self.dense(x))


    model = keras.Sequential([
        layers.Dense(64, activation="relu", kernel_initializer=initializers.VarianceScaling(1.0, "fan_avg", "uniform")),
        layers.Dense(10, activation="softmax"),
    ])
    w = tf.compat.v1.get_variable("w", [3, 3], initializer=tf.contrib.layers.xavier_initializer())
    '''
)

PROBE = textwrap.dedent(
    '''
    import json, sys
    {block}
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter
    import astroid

    reporter = CollectingReporter()
    Run(sys.argv[2:], reporter=reporter, exit=False)
    roots = {frameworks!r}
    print(json.dumps({{
        "symbols": sorted(m.symbol for m in reporter.messages),
        "modules": sorted(m for m in sys.modules if m.split(".")[0] in roots),
        "cache": sorted(k for k in astroid.MANAGER.astroid_cache if k.split(".")[0] in roots),
    }}))
    '''
)

BLOCK_FRAMEWORKS = textwrap.dedent(
    '''
    import importlib.abc
    class _Uninstalled(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {frameworks!r}:
                raise ModuleNotFoundError(f"No module named {{name!r}}")
            return None
    sys.meta_path.insert(0, _Uninstalled())
    '''
)


def _lint(tmp_path: Path, args: list[str], uninstalled: bool = False) -> dict:
    source = tmp_path / "sample.py"
    source.write_text(SAMPLE)
    block = BLOCK_FRAMEWORKS.format(frameworks=FRAMEWORKS) if uninstalled else ""
    script = PROBE.format(block=block, frameworks=FRAMEWORKS)
    result = subprocess.run(
        [sys.executable, "-c", script, "--", *args, str(source)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _ours() -> list[str]:
    return ["--disable=all", f"--enable={OUR_MESSAGES}", "--load-plugins=pylint_glorot"]


def _floor() -> list[str]:
    return ["--disable=all", "--enable=syntax-error"]


def test_works_with_tensorflow_uninstalled(tmp_path: Path) -> None:
    found = _lint(tmp_path, _ours(), uninstalled=True)
    assert found["symbols"] == [
        "deprecated-initializer",
        "initializer-activation-mismatch",
        "initializer-activation-mismatch",
    ]
    assert found["modules"] == []


def _tensorflow_installed() -> bool:
    return importlib.util.find_spec("tensorflow") is not None


needs_tensorflow = pytest.mark.skipif(
    not _tensorflow_installed() and not os.environ.get("GLOROT_REQUIRE_TENSORFLOW"),
    reason="TensorFlow is not installed (CI installs it and sets GLOROT_REQUIRE_TENSORFLOW=1)",
)


@needs_tensorflow
def test_no_framework_module_is_imported_with_tensorflow_installed(tmp_path: Path) -> None:
    assert _tensorflow_installed(), "GLOROT_REQUIRE_TENSORFLOW is set but TensorFlow is missing"
    found = _lint(tmp_path, _ours())
    assert "initializer-activation-mismatch" in found["symbols"]
    assert found["modules"] == []


@needs_tensorflow
def test_astroid_builds_no_more_framework_trees_than_the_parse_floor(tmp_path: Path) -> None:
    assert _tensorflow_installed(), "GLOROT_REQUIRE_TENSORFLOW is set but TensorFlow is missing"
    ours = _lint(tmp_path, _ours())
    floor = _lint(tmp_path, _floor())
    assert set(ours["cache"]) <= set(floor["cache"]), sorted(set(ours["cache"]) - set(floor["cache"]))
    assert len(ours["cache"]) <= len(floor["cache"])


def test_the_network_core_imports_no_astroid_pylint_or_framework() -> None:
    """pylint_glorot.network is plain Python: the graph builder, the rules and the runtime checker share it."""
    code = (
        "import sys, json, pylint_glorot.network, pylint_glorot.network.shapes, pylint_glorot.network.signal\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('astroid', 'pylint', 'tensorflow', 'keras', 'tf_keras', 'numpy'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
