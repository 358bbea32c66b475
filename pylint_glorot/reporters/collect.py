"""Run pylint in-process with the plugin and collect its messages: what `pylint-glorot fix` lints with.

Only our messages (and pylint's own messages for input it cannot read) are enabled, by
disabling every other message rather than with `--disable=all`, so that the project's
configuration can still turn ours off; `select` turns the given ones on regardless.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import astroid
from pylint.lint import PyLinter, Run
from pylint.message import Message
from pylint.reporters import BaseReporter

from pylint_glorot.reporters.recover import OUR_SYMBOLS

# pylint's own messages for input it cannot lint: kept enabled so that such a file is reported.
INPUT_ERRORS = ("syntax-error", "fatal", "astroid-error", "parse-error")


class LintError(Exception):
    """pylint refused the configuration or the arguments."""


class Collector(BaseReporter):
    """Keeps pylint's messages; prints nothing."""

    name = "glorot-collect"

    def _display(self, layout: Any) -> None:
        """Nothing to display."""


@functools.cache
def _other_messages() -> tuple[str, ...]:
    linter = PyLinter()
    linter.load_default_plugins()
    linter.load_plugin_modules(["pylint_glorot"])
    ours = set(OUR_SYMBOLS.values())
    return tuple(sorted(
        definition.msgid for definition in linter.msgs_store.messages
        if definition.symbol not in ours and definition.symbol not in INPUT_ERRORS
    ))


def arguments(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[str]:
    """pylint's arguments: the plugin, only the selected messages of ours, nothing printed or kept."""
    ours = set(OUR_SYMBOLS.values())
    unwanted = set(ignore) | (ours - set(select) if select else set())
    args = [
        "--load-plugins=pylint_glorot",
        "--disable=" + ",".join([*_other_messages(), *sorted(unwanted)]),
        "--reports=n", "--score=n", "--persistent=n", "--jobs=1",
    ]
    if select:
        args.append("--enable=" + ",".join(sorted(set(select) - unwanted)))
    return args


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def collect(args: Sequence[str], files: Sequence[str], text: str | None = None) -> tuple[list[Message], Any]:
    """Lint `files` (or, with `text`, that buffer as the one file given) and return the messages and
    the configuration pylint used (the project's, found from the working directory)."""
    collector = Collector()
    command = [*args, "--from-stdin", "--", *files] if text is not None else [*args, "--", *files]
    try:
        with _stdin(text) if text is not None else contextlib.nullcontext():
            run = Run(command, reporter=collector, exit=False)
    except SystemExit as stop:
        raise LintError(f"pylint stopped with exit code {stop.code}") from stop
    finally:
        forget(files)
    return collector.messages, run.linter.config


def forget(files: Sequence[str]) -> None:
    """Drop the linted files' modules from astroid's cache, and nothing else.

    astroid keeps the first module built for a name, so a cached module would hide the next
    version of the file (fixed on disk, or the next buffer) from a later run in this process.
    Clearing the whole cache (--clear-cache-post-run) would do too, at five times the cost of a
    run, since everything else (builtins, typeshed) would be rebuilt every time.
    """
    paths = {os.path.realpath(path) for path in files}
    cache = astroid.MANAGER.astroid_cache
    for name, module in list(cache.items()):
        if module.file and os.path.realpath(module.file) in paths:
            del cache[name]
