"""The pure network core: static shapes, fans and the signal's second moment through layers.

No astroid, no pylint, no TensorFlow: plain Python and math (tests/test_isolation.py proves it).
See docs/signal-model.md for the formulas and the measurements behind them.
"""

from __future__ import annotations

from pylint_glorot.network.gain import FEED_FORWARD_KINDS, kernel_variance_of, predicted_gain
from pylint_glorot.network.shapes import (
    UNKNOWN,
    LayerConfig,
    Shape,
    compute_fans,
    effective_fan,
    kernel_shape,
    keras_fans,
    known_kinds,
    mean_fan,
    output_shape,
)
from pylint_glorot.network.signal import (
    KernelInit,
    LayerGain,
    activation_factor,
    chain,
    chain_chi,
    chain_gain,
    derivative_moment,
    fixed_point,
    keras_defaults,
    kernel_variance,
    known_activations,
    layer_gain,
    named_initializer,
    second_moment,
    with_defaults,
)

__all__ = [
    "FEED_FORWARD_KINDS", "kernel_variance_of", "predicted_gain",
    "UNKNOWN", "LayerConfig", "Shape", "compute_fans", "effective_fan", "kernel_shape", "keras_fans",
    "known_kinds", "mean_fan", "output_shape",
    "KernelInit", "LayerGain", "activation_factor", "chain", "chain_chi", "chain_gain", "derivative_moment",
    "fixed_point", "keras_defaults", "kernel_variance", "known_activations", "layer_gain", "named_initializer",
    "second_moment", "with_defaults",
]
