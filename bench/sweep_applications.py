"""Run `pylint-glorot verify` on every keras.applications model, weights=None, smallest input.

For each model a file is written that builds it (`keras.applications.NAME(weights=None,
input_shape=(S, S, 3))`, S the smallest input Keras accepts for it), and verify runs on it in a
fresh process, as a user would run it. Recorded per model: the wall time, the exit code, the
verdict counts, and every runtime-only finding (id, layers, library line, the measured second
moment or gradient growth over its chain, and with the suggested initializers). The triage
(true or noise, and why) is written by hand into docs/runtime.md from this output.

    python bench/sweep_applications.py [--batch 8] [--timeout 900] [--only NAME ...] [--out sweep.json]

CPU heavy (about 70 models): run it once, in the background, e.g.
    nohup timeout 4800 python bench/sweep_applications.py --out /tmp/sweep.json > /tmp/sweep.log 2>&1 &
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the smallest input side keras.applications accepts with weights=None (its obtain_input_shape min_size,
# or the architecture's own floor); anything not listed: 32
MINIMUM = {"InceptionV3": 75, "InceptionResNetV2": 75, "Xception": 71, "NASNetMobile": 32, "NASNetLarge": 32}

SOURCE = """import keras


def build():
    return keras.applications.{name}(weights=None, input_shape=({side}, {side}, 3))
"""


def application_names() -> list[str]:
    probe = ("import keras, json; names = sorted(n for n in dir(keras.applications) "
             "if n[:1].isupper() and callable(getattr(keras.applications, n))); print(json.dumps(names))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_one(name: str, folder: Path, batch: int, timeout: float) -> dict:
    side = MINIMUM.get(name, 32)
    path = folder / f"app_{name}.py"
    path.write_text(SOURCE.format(name=name, side=side))
    command = [sys.executable, "-m", "pylint_glorot.runtime.cli", f"{path}:build", "--format", "json",
               "--device", "cpu", "--batch", str(batch), "--timeout", str(timeout)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    seconds = time.perf_counter() - start
    entry: dict = {"model": name, "input": side, "seconds": round(seconds, 1), "exit": done.returncode}
    if done.returncode not in (0, 1):
        entry["error"] = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"
        return entry
    document = json.loads(done.stdout)
    entry["weighted_layers"] = len(document["layers"])
    entry["structure_from"] = document["models"][0].get("structure_from")
    entry["draws"] = document["models"][0].get("draws")
    entry["verdicts"] = {}
    for finding in document["findings"]:
        entry["verdicts"][finding["verdict"]] = entry["verdicts"].get(finding["verdict"], 0) + 1
    entry["runtime_only"] = [
        {"id": f["id"], "symbol": f["symbol"], "layers": len(f["layers"]), "first": f["layers"][0] if f["layers"] else None,
         "library": f["library"], "evidence": f["evidence"], "numbers": f["numbers"]}
        for f in document["findings"] if f.get("runtime_only")]
    return entry


def main() -> int:
    parse = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parse.add_argument("--batch", type=int, default=8)
    parse.add_argument("--timeout", type=float, default=900.0, help="per model (verify's own --timeout)")
    parse.add_argument("--only", nargs="*")
    parse.add_argument("--out", type=Path)
    arguments = parse.parse_args()
    names = arguments.only or application_names()
    print(f"{len(names)} keras.applications models, batch {arguments.batch}, CPU", flush=True)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            entry = run_one(name, Path(folder), arguments.batch, arguments.timeout)
            results.append(entry)
            found = ", ".join(f"{f['id']} x{f['layers']} ({f['numbers'].get('gain', f['numbers'].get('gradient_growth', 0)):.2g})"
                              for f in entry.get("runtime_only", []))
            print(f"{name:24} {entry['input']:>3}px {entry['seconds']:7.1f} s exit {entry['exit']} "
                  f"{entry.get('error', '')}{entry.get('verdicts', '')} runtime-only: {found or 'none'}", flush=True)
            if arguments.out:
                arguments.out.write_text(json.dumps(results, indent=1))
    failed = [e["model"] for e in results if e["exit"] not in (0, 1)]
    print(f"{len(results) - len(failed)} of {len(results)} completed; failed: {', '.join(failed) or 'none'}; "
          f"total {sum(e['seconds'] for e in results) / 60:.1f} min")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
