"""The runtime proof of W7710 reused-initializer: built kernels compared value by value.

A shared integer-seeded (or unseeded) initializer gives kernels that are bit-identical when
their shapes match, and otherwise a shared prefix of one random stream: the smaller kernel's
values, flattened in C order, are the first values of the larger one, scaled by the ratio of
the two initializers' scales (fans differ). After the fix (a fresh instance per layer, a
`SeedGenerator` seed, distinct seeds) no two kernels are related that way.

Pure: numpy arrays in, a verdict out. Layers or variables are accepted and read with
`.numpy()`; nothing here imports TensorFlow or Keras. numpy is imported where arrays are read,
so that `verify`'s parent process can judge the child's pairs (`related_groups`) without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

IDENTICAL = "identical"
ONE_STREAM = "one-stream"  # the smaller kernel is a (scaled) prefix of the larger one
INDEPENDENT = "independent"

# Independent draws of n values correlate at about 1/sqrt(n); a stream prefix correlates at 1
# up to float rounding. Anything this close to 1 over at least _MIN_VALUES values is one stream.
_STREAM_CORRELATION = 1 - 1e-6
_MIN_VALUES = 16


@dataclass(frozen=True)
class Pair:
    """Two kernels (by index) and how they relate."""

    first: int
    second: int
    relation: str
    correlation: float | None  # over the shared prefix; None when it cannot be computed


@dataclass(frozen=True)
class Comparison:
    """All pairs of a set of kernels; `relation` is the weakest link (identical < one-stream < independent)."""

    pairs: tuple[Pair, ...]

    @property
    def relation(self) -> str:
        relations = {pair.relation for pair in self.pairs}
        for relation in (INDEPENDENT, ONE_STREAM, IDENTICAL):
            if relation in relations:
                return relation
        return INDEPENDENT

    @property
    def related(self) -> bool:
        """Every pair identical or one stream: what W7710 predicts before the fix."""
        return bool(self.pairs) and all(pair.relation != INDEPENDENT for pair in self.pairs)

    @property
    def any_related(self) -> bool:
        return any(pair.relation != INDEPENDENT for pair in self.pairs)


@dataclass(frozen=True)
class ReuseVerdict:
    """`confirmed`: related before, all independent after; `not-confirmed` with the numbers; `not-measurable`."""

    verdict: str
    before: Comparison
    after: Comparison | None
    reason: str


def kernel_values(kernel: Any) -> Any:
    """The values of a kernel given as an array, a variable (`.numpy()`), or a built layer (`.kernel`)."""
    import numpy as np

    if hasattr(kernel, "kernel") and not hasattr(kernel, "numpy"):
        kernel = kernel.kernel
    if hasattr(kernel, "numpy"):
        kernel = kernel.numpy()
    return np.asarray(kernel, dtype=np.float64)


def relation(a: Any, b: Any) -> tuple[str, float | None]:
    """How two kernels relate: identical, one stream (a scaled shared prefix), or independent."""
    import numpy as np

    x, y = kernel_values(a), kernel_values(b)
    if x.shape == y.shape and np.array_equal(x, y):
        return IDENTICAL, 1.0
    n = min(x.size, y.size)
    if n < _MIN_VALUES:
        return INDEPENDENT, None
    p, q = x.ravel()[:n], y.ravel()[:n]
    if np.std(p) == 0 or np.std(q) == 0:
        return INDEPENDENT, None
    correlation = float(np.corrcoef(p, q)[0, 1])
    return (ONE_STREAM if correlation >= _STREAM_CORRELATION else INDEPENDENT), correlation


def compare(kernels: Sequence[Any]) -> Comparison:
    """Every pair of `kernels` (arrays, variables or built layers)."""
    values = [kernel_values(kernel) for kernel in kernels]
    pairs = []
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            found, correlation = relation(values[i], values[j])
            pairs.append(Pair(i, j, found, correlation))
    return Comparison(tuple(pairs))


def verdict(before: Sequence[Any], after: Sequence[Any] | None) -> ReuseVerdict:
    """The finding's verdict from the kernels built as written and as fixed."""
    if len(before) < 2:
        return ReuseVerdict("not-measurable", compare(before), None, "fewer than two kernels were built")
    was = compare(before)
    if not was.related:
        weakest = min((p.correlation for p in was.pairs if p.correlation is not None), default=None)
        return ReuseVerdict("not-confirmed", was, None,
                            f"the kernels are independent as written (lowest correlation {weakest})")
    if after is None:
        return ReuseVerdict("confirmed", was, None, f"the kernels are {was.relation} as written; the fix was not built")
    now = compare(after)
    if now.any_related:
        return ReuseVerdict("not-confirmed", was, now, f"after the fix the kernels are still {now.relation}")
    return ReuseVerdict("confirmed", was, now, f"the kernels are {was.relation} as written and independent after the fix")


def related_groups(count: int, pairs: Sequence[Pair]) -> list[list[int]]:
    """The kernels (by index, 0..count-1) joined by identical or one-stream pairs, largest group first;
    a kernel related to none is a group of its own."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pair in pairs:
        if pair.relation != INDEPENDENT:
            parent[root(pair.first)] = root(pair.second)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def max_abs_correlation(pairs: Sequence[Pair]) -> float | None:
    """The largest |correlation| over the pairs where it could be computed."""
    values = [abs(pair.correlation) for pair in pairs if pair.correlation is not None]
    return max(values) if values else None
