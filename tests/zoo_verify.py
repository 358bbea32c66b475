"""Run by test_runtime.py in one child process: verify's prediction beside measurement on the zoo.

    python tests/zoo_verify.py SEED [CASE-NAME ...]

Each case of tests/signal_zoo_cases.py (issue 9's proof zoo) is built as tests/signal_measure.py
builds it and measured by verify's own child code (measure_target: the graph, the draws, the
layer descriptions), then every layer's prediction is compared as verify reports it. Prints one
JSON object: case -> per weighted layer [name, measured gain, predicted gain, error, tolerance,
disagrees, why-not].
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pylint_glorot.runtime import child, static, verdicts  # noqa: E402


def main(arguments: list[str]) -> None:
    seed, wanted = int(arguments[0]), set(arguments[1:])
    from signal_measure import build_case  # noqa: PLC0415 - imports keras
    from signal_zoo_cases import ZOO  # noqa: PLC0415

    backend = os.environ.get("KERAS_BACKEND", "tensorflow")
    module, _version, keras = child.import_frameworks(open(os.devnull, "w", encoding="utf-8"), backend)
    from pylint_glorot.runtime import measure as M  # noqa: PLC0415

    recorder = M.Recorder(backend)
    recorder.install()
    view = static.StaticView([], [])
    found = {}
    with open(os.devnull, "w", encoding="utf-8") as progress:
        for case in ZOO:
            if wanted and case.name not in wanted:
                continue
            model = build_case(case, seed)
            request = {"file": "zoo", "factory": None, "batch": case.batch, "seed": seed, "input_shape": None,
                       "device": "cpu", "backend": backend, "draws_wanted": 3, "runtime_only": False}
            measured = {"models": [child.measure_target(backend, case.name, model, request, recorder, progress)]}
            rows = verdicts.layer_rows(measured, view)
            found[case.name] = [[row.name, row.number("current", "gain"), row.prediction.gain if row.prediction else None,
                                 row.prediction.error if row.prediction else None,
                                 row.prediction.tolerance if row.prediction else None,
                                 bool(row.prediction and row.prediction.disagrees),
                                 row.prediction.why if row.prediction else "no description"] for row in rows]
            keras.backend.clear_session()
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1:])
