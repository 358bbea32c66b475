"""Every message fits an editor line and ends with its replacement.

Checked on every candidate finding (reported or not) of every functional test file and every
docs example, under the options the functional tests use."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import astroid
import pytest

from pylint_glorot import rules
from pylint_glorot.analysis import module_findings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "functional").rglob("*.py"))
PAGES = sorted((ROOT / "docs" / "messages").glob("*.md"))
OPTIONS = [rules.Options(), rules.Options(check_normalized=True), rules.Options(min_chain=1)]


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for index, block in enumerate(re.findall(r"^```python\n(.*?)^```", page.read_text(), re.S | re.M)):
            found.append((f"{page.stem}#{index}", block))
    return found


def _findings(text: str, name: str):
    module = astroid.parse(text, module_name=name)
    for options in OPTIONS:
        for node_findings in module_findings(module, options):
            yield from node_findings.candidates


def _check(finding) -> None:
    text = finding.text
    assert len(text) <= rules.MAX_MESSAGE, f"{len(text)} characters: {text}"
    last = text.rsplit("; ", 1)[-1]
    assert last.startswith("use "), f"does not end with the replacement: {text}"
    chained = finding.chain and not finding.chain_keywords  # W7710's chain is its uses, not one edit repeated
    if finding.edit is not None and (chained or len(finding.edits) == 1):
        # one edit, or the same edit at every layer of a chain: the text ends with it; a fix whose edits
        # differ (W7710's distinct seeds per layer) cannot spell them all in one line and names the rule
        replacements = [edit.text.removeprefix(", ") for edit in finding.edits]
        # inside an escaped string literal (model_from_json("{\"units\": 8}")) the message spells the JSON itself
        replacements += [codecs.decode(r, "unicode_escape") for r in replacements if "\\" in r]
        assert any(last.endswith(r) for r in replacements), f"the replacement {replacements[0]!r} is not last: {text}"


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_functional_messages_fit_and_end_with_the_replacement(path: Path) -> None:
    findings = list(_findings(path.read_text(), path.stem))
    for finding in findings:
        _check(finding)


@pytest.mark.parametrize(("name", "source"), _examples(), ids=[name for name, _ in _examples()])
def test_docs_messages_fit_and_end_with_the_replacement(name: str, source: str) -> None:
    for finding in _findings(source, name.split("#")[0].replace("-", "_")):
        _check(finding)


def test_the_checks_see_findings() -> None:
    count = sum(1 for path in SOURCES for _ in _findings(path.read_text(), path.stem))
    assert count > 100
