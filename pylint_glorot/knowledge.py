"""The domain tables: initializers, activation families, layers and their keywords.

Everything the rules know about Keras/TensorFlow lives here, as data. The facts are the
ones of Keras 3.15 / tf-keras 2.21 / TF 1.15 contrib (see docs/xavier-vs-glorot.md).
No pylint, no astroid, no TensorFlow import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------------- initializers

UNIFORM = "uniform"
TRUNCATED_NORMAL = "truncated_normal"
UNTRUNCATED_NORMAL = "untruncated_normal"

FAN_IN, FAN_OUT, FAN_AVG = "fan_in", "fan_out", "fan_avg"
KERAS_MODES = (FAN_IN, FAN_OUT, FAN_AVG)
KERAS_DISTRIBUTIONS = (UNIFORM, TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, "normal")
CONTRIB_MODES = ("FAN_IN", "FAN_OUT", "FAN_AVG")


@dataclass(frozen=True)
class NamedInitializer:
    """A named member of the VarianceScaling family."""

    snake: str  # "glorot_uniform"
    cls: str  # "GlorotUniform"
    scheme: str  # "glorot" | "he" | "lecun"
    scale: float
    mode: str
    distribution: str


NAMED = (
    NamedInitializer("glorot_uniform", "GlorotUniform", "glorot", 1.0, FAN_AVG, UNIFORM),
    NamedInitializer("glorot_normal", "GlorotNormal", "glorot", 1.0, FAN_AVG, TRUNCATED_NORMAL),
    NamedInitializer("he_uniform", "HeUniform", "he", 2.0, FAN_IN, UNIFORM),
    NamedInitializer("he_normal", "HeNormal", "he", 2.0, FAN_IN, TRUNCATED_NORMAL),
    NamedInitializer("lecun_uniform", "LecunUniform", "lecun", 1.0, FAN_IN, UNIFORM),
    NamedInitializer("lecun_normal", "LecunNormal", "lecun", 1.0, FAN_IN, TRUNCATED_NORMAL),
)
NAMED_BY_SPELLING = {n.snake: n for n in NAMED} | {n.cls: n for n in NAMED}
NAMED_BY_PARAMS = {(n.scale, n.mode, n.distribution): n for n in NAMED}


def named_for(scheme: str, distribution: str) -> NamedInitializer | None:
    """The named initializer of a scheme with a distribution, if Keras has one."""
    for named in NAMED:
        if named.scheme == scheme and named.distribution == distribution:
            return named
    return None


def normalize_distribution(distribution: str) -> str | None:
    """Keras lower-cases the distribution and reads "normal" as "truncated_normal"."""
    lowered = distribution.lower()
    if lowered == "normal":
        return TRUNCATED_NORMAL
    if lowered in (UNIFORM, TRUNCATED_NORMAL, UNTRUNCATED_NORMAL):
        return lowered
    return None


# Keras initializers outside the VarianceScaling family: deliberate fixed-scale choices.
FIXED_SCALE_INITIALIZERS = frozenset(
    {
        "RandomNormal", "random_normal", "normal",
        "RandomUniform", "random_uniform", "uniform",
        "TruncatedNormal", "truncated_normal",
        "Orthogonal", "orthogonal", "OrthogonalInitializer",
        "Identity", "identity", "IdentityInitializer",
        "Zeros", "zeros", "zero",
        "STFT", "stft",
    }
)
# What each fixed-scale spelling draws, and its positional parameters (Keras 3 signatures).
FIXED_KINDS = {
    **dict.fromkeys(("RandomNormal", "random_normal", "normal"), "random_normal"),
    **dict.fromkeys(("RandomUniform", "random_uniform", "uniform"), "random_uniform"),
    **dict.fromkeys(("TruncatedNormal", "truncated_normal"), "truncated_normal"),
    **dict.fromkeys(("Orthogonal", "orthogonal", "OrthogonalInitializer"), "orthogonal"),
    **dict.fromkeys(("Identity", "identity", "IdentityInitializer"), "identity"),
}
FIXED_POSITIONS = {
    "random_normal": ("mean", "stddev", "seed"), "truncated_normal": ("mean", "stddev", "seed"),
    "random_uniform": ("minval", "maxval", "seed"), "orthogonal": ("gain", "seed"), "identity": ("gain",),
}
# TensorFlow's own fixed-scale initializers, by qualified name: (kind, the API generation whose defaults
# apply). tensorflow/python/ops/init_ops.py (tf.compat.v1: N(0, 1), truncated N(0, 1), U(0, 1)) and
# init_ops_v2.py (TF 2 `tf.random_normal_initializer`: N(0, 0.05), U(-0.05, 0.05)), checked on TF 2.21.
# TF 2 has no tf.truncated_normal_initializer: that spelling is TF 1 code. In a TF 1 module (one that
# calls tf.placeholder, tf.Session, tf.layers ... without compat.v1) the bare TF 2 names are TF 1's.
TF_FIXED_INITIALIZERS = {
    **{f"tensorflow.compat.v1.{name}_initializer": (name, "tf1")
       for name in ("random_normal", "random_uniform", "truncated_normal")},
    **{f"tensorflow.compat.v1.initializers.{name}": (name, "tf1")
       for name in ("random_normal", "random_uniform", "truncated_normal")},
    "tensorflow.random_normal_initializer": ("random_normal", "tf2"),
    "tensorflow.random_uniform_initializer": ("random_uniform", "tf2"),
    "tensorflow.truncated_normal_initializer": ("truncated_normal", "tf1"),
}
# TensorFlow's random ops, whose tensor a `tf.Variable` holds as its initial value
# (`tf.Variable(tf.random_normal([784, 256]))`): qualified name -> (kind, parameter positions).
# tensorflow/python/ops/random_ops.py (TF 2.21; TF 1 alike): mean 0, stddev 1.0; minval 0, maxval None = 1 for
# floats: TF 1's initializer defaults ("tf1"), whichever generation the op is spelled in.
_RANDOM_OP_NAMES = {"random_normal": "random_normal", "random.normal": "random_normal",
                    "truncated_normal": "truncated_normal", "random.truncated_normal": "truncated_normal",
                    "random_uniform": "random_uniform", "random.uniform": "random_uniform"}
RANDOM_OP_POSITIONS = {"random_normal": ("shape", "mean", "stddev", "dtype", "seed"),
                       "truncated_normal": ("shape", "mean", "stddev", "dtype", "seed"),
                       "random_uniform": ("shape", "minval", "maxval", "dtype", "seed")}
TF_RANDOM_OPS = {f"{module}.{name}": kind for module in ("tensorflow", "tensorflow.compat.v1", "tensorflow.compat.v2")
                 for name, kind in _RANDOM_OP_NAMES.items()}
# NumPy's draws, whose float64 array a `tf.Variable` holds (`tf.Variable(np.random.randn(784, 256))`):
# qualified name -> (kind, the parameter positions; None: the shape is the positional arguments, `randn(a, b)`).
# numpy/random/mtrand.pyx (NumPy 2.x; 1.x alike): normal(loc=0.0, scale=1.0, size=None),
# uniform(low=0.0, high=1.0, size=None), randn = standard normal, rand = U[0, 1).
NUMPY_RANDOM_DRAWS = {
    "numpy.random.randn": ("random_normal", None),
    "numpy.random.standard_normal": ("random_normal", ("size",)),
    "numpy.random.normal": ("random_normal", ("mean", "stddev", "size")),
    "numpy.random.rand": ("random_uniform", None),
    "numpy.random.random_sample": ("random_uniform", ("size",)),
    "numpy.random.random": ("random_uniform", ("size",)),
    "numpy.random.uniform": ("random_uniform", ("minval", "maxval", "size")),
}
NUMPY_DRAW_KEYWORDS = {"loc": "mean", "scale": "stddev", "low": "minval", "high": "maxval", "size": "size"}
# Attributes of `tf` that exist only in TF 1 (not in TF 2's top-level namespace): a module using one is TF 1 code.
TF1_ONLY_NAMES = frozenset({"placeholder", "Session", "InteractiveSession", "get_variable", "variable_scope",
                            "global_variables_initializer", "layers", "contrib", "truncated_normal_initializer"})
# Constant initializers: (spelling, value when called without arguments)
CONSTANT_INITIALIZERS = {"Ones": 1.0, "ones": 1.0, "one": 1.0, "Constant": 0.0, "constant": 0.0}

# Names that exist only in TF 1.x or tf.compat.v1, mapped to what they are.
# (qualified-name suffix after "tensorflow.", scheme or "variance_scaling", distribution)
XAVIER_STRINGS = {"xavier_uniform": "glorot_uniform", "xavier_normal": "glorot_normal"}


@dataclass(frozen=True)
class LegacyInitializer:
    """A TF1 / contrib / compat.v1 initializer function."""

    kind: str  # "named" | "contrib_xavier" | "contrib_variance_scaling" | "v1_variance_scaling"
    named: str | None = None  # for kind == "named": the modern snake name
    gone_in_tf2: bool = False


def _legacy_table() -> dict[str, LegacyInitializer]:
    table: dict[str, LegacyInitializer] = {}
    for prefix, gone in (("tensorflow.", True), ("tensorflow.compat.v1.", False)):
        table[prefix + "glorot_uniform_initializer"] = LegacyInitializer("named", "glorot_uniform", gone)
        table[prefix + "glorot_normal_initializer"] = LegacyInitializer("named", "glorot_normal", gone)
        table[prefix + "variance_scaling_initializer"] = LegacyInitializer("v1_variance_scaling", None, gone)
        table[prefix + "keras.initializers.glorot_uniform_initializer"] = LegacyInitializer("named", "glorot_uniform", gone)
    # contrib's initializers, also re-exported by slim; tf_slim (which runs on TF 2) has the same functions
    contrib = ("tensorflow.contrib.layers.", "tensorflow.contrib.layers.python.layers.initializers.",
               "tensorflow.contrib.slim.")
    slim = ("tf_slim.", "tf_slim.layers.", "tf_slim.initializers.", "tf_slim.layers.initializers.")
    for prefixes, gone in ((contrib, True), (slim, False)):
        for prefix in prefixes:
            for name in ("xavier_initializer", "xavier_initializer_conv2d"):
                table[prefix + name] = LegacyInitializer("contrib_xavier", None, gone)
            table[prefix + "variance_scaling_initializer"] = LegacyInitializer("contrib_variance_scaling", None, gone)
    return table


LEGACY_INITIALIZERS = _legacy_table()

# --------------------------------------------------------------------------- activations

RECTIFIER = "rectifier"
SELF_NORMALIZING = "self-normalizing"
SATURATING = "zero-centred saturating"
SIGMOID = "sigmoid"
LINEAR = "linear"
OTHER = "other"

ACTIVATION_FAMILIES = {
    **dict.fromkeys(
        ("relu", "relu6", "leaky_relu", "prelu", "elu", "celu", "gelu", "silu", "swish",
         "mish", "hard_silu", "hard_swish", "crelu", "approximate_gelu"),
        RECTIFIER,
    ),
    "selu": SELF_NORMALIZING,
    "tanh": SATURATING,
    "softsign": SATURATING,
    "sigmoid": SIGMOID,
    "hard_sigmoid": SIGMOID,
    **dict.fromkeys(("linear", "softmax", "log_softmax", "identity"), LINEAR),
}
JUDGED_FAMILIES = (RECTIFIER, SELF_NORMALIZING, SATURATING)

# Activation callables outside keras.activations, by qualified name (after canonicalisation).
TF_ACTIVATION_MODULES = ("tensorflow.nn.", "tensorflow.math.", "tensorflow.", "keras.ops.", "keras.activations.",
                         "tensorflow.compat.v1.nn.", "tensorflow.compat.v1.math.", "tensorflow.compat.v1.")


def activation_family(name: str) -> str:
    return ACTIVATION_FAMILIES.get(name, OTHER)


# --------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class LayerSpec:
    """A Keras (or TF1) layer with weights: where its initializers and activation go."""

    kind: str  # dense | conv | conv_transpose | separable | depthwise | rnn | einsum | tf1_dense | tf1_conv
    judged_keyword: str | None  # the initializer judged against the activation
    kernel_keywords: tuple[str, ...]  # keywords W7708 looks at
    keyword_positions: dict[str, int]  # positional index of keywords (after the layer's own self)
    default_activation: str | None = None
    units_keyword: str = "units"
    default_initializers: dict[str, str] | None = None
    string_initializers: bool = True  # the keyword accepts a string name
    activation_keyword: str = "activation"  # contrib / slim layers: "activation_fn"
    normalizer_keyword: str | None = None  # contrib / slim: "normalizer_fn", applied between kernel and activation
    keyword_in_text: bool = True  # the judged initializer is passed by that keyword (not for tf.Variable(init(shape)))


_DENSE_POS = {"units": 0, "activation": 1, "use_bias": 2, "kernel_initializer": 3}
_CONV_KW = ("kernel_initializer",)
_RNN_POS = {"units": 0, "activation": 1}


def _conv(kind: str = "conv") -> LayerSpec:
    return LayerSpec(kind, "kernel_initializer", _CONV_KW, {"filters": 0, "kernel_size": 1}, units_keyword="filters")


LAYERS: dict[str, LayerSpec] = {
    "Dense": LayerSpec("dense", "kernel_initializer", _CONV_KW, _DENSE_POS),
    "EinsumDense": LayerSpec("einsum", "kernel_initializer", _CONV_KW, {"equation": 0, "output_shape": 1, "activation": 2}),
    **{name: _conv() for name in ("Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D")},
    **{name: _conv("conv_transpose") for name in ("Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                                                  "Convolution2DTranspose", "Convolution3DTranspose")},
    **{name: LayerSpec("separable", "pointwise_initializer", ("depthwise_initializer", "pointwise_initializer"),
                       {"filters": 0, "kernel_size": 1}, units_keyword="filters")
       for name in ("SeparableConv1D", "SeparableConv2D", "SeparableConvolution1D", "SeparableConvolution2D")},
    **{name: LayerSpec("depthwise", None, ("depthwise_initializer",), {"kernel_size": 0}, units_keyword="")
       for name in ("DepthwiseConv1D", "DepthwiseConv2D")},
    **{name: LayerSpec("rnn", "kernel_initializer", ("kernel_initializer", "recurrent_initializer"), _RNN_POS,
                       default_activation="tanh", default_initializers={"recurrent_initializer": "orthogonal"})
       for name in ("SimpleRNN", "GRU", "LSTM", "SimpleRNNCell", "GRUCell", "LSTMCell")},
    **{name: LayerSpec("rnn", "kernel_initializer", ("kernel_initializer", "recurrent_initializer"),
                       {"filters": 0, "kernel_size": 1}, default_activation="tanh", units_keyword="filters",
                       default_initializers={"recurrent_initializer": "orthogonal"})
       for name in ("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")},
}

# tf.compat.v1.layers / tf.layers functions: (inputs, units|filters, ...); strings are not
# reliably accepted there, so replacements are initializer objects.
TF1_LAYERS: dict[str, LayerSpec] = {
    "dense": LayerSpec("dense", "kernel_initializer", _CONV_KW,
                       {"inputs": 0, "units": 1, "activation": 2, "use_bias": 3, "kernel_initializer": 4},
                       string_initializers=False),
    **{name: LayerSpec("conv", "kernel_initializer", _CONV_KW,
                       {"inputs": 0, "filters": 1, "kernel_size": 2, "activation": 7, "kernel_initializer": 9},
                       units_keyword="filters", string_initializers=False)
       for name in ("conv1d", "conv2d", "conv3d")},
    **{name: LayerSpec("conv_transpose", "kernel_initializer", _CONV_KW,
                       {"inputs": 0, "filters": 1, "kernel_size": 2, "activation": 6, "kernel_initializer": 8},
                       units_keyword="filters", string_initializers=False)
       for name in ("conv2d_transpose", "conv3d_transpose")},
    **{name: LayerSpec("separable", "pointwise_initializer", ("depthwise_initializer", "pointwise_initializer"),
                       {"inputs": 0, "filters": 1, "kernel_size": 2, "activation": 8, "depthwise_initializer": 10,
                        "pointwise_initializer": 11},
                       units_keyword="filters", string_initializers=False)
       for name in ("separable_conv1d", "separable_conv2d")},
}
TF1_LAYER_MODULES = ("tensorflow.layers.", "tensorflow.compat.v1.layers.")
# TF 1 layer functions whose kernel Keras' layer of this kind builds alike (kernel (in, units), same fans).
TF1_KERAS_KINDS = {"dense": "Dense", "fully_connected": "Dense"}


def _contrib(kind: str, positions: dict[str, int]) -> LayerSpec:
    return LayerSpec(kind, "weights_initializer", ("weights_initializer",), positions, default_activation="relu",
                     units_keyword="num_outputs", string_initializers=False, activation_keyword="activation_fn",
                     normalizer_keyword="normalizer_fn")


# tf.contrib.layers / slim / tf_slim: (inputs, num_outputs, ...), activation_fn=nn.relu and
# weights_initializer=xavier_initializer() (= glorot_uniform) by default (TF 1.15 contrib, tf_slim 1.1).
_CONTRIB_CONV = {"inputs": 0, "num_outputs": 1, "kernel_size": 2, "activation_fn": 7, "normalizer_fn": 8,
                 "weights_initializer": 10}
CONTRIB_LAYERS: dict[str, LayerSpec] = {
    "fully_connected": _contrib("dense", {"inputs": 0, "num_outputs": 1, "activation_fn": 2, "normalizer_fn": 3,
                                          "weights_initializer": 5}),
    **{name: _contrib("conv", _CONTRIB_CONV)
       for name in ("conv1d", "conv2d", "conv3d", "convolution", "convolution1d", "convolution2d", "convolution3d")},
    **{name: _contrib("conv_transpose", {"inputs": 0, "num_outputs": 1, "kernel_size": 2, "activation_fn": 6,
                                         "normalizer_fn": 7, "weights_initializer": 9})
       for name in ("conv2d_transpose", "convolution2d_transpose", "conv3d_transpose", "convolution3d_transpose")},
    # weights_initializer draws the depthwise kernel, and the pointwise one unless pointwise_initializer is given
    **{name: _contrib("separable", {"inputs": 0, "num_outputs": 1, "kernel_size": 2, "activation_fn": 8,
                                    "normalizer_fn": 9, "weights_initializer": 11})
       for name in ("separable_conv2d", "separable_convolution2d")},
}
CONTRIB_LAYER_MODULES = (
    "tensorflow.contrib.layers.", "tensorflow.contrib.layers.python.layers.layers.",
    "tensorflow.contrib.slim.", "tensorflow.contrib.slim.layers.",
    "tf_slim.", "tf_slim.layers.", "tf_slim.layers.layers.",
)
# Functions of the same APIs that pass the signal on: (normalization | passthrough), by last name.
TF1_FUNCTION_STEPS = {
    **dict.fromkeys(("batch_norm", "batch_normalization", "layer_norm", "group_norm", "instance_norm"), "norm"),
    **dict.fromkeys(("max_pool2d", "avg_pool2d", "max_pool3d", "avg_pool3d", "max_pooling1d", "max_pooling2d",
                     "max_pooling3d", "average_pooling1d", "average_pooling2d", "average_pooling3d", "dropout",
                     "flatten", "max_pool", "avg_pool", "pad", "bias_add"), "pass"),
}
TF1_FUNCTION_MODULES = TF1_LAYER_MODULES + CONTRIB_LAYER_MODULES + ("tensorflow.nn.", "tensorflow.compat.v1.nn.")

DEFAULT_KERNEL_INITIALIZER = "glorot_uniform"

# Activation layers: class -> (activation name, keyword of its negative slope or None)
ACTIVATION_LAYERS = {
    "ReLU": "relu",
    "LeakyReLU": "leaky_relu",
    "PReLU": "prelu",
    "ELU": "elu",
    "Softmax": "softmax",
    "ThresholdedReLU": "relu",
}
NORMALIZATION_LAYERS = frozenset(
    {"BatchNormalization", "LayerNormalization", "GroupNormalization", "SyncBatchNormalization",
     "UnitNormalization", "RMSNormalization", "SpectralNormalization"}
)
_PASSTHROUGH_PATTERN = re.compile(
    r"^(Dropout|SpatialDropout[123]D|AlphaDropout|GaussianNoise|GaussianDropout|Flatten|Reshape|Permute"
    r"|(Max|Average|Avg)Pool(ing)?[123]D|Global(Max|Average|Avg)Pool(ing)?[123]D|ZeroPadding[123]D"
    r"|Cropping[123]D|UpSampling[123]D|ActivityRegularization|Masking|RepeatVector|Identity)$"
)
MERGE_LAYERS = frozenset(
    {"Add", "Concatenate", "Multiply", "Average", "Subtract", "Maximum", "Minimum", "Dot",
     "add", "concatenate", "multiply", "average", "subtract", "maximum", "minimum", "dot"}
)
INPUT_CALLABLES = frozenset({"Input", "InputLayer"})
SEQUENTIAL = "Sequential"


def is_passthrough_layer(name: str) -> bool:
    """Layers that keep the signal's scale between a layer and its activation."""
    return bool(_PASSTHROUGH_PATTERN.match(name))


