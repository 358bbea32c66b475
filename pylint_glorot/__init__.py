"""pylint-glorot: a pylint plugin that finds weight-initializer mistakes in TensorFlow/Keras code.

Load it with ``pylint --load-plugins=pylint_glorot`` or
``[tool.pylint.main] load-plugins = ["pylint_glorot"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pylint.lint import PyLinter


def register(linter: PyLinter) -> None:
    """pylint's plugin hook; safe to call more than once (every -j worker calls it)."""
    from pylint_glorot.checker import register as register_checker
    from pylint_glorot.reporters import register as register_reporters

    register_checker(linter)
    register_reporters(linter)


def load_configuration(linter: PyLinter) -> None:
    """pylint's hook after the configuration is read: the `glorot-docs-url` option takes effect."""
    from pylint_glorot.checker import use_configured_docs_url

    use_configured_docs_url(linter)
