"""Functional tests: each tests/functional/*.py is linted with the plugin, and its
`# [symbol]` annotations and .txt expectations must match exactly (pylint.testutils)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pylint.testutils import LintModuleTest
from pylint.testutils.functional import get_functional_test_files_from_directory

FUNCTIONAL_DIR = Path(__file__).parent / "functional"
TESTS = get_functional_test_files_from_directory(FUNCTIONAL_DIR)


@pytest.mark.parametrize("test_file", TESTS, ids=[t.base for t in TESTS])
def test_functional(test_file) -> None:
    lint_test = LintModuleTest(test_file)
    lint_test.setUp()
    lint_test.runTest()


def test_every_functional_test_loads_the_plugin() -> None:
    for test_file in TESTS:
        assert "load-plugins=pylint_glorot" in Path(test_file.option_file).read_text(), test_file.base


if __name__ == "__main__":
    # Regenerate the .txt expectations after a deliberate message change; review the diff.
    from pylint.testutils.functional import LintModuleOutputUpdate

    for test_file in TESTS:
        updater = LintModuleOutputUpdate(test_file)
        updater.setUp()
        updater.runTest()
