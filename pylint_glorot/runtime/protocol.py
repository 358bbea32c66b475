"""What the parent and the child process say to each other, and what both need to agree on.

The parent writes one JSON request on the child's stdin; the child writes JSON lines on its
(private) stdout: `progress` events, then one `result` or one `error`. No TensorFlow here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

# An environment switch for tests and for users checking their error path: the child behaves
# as if TensorFlow and Keras were not installed (a meta-path blocker refuses their imports).
HIDE_TENSORFLOW_ENV = "PYLINT_GLOROT_RUNTIME_HIDE_TF"

# The loss whose gradients are measured; also printed in reports.
LOSS = "sum(r * output), r a fixed seeded N(0, 1) tensor (a random readout)"

# Error kinds the child reports; the parent adds its own (file-not-found, timeout, ...).
TENSORFLOW_MISSING = "tensorflow-missing"
LOAD_FAILED = "load-failed"
FACTORY_NOT_FOUND = "factory-not-found"
FACTORY_RAISED = "factory-raised"
NOT_A_MODEL = "not-a-model"
NO_MODEL = "no-model"
MODEL_FAILED = "model-failed"
DEVICE_UNAVAILABLE = "device-unavailable"
BACKEND_UNAVAILABLE = "backend-unavailable"
INTERNAL = "internal"


@dataclass
class ChildError(Exception):
    """A failure the user can act on: what happened, and what to do."""

    kind: str
    message: str
    hint: str = ""
    traceback: str = ""

    def line(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


def send(stream: IO[str], event: str, **payload: Any) -> None:
    stream.write(json.dumps({"event": event, **payload}, default=_plain) + "\n")
    stream.flush()


def _plain(value: Any) -> Any:
    """numpy scalars and tuples that reach the protocol become plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def innermost(line: int | None, ranges: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """The narrowest (first, last) line range holding `line`: a layer call inside another call
    (a wrapper, a list) belongs to the inner one."""
    if line is None:
        return None
    holding = [r for r in ranges if r[0] <= line <= r[1]]
    return min(holding, key=lambda r: (r[1] - r[0], -r[0])) if holding else None
