"""Lists built step by step, literal loops, literal model configs and slim.stack: what is read, and what is not."""

from __future__ import annotations

import astroid
import pytest

from pylint_glorot import analysis, rules
from pylint_glorot.model import analyze_module
from pylint_glorot.unroll import loop_passes

HEADER = "import keras\nfrom keras import layers\n"


def _findings(source: str) -> list:
    module = astroid.parse(HEADER + source)
    return [found.candidates[0] for found in analysis.module_findings(module, rules.Options())]


def _chains(source: str) -> list[int]:
    module = astroid.parse(HEADER + source)
    calls = analysis._interesting_calls(analysis.collect(module))
    model = analyze_module(module, calls)
    rules.number_chains(model.sites, model.links, rules.Options())
    return sorted({site.chain_length for site in model.sites if site.chain_length > 1})


@pytest.mark.parametrize("loop, expected", [
    ("for units in [512, 256]:\n    pass", [{"units": 512}, {"units": 256}]),
    ("for f, k in ((32, 3), (64, 5)):\n    pass", [{"f": 32, "k": 3}, {"f": 64, "k": 5}]),
    ("for i in range(1, 3):\n    pass", [{"i": 1}, {"i": 2}]),
    ("for units in widths:\n    pass", None),
    ("for f, k in ((32, 3), 64):\n    pass", None),
    ("for units in [512, 256]:\n    pass\nelse:\n    pass", None),
])
def test_loop_passes(loop: str, expected) -> None:
    assert loop_passes(astroid.extract_node(loop)) == expected


APPENDED = """
stack = []
{between}
for _ in range(3):
    stack.append(layers.Dense(256, activation="relu"))
model = keras.Sequential(stack)
"""


@pytest.mark.parametrize("between, chain", [
    ("", [3]),
    ("print(len(stack))", []),  # read by another call first: it may have changed the list
    ("other = stack", []),  # an alias: mutations through it are not followed
    ("stack.sort()", []),
    ("if stack:\n    stack.append(layers.Dense(256, activation='relu'))", []),
    ("stack.insert(0, keras.Input((256,)))", [3]),
    ("stack.insert(1, layers.Dense(256, activation='relu'))", []),  # a position the order cannot tell
])
def test_a_built_list_is_read_only_when_its_order_is_known(between: str, chain: list[int]) -> None:
    assert _chains(APPENDED.format(between=between)) == chain


def test_a_front_insert_inside_a_loop_is_not_read() -> None:
    source = """
stack = []
for _ in range(3):
    stack.insert(0, layers.Dense(256, activation="relu"))
    stack.append(layers.ReLU())
model = keras.Sequential(stack)
"""
    assert _chains(source) == []


def test_a_loop_pass_reads_its_values_into_the_layer_config() -> None:
    source = """
model = keras.Sequential([keras.Input((784,))])
for units in [512, 256, 128]:
    model.add(layers.Dense(units, activation="relu"))
"""
    module = astroid.parse(HEADER + source)
    model = analyze_module(module, analysis._interesting_calls(analysis.collect(module)))
    assert [(site.config.get("units"), site.in_channels, site.out_channels) for site in model.sites] == [
        (512, None, 512), (256, 512, 256), (128, 256, 128)]
    assert model.sites[1].pass_of is model.sites[0] and model.sites[2].pass_of is model.sites[0]


def test_a_pass_copy_reports_nothing_of_its_own() -> None:
    source = """
model = keras.Sequential([keras.Input((784,))])
for units in [512, 256, 128]:
    model.add(layers.Dense(units, activation="relu", kernel_initializer="glorot_uniform"))
"""
    assert [finding.symbol for finding in _findings(source)] == ["initializer-activation-mismatch"]


def test_a_json_edit_that_would_not_be_json_is_left_out() -> None:
    source = """
m = keras.models.model_from_json('{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"units": 64, "activation": "relu", "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}}}}]}}')
"""
    (finding,) = _findings(source)
    assert finding.symbol == "initializer-activation-mismatch" and finding.edits == ()


def test_a_json_edit_lands_inside_the_string() -> None:
    source = """
m = keras.models.model_from_json('{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"units": 64, "activation": "relu", "kernel_initializer": "glorot_uniform"}}]}}')
"""
    (finding,) = _findings(source)
    (edit,) = finding.edits
    line = (HEADER + source).splitlines()[edit.span.line - 1]
    assert line[edit.span.col:edit.span.end_col] == '"glorot_uniform"' and edit.text == '"he_uniform"'


_DENSE = '{"class_name": "Dense", "config": {"units": 8, "activation": "relu", "kernel_initializer": "glorot_uniform"}}'
_JSON = '{"class_name": "Sequential", "config": {"name": "s", "layers": [%s, %s]}}' % (_DENSE, _DENSE)


