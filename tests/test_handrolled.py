"""handrolled.py: which hand-written scales are read as which built-in, and the W7707 text."""

from __future__ import annotations

import textwrap

import astroid
import pytest
from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot import rules
from pylint_glorot.handrolled import hand_rolled
from pylint_glorot.model import LayerSite
from pylint_glorot.findings import Span
from pylint_glorot.resolve import ActivationSpec, InitializerSpec

HEADER = "import math\nimport numpy as np\nimport tensorflow as tf\nimport keras\n"


def _read(body: str):
    module = astroid.parse(HEADER + textwrap.dedent(body))
    function = next(module.nodes_of_class(nodes.FunctionDef))
    return hand_rolled(function)


@pytest.mark.parametrize(
    ("body", "scheme", "distribution", "indices", "variance"),
    [
        ("def f(shape):\n    return tf.random.normal(shape, stddev=1. / tf.sqrt(shape[0] / 2.))\n",
         "he", K.TRUNCATED_NORMAL, (0,), "2/shape[0]"),
        ("def f(shape):\n    in_dim, out_dim = shape\n"
         "    limit = tf.sqrt(6.) / tf.sqrt(tf.cast(in_dim + out_dim, tf.float32))\n"
         "    return tf.random.uniform(shape, -limit, limit)\n",
         "glorot", K.UNIFORM, (0, 1), "2/(shape[0] + shape[1])"),
        ("def f(shape):\n    return np.random.randn(*shape) * (2.0 / shape[0]) ** 0.5\n",
         "he", K.TRUNCATED_NORMAL, (0,), "2/shape[0]"),
        ("def f(shape):\n    return tf.random.normal(shape, stddev=tf.math.rsqrt(shape[-2] / 2.0))\n",
         "he", K.TRUNCATED_NORMAL, (-2,), "2/shape[-2]"),
        ("def f(shape):\n    n = shape[0]\n    return tf.random.uniform(shape, -math.sqrt(3 / n), math.sqrt(3 / n))\n",
         "lecun", K.UNIFORM, (0,), "1/shape[0]"),
        ("def f(shape):\n    fan_in, fan_out = shape[0], shape[1]\n"
         "    return np.random.normal(0.0, np.sqrt(1.0 / ((fan_in + fan_out) / 2)), size=shape)\n",
         "glorot", K.TRUNCATED_NORMAL, (0, 1), "2/(shape[0] + shape[1])"),
        ("def f(shape):\n    fan_in = np.prod(shape[:-1])\n    return keras.random.normal(shape) * np.sqrt(2 / fan_in)\n",
         "he", K.TRUNCATED_NORMAL, (), "2/fan_in"),
    ],
)
def test_forms_read_as_built_ins(body, scheme, distribution, indices, variance) -> None:
    found = _read(body)
    assert found is not None
    assert (found.scheme, found.distribution, found.fan_indices, found.variance_text) == (
        scheme, distribution, indices, variance)


@pytest.mark.parametrize(
    "body",
    [
        "def f(shape):\n    return tf.random.normal(shape, stddev=0.02)\n",  # fixed scale
        "def f(shape):\n    return tf.random.normal(shape, stddev=1.0 / tf.sqrt(shape[0] / 3.0))\n",  # no built-in
        "def f(shape):\n    return tf.random.normal(shape, stddev=1.0 / (shape[0] ** 0.5 * shape[0] ** 0.5))\n",  # 1/n
        "def f(shape):\n    return tf.zeros(shape) + math.sqrt(2.0 / shape[0])\n",  # no draw
        "def f(values):\n    return tf.random.normal(values, stddev=math.sqrt(2.0 / values[0]))\n",  # not `shape`
        "def f(shape):\n    return tf.random.normal(shape, stddev=math.sqrt(2.0 / shape[2]))\n",  # not a fan entry
        "def f(shape):\n    return tf.random.normal(shape, stddev=math.sqrt(-2.0 / shape[0]))\n",
    ],
)
def test_other_functions_are_not_read(body: str) -> None:
    assert _read(body) is None


def _conv_site(line: int, kernel_size) -> LayerSite:
    """A relu Conv2D given the hand-written He normal (which suits relu)."""
    spec = K.LAYERS["Conv2D"]
    relu = ActivationSpec("relu", K.RECTIFIER)
    he = K.NAMED_BY_SPELLING["he_normal"]
    given = InitializerSpec("variance_scaling", Span(line, 30, line, 36), "hand-rolled", scale=he.scale, mode=he.mode,
                            distribution=he.distribution, named=he, indirect=True)
    return LayerSite("Conv2D", spec, "keras", Span(line, 0, line, 40), Span(line, 39, line, 39),
                     {"kernel_initializer": given}, relu, activation=relu, kernel_size=kernel_size)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("def glorot_init(shape):\n    return tf.random.normal(shape, stddev=1. / tf.sqrt(shape[0] / 2.))\n",
         "glorot_init re-implements HeNormal, not Glorot; on the Conv2D (line 40) shape[0] is a kernel size, "
         'not fan_in; use kernel_initializer="he_normal"'),
        ("def he(shape):\n    return tf.random.normal(shape, stddev=tf.math.rsqrt(shape[-2] / 2.0))\n",
         "he re-implements HeNormal; on the Conv2D (line 40) shape[-2] misses "
         'the receptive field: variance 9x too big; use kernel_initializer="he_normal"'),
    ],
)
def test_the_text_names_the_entries_read_and_fits_a_line(body: str, expected: str) -> None:
    found = _read(body)
    finding = rules.hand_rolled_finding(found, [(_conv_site(40, 3), "kernel_initializer")], rules.Options())
    assert finding.text == expected
    assert len(finding.text) <= rules.MAX_MESSAGE


def test_a_long_name_drops_the_optional_parts_first() -> None:
    found = _read("def my_glorot_initializer_for_dense_layers(shape):\n"
                  "    return tf.random.normal(shape, stddev=1. / tf.sqrt(shape[0] / 2.))\n")
    finding = rules.hand_rolled_finding(found, [(_conv_site(40, 3), "kernel_initializer")], rules.Options())
    assert len(finding.text) <= rules.MAX_MESSAGE
    assert finding.text.endswith('use kernel_initializer="he_normal"')
    assert "(Var = " not in finding.text and ", not Glorot" not in finding.text
    assert "shape[0] is a kernel size" in finding.text
