"""Time the plugin against pylint's parse floor on real Keras code, in the same run.

    python bench/bench_static.py [--repeats 3] [--jobs 1] [--tree official/vision]

Downloads the tf-models-official wheel (pip download, into bench/.cache, not committed),
then times, alternating, on the same files:
  floor:  pylint --recursive=y --disable=all --enable=syntax-error TREE
  plugin: pylint --recursive=y --disable=all --enable=<our six messages> --load-plugins=pylint_glorot TREE
(plain --disable=all lints nothing in pylint 4, so the floor enables syntax-error) and prints
the median and minimum wall time of each and their ratios (the minimum is the least disturbed
by other load on the machine). Target: plugin / floor <= 1.10.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
OUR_MESSAGES = "W7701,C7702,C7703,R7704,E7705,W7706,W7707,W7708,W7709,W7710"


def corpus(package: str = "tf-models-official", version: str = "2.20.0") -> Path:
    """The extracted wheel of `package`, downloaded once."""
    target = CACHE / f"{package}-{version}"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
         "-d", str(CACHE), f"{package}=={version}"],
        check=True,
    )
    wheel = next(CACHE.glob(f"{package.replace('-', '_')}-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pylint", *args], cwd=cwd, capture_output=True, text=True,
                            check=False)
    elapsed = time.perf_counter() - start
    if result.returncode & 1 or result.returncode & 32:  # fatal or usage error
        raise SystemExit(f"pylint failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--tree", default="official/vision")
    options = parser.parse_args()
    root = corpus()
    tree = root / options.tree
    files = sum(1 for _ in tree.rglob("*.py"))
    common = ["--recursive=y", "--score=n", f"--jobs={options.jobs}", "--disable=all"]
    floor_args = [*common, "--enable=syntax-error", str(tree)]
    plugin_args = [*common, f"--enable={OUR_MESSAGES}", "--load-plugins=pylint_glorot", str(tree)]
    floor, plugin = [], []
    findings = 0
    for _ in range(options.repeats):
        floor.append(timed(floor_args, root)[0])
        seconds, output = timed(plugin_args, root)
        plugin.append(seconds)
        findings = sum(1 for line in output.splitlines() if ": W77" in line or ": C77" in line
                       or ": R77" in line or ": E77" in line)
    print(f"tree: {options.tree} ({files} files), jobs={options.jobs}, repeats={options.repeats} (alternating)")
    print(f"parse floor: median {statistics.median(floor):.2f} s, min {min(floor):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in floor)})")
    print(f"plugin:      median {statistics.median(plugin):.2f} s, min {min(plugin):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in plugin)}), {findings} findings")
    print(f"ratio plugin/floor: median {statistics.median(plugin) / statistics.median(floor):.3f}, "
          f"min {min(plugin) / min(floor):.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
