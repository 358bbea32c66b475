"""Crash-freedom on generated code: mutated Keras snippets and hypothesmith programs go
through the whole static pipeline without an exception, every edit keeps the file parseable,
and so does the fix engine applying all of a file's edits (and imports) at once. The default run is short and seeded; raise GLOROT_FUZZ_EXAMPLES for a long run."""

from __future__ import annotations

import ast
import os

import astroid
import hypothesmith
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from pylint_glorot import rules
from pylint_glorot.analysis import module_findings
from pylint_glorot.edits import apply_edits

EXAMPLES = int(os.environ.get("GLOROT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

IMPORTS = """\
import functools
import keras
import tensorflow as tf
from keras import initializers, layers
from keras.initializers import VarianceScaling
SHARED = initializers.HeNormal(seed=7)
"""

LAYERS = ["layers.Dense", "layers.Conv2D", "layers.SeparableConv2D", "layers.LSTM", "layers.EinsumDense",
          "tf.compat.v1.layers.dense", "layers.Conv2DTranspose", "layers.DepthwiseConv2D", "keras.layers.GRU"]
VALUES = [
    '"relu"', '"tanh"', '"selu"', '"sigmoid"', "None", "tf.nn.relu", "keras.activations.gelu", "lambda x: x",
    '"glorot_uniform"', '"he_normal"', '"ones"', '"xavier_uniform"', "initializers.GlorotUniform(seed=1)",
    'VarianceScaling(1.0, "fan_avg", "uniform")', 'VarianceScaling("FAN_IN", 2)', "VarianceScaling(*args)",
    'VarianceScaling(scale=-1, mode=3, distribution=None)', "VarianceScaling(**cfg)", "cfg", "x", "64", "3",
    '{"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": 7}}', '{"class_name": 5}', "{}",
    "tf.contrib.layers.xavier_initializer(uniform=flag)", "tf.contrib.layers.variance_scaling_initializer(mode=1)",
    "initializers.Constant(value=[1, 2])", "initializers.Constant(tf.ones(3))", "(1, 2)", "[]", "f(g(h()))",
    "layers.ReLU()", "layers.LeakyReLU(negative_slope=x)", '"relu" if x else "tanh"', "-1.5", "1 / 0",
    "SHARED", "initializers.Orthogonal()", "initializers.HeNormal(seed=x)", '{"class_name": "HeNormal", "config": {"seed": 1}}',
]
KEYWORDS = ["activation", "kernel_initializer", "pointwise_initializer", "depthwise_initializer",
            "recurrent_initializer", "units", "filters", "input_shape", "data_format", None]


@st.composite
def layer_call(draw) -> str:
    name = draw(st.sampled_from(LAYERS))
    args = draw(st.lists(st.sampled_from(VALUES), max_size=3))
    keywords = draw(st.lists(st.tuples(st.sampled_from(KEYWORDS), st.sampled_from(VALUES)), max_size=4))
    parts = list(args) + (["*args"] if draw(st.booleans()) and draw(st.booleans()) else [])
    seen, unpacked = set(), []
    for keyword, value in keywords:
        if keyword is None:
            unpacked.append(f"**{value}" if value.isidentifier() else "**cfg")
        elif keyword not in seen:
            seen.add(keyword)
            parts.append(f"{keyword}={value}")
    return f"{name}({', '.join(parts + unpacked)})"


@st.composite
def keras_program(draw) -> str:
    calls = draw(st.lists(layer_call(), min_size=1, max_size=6))
    shape = draw(st.sampled_from(["sequential", "add", "functional", "partial", "loop", "class", "comprehension"]))
    if shape == "sequential":
        body = "model = keras.Sequential([\n" + "".join(f"    {c},\n" for c in calls) + "])\n"
    elif shape == "add":
        body = "model = keras.Sequential()\n" + "".join(f"model.add({c})\n" for c in calls)
    elif shape == "functional":
        body = "def build(x, cfg, flag):\n" + "".join(f"    x = {c}(x)\n    x = tf.nn.relu(x)\n" for c in calls) \
            + "    return x\n"
    elif shape == "partial":
        body = f"P = functools.partial({calls[0].split('(')[0]}, activation='relu')\n" \
            + "".join(f"y{i} = P({c.split('(', 1)[1]}\n" for i, c in enumerate(calls))
    elif shape == "loop":
        body = "def build(x):\n    for _ in range(3):\n" + "".join(f"        x = {c}(x)\n" for c in calls) \
            + "    return x\n"
    elif shape == "class":
        body = "class Net(keras.Model):\n    def __init__(self):\n        super().__init__()\n" \
            + "".join(f"        self.l{i} = {c}\n" for i, c in enumerate(calls)) \
            + "    def call(self, x):\n" + "".join(f"        x = tf.nn.relu(self.l{i}(x))\n" for i in range(len(calls))) \
            + "        return x\n"
    else:
        body = f"model = keras.Sequential([{calls[0]} for _ in range({len(calls)})] + [{calls[-1]}])\n"
    return IMPORTS + body


def apply_edit(source: str, edit) -> str:
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode()))
    data = source.encode()

    def offset(line: int, col: int) -> int:
        return offsets[line - 1] + col

    start, end = offset(edit.span.line, edit.span.col), offset(edit.span.end_line, edit.span.end_col)
    return (data[:start] + edit.text.encode() + data[end:]).decode()


def check(source: str) -> None:
    try:
        module = astroid.parse(source)
    except (astroid.AstroidSyntaxError, SyntaxError, ValueError, RecursionError):
        return  # pylint reports syntax errors itself
    for options in (rules.Options(), rules.Options(check_normalized=True, min_chain=1)):
        reported = []
        for found in module_findings(module, options):
            for finding in found.candidates:
                assert finding.text and finding.span.line >= 1
                if finding.edits:
                    ast.parse(apply_edits(source, finding.edits).text)
            reported.extend(found.candidates[0].edits)
        # what `pylint-glorot fix` writes: every reported finding's edit at once, plus imports
        ast.parse(apply_edits(source, reported).text)


@FUZZ
@given(keras_program())
def test_mutated_keras_snippets_never_crash_and_edits_keep_the_file_parseable(source: str) -> None:
    check(source)


@seed(20261129)
@FUZZ
@given(hypothesmith.from_grammar(auto_target=False))
def test_arbitrary_programs_never_crash(source: str) -> None:
    check(source)


@pytest.mark.parametrize(
    "source",
    [
        "layers.Dense(",  # unparsable: pylint's own syntax-error, nothing from us
        IMPORTS + "layers.Dense()",
        IMPORTS + "layers.Dense(**{})",
        IMPORTS + "layers.Dense(**{1: 2})",
        IMPORTS + "keras.Sequential(layers=[*x])",
        IMPORTS + "keras.Sequential([layers.Dense(4) for _ in range(10**9)])",
        IMPORTS + "def f(shape):\n    return tf.random.uniform(shape) * math.sqrt(6 / (shape[0] + shape[1]))",
        IMPORTS + "x = layers.Dense(4)(x)\nx = layers.Dense(4)(x)\n" * 50,
        IMPORTS + "def f(a=1):\n    return layers.Dense(a, activation=a)\nf(); f(2); f(a=None)\n",
        IMPORTS + "for _ in range(-5):\n    model.add(layers.Dense(4, activation='relu'))\n",
    ],
)
def test_edge_inputs(source: str) -> None:
    check(source)
