"""From pylint Messages back to the Findings, and so the edits, that produced them.

A reporter sees only Message objects (under `-j N` they come from worker processes) and a
Message has no field for a fix. So each file that carries one of our messages is analysed
again, with the same glorot- options, and every message is matched to the candidate finding
with the same symbol and span. The text the findings come from travels with them, so that
edits always apply to the text they were computed on.
"""

from __future__ import annotations

import io
import os
import tokenize
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import astroid
from astroid import nodes
from astroid.builder import AstroidBuilder
from pylint.message import Message

from pylint_glorot.analysis import module_findings
from pylint_glorot.checker import MESSAGES, options_from_config
from pylint_glorot.findings import Finding

OUR_SYMBOLS: dict[str, str] = {msgid: definition[1] for msgid, definition in MESSAGES.items()}

Key = tuple[str, int, int, int | None, int | None]


def message_key(message: Message) -> Key:
    """What identifies a message's finding: its symbol and span."""
    return (message.symbol, message.line, message.column, message.end_line, message.end_column)


def finding_key(finding: Finding) -> Key:
    """A finding's symbol and span, as its message reports them."""
    span = finding.span
    return (finding.symbol, span.line, span.col, span.end_line, span.end_col)


def is_ours(message: Message) -> bool:
    """Whether the message is one of this plugin's."""
    return message.symbol in OUR_SYMBOLS.values()


@dataclass(frozen=True)
class SourceText:
    """A file's text, decoded as Python decodes it, line endings untouched."""

    text: str
    encoding: str = "utf-8"


def read_source(path: str) -> SourceText:
    """Read a Python file the way the interpreter does (PEP 263 cookie, BOM), keeping its line endings.

    Raises OSError when it cannot be read and SyntaxError / UnicodeDecodeError when it cannot be decoded.
    """
    with open(path, "rb") as stream:
        data = stream.read()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return SourceText(data.decode(encoding), encoding)


def build_module(text: str, path: str, modname: str) -> nodes.Module:
    """An astroid module for `text`, as pylint builds one, left out of astroid's module cache.

    Leaving it out matters in long-lived processes: the cache keeps the first module built
    under a name, so a module built here would hide a later edit of the file from pylint.
    """
    cache = astroid.MANAGER.astroid_cache
    module = AstroidBuilder(astroid.MANAGER).string_build(text, modname, path)
    if cache.get(modname) is module:
        del cache[modname]
    return module


def findings_by_key(module: nodes.Module, config: Any) -> dict[Key, Finding]:
    """Every candidate finding of a module (not only the reported ones), by symbol and span."""
    found: dict[Key, Finding] = {}
    for node_findings in module_findings(module, options_from_config(config, module)):
        for finding in node_findings.candidates:
            found.setdefault(finding_key(finding), finding)
    return found


@dataclass
class FileFindings:
    """One file's text and the finding behind each of our messages in it; `error` when it cannot be read."""

    path: str
    source: SourceText | None
    findings: dict[Key, Finding] = field(default_factory=dict)
    error: str | None = None

    def finding(self, message: Message) -> Finding | None:
        return self.findings.get(message_key(message))


def recover(messages: Iterable[Message], config: Any,
            linted: Mapping[str, nodes.Module] | None = None) -> dict[str, FileFindings]:
    """Per file (a message's `abspath`), the findings behind our messages.

    `linted` maps a path to the module pylint linted when that is not the file on disk (the
    buffer given with --from-stdin): its text is the module's own bytes. Every other file is
    read from disk and analysed afresh, which is what a `-j N` parent must do anyway.
    """
    wanted: dict[str, str] = {}
    for message in messages:
        if is_ours(message) and message.abspath:
            wanted.setdefault(message.abspath, message.module)
    return {path: _recover_file(path, modname, config, (linted or {}).get(path)) for path, modname in wanted.items()}


def _recover_file(path: str, modname: str, config: Any, linted: nodes.Module | None) -> FileFindings:
    if linted is not None and linted.file_bytes is not None:
        raw = linted.file_bytes
        source = SourceText(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
        return FileFindings(path, source, findings_by_key(linted, config))
    try:
        source = read_source(os.path.abspath(path))
        module = build_module(source.text, path, modname)
    except (OSError, SyntaxError, UnicodeDecodeError, astroid.AstroidBuildingError) as error:
        return FileFindings(path, None, error=f"{type(error).__name__}: {error}")
    return FileFindings(path, source, findings_by_key(module, config))
