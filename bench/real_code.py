"""Run the plugin over real Keras code we did not write: findings per message, crashes, -j parity.

    python bench/real_code.py [--jobs 2] [--show SYMBOL] [--compare-jobs] [-- extra pylint args]

Downloads wheels (pip download, into bench/.cache, not committed): keras (the whole package),
keras-hub, tf-models-official, keras-cv and tf-agents; lints them with only our messages plus
pylint's astroid-error/fatal enabled, and prints the count per message, the number of
astroid-error/fatal messages and of exceptions raised from the plugin. --compare-jobs lints
the corpus again under the other -j setting (1 vs --jobs) and diffs the findings.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
PACKAGES = {
    "keras": ("3.15.1", "keras"),
    "keras-hub": ("0.32.0", "keras_hub"),
    "tf-models-official": ("2.20.0", "official"),
    "keras-cv": ("0.9.0", "keras_cv"),
    "tf-agents": ("0.19.0", "tf_agents"),
}
OURS = "W7701,C7702,C7703,R7704,E7705,W7706,W7707,W7708,W7709,W7710"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<id>[A-Z]\d{4}): (?P<text>.*) \((?P<symbol>[a-z-]+)\)$")


def extracted(package: str, version: str) -> Path:
    target = CACHE / f"{package}-{version}"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                        "-d", str(CACHE), f"{package}=={version}"], check=True)
        wheel = next(CACHE.glob(f"{package.replace('-', '_')}-{version}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(target)
    return target


def lint(trees: list[Path], jobs: int, extra: list[str]) -> tuple[list[str], collections.Counter, int, float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--recursive=y", "--score=n", f"--jobs={jobs}", "--disable=all",
         f"--enable={OURS},astroid-error,fatal", "--load-plugins=pylint_glorot", *extra, *map(str, trees)],
        capture_output=True, text=True, check=False, cwd=CACHE,
    )
    elapsed = time.perf_counter() - start
    findings, counts = [], collections.Counter()
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        if match and (match["id"][1:3] == "77" or match["symbol"] in ("astroid-error", "fatal")):
            counts[match["symbol"]] += 1
            findings.append(line)
    crashes = result.stderr.count("Traceback") + result.stdout.count("Exception on node")
    return findings, counts, crashes, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", action="append", default=[], help="print every finding of this symbol")
    parser.add_argument("--compare-jobs", action="store_true", help="also lint with -j 1 and diff the findings")
    parser.add_argument("extra", nargs="*", help="extra pylint arguments, e.g. --glorot-min-chain=2")
    options = parser.parse_args()
    trees = [extracted(name, version) / sub for name, (version, sub) in PACKAGES.items()]
    files = sum(1 for tree in trees for _ in tree.rglob("*.py"))
    findings, counts, crashes, elapsed = lint(trees, options.jobs, options.extra)
    for line in findings:
        if any(line.endswith(f"({symbol})") for symbol in options.show):
            print(line)
    print(f"{files} files in {', '.join(PACKAGES)}; -j {options.jobs}: {elapsed:.0f} s")
    print(f"astroid-error/fatal: {counts['astroid-error'] + counts['fatal']}; exceptions from the plugin: {crashes}")
    for symbol, count in sorted(counts.items()):
        print(f"{count:6d}  {symbol}")
    if options.compare_jobs:
        other = 1 if options.jobs != 1 else 2
        other_findings, _counts, other_crashes, other_elapsed = lint(trees, other, options.extra)
        same = sorted(findings) == sorted(other_findings)
        print(f"-j {other}: {other_elapsed:.0f} s, exceptions {other_crashes}; findings identical to -j {options.jobs}: "
              f"{same} ({len(findings)} vs {len(other_findings)})")
        if not same:
            for line in sorted(set(findings) ^ set(other_findings)):
                print("  differs:", line)
            raise SystemExit(1)
    if crashes or counts["astroid-error"] or counts["fatal"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
