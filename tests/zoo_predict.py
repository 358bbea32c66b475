"""The static prediction for a zoo case: pylint_glorot.network.predicted_gain, the function the
checker's figures come from, walked along the case's layers with output_shape. Pure Python."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pylint_glorot.network import KernelInit, named_initializer, output_shape, predicted_gain
from signal_zoo_cases import WEIGHTED_KINDS, ZooCase


@dataclass(frozen=True)
class Predicted:
    kind: str
    q_in: float
    q_pre: float | None
    q_out: float


def static_initializer(name: str, config: dict) -> KernelInit:
    """The zoo's (Keras class name, config) as the static pass reads it: the name's defaults, then the literals."""
    base = named_initializer(name)
    if base is None:
        raise ValueError(f"unknown initializer {name}")
    return dataclasses.replace(base, **config)


def predict(case: ZooCase, q_in: float = 1.0) -> list[Predicted]:
    init = static_initializer(*case.initializer)
    shape, q = tuple(case.input_shape), q_in
    out = []
    for kind, config in case.layers:
        if kind in WEIGHTED_KINDS:
            found = predicted_gain(kind, config, shape, init, case.activation, q)
            if found is None:
                raise ValueError(f"no prediction for {kind}")
            out.append(Predicted(kind, q, found.q_pre, found.q_out))
            q = found.q_out
        else:  # Flatten, Reshape, UpSampling (nearest) keep the second moment
            out.append(Predicted(kind, q, None, q))
        shape = output_shape(kind, config, [shape])
        if shape is None:
            raise ValueError(f"no shape after {kind}")
    return out
