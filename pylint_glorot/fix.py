"""`pylint-glorot fix`: apply the replacement of every reported finding to the files themselves.

pylint decides what is reported (the project's configuration and its glorot- options, the
`# pylint: disable=` comments); each reported Message is then matched back to its Finding
(reporters.recover) and the findings' edits are applied by the pure `edits.apply_edits`.
A fix can make another message appear (a corrected VarianceScaling that now equals a named
initializer; a layer left alone now inconsistent with its fixed neighbours), so the fixed text
is linted again, in memory, until nothing is left to fix: a second run proposes nothing.
"""

from __future__ import annotations

import ast
import difflib
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import astroid
from pylint.message import Message

from pylint_glorot.edits import Source, apply_edits
from pylint_glorot.reporters.collect import INPUT_ERRORS, LintError, arguments, collect
from pylint_glorot.reporters.recover import (
    OUR_SYMBOLS, SourceText, build_module, findings_by_key, is_ours, message_key, read_source,
)

MAX_PASSES = 10
_SKIPPED_DIRS = ("__pycache__", "node_modules", "site-packages")


class UsageError(Exception):
    """A bad command line (exit 2)."""


def symbols_from(names: Iterable[str]) -> list[str]:
    """Our symbols from a list of symbols or message ids (comma-separated items allowed)."""
    by_id = {msgid.upper(): symbol for msgid, symbol in OUR_SYMBOLS.items()}
    symbols = set(OUR_SYMBOLS.values())
    chosen = []
    for item in (part.strip() for name in names for part in name.split(",")):
        if not item:
            continue
        symbol = by_id.get(item.upper(), item)
        if symbol not in symbols:
            raise UsageError(f"unknown message {item!r}: expected one of {', '.join(sorted(symbols))} or their ids")
        chosen.append(symbol)
    return list(dict.fromkeys(chosen))


def python_files(paths: Sequence[str]) -> list[str]:
    """The files named, and the *.py files under the folders named (hidden folders and venvs left out)."""
    found: dict[str, str] = {}
    for path in paths:
        if os.path.isdir(path):
            candidates: Iterable[str] = _walk(path)
        elif os.path.exists(path):
            candidates = [path]
        else:
            raise UsageError(f"{path}: no such file or directory")
        for candidate in candidates:
            found.setdefault(os.path.realpath(candidate), candidate)
    return list(found.values())


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            name for name in dirs
            if not name.startswith(".") and name not in _SKIPPED_DIRS
            and not os.path.exists(os.path.join(root, name, "pyvenv.cfg"))
        )
        yield from (os.path.join(root, name) for name in sorted(files) if name.endswith(".py"))


@dataclass
class FileFix:
    """One file: its old and new text (equal when nothing applies), or why it was left alone."""

    path: str
    old: str = ""
    new: str = ""
    encoding: str = "utf-8"
    applied: int = 0
    passes: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether there is a new text to write."""
        return not self.errors and self.new != self.old


@dataclass(frozen=True)
class Step:
    """One pass over one text: the text after it, how many edits it applied, or the error."""

    text: str
    applied: int = 0
    error: str | None = None


def fix_text(path: str, source: SourceText, messages: Sequence[Message], config: Any) -> Step:
    """Match pylint's messages on `source` to their findings and apply their edits (one pass)."""
    errors = [f"{path}:{m.line}: {m.symbol}: {m.msg}" for m in messages if m.symbol in INPUT_ERRORS]
    if errors:
        return Step(source.text, error="\n".join(errors))
    ours = [m for m in messages if is_ours(m)]
    if not ours:
        return Step(source.text)
    try:
        module = build_module(source.text, ours[0].abspath, ours[0].module)
    except (astroid.AstroidBuildingError, SyntaxError, ValueError) as error:
        return Step(source.text, error=f"{path}: cannot analyse: {error}")
    findings = findings_by_key(module, config)
    edits = [edit for key in map(message_key, ours) if key in findings for edit in findings[key].edits]
    if not edits:
        return Step(source.text)
    try:
        result = apply_edits(source.text, edits)
        ast.parse(result.text, filename=path)
    except (SyntaxError, ValueError) as error:
        return Step(source.text, error=f"{path}: the fixed text would not parse ({error}); left unchanged")
    return Step(result.text, len(result.applied))


def plan_all(paths: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[FileFix]:
    """Every file's fix, linting the files on disk once and each changed text again until it settles."""
    files = python_files(paths)
    if not files:
        return []
    args = arguments(select, ignore)
    try:
        messages, config = collect(args, files)
    except LintError as error:
        raise UsageError(str(error)) from error
    by_file: dict[str, list[Message]] = {}
    for message in messages:
        if message.abspath:
            by_file.setdefault(os.path.realpath(message.abspath), []).append(message)
    fixes = [_first_pass(path, by_file.get(os.path.realpath(path), []), config) for path in files]
    for fix in fixes:
        if fix.changed:
            _settle(fix, args)
    return fixes


def _first_pass(path: str, messages: list[Message], config: Any) -> FileFix:
    if not messages:
        return FileFix(path)
    try:
        source = read_source(path)
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        return FileFix(path, errors=[f"{path}: cannot read: {error}"])
    step = fix_text(path, source, messages, config)
    fix = FileFix(path, source.text, step.text, source.encoding, step.applied, 1)
    if step.error:
        fix.errors.append(step.error)
    return fix


def _settle(fix: FileFix, args: list[str]) -> None:
    """Lint the fixed text again (from memory) and fix what that finds, until nothing changes."""
    seen = {fix.old, fix.new}
    while fix.passes < MAX_PASSES:
        try:
            messages, config = collect(args, [fix.path], text=fix.new)
        except LintError as error:
            fix.warnings.append(f"{fix.path}: stopped after pass {fix.passes}: {error}")
            return
        step = fix_text(fix.path, SourceText(fix.new, fix.encoding), messages, config)
        if step.error:
            fix.warnings.append(f"{fix.path}: stopped after pass {fix.passes}: {step.error}")
            return
        if step.text == fix.new:
            return
        fix.passes += 1
        fix.new, fix.applied = step.text, fix.applied + step.applied
        if step.text in seen:
            fix.warnings.append(f"{fix.path}: the fixes go round in a circle; stopped after pass {fix.passes}")
            return
        seen.add(step.text)
    fix.warnings.append(f"{fix.path}: still changing after {MAX_PASSES} passes; run the fixer again")


def write_atomically(path: str, text: str, encoding: str) -> None:
    """Replace the file's content in one step: a crash leaves either the old or the new file."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".glorot-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode(encoding))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def unified_diff(fix: FileFix) -> str:
    """A unified diff of one file, with git's marker for a last line without a newline."""
    name = fix.path.replace(os.sep, "/")
    old, new = Source(fix.old).lines, Source(fix.new).lines
    lines = []
    for line in difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"):
        if line.endswith(("\n", "\r")):
            lines.append(line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


if __name__ == "__main__":  # `python -m pylint_glorot.fix PATH...`, the form nbQA runs (`nbqa pylint_glorot.fix nb.ipynb`)
    import sys

    from pylint_glorot.cli import main

    sys.exit(main(["fix", *sys.argv[1:]]))
