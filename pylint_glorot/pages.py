"""The messages' documentation pages: where they are, their URL, and `pylint-glorot explain`.

The pages are written once, in docs/messages/ of the repository; the wheel carries that folder
as the package `pylint_glorot.message_docs` (pyproject.toml maps it), so an installed copy can print
them offline. The URL template is defined here only: message help, SARIF `helpUri`, rdjson
`code.url` and the language server all ask `docs_url`.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_URL = "https://github.com/pylint-glorot/pylint-glorot/blob/main/docs/messages/{symbol}.md"
ENVIRONMENT = "GLOROT_DOCS_URL"  # read when the message definitions are built (pylint --help-msg)

_INSTALLED = Path(__file__).parent / "message_docs"
_CHECKOUT = Path(__file__).parents[1] / "docs" / "messages"


def url_template(configured: str | None = None) -> str:
    """The `glorot-docs-url` option when set, else $GLOROT_DOCS_URL, else the project's home."""
    return configured or os.environ.get(ENVIRONMENT) or DEFAULT_URL


def docs_url(symbol: str, msgid: str = "", configured: str | None = None) -> str:
    """The URL of one message's page; the template may use {symbol} and {msgid}."""
    template = url_template(configured)
    try:
        return template.format(symbol=symbol, msgid=msgid)
    except (KeyError, IndexError, ValueError):
        return template


def folder() -> Path | None:
    """The folder of the pages: inside the installed package, or docs/messages of a checkout."""
    for candidate in (_INSTALLED, _CHECKOUT):
        if candidate.is_dir() and any(candidate.glob("*.md")):
            return candidate
    return None


def page(symbol: str) -> str | None:
    """The Markdown text of a message's page, or None when it is not there."""
    found = folder()
    path = found / f"{symbol}.md" if found is not None else None
    if path is None or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")
