"""The `pylint-glorot` command: `fix`, `explain`, `lsp` (and `verify`, see runtime/cli.py).

`fix [--diff] [--select ...] [--ignore ...] PATH...` exit codes: 0 nothing to fix; 1 fixes
applied (with --diff: proposed); 2 a usage error, or an input that cannot be read, parsed or
written (the other files are still fixed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pylint_glorot import __version__
from pylint_glorot.fix import UsageError, WriteError, plan_all, symbols_from, unified_diff, write_atomically

NOTHING, FIXED, ERROR = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """The command line: `pylint-glorot fix ...`."""
    top = argparse.ArgumentParser(prog="pylint-glorot", description="Tools around the pylint-glorot plugin.")
    top.add_argument("--version", action="version", version=f"pylint-glorot {__version__}")
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("verify", add_help=False,
                        help="build the model and prove or refute each finding (docs/runtime.md)")
    fix = commands.add_parser(
        "fix",
        help="apply the replacement of every finding pylint reports",
        description="Apply the replacement of every finding pylint reports with the plugin, honouring the "
                    "project's pylint configuration (glorot- options, disabled messages) and "
                    "`# pylint: disable=` comments.",
    )
    fix.add_argument("paths", nargs="+", metavar="PATH", help="files, and folders searched for *.py and *.ipynb")
    fix.add_argument("--diff", action="store_true", help="print a unified diff and write nothing")
    fix.add_argument("--select", action="append", default=[], metavar="MESSAGES",
                     help="fix only these messages (symbols or ids, comma-separated; repeatable)")
    fix.add_argument("--ignore", action="append", default=[], metavar="MESSAGES",
                     help="do not fix these messages (symbols or ids, comma-separated; repeatable)")
    explain = commands.add_parser("explain", help="print a message's documentation page (offline)",
                                  description="Print the documentation page of a message, by symbol or id.")
    explain.add_argument("message", metavar="SYMBOL|ID", help="e.g. initializer-activation-mismatch or W7701")
    commands.add_parser("lsp", help="run the language server on stdio (needs pylint-glorot[lsp])",
                        description="A language server (stdio) with the plugin's diagnostics, quick fixes and "
                                    "a fix-all source action; see docs/integrations.md.")
    return top


def run_explain(message: str) -> int:
    """Print the page of `message` (a symbol or an id); 2 when it is unknown or the page is missing."""
    from pylint_glorot.pages import docs_url, page

    try:
        (symbol,) = symbols_from([message])
    except (UsageError, ValueError) as error:
        print(f"pylint-glorot: error: {error}", file=sys.stderr)
        return ERROR
    text = page(symbol)
    if text is None:
        print(f"pylint-glorot: error: the page of {symbol} is not installed; see {docs_url(symbol)}", file=sys.stderr)
        return ERROR
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return NOTHING


def run_lsp() -> int:
    """Serve the language server on stdio; 2 when pygls is not installed."""
    try:
        from pylint_glorot.lsp.server import main as serve
    except ImportError as error:
        print(f"pylint-glorot: error: the language server needs pygls ({error}); "
              'pip install "pylint-glorot[lsp]" (from a checkout: pip install ".[lsp]")', file=sys.stderr)
        return ERROR
    return serve()


def run_fix(paths: Sequence[str], diff: bool, select: Sequence[str], ignore: Sequence[str]) -> int:
    """Fix (or, with `diff`, show the fixes of) `paths`; returns the exit code."""
    try:
        fixes = plan_all(paths, symbols_from(select), symbols_from(ignore))
    except UsageError as error:
        print(f"pylint-glorot: error: {error}", file=sys.stderr)
        return ERROR
    status = NOTHING
    for fix in fixes:
        for message in fix.errors + fix.warnings:
            print(message, file=sys.stderr)
        if fix.errors:
            status = ERROR
            continue
        if not fix.changed:
            continue
        if diff:
            sys.stdout.write(unified_diff(fix))
        else:
            try:
                write_atomically(fix.path, fix.new, fix.encoding, expected=fix.old)
            except WriteError as error:
                print(error, file=sys.stderr)
                status = ERROR
                continue
            except OSError as error:
                print(f"{fix.path}: cannot write: {error.strerror or error}", file=sys.stderr)
                status = ERROR
                continue
            passes = f" in {fix.passes} passes" if fix.passes > 1 else ""
            print(f"fixed {fix.path}: {fix.applied} replacement{'s' if fix.applied != 1 else ''}{passes}",
                  file=sys.stderr)
        status = max(status, FIXED)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """The console script `pylint-glorot`; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["verify"]:
        from pylint_glorot.runtime.cli import main as verify  # imports no TensorFlow

        return verify(argv[1:])
    arguments = parser().parse_args(argv)
    if arguments.command == "fix":
        return run_fix(arguments.paths, arguments.diff, arguments.select, arguments.ignore)
    if arguments.command == "explain":
        return run_explain(arguments.message)
    if arguments.command == "lsp":
        return run_lsp()
    return ERROR  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
