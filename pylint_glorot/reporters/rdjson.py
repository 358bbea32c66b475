"""reviewdog's rdjson (DiagnosticResult of the Reviewdog Diagnostic Format):
`--output-format=pylint_glorot.reporters.RdjsonReporter[:file]` (or `glorot-rdjson`).

Positions are 1-based with exclusive ends and columns in UTF-8 bytes, which is astroid's own
unit, so no conversion is needed. A fix becomes one suggestion: reviewdog's GitHub review
reporter rejects suggestions on lines other than the comment's, so an import the fix needs
cannot travel as a second suggestion; the message names it instead.
"""

from __future__ import annotations

import json
from typing import Any

from pylint_glorot.findings import Span
from pylint_glorot.reporters.base import FixingReporter, Reported, help_url, relative_path

SEVERITIES = {"fatal": "ERROR", "error": "ERROR", "warning": "WARNING", "refactor": "INFO", "convention": "INFO", "info": "INFO"}
SOURCE = {"name": "pylint", "url": "https://github.com/pylint-dev/pylint"}


def position(line: int, column: int | None) -> dict[str, int]:
    """An rdjson Position from astroid's line and 0-based UTF-8 byte column."""
    found = {"line": line}
    if column is not None:
        found["column"] = column + 1
    return found


def span_range(span: Span) -> dict[str, Any]:
    """An rdjson Range (end exclusive) from a Span."""
    return {"start": position(span.line, span.col), "end": position(span.end_line, span.end_col)}


def diagnostic(item: Reported) -> dict[str, Any]:
    """One Diagnostic; a fix becomes its suggestion, and the import it needs is named in the message."""
    message = item.message
    text = message.msg
    location: dict[str, Any] = {"path": relative_path(message.abspath or message.path)}
    if message.line >= 1:
        found: dict[str, Any] = {"start": position(message.line, message.column)}
        if message.end_line is not None:
            found["end"] = position(message.end_line, message.end_column)
        location["range"] = found
    entry: dict[str, Any] = {
        "message": text,
        "location": location,
        "severity": SEVERITIES.get(message.category, "WARNING"),
        "code": {"value": message.symbol, "url": help_url(message.symbol, message.category)},
    }
    if item.fix is not None:
        replacements, imports = item.fix.edits[:item.fix.replacements], item.fix.edits[item.fix.replacements:]
        entry["suggestions"] = [{"range": span_range(edit.span), "text": edit.text} for edit in replacements]
        if imports:
            needed = "; ".join(line for edit in imports for line in edit.text.strip().splitlines())
            entry["message"] = f"{text} (the fix also needs `{needed}` at the top of the file)"
    return entry


def diagnostic_result(reported: list[Reported]) -> dict[str, Any]:
    """The DiagnosticResult (what `reviewdog -f=rdjson` reads)."""
    return {"source": SOURCE, "diagnostics": [diagnostic(item) for item in reported]}


class RdjsonReporter(FixingReporter):
    """reviewdog rdjson with suggestions."""

    name = "glorot-rdjson"
    extension = "rdjson"

    def render(self, reported: list[Reported]) -> None:
        print(json.dumps(diagnostic_result(reported), indent=2), file=self.out)
