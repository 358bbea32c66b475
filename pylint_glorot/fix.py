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
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import astroid
from pylint.message import Message

from pylint_glorot import notebook
from pylint_glorot.edits import Source, apply_edits, finding_edits, remove_unused_imports
from pylint_glorot.layout import lay_out, project_style
from pylint_glorot.reporters.collect import INPUT_ERRORS, LintError, arguments, collect
from pylint_glorot.reporters.recover import (
    OUR_SYMBOLS, SourceText, build_module, findings_by_key, is_ours, message_key, read_source,
)

MAX_PASSES = 10
_SKIPPED_DIRS = ("__pycache__", "node_modules", "site-packages")
PYTHON_SUFFIXES = (".py", ".pyi", ".pyw")
NOTEBOOK_SUFFIX = ".ipynb"


class UsageError(Exception):
    """A bad command line (exit 2)."""


class WriteError(Exception):
    """A file that must not or cannot be rewritten; the message is one line."""


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


def is_notebook(path: str) -> bool:
    return path.lower().endswith(NOTEBOOK_SUFFIX)


def _is_python(path: str) -> bool:
    """A Python source by its name, or a script without a suffix whose first line runs python."""
    if path.lower().endswith(PYTHON_SUFFIXES):
        return True
    if os.path.splitext(path)[1]:
        return False
    try:
        with open(path, "rb") as stream:
            first = stream.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python" in first


def python_files(paths: Sequence[str]) -> list[str]:
    """The files named, and the *.py / *.ipynb files under the folders named (hidden folders and venvs left out).

    A file named explicitly that is neither Python nor a notebook is a usage error.
    """
    found: dict[str, str] = {}
    for path in paths:
        if os.path.isdir(path):
            candidates: Iterable[str] = _walk(path)
        elif os.path.exists(path):
            if not (_is_python(path) or is_notebook(path)):
                raise UsageError(f"{path}: not a Python file or a notebook (.py, .ipynb)")
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
        yield from (os.path.join(root, name) for name in sorted(files) if name.endswith((".py", NOTEBOOK_SUFFIX)))


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
    edits = [edit for key in map(message_key, ours) if key in findings for edit in finding_edits(findings[key])]
    if not edits:
        return Step(source.text)
    try:
        edits = lay_out(source.text, edits, project_style(path, getattr(config, "max_line_length", None)))
        result = apply_edits(source.text, edits)
        text = remove_unused_imports(source.text, result.text)
        ast.parse(text, filename=path)
    except (SyntaxError, ValueError) as error:
        return Step(source.text, error=f"{path}: the fixed text would not parse ({error}); left unchanged")
    return Step(text, len(result.applied))


