"""Keras' own graph of a built model, flattened through nested models.

A functional model (and a `Sequential` with a known input, through its inner functional
model) keeps its graph: every operation's inbound nodes and the symbolic tensors between
them. This module walks that graph, not the runtime tensors: a forced-off `Dropout` returns
its input tensor at run time, but in the graph it is a node of its own with its own output.

Nested models are opened: their inputs are identified with the tensors the outer node feeds
them and their outputs with the outer node's outputs, so a chain of layers runs through a
`Sequential` block inside a functional model as it does at run time. A nested model used
more than once (a shared encoder) is opened at its first use only; later uses are opaque.

Imports keras only (backend-neutral): only the child process imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras


@dataclass(eq=False)
class Step:
    """One call of a (non-model) operation in the flattened graph."""

    op: Any
    node: Any
    position: int  # in execution order
    occurrence: int  # how many earlier steps call the same operation

    @property
    def inputs(self) -> list[Any]:
        return list(self.node.arguments.keras_tensors)

    @property
    def outputs(self) -> list[Any]:
        return list(self.node.outputs)


def inner_graph(op: Any) -> Any | None:
    """The functional model behind an operation, when it is one (Sequential: its inner model)."""
    if not isinstance(op, keras.Model):
        return None
    if hasattr(op, "_nodes_by_depth") and getattr(op, "outputs", None) is not None:
        return op
    functional = getattr(op, "_functional", None)
    if functional is not None and hasattr(functional, "_nodes_by_depth"):
        return functional
    return None


def _flat(value: Any) -> list[Any]:
    return list(keras.tree.flatten(value))


class ModelGraph:
    """The leaf operations of a model's graph, in execution order, with who feeds whom."""

    def __init__(self, model: Any) -> None:
        self.steps: list[Step] = []
        self._alias: dict[int, Any] = {}
        self._producer: dict[int, Step] = {}
        self._consumers: dict[int, list[Step]] = {}
        self._opened: set[int] = set()
        self._count: dict[int, int] = {}
        self.first: dict[int, Step] = {}  # id(op) -> its first step
        self._visit(model, None)

    @classmethod
    def of(cls, target: Any) -> ModelGraph | None:
        functional = inner_graph(target)
        if functional is None:
            return None
        try:
            return cls(functional)
        except (AttributeError, TypeError, ValueError, IndexError):  # a graph Keras builds differently
            return None

    def canonical(self, tensor: Any) -> Any:
        seen = 0
        while id(tensor) in self._alias and seen < 10_000:
            tensor = self._alias[id(tensor)]
            seen += 1
        return tensor

    def _visit(self, model: Any, fed: list[Any] | None) -> None:
        self._opened.add(id(model))
        if fed is not None:
            for inner, outer in zip(_flat(model.inputs), fed):
                if inner is not outer:
                    self._alias[id(inner)] = outer
        for depth in sorted(model._nodes_by_depth, reverse=True):
            for node in model._nodes_by_depth[depth]:
                op = node.operation
                if isinstance(op, keras.layers.InputLayer):
                    continue
                fed_here = [self.canonical(t) for t in node.arguments.keras_tensors]
                inner = inner_graph(op)
                if inner is not None and id(inner) not in self._opened:
                    self._visit(inner, fed_here)
                    for outer, inner_output in zip(node.outputs, _flat(inner.outputs)):
                        self._alias[id(outer)] = self.canonical(inner_output)
                    continue
                occurrence = self._count.get(id(op), 0)
                self._count[id(op)] = occurrence + 1
                step = Step(op, node, len(self.steps), occurrence)
                self.steps.append(step)
                self.first.setdefault(id(op), step)
                for tensor in node.outputs:
                    self._producer[id(self.canonical(tensor))] = step
                for tensor in fed_here:
                    self._consumers.setdefault(id(tensor), []).append(step)

    def producer(self, tensor: Any) -> Step | None:
        return self._producer.get(id(self.canonical(tensor)))

    def consumers(self, tensor: Any) -> list[Step]:
        return self._consumers.get(id(self.canonical(tensor)), [])

    def single_input(self, step: Step) -> Any | None:
        inputs = step.inputs
        return inputs[0] if len(inputs) == 1 else None

    def single_output(self, step: Step) -> Any | None:
        outputs = step.outputs
        return outputs[0] if len(outputs) == 1 else None
