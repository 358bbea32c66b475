"""The predicted gain of one weighted layer, from its kind, literal config, input shape and
initializer: the single function behind the figures the checker states and the proof zoo
checks (tests/test_signal_zoo.py). Pure Python, like the rest of pylint_glorot.network."""

from __future__ import annotations

from pylint_glorot.network.shapes import Shape, kernel_shape, keras_fans, mean_fan
from pylint_glorot.network.signal import KernelInit, LayerGain, kernel_variance, layer_gain

# Weighted layers whose kernel maps the input feed-forward; recurrent kernels, embeddings and
# attention (softmax-weighted sums) are not described by one n_eff * Var(W).
FEED_FORWARD_KINDS = frozenset({
    "Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D",
    "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "Convolution2DTranspose", "Convolution3DTranspose",
    "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D", "SeparableConvolution1D",
    "SeparableConvolution2D",
})


def kernel_variance_of(kind: str, config: dict, input_shape: Shape | None, init: KernelInit,
                       kernel: str = "kernel") -> float | None:
    """Var(W) of the layer's named kernel: the initializer on the fans and shape Keras gives it."""
    if input_shape is None or init is None:
        return None
    return kernel_variance(init, keras_fans(kind, config, input_shape, kernel),
                           kernel_shape(kind, config, input_shape, kernel))


def predicted_gain(kind: str, config: dict, input_shape: Shape | None, init: KernelInit | None,
                   activation: str | None, q_in: float = 1.0,
                   depthwise_init: KernelInit | None = None) -> LayerGain | None:
    """LayerGain through a feed-forward weighted layer and its activation at zero bias.

    n_eff is mean_fan (edges of same padding included where the spatial size is known). A
    separable convolution is its depthwise kernel (linear, `depthwise_init`, default `init`)
    followed by the pointwise kernel (`init`) and the activation: q_pre and chi cover both.
    None when a shape, a fan or the activation is unknown.
    """
    if kind not in FEED_FORWARD_KINDS or input_shape is None or init is None:
        return None
    if kind.startswith("Separable"):
        dw_var = kernel_variance_of(kind, config, input_shape, depthwise_init or init, "depthwise")
        dw_fan = mean_fan(kind, config, input_shape, "depthwise")
        pw_var = kernel_variance_of(kind, config, input_shape, init, "pointwise")
        pw_fan = mean_fan(kind, config, input_shape, "pointwise")
        if None in (dw_var, dw_fan, pw_var, pw_fan):
            return None
        # the depthwise product scales both passes: fold it into the pointwise variance
        return layer_gain(pw_fan, pw_var * dw_fan * dw_var, activation, q_in)
    var = kernel_variance_of(kind, config, input_shape, init)
    fan = mean_fan(kind, config, input_shape)
    if var is None or fan is None:
        return None
    return layer_gain(fan, var, activation, q_in)
