"""The fix of each faulty functional case raises nothing: `pylint-glorot fix` on a copy, lint it again.

W7707 (hand-rolled-initializer) has no automatic fix (the function, its uses and perhaps its
imports all change), so it is the one message allowed to remain; every other one must be gone.
"""

from __future__ import annotations

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
    "handrolled/handrolled_tutorials.py",
    "spellings/spellings_module_values.py",
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
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for name, fan_in in (("w1", 784), ("w2", 256), ("w6", 256)):
        print(name, float(np.var(session.run(namespace[name]))) * fan_in / 2.0)
"""


def _tensorflow_installed() -> bool:
    import importlib.util
    import os

    return importlib.util.find_spec("tensorflow") is not None or bool(os.environ.get("GLOROT_REQUIRE_TENSORFLOW"))


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
def test_the_fixed_hand_built_layers_run_and_draw_he_variance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixed get_variable kernels build under TF 2 (tf.compat.v1 graph mode) with Var = 2/fan_in."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    copy = tmp_path / "layers.py"
    shutil.copy(FUNCTIONAL / "tf1/tf1_get_variable.py", copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    assert "contrib" not in copy.read_text()
    result = subprocess.run([sys.executable, "-c", RUN_FIXED_GRAPH, str(copy)], capture_output=True, text=True,
                            check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    ratios = {line.split()[0]: float(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("w")}
    assert set(ratios) == {"w1", "w2", "w6"}
    for name, ratio in ratios.items():  # variance / (2 / fan_in): 1 for He, 0.5-0.75 for the Glorot it replaced
        assert 0.9 < ratio < 1.1, (name, ratio)
