"""`pylint-glorot fix` as a newcomer runs it: permissions and owners, diffs git applies, paths it
cannot lint, notebooks, imports a fix leaves unused, line lengths and black."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from pylint_glorot import cli
from test_fix import _fix, project  # noqa: F401  (the project-folder fixture and the fix entry point, shared)

ROOT = Path(__file__).parents[1]
SIMPLE = 'from keras import layers\nd = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")\n'
SIMPLE_FIXED = SIMPLE.replace('"glorot_uniform"', '"he_uniform"')


# --------------------------------------------------------------------------- permissions and owners


def test_a_file_without_write_bits_is_left_alone_even_as_root(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project / "ro.py"
    target.write_text(SIMPLE)
    target.chmod(0o444)
    assert _fix("ro.py") == cli.ERROR
    err = capsys.readouterr().err
    assert err == "ro.py: read-only (no write permission bit); left unchanged\n"
    assert target.read_text() == SIMPLE
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_symbolic_link_stays_a_link(project: Path) -> None:
    (project / "real.py").write_text(SIMPLE)
    (project / "link.py").symlink_to("real.py")
    assert _fix("link.py") == cli.FIXED
    assert (project / "link.py").is_symlink()
    assert (project / "real.py").read_text() == SIMPLE_FIXED


def _as_nobody() -> list[str] | None:
    """A command prefix that runs as the unprivileged user `nobody`, when this runs as root."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return None
    try:
        import pwd

        pwd.getpwnam("nobody")
    except KeyError:
        return None
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]


@pytest.fixture()
def shared_folder() -> Path:
    """A world-writable folder that `nobody` can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="glorot-shared-"))
    folder.chmod(0o777)
    (folder / "pyproject.toml").write_text("[tool.pylint.main]\n")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _run_fixer_as_nobody(folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("needs root and setpriv to run the fixer as another user")
    env = {**os.environ, "HOME": str(folder), "PYTHONPATH": str(ROOT), "PYLINTHOME": str(folder / ".pylint")}
    probe = subprocess.run([*prefix, sys.executable, "-c", "import pylint_glorot"], cwd=folder, env=env,
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"`nobody` cannot import this checkout: {probe.stderr.strip()[-200:]}")
    return subprocess.run([*prefix, sys.executable, "-m", "pylint_glorot", "fix", name], cwd=folder, env=env,
                          capture_output=True, text=True, check=False)


def test_another_users_file_is_not_replaced_through_a_writable_folder(shared_folder: Path) -> None:
    """The folder lets `nobody` rename over root's file; the fixer must refuse, not use that."""
    target = shared_folder / "model.py"
    target.write_text(SIMPLE)
    target.chmod(0o644)
    done = _run_fixer_as_nobody(shared_folder, "model.py")
    assert done.returncode == cli.ERROR, done.stderr
    assert done.stderr.strip() == "model.py: not writable by this user; left unchanged"
    assert target.read_text() == SIMPLE
    assert (target.stat().st_uid, stat.S_IMODE(target.stat().st_mode)) == (0, 0o644)


def test_a_file_another_user_may_write_keeps_its_owner_and_mode(shared_folder: Path) -> None:
    target = shared_folder / "model.py"
    target.write_text(SIMPLE)
    target.chmod(0o666)
    done = _run_fixer_as_nobody(shared_folder, "model.py")
    assert done.returncode == cli.FIXED, done.stderr
    assert target.read_text() == SIMPLE_FIXED
    assert (target.stat().st_uid, target.stat().st_gid, stat.S_IMODE(target.stat().st_mode)) == (0, 0, 0o666)


def test_root_fixing_another_users_file_keeps_the_owner(shared_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give a file to another user")
    import pwd

    nobody = pwd.getpwnam("nobody")
    target = shared_folder / "model.py"
    target.write_text(SIMPLE)
    os.chown(target, nobody.pw_uid, nobody.pw_gid)
    target.chmod(0o640)
    monkeypatch.chdir(shared_folder)
    assert _fix("model.py") == cli.FIXED
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (nobody.pw_uid, nobody.pw_gid, 0o640)
    assert target.read_text() == SIMPLE_FIXED


# --------------------------------------------------------------------------- diffs


def test_a_diff_of_an_absolute_path_applies_with_git_and_patch(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not shutil.which("git"):
        pytest.skip("no git")
    (project / "pkg").mkdir()
    (project / "pkg" / "model.py").write_text(SIMPLE)
    assert _fix("--diff", str(project / "pkg" / "model.py")) == cli.FIXED
    patch = capsys.readouterr().out
    assert patch.startswith("--- a/pkg/model.py\n+++ b/pkg/model.py\n")
    (project / "change.diff").write_text(patch)
    subprocess.run(["git", "apply", "--check", "change.diff"], cwd=project, check=True)
    subprocess.run(["git", "apply", "change.diff"], cwd=project, check=True)
    assert (project / "pkg" / "model.py").read_text() == SIMPLE_FIXED


def test_a_file_outside_the_working_directory_is_named_from_its_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / "src" / "model.py").write_text(SIMPLE)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert _fix("--diff", str(repo / "src" / "model.py")) == cli.FIXED
    assert capsys.readouterr().out.startswith("--- a/src/model.py\n+++ b/src/model.py\n")


# --------------------------------------------------------------------------- paths


def test_an_explicit_non_python_path_is_a_one_line_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "README.md").write_text("# Title\n\nd = 1\n")
    assert _fix("README.md") == cli.ERROR
    assert capsys.readouterr().err == "pylint-glorot: error: README.md: not a Python file or a notebook (.py, .ipynb)\n"


NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Title\n", "text"]},
        {"cell_type": "code", "execution_count": 1, "id": "b", "metadata": {"tags": ["setup"]},
         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["ok\n"]}],
         "source": ["%matplotlib inline\n", "import keras\n", "from keras import layers"]},
        {"cell_type": "code", "execution_count": 2, "id": "c", "metadata": {},
         "outputs": [{"data": {"text/plain": ["<Sequential>"]}, "execution_count": 2, "metadata": {},
                      "output_type": "execute_result"}],
         "source": ["model = keras.Sequential([\n",
                    "    layers.Dense(64, activation=\"relu\", kernel_initializer=\"glorot_uniform\"),  # é, why?\n",
                    "])\n", "!pip list\n", "model"]},
        {"cell_type": "code", "execution_count": None, "id": "d", "metadata": {}, "outputs": [],
         "source": "%%bash\necho hi"},
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@pytest.mark.parametrize("layout", [{"indent": 1, "ensure_ascii": False}, {"indent": 2, "ensure_ascii": True}])
def test_a_notebook_is_fixed_in_its_code_cells_and_nothing_else_changes(project: Path, layout: dict) -> None:
    raw = json.dumps(NOTEBOOK, **layout) + "\n"
    (project / "nb.ipynb").write_text(raw, encoding="utf-8")
    assert _fix("nb.ipynb") == cli.FIXED
    expected = json.loads(raw)
    expected["cells"][2]["source"][1] = expected["cells"][2]["source"][1].replace('"glorot_uniform"', '"he_uniform"')
    assert (project / "nb.ipynb").read_text(encoding="utf-8") == json.dumps(expected, **layout) + "\n"
    assert _fix("nb.ipynb") == cli.NOTHING


def test_a_notebook_whose_layout_cannot_be_kept_points_at_nbqa(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = json.dumps(NOTEBOOK, indent=1).replace('"cells": [', '"cells":    [', 1)
    (project / "nb.ipynb").write_text(raw)
    assert _fix("nb.ipynb") == cli.ERROR
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "nbqa pylint_glorot.fix" in err
    assert (project / "nb.ipynb").read_text() == raw


# --------------------------------------------------------------------------- imports a fix left unused


def _pylint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "-sn", "-rn", *args],
                          capture_output=True, text=True, check=False)


def test_an_import_the_fix_made_unused_goes_and_pylint_agrees(project: Path) -> None:
    source = textwrap.dedent('''\
        """Imports."""
        from keras import layers
        from keras.initializers import Constant, VarianceScaling  # initializers

        dense = layers.Dense(8, activation="relu", kernel_initializer=VarianceScaling(2.0, "fan_in", "uniform", seed=1))
        bias = layers.Dense(8, bias_initializer=Constant(0.1))
        ''')
    (project / "model.py").write_text(source)
    assert _fix("model.py") == cli.FIXED
    fixed = (project / "model.py").read_text()
    assert fixed == source.replace("Constant, VarianceScaling  #", "Constant  #").replace(
        'VarianceScaling(2.0, "fan_in", "uniform", seed=1)', "HeUniform(seed=1)").replace(
        "# initializers\n", "# initializers\nfrom keras.initializers import HeUniform\n")
    done = _pylint("--disable=all", "--enable=unused-import", "model.py")
    assert done.returncode == 0, done.stdout


def test_an_import_that_was_unused_before_stays(project: Path) -> None:
    source = 'import os\nfrom keras import layers\nfrom keras.initializers import GlorotUniform\n' \
             'd = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")\n'
    (project / "model.py").write_text(source)
    assert _fix("model.py") == cli.FIXED
    assert (project / "model.py").read_text() == source.replace('"glorot_uniform"', '"he_uniform"')


