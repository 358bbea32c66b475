"""How long `pylint-glorot verify` takes against the least any runtime check must do.

For each model, in the same run and on the same machine:
- verify: `python -m pylint_glorot.runtime.cli FILE:build --format json` (the static pass, a
  child process that imports TensorFlow, builds the model and measures it: one forward/backward
  pass with the current initializers, and a second one with the suggested initializers when
  there are findings to verify);
- baseline: a fresh Python process that imports TensorFlow, builds the same model from the same
  file and runs one forward/backward pass (loss = sum of the outputs) at the same batch size.
Both are timed end to end (process start to exit); the ratio verify / baseline is printed for
each model, with the target of at most 3x.

    python bench/bench_runtime.py [--repeat N] [--batch 32] [--device auto|cpu|gpu] [--only mlp|resnet50|efficientnetb0]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

TARGET = 3.0

MODELS = {
    "mlp": (
        "20-layer MLP (Dense 256, relu, default initializer)",
        textwrap.dedent(
            """
            import keras
            from keras import layers


            def build():
                model = keras.Sequential([keras.Input((256,))])
                for _ in range(20):
                    model.add(layers.Dense(256, activation="relu"))
                model.add(layers.Dense(10))
                return model
            """
        ),
        (256,),
    ),
    "resnet50": (
        "keras.applications.ResNet50(weights=None)",
        textwrap.dedent(
            """
            import keras


            def build():
                return keras.applications.ResNet50(weights=None)
            """
        ),
        (224, 224, 3),
    ),
    "efficientnetb0": (
        "keras.applications.EfficientNetB0(weights=None)",
        textwrap.dedent(
            """
            import keras


            def build():
                return keras.applications.EfficientNetB0(weights=None)
            """
        ),
        (224, 224, 3),
    ),
}

BASELINE = textwrap.dedent(
    """
    import importlib.util, sys
    import numpy as np
    import tensorflow as tf
    spec = importlib.util.spec_from_file_location("bench_model", sys.argv[1])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build()
    shape = (int(sys.argv[2]),) + tuple(int(d) for d in sys.argv[3].split(","))
    x = tf.constant(np.random.default_rng(0).standard_normal(shape).astype("float32"))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x, training=True))
    gradients = tape.gradient(loss, model.trainable_variables)
    assert all(g is not None for g in gradients)
    """
)


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - start, done


def main() -> int:
    parse = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parse.add_argument("--repeat", type=int, default=1, help="runs of each command; the median is reported")
    parse.add_argument("--batch", type=int, default=32)
    parse.add_argument("--device", choices=("auto", "cpu", "gpu"), default="auto")
    parse.add_argument("--only", choices=sorted(MODELS), action="append")
    arguments = parse.parse_args()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "KERAS_BACKEND": "tensorflow"}
    if arguments.device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = "-1"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, batch {arguments.batch}, device {arguments.device}, "
          f"median of {arguments.repeat}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for key in arguments.only or list(MODELS):
            title, source, shape = MODELS[key]
            path = Path(folder) / f"bench_{key}.py"
            path.write_text(source)
            baseline_script = Path(folder) / "baseline.py"
            baseline_script.write_text(BASELINE)
            verify_times, baseline_times = [], []
            summary = ""
            for _ in range(arguments.repeat):
                # alternate the two so that a slow moment of the machine hits both alike
                seconds, done = _timed([sys.executable, str(baseline_script), str(path), str(arguments.batch),
                                        ",".join(map(str, shape))], env)
                if done.returncode != 0:
                    print(f"{key}: the baseline failed:\n{done.stderr[-2000:]}")
                    return 2
                baseline_times.append(seconds)
                seconds, done = _timed([sys.executable, "-m", "pylint_glorot.runtime.cli", f"{path}:build",
                                        "--format", "json", "--batch", str(arguments.batch),
                                        "--device", arguments.device], env)
                if done.returncode not in (0, 1):
                    print(f"{key}: verify failed:\n{done.stderr[-2000:]}")
                    return 2
                verify_times.append(seconds)
                document = json.loads(done.stdout)
                verdicts = [finding["verdict"] for finding in document["findings"]]
                model = document["models"][0]
                passes = model.get("draws", 1) * (2 if model["suggested"] else 1)
                summary = (f"{len(document['layers'])} weighted layers, {len(verdicts)} findings "
                           f"({verdicts.count('confirmed')} confirmed, {verdicts.count('runtime-only')} runtime-only), "
                           f"{passes} pass{'es' if passes != 1 else ''} ({model.get('draws', 1)} draws), "
                           f"{document['device']}")
            verify, baseline = statistics.median(verify_times), statistics.median(baseline_times)
            ratio = verify / baseline
            worst = max(worst, ratio)
            print(f"{title}: verify {verify:.1f} s, baseline {baseline:.1f} s, ratio {ratio:.2f}x "
                  f"(target <= {TARGET:g}x) [{summary}]")
    print(f"worst ratio {worst:.2f}x: {'within' if worst <= TARGET else 'OVER'} the {TARGET:g}x target")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
