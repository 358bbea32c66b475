"""What the SARIF and rdjson reporters share: collect pylint's messages, recover their fixes,
and resolve each fix to the replacement plus the import lines it needs."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from astroid import nodes
from pylint.message import Message
from pylint.reporters import BaseReporter

from pylint_glorot.checker import MESSAGES
from pylint_glorot.edits import Source, finding_edits, import_edit
from pylint_glorot.findings import Edit, Finding
from pylint_glorot.layout import Style, lay_out, project_style
from pylint_glorot.pages import docs_url
from pylint_glorot.reporters.recover import OUR_SYMBOLS, FileFindings, is_ours, read_source, recover

if TYPE_CHECKING:
    from pylint.reporters.ureports.nodes import Section

INFORMATION_URI = "https://github.com/pylint-glorot/pylint-glorot"
PYLINT_DOCS_URL = "https://pylint.readthedocs.io/en/stable/user_guide/messages/{category}/{symbol}.html"


_IDS = {symbol: msgid for msgid, (_, symbol, _) in MESSAGES.items()}


def help_url(message_symbol: str, category: str, configured: str | None = None) -> str:
    """Our message's page (`glorot-docs-url`, see pages.docs_url), or pylint's own page for any other message."""
    if message_symbol in OUR_SYMBOLS.values():
        return docs_url(message_symbol, _IDS.get(message_symbol, ""), configured)
    return PYLINT_DOCS_URL.format(category=category, symbol=message_symbol)


@dataclass(frozen=True)
class Fix:
    """A message's fix: its `replacements` replacement edits (the one at the message first), then the
    import insertion they need, if any."""

    description: str
    edits: tuple[Edit, ...]
    replacements: int = 1  # the first `replacements` edits replace code; the rest insert import lines


@dataclass(frozen=True)
class Reported:
    """One message as a reporter renders it: with its file's text (for column units) and its fix."""

    message: Message
    source: Source | None
    fix: Fix | None


def fix_for(finding: Finding, source: Source, style: Style | None = None) -> Fix | None:
    """The finding's edits (laid out to `style`) plus, when a replacement needs an import that
    `source` lacks, the insertion."""
    edits = finding_edits(finding)
    if not edits:
        return None
    if style is not None:
        edits = tuple(lay_out(source.text, edits, style))
    found: list[Edit] = list(edits)
    imports = [line for edit in edits for line in edit.imports]
    if imports:
        insertion = import_edit(source, imports, min(edit.span.line for edit in edits))
        if insertion is not None:
            found.append(insertion)
    description = finding.text.rsplit("; ", 1)[-1] if "; " in finding.text else finding.text
    return Fix(description[:1].upper() + description[1:], tuple(found), len(edits))


def resolve(messages: Sequence[Message], config: Any, linted: dict[str, nodes.Module]) -> list[Reported]:
    """Each message with its file's text and its recovered fix (ours only)."""
    files = recover(messages, config, linted)
    sources: dict[str, Source | None] = {}
    reported = []
    for message in messages:
        recovered = files.get(message.abspath)
        source = _source_of(message.abspath, recovered, sources)
        finding = recovered.finding(message) if recovered is not None and is_ours(message) else None
        style = project_style(message.abspath, getattr(config, "max_line_length", None)) if message.abspath else None
        fix = fix_for(finding, source, style) if finding is not None and source is not None else None
        reported.append(Reported(message, source, fix))
    return reported


def _source_of(path: str, recovered: FileFindings | None, cache: dict[str, Source | None]) -> Source | None:
    """The file's text, for converting columns: the recovered text, or the file on disk for other messages."""
    if path not in cache:
        if recovered is not None:
            cache[path] = Source(recovered.source.text) if recovered.source is not None else None
        else:
            cache[path] = _read(path)
    return cache[path]


def _read(path: str) -> Source | None:
    if not path or not os.path.isfile(path):
        return None
    try:
        return Source(read_source(path).text)
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None


def relative_path(path: str) -> str:
    """The path relative to the working directory (the repository root in CI), with / separators."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


class FixingReporter(BaseReporter):
    """Collects every message; at the end, recovers our messages' fixes and renders them all at once."""

    def __init__(self, output: Any = None) -> None:
        super().__init__(output)
        self._linted: dict[str, nodes.Module] = {}

    def handle_message(self, msg: Message) -> None:
        super().handle_message(msg)
        linter = getattr(self, "linter", None)
        if linter is None or not getattr(linter.config, "from_stdin", False) or msg.abspath in self._linted:
            return
        # --from-stdin lints a buffer, not the file on disk: keep the module pylint built from it.
        module = getattr(getattr(linter, "file_state", None), "_module", None)
        if isinstance(module, nodes.Module) and module.file == msg.abspath:
            self._linted[msg.abspath] = module

    def display_messages(self, layout: Section | None) -> None:
        """Called once at the end of the run (in the parent process under -j N)."""
        config = self.linter.config
        reported = resolve(self.messages, config, self._linted)
        self._linted = {}
        self.render(reported)

    def render(self, reported: list[Reported]) -> None:
        raise NotImplementedError

    def display_reports(self, layout: Section) -> None:
        """Reports (--reports=y) have no place in a machine-readable file."""

    def _display(self, layout: Section) -> None:
        """Nothing: everything is written by display_messages."""