# --------------------------------------------------------------------------- line lengths and black


BLACK_SAMPLE = textwrap.dedent('''\
    import keras
    from keras import layers


    def build(x):
        x = layers.Dense(256, activation="relu", use_bias=False, name="dense_a")(x)
        x = layers.Dense(256, activation="relu", use_bias=False, name="dense_b")(x)
        return x


    model = keras.Sequential(
        [
            layers.Dense(128, activation="relu", name="first_hidden_layer_of_the_model"),
            layers.Conv2D(64, (3, 3), activation="relu", padding="same", strides=(1, 1)),
            layers.Dense(64, activation="relu"),
            layers.Dense(
                64,
                activation="relu",
            ),
        ]
    )
    ''')


def test_black_formatted_code_stays_black_formatted(project: Path) -> None:
    black = pytest.importorskip("black")
    mode = black.Mode(line_length=88)
    assert black.format_str(BLACK_SAMPLE, mode=mode) == BLACK_SAMPLE
    (project / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n\n[tool.pylint.main]\nglorot-min-chain = 2\n")
    (project / "model.py").write_text(BLACK_SAMPLE)
    assert _fix("model.py") == cli.FIXED
    fixed = (project / "model.py").read_text()
    assert fixed.count('kernel_initializer="he_uniform"') == 6
    assert black.format_str(fixed, mode=mode) == fixed
    assert max(map(len, fixed.splitlines())) <= 88


def test_without_black_added_keywords_follow_the_calls_layout(project: Path) -> None:
    source = textwrap.dedent('''\
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.Dense(64, activation="relu",
                         name="aligned_with_the_first_argument_so_the_keyword_goes_below"),
            layers.Dense(
                64,
                activation="relu",
            ),
            layers.Dense(64, activation="relu", name="a_layer_whose_line_would_be_long_with_it"),
            layers.Dense(64, activation="relu", name="fits_on_one_line_in_the_call"),
        ])
        ''')
    (project / "model.py").write_text(source)
    assert _fix("model.py") == cli.FIXED
    assert (project / "model.py").read_text() == textwrap.dedent('''\
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.Dense(64, activation="relu",
                         name="aligned_with_the_first_argument_so_the_keyword_goes_below",
                         kernel_initializer="he_uniform"),
            layers.Dense(
                64,
                activation="relu",
                kernel_initializer="he_uniform",
            ),
            layers.Dense(
                64,
                activation="relu",
                name="a_layer_whose_line_would_be_long_with_it",
                kernel_initializer="he_uniform",
            ),
            layers.Dense(
                64, activation="relu", name="fits_on_one_line_in_the_call", kernel_initializer="he_uniform"
            ),
        ])
        ''')
    done = _pylint("--disable=all", "--enable=line-too-long", "model.py")
    assert done.returncode == 0, done.stdout


# --------------------------------------------------------------------------- one step, everywhere


ZERO_SCALE = ('from keras import layers\nfrom keras.initializers import VarianceScaling\n'
              'd = layers.Dense(8, activation="relu", kernel_initializer=VarianceScaling(0.0))\n')


def test_a_zero_scale_under_relu_is_fixed_in_one_step_in_every_output(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    (project / "model.py").write_text(ZERO_SCALE)
    outputs = {}
    for fmt in ("glorot-sarif", "glorot-rdjson"):
        done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all",
                               "--enable=glorot", f"--output-format={fmt}", "model.py"],
                              cwd=project, env=env, capture_output=True, text=True, check=False)
        outputs[fmt] = json.loads(done.stdout)
    (result,) = outputs["glorot-sarif"]["runs"][0]["results"]
    assert result["ruleId"] == "E7705"
    assert [r["insertedContent"]["text"] for r in result["fixes"][0]["artifactChanges"][0]["replacements"]] \
        == ['"he_normal"']
    (diagnostic,) = outputs["glorot-rdjson"]["diagnostics"]
    assert [s["text"] for s in diagnostic["suggestions"]] == ['"he_normal"']
    assert _fix("model.py") == cli.FIXED
    assert (project / "model.py").read_text() == \
        'from keras import layers\nd = layers.Dense(8, activation="relu", kernel_initializer="he_normal")\n'


def test_a_comment_after_the_last_argument_stays_on_its_line(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.pylint.main]\nglorot-min-chain = 1\n")
    source = 'from keras import layers\nd = layers.Dense(\n    64,\n    activation="relu",  # the activation\n)\n'
    (project / "model.py").write_text(source)
    assert _fix("model.py") == cli.FIXED
    assert (project / "model.py").read_text() == source.replace(
        "# the activation\n", '# the activation\n    kernel_initializer="he_uniform",\n')