def plan_all(paths: Sequence[str], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[FileFix]:
    """Every file's fix, linting the files on disk once and each changed text again until it settles."""
    files = python_files(paths)
    if not files:
        return []
    args = arguments(select, ignore)
    sources = [path for path in files if not is_notebook(path)]
    by_file: dict[str, list[Message]] = {}
    config = None
    if sources:
        try:
            messages, config = collect(args, sources)
        except LintError as error:
            raise UsageError(str(error)) from error
        for message in messages:
            if message.abspath:
                by_file.setdefault(os.path.realpath(message.abspath), []).append(message)
    fixes = []
    for path in files:
        if is_notebook(path):
            fixes.append(fix_notebook(path, args))
            continue
        fix = _first_pass(path, by_file.get(os.path.realpath(path), []), config)
        if fix.changed:
            _settle(fix, args)
        fixes.append(fix)
    return fixes


def fix_buffer(path: str, text: str, args: list[str], encoding: str = "utf-8") -> FileFix:
    """The fix of an in-memory text linted as the file `path` (a notebook's code, an editor's buffer)."""
    fix = FileFix(path, text, text, encoding, passes=0)
    _settle(fix, args)
    return fix


def fix_notebook(path: str, args: list[str]) -> FileFix:
    """A notebook's fix: its code cells fixed as one module, the JSON text otherwise as it was."""
    try:
        with open(path, encoding="utf-8") as stream:
            raw = stream.read()
        parsed = notebook.parse(raw)
    except (OSError, UnicodeDecodeError, notebook.NotebookError) as error:
        return FileFix(path, errors=[f"{path}: {error}"])
    code = parsed.python_text()
    fixed = fix_buffer(path, code, args)
    result = FileFix(path, raw, raw, "utf-8", fixed.applied, fixed.passes, fixed.errors, fixed.warnings)
    if fixed.new != code and not fixed.errors:
        try:
            result.new = parsed.with_python_text(fixed.new) or raw
        except notebook.NotebookError as error:
            result.errors.append(f"{path}: {error}")
    return result


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
            (fix.errors if fix.passes == 0 else fix.warnings).append(f"{fix.path}: stopped after pass {fix.passes}: {error}")
            return
        step = fix_text(fix.path, SourceText(fix.new, fix.encoding), messages, config)
        if step.error:
            target = fix.errors if fix.passes == 0 else fix.warnings
            target.append(step.error if fix.passes == 0 else f"{fix.path}: stopped after pass {fix.passes}: {step.error}")
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


# --------------------------------------------------------------------------- writing


_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def check_writable(path: str, name: str | None = None) -> None:
    """WriteError unless the running user may write the file and it has a write bit.

    A file without any write bit is read-only on purpose, and stays so even for root (who may
    write anything), the way editors treat it: many CI containers run as root.
    """
    name = name or path
    try:
        info = os.stat(path)
    except OSError as error:
        raise WriteError(f"{name}: cannot write: {error.strerror}") from error
    if not info.st_mode & _WRITE_BITS:
        raise WriteError(f"{name}: read-only (no write permission bit); left unchanged")
    if not os.access(path, os.W_OK):
        raise WriteError(f"{name}: not writable by this user; left unchanged")


def write_atomically(path: str, text: str, encoding: str, expected: str | None = None) -> None:
    """Replace the file's content, keeping its mode, owner and group, after `check_writable`.

    In one step (a temporary file in the same folder, renamed over it) when the result is the
    same file for everyone: a crash leaves either the old or the new file. Where a rename could
    not keep the owner (the file belongs to someone else who lets us write it), or would break
    a hard link, or the folder is not writable, the file is rewritten in place instead, as an
    editor does. A symbolic link is followed: its target is written, the link stays.
    `expected`: the text the fix was computed from; WriteError if the file no longer has it.
    """
    target = os.path.realpath(path)
    check_writable(target, path)
    data = text.encode(encoding)
    if expected is not None:
        with open(target, "rb") as stream:
            if stream.read() != expected.encode(encoding):
                raise WriteError(f"{path}: changed since it was read; left unchanged")
    info = os.stat(target)
    if info.st_nlink > 1:
        _write_in_place(target, data)
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.",
                                             suffix=".glorot-tmp")
    except PermissionError:
        _write_in_place(target, data)
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        created = os.stat(temporary)
        if (created.st_uid, created.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(temporary, info.st_uid, info.st_gid)
            except PermissionError:
                os.unlink(temporary)
                _write_in_place(target, data)
                return
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _write_in_place(target: str, data: bytes) -> None:
    with open(target, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


# --------------------------------------------------------------------------- diffs


def _repository_root(path: str) -> str | None:
    folder = os.path.dirname(path)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def diff_path(path: str) -> str:
    """The name a diff header gives a file: relative to the working directory when the file is
    under it, else to its repository's root, with / separators (what `git apply` and `patch -p1` read)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.getcwd()) if os.path.splitdrive(absolute)[0] == os.path.splitdrive(
        os.getcwd())[0] else absolute
    if relative.startswith(os.pardir) or os.path.isabs(relative):
        root = _repository_root(absolute)
        if root is not None:
            relative = os.path.relpath(absolute, root)
    return relative.replace(os.sep, "/")


def unified_diff(fix: FileFix) -> str:
    """A unified diff of one file, with git's marker for a last line without a newline."""
    name = diff_path(fix.path)
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
