"""`pylint-glorot fix`: apply the replacement of every reported finding to the files themselves.

pylint decides what is reported (the project's configuration and its glorot- options, the
`# pylint: disable=` comments); each reported Message is then matched back to its Finding
(reporters.recover) and the findings' edits are applied by the pure `edits.apply_edits`.
"""

from __future__ import annotations

import ast
import difflib
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pylint.lint import PyLinter, Run
from pylint.message import Message
from pylint.reporters import BaseReporter

from pylint_glorot.edits import Result, Source, apply_edits
from pylint_glorot.reporters.recover import OUR_SYMBOLS, SourceText, build_module, findings_by_key, is_ours, read_source

# pylint's own messages for input it cannot lint: kept enabled so that such a file is reported.
INPUT_ERRORS = ("syntax-error", "fatal", "astroid-error", "parse-error")
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
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.extend(_walk(path))
        elif os.path.exists(path):
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            name for name in dirs
            if not name.startswith(".") and name not in _SKIPPED_DIRS
            and not os.path.exists(os.path.join(root, name, "pyvenv.cfg"))
        )
        yield from (os.path.join(root, name) for name in sorted(files) if name.endswith(".py"))


class _Collector(BaseReporter):
    """Keeps pylint's messages; prints nothing."""

    name = "glorot-collect"

    def _display(self, layout: Any) -> None:
        """Nothing to display."""


def _other_messages(ours: set[str]) -> list[str]:
    linter = PyLinter()
    linter.load_default_plugins()
    linter.load_plugin_modules(["pylint_glorot"])
    return sorted(
        definition.msgid for definition in linter.msgs_store.messages
        if definition.symbol not in ours and definition.symbol not in INPUT_ERRORS
    )


def lint(files: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[list[Message], Any]:
    """Run pylint in-process on `files` with only our messages (and input errors) enabled.

    The project's configuration applies as usual (found from the working directory); `select`
    turns our given messages on even where that configuration turns them off.
    Returns the messages and the configuration pylint used.
    """
    ours = set(OUR_SYMBOLS.values())
    unwanted = set(ignore) | (ours - set(select) if select else set())
    args = [
        "--load-plugins=pylint_glorot",
        "--disable=" + ",".join(_other_messages(ours) + sorted(unwanted)),
        "--reports=n", "--score=n", "--persistent=n", "--clear-cache-post-run=y", "--jobs=1",
    ]
    if select:
        args.append("--enable=" + ",".join(sorted(set(select) - unwanted)))
    collector = _Collector()
    try:
        run = Run([*args, "--", *files], reporter=collector, exit=False)
    except SystemExit as stop:  # pylint refused the configuration or the arguments
        raise UsageError(f"pylint stopped with exit code {stop.code}") from stop
    return collector.messages, run.linter.config


@dataclass
class FileFix:
    """One file: its old and new text (equal when nothing applies), or why it was left alone."""

    path: str
    old: str = ""
    new: str = ""
    encoding: str = "utf-8"
    applied: int = 0
    dropped: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return not self.errors and self.new != self.old


def plan(path: str, messages: Sequence[Message], config: Any) -> FileFix:
    """The fix of one file: re-analyse its current text, match pylint's messages, apply their edits."""
    errors = [f"{path}:{m.line}: {m.symbol}: {m.msg}" for m in messages if m.symbol in INPUT_ERRORS]
    if errors:
        return FileFix(path, errors=errors)
    try:
        source: SourceText = read_source(path)
        module = build_module(source.text, messages[0].abspath, messages[0].module)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError) as error:
        return FileFix(path, errors=[f"{path}: cannot read: {error}"])
    findings = findings_by_key(module, config)
    keys = [(m.symbol, m.line, m.column, m.end_line, m.end_column) for m in messages if is_ours(m)]
    edits = [findings[key].edit for key in keys if key in findings and findings[key].edit is not None]
    fix = FileFix(path, source.text, source.text, source.encoding)
    if not edits:
        return fix
    try:
        result: Result = apply_edits(source.text, edits)
        ast.parse(result.text, filename=path)
    except (SyntaxError, ValueError) as error:
        fix.errors.append(f"{path}: the fixed text would not parse ({error}); left unchanged")
        return fix
    fix.new, fix.applied, fix.dropped = result.text, len(result.applied), len(result.dropped)
    return fix


def plan_all(paths: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[FileFix]:
    files = python_files(paths)
    if not files:
        return []
    messages, config = lint(files, select, ignore)
    by_file: dict[str, list[Message]] = {}
    for message in messages:
        if message.abspath:
            by_file.setdefault(os.path.abspath(message.abspath), []).append(message)
    fixes = []
    for path in files:
        file_messages = by_file.get(os.path.abspath(path), [])
        fixes.append(plan(path, file_messages, config) if file_messages else FileFix(path))
    return fixes


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
