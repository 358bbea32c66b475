"""Runs of weighted layers that feed each other directly. Pure: used by the child (to find the
chains a runtime-only finding is about) and by verdicts (to judge a finding on its chain).

A run is a chain of consecutive members, each fed by the previous one directly (through
activation, dropout, pooling or reshaping layers; a normalization or a merge ends it, and so
does a branch: a layer feeding two members ends its run).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)


def runs(feeders: dict[Key, tuple[Key | None, bool]], members: set[Key]) -> dict[Key, list[Key]]:
    """For each member, the run it belongs to. `feeders[k]` = (the weighted layer feeding k, whether
    a normalization lies between); keys missing from `feeders` were never called."""
    successors: dict[Key, list[Key]] = {}
    for key in members:
        if key not in feeders:
            continue
        previous, normalized = feeders[key]
        if previous is not None and not normalized and previous in members:
            successors.setdefault(previous, []).append(key)
    found: dict[Key, list[Key]] = {}
    for key in sorted(members, key=repr):
        if key not in feeders or key in found:
            continue
        head, seen = key, {key}
        while True:
            previous, normalized = feeders[head]
            if previous is None or normalized or previous not in members or previous in seen \
                    or len(successors.get(previous, [])) != 1:
                break
            head = previous
            seen.add(head)
        run = [head]
        while len(successors.get(run[-1], [])) == 1 and successors[run[-1]][0] not in run:
            run.append(successors[run[-1]][0])
        for member in run:
            found.setdefault(member, run)
        found.setdefault(key, run)
    return found


def maximal(found: dict[Key, list[Key]]) -> list[list[Key]]:
    """The distinct runs, each once, in the order of their first member."""
    distinct: dict[tuple[Key, ...], list[Key]] = {}
    for run in found.values():
        distinct.setdefault(tuple(run), run)
    return list(distinct.values())
