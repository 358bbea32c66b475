"""What follows and what feeds each weighted layer, read from the network graph (`graph.py`).

A layer's *next* weighted layer is the one its output reaches through activations, normalizations
and passthroughs (Dropout, Flatten, pooling, ...), one reader after another: a tensor read by
more than one node is a branch, and a merge, a barrier or a model input ends the path, so a
residual branch's layers never link across the `Add` (a statement that reads the tensor as no
step does, `p4 = p4 * gate`, is a barrier node reading it: model._add_opaque_readers). A counted loop's body runs again on what
its last node writes (`Node.next_pass`), so its last layer is followed by its first. A layer's
*input channels* are its input shape's last dimension where the graph infers it, else the
channels the weighted layer (or model input) before it writes, where no Flatten, Reshape,
Permute or RepeatVector lies between. The *activation a kernel feeds* (where the layer has none of its
own) is the first activation node its output reaches through normalizations and passthroughs, read the
same way (`following_activation`). Pure: graph nodes in, LayerSites (opaque) out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pylint_glorot import graph as G

Links = dict[int, tuple[Any, bool]]  # id(site) -> (the next weighted layer's site, a normalization between)


def readers(graphs: Iterable[G.Graph]) -> dict[int, list[G.Node]]:
    """id(node) -> the nodes that read its output, over every graph and the nodes their inputs reach.
    A counted loop's summary node (G.REPEAT) is no reader of its own: its body's first node reads the entry,
    and what reads the loop's result reads its body's last node (after the last pass; the passes before
    feed the body's first node, `Node.next_pass`, and count as the layers' `repeat`)."""
    found: dict[int, list[G.Node]] = {}
    seen: set[int] = set()
    repeats: list[G.Node] = []
    pending = [node for graph in graphs for node in graph.nodes]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for read in node.inputs:
            if node.kind != G.REPEAT:
                listed = found.setdefault(id(read), [])
                if not any(other is node for other in listed):
                    listed.append(node)
            pending.append(read)
        pending.extend(node.config.get("body", ()) if node.kind == G.REPEAT else ())
        if node.kind == G.REPEAT and node.config.get("body"):
            repeats.append(node)
    for node in repeats:  # the code after a loop reads what its body's last node wrote on the last pass
        exit_readers = found.get(id(node), [])
        if exit_readers:
            found.setdefault(id(node.config["body"][-1]), []).extend(exit_readers)
    return found


def next_weighted(node: G.Node, read_by: dict[int, list[G.Node]]) -> tuple[Any, bool]:
    """(the site of the next weighted layer after `node`, whether a normalization lies between);
    (None, False) where a branch, a merge, a barrier or the end of the graph comes first."""
    found, normalized = _reach(node, read_by, G.LAYER, (G.ACTIVATION, G.PASS), across_passes=True)
    return (found.site, normalized) if found is not None and found.site is not None else (None, False)


def _reach(node: G.Node, read_by: dict[int, list[G.Node]], target: str, through: tuple[str, ...], *,
           across_passes: bool) -> tuple[G.Node | None, bool]:
    """(the first node of kind `target` that `node`'s output reaches, one reader after another, through
    normalizations and the kinds in `through`; whether a normalization lies between); (None, False) where a
    branch, another kind or the end of the graph comes first. At a counted loop body's last node
    (`Node.next_pass`) the walk goes on to the body's first where nothing else reads it (`across_passes`: a
    loop of one layer comes back to itself, the layer follows itself), else it ends there."""
    normalized = False
    seen: set[int] = set()
    current = node
    while True:
        after = read_by.get(id(current), [])
        if current.next_pass is not None:
            if not across_passes:
                return None, False
            after = after or [current.next_pass]
        if len(after) != 1 or id(after[0]) in seen:
            return None, False
        current = after[0]
        seen.add(id(current))
        if current.kind == target:
            return current, normalized
        if current.kind == G.NORM:
            normalized = True
        elif current.kind not in through:
            return None, False


def feeding_channels(node: G.Node) -> int | None:
    """The channels of the tensor `node` reads where its shape is not inferred: what the weighted layer or
    model input before it writes (through shape-keeping nodes), else a first layer's declared shape."""
    if not node.inputs:
        return _last(node.declared_shape)
    return _channels_written(node.inputs[0], lambda current: current.inputs[0] if current.inputs else None)


def pass_channels(body: tuple[G.Node, ...] | list[G.Node], index: int) -> int | None:
    """The channels `body[index]` reads on a pass after a counted loop's first: what the body's nodes before
    it in the cycle write (its first node reads what the last wrote on the pass before)."""
    body = list(body)

    def before(current: G.Node) -> G.Node | None:
        if current is body[0]:
            return body[-1]
        return current.inputs[0] if current.inputs else None

    return _channels_written(body[index - 1] if index > 0 else body[-1], before, len(body))


def _channels_written(current: G.Node | None, before: Callable[[G.Node], G.Node | None],
                      limit: int = 10_000) -> int | None:
    """The channels `current` writes: a weighted layer's units, a model input's last dimension, what the
    node before it writes through a shape-keeping node; None through a merge, a barrier or a channel-losing pass."""
    for _hop in range(limit):
        if current is None:
            return None
        if current.kind == G.LAYER:
            return current.site.out_channels if current.site is not None else None
        if current.kind == G.INPUT:
            return _last(current.declared_shape)
        if current.kind in (G.MERGE, G.BARRIER, G.REPEAT) or current.layer in G.CHANNEL_LOSING:
            return None
        current = before(current)
    return None


def _last(shape: tuple | None) -> int | None:
    return shape[-1] if shape and isinstance(shape[-1], int) else None


def links(placed: Iterable[tuple[Any, G.Node]], graphs: Iterable[G.Graph]) -> Links:
    """Each (site, the graph node it is placed at)'s next weighted layer, where one follows."""
    read_by = readers(graphs)
    found: Links = {}
    for site, node in placed:
        nxt, normalized = next_weighted(node, read_by)
        if nxt is not None:
            found[id(site)] = (nxt, normalized)
    return found


def following_activation(node: G.Node, read_by: dict[int, list[G.Node]]) -> tuple[Any, bool]:
    """(the ActivationSpec of the activation `node`'s output reaches through normalizations and passthroughs,
    whether a normalization lies between); (None, False) where a weighted layer, a branch, a merge, a barrier,
    an unreadable activation or the end of the graph comes first, and at a counted loop body's last node
    (`Node.next_pass`): its passes but the last feed the body's first node, the last what reads the loop, so
    no one activation follows there (the readers `readers` gives it are the last pass's only)."""
    found, normalized = _reach(node, read_by, G.ACTIVATION, (G.PASS,), across_passes=False)
    return (found.activation, normalized) if found is not None and found.activation is not None else (None, False)
