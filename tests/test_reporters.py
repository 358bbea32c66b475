"""The SARIF and rdjson output formats: schema, positions, fixes, and -j N against -j 1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pylint.interfaces import HIGH
from pylint.message import Message
from pylint.typing import MessageLocationTuple

import pylint_glorot
from pylint_glorot import cli, fix
from pylint_glorot.checker import DOCS_URL, MESSAGES
from pylint_glorot.edits import Source, remove_unused_imports
from pylint_glorot.reporters.base import resolve
from pylint_glorot.reporters.recover import recover

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
PLUGINS = "--load-plugins=pylint_glorot,pylint_glorot.reporters"

MODEL = textwrap.dedent(
    '''\
    """A model."""
    import keras
    from keras import layers
    from keras.initializers import GlorotUniform

    chain = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),  # a comment that stays
        layers.Dense(64, activation="relu"),
    ])
    hand_rolled = layers.Dense(8, activation="relu",
                               kernel_initializer=keras.initializers.VarianceScaling(1.0, "fan_avg", "uniform"))
    seeded = layers.Dense(8, activation="relu", kernel_initializer=GlorotUniform(seed=1))
    also_seeded = layers.Dense(8, activation="relu", kernel_initializer=GlorotUniform(seed=2))
    '''
)

UNICODE = textwrap.dedent(
    '''\
    from keras import layers
    d = "𐐀é"; e = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")
    '''
)

TF1 = textwrap.dedent(
    '''\
    import tensorflow as tf
    x = tf.keras.layers.Dense(3, activation="tanh", kernel_initializer=tf.keras.initializers.VarianceScaling(scale=2.0))
    w = tf.compat.v1.get_variable("w", [3, 3], initializer=tf.contrib.layers.xavier_initializer(seed=3))
    y = tf.keras.layers.Dense(3, activation="relu", kernel_initializer="ones")
    z = tf.keras.initializers.VarianceScaling(mode="FAN_IN")
    '''
)

REUSED = textwrap.dedent(
    '''\
    from keras import initializers, layers
    SHARED = initializers.GlorotUniform()
    a = layers.Dense(8, kernel_initializer=SHARED)
    b = layers.Dense(8, kernel_initializer=SHARED)
    c = layers.Dense(8, kernel_initializer=initializers.HeNormal(seed=3)), layers.Dense(8, kernel_initializer=initializers.HeNormal(seed=3))
    '''
)

FILES = {"model.py": MODEL, "unicode_line.py": UNICODE, "pkg/tf1.py": TF1, "reused.py": REUSED}


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _pylint(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pylint", PLUGINS, "--disable=all", "--enable=glorot", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, input=stdin, check=False,
                          encoding="utf-8")


def _report(project: Path, fmt: str, *args: str) -> dict[str, Any]:
    done = _pylint(project, f"--output-format={fmt}", *args, *FILES)
    assert not done.stderr.strip(), done.stderr
    return json.loads(done.stdout)


def _splice(text: str, changes: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(set(changes), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _fixed_by_command(project: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The fix command's first pass: what the messages of one lint ask for (reporters see one lint)."""
    monkeypatch.setattr(fix, "MAX_PASSES", 1)
    copy = project / "copy"
    copy.mkdir(exist_ok=True)
    shutil.copy(project / "pyproject.toml", copy / "pyproject.toml")
    (copy / Path(name).name).write_text(FILES[name], encoding="utf-8")
    assert cli.main(["fix", str(copy / Path(name).name)]) == cli.FIXED
    return (copy / Path(name).name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- SARIF


def _utf16_offset(source: Source, line: int, column: int) -> int:
    """A text offset from SARIF's 1-based UTF-16 line/column."""
    text = source.line_text(line) if line <= len(source.lines) else ""
    units, chars = 0, 0
    while units < column - 1:
        units += len(text[chars].encode("utf-16-le")) // 2
        chars += 1
    base = source.starts[line - 1] if line <= len(source.lines) else len(source.text)
    return base + chars


def _apply_sarif(log: dict[str, Any], uri: str, text: str) -> str:
    source = Source(text)
    changes = []
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                if change["artifactLocation"]["uri"] != uri:
                    continue
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    start = _utf16_offset(source, region["startLine"], region["startColumn"])
                    end = _utf16_offset(source, region["endLine"], region["endColumn"])
                    changes.append((start, end, replacement["insertedContent"]["text"]))
    return _splice(text, changes)


def test_sarif_validates_against_the_official_schema(project: Path) -> None:
    log = _report(project, "pylint_glorot.reporters.SarifReporter")
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) >= 8


def test_an_empty_sarif_log_is_valid(project: Path) -> None:
    (project / "clean.py").write_text("x = 1\n")
    done = _pylint(project, "--output-format=glorot-sarif", "clean.py")
    log = json.loads(done.stdout)
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    assert log["runs"][0]["results"] == []


