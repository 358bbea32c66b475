"""Docs examples are linted: each message page's bad example raises exactly its message,
its good example none of ours; every message has a page and a functional test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_glorot.checker import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "messages"
SYMBOLS = {symbol: msgid for msgid, (_template, symbol, _description) in MESSAGES.items()}
OURS = ",".join(SYMBOLS)


def example_after(page: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)^```python\n(.*?)^```", page, re.S | re.M)
    assert match, f"no ```python block under '## {heading}'"
    assert "\n## " not in match.group(1), f"the first ```python block after '## {heading}' is in a later section"
    return match.group(2)


def lint(source: str, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all", f"--enable={OURS}",
         "--msg-template={symbol}", "--score=n", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert not result.returncode & (1 | 32), result.stdout + result.stderr  # fatal, usage error
    return [line for line in result.stdout.splitlines() if line and not line.startswith("*")]


@pytest.mark.parametrize("symbol", sorted(SYMBOLS))
def test_bad_example_raises_exactly_its_message(symbol: str, tmp_path: Path) -> None:
    page = (PAGES / f"{symbol}.md").read_text()
    found = lint(example_after(page, "Example"), tmp_path, "bad")
    assert found, f"{symbol}: the bad example raises nothing"
    assert set(found) == {symbol}, found


@pytest.mark.parametrize("symbol", sorted(SYMBOLS))
def test_good_example_raises_nothing(symbol: str, tmp_path: Path) -> None:
    page = (PAGES / f"{symbol}.md").read_text()
    assert lint(example_after(page, "Use instead"), tmp_path, "good") == []


@pytest.mark.parametrize("symbol", sorted(SYMBOLS))
def test_page_has_the_sections_users_look_for(symbol: str) -> None:
    page = (PAGES / f"{symbol}.md").read_text()
    assert page.startswith(f"# {symbol} ({SYMBOLS[symbol]})")
    for heading in ("What it does", "Why it matters", "Example", "Use instead", "References"):
        assert f"\n## {heading}" in page, heading


def test_every_message_has_a_functional_test() -> None:
    annotated = "\n".join(p.read_text() for p in (ROOT / "tests" / "functional").rglob("*.py"))
    for symbol in SYMBOLS:
        assert f"[{symbol}" in annotated or f", {symbol}]" in annotated, symbol


def test_help_text_links_to_the_page() -> None:
    for _template, symbol, description in MESSAGES.values():
        assert f"docs/messages/{symbol}.md" in description
        assert (PAGES / f"{symbol}.md").exists()


def test_explainer_cites_the_papers_and_keras() -> None:
    text = (ROOT / "docs" / "xavier-vs-glorot.md").read_text()
    for needle in ("Glorot", "Bengio", "2010", "He", "1502.01852", "Klambauer", "1706.02515",
                   "random_initializers.py"):
        assert needle in text, needle
