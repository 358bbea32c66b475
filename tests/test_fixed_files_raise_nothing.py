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
