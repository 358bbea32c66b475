"""Every way pylint runs the plugin: an editor's long-lived process, --from-stdin, pre-commit
hooks, nbQA on notebooks, and the recipes of docs/integrations.md."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from pylint.lint import Run
from pylint.message.message_definition_store import MessageDefinitionStore

from pylint_glorot import cli

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "examples" / "notebook.ipynb"
DOCS = ROOT / "docs" / "integrations.md"

BUFFER = textwrap.dedent(
    '''\
    """An editor buffer."""
    import keras
    from keras import layers
    from keras.initializers import GlorotUniform

    model = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
    ])
    a = layers.Dense(8, activation="relu", kernel_initializer=keras.initializers.VarianceScaling(1.0, "fan_avg", "uniform"))
    b = layers.Dense(8, activation="relu", kernel_initializer=GlorotUniform(seed=1))
    c = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")  # pylint: disable=initializer-activation-mismatch
    '''
)
OUR_MESSAGES = {"C7702": 1, "W7701": 2}  # C7702: once for the chain of three

# What the VS Code pylint extension runs (with --clear-cache-post-run=y for pylint >= 2.16), the
# user's pylint.args being the plugin; here only our checker runs, to keep the test quick.
EDITOR_ARGS = ["--reports=n", "--output-format=json2", "--clear-cache-post-run=y",
               "--load-plugins=pylint_glorot", "--disable=all", "--enable=glorot"]


def _env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def _lint_buffer(monkeypatch: pytest.MonkeyPatch, path: Path, buffer: str, args: list[str]) -> str:
    """One in-process run the way an editor does it: the buffer arrives on stdin."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(buffer.encode("utf-8")), encoding="utf-8"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        Run([*args, "--from-stdin", str(path)], exit=False)
    return out.getvalue()


def _symbols(output: str) -> list[tuple[str, int, int]]:
    return [(m["messageId"], m["line"], m["column"]) for m in json.loads(output)["messages"]]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- an editor's long-lived process


def _twenty_editor_runs(monkeypatch: pytest.MonkeyPatch, path: Path, buffer: str) -> tuple[list, list[int]]:
    """20 in-process lints of `buffer`: each run's messages, and traced memory after each run.

    pylint itself keeps every run's message definitions alive through a functools.cache on
    MessageDefinitionStore.get_message_definitions (about 0.3 MB a run, with or without this
    plugin); that cache is cleared after each run so that what is measured is the rest.
    """
    tracemalloc.start()
    try:
        outputs, memory = [], []
        for _ in range(20):
            outputs.append(_symbols(_lint_buffer(monkeypatch, path, buffer, EDITOR_ARGS)))
            MessageDefinitionStore.get_message_definitions.cache_clear()
            gc.collect()
            memory.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    return outputs, memory


