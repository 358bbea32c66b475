"""pylint output formats that carry fixes: SARIF 2.1.0 and reviewdog's rdjson.

By class: `--output-format=pylint_glorot.reporters.SarifReporter:report.sarif`. By short name
(`glorot-sarif`, `glorot-rdjson`) once `register` has run: it runs when this package is loaded
as a plugin (`--load-plugins=pylint_glorot.reporters`), and is safe to call more than once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_glorot.reporters.rdjson import RdjsonReporter
from pylint_glorot.reporters.sarif import SarifReporter

if TYPE_CHECKING:
    from pylint.lint import PyLinter

__all__ = ["RdjsonReporter", "SarifReporter", "register"]


def register(linter: PyLinter) -> None:
    """Make the short names `glorot-sarif` and `glorot-rdjson` selectable with --output-format."""
    linter.register_reporter(SarifReporter)
    linter.register_reporter(RdjsonReporter)