def test_sarif_describes_the_tool_and_a_rule_per_message(project: Path) -> None:
    run = _report(project, "glorot-sarif")["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("pylint-glorot", pylint_glorot.__version__)
    assert driver["informationUri"].startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    for msgid, (_, symbol, description) in MESSAGES.items():
        rule = rules[msgid]
        assert rule["name"] == symbol
        assert rule["helpUri"] == DOCS_URL.format(symbol)
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] in " ".join(description.split())
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == {"W": "warning", "E": "error", "C": "note", "R": "note"}[result["ruleId"][0]]


def test_sarif_paths_are_relative_and_columns_are_utf16(project: Path) -> None:
    run = _report(project, "glorot-sarif")["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"model.py", "unicode_line.py", "pkg/tf1.py", "reused.py"}
    (result,) = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "unicode_line.py"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = UNICODE.splitlines()[1]
    start = line.index('"glorot_uniform"')
    utf16 = len(line[:start].encode("utf-16-le")) // 2
    assert utf16 == start + 1  # the astral character counts twice
    assert region == {"startLine": 2, "startColumn": utf16 + 1, "endLine": 2, "endColumn": utf16 + 17}


@pytest.mark.parametrize("name", FILES)
def test_sarif_fixes_do_what_the_fix_command_does(project: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same text, but for the imports the fixes left unused: `fix` removes those over all of a
    file's fixes together, which no single message's fix can know."""
    log = _report(project, "glorot-sarif")
    applied = remove_unused_imports(FILES[name], _apply_sarif(log, name, FILES[name]))
    assert applied == _fixed_by_command(project, name, monkeypatch)


def test_sarif_fix_carries_its_import(project: Path) -> None:
    run = _report(project, "glorot-sarif")["runs"][0]
    seeded = [r for r in run["results"] if "GlorotUniform(seed=1)" in r["message"]["text"]][0]
    replacements = seeded["fixes"][0]["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == [
        "HeUniform(seed=1)", "from keras.initializers import HeUniform\n"]
    assert replacements[1]["deletedRegion"] == {"startLine": 5, "startColumn": 1, "endLine": 5, "endColumn": 1}


def test_text_and_a_sarif_file_at_once(project: Path) -> None:
    done = _pylint(project, "--output-format=text,pylint_glorot.reporters.SarifReporter:report.sarif", "model.py")
    assert "W7701" in done.stdout and "model.py:13:" in done.stdout
    log = json.loads((project / "report.sarif").read_text())
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"C7702", "W7701"}


def test_other_pylint_messages_get_rules_with_pylint_docs(project: Path) -> None:
    (project / "unused.py").write_text("import os\n")
    done = _pylint(project, "--enable=unused-import", "--output-format=glorot-sarif", "unused.py")
    run = json.loads(done.stdout)["runs"][0]
    (result,) = run["results"]
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert (result["ruleId"], rule["name"]) == ("W0611", "unused-import")
    assert rule["helpUri"] == "https://pylint.readthedocs.io/en/stable/user_guide/messages/warning/unused-import.html"
    assert "fixes" not in result


# --------------------------------------------------------------------------- rdjson


def _apply_rdjson(result: dict[str, Any], path: str, text: str) -> str:
    source = Source(text)
    changes = []
    for diagnostic in result["diagnostics"]:
        if diagnostic["location"]["path"] != path:
            continue
        for suggestion in diagnostic.get("suggestions", []):
            start, end = suggestion["range"]["start"], suggestion["range"]["end"]
            changes.append((source.offset(start["line"], start["column"] - 1),
                            source.offset(end["line"], end["column"] - 1), suggestion["text"]))
    return _splice(text, changes)


def test_rdjson_diagnostics(project: Path) -> None:
    result = _report(project, "glorot-rdjson")
    assert result["source"]["name"] == "pylint"
    (diagnostic,) = [d for d in result["diagnostics"] if d["location"]["path"] == "unicode_line.py"]
    line = UNICODE.splitlines()[1]
    start = len(line[: line.index('"glorot_uniform"')].encode())  # UTF-8 bytes
    expected_range = {"start": {"line": 2, "column": start + 1}, "end": {"line": 2, "column": start + 17}}
    assert diagnostic["location"]["range"] == expected_range
    assert diagnostic["severity"] == "WARNING"
    assert diagnostic["code"] == {"value": "initializer-activation-mismatch",
                                  "url": DOCS_URL.format("initializer-activation-mismatch")}
    assert diagnostic["suggestions"] == [{"range": expected_range, "text": '"he_uniform"'}]
    assert {d["location"]["path"] for d in result["diagnostics"]} == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_rdjson_suggestions_do_what_the_fix_command_does_but_imports(
    project: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _report(project, "glorot-rdjson")
    fixed = _fixed_by_command(project, name, monkeypatch)
    imports = {line for d in result["diagnostics"] if d["location"]["path"] == name
               for line in d["message"].split("(the fix also needs `")[1:]}
    for needed in imports:
        for line in needed.split("`")[0].split("; "):
            fixed = fixed.replace(line + "\n", "", 1)
    assert remove_unused_imports(FILES[name], _apply_rdjson(result, name, FILES[name])) == fixed


def test_a_chain_is_one_result_whose_fix_edits_every_layer(project: Path) -> None:
    sarif = _report(project, "glorot-sarif")
    chains = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "C7702"]
    assert len(chains) == 1 and "lines 7, 8, 9" in chains[0]["message"]["text"]
    replacements = chains[0]["fixes"][0]["artifactChanges"][0]["replacements"]
    assert [r["deletedRegion"]["startLine"] for r in replacements] == [7, 8, 9]
    rdjson = _report(project, "glorot-rdjson")
    chain = [d for d in rdjson["diagnostics"] if d["code"]["value"] == "implicit-initializer-mismatch"]
    assert [s["range"]["start"]["line"] for s in chain[0]["suggestions"]] == [7, 8, 9]
    assert all(s["text"] == ', kernel_initializer="he_uniform"' for s in chain[0]["suggestions"])


def test_rdjson_names_the_import_a_suggestion_needs(project: Path) -> None:
    result = _report(project, "glorot-rdjson")
    seeded = [d for d in result["diagnostics"] if "GlorotUniform(seed=1)" in d["message"]][0]
    assert seeded["message"].endswith("(the fix also needs `from keras.initializers import HeUniform` at the top of the file)")
    assert len(seeded["suggestions"]) == 1


# --------------------------------------------------------------------------- -j N


@pytest.mark.parametrize("fmt", ["glorot-sarif", "glorot-rdjson"])
def test_parallel_jobs_give_the_same_findings_and_fixes(project: Path, fmt: str) -> None:
    single = _report(project, fmt, "--jobs=1")
    parallel = _report(project, fmt, "--jobs=2")

    def ordered(log: dict[str, Any]) -> list[str]:
        items = log["runs"][0]["results"] if "runs" in log else log["diagnostics"]
        return sorted(json.dumps(item, sort_keys=True) for item in items)

    assert ordered(single) == ordered(parallel)
    fixes = [item for item in ordered(single) if '"fixes"' in item or '"suggestions"' in item]
    assert len(fixes) >= 8


# --------------------------------------------------------------------------- recovery, unit


def _message(path: Path, symbol: str, line: int, col: int, end_line: int, end_col: int) -> Message:
    msgid = {definition[1]: msgid for msgid, definition in MESSAGES.items()}[symbol]
    location = MessageLocationTuple(str(path), path.name, path.stem, "", line, col, end_line, end_col)
    return Message(msgid, symbol, location, "text", HIGH)


class _Config:
    glorot_check_normalized = False
    glorot_min_chain = 3
    glorot_test_files = None


def test_a_message_is_matched_to_its_finding_by_symbol_and_span(project: Path) -> None:
    path = project / "unicode_line.py"
    line = UNICODE.splitlines()[1]
    col = len(line[: line.index('"glorot')].encode())
    good = _message(path, "initializer-activation-mismatch", 2, col, 2, col + 16)
    moved = _message(path, "initializer-activation-mismatch", 2, col + 1, 2, col + 16)
    other_symbol = _message(path, "redundant-variance-scaling", 2, col, 2, col + 16)
    reported = resolve([good, moved, other_symbol], _Config(), {})
    assert reported[0].fix is not None and reported[0].fix.edits[0].text == '"he_uniform"'
    assert reported[1].fix is None and reported[2].fix is None


def test_an_unreadable_file_gives_messages_without_fixes(project: Path) -> None:
    gone = project / "gone.py"
    message = _message(gone, "initializer-activation-mismatch", 2, 0, 2, 4)
    recovered = recover([message], _Config())
    assert recovered[str(gone)].error and recovered[str(gone)].source is None
    (item,) = resolve([message], _Config(), {})
    assert item.fix is None and item.source is None


def test_from_stdin_fixes_come_from_the_buffer(project: Path) -> None:
    (project / "buffer.py").write_text("x = 1\n")
    buffer = "\n\n" + UNICODE
    done = _pylint(project, "--output-format=glorot-sarif", "--from-stdin", "buffer.py", stdin=buffer)
    log = json.loads(done.stdout)
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert _apply_sarif(log, "buffer.py", buffer) == buffer.replace('"glorot_uniform"', '"he_uniform"')


def test_a_fix_of_several_edits_travels_whole(project: Path) -> None:
    """W7710 edits every use of a shared initializer: SARIF carries all the replacements of one fix."""
    run = _report(project, "glorot-sarif")["runs"][0]
    shared = [r for r in run["results"] if r["ruleId"] == "W7710" and "GlorotUniform()" in r["message"]["text"]][0]
    replacements = shared["fixes"][0]["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == ["initializers.GlorotUniform()"] * 2
    assert [r["deletedRegion"]["startLine"] for r in replacements] == [3, 4]
