"""Run in a child process by tests/test_network_shapes.py: build every case of network_cases.py in
Keras, run it on zeros, and print (as JSON) the real output shape, every kernel's shape and the
fans Keras' VarianceScaling computes for each kernel."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.initializers.random_initializers import compute_fans  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from network_cases import KERNEL_ATTRIBUTES, SHAPE_CASES  # noqa: E402

SEEN: list[tuple[tuple, tuple[int, int]]] = []


@keras.saving.register_keras_serializable(package="glorot_probe")
class RecordingScaling(keras.initializers.VarianceScaling):
    """Records the fans VarianceScaling computes (EinsumDense clones it with its axes)."""

    def __call__(self, shape, dtype=None):
        SEEN.append((tuple(shape), compute_fans(shape, self.input_axes, self.output_axes)))
        return super().__call__(shape, dtype)


INITIALIZER_KEYWORDS = ("kernel_initializer", "depthwise_initializer", "pointwise_initializer",
                        "embeddings_initializer")


def _build(kind: str, config: dict):
    config = dict(config)
    if "layer" in config:
        inner_kind, inner_config = config.pop("layer")
        config["layer"] = _build(inner_kind, inner_config)
    layer_class = getattr(keras.layers, kind)
    for keyword in INITIALIZER_KEYWORDS:
        if keyword in layer_class.__init__.__code__.co_varnames:
            config[keyword] = RecordingScaling()
    return layer_class(**config)


def _attribute(obj, dotted: str):
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    return obj


def main() -> None:
    results = []
    for kind, config, inputs in SHAPE_CASES:
        SEEN.clear()
        layer = _build(kind, config)
        arrays = [np.zeros((1, *shape), dtype="int32" if kind == "Embedding" else "float32") for shape in inputs]
        if kind == "MultiHeadAttention":
            out = layer(arrays[0], arrays[1])
        elif len(arrays) > 1:
            out = layer(arrays)
        else:
            out = layer(arrays[0])
        kernels = {}
        for attribute, name in KERNEL_ATTRIBUTES.get(kind, {"kernel": "kernel"}).items():
            variable = _attribute(layer, attribute)
            if variable is not None:
                shape = tuple(variable.shape)
                fans = [list(f) for s, f in SEEN if s == shape]
                kernels[name] = {"shape": list(shape), "fans": fans[0] if fans else None}
        results.append({"output": list(out.shape[1:]), "kernels": kernels})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
