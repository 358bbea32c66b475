"""Static shapes, kernel shapes and fans (pylint_glorot.network.shapes): hand-derived cases, and
every case of tests/network_cases.py against Keras itself (real output shape on zeros, real kernel
shapes, and the fans Keras' VarianceScaling computes), in a child process, when TensorFlow is there."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_glorot.network import (
    UNKNOWN, compute_fans, effective_fan, kernel_shape, keras_fans, mean_fan, output_shape,
)
from network_cases import KERNEL_ATTRIBUTES, SHAPE_CASES

HERE = Path(__file__).resolve().parent
HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None
needs_tensorflow = pytest.mark.skipif(
    not HAS_TENSORFLOW and not os.environ.get("GLOROT_REQUIRE_TENSORFLOW"),
    reason="TensorFlow is not installed (CI installs it and sets GLOROT_REQUIRE_TENSORFLOW=1)",
)


@pytest.mark.parametrize(
    ("kind", "config", "inputs", "expected"),
    [
        ("Dense", {"units": 128}, [(30976,)], (128,)),
        ("Conv2D", {"filters": 64, "kernel_size": 3, "strides": 2, "padding": "same"}, [(32, 32, 3)], (16, 16, 64)),
        ("Conv2D", {"filters": 64, "kernel_size": 3}, [(28, 28, 1)], (26, 26, 64)),
        ("Conv2D", {"filters": 64, "kernel_size": 3}, [(None, 28, 1)], (None, 26, 64)),
        ("Conv2D", {"filters": 4, "kernel_size": 5}, [(3, 3, 1)], None),  # Keras raises: output <= 0
        ("Conv2DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2, "padding": "same"}, [(16, 16, 64)],
         (32, 32, 64)),
        ("Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2}, [(7, 7, 3)], (15, 15, 8)),
        ("Flatten", {}, [(11, 11, 256)], (30976,)),
        ("Flatten", {}, [(None, 11, 256)], (None,)),
        ("Reshape", {"target_shape": (-1, 8)}, [(4, 4)], (2, 8)),
        ("Reshape", {"target_shape": (-1, 8)}, [(None, 4)], (None, 8)),
        ("Reshape", {"target_shape": (-1, -1)}, [(4, 4)], None),
        ("Concatenate", {"axis": 0}, [(3,), (3,)], None),  # the batch axis
        ("Concatenate", {}, [(3, None), (3, 5)], (3, None)),
        ("Add", {}, [(None, 4), (3, 4)], (3, 4)),
        ("Add", {}, [(1, 4), (3, 4)], (3, 4)),
        ("GlobalAveragePooling2D", {}, [(7, 7, 512)], (512,)),
        ("MaxPooling2D", {"pool_size": 2, "strides": UNKNOWN}, [(8, 8, 3)], None),
        ("MultiHeadAttention", {"num_heads": 2, "key_dim": 4, "output_shape": UNKNOWN}, [(5, 6)], None),
        ("LSTM", {"units": 8, "return_sequences": None}, [(5, 3)], None),
        ("Bidirectional", {"layer": ("LSTM", {"units": 8}), "merge_mode": None}, [(5, 3)], None),
        ("TimeDistributed", {"layer": ("Dense", {"units": 4})}, [(5, 3)], (5, 4)),
        ("Dense", {"units": None}, [(3,)], (None,)),
        ("NoSuchLayer", {}, [(3,)], None),
        ("Dense", {"units": 3}, [None], None),
        ("Dense", {"units": 3}, [], None),
        ("Conv2D", {"filters": 3, "kernel_size": "three"}, [(8, 8, 3)], None),
        ("Conv2D", {"filters": 3, "kernel_size": 3, "data_format": "NHWC"}, [(8, 8, 3)], None),
        ("Permute", {"dims": (1, 1)}, [(3, 4)], None),
    ],
)
def test_output_shape(kind, config, inputs, expected) -> None:
    assert output_shape(kind, config, inputs) == expected


def test_bad_config_types_answer_none() -> None:
    assert output_shape("Dense", None, [(3,)]) is None  # type: ignore[arg-type]
    assert effective_fan("Dense", {"units": 3}, None) is None
    assert keras_fans("Conv2D", {"filters": 3}, (8, 8, 3)) is None  # no kernel_size: Keras requires it


@pytest.mark.parametrize(
    ("kind", "config", "shape", "kernel", "fans", "n_eff"),
    [
        ("Dense", {"units": 128}, (30976,), "kernel", (30976, 128), 30976),
        ("Conv2D", {"filters": 64, "kernel_size": 3}, (32, 32, 16), "kernel", (144, 576), 144),
        ("Conv2D", {"filters": 64, "kernel_size": 3, "groups": 4}, (32, 32, 16), "kernel", (36, 576), 36),
        # transposed kernels are k x out x in: Keras' fan_in counts the filters
        ("Conv2DTranspose", {"filters": 64, "kernel_size": 4, "strides": 2}, (16, 16, 32), "kernel",
         (1024, 512), 32 * 16 / 4),
        ("Conv2DTranspose", {"filters": 64, "kernel_size": 3}, (16, 16, 32), "kernel", (576, 288), 288),
        ("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2}, (16, 16, 32), "kernel", (288, 18), 9),
        ("SeparableConv2D", {"filters": 64, "kernel_size": 3}, (16, 16, 32), "depthwise", (288, 9), 9),
        ("SeparableConv2D", {"filters": 64, "kernel_size": 3}, (16, 16, 32), "pointwise", (32, 64), 32),
        ("LSTM", {"units": 16}, (10, 8), "kernel", (8, 64), 8),
        ("LSTM", {"units": 16}, (10, 8), "recurrent_kernel", (16, 64), 16),
        ("EinsumDense", {"equation": "abc,cde->abde", "output_shape": (None, 4, 8)}, (10, 32), "kernel",
         (32, 32), 32),
        ("MultiHeadAttention", {"num_heads": 4, "key_dim": 8}, (10, 32), "attention_output", (32, 32), 32),
        ("Bidirectional", {"layer": ("GRU", {"units": 8})}, (10, 5), "kernel", (5, 24), 5),
    ],
)
def test_fans(kind, config, shape, kernel, fans, n_eff) -> None:
    assert keras_fans(kind, config, shape, kernel) == fans
    assert effective_fan(kind, config, shape, kernel) == pytest.approx(n_eff)


def test_compute_fans_matches_keras_rules() -> None:
    assert compute_fans(()) == (1, 1)
    assert compute_fans((7,)) == (7, 7)
    assert compute_fans((3, 5)) == (3, 5)
    assert compute_fans((3, 3, 4, 8)) == (36, 72)


def test_mean_fan_counts_the_edges_of_same_padding() -> None:
    # 3 taps per dim, 2 of them at each edge of a 16-wide map: (14 * 3 + 2 * 2) / 48 per dim
    conv = {"filters": 8, "kernel_size": 3, "padding": "same"}
    assert mean_fan("Conv2D", conv, (16, 16, 4)) == pytest.approx(36 * (46 / 48) ** 2)
    assert mean_fan("Conv2D", {**conv, "padding": "valid"}, (16, 16, 4)) == 36
    assert mean_fan("Conv2D", conv, (None, 16, 4)) == 36  # unknown: the interior value
    # stride 2, kernel 4, same: 2 taps per output in the interior, 1 at the first and last output
    transpose = {"filters": 8, "kernel_size": 4, "strides": 2, "padding": "same"}
    assert effective_fan("Conv2DTranspose", transpose, (8, 8, 16)) == 64
    assert mean_fan("Conv2DTranspose", transpose, (8, 8, 16)) == pytest.approx(64 * (30 / 32) ** 2)
    assert mean_fan("Dense", {"units": 3}, (5,)) == 5


@pytest.fixture(scope="module")
def keras_truth() -> list[dict]:
    assert HAS_TENSORFLOW, "GLOROT_REQUIRE_TENSORFLOW is set but TensorFlow is missing"
    result = subprocess.run([sys.executable, str(HERE / "keras_shapes_probe.py")], capture_output=True,
                            text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_tensorflow
def test_every_case_matches_keras(keras_truth: list[dict]) -> None:
    assert len(keras_truth) == len(SHAPE_CASES)
    mismatches = []
    for (kind, config, inputs), truth in zip(SHAPE_CASES, keras_truth):
        if output_shape(kind, config, inputs) != tuple(truth["output"]):
            mismatches.append((kind, config, "output", output_shape(kind, config, inputs), truth["output"]))
        names = KERNEL_ATTRIBUTES.get(kind, {"kernel": "kernel"}).values()
        for name in names:
            if name not in truth["kernels"]:
                continue
            kernel = truth["kernels"][name]
            ours = kernel_shape(kind, config, inputs[0], name)
            if ours != tuple(kernel["shape"]):
                mismatches.append((kind, config, name, ours, kernel["shape"]))
            if kernel["fans"] is not None and keras_fans(kind, config, inputs[0], name) != tuple(kernel["fans"]):
                mismatches.append((kind, config, name, keras_fans(kind, config, inputs[0], name), kernel["fans"]))
    assert not mismatches, mismatches


@needs_tensorflow
def test_the_comparison_covers_every_weighted_kind(keras_truth: list[dict]) -> None:
    with_fans = {kind for (kind, _, _), truth in zip(SHAPE_CASES, keras_truth)
                 if any(k["fans"] for k in truth["kernels"].values())}
    assert {"Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "DepthwiseConv2D",
            "SeparableConv2D", "Embedding", "LSTM", "GRU", "SimpleRNN", "MultiHeadAttention"} <= with_fans


BAD_VALUES = [UNKNOWN, None, -1, 0, "x", 2.5, (), (1, "a"), True]


@pytest.mark.parametrize(("kind", "config", "inputs"), SHAPE_CASES, ids=lambda v: v if isinstance(v, str) else "")
def test_bad_or_dynamic_values_never_crash(kind, config, inputs) -> None:
    """Every key replaced by a dynamic or wrong value: an answer (often None), never an exception."""
    for key in [*config, "kernel_size", "strides", "padding"]:
        for bad in BAD_VALUES:
            broken = {**config, key: bad}
            shape = output_shape(kind, broken, inputs)
            assert shape is None or all(d is None or (isinstance(d, int) and d > 0) for d in shape), (key, bad, shape)
            for kernel in ("kernel", "depthwise", "pointwise", "recurrent_kernel"):
                found = kernel_shape(kind, broken, inputs[0], kernel)
                assert found is None or all(isinstance(d, int) and d > 0 for d in found)
                fans = keras_fans(kind, broken, inputs[0], kernel)
                assert fans is None or all(isinstance(f, int) and f > 0 for f in fans), (key, bad, fans)
                for fan in (effective_fan(kind, broken, inputs[0], kernel), mean_fan(kind, broken, inputs[0], kernel)):
                    assert fan is None or fan > 0


def test_mean_taps_counts_like_a_brute_force_walk() -> None:
    import itertools

    from pylint_glorot.network.shapes import _mean_taps, _pad_left

    def brute(size, k, s, d, padding, transpose, out):
        pad = _pad_left(out, size, k, s, d, padding) if transpose else _pad_left(size, out, k, s, d, padding)
        n, limit = (size, out) if transpose else (out, size)
        return sum(0 <= i * s - pad + t * d < limit for i in range(n) for t in range(k)) / out

    for size, k, s, d, padding, transpose in itertools.product(
            range(1, 9), range(1, 5), range(1, 4), (1, 2), ("valid", "same", "causal"), (False, True)):
        for out in (1, 2, 5, size, size * s, 17):
            assert _mean_taps(size, k, s, d, padding, transpose, out) == pytest.approx(
                brute(size, k, s, d, padding, transpose, out)), (size, k, s, d, padding, transpose, out)
