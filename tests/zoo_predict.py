"""The static prediction for a zoo case: the same functions the checker's figures come from
(pylint_glorot.network: output_shape, keras_fans, kernel_shape, mean_fan, kernel_variance,
layer_gain), walked along the case's layers. Pure Python, no TensorFlow."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pylint_glorot.network import (
    KernelInit, kernel_shape, kernel_variance, keras_fans, layer_gain, mean_fan, named_initializer, output_shape,
)
from tests.signal_zoo_cases import WEIGHTED_KINDS, ZooCase


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


def _variance(init: KernelInit, kind: str, config: dict, shape: tuple, kernel: str) -> float:
    var = kernel_variance(init, keras_fans(kind, config, shape, kernel), kernel_shape(kind, config, shape, kernel))
    if var is None:
        raise ValueError(f"no variance for {kind} {kernel}")
    return var


def predict(case: ZooCase, q_in: float = 1.0) -> list[Predicted]:
    init = static_initializer(*case.initializer)
    shape, q = tuple(case.input_shape), q_in
    out = []
    for kind, config in case.layers:
        if kind in WEIGHTED_KINDS:
            if kind.startswith("SeparableConv"):  # depthwise (linear), then pointwise with the activation
                q_mid = mean_fan(kind, config, shape, "depthwise") * _variance(init, kind, config, shape, "depthwise") * q
                gain = layer_gain(mean_fan(kind, config, shape, "pointwise"),
                                  _variance(init, kind, config, shape, "pointwise"), case.activation, q_mid)
                found = dataclasses.replace(gain, q_pre=gain.q_pre) if gain else None
            else:
                found = layer_gain(mean_fan(kind, config, shape), _variance(init, kind, config, shape, "kernel"),
                                   case.activation, q)
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
