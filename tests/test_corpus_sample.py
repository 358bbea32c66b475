"""A small real-code sample in the default run: keras 3.15's applications (downloaded from
PyPI, not committed) lint without a crash, with exactly the findings triaged in
docs/precision.md. The full corpus run is bench/real_code.py."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
OURS = "W7701,C7702,C7703,R7704,E7705,W7706,W7707,W7708,W7709"


@pytest.fixture(scope="module")
def keras_applications() -> Path:
    target = CACHE / "keras-3.15.1"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        download = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
             "-d", str(CACHE), "keras==3.15.1"],
            capture_output=True, text=True, check=False,
        )
        if download.returncode != 0:
            if os.environ.get("GLOROT_REQUIRE_CORPUS"):
                pytest.fail(f"could not download the keras wheel: {download.stderr[-500:]}")
            pytest.skip("the keras wheel could not be downloaded (CI sets GLOROT_REQUIRE_CORPUS=1)")
        with zipfile.ZipFile(next(CACHE.glob("keras-3.15.1-*.whl"))) as archive:
            archive.extractall(target)
    return target / "keras" / "src" / "applications"


def test_keras_applications_lint_cleanly_with_the_triaged_findings(keras_applications: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--recursive=y", "--score=n", "--disable=all",
         f"--enable={OURS},astroid-error,fatal", "--load-plugins=pylint_glorot",
         "--msg-template={path}:{symbol}", str(keras_applications)],
        capture_output=True, text=True, check=False, cwd=keras_applications,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    found = collections.Counter(
        line for line in result.stdout.splitlines() if line and not line.startswith("*")
    )
    assert found == {  # one message per chain: the 13 and 16 conv layers of VGG16 and VGG19
        "vgg16.py:implicit-initializer-mismatch": 1,
        "vgg19.py:implicit-initializer-mismatch": 1,
    }
