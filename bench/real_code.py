"""Run the plugin over real Keras code we did not write and count findings per message.

    python bench/real_code.py [--jobs 2] [--show SYMBOL] [-- extra pylint args]

Downloads wheels (pip download, into bench/.cache, not committed): keras (its applications),
keras-hub, tf-models-official, keras-cv, tf-agents; lints them with only our messages plus pylint's
astroid-error/fatal enabled, and prints the count per message (and every line of --show).
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import zipfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
PACKAGES = {
    "keras": ("3.15.1", "keras/src/applications"),
    "keras-hub": ("0.32.0", "keras_hub"),
    "tf-models-official": ("2.20.0", "official"),
    "keras-cv": ("0.9.0", "keras_cv"),
    "tf-agents": ("0.19.0", "tf_agents"),
}
OURS = "W7701,C7702,C7703,R7704,E7705,W7706,W7707,W7708"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", action="append", default=[], help="print every finding of this symbol")
    parser.add_argument("extra", nargs="*", help="extra pylint arguments, e.g. --glorot-min-chain=2")
    options = parser.parse_args()
    trees = [extracted(name, version) / sub for name, (version, sub) in PACKAGES.items()]
    files = sum(1 for tree in trees for _ in tree.rglob("*.py"))
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--recursive=y", "--score=n", f"--jobs={options.jobs}", "--disable=all",
         f"--enable={OURS},astroid-error,fatal", "--load-plugins=pylint_glorot", *options.extra,
         *map(str, trees)],
        capture_output=True, text=True, check=False, cwd=CACHE,
    )
    counts: collections.Counter[str] = collections.Counter()
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        if match and (match["id"][1:3] == "77" or match["symbol"] in ("astroid-error", "fatal")):
            counts[match["symbol"]] += 1
            if match["symbol"] in options.show:
                print(line)
    crashes = result.stderr.count("Traceback")
    print(f"{files} files in {', '.join(PACKAGES)}; pylint exit {result.returncode}; tracebacks on stderr: {crashes}")
    for symbol, count in sorted(counts.items()):
        print(f"{count:6d}  {symbol}")


if __name__ == "__main__":
    main()
