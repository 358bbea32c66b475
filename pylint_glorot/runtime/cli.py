"""`pylint-glorot verify FILE.py[:FACTORY] [options]`: the runtime checker's command line.

Runs the static checker on FILE, then loads FILE in a child process (this executes the
user's code), builds the model, measures it with the current and with the suggested
initializers, and judges every finding. Exit codes: 0 no finding confirmed; 1 at least one
finding confirmed or runtime-only; 2 an error (one line on stderr; the traceback with --debug).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import IO, NoReturn

from pylint_glorot.runtime import backends, plot, report
from pylint_glorot.runtime.runner import Failure, run_child
from pylint_glorot.runtime.static import StaticError, static_pass
from pylint_glorot.runtime.verdicts import COUNTED, judge, layer_rows, request_parts

NONE_CONFIRMED, CONFIRMED_EXIT, ERROR = 0, 1, 2
PROG = "pylint-glorot verify"
_FACTORY = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error of verify."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {PROG} --help)")


def parser() -> argparse.ArgumentParser:
    parse = _Parser(
        prog=PROG,
        description="Build the model a file defines and prove or refute each pylint-glorot finding on it by "
                    "measuring signal propagation. This EXECUTES the file (in a child process). "
                    "Exit 0: nothing confirmed; 1: a finding confirmed or found at runtime only; 2: error.",
    )
    parse.add_argument("target", metavar="FILE.py[:FACTORY]",
                       help="the file, and optionally a zero-argument function in it returning a Keras Model or "
                            "Layer; without FACTORY the module-level Model objects are measured")
    parse.add_argument("--input-shape", type=_shape, metavar="D1,D2,...",
                       help="the input shape without the batch size (default: the model's own)")
    parse.add_argument("--batch", type=_positive, default=32, metavar="N", help="batch size of the random input (32)")
    parse.add_argument("--seed", type=_non_negative, default=0, metavar="S",
                       help="seeds the weights (keras.utils.set_random_seed), the N(0,1) input, the random "
                            "readout of the loss and the replacement draws (0)")
    parse.add_argument("--device", choices=("auto", "cpu", "gpu"), default="auto",
                       help="auto: a GPU when the backend sees one, else the CPU")
    parse.add_argument("--backend", metavar="NAME",
                       help="the Keras backend to measure on: tensorflow, jax or torch (default: $KERAS_BACKEND, "
                            "else tensorflow); never replaced by another")
    parse.add_argument("--draws", type=_positive, metavar="N",
                       help="independent draws (weights, input, readout) pooled per verdict (default: 5 for models "
                            "up to 3M kernel weights, else 1)")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    parse.add_argument("--plot", type=Path, metavar="OUT.png",
                       help="write two panels against depth: the forward second moment and the kernel-gradient "
                            "variance, current vs suggested initializers")
    parse.add_argument("--timeout", type=_positive_float, default=600.0, metavar="SECONDS",
                       help="give up on the model process after this long (600)")
    parse.add_argument("--debug", action="store_true", help="show tracebacks and the model process's output")
    return parse


def _shape(text: str) -> list[int]:
    try:
        dims = [int(part) for part in text.replace("(", "").replace(")", "").split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of integers like 28,28,1") from None
    if not dims or any(d <= 0 for d in dims):
        raise argparse.ArgumentTypeError(f"{text!r}: give positive integers like 28,28,1")
    return dims


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def split_target(target: str) -> tuple[Path, str | None]:
    """FILE.py[:FACTORY]; a colon that is part of the path (C:\\...) stays in the path."""
    head, sep, tail = target.rpartition(":")
    if sep and head and not Path(target).exists() and (_FACTORY.fullmatch(tail) or (not tail and Path(head).exists())):
        return Path(head), tail
    return Path(target), None


class Progress:
    """One self-rewriting status line on stderr, only when stderr is a terminal."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.shown = False

    def __call__(self, stage: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\033[K{PROG}: {stage}...")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _fail(progress: Progress, message: str, debug: bool = False, details: str = "") -> int:
    progress.clear()
    if debug and details:
        sys.stderr.write(details.rstrip() + "\n")
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return ERROR


def main(argv: list[str] | None = None) -> int:
    progress = Progress(sys.stderr)
    try:
        arguments = parser().parse_args(argv)
    except UsageError as error:
        return _fail(progress, str(error))
    path, factory = split_target(arguments.target)
    if factory == "":
        return _fail(progress, f"{arguments.target}: no factory after ':'; give {path} or {path}:FACTORY")
    if path.is_dir():
        files = sorted(p.name for p in path.glob("*.py"))[:5]
        shown = f" (it holds {', '.join(files)})" if files else ""
        return _fail(progress, f"{path} is a folder{shown}; give one Python file: FILE.py or FILE.py:FACTORY")
    if not path.is_file():
        return _fail(progress, f"{path}: no such file; give FILE.py or FILE.py:FACTORY")
    backend = backends.requested(arguments.backend)
    refused = backends.refusal(backend)
    if refused:
        return _fail(progress, refused)
    if arguments.plot is not None and not plot.available():
        return _fail(progress, 'matplotlib is not installed, needed by --plot; pip install "pylint-glorot[runtime]"')
    progress("reading the findings")
    try:
        view = static_pass(path)
    except StaticError as error:
        return _fail(progress, f"{error}; fix the file first")
    if factory is not None and not view.defines(factory):
        defined = [name for name in view.functions if not name.startswith("_")]
        return _fail(progress, f"{path} defines no {factory!r} at module level; name one of: {', '.join(defined)}"
                     if defined else f"{path} defines no {factory!r} at module level; define a function that returns "
                     "the model")
    request = {
        "file": str(path.resolve()), "factory": factory, "input_shape": arguments.input_shape,
        "batch": arguments.batch, "seed": arguments.seed, "device": arguments.device, "backend": backend,
        "draws_wanted": arguments.draws, **request_parts(view),
    }
    try:
        run = run_child(request, arguments.timeout, progress, arguments.debug)
    except Failure as failure:
        details = "\n".join(part for part in (failure.log, failure.traceback) if part)
        return _fail(progress, failure.line().replace(request["file"], str(path)), arguments.debug, details)
    progress.clear()
    rows = layer_rows(run, view)
    verdicts, hidden = judge(view, run, rows)
    shown = f"{path}:{factory}" if factory else str(path)
    written = None
    if arguments.plot is not None:
        try:
            plot.write(arguments.plot, rows, [m["name"] for m in run["models"]], verdicts,
                       f"{shown} ({run['backend']}, {run['device']})")
        except OSError as error:
            return _fail(progress, f"cannot write {arguments.plot}: {error}")
        written = str(arguments.plot.resolve())
    if arguments.format == "json":
        sys.stdout.write(report.as_json(shown, run, rows, verdicts, arguments.seed, arguments.batch, hidden, written))
    else:
        sys.stdout.write(report.text(shown, run, rows, verdicts, arguments.seed, hidden, written))
    return CONFIRMED_EXIT if any(v.verdict in COUNTED for v in verdicts) else NONE_CONFIRMED


if __name__ == "__main__":
    sys.exit(main())
