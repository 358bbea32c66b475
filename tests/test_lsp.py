"""`pylint-glorot lsp` driven by a real LSP client (pygls' LanguageClient) over stdio, in a subprocess."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from pylint_glorot import cli  # noqa: E402

BUFFER = '''\
"""A model."""
import keras
from keras import layers
from keras.initializers import GlorotUniform

model = keras.Sequential([
    layers.Dense(64, activation="relu", kernel_initializer=GlorotUniform(seed=1)),
    layers.Dense(64, activation="relu", kernel_initializer="glorot_uniform"),  # pylint: disable=initializer-activation-mismatch
    layers.Dense(10, activation="softmax"),
])
'''


def _utf16_offset(text: str, position: types.Position) -> int:
    lines = text.splitlines(keepends=True)
    if position.line >= len(lines):
        return len(text)
    line = lines[position.line]
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return sum(map(len, lines[: position.line])) + index
        units += len(char.encode("utf-16-le")) // 2
    return sum(map(len, lines[: position.line])) + len(line)


def apply_workspace_edit(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """Apply a WorkspaceEdit's TextEdits to `text`, as a client does (all ranges refer to the old text)."""
    assert edit.changes is not None and set(edit.changes) == {uri}
    located = sorted(((_utf16_offset(text, e.range.start), _utf16_offset(text, e.range.end), e.new_text)
                      for e in edit.changes[uri]), reverse=True)
    for start, end, new in located:
        text = text[:start] + new + text[end:]
    return text


async def _session(project: Path, text: str) -> tuple[list[types.Diagnostic], list[types.CodeAction], list]:
    client = LanguageClient("glorot-test", "1")
    received: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        received.put_nowait(params)

    await client.start_io(sys.executable, "-m", "pylint_glorot", "lsp", cwd=str(project))
    try:
        result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=project.as_uri())), 60)
        client.initialized(types.InitializedParams())
        uri = (project / "model.py").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
        published = await asyncio.wait_for(received.get(), 120)
        assert published.uri == uri
        diagnostics = published.diagnostics
        whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=100, character=0))
        actions = await asyncio.wait_for(client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
            context=types.CodeActionContext(diagnostics=diagnostics))), 120)
        fix_all = await asyncio.wait_for(client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]))), 120)
        await asyncio.wait_for(client.shutdown_async(None), 30)
        client.exit(None)
        assert result.capabilities.code_action_provider is not None
        return diagnostics, list(actions or []), list(fix_all or [])
    finally:
        await client.stop()


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.pylint.main]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_client_gets_diagnostics_quick_fixes_and_fix_all_equal_to_the_fixer(project: Path) -> None:
    diagnostics, actions, fix_all = asyncio.run(_session(project, BUFFER))
    uri = (project / "model.py").as_uri()
    # Our message, id and page; the pragma on line 8 is honoured (one diagnostic, not two).
    assert [(d.code, d.range.start.line, d.source) for d in diagnostics] == [("W7701", 6, "pylint-glorot")]
    assert "(initializer-activation-mismatch)" in diagnostics[0].message
    assert diagnostics[0].code_description.href.endswith("/initializer-activation-mismatch.md")
    # The quick fix: the replacement plus its import, what one pass of `fix` writes.
    (quick,) = [action for action in actions if action.kind == types.CodeActionKind.QuickFix]
    assert [action.kind for action in actions] == [types.CodeActionKind.QuickFix, "source.fixAll.glorot"]
    fixed_by_action = apply_workspace_edit(BUFFER, quick.edit, uri)
    assert "HeUniform(seed=1)" in fixed_by_action and "from keras.initializers import HeUniform\n" in fixed_by_action
    # Fix all: exactly what `pylint-glorot fix` writes (here the unused GlorotUniform import goes too).
    (everything,) = fix_all
    assert everything.kind == "source.fixAll.glorot"
    (project / "model.py").write_text(BUFFER)
    assert cli.main(["fix", "model.py"]) == cli.FIXED
    written = (project / "model.py").read_text()
    assert apply_workspace_edit(BUFFER, everything.edit, uri) == written
    assert fixed_by_action.replace("from keras.initializers import GlorotUniform\n", "") == written


def test_lsp_without_pygls_says_what_to_install(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "pylint_glorot.lsp.server", raising=False)
    assert cli.main(["lsp"]) == cli.ERROR
    assert "pylint-glorot[lsp]" in capsys.readouterr().err
