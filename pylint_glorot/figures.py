"""The figures the messages state: a layer's fans, its kernel's variance and its predicted signal gain.

Pure (no astroid, no pylint, no TensorFlow): a resolved LayerSite and InitializerSpec in,
`network.shapes` and `network.signal` numbers out. Every figure is None when a number it
needs is unknown (a shape the source does not fix, a dynamic initializer argument).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_glorot import knowledge as K
from pylint_glorot.network import shapes, signal
from pylint_glorot.network.gain import predicted_gain

if TYPE_CHECKING:
    from pylint_glorot.model import LayerSite
    from pylint_glorot.resolve import ActivationSpec, InitializerSpec

DEFAULT = signal.KernelInit("variance_scaling", scale=1.0, mode=K.FAN_AVG, distribution=K.UNIFORM)  # glorot_uniform
SCHEMES = {
    "he": signal.KernelInit("variance_scaling", scale=2.0, mode=K.FAN_IN, distribution=K.UNIFORM),
    "glorot": DEFAULT,
    "lecun": signal.KernelInit("variance_scaling", scale=1.0, mode=K.FAN_IN, distribution=K.TRUNCATED_NORMAL),
}


def kernel_init(spec: InitializerSpec | None, api: str = "keras") -> signal.KernelInit | None:
    """The initializer as `network.signal` describes it; None (not the default) when it is unreadable."""
    if spec is None:
        return DEFAULT
    if spec.kind == "variance_scaling":
        if spec.invalid or spec.scale is None or spec.mode is None:
            return None
        return signal.KernelInit("variance_scaling", scale=spec.scale, mode=spec.mode, distribution=spec.distribution)
    if spec.kind == "fixed" and spec.fixed is not None:
        given = dict(spec.parameters)
        if any(value is None for value in given.values()):
            return None
        generation = {"v1": "tf1", "tf1": "tf1", "tf2": "tf2"}.get(spec.api, "keras")
        return signal.with_defaults(signal.KernelInit(spec.fixed, **given), generation)
    return None


def _modelled(site: LayerSite) -> bool:
    """A Keras layer, or a TF 1 one that builds its kernel as the Keras layer of its kind does."""
    return site.api == "keras" or bool(site.modelled_as) or site.kind in K.TF1_KERAS_KINDS.values()


def _kernel(site: LayerSite) -> str:
    return "pointwise" if site.spec.kind == "separable" else "kernel"


def kernel_shape(site: LayerSite) -> tuple | None:
    if site.input_shape is None or not _modelled(site):
        return None
    return shapes.kernel_shape(site.kind, site.config, site.input_shape, _kernel(site))


def fans(site: LayerSite) -> tuple[int, int] | None:
    """(fan_in, fan_out) as Keras computes them for the judged kernel, when the input shape is known."""
    if site.input_shape is None or not _modelled(site):
        return None
    try:
        found = shapes.keras_fans(site.kind, site.config, site.input_shape, kernel=_kernel(site) if
                                  site.spec.kind == "separable" else None)
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
        return None
    return found if found and all(isinstance(f, (int, float)) and f > 0 for f in found) else None


def effective_fan(site: LayerSite) -> float | None:
    """How many inputs each output of the judged kernel sums (averaged over output positions: the edges of
    "same" padding sum fewer)."""
    if site.input_shape is None or not _modelled(site):
        return None
    try:
        found = shapes.mean_fan(site.kind, site.config, site.input_shape, kernel=_kernel(site))
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
        return None
    return found if found and found > 0 else None


def activation_name(activation: ActivationSpec | None) -> str | None:
    """The activation as `network.signal` spells it (a leaky slope other than 0.2 travels in the name)."""
    if activation is None:
        return None
    if activation.name == "leaky_relu" and activation.slope is not None:
        return f"leaky_relu:{activation.slope:g}"
    if activation.name == "prelu":  # PReLU starts with slope 0
        return "relu"
    return activation.name


def layer_gain(site: LayerSite, init: signal.KernelInit | None, q_in: float = 1.0,
               activation: ActivationSpec | None = None) -> signal.LayerGain | None:
    """The predicted gain of the signal's second moment through the layer and its activation
    (`activation` when given, else the one the site feeds): `network.gain.predicted_gain`, the
    function the proof zoo checks against Keras (a separable convolution composes its depthwise
    kernel, on its own initializer, with the pointwise one)."""
    spelled = activation or site.activation
    name = activation_name(spelled)
    if init is None or site.input_shape is None or not _modelled(site) or spelled is None:
        return None
    if name is None and spelled.name != "linear":
        return None  # an activation the quadrature does not know
    depthwise = None
    if site.spec.kind == "separable" and "depthwise_initializer" in site.spec.kernel_keywords:  # slim: weights_initializer
        depthwise = kernel_init(site.initializers.get("depthwise_initializer"), site.api)
        if "depthwise_initializer" in site.initializers and depthwise is None:
            return None  # a depthwise initializer that cannot be read
    return predicted_gain(site.kind, site.config, site.input_shape, init, name, q_in, depthwise_init=depthwise)


_SCHEME_SCALES = {"he": 2.0, "lecun": 1.0}


def transpose_scale(site: LayerSite, scheme: str) -> float | None:
    """The VarianceScaling scale on "fan_out" that gives a transposed convolution the variance `scheme`
    means (scale / n_eff), where the named initializer misses it by more than 25%; None elsewhere.

    Keras lays a transposed kernel out as (*kernel, filters, in_channels): its fan_in counts the filters,
    its fan_out is in_channels * prod(kernel), and each output sums n_eff = in_channels * prod(kernel) /
    prod(strides) inputs (the interior). He on fan_in is then in_channels / (filters * prod(strides)) of
    the variance that keeps the gain at 1: a quarter at stride 2 in 2D."""
    if scheme not in _SCHEME_SCALES or site.spec.kind != "conv_transpose" or not _modelled(site):
        return None
    layer_fans = fans(site)
    if layer_fans is None:
        return None
    try:
        n_eff = shapes.effective_fan(site.kind, site.config, site.input_shape)
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
        return None
    if not n_eff or n_eff <= 0 or 0.8 <= n_eff / layer_fans[0] <= 1.25:
        return None
    return round(_SCHEME_SCALES[scheme] * layer_fans[1] / n_eff, 3)


def wanted_init(site: LayerSite, scheme: str) -> signal.KernelInit:
    """The initializer the fix writes for `scheme`: the named one, or a transposed convolution's
    VarianceScaling on fan_out (transpose_scale)."""
    scale = transpose_scale(site, scheme)
    if scale is None:
        return SCHEMES[scheme]
    return signal.KernelInit("variance_scaling", scale=scale, mode=K.FAN_OUT, distribution=K.UNIFORM)


def relative_gain(site: LayerSite, init: signal.KernelInit | None, scheme: str) -> float | None:
    """The layer's gain with `init` over its gain with the initializer the fix writes for `scheme`."""
    current, wanted = layer_gain(site, init), layer_gain(site, wanted_init(site, scheme))
    if current is None or wanted is None or not wanted.gain:
        return None
    return current.gain / wanted.gain