def test_repeated_in_process_runs_agree_and_do_not_grow(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """20 runs in one process: the same messages every time, and no memory kept from run to run.

    pylint itself keeps every run's message definitions alive through a functools.cache on
    MessageDefinitionStore.get_message_definitions (about 0.3 MB a run, with or without this
    plugin); that cache is cleared after each run so that what is measured is the rest.
    """
    path = project / "model.py"
    path.write_text("x = 1\n")  # the buffer, not the file on disk, is linted
    outputs, memory = _twenty_editor_runs(monkeypatch, path, BUFFER)
    assert all(output == outputs[0] for output in outputs)
    counts = {msgid: sum(1 for m, _, _ in outputs[0] if m == msgid) for msgid in OUR_MESSAGES}
    assert counts == OUR_MESSAGES
    assert memory[19] - memory[1] < 5_000_000, [round(m / 1e6, 2) for m in memory]


def _thousand_line_module() -> str:
    """A 1,000-line Keras file: model builders in every shape the plugin reads, each with findings."""
    block = textwrap.dedent(
        '''\
        def build_{i}(x):
            """Block {i}."""
            x = layers.Conv2D(32, 3, activation="relu")(x)
            x = layers.Conv2D(32, 3, activation="relu")(x)
            x = layers.Conv2D(32, 3, activation="relu")(x)
            x = layers.Dense(64, kernel_initializer=keras.initializers.VarianceScaling(1.0, "fan_avg", "uniform"))(x)
            x = layers.ReLU()(x)
            return layers.Dense(10, activation="softmax")(x)


        mlp_{i} = keras.Sequential(
            [
                layers.Dense(64, activation="tanh", kernel_initializer="he_normal"),
                layers.Dense(64, activation="tanh"),
                layers.Dense(1),
            ]
        )
        '''
    )
    header = '"""A large editor buffer."""\nimport keras\nfrom keras import layers\n\n\n'
    blocks, count = [], 0
    while len((header + "".join(blocks)).splitlines()) < 1000:
        blocks.append(block.format(i=count) + "\n\n")
        count += 1
    return header + "".join(blocks)


def test_a_thousand_line_file_linted_twenty_times_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editor-grade: identical results on every run and no memory kept from run to run."""
    buffer = _thousand_line_module()
    assert len(buffer.splitlines()) >= 1000
    path = project / "big_model.py"
    outputs, memory = _twenty_editor_runs(monkeypatch, path, buffer)
    assert all(output == outputs[0] for output in outputs)
    blocks = buffer.count("def build_")
    assert sum(1 for msgid, _line, _col in outputs[0] if msgid == "C7702") == blocks  # one per chain
    assert sum(1 for msgid, _line, _col in outputs[0] if msgid == "W7701") == 2 * blocks
    assert memory[19] - memory[1] < 5_000_000, [round(m / 1e6, 2) for m in memory]


def test_repeated_runs_with_every_checker_and_the_sarif_reporter_agree(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "model.py"
    path.write_text(BUFFER)
    full = ["--reports=n", "--output-format=json2", "--load-plugins=pylint_glorot,pylint_glorot.reporters"]
    sarif = [*full[:1], "--output-format=glorot-sarif", full[2], "--disable=all", "--enable=glorot"]
    for args in (full, sarif):
        outputs = [_lint_buffer(monkeypatch, path, BUFFER, args) for _ in range(3)]
        assert outputs[0] == outputs[1] == outputs[2]
    assert {m["messageId"] for m in json.loads(_lint_buffer(monkeypatch, path, BUFFER, full))["messages"]} >= set(OUR_MESSAGES)


def test_an_edited_buffer_is_linted_afresh(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "model.py"
    first = _symbols(_lint_buffer(monkeypatch, path, BUFFER, EDITOR_ARGS))
    edited = BUFFER.replace('kernel_initializer=GlorotUniform(seed=1)', 'kernel_initializer="he_uniform"')
    second = _symbols(_lint_buffer(monkeypatch, path, edited, EDITOR_ARGS))
    assert len(second) == len(first) - 1
    assert _symbols(_lint_buffer(monkeypatch, path, BUFFER, EDITOR_ARGS)) == first


def test_from_stdin_on_the_command_line(project: Path) -> None:
    (project / "model.py").write_text("x = 1\n")
    done = subprocess.run(
        [sys.executable, "-m", "pylint", *EDITOR_ARGS, "--from-stdin", "model.py"],
        input=BUFFER, capture_output=True, text=True, check=False, cwd=project,
    )
    messages = json.loads(done.stdout)["messages"]
    assert {m["path"] for m in messages} == {"model.py"}
    assert sorted(m["line"] for m in messages) == [7, 11, 12]  # the chain on lines 7-9 is one message


# --------------------------------------------------------------------------- pre-commit


def _hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def test_the_hooks_file_declares_both_hooks() -> None:
    hooks = _hooks()
    assert set(hooks) == {"pylint-glorot", "pylint-glorot-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert hook["name"] and hook["description"]
    assert hooks["pylint-glorot"]["types"] == ["python"]  # pylint itself cannot read notebooks
    assert hooks["pylint-glorot-fix"]["types_or"] == ["python", "jupyter"]  # the fixer can
    assert hooks["pylint-glorot"]["entry"] == "pylint --load-plugins=pylint_glorot --disable=all --enable=glorot -rn -sn"


def _run_hook(hook: dict[str, Any], project: Path, *files: str) -> subprocess.CompletedProcess[str]:
    command = [*shlex.split(hook["entry"]), *hook.get("args", []), *files]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, env=_env())


def test_the_lint_hook_reports_and_fails(project: Path) -> None:
    (project / "model.py").write_text(BUFFER)
    done = _run_hook(_hooks()["pylint-glorot"], project, "model.py")
    assert done.returncode != 0
    assert "model.py:12:" in done.stdout and "initializer-activation-mismatch" in done.stdout
    assert "rated" not in done.stdout  # -sn: no score


def test_the_fix_hook_fixes_then_passes(project: Path) -> None:
    (project / "model.py").write_text(BUFFER)
    hook = _hooks()["pylint-glorot-fix"]
    assert _run_hook(hook, project, "model.py").returncode == 1
    assert "HeUniform(seed=1)" in (project / "model.py").read_text()
    assert _run_hook(hook, project, "model.py").returncode == 0
    assert _run_hook(_hooks()["pylint-glorot"], project, "model.py").returncode == 0


# --------------------------------------------------------------------------- notebooks through nbQA


def _cell_position(notebook: Path, needle: str) -> tuple[int, int, int]:
    """(code cell number from 1, line in the cell from 1, column from 0) of `needle`."""
    cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
    for number, cell in enumerate(cells, start=1):
        for line_number, line in enumerate("".join(cell["source"]).splitlines(), start=1):
            if needle in line:
                return number, line_number, line.index(needle)
    raise AssertionError(f"{needle} is not in {notebook}")


def test_nbqa_reports_a_finding_at_its_cell_line(project: Path) -> None:
    shutil.copy(NOTEBOOK, project / "notebook.ipynb")
    done = subprocess.run(
        [str(BIN / "nbqa"), "pylint", "--load-plugins=pylint_glorot", "notebook.ipynb"],
        cwd=project, capture_output=True, text=True, check=False, env=_env(),
    )
    cell, line, column = _cell_position(project / "notebook.ipynb", '"glorot_uniform"')
    assert f"notebook.ipynb:cell_{cell}:{line}:{column}: W7701:" in done.stdout, done.stdout + done.stderr


def test_nbqa_runs_the_fixer_on_a_notebook(project: Path) -> None:
    shutil.copy(NOTEBOOK, project / "notebook.ipynb")
    done = subprocess.run(
        [str(BIN / "nbqa"), "pylint_glorot.fix", "notebook.ipynb"],
        cwd=project, capture_output=True, text=True, check=False, env=_env(),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    fixed = json.loads((project / "notebook.ipynb").read_text())
    original = json.loads(NOTEBOOK.read_text())
    sources = ["".join(c["source"]) for c in fixed["cells"]]
    assert any('kernel_initializer="he_uniform"' in s for s in sources)
    assert sources == ["".join(c["source"]).replace('"glorot_uniform"', '"he_uniform"') for c in original["cells"]]


# --------------------------------------------------------------------------- docs/integrations.md


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS.read_text(), flags=re.S)


def test_every_yaml_and_json_recipe_parses() -> None:
    assert len(_blocks("yaml")) >= 4 and _blocks("json")
    for block in _blocks("yaml"):
        assert yaml.safe_load(block)
    settings = [json.loads(block) for block in _blocks("json")]
    assert {"pylint.importStrategy": "fromEnvironment", "pylint.args": ["--load-plugins=pylint_glorot"]} in settings
    lsp = next(entry for entry in settings if "glspc.server.command" in entry)
    assert [lsp["glspc.server.command"], *lsp["glspc.server.commandArguments"]] == ["pylint-glorot", "lsp"]


def test_every_editor_recipe_starts_the_language_server_command() -> None:
    tomllib = pytest.importorskip("tomllib")
    helix = tomllib.loads(_blocks("toml")[0])
    assert [helix["language-server"]["pylint-glorot"]["command"], *helix["language-server"]["pylint-glorot"]["args"]] \
        == ["pylint-glorot", "lsp"]
    assert '"pylint-glorot", "lsp"' in _blocks("lua")[0]
    assert '("pylint-glorot" "lsp")' in _blocks("elisp")[0]
    assert "lsp" in cli.parser().parse_args(["lsp"]).command


def test_the_local_hook_recipe_matches_the_shipped_hook() -> None:
    recipes = [yaml.safe_load(block) for block in _blocks("yaml")]
    local = [hook for recipe in recipes if isinstance(recipe, dict) and "repos" in recipe
             for repo in recipe["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert [hook["entry"] for hook in local] == [_hooks()["pylint-glorot"]["entry"]]


def test_every_output_format_in_the_docs_is_accepted_by_pylint(project: Path) -> None:
    (project / "model.py").write_text(BUFFER)
    formats = set(re.findall(r"--output-format=(\S+?)(?=[\s`]|$)", DOCS.read_text(), flags=re.M))
    assert {"github,pylint_glorot.reporters.SarifReporter:pylint-glorot.sarif",
            "pylint_glorot.reporters.RdjsonReporter", "glorot-sarif"} <= formats
    for fmt in sorted(formats):
        files = [project / part.split(":", 1)[1] for part in fmt.split(",") if ":" in part]
        to_stdout = any(":" not in part for part in fmt.split(","))
        done = subprocess.run(
            [sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot,pylint_glorot.reporters", "--disable=all",
             "--enable=glorot", f"--output-format={fmt}", "model.py"],
            cwd=project, capture_output=True, text=True, check=False,
        )
        assert done.returncode != 32 and not done.stderr.strip(), (fmt, done.stderr)
        for written in files:
            assert "initializer-activation-mismatch" in written.read_text(), fmt
            written.unlink()
        if to_stdout:
            assert "W7701" in done.stdout or "initializer-activation-mismatch" in done.stdout, fmt


def test_the_nbqa_command_in_the_docs_gives_the_output_shown(project: Path) -> None:
    block = next(b for b in _blocks("bash") if b.startswith("nbqa pylint"))
    command, shown = block.splitlines()[:2]
    (project / "examples").mkdir()
    shutil.copy(NOTEBOOK, project / "examples" / "notebook.ipynb")
    done = subprocess.run(shlex.split(command), cwd=project, capture_output=True, text=True, check=False, env=_env())
    assert shown.removeprefix("# ").removesuffix(" ...") in done.stdout
