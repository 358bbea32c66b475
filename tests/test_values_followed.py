"""Values followed further: a hand-built kernel passed into a helper's parameter (`conv2d(x, weights["wc1"], b)`),
NumPy draws as a tf.Variable's initial value, and W7710 on a project module's instance read as an attribute
(`inits.INIT`). Each fix is applied to a copy, linted again (it raises nothing), and, where TensorFlow is installed,
run: every kernel the fix moved draws Var = 2/fan_in, in the dtype the variable had."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import astroid
import pytest

from pylint_glorot import cli
from pylint_glorot.numpy_draws import numpy_draw
from pylint_glorot.variables import applied_variable
from tests.test_fixed_files_raise_nothing import _messages, _tensorflow_installed

FUNCTIONAL = Path(__file__).parent / "functional"


def _copy(tmp_path: Path, *names: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    for name in names:
        shutil.copy(FUNCTIONAL / name, tmp_path / Path(name).name)
    return tmp_path / Path(names[0]).name


# --------------------------------------------------------------------------- NumPy draws


@pytest.mark.parametrize(("source", "kind", "parameters", "drawn"), [
    ("tf.Variable(np.random.randn(784, 256))", "random_normal", (), "[784, 256], dtype=tf.float64"),
    ("tf.Variable(np.random.randn(784, 256) * 0.01)", "random_normal", (("mean", 0.0), ("stddev", 0.01)),
     "[784, 256], dtype=tf.float64"),
    ("tf.Variable(0.5 * np.random.randn(784, 256).astype(np.float32))", "random_normal",
     (("mean", 0.0), ("stddev", 0.5)), "[784, 256]"),
    ("tf.Variable(np.random.normal(0, 0.1, (784, 256)), dtype=tf.float32)", "random_normal",
     (("mean", 0.0), ("stddev", 0.1)), "(784, 256)"),
    ("tf.Variable(np.random.normal(loc=0.0, scale=2.0, size=[784, 256]), dtype=tf.float16)", "random_normal",
     (("mean", 0.0), ("stddev", 2.0)), "[784, 256], dtype=tf.float16"),
    ("tf.Variable(np.random.uniform(-0.1, 0.1, size=(784, 256)).astype('float32'))", "random_uniform",
     (("minval", -0.1), ("maxval", 0.1)), "(784, 256)"),
    ("tf.Variable(np.random.rand(784, 256) / 100, dtype=np.float32)", "random_uniform",
     (("minval", 0.0), ("maxval", 0.01)), "[784, 256]"),
])
def test_a_numpy_draw_is_a_fixed_scale_draw_in_the_variables_dtype(source: str, kind: str, parameters: tuple,
                                                                   drawn: str) -> None:
    call = astroid.extract_node(f"import numpy as np\nimport tensorflow as tf\n{source}")
    found = numpy_draw(call.args[0], call)
    assert found is not None
    spec, _shape = found
    assert (spec.kind, spec.fixed, spec.parameters, spec.drawn_arguments) == ("fixed", kind, parameters, drawn)
    assert spec.written_name == call.args[0].as_string()  # the whole expression is what the fix replaces


@pytest.mark.parametrize("source", [
    "tf.Variable(np.random.randn(784, 256) / np.sqrt(392))",  # hand-rolled He: not a fixed scale
    "tf.Variable(np.random.normal(0, scale, (784, 256)))",  # a scale the source does not fix
    "tf.Variable(np.random.normal(0, 1, shape))",  # a shape that is not written out
    "tf.Variable(np.random.randn(256))",  # a vector: no kernel
    "tf.Variable(np.random.randn(*dims))",
    "tf.Variable(random.randn(784, 256))",  # not NumPy's
    "tf.Variable(np.random.default_rng(0).standard_normal((784, 256)))",
    "tf.Variable(np.random.randn(784, 256), True, True, None, 'w', None, tf.float32)",  # a positional dtype
])
def test_what_is_not_a_numpy_draw_is_not_read(source: str) -> None:
    call = astroid.extract_node(f"import numpy as np\nimport tensorflow as tf\nimport random\n{source}")
    assert numpy_draw(call.args[0], call) is None


# --------------------------------------------------------------------------- kernels passed into helpers


HELPERS = '''
import tensorflow as tf

def dense(x, w):
    return tf.nn.relu(tf.matmul(x, w))

def shape_only(x, w):
    return tf.reshape(x, [-1, w.get_shape().as_list()[0]])

def relays(x, w):
    return dense(x, w=w)

w1 = tf.Variable(tf.random.normal([784, 256]))  #@
w2 = tf.Variable(tf.random.normal([256, 256]))  #@
w3 = tf.Variable(tf.random.normal([256, 256]))  #@
x = tf.zeros([2, 784])
h = relays(shape_only(dense(x, w1), w2), w2)
h = tf.nn.relu(tf.matmul(h, w3))
tf.print(w3)
'''


def test_a_kernel_passed_into_a_helper_is_read_where_the_helper_applies_it() -> None:
    w1, w2, w3 = (assign.value for assign in astroid.extract_node(HELPERS))
    first, second = applied_variable(w1), applied_variable(w2)
    assert first is not None and second is not None
    assert (first.spec.kind, first.activation.name, first.in_channels, first.out_channels) == ("dense", "relu", 784, 256)
    assert second.applied_by is not None and second.applied_by.as_string() == "tf.matmul(x, w)"  # through relays
    assert applied_variable(w3) is None  # tf.print(w3): a use that is not a kernel's


# --------------------------------------------------------------------------- fixed files


def test_the_fixed_helper_kernels_are_the_initializer_on_their_shape(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy(tmp_path, "tf1/tf1_variable_helpers.py")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    fixed = copy.read_text()
    assert '"wc1": tf.Variable(tf.keras.initializers.he_normal()([5, 5, 1, 32]))' in fixed
    assert '"wd1": tf.Variable(tf.keras.initializers.he_normal()([7 * 7 * 64, 1024]))' in fixed
    assert '"out": tf.Variable(tf.random_normal([1024, num_classes]))' in fixed  # the linear head: untouched
    assert '"bc1": tf.Variable(tf.random_normal([32]))' in fixed  # biases: no kernels
    assert _messages(copy) == []


def test_the_fixed_numpy_kernels_keep_their_dtype(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy(tmp_path, "tf1/tf1_variable_numpy.py")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    fixed = copy.read_text()
    assert "w1 = tf.Variable(tf.keras.initializers.he_normal()([784, 256], dtype=tf.float64))" in fixed
    assert "s1 = tf.Variable(tf.keras.initializers.he_normal()([784, 512]))" in fixed
    assert "s2 = tf.Variable(tf.keras.initializers.he_normal()((512, 512)), dtype=tf.float32)" in fixed
    assert "u1 = tf.Variable(tf.keras.initializers.he_uniform()([784, 256]), dtype=tf.float32)" in fixed
    assert "np.random" not in fixed


def test_an_attribute_read_instance_is_fixed_with_one_per_layer(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy(tmp_path, "reused/reused_attribute_fixed.py", "reused/reused_attribute_values.py")
    monkeypatch.chdir(tmp_path)
    assert _messages(copy), "the faulty case raises something before the fix"
    assert cli.main(["fix", copy.name]) == cli.FIXED
    assert copy.read_text().count("kernel_initializer=keras.initializers.GlorotUniform()") == 3
    assert _messages(copy) == []
    assert "FRESH = keras.initializers.GlorotUniform()" in (tmp_path / "reused_attribute_values.py").read_text()


RUN = """
import sys
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
tf.compat.v1.set_random_seed(0)
namespace = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), namespace)
kernels = {name: eval(name, namespace) for name in sys.argv[3].split(",")}
feeds = {namespace[name]: np.ones((2, 784)) if namespace[name].shape.rank else 1.0 for name in sys.argv[4].split(",")}
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for name, kernel in kernels.items():
        value = session.run(kernel)
        fan_in = int(np.prod(value.shape[:-1]))
        print("kernel", name, kernel.dtype.base_dtype.name, float(np.var(value)) * fan_in / 2.0,
              float(np.mean(value) / np.sqrt(np.var(value) / value.size)), value.size)
    for name in sys.argv[2].split(","):
        print("output", name, session.run(namespace[name], feeds).shape)
