"""Layer lists repeated with `*`: the same layer objects, called again on each pass.

    keras.Sequential([keras.Input((64,))] + [a, b] * 3)     # a b a b a b: two kernels, six calls
    for layer in [a, b] * 3:
        x = layer(x)

Keras 3.15 builds such a Sequential: its `layers` lists the two layers three times over, the model
has two kernels (one per layer object), and a call runs a, b, a, b, a, b. So a repeated list is its
layers one pass after another, each later pass a copy of the first pass's steps (`unroll.copy_step`:
a fresh graph node, a site with `pass_of` naming the first pass's, so its call gets one message and one
fix) reading what the pass before wrote: the chain, each pass's shapes and the figures follow that order.
A one-layer list (`[Dense(64)] * 4`) is read the same way: one kernel, four calls, each reading what the
call before wrote.

Keras 2 (tf.keras up to TF 2.15, tf_keras) agrees where the Sequential declares its input (`keras.Input`, a
first layer's `input_shape=`): it calls each layer as it is added. Without one it builds the model from its
`layers`, each layer object once: `Sequential([a, b] * 3)` is a then b, and `Sequential([Conv2D(16, 3)] * 15)`
one convolution (measured with tf_keras 2.21). Which Keras runs a file is not in the file, so there only
the first pass, the calls both make, is read.

Keras builds a layer for the first tensor it reads and rejects a later call whose channels differ
(`[Dense(32), Dense(16)] * 3` on 64 features: the second pass hands `a` 16): where the source fixes both,
the list is a barrier, never a chain the model cannot run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from astroid import nodes

from pylint_glorot import graph as G
from pylint_glorot.resolve import dereference, literal

MAX_CALLS = 64  # layer calls a repeated list of several layers may make; a longer one is not read


@dataclass(eq=False)
class Repeated:
    """A list of several layers, repeated: its elements (as `_sequence_elements` reads them), `count` passes."""

    elements: list
    count: int


def repeated_list(node: nodes.BinOp, elements_of: Any) -> list | None:
    """`[a, b] * 3` / `3 * (a, b)`: [(Repeated([(a, 1), (b, 1)], 3), 1)], also `[a] * 3`; None when the count or
    the list is not literal, or the list makes more than MAX_CALLS calls (model.py then counts a one-layer list's
    calls as `repeat`)."""
    for listed, times in ((node.left, node.right), (node.right, node.left)):
        count = literal(times)
        if not isinstance(count, int) or isinstance(count, bool):
            continue
        listed = dereference(listed)
        if not isinstance(listed, (nodes.List, nodes.Tuple, nodes.ListComp)):
            continue
        if count < 1:
            return None
        elements = elements_of(listed)
        if not elements or sum(max(made, 1) for _, made in elements) * count > MAX_CALLS:
            return None
        return elements if count == 1 else [(Repeated(elements, count), 1)]
    return None


def passes(before: list[Any], first: list[Any], count: int, sites: dict[int, Any], shared: bool = True) -> list[Any]:
    """The steps of `count` passes of a repeated list whose first pass is `first`, after the steps
    `before` it in its Sequential; [BARRIER] where Keras would reject a later pass (a layer handed other
    channels). `shared`: the passes call the same layer objects (`*`), not new instances (a comprehension
    of blocks): where no input shape is declared before them, the first pass only (see the module's doc)."""
    from pylint_glorot import model, unroll

    if shared and not _declares_input(before + first[:1]):
        return list(first)
    found = list(first)
    for _ in range(1, count):
        found.extend(unroll.copy_step(step, sites) for step in first)
    G.chain([_node(step) for step in before + found])
    copies = found[len(first):]
    if _rejected(first, copies):
        for step in copies:
            if step.site is not None:
                sites.pop(id(step.site), None)
        return [model.BARRIER]
    return found


def _declares_input(steps: list[Any]) -> bool:
    """Whether the steps start from a declared input: a `keras.Input(...)`, a first layer's literal `input_shape=`."""
    return any(step.kind == "input" or (step.node is not None and step.node.declared_shape is not None)
               for step in steps)


def _rejected(first: list[Any], copies: list[Any]) -> bool:
    """Whether a layer's second call reads other channels than its first (both known): Keras raises."""
    for original, again in zip(first, copies):
        if original.site is None or original.node is None or again.node is None:
            continue
        read, reread = _channels(original.site, original.node), _channels(original.site, again.node)
        if read is not None and reread is not None and read != reread:
            return True
    return False


def _channels(site: Any, node: G.Node) -> int | None:
    shape = node.input_shape()
    if not shape:
        return None
    first = site.config.get("data_format") == "channels_first" and site.spec.kind != "dense"
    channels = shape[0] if first and not isinstance(shape, G.Trailing) else shape[-1]
    return channels if isinstance(channels, int) else None


def _node(step: Any) -> G.Node:
    return step.node if step.node is not None else G.Node(G.BARRIER)


def applications(elements: list) -> list[tuple[Any, int, int | None]] | None:
    """A layer list's calls in order, each with how many layers it builds and, for a later pass of a
    repeated list, the index of the call it repeats: `[a, b] * 2` -> [(a, 1, None), (b, 1, None),
    (a, 1, 0), (b, 1, 1)]. None when an element is not a layer call."""
    found: list[tuple[Any, int, int | None]] = []
    for element, count in elements:
        if isinstance(element, Repeated):
            inner = applications(element.elements)
            if inner is None or any(again is not None for _, _, again in inner):
                return None
            start = len(found)
            found.extend(inner)
            for passed in range(1, element.count):
                found.extend((node, made, start + index) for index, (node, made, _) in enumerate(inner))
        elif isinstance(element, nodes.Call):
            found.append((element, count, None))
        else:
            return None
    return found
