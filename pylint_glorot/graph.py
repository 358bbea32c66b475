"""A model definition as a network: layers are nodes, the tensors between them edges.

Pure data (no astroid, no pylint, no TensorFlow): `model.py` builds it from the source, and
the shape of every tensor is inferred here with `network.shapes`. A node with several inputs
is a merge (Add, Concatenate, Multiply, ...); a node without any is where the signal enters
(an `Input(shape=...)`, a first layer's declared shape, a `build((None, n))`) or where the
source stops telling (a barrier: a call the checker cannot read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pylint_glorot.network import shapes

Shape = tuple  # without the batch dimension; each dimension an int or None

INPUT, LAYER, ACTIVATION, NORM, PASS, MERGE, BARRIER = "input", "layer", "activation", "norm", "pass", "merge", "barrier"
REPEAT = "repeat"  # a counted loop's body, run `count` times on its input: what the code after the loop reads


@dataclass(eq=False)  # identity: two equal Dense(64) calls are two nodes
class Node:
    """One layer (or model input) applied to its input tensors."""

    kind: str  # input | layer | activation | norm | pass | merge | barrier
    layer: str | None = None  # the Keras class name, as shapes.output_shape spells it
    config: dict[str, Any] = field(default_factory=dict)  # the literal keywords read from the source
    inputs: list[Node] = field(default_factory=list)
    declared_shape: Shape | None = None  # an input's shape, or a first layer's input_shape=
    site: Any = None  # the weighted layer's LayerSite, opaque here
    activation: Any = None  # an activation node's ActivationSpec, opaque here (None where unreadable)
    next_pass: Node | None = None  # a counted loop body's last node: the body's first node, which reads what
    #   this one writes on the next pass (an edge that is no input: shapes stay acyclic; links.next_weighted)
    _shape: Any = field(default=None, repr=False)
    _done: bool = field(default=False, repr=False)

    def input_shape(self) -> Shape | None:
        """The shape of the tensor this node reads (its first input's), None when unknown."""
        shape = self.inputs[0].output_shape() if self.inputs else None
        if shape is None and self.kind != INPUT:
            return self.declared_shape  # a first layer's input_shape= (Keras ignores it on any other)
        return shape

    def output_shape(self) -> Shape | None:
        """The shape of the tensor this node writes, None when any dimension it needs is unknown."""
        if not self._done:
            self._done = True  # a cycle (a loop's last layer feeding its first) reads as unknown
            self._shape = _infer(self)
        return self._shape


class Trailing(tuple):
    """A shape whose rank and leading dimensions are unknown and whose last dimension is known: what
    a Dense writes where the source does not say what it reads (Dense maps the last axis only)."""


def _infer(node: Node) -> Shape | None:
    if node.kind == INPUT:
        return node.declared_shape
    if node.kind == REPEAT:
        return _repeated(node.config["body"], node.config["count"], node.input_shape())
    if node.kind == BARRIER or node.layer is None:
        return None
    inputs = [n.output_shape() for n in node.inputs] if node.kind == MERGE else [node.input_shape()]
    if node.kind != MERGE and (inputs[0] is None or isinstance(inputs[0], Trailing)):
        return _trailing(node, inputs[0])
    if not inputs:
        return None
    try:
        return shapes.output_shape(node.layer, node.config, inputs)
    except (TypeError, ValueError, ZeroDivisionError, KeyError, IndexError):  # an odd literal: unknown, not a crash
        return None


def _repeated(body: list[Node], count: int, shape: Shape | None) -> Shape | None:
    """The shape a loop body of single-input nodes writes after `count` passes from `shape`."""
    for _ in range(count):
        for step in body:
            if step.kind in (MERGE, BARRIER, INPUT, REPEAT) or step.layer is None:
                return None
            if shape is None or isinstance(shape, Trailing):
                shape = _trailing(step, shape)
            else:
                try:
                    shape = shapes.output_shape(step.layer, step.config, [shape])
                except (TypeError, ValueError, ZeroDivisionError, KeyError, IndexError):
                    return None
            if shape is None:
                return None
    return shape


def repeated(body: list[Node], count: int, shape: Shape | None) -> Shape | None:
    """The shape `body` (single-input nodes) writes after `count` passes from `shape`."""
    return _repeated(body, count, shape) if count > 0 else shape


CHANNEL_LOSING = ("Flatten", "Reshape", "Permute", "RepeatVector")  # the channels they write are not the ones read


def pass_input(body: list[Node], index: int, passed: int) -> Shape | None:
    """The shape `body[index]` reads on pass `passed` (0 first) of a loop running `body` again on what
    its last pass wrote, from what its first pass reads."""
    entry = body[0].input_shape() if body else None
    shape = repeated(body, passed, entry)
    return repeated(body[:index], 1, shape) if shape is not None else None


def repeat(body: list[Node], count: int, entry: Node | None) -> Node:
    """A node for what a counted loop writes after its last pass (its body's nodes run `count` times)."""
    return Node(REPEAT, config={"body": list(body), "count": count}, inputs=[entry] if entry is not None else [])


def _trailing(node: Node, read: Trailing | None) -> Trailing | None:
    """What a layer writes on a tensor of unknown rank: a Dense its units; a shape-keeping layer what it reads."""
    units = node.config.get("units")
    target = node.config.get("target_shape")
    if node.layer == "Reshape" and isinstance(target, tuple) and target and \
            all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in target):
        return target  # every dimension literal: what it reads does not matter
    if node.layer == "Dense":
        return Trailing((units,)) if isinstance(units, int) and not isinstance(units, bool) and units > 0 else None
    return read if read is not None and node.layer in shapes.IDENTITY_KINDS else None


def chain(nodes: list[Node]) -> list[Node]:
    """Link nodes in order, each reading the one before (a Sequential list, a run of model.add)."""
    for before, after in zip(nodes, nodes[1:]):
        if not after.inputs and after.kind != INPUT:
            after.inputs.append(before)
    return nodes


@dataclass
class Graph:
    """The nodes of one model definition, in source order."""

    nodes: list[Node] = field(default_factory=list)

    def layers(self) -> list[Node]:
        return [node for node in self.nodes if node.kind == LAYER]
