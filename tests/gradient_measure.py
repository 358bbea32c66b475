"""Measure the gradient factor of every gradient-zoo case (tests/gradient_zoo_cases.py) on Keras.

The factor is the energy of dL/dx at the chain's input over the energy of dL/dy at its output,
for L = sum(y * r), r ~ N(0, 1) drawn per sample and unit (zero bias, N(0, 1) input, batch 512),
the quantity W7709's gradient figure predicts. Also the forward gain q_out / q_in.

    python tests/gradient_measure.py SEED...           # {name: [{"forward": ..., "gradient": ...}, ...]}
    python tests/gradient_measure.py --noise SEED...   # seed-to-seed sd of log(gradient), log(forward)
    python tests/gradient_measure.py --unsteady SEED...  # the UNSTEADY cases, every seed
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
BATCH = 512


def measure(case, seed: int) -> dict:
    import numpy as np
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    namespace: dict = {}
    exec(compile(__import__("gradient_zoo_cases").source(case), case.name, "exec"), namespace)  # noqa: S102
    model = namespace["model"]
    for layer in model.layers:
        if getattr(layer, "bias", None) is not None:
            layer.bias.assign(tf.zeros_like(layer.bias))
    rng = np.random.default_rng(seed)
    x = tf.constant(rng.standard_normal((BATCH, *case.input_shape)).astype("float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = model(x)
        r = tf.constant(rng.standard_normal(y.shape).astype("float32"))
        loss = tf.reduce_sum(y * r)
    g = tape.gradient(loss, x).numpy().astype("float64")
    energy = float(np.sum(g * g) / np.sum(r.numpy().astype("float64") ** 2))
    forward = float(np.mean(y.numpy().astype("float64") ** 2) / np.mean(x.numpy().astype("float64") ** 2))
    return {"forward": forward, "gradient": energy}


def main(argv: list[str]) -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gradient_zoo_cases import GRADIENT_ZOO, UNSTEADY

    only_noise = argv[:1] == ["--noise"]
    unsteady = argv[:1] == ["--unsteady"]
    seeds = [int(s) for s in argv[1 if only_noise or unsteady else 0:]] or [0]
    runs = {case.name: [measure(case, seed) for seed in seeds] for case in (UNSTEADY if unsteady else GRADIENT_ZOO)}
    if only_noise:
        print(json.dumps({name: {key: round(statistics.pstdev(math.log(r[key]) for r in rs), 4)
                                 for key in ("gradient", "forward")} | {"seeds": len(rs)}
                          for name, rs in runs.items()}, indent=1))
    else:
        print(json.dumps(runs))


if __name__ == "__main__":
    main(sys.argv[1:])
