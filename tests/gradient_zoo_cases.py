"""The gradient zoo: chains whose gradient factor W7709 predicts (mean field) and Keras measures.

Each case is a Keras Sequential source (one kernel initializer, one activation, literal shapes,
width >= 256 summed inputs per output), linted by the static pass for its predicted forward gain
and gradient factor (the figures W7709 states), and built by tests/gradient_measure.py, which
measures the gradient's energy at the chain's input over its output for a readout drawn per sample.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GradientCase:
    name: str
    input_shape: tuple
    layers: tuple  # ((Keras class name, literal config), ...): every one weighted, with `init` and `activation`
    init: str  # the initializer's source text under keras.initializers
    activation: str
    notes: str = ""


def _dense(depth: int = 4, units: int = 256) -> tuple:
    return tuple(("Dense", {"units": units}) for _ in range(depth))


GRADIENT_ZOO: tuple[GradientCase, ...] = (
    GradientCase("tanh-glorot_uniform", (256,), _dense(), "GlorotUniform()", "tanh", "critical: chi_1 ~ 1"),
    GradientCase("tanh-he_uniform", (256,), _dense(), "HeUniform()", "tanh", "chaotic: x1.1 per layer"),
    GradientCase("tanh-random_normal_1", (256,), _dense(), "RandomNormal(stddev=1.0)", "tanh",
                 "saturated: the signal stays bounded, the gradient grows x8.7 per layer"),
    GradientCase("tanh-random_normal_0.01", (256,), _dense(), "RandomNormal(stddev=0.01)", "tanh",
                 "linear regime: both vanish, x0.026 per layer"),
    GradientCase("tanh-truncated_normal_0.1", (256,), _dense(), "TruncatedNormal(stddev=0.1)", "tanh"),
    GradientCase("tanh-orthogonal", (256,), _dense(), "Orthogonal()", "tanh"),
    GradientCase("tanh-random_uniform_0_0.02", (256,), _dense(), "RandomUniform(0.0, 0.02)", "tanh",
                 "weight mean 0.01: the shared component grows"),
    GradientCase("tanh-random_normal_mean_0.01", (256,), _dense(), "RandomNormal(mean=0.01, stddev=0.05)", "tanh",
                 "weight mean 0.01"),
    GradientCase("tanh-random_normal_0.05-deep", (64,), _dense(depth=12, units=64), "RandomNormal(stddev=0.05)", "tanh",
                 "Keras' default RandomNormal at width 64: x0.16 per layer (n_eff >= 256 rule waived: 64 inputs)"),
    GradientCase("relu-random_uniform_-0.05_0.15", (256,), _dense(), "RandomUniform(-0.05, 0.15)", "relu",
                 "weight mean 0.05 under relu: both explode"),
    GradientCase("tanh-conv2d-random_normal_0.05", (14, 14, 64),
                 tuple(("Conv2D", {"filters": 64, "kernel_size": 3}) for _ in range(3)), "RandomNormal(stddev=0.05)",
                 "tanh", "n_eff 576, valid padding"),
    GradientCase("sigmoid-random_normal_0.1", (256,), _dense(), "RandomNormal(stddev=0.1)", "sigmoid",
                 "non-zero-mean activations: the shared component of the gradient"),
)


# Chains whose figures the model does not state: a weight mean saturates tanh through the shared shift alone,
# and the finite-width kick the recursion omits decides which samples saturate (network.signal.coherent_chain's
# `steady`). Measured on seeds 0-2 (tests/test_gradient_zoo.py), not predicted.
UNSTEADY: tuple[GradientCase, ...] = (
    GradientCase("tanh-random_uniform_-0.05_0.15", (256,), _dense(), "RandomUniform(-0.05, 0.15)", "tanh",
                 "weight mean 0.05: the shared shift saturates some samples, which ones the kick decides"),
)


def source(case: GradientCase) -> str:
    """The case as a module the static pass lints (and gradient_measure.py executes)."""
    layers = ",\n".join(
        f"    layers.{kind}({', '.join(f'{k}={v!r}' for k, v in config.items())}, activation={case.activation!r}, "
        f"kernel_initializer=initializers.{case.init})" for kind, config in case.layers)
    return ("import keras\nfrom keras import initializers, layers\n\n"
            f"model = keras.Sequential([\n    keras.Input(shape={case.input_shape!r}),\n{layers},\n])\n")
