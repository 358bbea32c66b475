"""`pylint-glorot fix`: the pure edit engine (edits.py), then the command end to end in a tmp dir."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pylint_glorot import cli, edits, fix
from pylint_glorot.edits import Source, apply_edits, import_edit, import_position
from pylint_glorot.findings import Edit, Finding, Span


def _edit(line: int, col: int, end_line: int, end_col: int, text: str, *imports: str) -> Edit:
    return Edit(Span(line, col, end_line, end_col), text, tuple(imports))


# --------------------------------------------------------------------------- positions


def test_byte_columns_on_a_line_with_non_ascii_text() -> None:
    source = Source('x = "é"; y = f("glorot_uniform")\n')
    byte_col = len('x = "é"; y = f('.encode())
    assert source.char_col(1, byte_col) == len('x = "é"; y = f(')
    assert source.offset(1, byte_col) == len('x = "é"; y = f(')


def test_utf16_columns_count_astral_characters_twice() -> None:
    source = Source("s = '𐐀'; t = 1\n")
    byte_col = len("s = '𐐀'; ".encode())
    assert source.char_col(1, byte_col) == 9
    assert source.utf16_col(1, byte_col) == 10


def test_a_column_inside_a_character_is_refused() -> None:
    with pytest.raises(ValueError):
        Source("é = 1\n").char_col(1, 1)


def test_lines_end_where_python_ends_them() -> None:
    source = Source("a = 1\r\nb = 2\rc = '\x0c'\n")
    assert [source.line_text(n) for n in (1, 2, 3)] == ["a = 1", "b = 2", "c = '\x0c'"]
    assert source.newline == "\r\n"


# --------------------------------------------------------------------------- applying edits


def test_a_replacement_changes_only_its_span() -> None:
    text = 'layer = Dense(8, kernel_initializer="glorot_uniform")  # keep me\n'
    start = text.index('"glorot')
    result = apply_edits(text, [_edit(1, start, 1, start + 16, '"he_uniform"')])
    assert result.text == 'layer = Dense(8, kernel_initializer="he_uniform")  # keep me\n'


def test_replacement_after_non_ascii_text_uses_byte_columns() -> None:
    text = 'd = "é"; e = Dense(8, kernel_initializer="glorot_uniform")\n'
    col = len(text[: text.index('"glorot')].encode())
    result = apply_edits(text, [_edit(1, col, 1, col + 16, '"he_uniform"')])
    assert result.text == 'd = "é"; e = Dense(8, kernel_initializer="he_uniform")\n'


def test_a_multi_line_span_and_crlf_line_endings() -> None:
    text = "x = f(\r\n    VarianceScaling(\r\n        1.0),\r\n)\r\n"
    result = apply_edits(text, [_edit(2, 4, 3, 12, '"he_uniform"')])
    assert result.text == 'x = f(\r\n    "he_uniform",\r\n)\r\n'


def test_an_insertion_is_a_zero_width_span() -> None:
    text = 'Dense(64, activation="relu")\n'
    result = apply_edits(text, [_edit(1, 27, 1, 27, ', kernel_initializer="he_uniform"')])
    assert result.text == 'Dense(64, activation="relu", kernel_initializer="he_uniform")\n'


def test_duplicate_edits_apply_once() -> None:
    edit = _edit(1, 4, 1, 7, "new")
    result = apply_edits("x = old\n", [edit, edit])
    assert (result.text, result.applied, result.dropped) == ("x = new\n", (edit,), ())


def test_overlapping_edits_keep_the_outermost() -> None:
    text = 'x = VarianceScaling(1.0, "FAN_IN")\n'
    outer = _edit(1, 4, 1, 34, '"he_uniform"')
    inner = _edit(1, 25, 1, 33, '"fan_in"')
    result = apply_edits(text, [inner, outer])
    assert result.text == 'x = "he_uniform"\n'
    assert (result.applied, result.dropped) == ((outer,), (inner,))


def test_two_insertions_at_one_point_keep_the_first() -> None:
    first, second = _edit(1, 5, 1, 5, ", a=1"), _edit(1, 5, 1, 5, ", b=2")
    result = apply_edits("f(x=0)\n", [first, second])
    assert result.text == "f(x=0, a=1)\n"
    assert result.dropped == (second,)


def test_an_insertion_touching_a_replacement_applies_both() -> None:
    text = "f(a, b)\n"
    result = apply_edits(text, [_edit(1, 5, 1, 6, "c"), _edit(1, 6, 1, 6, ", d")])
    assert result.text == "f(a, c, d)\n"


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("x = 1\n", [_edit(3, 0, 3, 1, "y")])


# --------------------------------------------------------------------------- imports


MODULE = textwrap.dedent(
    '''\
    #!/usr/bin/env python
    """Docstring."""
    from __future__ import annotations

    import keras
    from keras import layers  # a comment

    layer = layers.Dense(8, kernel_initializer=GlorotUniform(seed=1))
    '''
)


def _seeded_edit(text: str) -> Edit:
    line = text.splitlines().index("layer = layers.Dense(8, kernel_initializer=GlorotUniform(seed=1))") + 1
    return _edit(line, 43, line, 64, "HeUniform(seed=1)", "from keras.initializers import HeUniform")


def test_an_import_goes_after_the_last_top_level_import() -> None:
    result = apply_edits(MODULE, [_seeded_edit(MODULE)])
    assert result.text == MODULE.replace(
        "from keras import layers  # a comment\n",
        "from keras import layers  # a comment\nfrom keras.initializers import HeUniform\n",
    ).replace("GlorotUniform(seed=1)", "HeUniform(seed=1)")
    assert result.imports == ("from keras.initializers import HeUniform",)


def test_an_import_already_there_is_not_added_again() -> None:
    text = MODULE.replace("import keras\n", "import keras\nfrom keras.initializers import HeUniform\n")
    result = apply_edits(text, [_seeded_edit(text)])
    assert result.text.count("from keras.initializers import HeUniform") == 1
    assert result.imports == ()


def test_an_import_needed_twice_is_added_once() -> None:
    text = MODULE + "other = layers.Dense(8, kernel_initializer=GlorotUniform(seed=1))\n"
    first = _seeded_edit(text)
    second = _edit(first.span.line + 1, 43, first.span.line + 1, 64, "HeUniform(seed=1)", *first.imports)
    result = apply_edits(text, [first, second])
    assert result.text.count("from keras.initializers import HeUniform") == 1
    assert result.text.count("HeUniform(seed=1)") == 2


@pytest.mark.parametrize(
    ("text", "before_line", "line"),
    [
        ('"""Docstring."""\nx = 1\n', None, 2),
        ('"""Docstring."""\nfrom __future__ import annotations\nx = 1\n', None, 3),
        ("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n", None, 3),
        ("# a licence header\nx = 1\n", None, 1),
        ("import os\nx = 1\nimport sys\ny = 2\n", 2, 2),  # an import below the first use comes too late
        ("import os\nx = 1\nimport sys\ny = 2\n", 4, 4),
        ("import os\n", None, 2),
    ],
)
def test_where_imports_go(text: str, before_line: int | None, line: int) -> None:
    assert import_position(Source(text), before_line)[0] == line


def test_an_import_after_a_last_line_without_newline() -> None:
    insertion = import_edit(Source("import os"), ["import tensorflow as tf"])
    assert insertion is not None
    assert apply_edits("import os", [insertion]).text == "import os\nimport tensorflow as tf"


LINE = "abcdé€𐐀fghijklmnopqrstuvwxyz0123"


@given(
    st.lists(st.integers(0, len(LINE)), min_size=2, max_size=10, unique=True).map(sorted),
    st.lists(st.text("xyé€𐐀", max_size=4), min_size=5, max_size=5),
)
def test_edits_change_nothing_outside_their_spans(cuts: list[int], texts: list[str]) -> None:
    """Disjoint replacements between character cut points give the text spliced by hand."""
    spans = list(zip(cuts[::2], cuts[1::2]))
    byte = lambda index: len(LINE[:index].encode())  # noqa: E731
    edit_list = [_edit(1, byte(start), 1, byte(end), new) for (start, end), new in zip(spans, texts)]
    expected, last = "", 0
    for (start, end), new in zip(spans, texts):
        expected += LINE[last:start] + new
        last = end
    expected += LINE[last:]
    assert apply_edits(LINE + "\n", reversed(edit_list)).text == expected + "\n"


# --------------------------------------------------------------------------- the command, in a tmp dir


MODEL = textwrap.dedent(
    '''\
    """A model with every fixable kind of finding."""
    import keras
    from keras import layers
    from keras.initializers import GlorotUniform

    # A chain of three ReLU layers on the implicit default.
    chain = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),  # a comment that stays
        layers.Dense(
            64,
            activation="relu",
        ),
    ])
    hand_rolled = layers.Dense(8, activation="relu",
                               kernel_initializer=keras.initializers.VarianceScaling(1.0, "fan_avg", "uniform"))
    seeded = layers.Dense(8, activation="relu", kernel_initializer=GlorotUniform(seed=1))
    kept = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")  # pylint: disable=initializer-activation-mismatch
    '''
)

FIXED = textwrap.dedent(
    '''\
    """A model with every fixable kind of finding."""
    import keras
    from keras import layers
    from keras.initializers import HeUniform

    # A chain of three ReLU layers on the implicit default.
    chain = keras.Sequential([
        layers.Dense(64, activation="relu", kernel_initializer="he_uniform"),
        layers.Dense(64, activation="relu", kernel_initializer="he_uniform"),  # a comment that stays
        layers.Dense(
            64,
            activation="relu",
            kernel_initializer="he_uniform",
        ),
    ])
    hand_rolled = layers.Dense(8, activation="relu",
                               kernel_initializer="he_uniform")
    seeded = layers.Dense(8, activation="relu", kernel_initializer=HeUniform(seed=1))
    kept = layers.Dense(8, activation="relu", kernel_initializer="glorot_uniform")  # pylint: disable=initializer-activation-mismatch
    '''
)

TWO_LAYERS = textwrap.dedent(
    '''\
    import keras
    from keras import layers
    model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu")])
    '''
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with its own (empty) pylint configuration, as the working directory."""
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _fix(*args: str) -> int:
    return cli.main(["fix", *args])


