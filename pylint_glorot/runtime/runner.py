"""Start the child process, pass on its progress, enforce the timeout, collect its result.

The child (child.py) imports TensorFlow and executes the user's file; this side never does.
Its stderr (TensorFlow's logs, the user's prints) goes to a temporary file, shown with --debug.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


TIMEOUT = "timeout"
CHILD_DIED = "child-died"


@dataclass
class Failure(Exception):
    kind: str
    message: str
    hint: str = ""
    traceback: str = ""
    log: str = ""

    def line(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


def child_environment(device: str, debug: bool, backend: str = "tensorflow") -> dict[str, str]:
    env = dict(os.environ)
    env["KERAS_BACKEND"] = backend  # what the user asked for (--backend or KERAS_BACKEND), never another
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "0" if debug else "2")
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = "-1"  # before the backend starts: it never touches the GPU
        if backend == "jax":
            env["JAX_PLATFORMS"] = "cpu"
    return env


def _pump(stream: Any, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _stop(process: subprocess.Popen[str]) -> None:
    """Kill the child and anything it started (it leads its own process group on POSIX)."""
    if process.poll() is not None:
        return
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()


def run_child(request: dict[str, Any], timeout: float, on_progress: Callable[[str], None],
              debug: bool = False) -> dict[str, Any]:
    """The child's result; raises Failure for its errors, a timeout, or a child that died."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "pylint_glorot.runtime.child"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8",
            env=child_environment(request["device"], debug, request.get("backend", "tensorflow")), start_new_session=hasattr(os, "setsid"),
        )
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
        assert process.stdin is not None
        process.stdin.write(json.dumps(request))
        process.stdin.close()
        deadline = time.monotonic() + timeout
        stage = "starting"
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise queue.Empty
                line = lines.get(timeout=remaining)
                if line is None:
                    break
                event = json.loads(line)
                if event["event"] == "progress":
                    stage = event["stage"]
                    on_progress(stage)
                elif event["event"] == "result":
                    process.wait()
                    return event
                elif event["event"] == "error":
                    process.wait()
                    raise Failure(event["kind"], event["message"], event.get("hint", ""),
                                  event.get("traceback", ""), _read(log))
        except queue.Empty:
            _stop(process)
            raise Failure(TIMEOUT, f"timed out after {timeout:g} s while {stage}",
                          "raise --timeout (--debug shows what the model process wrote)",
                          log=_read(log)) from None
        finally:
            _stop(process)
        code = process.wait()
        raise Failure(CHILD_DIED, f"the model process ended without a result (exit code {code})",
                      "pass --debug to see its output (out of memory? a crash in native code?)", log=_read(log))


def _read(log: Any) -> str:
    log.flush()
    log.seek(0)
    return log.read()
