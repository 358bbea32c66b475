"""Copy functions (`clone_initializer`): which bodies count, and the ones a file imports from its own project."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import astroid
import pytest

from pylint_glorot import cli
from pylint_glorot.copies import copied_argument, returns_copy


@pytest.mark.parametrize("body, copies", [
    ("return init", True),
    ("return init.__class__.from_config(init.get_config())", True),
    ("return type(init).from_config(init.get_config())", True),
    ("config = init.get_config()\n    return init.__class__.from_config(config)", True),
    ("if not isinstance(init, keras.initializers.Initializer):\n        return init\n"
     "    return init.__class__.from_config(init.get_config())", True),
    ("return copy.deepcopy(init)", True),
    ("return copy.copy(init)", True),
    ("return keras.initializers.get(init)", True),
    ("return keras.initializers.deserialize(keras.initializers.serialize(init))", True),
    ("clone = copy.deepcopy(init)\n    return clone", True),
    ("config = init.get_config()\n    config['seed'] = 1\n    return init.__class__.from_config(config)", False),
    ("config = init.get_config()\n    config.update(scale=2.0)\n    return init.__class__.from_config(config)", False),
    ("if isinstance(init, str):\n        return init", False),  # falls off the end: None
    ("return keras.initializers.HeUniform()", False),
    ("return init.__class__.from_config(other.get_config())", False),
    ("init = 'he_uniform'\n    return init", False),
    ("for _ in range(2):\n        pass\n    return init", False),
    ("return copy.deepcopy(init, memo)", False),
])
def test_which_bodies_return_a_copy(body: str, copies: bool) -> None:
    function = astroid.extract_node(f"import copy\nimport keras\ndef clone(init):\n    {body}\n")
    assert returns_copy(function) is copies


@pytest.mark.parametrize("signature", ["clone(init, other)", "clone(*init)", "clone(init, **kw)", "clone(self)"])
def test_only_a_plain_one_parameter_function_counts(signature: str) -> None:
    function = astroid.extract_node(f"def {signature}:\n    return init\n")
    assert not returns_copy(function)


def test_a_call_with_a_keyword_or_two_arguments_is_not_read() -> None:
    module = astroid.parse("def clone(init):\n    return init\nA = clone(init='x')\nB = clone('x', 'y')\nC = clone('x')\n")
    calls = {stmt.targets[0].name: stmt.value for stmt in module.body[1:]}
    assert copied_argument(calls["A"]) is None and copied_argument(calls["B"]) is None
    assert copied_argument(calls["C"]) is calls["C"].args[0]


# --------------------------------------------------------------------------- a project's own helper module

UTILS = '''\
import keras


def clone_initializer(initializer):
    """Clones an initializer to ensure a new seed."""
    if not isinstance(initializer, keras.initializers.Initializer):
        return initializer
    config = initializer.get_config()
    return initializer.__class__.from_config(config)


def rescaled(initializer):
    config = initializer.get_config()
    config["scale"] = 2.0
    return initializer.__class__.from_config(config)
'''

BLOCK = '''\
import keras
from keras import layers

{imports}


class FeedForward(layers.Layer):
    def __init__(self, units, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.inner = layers.Dense(self.units, activation="relu", kernel_initializer={clone}(self.kernel_initializer))
        self.outer = layers.Dense(self.units)

    def call(self, x):
        return self.outer(self.inner(x))
'''


def _project(root: Path, imports: str, clone: str, where: str = "mypkg") -> Path:
    package = root / where
    (package / "utils").mkdir(parents=True)
    (package / "layers").mkdir()
    for folder in (package, package / "utils", package / "layers"):
        (folder / "__init__.py").write_text("")
    (package / "utils" / "keras_utils.py").write_text(UTILS)
    block = package / "layers" / "feed_forward.py"
    block.write_text(BLOCK.format(imports=imports, clone=clone))
    return block


def _messages(root: Path, *arguments: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all",
                           "--enable=glorot", "--msg-template={path}:{line}:{column}: {symbol}: {msg}", "--score=n",
                           *arguments], cwd=root, capture_output=True, text=True, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return sorted(line for line in done.stdout.splitlines() if line and not line.startswith("*"))


@pytest.mark.parametrize("imports, clone", [
    ("from mypkg.utils.keras_utils import clone_initializer", "clone_initializer"),  # keras-hub's spelling
    ("from mypkg.utils import keras_utils", "keras_utils.clone_initializer"),  # tf-models' (tf_utils.clone_...)
    ("from ..utils.keras_utils import clone_initializer as clone", "clone"),
])
def test_an_imported_copy_function_gives_its_argument_and_the_fix_edits_the_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, imports: str, clone: str) -> None:
    block = _project(tmp_path, imports, clone)
    found = _messages(tmp_path, "mypkg")
    assert found == ['mypkg/layers/feed_forward.py:8:49: initializer-activation-mismatch: Dense feeds relu, but '
                     '"glorot_uniform" is scaled for linear units; use kernel_initializer="he_uniform"']
    if clone == "clone_initializer":
        assert _messages(tmp_path, "-j", "2", "mypkg") == found  # the same answer from parallel workers
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", str(block)]) == cli.FIXED
    fixed = block.read_text()
    assert 'kernel_initializer="he_uniform", **kwargs' in fixed and f"{clone}(self.kernel_initializer)" in fixed
    assert _messages(tmp_path, "mypkg") == []


def test_a_function_that_edits_the_config_is_not_a_copy(tmp_path: Path) -> None:
    _project(tmp_path, "from mypkg.utils.keras_utils import rescaled", "rescaled")
    assert _messages(tmp_path, "mypkg") == []


def test_an_installed_package_is_never_read(tmp_path: Path) -> None:
    _project(tmp_path, "from mypkg.utils.keras_utils import clone_initializer", "clone_initializer",
             where="lib/site-packages/mypkg")
    assert _messages(tmp_path / "lib" / "site-packages", "mypkg") == []
