"""SARIF 2.1.0 output: `--output-format=pylint_glorot.reporters.SarifReporter[:file]` (or `glorot-sarif`).

Shaped for GitHub code scanning (rules with descriptions and help, stable rule ids, paths
relative to the repository root) and for reviewdog `-f=sarif` (fixes as replacements). Columns
are stated in UTF-16 code units, SARIF's default unit, converted from astroid's UTF-8 bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pylint.exceptions import UnknownMessageError
from pylint.message import Message

import pylint_glorot
from pylint_glorot.checker import MESSAGES
from pylint_glorot.edits import Source
from pylint_glorot.findings import Edit, Span
from pylint_glorot.reporters.base import INFORMATION_URI, FixingReporter, Reported, help_url, relative_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
COLUMN_KIND = "utf16CodeUnits"
LEVELS = {"fatal": "error", "error": "error", "warning": "warning", "refactor": "note", "convention": "note", "info": "note"}
_CATEGORIES = {"F": "fatal", "E": "error", "W": "warning", "R": "refactor", "C": "convention", "I": "info"}
_SEE_URL = re.compile(r"\s*See https?://\S+\s*$")


def artifact_uri(path: str) -> str:
    """A relative URI reference (percent-encoded) for a path relative to the working directory."""
    relative = relative_path(path)
    if Path(relative).is_absolute():
        return Path(relative).as_uri()
    return quote(relative, safe="/")


def region(source: Source | None, line: int, column: int | None, end_line: int | None,
           end_column: int | None) -> dict[str, int] | None:
    """A SARIF region (1-based, end exclusive, UTF-16 columns) from astroid's position; None without a line."""
    if line < 1:
        return None
    found: dict[str, int] = {"startLine": line}
    if end_line is not None:
        found["endLine"] = end_line
    if source is None or column is None:
        return found
    try:
        found["startColumn"] = source.utf16_col(line, column) + 1
        if end_line is not None and end_column is not None:
            found["endColumn"] = source.utf16_col(end_line, end_column) + 1
    except ValueError:  # the file changed since it was linted: lines only
        found.pop("startColumn", None)
    return found


def _span_region(source: Source, span: Span) -> dict[str, int]:
    found = region(source, span.line, span.col, span.end_line, span.end_col)
    assert found is not None
    return found


def rule(msgid: str, symbol: str, description: str, docs_template: str | None = None) -> dict[str, Any]:
    """A reportingDescriptor from a pylint message definition."""
    full = _SEE_URL.sub("", " ".join(description.split()))
    short = full.split(". ")[0].rstrip(".") + "."
    category = _CATEGORIES.get(msgid[:1], "warning")
    return {
        "id": msgid,
        "name": symbol,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": f"{full} See {help_url(symbol, category, docs_template)}"},
        "helpUri": help_url(symbol, category, docs_template),
        "defaultConfiguration": {"level": LEVELS[category]},
    }


def _replacement(source: Source, edit: Edit) -> dict[str, Any]:
    return {"deletedRegion": _span_region(source, edit.span), "insertedContent": {"text": edit.text}}


def result(item: Reported, rule_index: int) -> dict[str, Any]:
    """One result, with its fix as replacements of the same artifact."""
    message = item.message
    uri = artifact_uri(message.abspath or message.path)
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    found_region = region(item.source, message.line, message.column, message.end_line, message.end_column)
    if found_region is not None:
        physical["region"] = found_region
    entry: dict[str, Any] = {
        "ruleId": message.msg_id,
        "ruleIndex": rule_index,
        "level": LEVELS.get(message.category, "warning"),
        "message": {"text": message.msg},
        "locations": [{"physicalLocation": physical}],
    }
    if item.fix is not None and item.source is not None:
        entry["fixes"] = [{
            "description": {"text": item.fix.description},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [_replacement(item.source, edit) for edit in item.fix.edits],
            }],
        }]
    return entry


def sarif_log(reported: list[Reported], definitions: dict[str, tuple[str, str]],
              docs_template: str | None = None) -> dict[str, Any]:
    """The whole log: one run, a rule for each of our messages and for any other message reported.

    `definitions` maps the message ids of other checkers to (symbol, description).
    """
    rules = [rule(msgid, symbol, description, docs_template) for msgid, (_, symbol, description) in MESSAGES.items()]
    index = {entry["id"]: position for position, entry in enumerate(rules)}
    for item in reported:
        msgid = item.message.msg_id
        if msgid not in index:
            symbol, description = definitions.get(msgid, (item.message.symbol, item.message.symbol))
            index[msgid] = len(rules)
            rules.append(rule(msgid, symbol, description, docs_template))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pylint-glorot",
                "informationUri": INFORMATION_URI,
                "version": pylint_glorot.__version__,
                "rules": rules,
            }},
            "columnKind": COLUMN_KIND,
            "results": [result(item, index[item.message.msg_id]) for item in reported],
        }],
    }


class SarifReporter(FixingReporter):
    """SARIF 2.1.0 with fixes."""

    name = "glorot-sarif"
    extension = "sarif"

    def render(self, reported: list[Reported]) -> None:
        definitions = {}
        for item in reported:
            definitions.setdefault(item.message.msg_id, self._definition(item.message))
        template = getattr(self.linter.config, "glorot_docs_url", "") or None
        print(json.dumps(sarif_log(reported, definitions, template), indent=2), file=self.out)

    def _definition(self, message: Message) -> tuple[str, str]:
        try:
            definition = self.linter.msgs_store.get_message_definitions(message.msg_id)[0]
        except UnknownMessageError:  # not in this linter's store: describe it by its symbol
            return message.symbol, message.symbol
        return definition.symbol, definition.description or definition.symbol