def test_every_fixable_finding_is_fixed_and_nothing_else_changes(project: Path) -> None:
    (project / "model.py").write_text(MODEL)
    assert _fix("model.py") == cli.FIXED
    assert (project / "model.py").read_text() == FIXED


def test_a_second_run_proposes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "model.py").write_text(MODEL)
    assert _fix("model.py") == cli.FIXED
    capsys.readouterr()
    assert _fix("--diff", "model.py") == cli.NOTHING
    assert capsys.readouterr().out == ""
    assert (project / "model.py").read_text() == FIXED


def test_diff_prints_the_change_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "model.py").write_text(MODEL)
    assert _fix("--diff", "model.py") == cli.FIXED
    out = capsys.readouterr().out
    assert out.startswith("--- a/model.py\n+++ b/model.py\n")
    assert '+    layers.Dense(64, activation="relu", kernel_initializer="he_uniform"),\n' in out
    assert "+from keras.initializers import HeUniform\n" in out
    assert (project / "model.py").read_text() == MODEL


def test_the_diff_applies_to_give_the_fixed_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "model.py").write_text(MODEL)
    _fix("--diff", "model.py")
    patch = capsys.readouterr().out
    done = subprocess.run(["patch", "-p1", "--dry-run"], input=patch, text=True, capture_output=True, check=False)
    if done.returncode == 127 or "not found" in done.stderr:
        pytest.skip("no patch program")
    subprocess.run(["patch", "-p1", "-s"], input=patch, text=True, check=True)
    assert (project / "model.py").read_text() == FIXED


