"""What a newcomer gets from the package: `explain` from an installed wheel, the docs URL option,
messages in line order, and the bundled example clean under pylint's own checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pylint_glorot import cli
from pylint_glorot.checker import MESSAGES

ROOT = Path(__file__).parents[1]
PAGES = sorted(path.name for path in (ROOT / "docs" / "messages").glob("*.md"))


def _tomllib():
    return pytest.importorskip("tomllib")


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    listed = set(_tomllib().loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "pylint_glorot").rglob("__init__.py")}
    assert folders | {"pylint_glorot.message_docs"} == listed


def test_every_message_has_a_page() -> None:
    assert PAGES == sorted(f"{symbol}.md" for _, symbol, _ in MESSAGES.values())


def test_explain_by_symbol_and_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "W7701"]) == cli.NOTHING
    by_id = capsys.readouterr().out
    assert cli.main(["explain", "initializer-activation-mismatch"]) == cli.NOTHING
    assert capsys.readouterr().out == by_id == (ROOT / "docs/messages/initializer-activation-mismatch.md").read_text()
    assert cli.main(["explain", "no-such-message"]) == cli.ERROR
    assert "unknown message" in capsys.readouterr().err


def test_the_wheel_carries_the_pages_and_explain_works_installed(tmp_path: Path) -> None:
    """Build the wheel as pip does, install it into a folder of its own, and run `explain` from there."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                           capture_output=True, text=True, check=False)
    if built.returncode != 0 and "Could not find a version" in built.stderr:
        pytest.skip("no package index to fetch setuptools from for the isolated build")
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("pylint_glorot-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(name.rsplit("/", 1)[1] for name in names if name.startswith("pylint_glorot/message_docs/")) == PAGES
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import sys, pylint_glorot; from pylint_glorot.cli import main; print(pylint_glorot.__file__, file=sys.stderr); sys.exit(main(['explain', 'E7705']))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().startswith(str(site))  # the installed copy, not this checkout
    assert done.stdout == (ROOT / "docs/messages/invalid-variance-scaling.md").read_text()


# --------------------------------------------------------------------------- the docs URL


MODEL = 'from keras import layers\nd = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")\n'


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "model.py").write_text(MODEL)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _pylint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GLOROT_DOCS_URL", None)
    return subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all",
                           "--enable=glorot", *args], cwd=project, env=env, capture_output=True, text=True, check=False)


def test_the_docs_url_option_reaches_sarif_rdjson_and_message_help(project: Path) -> None:
    mirror = "https://mirror.example/glorot/{msgid}-{symbol}.html"
    (project / "pyproject.toml").write_text(f'[tool.pylint.main]\nglorot-docs-url = "{mirror}"\n')
    sarif = json.loads(_pylint(project, "--output-format=glorot-sarif", "model.py").stdout)
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "W7701")
    assert rule["helpUri"] == "https://mirror.example/glorot/W7701-initializer-activation-mismatch.html"
    rdjson = json.loads(_pylint(project, "--output-format=glorot-rdjson", "model.py").stdout)
    assert rdjson["diagnostics"][0]["code"]["url"] == rule["helpUri"]
    from pylint.lint import Run

    run = Run(["--load-plugins=pylint_glorot", "--disable=all", "--enable=glorot", "model.py"], exit=False)
    (definition,) = run.linter.msgs_store.get_message_definitions("W7701")
    assert definition.description.endswith("See https://mirror.example/glorot/W7701-initializer-activation-mismatch.html")
    (project / "pyproject.toml").write_text("[tool.pylint.main]\n")
    default = json.loads(_pylint(project, "--output-format=glorot-sarif", "model.py").stdout)
    rule = next(r for r in default["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "W7701")
    assert rule["helpUri"] == "https://github.com/pylint-glorot/pylint-glorot/blob/main/docs/messages/initializer-activation-mismatch.md"


def test_the_environment_sets_the_url_of_help_msg(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GLOROT_DOCS_URL": "https://mirror.example/{symbol}"}
    done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--help-msg=W7701"],
                          cwd=project, env=env, capture_output=True, text=True, check=False)
    assert "https://mirror.example/initializer-activation-mismatch" in done.stdout


# --------------------------------------------------------------------------- order and the example


def test_messages_come_out_in_line_order(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.pylint.main]\n")
    (project / "order.py").write_text(
        "import numpy as np\nfrom keras import layers\n\n"
        "b = layers.Dense(8, activation='relu', kernel_initializer='glorot_uniform')\n"
        "def my_init(shape, dtype=None):\n    limit = np.sqrt(6.0 / (shape[0] + shape[1]))\n"
        "    return np.random.uniform(-limit, limit, shape)\n"
        "a = layers.Dense(8, activation='tanh', kernel_initializer='he_uniform')\n"
    )
    done = _pylint(project, "-sn", "order.py")
    lines = [int(m.group(1)) for m in re.finditer(r"^order\.py:(\d+):", done.stdout, flags=re.M)]
    assert len(lines) == 3 and lines == sorted(lines), done.stdout


def test_the_bundled_example_passes_pylints_default_checks_apart_from_ours() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "-sn", "-rn",
                           "--disable=glorot", "examples/article_patterns.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    ours = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all",
                           "--enable=glorot", "-sn", "examples/article_patterns.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert ours.returncode == 4, ours.stdout  # pylint's bit-coded status: 4 = warnings were found
    assert len(re.findall(r"^examples/article_patterns\.py:\d+:\d+: [A-Z]77\d\d:", ours.stdout, flags=re.M)) == 3
