"""`verify` on W7710 reused-initializer: the uses' kernels compared as written and with every W7710
edit of FILE applied (tests/runtime_models/reused.py), end to end on CPU, and the pure judging."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from pylint_glorot.runtime import reuse_check as RC
from pylint_glorot.runtime import static, verdicts

MODEL = Path(__file__).resolve().parent / "runtime_models" / "reused.py"
HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None
needs_tensorflow = pytest.mark.skipif(not HAS_TENSORFLOW and not os.environ.get("GLOROT_REQUIRE_TENSORFLOW"),
                                      reason="TensorFlow is not installed")
# factory -> extra arguments; each is one verify child process (draws do not matter to W7710)
RUNS = {"shared_instance": ["--format", "json"], "same_seed": ["--format", "json"],
        "different_shapes": ["--format", "json"], "factory_seed": [],
        "redrawn_after_construction": ["--format", "json"]}


def _verify(factory: str, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pylint_glorot.runtime.cli", f"{MODEL}:{factory}", "--device", "cpu",
                           "--draws", "1", "--timeout", "300", *arguments],
                          capture_output=True, text=True, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"}, check=False)


@pytest.fixture(scope="module")
def runs() -> Iterator[dict[str, Future[subprocess.CompletedProcess[str]]]]:
    if not HAS_TENSORFLOW:
        pytest.skip("TensorFlow is not installed")
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield {name: pool.submit(_verify, name, arguments) for name, arguments in RUNS.items()}


def _reused(runs: dict[str, Future[subprocess.CompletedProcess[str]]], name: str) -> dict:
    done = runs[name].result()
    assert done.returncode in (0, 1), done.stderr
    found = [f for f in json.loads(done.stdout)["findings"] if f["symbol"] == "reused-initializer"]
    assert len(found) == 1, found  # the static one; no runtime-only duplicate for the same kernels
    return found[0]


# --------------------------------------------------------------------------- end to end


@needs_tensorflow
def test_a_shared_instance_is_confirmed_and_the_fixed_file_draws_independent_kernels(runs) -> None:
    finding = _reused(runs, "shared_instance")
    numbers = finding["numbers"]
    assert finding["verdict"] == "confirmed" and not finding["runtime_only"] and finding["line"] == 10
    assert numbers["relation"] == RC.IDENTICAL and numbers["kernels"] == numbers["related"] == 2
    assert numbers["lines"] == [13, 14] and numbers["identical"] == 2
    assert numbers["suggested_relation"] == RC.INDEPENDENT and numbers["suggested_kernels"] == 2
    assert numbers["suggested_max_abs_correlation"] < 0.2  # 32x32 independent draws: about 1/32
    assert "bit-identical" in finding["evidence"] and "with the fix applied (2 kernels): independent" in finding["evidence"]


@needs_tensorflow
def test_two_instances_with_one_integer_seed_are_identical_until_one_generator_is_shared(runs) -> None:
    finding = _reused(runs, "same_seed")
    assert finding["verdict"] == "confirmed" and finding["line"] == 21
    assert finding["numbers"]["relation"] == RC.IDENTICAL
    assert finding["numbers"]["suggested_relation"] == RC.INDEPENDENT


@needs_tensorflow
def test_kernels_of_different_shapes_are_one_stream(runs) -> None:
    finding = _reused(runs, "different_shapes")
    numbers = finding["numbers"]
    assert finding["verdict"] == "confirmed" and finding["line"] == 6  # the module-level instance
    assert numbers["relation"] == RC.ONE_STREAM and numbers["min_correlation"] > 1 - 1e-6
    assert [pair["relation"] for pair in numbers["pairs"]] == [RC.ONE_STREAM]
    assert numbers["suggested_relation"] == RC.INDEPENDENT and numbers["suggested_max_abs_correlation"] < 0.2
    assert "one random stream" in finding["evidence"]


@needs_tensorflow
def test_a_factory_seed_is_confirmed_in_the_text_report(runs) -> None:
    done = runs["factory_seed"].result()
    assert done.returncode == 1, done.stderr
    assert "line 34: W7710 reused-initializer: CONFIRMED" in done.stdout
    assert "are bit-identical; with the fix applied (2 kernels): independent, max |correlation| 0.0" in done.stdout


@needs_tensorflow
def test_kernels_drawn_again_after_construction_refute_the_static_finding(runs) -> None:
    finding = _reused(runs, "redrawn_after_construction")
    assert finding["verdict"] == "not-confirmed"
    assert finding["numbers"]["related"] == 0 and finding["numbers"]["max_abs_correlation"] < 0.2
    assert "independent as written" in finding["evidence"]


# --------------------------------------------------------------------------- the static side


def test_the_static_side_gives_each_use_its_layer_call_and_its_lines_in_the_fixed_text() -> None:
    view = static.static_pass(MODEL)
    reused = {f.line: f for f in view.findings if f.symbol == "reused-initializer"}
    assert sorted(reused) == [6, 10, 21, 34, 46]
    assert [(use.site.first_line, use.keyword) for use in reused[10].uses] == \
        [(13, "kernel_initializer"), (14, "kernel_initializer")]
    assert [use.site.first_line for use in reused[34].uses] == [34]  # one layer call, built by two factory calls
    assert view.fixed is not None and not view.fixed.why
    assert "seed_generator_7 = keras.random.SeedGenerator(7)" in view.fixed.text
    assert "seed=keras.random.SeedGenerator(3)" in view.fixed.text
    lines = view.fixed.text.splitlines()
    for finding in reused.values():
        for use in finding.uses:  # the same layer call, moved by the lines the fix added
            assert use.fixed_lines is not None
            assert lines[use.fixed_lines[0] - 1].strip().split("(")[0] == \
                MODEL.read_text().splitlines()[use.site.first_line - 1].strip().split("(")[0]
    request = verdicts.request_parts(view)["reuse"]
    assert {f["id"] for f in request["findings"]} == {view.findings.index(f) for f in reused.values()}
    assert request["text"] == view.fixed.text and len(request["fixed_sites"]) == len(view.sites)


def test_a_file_without_w7710_sends_no_reuse_request() -> None:
    view = static.static_pass(MODEL.parent / "relu_glorot.py")
    assert view.fixed is None and verdicts.request_parts(view)["reuse"] == {}


# --------------------------------------------------------------------------- the judging, on the child's pairs


def _finding() -> static.StaticFinding:
    site = static.StaticSite(3, 3, "Dense", "kernel_initializer", "dense", static.Reading("unreadable"), None, None, "")
    other = static.StaticSite(4, 4, "Dense", "kernel_initializer", "dense", static.Reading("unreadable"), None, None, "")
    return static.StaticFinding("reused-initializer", 1, "x", static.IDENTICAL,
                                uses=(static.KernelUse(site, "kernel_initializer", (4, 4)),
                                      static.KernelUse(other, "kernel_initializer", (5, 5))))


def _kernel(index: int, line: int, shape: list[int]) -> dict:
    return {"model": "m", "index": index, "name": f"dense_{index}", "line": line, "keyword": "kernel_initializer",
            "shape": shape}


def _entry(pairs: list, suggested: list | None, kernels: list | None = None) -> dict:
    kernels = kernels or [_kernel(0, 3, [8, 8]), _kernel(1, 4, [8, 8])]
    return {"id": 0, "kernels": kernels, "pairs": pairs,
            "suggested": None if suggested is None else {"kernels": kernels, "pairs": suggested},
            "suggested_why": "" if suggested is not None else "the findings carry no edit to apply"}


def test_related_as_written_and_independent_fixed_is_confirmed() -> None:
    judged, covered = verdicts._reused(_finding(), _entry([[0, 1, RC.IDENTICAL, 1.0]],
                                                          [[0, 1, RC.INDEPENDENT, 0.04]]), {})
    assert judged.verdict == verdicts.CONFIRMED and covered == {("m", 0), ("m", 1)}
    assert judged.numbers["suggested_max_abs_correlation"] == 0.04


def test_a_fix_that_leaves_them_related_is_not_confirmed() -> None:
    judged, _ = verdicts._reused(_finding(), _entry([[0, 1, RC.IDENTICAL, 1.0]], [[0, 1, RC.ONE_STREAM, 1.0]]), {})
    assert judged.verdict == verdicts.NOT_CONFIRMED and "still one random stream" in judged.evidence


def test_independent_kernels_refute_and_a_missing_fix_is_said() -> None:
    refuted, covered = verdicts._reused(_finding(), _entry([[0, 1, RC.INDEPENDENT, -0.3]], None), {})
    assert refuted.verdict == verdicts.NOT_CONFIRMED and covered == set()
    assert refuted.numbers["max_abs_correlation"] == 0.3
    unfixed, _ = verdicts._reused(_finding(), _entry([[0, 1, RC.ONE_STREAM, 1.0]], None), {})
    assert unfixed.verdict == verdicts.CONFIRMED and "the fix was not measured" in unfixed.evidence


def test_a_related_group_must_span_every_use_line() -> None:
    kernels = [_kernel(0, 3, [8, 8]), _kernel(1, 3, [8, 8]), _kernel(2, 4, [8, 8])]
    pairs = [[0, 1, RC.IDENTICAL, 1.0], [0, 2, RC.INDEPENDENT, 0.1], [1, 2, RC.INDEPENDENT, 0.1]]
    judged, _ = verdicts._reused(_finding(), _entry(pairs, None, kernels), {})
    assert judged.verdict == verdicts.NOT_CONFIRMED and "the kernels at line 4 are independent" in judged.evidence
    one, _ = verdicts._reused(_finding(), _entry([], None, kernels[:1]), {})
    assert one.verdict == verdicts.NOT_MEASURABLE


def test_related_groups_join_identical_and_one_stream_pairs() -> None:
    pairs = [RC.Pair(0, 1, RC.IDENTICAL, 1.0), RC.Pair(1, 2, RC.ONE_STREAM, 1.0), RC.Pair(0, 3, RC.INDEPENDENT, 0.0)]
    assert RC.related_groups(4, pairs) == [[0, 1, 2], [3]]
    assert RC.max_abs_correlation(pairs + [RC.Pair(2, 3, RC.INDEPENDENT, None)]) == 1.0


def test_independent_kernels_are_reported_independent_by_reuse_check() -> None:
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(3)
    found = RC.compare([rng.normal(size=(32, 32)), rng.normal(size=(32, 64))])
    assert found.relation == RC.INDEPENDENT and RC.related_groups(2, found.pairs) == [[0], [1]]
