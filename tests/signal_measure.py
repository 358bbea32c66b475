"""Measure the signal's second moment through a built Keras model, layer by layer.

`measure_second_moments(model, x)` is the measurement the proof zoo (tests/test_signal_zoo.py)
compares the static prediction with; the runtime checker can serve the same role later. It walks
a Sequential model's layers in order and, for every layer with an `activation`, computes the
pre-activation by calling the layer with its activation swapped for linear, then applies the
activation itself. Second moments are means of squares over batch, positions and units.

Run as a script it builds every zoo case (tests/signal_zoo_cases.py) for the given seeds and
prints the measurements as JSON: `python tests/signal_measure.py 0 1 2`.
"""

from __future__ import annotations

import inspect
import json
import math
import os
import sys
from dataclasses import asdict, dataclass

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@dataclass
class LayerMoments:
    name: str
    kind: str
    q_in: float
    q_pre: float | None  # None for layers without an activation
    q_out: float


def _second_moment(tensor) -> float:
    import numpy as np

    values = np.asarray(tensor, dtype="float64")
    return float(np.mean(values * values))


def measure_second_moments(model, x) -> list[LayerMoments]:
    """Per-layer second moments of a Sequential Keras model on the input batch x."""
    import keras

    out = []
    current = x
    for layer in model.layers:
        q_in = _second_moment(current)
        activation = getattr(layer, "activation", None)
        if activation is not None and layer.weights:
            layer.activation = keras.activations.linear
            try:
                pre = layer(current)
            finally:
                layer.activation = activation
            current = activation(pre)
            out.append(LayerMoments(layer.name, type(layer).__name__, q_in, _second_moment(pre),
                                    _second_moment(current)))
        else:
            current = layer(current)
            out.append(LayerMoments(layer.name, type(layer).__name__, q_in, None, _second_moment(current)))
    return out


INITIALIZER_KEYWORDS = ("kernel_initializer", "depthwise_initializer", "pointwise_initializer")


def build_case(case, seed: int):
    """The zoo case as a Keras Sequential model, every weighted layer with a fresh initializer."""
    import keras

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from signal_zoo_cases import WEIGHTED_KINDS

    keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=case.input_shape)]
    for kind, config in case.layers:
        config = dict(config)
        layer_class = getattr(keras.layers, kind)
        if kind in WEIGHTED_KINDS:
            config["activation"] = case.activation
            accepted = inspect.signature(layer_class.__init__).parameters
            for keyword in INITIALIZER_KEYWORDS:
                if keyword in accepted:
                    name, init_config = case.initializer
                    config[keyword] = getattr(keras.initializers, name)(**init_config)
        layers.append(layer_class(**config))
    return keras.Sequential(layers)


def measure_case(case, seed: int) -> list[dict]:
    import numpy as np

    model = build_case(case, seed)
    x = np.random.default_rng(seed).standard_normal((case.batch, *case.input_shape)).astype("float32")
    return [asdict(m) for m in measure_second_moments(model, x)]


def _gains(run: list[dict]) -> tuple[list[float], float]:
    return [m["q_out"] / m["q_in"] for m in run], run[-1]["q_out"] / run[0]["q_in"]


def noise(runs: list[list[dict]]) -> dict:
    """Seed-to-seed standard deviation of log(gain), per layer and for the whole chain."""
    import statistics

    per_seed = [_gains(run) for run in runs]
    layers = [statistics.pstdev(math.log(g[0][i]) for g in per_seed) for i in range(len(per_seed[0][0]))]
    return {"layer_sd": [round(sd, 4) for sd in layers],
            "chain_sd": round(statistics.pstdev(math.log(g[1]) for g in per_seed), 4), "seeds": len(runs)}


def main(argv: list[str]) -> None:
    """`signal_measure.py SEED...`: measurements; `signal_measure.py --noise SEED...`: their noise."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from signal_zoo_cases import ZOO

    only_noise = argv[:1] == ["--noise"]
    seeds = [int(s) for s in argv[1 if only_noise else 0:]] or [0]
    runs = {case.name: [measure_case(case, seed) for seed in seeds] for case in ZOO}
    if only_noise:
        print(json.dumps({name: noise(r) for name, r in runs.items()}, indent=1))
    else:
        print(json.dumps(runs))


if __name__ == "__main__":
    main(sys.argv[1:])