def gradient_factor(site: LayerSite, init: signal.KernelInit | None) -> float | None:
    """Mean field: how much each such layer multiplies gradient variance toward the input (chi_1)."""
    n_eff, layer_fans, name = effective_fan(site), fans(site), activation_name(site.activation)
    if init is None or n_eff is None or layer_fans is None or name is None:
        return None
    variance = signal.kernel_variance(init, layer_fans, kernel_shape(site))
    if variance is None:
        return None
    found = signal.fixed_point(name, n_eff * variance)
    return None if found is None else found[1]


def coherent_terms(site: LayerSite, init: signal.KernelInit | None, activation: ActivationSpec | None = None
                   ) -> tuple[float, float, float, str | None] | None:
    """(n_eff, E[W^2], E[W], activation) of the judged kernel for `signal.coherent_chain`; None where one is
    unknown, and for a separable convolution (two kernels: its weight mean is not one number)."""
    spelled = activation or site.activation
    name = activation_name(spelled)
    if init is None or spelled is None or site.spec.kind == "separable" or (name is None and spelled.name != "linear"):
        return None
    n_eff, layer_fans = effective_fan(site), fans(site)
    mean = signal.kernel_mean(init)
    if n_eff is None or layer_fans is None or mean is None:
        return None
    second = signal.kernel_variance(init, layer_fans, kernel_shape(site))
    return None if second is None else (n_eff, second, mean, name)
