"""Value resolution: tf.Variable kernels drawn by random ops, kernels kept in dicts, escaped JSON configs,
initializers read through an imported project module. Each fix is applied to a copy, linted again (it raises
nothing), and, where TensorFlow is installed, run: every kernel the fix moved draws Var = 2/fan_in."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import astroid
import pytest

from pylint_glorot import cli
from pylint_glorot.kernel_dicts import dict_entry, entry_reads
from pylint_glorot.model_configs import Quoting, _decoded, _json_quote, json_config
from pylint_glorot.variables import drawn_spec
from tests.test_fixed_files_raise_nothing import _messages, _tensorflow_installed

FUNCTIONAL = Path(__file__).parent / "functional"


# --------------------------------------------------------------------------- random ops


@pytest.mark.parametrize(("source", "kind", "parameters", "arguments", "seed"), [
    ("tf.random_normal([784, 256])", "random_normal", (), "[784, 256]", None),
    ("tf.random.normal([784, 256], stddev=0.01)", "random_normal", (("stddev", 0.01),), "[784, 256]", None),
    ("tf.random.normal([784, 256], 0.0, 0.5, tf.float64, 3)", "random_normal", (("mean", 0.0), ("stddev", 0.5)),
     "[784, 256], dtype=tf.float64", "seed=3"),
    ("tf.truncated_normal(shape=[5, 5, 1, 32], stddev=0.1)", "truncated_normal", (("stddev", 0.1),),
     "[5, 5, 1, 32]", None),
    ("tf.random.uniform([784, 256], maxval=None)", "random_uniform", (), "[784, 256]", None),
    ("tf.random_uniform([784, 256], -0.1, 0.1)", "random_uniform", (("minval", -0.1), ("maxval", 0.1)),
     "[784, 256]", None),
])
def test_a_random_op_is_a_fixed_scale_draw_on_its_shape(source: str, kind: str, parameters: tuple, arguments: str,
                                                        seed: str | None) -> None:
    call = astroid.extract_node(f"import tensorflow as tf\n{source}")
    spec = drawn_spec(call)
    assert spec is not None
    assert (spec.kind, spec.fixed, spec.api, spec.parameters) == ("fixed", kind, "v1", parameters)
    assert (spec.drawn_arguments, spec.seed_text) == (arguments, seed)


@pytest.mark.parametrize("source", [
    "tf.random.normal(*shape)", "tf.random.normal(mean=0.0)", "np.random.normal([3, 3])", "tf.zeros([3, 3])",
    "tf.random.stateless_normal([3, 3], seed=[1, 2])",
])
def test_what_is_not_a_random_op_draw_is_not_read(source: str) -> None:
    call = astroid.extract_node(f"import tensorflow as tf\nimport numpy as np\n{source}")
    assert drawn_spec(call) is None


# --------------------------------------------------------------------------- dict entries

DICTS = '''
import tensorflow as tf
weights = {"h1": tf.Variable(1), "h2": tf.Variable(2)}
mixed = {"h1": tf.Variable(1), 3: tf.Variable(3)}
changed = {"h1": tf.Variable(1)}
changed.update(h1=tf.Variable(2))
twice = {"h1": tf.Variable(1), "h1": tf.Variable(2)}

def net(w, key):
    return w["h1"], w["h2"], w[key]

def other(w):
    return w["h1"]

net(weights, "h2")
net(weights, "h1")
other(weights)
other(changed)
weights["h1"]  #@
changed["h1"]  #@
twice["h1"]  #@
weights["missing"]  #@
mixed["h1"]  #@
'''


def test_a_literal_key_reads_the_dict_entry_through_names_and_parameters() -> None:
    hit, changed, twice, missing, mixed = astroid.extract_node(DICTS)
    entry = dict_entry(hit)
    assert entry is not None and entry.as_string() == "tf.Variable(1)"
    reads = entry_reads(entry)
    assert reads is not None
    lines = DICTS.splitlines()
    # the module-level read and `w["h1"]` in net (every call passes `weights`); not other's (two dicts pass)
    assert sorted(lines[read.lineno - 1].strip() for read in reads) == ['return w["h1"], w["h2"], w[key]',
                                                                         'weights["h1"]  #@']
    assert dict_entry(changed) is None  # changed.update(...) writes its entries
    assert dict_entry(twice) is None  # a repeated key
    assert dict_entry(missing) is None
    assert dict_entry(mixed) is None  # a key that is not a string: no entry is sure


# --------------------------------------------------------------------------- escaped JSON


@pytest.mark.parametrize(("body", "value"), [
    (r'{\x22a\x22: 1}', '{"a": 1}'),
    (r'{\u0022a\u0022: 1}', '{"a": 1}'),
    (r'{\U00000022a\U00000022: 1}', '{"a": 1}'),
    (r'{\N{QUOTATION MARK}a\N{QUOTATION MARK}: 1}', '{"a": 1}'),
    (r'{\42a\042: 1}', '{"a": 1}'),
    (r'{"caf\u00e9": 1}', '{"café": 1}'),
])
def test_python_escapes_are_decoded_with_their_source_offsets(body: str, value: str) -> None:
    decoded = _decoded(body, raw=False)
    assert decoded is not None
    text, starts = decoded
    assert text == value == ast.literal_eval(f"'{body}'")  # the literal's value as Python reads it
    assert starts[0] == 0 and starts[-1] == len(body)
    assert body[starts[1]] == "\\" or text[1] == body[starts[1]]


@pytest.mark.parametrize("body", [r"\x2", r"\u00", r"\N{NO SUCH NAME}", r"\q"])
def test_an_escape_python_would_not_read_so_is_refused(body: str) -> None:
    assert _decoded(body, raw=False) is None


def test_an_edit_writes_json_quotes_as_the_literal_does() -> None:
    assert _json_quote(r'{\x22a\x22: \x22b\x22}') == r"\x22"
    assert _json_quote(r'{\u0022a\u0022: "b", "c": 1}') == '"'  # mostly plain quotes: plain
    assert Quoting('"', False, r"\x22").encoded('"he_uniform"') == r"\x22he_uniform\x22"
    assert Quoting("'", False, r"\u0022").encoded('"he_uniform"') == r"\u0022he_uniform\u0022"
    assert Quoting('"', False).encoded('"he_uniform"') == r'\"he_uniform\"'


def test_a_unicode_config_maps_each_node_to_its_escaped_text() -> None:
    source = ('import keras\nkeras.models.model_from_json(\'{\\u0022class_name\\u0022: "Sequential", "config": '
              '{"name": "caf\\u00e9", "layers": [{"class_name": "Dense", "config": {"units": 64}}]}}\')\n')
    module = astroid.parse(source)
    call = module.body[1].value
    parsed = json_config(call)
    assert parsed is not None
    line = source.splitlines()[1]
    for key, _value in parsed.items:  # each key's text in the file, read as Python then as JSON, is the key
        text = line[key.col_offset:key.end_col_offset]
        assert json.loads(ast.literal_eval(f"'{text}'")) == key.value
    name = next(node for node in parsed.nodes_of_class(astroid.nodes.Const) if node.value == "café")
    assert line[name.col_offset:name.end_col_offset] == '"caf\\u00e9"'
    units = next(node for node in parsed.nodes_of_class(astroid.nodes.Const) if node.value == 64)
    assert line[units.col_offset:units.end_col_offset] == "64"


# --------------------------------------------------------------------------- fixed files


FIXED = ["tf1/tf1_variable_random.py", "project/project_module_values.py", "project/project_passed_literals.py"]


def _copy(name: str, tmp_path: Path) -> Path:
    source = FUNCTIONAL / name
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    if source.parent.name == "project":
        shutil.copytree(source.parent / "_project", tmp_path / "_project")
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    return copy


@pytest.mark.parametrize("name", FIXED)
def test_the_fixed_file_raises_nothing(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _messages(copy), "the faulty case raises something before the fix"
    assert cli.main(["fix", copy.name]) == cli.FIXED
    assert _messages(copy) == []


def test_the_fix_of_a_random_op_draw_is_the_initializer_applied_to_its_shape(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy("tf1/tf1_variable_random.py", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    fixed = copy.read_text()
    assert '"h1": tf.Variable(tf.keras.initializers.he_normal()([n_input, n_hidden_1]))' in fixed
    assert '"out": tf.Variable(tf.random_normal([n_hidden_2, n_classes]))' in fixed  # the linear head: untouched
    assert "tf.Variable(tf.keras.initializers.he_uniform(seed=3)([784, 256]))" in fixed
    assert "tf.Variable(tf.keras.initializers.he_uniform()([256, 256], dtype=tf.float32))" in fixed
    assert "tf.Variable(tf.keras.initializers.glorot_normal()([784, 256]))" in fixed


RUN_RANDOM = """
import sys
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
tf.compat.v1.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
kernels = {"h1": namespace["weights"]["h1"], "h2": namespace["weights"]["h2"], "u1": namespace["u1"],
           "u2": namespace["u2"], "t1": namespace["t1"], "k1": namespace["layers_w"]["k1"]}
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for name, kernel in kernels.items():
        value = session.run(kernel)
        print(name, float(np.var(value)) * value.shape[0] / 2.0, float(np.mean(value)))
    feed = {namespace["x"]: np.ones((2, 784))}
    print("shapes", session.run(namespace["pred"], feed).shape, session.run(namespace["small"], feed).shape)
