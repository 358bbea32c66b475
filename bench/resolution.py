"""How much of the layer calls in real code the static checker can read: activations and initializers.

    PYTHONPATH=<tree> python bench/resolution.py [--json out.json] [paths...]

For every weighted layer site the checker builds (Keras layers, tf.layers, contrib/slim
functions), counts whether the activation its kernel feeds is resolved (its own, a following
activation, or the layer's default) and whether its judged initializer is resolved (the
default when none is given, or a value the source fixes). Without paths, lints the
bench/real_code.py corpus (downloaded into bench/.cache). Run it under two trees (before and
after a change) to compare; it uses only the pipeline's public steps (collect, analyze_module).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import astroid

from pylint_glorot import analysis, figures, rules
from pylint_glorot.model import ABSENT, analyze_module

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def corpus_trees() -> dict[str, Path]:
    from real_code import PACKAGES, extracted  # bench/real_code.py

    return {name: extracted(name, version) / sub for name, (version, sub) in PACKAGES.items()}


def _in_tests(path: Path) -> bool:
    return path.name.startswith("test_") or path.name.endswith("_test.py") or path.name == "conftest.py"


def count(files: list[Path], findings: list[str]) -> collections.Counter:
    """Resolution counts over `files`; appends "path:line: symbol: text" for each finding the
    checker would report with every message enabled (the first candidate of each node)."""
    counts: collections.Counter = collections.Counter()
    for path in files:
        try:
            module = astroid.parse(path.read_text(encoding="utf-8", errors="replace"), path=str(path))
        except Exception:  # a file astroid cannot parse is pylint's business, not ours
            counts["unparsable files"] += 1
            continue
        collected = analysis.collect(module)
        try:
            for node in analysis.module_findings(module, rules.Options(in_tests=_in_tests(path)), collected):
                first = node.candidates[0]
                counts[f"finding {first.symbol}"] += 1
                findings.append(f"{path}:{first.span.line}: {first.symbol}: {first.text}")
        except Exception as error:  # noqa: BLE001 - a crash is a result to report
            counts["exceptions"] += 1
            findings.append(f"{path}: EXCEPTION {error!r}")
        calls = analysis._interesting_calls(collected)  # noqa: SLF001 - the same filter the checker uses
        if not calls:
            continue
        for site in _one_per_call(analyze_module(module, calls).sites):
            counts["sites"] += 1
            counts[f"sites {site.api}"] += 1
            counts["activation resolved"] += site.activation is not None
            counts["own activation given"] += site.own_activation is not ABSENT
            if site.api == "tf1":  # TF 1 layers as networks: the input shape known, the figure stated
                counts["tf1 input shape known"] += site.input_shape is not None
                judged = site.initializers.get(site.spec.judged_keyword or "")
                counts["tf1 gain known"] += figures.layer_gain(site, figures.kernel_init(judged, site.api)) is not None
            keyword = site.spec.judged_keyword
            if keyword is None:
                continue
            counts["judged sites"] += 1
            if keyword not in site.initializers:
                counts["initializer default"] += 1
            elif site.initializers[keyword] is not None:
                counts["initializer given, resolved"] += 1
            else:
                counts["initializer given, unresolved"] += 1
            counts["initializer given"] += keyword in site.initializers
    return counts


def _one_per_call(sites: list) -> list:
    """One site per layer call: a subclass's layer is copied into each network that uses an instance;
    the call counts once, resolved when any of its copies is (the copies come first)."""
    chosen: dict[int, object] = {}
    for site in sites:
        key = id(site.anchor) if site.anchor is not None else id(site)
        if key not in chosen or (chosen[key].activation is None and site.activation is not None):
            chosen[key] = site
    return list(chosen.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write the counts here")
    parser.add_argument("--findings", type=Path, help="write every finding here, one a line")
    options = parser.parse_args()
    trees = {str(p): p for p in options.paths} if options.paths else corpus_trees()
    result = {}
    findings: list[str] = []
    for name, tree in trees.items():
        files = sorted(tree.rglob("*.py")) if tree.is_dir() else [tree]
        counts = count(files, findings)
        counts["files"] = len(files)
        result[name] = dict(counts)
        sites = counts["sites"] or 1
        given = counts["initializer given"] or 1
        print(f"{name}: {counts['files']} files, {counts['sites']} layer sites; activation resolved "
              f"{counts['activation resolved']} ({100 * counts['activation resolved'] / sites:.0f}%); initializer "
              f"given {counts['initializer given']}, resolved {counts['initializer given, resolved']} "
              f"({100 * counts['initializer given, resolved'] / given:.0f}%); default {counts['initializer default']}; "
              f"findings {sum(v for k, v in counts.items() if k.startswith('finding '))}")
    if options.json:
        options.json.write_text(json.dumps(result, indent=1, sort_keys=True))
    if options.findings:
        options.findings.write_text("".join(line + "\n" for line in findings))


if __name__ == "__main__":
    main()
