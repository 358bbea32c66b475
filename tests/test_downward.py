"""Literals passed into the project's functions in other modules (downward.py): where the callee is
looked for, what each finding depends on, and what it costs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import astroid
import pytest
from astroid import nodes

from pylint_glorot import downward, rules, siblings
from pylint_glorot.bindings import binding
from pylint_glorot.resolve import bound_value, none_guarded_parameter

FUNCTIONAL = Path(__file__).parent / "functional" / "project"

BUILDER = '''
import tensorflow as tf


def mlp(units=(64, 64), activation_fn=tf.nn.relu, kernel_initializer=None):
    if kernel_initializer is None:
        kernel_initializer = tf.keras.initializers.HeNormal()
    return [tf.keras.layers.Dense(n, activation=activation_fn, kernel_initializer=kernel_initializer) for n in units]
'''

CALLER = '''
from {package} import builders

layers = builders.mlp(kernel_initializer="glorot_uniform")
'''


def _pylint(*args: str, cwd: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--score=n", "--disable=all", "--load-plugins=pylint_glorot",
         "--enable=initializer-activation-mismatch", "--msg-template={path}:{line}: {symbol}: {msg}", *args],
        capture_output=True, text=True, check=False, cwd=cwd,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent), str(cwd)])},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return sorted(line for line in result.stdout.splitlines() if line and not line.startswith("*"))


def _project(root: Path, package: str = "app") -> Path:
    (root / package).mkdir(parents=True)
    (root / package / "__init__.py").write_text("")
    (root / package / "builders.py").write_text(BUILDER)
    (root / package / "train.py").write_text(CALLER.format(package=package))
    (root / package / "other.py").write_text(CALLER.format(package=package))
    return root / package


def test_the_finding_depends_only_on_the_file_and_what_it_imports(tmp_path: Path) -> None:
    _project(tmp_path)
    alone = _pylint("app/train.py", cwd=tmp_path)
    assert alone == ['app/train.py:4: initializer-activation-mismatch: Dense at builders.py:8 feeds relu, but '
                     '"glorot_uniform" is scaled for linear units; use kernel_initializer="he_uniform"']
    with_all = _pylint("app", cwd=tmp_path)
    assert [line for line in with_all if line.startswith("app/train.py")] == alone
    assert not [line for line in with_all if line.startswith("app/builders.py")]  # the callee's parameter: public API
    assert _pylint("-j", "2", "app", cwd=tmp_path) == with_all


def test_a_callee_in_an_installed_package_is_not_read(tmp_path: Path) -> None:
    _project(tmp_path / "site-packages", "vendor")
    (tmp_path / "vendor").symlink_to(tmp_path / "site-packages" / "vendor")
    (tmp_path / "train.py").write_text(CALLER.format(package="vendor"))
    assert _pylint("train.py", cwd=tmp_path) == []


def test_an_edit_of_the_callee_is_seen_by_the_next_lint(tmp_path: Path) -> None:
    package = _project(tmp_path)
    assert _pylint("app/train.py", cwd=tmp_path)
    (package / "builders.py").write_text(BUILDER.replace("tf.nn.relu", "tf.nn.tanh"))
    assert _pylint("app/train.py", cwd=tmp_path) == []


def test_each_imported_module_is_parsed_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _project(tmp_path)
    parsed: list[Path] = []
    real_parse = siblings.parse_file
    monkeypatch.setattr(siblings, "parse_file", lambda path: parsed.append(path) or real_parse(path))
    for name in ("train", "other"):
        module = astroid.MANAGER.ast_from_file(str(package / f"{name}.py"), f"app.{name}", source=True)
        calls = [call for call in module.nodes_of_class(nodes.Call)]
        assert [finding.symbol for finding in downward.findings(calls, rules.Options()).values()] == [rules.W7701]
    assert [path.name for path in parsed] == ["builders.py"]


def test_a_none_guard_is_read_as_not_taken_only_for_a_value_that_cannot_be_none() -> None:
    module = astroid.parse('''
    def f(init=None, other=None):
        if init is None:
            init = "he_normal"
        if other is None:
            other = 1
        else:
            other = 2
        return init, other
    ''')
    init, other = next(module.nodes_of_class(nodes.Return)).value.elts
    param = none_guarded_parameter(init)
    assert param is not None and param.name == "init"
    assert none_guarded_parameter(other) is None  # assigned in the else branch too
    literal = astroid.extract_node('x = "glorot_uniform"').value
    none = astroid.extract_node("x = None").value
    assert bound_value(init) is None  # outside a reading: the guard may be taken
    with binding({id(param): literal}):
        assert bound_value(init) is literal
    with binding({id(param): none}):
        assert bound_value(init) is None


def test_the_fixed_caller_raises_nothing_and_the_callee_is_untouched(tmp_path: Path) -> None:
    package = _project(tmp_path)
    before = (package / "builders.py").read_text()
    result = subprocess.run([sys.executable, "-m", "pylint_glorot", "fix", "app/train.py"], cwd=tmp_path,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert "Traceback" not in result.stderr, result.stderr
    assert 'builders.mlp(kernel_initializer="he_uniform")' in (package / "train.py").read_text()
    assert (package / "builders.py").read_text() == before
    assert _pylint("app/train.py", cwd=tmp_path) == []


def test_the_functional_project_gives_the_same_with_two_jobs(tmp_path: Path) -> None:
    shutil.copytree(FUNCTIONAL, tmp_path / "project")
    files = ["project_passed_literals.py", "project_module_values.py", "_project"]
    one = _pylint(*files, cwd=tmp_path / "project")
    assert any("project_passed_literals.py:10:" in line for line in one)
    assert _pylint("-j", "2", *files, cwd=tmp_path / "project") == one