"""


@pytest.mark.skipif(not _tensorflow_installed(), reason="TensorFlow is not installed")
@pytest.mark.parametrize(("name", "outputs", "kernels", "feeds", "dtypes"), [
    ("tf1/tf1_variable_helpers.py", "logits,hidden,deep",
     'weights["wc1"],weights["wc2"],weights["wd1"],k1,k2,k3,g1,g2,g3,g4', "X,keep_prob", {}),
    ("tf1/tf1_variable_numpy.py", "h2,g3,r2", "w1,w2,s1,s2,s3,u1,u2", "x64,x", {"w1": "float64", "w2": "float64"}),
])
def test_the_fixed_kernels_run_and_draw_he_variance(name: str, outputs: str, kernels: str, feeds: str,
                                                    dtypes: dict[str, str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Under tf.compat.v1 graph mode the fixed file builds and runs, and each kernel the fix moved draws He's
    2/fan_in with mean 0 (N(0, 1) gave fan_in/2 times that, U(0, 1) a mean of 0.5), in the variable's dtype."""
    copy = _copy(tmp_path, name)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fix", copy.name]) == cli.FIXED
    result = subprocess.run([sys.executable, "-c", RUN, str(copy), outputs, kernels, feeds], capture_output=True,
                            text=True, check=False, timeout=600, env={**os.environ, "CUDA_VISIBLE_DEVICES": "-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {line.split()[1]: line.split()[2:] for line in result.stdout.splitlines() if line.startswith("kernel ")}
    assert set(rows) == set(kernels.split(",")), result.stdout
    for kernel, (dtype, ratio, mean_z, size) in rows.items():
        assert dtype == dtypes.get(kernel, "float32"), (kernel, dtype)
        # within 5 standard errors of the sample: the variance's relative error is at most sqrt(2 / n) for these
        # draws (normal, truncated normal, uniform), the mean's is one sd / sqrt(n) (`mean_z` counts those)
        assert abs(float(ratio) - 1.0) < 5 * math.sqrt(2.0 / int(size)), (kernel, ratio, size)
        assert abs(float(mean_z)) < 5, (kernel, mean_z)
    assert result.stdout.count("output ") == len(outputs.split(","))
