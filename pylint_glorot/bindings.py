"""The arguments of the helper calls being expanded: a function parameter -> what one call passes.

While `helpers.py` expands a call of the module's own function (`x = conv(x, 64)`), each of
the function's parameters stands for the node that call passes (or the parameter's default),
so `literal(f)` inside the function reads that call's 64. Outside an expansion a parameter
falls back to the module-wide rule in `resolve.parameter_value` (every call site agrees).
Pure astroid data; a context variable, so concurrent lints (the language server) do not mix.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_FRAMES: ContextVar[dict[int, Any]] = ContextVar("glorot_call_bindings", default={})


def bound_argument(param: Any) -> Any:
    """The node the call being expanded passes for `param` (an `AssignName` of `Arguments`), or None."""
    frames = _FRAMES.get()
    return frames.get(id(param)) if frames else None


@contextmanager
def binding(arguments: dict[int, Any]) -> Iterator[None]:
    """Resolve the parameters in `arguments` (id(AssignName) -> node) to those nodes inside the block."""
    token = _FRAMES.set({**_FRAMES.get(), **arguments})
    try:
        yield
    finally:
        _FRAMES.reset(token)