"""


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
def test_the_fixed_random_op_kernels_run_and_draw_the_named_variance(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Under tf.compat.v1 graph mode, the fixed kernels build, the model functions run, and each kernel draws
    He's 2/fan_in under relu (Glorot's 2/(784 + 256) under tanh: 0.754 of He's), with mean 0."""
    copy = _copy("tf1/tf1_variable_random.py", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    result = subprocess.run([sys.executable, "-c", RUN_RANDOM, str(copy)], capture_output=True, text=True,
                            check=False, timeout=600, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {line.split()[0]: [float(v) for v in line.split()[1:]] for line in result.stdout.splitlines()
            if line.split() and line.split()[0] in ("h1", "h2", "u1", "u2", "t1", "k1")}
    assert set(rows) == {"h1", "h2", "u1", "u2", "t1", "k1"}, result.stdout
    for name in ("h1", "h2", "u1", "u2", "k1"):  # N(0, 1) gave 784/2 = 392x, U(0, 1) mean 0.5
        assert 0.9 < rows[name][0] < 1.1 and abs(rows[name][1]) < 0.01, (name, rows[name])
    assert 0.7 < rows["t1"][0] < 0.8, rows["t1"]
    assert "shapes (2, 10) (2, 512)" in result.stdout


RUN_KERAS = """
import sys
import keras
import numpy as np

keras.utils.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
for name in sys.argv[2:]:
    for layer in namespace[name].layers:
        initializer = layer.get_config().get("kernel_initializer")
        kernel = np.asarray(layer.kernel)
        print(name, layer.name, initializer["class_name"], float(np.var(kernel)) * kernel.shape[0] / 2.0)
"""


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
@pytest.mark.parametrize(("name", "models", "moved"), [
    ("lists/lists_json.py", ("hexed", "unicode_named"), 4),
    ("project/project_module_values.py", ("model",), 5),
])
def test_the_fixed_models_build_with_he(name: str, models: tuple[str, ...], moved: int, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The escaped JSON strings still parse after the fix (json.loads, then Keras builds them), and the layers
    it moved, and those given a project module's Glorot, draw Var = 2/fan_in."""
    copy = _copy(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    result = subprocess.run([sys.executable, "-c", RUN_KERAS, str(copy), *models], capture_output=True, text=True,
                            check=False, timeout=600, cwd=tmp_path,
                            env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1", "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines() if line.split()[:1] and line.split()[0] in models]
    he = [row for row in rows if row[2].startswith("He")]
    assert len(he) == moved, rows
    for row in he:
        assert 0.85 < float(row[3]) < 1.15, rows


def test_sarif_and_rdjson_carry_the_whole_draw_replacement(tmp_path: Path) -> None:
    copy = _copy("tf1/tf1_variable_random.py", tmp_path)
    texts = {}
    for fmt in ("glorot-sarif", "glorot-rdjson"):
        done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all",
                               "--enable=fixed-scale-initializer", f"--output-format={fmt}", copy.name],
                              capture_output=True, text=True, check=False, cwd=tmp_path)
        report = json.loads(done.stdout)
        if fmt == "glorot-sarif":
            texts[fmt] = [replacement["insertedContent"]["text"] for result in report["runs"][0]["results"]
                          for fix in result.get("fixes", []) for change in fix["artifactChanges"]
                          for replacement in change["replacements"]]
        else:
            texts[fmt] = [suggestion["text"] for diagnostic in report["diagnostics"]
                          for suggestion in diagnostic.get("suggestions", [])]
    for found in texts.values():
        assert "tf.keras.initializers.he_normal()([n_input, n_hidden_1])" in found
        assert "tf.keras.initializers.he_uniform()([256, 256], dtype=tf.float32)" in found
    assert sorted(texts["glorot-sarif"]) == sorted(texts["glorot-rdjson"])
