"""The proof zoo: layer chains whose signal the static model predicts and Keras measures.

One row per configuration: a name, the input shape (batch dim excluded), the layers as
(Keras class name, literal config), the kernel initializer as (Keras class name, config) given
to every weighted layer (a fresh instance each), and the activation of every weighted layer.
Weighted layers are those whose kind has kernels; Flatten, Reshape and UpSampling pass the
second moment on unchanged. Widths: 256 units for Dense, >= 256 summed inputs per output for
convolutions except the depthwise rows (their n_eff is prod(kernel) by construction).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ZooCase:
    name: str
    input_shape: tuple
    layers: tuple  # ((kind, config), ...)
    initializer: tuple  # (class name, config)
    activation: str
    batch: int = 128
    notes: str = ""
    tags: tuple = field(default_factory=tuple)


def _dense(n: int = 256, depth: int = 3) -> tuple:
    return tuple(("Dense", {"units": n}) for _ in range(depth))


C3 = {"kernel_size": 3}
CONV = {"filters": 128, **C3}

ZOO: tuple[ZooCase, ...] = (
    # ----- Dense, every initializer kind
    ZooCase("dense-relu-he_uniform", (256,), _dense(), ("HeUniform", {}), "relu"),
    ZooCase("dense-relu-glorot_uniform", (256,), _dense(depth=4), ("GlorotUniform", {}), "relu"),
    ZooCase("dense-leaky-he_normal", (256,), _dense(), ("HeNormal", {}), "leaky_relu"),
    ZooCase("dense-gelu-he_normal", (256,), _dense(), ("HeNormal", {}), "gelu"),
    ZooCase("dense-swish-glorot_normal", (256,), _dense(), ("GlorotNormal", {}), "swish"),
    ZooCase("dense-tanh-glorot_uniform", (256,), _dense(depth=4), ("GlorotUniform", {}), "tanh"),
    ZooCase("dense-tanh-he_uniform", (256,), _dense(depth=4), ("HeUniform", {}), "tanh"),
    ZooCase("dense-selu-lecun_normal", (256,), _dense(depth=4), ("LecunNormal", {}), "selu"),
    ZooCase("dense-linear-lecun_uniform", (256,), _dense(), ("LecunUniform", {}), "linear"),
    ZooCase("dense-relu-random_normal", (256,), _dense(), ("RandomNormal", {}), "relu"),
    ZooCase("dense-relu-random_uniform", (256,), _dense(depth=4), ("RandomUniform", {}), "relu",
            notes="collapses: x0.107 per layer"),
    ZooCase("dense-tanh-truncated_normal", (256,), _dense(), ("TruncatedNormal", {"stddev": 0.1}), "tanh"),
    ZooCase("dense-relu-orthogonal", (256,), _dense(), ("Orthogonal", {"gain": 1.4142135623730951}), "relu"),
    ZooCase("dense-tanh-orthogonal", (256,), _dense(), ("Orthogonal", {}), "tanh"),
    ZooCase("dense-relu-vs_fan_out", (256,), (("Dense", {"units": 512}), ("Dense", {"units": 256}),
                                               ("Dense", {"units": 256})),
            ("VarianceScaling", {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"}), "relu"),
    ZooCase("dense-gelu-narrowing", (512,), (("Dense", {"units": 128}), ("Dense", {"units": 128})),
            ("GlorotUniform", {}), "gelu"),
    ZooCase("dense-linear-orthogonal-widening", (256,), (("Dense", {"units": 1024}), ("Dense", {"units": 256})),
            ("Orthogonal", {}), "linear", notes="in < out: per-unit gain in/out"),
    ZooCase("dense-selu-vs_untruncated", (256,), _dense(),
            ("VarianceScaling", {"scale": 1.0, "mode": "fan_in", "distribution": "untruncated_normal"}), "selu"),
    ZooCase("dense-swish-random_normal", (256,), _dense(), ("RandomNormal", {"stddev": 0.08}), "swish"),
    ZooCase("dense-leaky-random_uniform", (256,), _dense(), ("RandomUniform", {"minval": -0.1, "maxval": 0.1}),
            "leaky_relu"),
    ZooCase("einsum-relu-he_uniform", (256,), tuple(("EinsumDense", {"equation": "ab,bc->ac", "output_shape": 256})
                                                    for _ in range(3)), ("HeUniform", {}), "relu"),
    ZooCase("einsum-gelu-glorot_uniform", (8, 256),
            (("EinsumDense", {"equation": "abc,cd->abd", "output_shape": (None, 512)}),
             ("EinsumDense", {"equation": "abc,cd->abd", "output_shape": (None, 256)})),
            ("GlorotUniform", {}), "gelu", batch=32),
    # ----- convolutions
    ZooCase("conv2d-valid-relu-he_uniform", (16, 16, 32), (("Conv2D", CONV),) * 3, ("HeUniform", {}), "relu", batch=4),
    ZooCase("conv2d-same-relu-he_normal", (16, 16, 32), (("Conv2D", {**CONV, "padding": "same"}),) * 3,
            ("HeNormal", {}), "relu", batch=4, notes="edges of same padding"),
    ZooCase("conv2d-same-s2-gelu-glorot", (32, 32, 32), (("Conv2D", {**CONV, "padding": "same", "strides": 2}),) * 2,
            ("GlorotUniform", {}), "gelu", batch=4),
    ZooCase("conv2d-valid-tanh-lecun_normal", (16, 16, 32), (("Conv2D", CONV),) * 3, ("LecunNormal", {}), "tanh",
            batch=4),
    ZooCase("conv2d-same-swish-vs_fan_out", (16, 16, 32), (("Conv2D", {**CONV, "padding": "same"}),) * 3,
            ("VarianceScaling", {"scale": 2.0, "mode": "fan_out", "distribution": "uniform"}), "swish", batch=4),
    ZooCase("conv2d-valid-relu-truncated_normal", (16, 16, 32), (("Conv2D", CONV),) * 3, ("TruncatedNormal", {}),
            "relu", batch=4),
    ZooCase("conv2d-same-dilated-selu-lecun", (16, 16, 32),
            (("Conv2D", {**CONV, "padding": "same", "dilation_rate": 2}),) * 3, ("LecunNormal", {}), "selu", batch=4),
    ZooCase("conv2d-valid-linear-orthogonal", (16, 16, 32), (("Conv2D", CONV),) * 2, ("Orthogonal", {}), "linear",
            batch=4),
    ZooCase("conv1d-causal-relu-he_uniform", (64, 64), (("Conv1D", {"filters": 256, "kernel_size": 5,
                                                                    "padding": "causal"}),) * 3,
            ("HeUniform", {}), "relu", batch=8),
    ZooCase("conv1d-valid-s2-tanh-glorot_normal", (128, 64), (("Conv1D", {"filters": 64, "kernel_size": 5,
                                                                          "strides": 2}),) * 3,
            ("GlorotNormal", {}), "tanh", batch=16),
    ZooCase("conv3d-same-relu-he_uniform", (8, 8, 8, 16), (("Conv3D", {"filters": 64, **C3, "padding": "same"}),) * 2,
            ("HeUniform", {}), "relu", batch=4),
    # ----- transposed convolutions, stride 1 and 2, same and valid
    ZooCase("convT-s2-same-relu-he_uniform", (8, 8, 64),
            (("Conv2DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2, "padding": "same"}),) * 2,
            ("HeUniform", {}), "relu", batch=8, notes="Keras' fan_in counts filters: a quarter of He per layer"),
    ZooCase("convT-s2-same-relu-vs8_fan_out", (8, 8, 64),
            (("Conv2DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2, "padding": "same"}),) * 2,
            ("VarianceScaling", {"scale": 8.0, "mode": "fan_out", "distribution": "uniform"}), "relu", batch=8,
            notes="Var = 2 / n_eff"),
    ZooCase("convT-s1-same-leaky-he_normal", (16, 16, 32),
            (("Conv2DTranspose", {"filters": 128, "kernel_size": 3, "padding": "same"}),) * 3,
            ("HeNormal", {}), "leaky_relu", batch=4),
    ZooCase("convT-s2-valid-gelu-glorot", (8, 8, 64),
            (("Conv2DTranspose", {"filters": 64, "kernel_size": 3, "strides": 2}),) * 2,
            ("GlorotUniform", {}), "gelu", batch=8),
    ZooCase("convT-s1-valid-tanh-random_normal", (12, 12, 32),
            (("Conv2DTranspose", {"filters": 32, "kernel_size": 3}),) * 3,
            ("RandomNormal", {"stddev": 0.05}), "tanh", batch=8),
    ZooCase("convT1d-s2-same-swish-he_uniform", (32, 64),
            (("Conv1DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2, "padding": "same"}),) * 3,
            ("HeUniform", {}), "swish", batch=16),
    # ----- depthwise and separable
    ZooCase("depthwise-same-relu-he_uniform", (16, 16, 256),
            (("DepthwiseConv2D", {"kernel_size": 5, "padding": "same"}),) * 2, ("HeUniform", {}), "relu", batch=8,
            notes="Keras' fan_in k*k*C: He is C times too small for the k*k inputs each output sums"),
    ZooCase("depthwise-valid-linear-random_normal", (16, 16, 128),
            (("DepthwiseConv2D", {"kernel_size": 3}),) * 2, ("RandomNormal", {"stddev": 0.3}), "linear", batch=8),
    ZooCase("separable-same-relu-he_uniform", (16, 16, 256),
            (("SeparableConv2D", {"filters": 256, **C3, "padding": "same"}),) * 3, ("HeUniform", {}), "relu", batch=8),
    ZooCase("separable-valid-tanh-glorot", (16, 16, 64),
            (("SeparableConv2D", {"filters": 64, **C3}),) * 2, ("GlorotUniform", {}), "tanh", batch=8),
    ZooCase("separable1d-same-gelu-he_normal", (64, 256),
            (("SeparableConv1D", {"filters": 256, "kernel_size": 5, "padding": "same"}),) * 2, ("HeNormal", {}),
            "gelu", batch=16),
    # ----- behind Flatten / Reshape / UpSampling
    ZooCase("conv-flatten-dense-relu-he", (10, 10, 32),
            (("Conv2D", {"filters": 16, **C3}), ("Flatten", {}), ("Dense", {"units": 256}), ("Dense", {"units": 256})),
            ("HeUniform", {}), "relu", batch=64),
    ZooCase("conv-flatten-dense-relu-glorot", (10, 10, 32),
            (("Conv2D", {"filters": 16, **C3}), ("Flatten", {}), ("Dense", {"units": 256}), ("Dense", {"units": 256})),
            ("GlorotUniform", {}), "relu", batch=64, notes="Dense(256) reading 1024 flattened inputs"),
    ZooCase("dense-reshape-conv1d-tanh-glorot", (256,),
            (("Dense", {"units": 1024}), ("Reshape", {"target_shape": (-1, 64)}),
             ("Conv1D", {"filters": 64, **C3}), ("Flatten", {}), ("Dense", {"units": 256})),
            ("GlorotUniform", {}), "tanh", batch=64),
    ZooCase("dense-reshape-convT-selu-lecun", (256,),
            (("Dense", {"units": 1024}), ("Reshape", {"target_shape": (4, 4, 64)}),
             ("Conv2DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2, "padding": "same"}),
             ("Flatten", {}), ("Dense", {"units": 256})),
            ("LecunNormal", {}), "selu", batch=64),
    ZooCase("conv-upsampling-conv-relu-he", (8, 8, 64),
            (("Conv2D", {**CONV, "padding": "same"}), ("UpSampling2D", {}), ("Conv2D", {**CONV, "padding": "same"})),
            ("HeUniform", {}), "relu", batch=8),
)

WEIGHTED_KINDS = ("Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose",
                  "Conv3DTranspose", "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D")