def test_a_fix_that_brings_another_message_is_followed_through(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Correcting mode= makes the VarianceScaling equal HeNormal: the E7705 replacement already is
    the named initializer, so one replacement in one pass does both."""
    (project / "init.py").write_text('import keras\nz = keras.initializers.VarianceScaling(2.0, "FAN_IN")\n')
    assert _fix("init.py") == cli.FIXED
    assert (project / "init.py").read_text() == "import keras\nz = keras.initializers.HeNormal()\n"
    assert "fixed init.py: 1 replacement\n" in capsys.readouterr().err
    assert _fix("init.py") == cli.NOTHING


def test_repeated_runs_in_one_process_see_the_files_as_they_are_now(project: Path) -> None:
    """astroid caches modules by name: the fixer must not lint a stale module on its next run."""
    (project / "model.py").write_text(MODEL)
    assert _fix("--diff", "model.py") == cli.FIXED
    (project / "model.py").write_text(FIXED)
    assert _fix("--diff", "model.py") == cli.NOTHING
    (project / "model.py").write_text(MODEL)
    assert _fix("--diff", "model.py") == cli.FIXED


PARAMETER_FACTORY = textwrap.dedent(
    '''\
    from keras import layers


    def hidden(units, kernel_initializer="glorot_uniform"):
        return layers.Dense(units, activation="relu", kernel_initializer=kernel_initializer)


    def head(x, init):
        return layers.Dense(64, activation="relu", kernel_initializer=init)(x)


    first = hidden(64)
    second = hidden(32)
    out = head(first(second(None)), "glorot_uniform")
    '''
)


def test_a_value_from_a_function_parameter_is_fixed_where_its_literal_is_written(project: Path) -> None:
    """The parameter's default, or the literal the one call site passes: never the parameter's use,
    which would silently drop what callers pass in."""
    (project / "model.py").write_text(PARAMETER_FACTORY)
    assert _fix("model.py") == cli.FIXED
    fixed = (project / "model.py").read_text()
    assert 'def hidden(units, kernel_initializer="he_uniform"):' in fixed
    assert 'out = head(first(second(None)), "he_uniform")' in fixed
    assert fixed.count("kernel_initializer=kernel_initializer)") == 1 and fixed.count("kernel_initializer=init)") == 1
    assert _fix("--diff", "model.py") == cli.NOTHING


def test_nothing_to_fix_exits_zero(project: Path) -> None:
    (project / "clean.py").write_text('from keras import layers\nx = layers.Dense(8, activation="relu", kernel_initializer="he_uniform")\n')
    assert _fix("clean.py") == cli.NOTHING


def test_min_chain_from_pyproject_is_honoured(project: Path) -> None:
    (project / "two.py").write_text(TWO_LAYERS)
    assert _fix("two.py") == cli.NOTHING
    (project / "pyproject.toml").write_text("[tool.pylint.main]\nglorot-min-chain = 2\n")
    assert _fix("two.py") == cli.FIXED
    assert (project / "two.py").read_text().count('kernel_initializer="he_uniform"') == 2


def test_a_message_disabled_in_the_configuration_is_not_fixed(project: Path) -> None:
    (project / "model.py").write_text(MODEL)
    (project / "pyproject.toml").write_text('[tool.pylint."messages control"]\ndisable = ["implicit-initializer-mismatch"]\n')
    assert _fix("model.py") == cli.FIXED
    text = (project / "model.py").read_text()
    assert 'layers.Dense(64, activation="relu"),\n' in text
    assert "HeUniform(seed=1)" in text


def test_select_and_ignore(project: Path) -> None:
    (project / "model.py").write_text(MODEL)
    assert _fix("--select", "C7702", "model.py") == cli.FIXED
    text = (project / "model.py").read_text()
    assert text.count('kernel_initializer="he_uniform"') == 3 and "GlorotUniform(seed=1)" in text
    # With W7701 off, the hand-rolled VarianceScaling gets the next message on its node (R7704).
    assert _fix("--ignore", "implicit-initializer-mismatch,W7701", "model.py") == cli.FIXED
    assert 'kernel_initializer="glorot_uniform")\nseeded' in (project / "model.py").read_text()
    assert _fix("--ignore", "implicit-initializer-mismatch,W7701,R7704", "model.py") == cli.NOTHING
    assert _fix("--ignore", "implicit-initializer-mismatch", "model.py") == cli.FIXED
    assert (project / "model.py").read_text() == FIXED


def test_an_unknown_message_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "model.py").write_text(MODEL)
    assert _fix("--select", "no-such-message", "model.py") == cli.ERROR
    assert "no-such-message" in capsys.readouterr().err
    assert (project / "model.py").read_text() == MODEL


def test_a_missing_path_is_a_usage_error(project: Path) -> None:
    assert _fix("missing.py") == cli.ERROR


def test_no_arguments_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["fix"])
    assert stop.value.code == 2


def test_a_syntax_error_exits_two_and_the_other_files_are_still_fixed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "broken.py").write_text("def f(:\n    pass\n")
    (project / "model.py").write_text(MODEL)
    assert _fix("broken.py", "model.py") == cli.ERROR
    assert "broken.py" in capsys.readouterr().err
    assert (project / "broken.py").read_text() == "def f(:\n    pass\n"
    assert (project / "model.py").read_text() == FIXED


def test_a_fix_that_would_not_parse_is_not_written(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "model.py").write_text(MODEL)
    real = fix.findings_by_key

    def breaking(module, config):
        return {key: Finding(f.symbol, f.span, f.text, Edit(f.edit.span, "(", f.edit.imports) if f.edit else None)
                for key, f in real(module, config).items()}

    monkeypatch.setattr(fix, "findings_by_key", breaking)
    assert _fix("model.py") == cli.ERROR
    assert "would not parse" in capsys.readouterr().err
    assert (project / "model.py").read_text() == MODEL


def test_folders_are_searched_for_python_files(project: Path) -> None:
    (project / "pkg" / "sub").mkdir(parents=True)
    (project / "pkg" / "sub" / "deep.py").write_text(MODEL)
    (project / "pkg" / "notes.txt").write_text(MODEL)
    (project / ".hidden").mkdir()
    (project / ".hidden" / "skipped.py").write_text(MODEL)
    (project / "venv").mkdir()
    (project / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / "venv" / "lib.py").write_text(MODEL)
    assert _fix(".") == cli.FIXED
    assert (project / "pkg" / "sub" / "deep.py").read_text() == FIXED
    for untouched in ("pkg/notes.txt", ".hidden/skipped.py", "venv/lib.py"):
        assert (project / untouched).read_text() == MODEL


def test_line_endings_and_encoding_are_kept(project: Path) -> None:
    crlf = MODEL.replace("\n", "\r\n").replace("# A chain", "# Une chaîne")
    (project / "model.py").write_bytes(crlf.encode("utf-8"))
    assert _fix("model.py") == cli.FIXED
    expected = FIXED.replace("\n", "\r\n").replace("# A chain", "# Une chaîne")
    assert (project / "model.py").read_bytes() == expected.encode("utf-8")


def test_a_latin_1_file_stays_latin_1(project: Path) -> None:
    text = "# -*- coding: latin-1 -*-\n" + MODEL.replace("# A chain", "# Une chaîne")
    (project / "model.py").write_bytes(text.encode("latin-1"))
    assert _fix("model.py") == cli.FIXED
    data = (project / "model.py").read_bytes()
    assert data.decode("latin-1").startswith("# -*- coding: latin-1 -*-\n")
    assert "# Une chaîne".encode("latin-1") in data
    assert b'kernel_initializer="he_uniform"' in data


# --------------------------------------------------------------------------- atomic writes


def test_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "script.py"
    target.write_text("old\n")
    target.chmod(0o755)
    fix.write_atomically(str(target), "new\n", "utf-8")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o755
    assert os.listdir(tmp_path) == ["script.py"]


def test_a_crash_before_the_rename_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "model.py"
    target.write_text("old\n")

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        fix.write_atomically(str(target), "new\n", "utf-8")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["model.py"]


# --------------------------------------------------------------------------- entry points


@pytest.mark.parametrize("command", [["-m", "pylint_glorot"], ["-c", "from pylint_glorot.cli import main; raise SystemExit(main())"]])
def test_module_entry_point_and_console_script_function(project: Path, command: list[str]) -> None:
    (project / "model.py").write_text(MODEL)
    done = subprocess.run([sys.executable, *command, "fix", "--diff", "model.py"], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert "+from keras.initializers import HeUniform" in done.stdout
    assert (project / "model.py").read_text() == MODEL


def test_the_console_script_is_declared() -> None:
    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    target = pyproject["project"]["scripts"]["pylint-glorot"]
    module, function = target.split(":")
    assert (module, function) == ("pylint_glorot.cli", "main")


def test_edits_module_needs_no_pylint() -> None:
    code = "import sys, pylint_glorot.edits; print(any(m.split('.')[0] in ('pylint', 'astroid') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert edits.__doc__
