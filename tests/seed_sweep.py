"""Run by test_runtime.py in one child process: every listed model measured for each seed, judged.

    python tests/seed_sweep.py SEEDS MODEL.py:FACTORY[@D1,D2] ...   (SEEDS like 0-9)

Prints one JSON object: target -> per seed, the sorted (symbol, line, verdict) of its findings.
One process for all of them: TensorFlow is imported once (test time stays modest).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pylint_glorot.runtime import child, cli, static, verdicts


def main(arguments: list[str]) -> None:
    first, last = (int(part) for part in arguments[0].split("-"))
    seeds = list(range(first, last + 1))
    found = {}
    with open(os.devnull, "w", encoding="utf-8") as progress:
        for target in arguments[1:]:
            spec, _at, shape = target.partition("@")
            path, factory = cli.split_target(spec)
            view = static.static_pass(path)
            request = {"file": str(Path(path).resolve()), "factory": factory, "batch": 32, "seed": 0, "seeds": seeds,
                       "input_shape": [int(d) for d in shape.split(",")] if shape else None, "device": "cpu",
                       "backend": os.environ.get("KERAS_BACKEND", "tensorflow"), **verdicts.request_parts(view)}
            result = child.run(request, progress)
            per_seed = []
            for measured in result["per_seed"]:
                measured = {**measured, **{k: result[k] for k in ("device", "backend", "keras", "tensorflow")}}
                rows = verdicts.layer_rows(measured, view)
                judged, _hidden = verdicts.judge(view, measured, rows)
                per_seed.append(sorted([v.finding.symbol, v.finding.line, v.verdict] for v in judged))
            found[target] = per_seed
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1:])
