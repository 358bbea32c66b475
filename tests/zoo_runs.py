"""Run a zoo's measuring script (tests/signal_measure.py, tests/gradient_measure.py) in a child process
and read its JSON: {case name: the first draw's measurement}."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measured_runs(script: str, seed: int) -> dict:
    result = subprocess.run([sys.executable, str(HERE / script), str(seed)], capture_output=True,
                            text=True, check=False, timeout=900, cwd=HERE.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    return {name: runs[0] for name, runs in json.loads(result.stdout.strip().splitlines()[-1]).items()}
