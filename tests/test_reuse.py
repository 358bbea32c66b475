"""W7710 reused-initializer: the pure rule's text and fixes per API generation, the fix command end
to end, and the runtime comparison of built kernels (real Keras / tf-keras where installed)."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import pytest

from pylint_glorot import cli
from pylint_glorot.edits import apply_edits
from pylint_glorot.findings import Span
from pylint_glorot.reuse_rules import KERAS2, KERAS3, TF1, KernelUse, SharedInitializer, identical, reused_finding

HAS_KERAS = importlib.util.find_spec("keras") is not None and importlib.util.find_spec("tensorflow") is not None
HAS_TF_KERAS = importlib.util.find_spec("tf_keras") is not None


def _span(line: int, col: int, end_col: int) -> Span:
    return Span(line, col, line, end_col)


def _shared(kind: str = "instance", seed: int | None = 42, generation: str = KERAS3, uses=None, **extra) -> SharedInitializer:
    uses = uses or (KernelUse(3, 1, ("Dense", 64), replace=_span(3, 10, 14)),
                    KernelUse(4, 1, ("Dense", 64), replace=_span(4, 10, 14)))
    values = dict(written="HeNormal(seed=42)" if seed is not None else "HeNormal()",
                  fresh_text="HeNormal(seed=42)" if seed is not None else "HeNormal()", seed_span=_span(1, 21, 23) if seed is not None else None,
                  keras_name="keras", string_name=None if seed is not None else "he_normal", seed_text=str(seed) if seed is not None else None)
    values.update(extra)
    return SharedInitializer(kind, _span(1, 7, 24), seed=seed, generation=generation, uses=uses, **values)


def test_one_use_is_not_reported() -> None:
    assert reused_finding(_shared(uses=(KernelUse(3, 1, None),))) is None


def test_a_loop_counts_as_several_kernels() -> None:
    finding = reused_finding(_shared(uses=(KernelUse(3, 3, None),)))
    assert finding is not None and "reaches 3 kernels (line 3)" in finding.text


def test_identical_needs_known_equal_shapes() -> None:
    assert identical(_shared())
    assert not identical(_shared(uses=(KernelUse(3, 1, ("Dense", 64)), KernelUse(4, 1, ("Dense", 32)))))
    assert not identical(_shared(uses=(KernelUse(3, 1, ("Dense", 64)), KernelUse(4, 1, None))))
    assert "the kernels start identical" in reused_finding(_shared()).text
    other = reused_finding(_shared(uses=(KernelUse(3, 1, ("Dense", 64)), KernelUse(4, 1, None))))
    assert "one random stream, identical where shapes match" in other.text


def test_keras3_seeded_instance_gets_a_seed_generator() -> None:
    finding = reused_finding(_shared())
    assert finding.text.endswith("use seed=keras.random.SeedGenerator(42)")
    assert [(e.span, e.text) for e in finding.edits] == [(_span(1, 21, 23), "keras.random.SeedGenerator(42)")]


def test_a_seed_generator_needs_keras_imported() -> None:
    finding = reused_finding(_shared(keras_name=None))
    assert finding.edits[0].imports == ("import keras",)


def test_unseeded_instance_gets_a_fresh_instance_at_each_use() -> None:
    finding = reused_finding(_shared(seed=None))
    assert [e.text for e in finding.edits] == ["HeNormal()", "HeNormal()"]
    assert finding.text.endswith("use in each layer its own HeNormal()")


def test_unseeded_instance_without_editable_uses_becomes_its_string() -> None:
    finding = reused_finding(_shared(seed=None, uses=(KernelUse(3, 2, None),)))
    assert [(e.span, e.text) for e in finding.edits] == [(_span(1, 7, 24), '"he_normal"')]


def test_tf_keras_gets_distinct_seeds_never_a_generator() -> None:
    for generation in (KERAS2, TF1):
        finding = reused_finding(_shared(generation=generation))
        assert "SeedGenerator" not in finding.text
        assert [e.text for e in finding.edits] == ["HeNormal(seed=42)", "HeNormal(seed=43)"]


def test_tf_keras_factory_called_twice_has_no_literal_fix() -> None:
    finding = reused_finding(_shared(generation=KERAS2, uses=(KernelUse(3, 2, None, replace=_span(3, 10, 14)),)))
    assert finding.edits == ()
    assert finding.text.endswith("use in each layer its own initializer with a distinct seed")


def _seed_uses(count: int = 1) -> tuple[KernelUse, ...]:
    return (KernelUse(3, count, None, seed=_span(3, 40, 44), seed_text="SEED"),
            KernelUse(4, 1, None, seed=_span(4, 40, 44), seed_text="SEED"))


def test_one_literal_seed_in_keras3_shares_one_generator() -> None:
    finding = reused_finding(_shared(kind="seed", written="SEED", uses=_seed_uses()))
    assert [e.text for e in finding.edits] == ["seed_generator_42", "seed_generator_42"]
    assert finding.edits[0].imports == ("seed_generator_42 = keras.random.SeedGenerator(42)",)
    assert finding.text.startswith("seed=SEED reaches 2 kernels (lines 3, 4)")


def test_one_literal_seed_in_tf_keras_gets_distinct_seeds() -> None:
    finding = reused_finding(_shared(kind="seed", written="SEED", generation=KERAS2, uses=_seed_uses()))
    assert [e.text for e in finding.edits] == ["SEED + 1"]


def test_tf1_says_graph_mode() -> None:
    assert "in TF1 graph mode" in reused_finding(_shared(generation=TF1)).text


def test_every_text_fits_an_editor_line_and_ends_with_the_replacement() -> None:
    long = "keras.initializers.VarianceScaling(scale=2.0, mode='fan_in', distribution='truncated_normal', seed=42)"
    many = tuple(KernelUse(line, 1, None, replace=_span(line, 0, 4)) for line in range(100, 140))
    for shared in (_shared(written=long, fresh_text=long, uses=many), _shared(seed=None, written=long, fresh_text=long),
                   _shared(generation=KERAS2, written=long, fresh_text=long, uses=many)):
        finding = reused_finding(shared)
        assert len(finding.text) <= 160, finding.text
        assert "; use " in finding.text or "; give " in finding.text or "; create " in finding.text


# --------------------------------------------------------------------------- the fix command

MODEL = textwrap.dedent(
    '''\
    import functools

    import keras
    from keras import layers

    INIT = keras.initializers.HeNormal(seed=42)
    UNSEEDED = keras.initializers.GlorotUniform()
    Wide = functools.partial(layers.Dense, 16, kernel_initializer=keras.initializers.LecunNormal())


    def build():
        inputs = keras.Input(shape=(64,))
        x = layers.Dense(64, activation="relu", kernel_initializer=INIT)(inputs)
        x = layers.Dense(64, activation="relu", kernel_initializer=INIT)(x)
        q = layers.Dense(64, kernel_initializer=UNSEEDED)(x)
        k = layers.Dense(64, kernel_initializer=UNSEEDED)(x)
        s = layers.Dense(8, kernel_initializer=keras.initializers.GlorotUniform(seed=7))(q)
        t = layers.Dense(8, kernel_initializer=keras.initializers.GlorotUniform(seed=7))(s)
        return keras.Model(inputs, [Wide()(t), Wide()(k)])
    '''
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_fix_command_fixes_every_case_and_a_second_run_proposes_nothing(project: Path, capsys) -> None:
    (project / "model.py").write_text(MODEL)
    assert cli.main(["fix", "--select=reused-initializer", "model.py"]) == cli.FIXED
    fixed = (project / "model.py").read_text()
    assert "INIT = keras.initializers.HeNormal(seed=keras.random.SeedGenerator(42))" in fixed
    assert fixed.count("kernel_initializer=keras.initializers.GlorotUniform())") == 2
    assert 'functools.partial(layers.Dense, 16, kernel_initializer="lecun_normal")' in fixed
    assert "seed_generator_7 = keras.random.SeedGenerator(7)\n" in fixed
    assert fixed.count("GlorotUniform(seed=seed_generator_7)") == 2
    compile(fixed, "model.py", "exec")
    capsys.readouterr()
    assert cli.main(["fix", "--diff", "--select=reused-initializer", "model.py"]) == cli.NOTHING


def test_edits_of_one_finding_apply_together() -> None:
    finding = reused_finding(_shared(seed=None, uses=(KernelUse(2, 1, None, replace=_span(2, 4, 8)),
                                                      KernelUse(3, 1, None, replace=_span(3, 4, 8)))))
    text = "X = HeNormal()\na = INIT\nb = INIT\n"
    assert apply_edits(text, finding.edits).text == "X = HeNormal()\na = HeNormal()\nb = HeNormal()\n"


# --------------------------------------------------------------------------- runtime proof


def test_stream_prefix_and_independence_on_plain_arrays() -> None:
    np = pytest.importorskip("numpy")
    from pylint_glorot.runtime import reuse_check

    rng = np.random.default_rng(0)
    stream = rng.uniform(-1, 1, 64 * 128)
    small, large = stream[:64 * 64].reshape(64, 64), 0.5 * stream.reshape(64, 128)
    assert reuse_check.relation(small, small.copy())[0] == reuse_check.IDENTICAL
    assert reuse_check.relation(small, large)[0] == reuse_check.ONE_STREAM
    assert reuse_check.relation(small, rng.uniform(-1, 1, (64, 64)))[0] == reuse_check.INDEPENDENT
    assert reuse_check.relation(np.zeros(4), np.zeros(4))[0] == reuse_check.IDENTICAL
    assert reuse_check.verdict([small], None).verdict == "not-measurable"
    assert reuse_check.verdict([small, rng.uniform(-1, 1, (64, 64))], None).verdict == "not-confirmed"


def _dense_kernels(module, init_for, shapes):
    built = []
    for index, (units, inputs) in enumerate(shapes):
        layer = module.layers.Dense(units, kernel_initializer=init_for(index))
        layer.build((None, inputs))
        built.append(layer)
    return built


@pytest.mark.skipif(not HAS_KERAS, reason="Keras 3 is not installed")
def test_keras3_shared_instance_is_confirmed_and_the_seed_generator_fix_measured() -> None:
    import keras

    from pylint_glorot.runtime import reuse_check

    shared = keras.initializers.HeNormal(seed=42)
    before = _dense_kernels(keras, lambda _i: shared, [(64, 64), (64, 64), (128, 64)])
    assert reuse_check.compare(before[:2]).relation == reuse_check.IDENTICAL
    assert reuse_check.compare([before[0], before[2]]).relation == reuse_check.ONE_STREAM
    fixed = keras.initializers.HeNormal(seed=keras.random.SeedGenerator(42))
    after = _dense_kernels(keras, lambda _i: fixed, [(64, 64), (64, 64), (128, 64)])
    result = reuse_check.verdict(before, after)
    assert result.verdict == "confirmed", result.reason
    again = _dense_kernels(keras, lambda _i: keras.initializers.HeNormal(seed=keras.random.SeedGenerator(42)),
                           [(64, 64)])
    assert reuse_check.relation(after[0], again[0])[0] == reuse_check.IDENTICAL  # still reproducible


@pytest.mark.skipif(not HAS_KERAS, reason="Keras 3 is not installed")
def test_keras3_a_wrong_fix_is_not_confirmed() -> None:
    import keras

    from pylint_glorot.runtime import reuse_check

    before = _dense_kernels(keras, lambda _i: keras.initializers.GlorotUniform(seed=7), [(32, 32), (32, 32)])
    still = _dense_kernels(keras, lambda _i: keras.initializers.GlorotUniform(seed=7), [(32, 32), (32, 32)])
    assert reuse_check.verdict(before, still).verdict == "not-confirmed"


@pytest.mark.skipif(not HAS_TF_KERAS, reason="tf-keras is not installed")
def test_tf_keras_distinct_seeds_fix() -> None:
    import warnings

    import tf_keras

    from pylint_glorot.runtime import reuse_check

    shared = tf_keras.initializers.GlorotUniform()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tf-keras warns about exactly this reuse
        before = _dense_kernels(tf_keras, lambda _i: shared, [(16, 16), (16, 16)])
    after = _dense_kernels(tf_keras, lambda i: tf_keras.initializers.GlorotUniform(seed=42 + i), [(16, 16), (16, 16)])
    assert reuse_check.verdict(before, after).verdict == "confirmed"


def test_a_fresh_instance_keeps_the_file_spelling_of_a_multi_line_initializer(project: Path) -> None:
    (project / "heads.py").write_text(textwrap.dedent(
        '''\
        import keras
        from keras import layers

        INIT = keras.initializers.VarianceScaling(
            scale=2.0, mode="fan_out", distribution="untruncated_normal",
        )
        a = layers.Dense(8, kernel_initializer=INIT)
        b = layers.Dense(8, kernel_initializer=INIT)
        '''))
    assert cli.main(["fix", "--select=reused-initializer", "heads.py"]) == cli.FIXED
    fresh = 'keras.initializers.VarianceScaling(scale=2.0, mode="fan_out", distribution="untruncated_normal")'
    assert (project / "heads.py").read_text().count(f"kernel_initializer={fresh})") == 2


# --------------------------------------------------------------------------- values imported from the project


def _package(root: Path) -> Path:
    """myproject/{__init__,inits}.py and myproject/models/{__init__,towers}.py."""
    models = root / "myproject" / "models"
    models.mkdir(parents=True)
    for package in (root / "myproject", models):
        (package / "__init__.py").write_text("")
    (root / "myproject" / "inits.py").write_text(textwrap.dedent(
        '''\
        import keras

        SHARED = keras.initializers.HeNormal(seed=42)
        FRESH = keras.initializers.GlorotUniform()
        '''))
    (models / "towers.py").write_text(textwrap.dedent(
        '''\
        from keras import layers

        from myproject.inits import SHARED
        from ..inits import FRESH


        def towers():
            query = layers.Dense(64, kernel_initializer=SHARED)
            key = layers.Dense(64, kernel_initializer=SHARED)
            value = layers.Dense(64, kernel_initializer=FRESH)
            output = layers.Dense(64, kernel_initializer=FRESH)
            return query, key, value, output
        '''))
    return models / "towers.py"


def _messages(arguments: list[str], cwd: Path) -> list[str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_glorot", "--disable=all",
                           "--enable=reused-initializer", "--msg-template={path}:{line}:{column}: {msg}",
                           "--score=n", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    return sorted(line for line in done.stdout.splitlines() if not line.startswith("*"))


def test_a_value_imported_from_the_project_by_absolute_and_relative_import(project: Path) -> None:
    _package(project)
    found = _messages(["myproject"], project)
    assert found == [
        "myproject/models/towers.py:3:28: HeNormal(seed=42) (inits.py:3) reaches 2 kernels (lines 8, 9): one random "
        "stream; in inits.py use seed=keras.random.SeedGenerator(42)",
        "myproject/models/towers.py:4:20: GlorotUniform() (inits.py:4) reaches 2 kernels (lines 10, 11): one random "
        "stream; use in each layer its own keras.initializers.GlorotUniform()",
    ]
    assert _messages(["-j", "2", "myproject"], project) == found  # the same answer from parallel workers


def test_an_imported_unseeded_instance_is_fixed_at_the_uses(project: Path) -> None:
    towers = _package(project)
    assert cli.main(["fix", "--select=reused-initializer", str(towers)]) == cli.FIXED
    fixed = towers.read_text()
    assert fixed.count("kernel_initializer=keras.initializers.GlorotUniform())") == 2 and "import keras\n" in fixed
    assert fixed.count("kernel_initializer=SHARED)") == 2  # its fix is in inits.py, which the message names
    compile(fixed, "towers.py", "exec")


def test_only_the_projects_own_modules_are_read(project: Path) -> None:
    from astroid import extract_node

    from pylint_glorot import siblings

    _package(project)
    (project / "keras.py").write_text("INIT = 1\n")  # a framework name is never the user's module
    (project / "lib" / "site-packages" / "vendored").mkdir(parents=True)
    (project / "lib" / "site-packages" / "vendored" / "inits.py").write_text("INIT = 1\n")

    def found(source: str, where: Path) -> Path | None:
        node = extract_node(source)
        node.root().file = str(where)
        return siblings.module_path(node)

    towers = project / "myproject" / "models" / "towers.py"
    assert found("from myproject.inits import SHARED", towers) == project / "myproject" / "inits.py"
    assert found("from ..inits import SHARED", towers) == project / "myproject" / "inits.py"
    assert found("from keras import INIT", project / "model.py") is None
    assert found("from inits import INIT", project / "lib" / "site-packages" / "vendored" / "model.py") is None
    assert found("from elsewhere.inits import INIT", towers) is None  # not beside it, not its package
    assert found("from myproject.inits import *", towers) is None