@pytest.mark.parametrize("written", [
    '"' + _JSON.replace('"', '\\"') + '"',  # "{\"class_name\": ...}": every quote escaped
    "'" + _JSON + "'",
    "'" + _JSON.replace("glorot_uniform", "glorot_\\\\u0075niform") + "'",  # a JSON escape: \\ in Python
    '"""' + _JSON.replace(", ", ",\n") + '"""',  # triple-quoted over several lines
    "r'" + _JSON.replace("glorot_uniform", "glorot_\\u0075niform") + "'",  # raw: the JSON escape as written
])
def test_a_fix_inside_a_json_string_is_written_as_the_literal_needs_it(written: str, tmp_path, monkeypatch) -> None:
    import ast
    import json

    from pylint_glorot import cli

    path = tmp_path / "model.py"
    path.write_text(HEADER + f"m = keras.models.model_from_json({written})\n")
    monkeypatch.chdir(tmp_path)
    assert [finding.symbol for finding in _findings(f"m = keras.models.model_from_json({written})\n")] == [
        "initializer-activation-mismatch"] * 2
    assert cli.main(["fix", str(path)]) == cli.FIXED
    fixed = path.read_text()
    (value,) = [node.value for node in ast.walk(ast.parse(fixed)) if isinstance(node, ast.Constant)
                and isinstance(node.value, str) and node.value.startswith("{")]
    layers = json.loads(value)["config"]["layers"]
    assert [layer["config"]["kernel_initializer"] for layer in layers] == ["he_uniform", "he_uniform"]
    assert _findings(fixed[len(HEADER):]) == []


@pytest.mark.parametrize("literal", [
    '"{\\x22class_name\\x22: \\x22Sequential\\x22, \\x22config\\x22: {\\x22name\\x22: \\x22s\\x22, \\x22layers\\x22: []}}"',  # \\x escapes
    "'{\"class_name\": \"Sequential\",' ' \"config\": {\"name\": \"s\", \"layers\": []}}'",  # two literals joined
    "'{not json}'",
    "'[1, 2]'",
])
def test_json_literals_that_cannot_be_mapped_are_not_read(literal: str) -> None:
    assert _findings(f"m = keras.models.model_from_json({literal})\n") == []


def test_a_slim_stack_is_a_chain_of_its_elements() -> None:
    source = "import tf_slim as slim\n\ndef f(x):\n    return slim.stack(x, slim.fully_connected, [32, 64, 128])\n"
    assert _chains(source) == [3]
    assert _chains(source.replace("[32, 64, 128]", "sizes").replace("def f(x)", "def f(x, sizes)")) == []


RELU = 'layers.Dense(64, activation="relu")'
TANH = 'layers.Dense(64, activation="tanh")'


@pytest.mark.parametrize("listed, chain", [
    (f"[{RELU}, {RELU}] * 3", [6]),
    (f"3 * ({RELU}, {RELU})", [6]),
    (f"[{RELU}, {TANH}] * 3", []),  # a b a b a b: never two relu layers in a row
    (f"[{RELU}, {RELU}, {TANH}] * 3", [2]),  # runs of two, each pass
    (f"[{RELU}, {RELU}] * n", []),  # a count the source does not fix
    (f"[{RELU}, {RELU}] * 40", []),  # 80 calls: more than repeated_lists.MAX_CALLS, not read
    (f"[{RELU}] * 40", [40]),  # a one-layer list beyond it: counted as the layer's repeat
])
def test_a_repeated_list_calls_its_layers_in_order(listed: str, chain: list[int]) -> None:
    assert _chains(f"n = len([])\nm = keras.Sequential([keras.Input((64,))] + {listed})\n") == chain


@pytest.mark.parametrize("source, chain", [
    (f"m = keras.Sequential([{RELU}, {RELU}] * 3)", [2]),  # Keras 2 without an input: a, b once each
    (f"m = keras.Sequential([{RELU}] * 15)", []),
    (f"m = keras.Sequential([{RELU.replace('64', '64, input_shape=(64,)')}] + [{RELU}, {RELU}] * 3)", [7]),
    (f"def f(x):\n    for layer in [{RELU}, {RELU}] * 3:\n        x = layer(x)\n    return x", [6]),  # Python's loop
])
def test_without_a_declared_input_a_repeated_list_in_a_sequential_is_one_pass(source: str, chain: list[int]) -> None:
    assert _chains(source + "\n") == chain


def test_the_passes_of_a_repeated_list_are_copies_of_its_layers_reading_the_call_before() -> None:
    source = f"m = keras.Sequential([keras.Input((64,))] + [{RELU.replace('64', '32')}, {RELU}] * 3)\n"
    module = astroid.parse(HEADER + source)
    model = analyze_module(module, analysis._interesting_calls(analysis.collect(module)))
    first, second = (site for site in model.sites if site.pass_of is None)
    assert [(site.pass_of or site, site.config["units"], site.in_channels) for site in model.sites] == [
        (first, 32, 64), (first, 32, 64), (first, 32, 64), (second, 64, 32), (second, 64, 32), (second, 64, 32)]
    rules.number_chains(model.sites, model.links, rules.Options())
    assert [site.config["units"] for site in first.chain] == [32, 64, 32, 64, 32, 64]  # a b a b a b


@pytest.mark.parametrize("listed", [
    '[layers.Dense(32, activation="relu"), layers.Dense(16, activation="relu")] * 3',  # the 2nd pass hands a 16
    '[layers.Dense(32, activation="relu")] * 3',  # the 2nd call hands it 32, it was built on 64
])
def test_a_repeated_list_keras_rejects_is_no_chain(listed: str) -> None:
    source = f"m = keras.Sequential([keras.Input((64,))] + {listed})\n"
    assert _chains(source) == []
    assert _chains(source.replace("(64,)", "(16,)" if "16" in listed else "(32,)")) == [6 if "16" in listed else 3]