# --------------------------------------------------------------------------- judging

# What each judged family wants, as a scheme, and the paper that says so.
RECOMMENDED_SCHEME = {RECTIFIER: "he", SELF_NORMALIZING: "lecun", SATURATING: "glorot"}
REFERENCES = {
    RECTIFIER: "He et al. 2015: Var = 2/fan_in",
    SELF_NORMALIZING: "Klambauer et al. 2017: SELU needs Var = 1/fan_in, Gaussian",
    SATURATING: "Glorot & Bengio 2010: Var = 2/(fan_in + fan_out)",
}

# A fix must change the kernel's variance by at least this factor to be reported.
MIN_VARIANCE_CHANGE = 1.25
# W7709: a run of fixed-scale layers whose predicted signal gain or gradient factor leaves this band is
# reported. Decided from 160-step training runs (Adam 1e-3, SGD 0.01 + momentum) against the fix, on
# application code and sweeps (docs/messages/fixed-scale-initializer.md): the smallest factor seen to
# stall is 6e-4 (a DCGAN discriminator: SGD loss 0.92 vs 0.018 with He), the largest seen to diverge
# 1e2 (four relu Dense(256): Adam loss 3.4 vs 0.61); every in-band chain of real code trained like
# its fix (0.013, 0.075 transformer block, 0.53, 1.0), and the gradient 28x of tanh at sigma_w^2 n = 16 did too.
FIXED_SCALE_BAND = (1e-2, 1e2)
