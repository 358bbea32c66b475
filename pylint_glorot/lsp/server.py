"""`pylint-glorot lsp`: a language server (pygls, stdio) with our diagnostics and their fixes.

Each open Python buffer is linted in-process by pylint with the plugin (`reporters.collect`,
what `pylint-glorot fix` uses): the project's pylint configuration, found from the server's
working directory as pylint finds it, and the buffer's `# pylint: disable=` comments apply.
Every diagnostic carries our message id, symbol and page; its quick fix is the finding's edit
laid out as `fix` lays it out, plus the import it needs (`reporters.base.fix_for`), and
"Fix all pylint-glorot findings" (`source.fixAll.glorot`) is exactly what `pylint-glorot fix`
would write (`fix.fix_buffer`). No edit logic lives here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

import astroid
from lsprotocol import types
from pygls.lsp.server import LanguageServer

from pylint_glorot import __version__
from pylint_glorot.edits import Source
from pylint_glorot.findings import Edit
from pylint_glorot.fix import fix_buffer
from pylint_glorot.layout import project_style
from pylint_glorot.reporters.base import fix_for, help_url
from pylint_glorot.reporters.collect import LintError, arguments, collect
from pylint_glorot.reporters.recover import build_module, findings_by_key, is_ours, message_key

SOURCE = "pylint-glorot"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.glorot"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error, "fatal": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
}


def path_of(uri: str) -> str:
    """The file path of a file:// URI (an untitled buffer gets a name in the working directory)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return os.path.join(os.getcwd(), "untitled.py")
    return unquote(parsed.path)


def position(source: Source, line: int, byte_col: int) -> types.Position:
    """An LSP position (0-based line, UTF-16 character) from astroid's (1-based line, UTF-8 byte column)."""
    if line > len(source.lines):
        return types.Position(line=len(source.lines), character=0)
    return types.Position(line=line - 1, character=source.utf16_col(line, byte_col))


def text_edit(source: Source, edit: Edit) -> types.TextEdit:
    span = edit.span
    return types.TextEdit(
        range=types.Range(start=position(source, span.line, span.col), end=position(source, span.end_line, span.end_col)),
        new_text=edit.text,
    )


@dataclass
class Linted:
    """One buffer version's diagnostics, each with its quick fix (None when it has none)."""

    version: int | None
    text: str
    findings: list[tuple[types.Diagnostic, types.CodeAction | None]] = field(default_factory=list)


def lint(uri: str, text: str, version: int | None) -> Linted:
    """Lint one buffer with the plugin and turn our messages into diagnostics with fixes."""
    path = path_of(uri)
    source = Source(text)
    result = Linted(version, text)
    with contextlib.redirect_stdout(sys.stderr):  # stdout is the protocol's channel
        try:
            messages, config = collect(arguments(), [path], text=text)
        except LintError:
            return result
        ours = [message for message in messages if is_ours(message)]
        findings = {}
        if ours:
            try:
                module = build_module(text, path, ours[0].module)
                findings = findings_by_key(module, config)
            except (astroid.AstroidBuildingError, SyntaxError, ValueError):
                findings = {}
    style = project_style(path, getattr(config, "max_line_length", None))
    template = getattr(config, "glorot_docs_url", "") or None
    for message in ours:
        url = help_url(message.symbol, message.category, template)
        try:
            start = position(source, message.line, message.column)
            end = position(source, message.end_line or message.line, message.end_column
                           if message.end_column is not None else message.column)
        except ValueError:
            continue
        diagnostic = types.Diagnostic(
            range=types.Range(start=start, end=end),
            message=f"{message.msg} ({message.symbol})",
            severity=_SEVERITY.get(message.category, types.DiagnosticSeverity.Information),
            code=message.msg_id,
            code_description=types.CodeDescription(href=url),
            source=SOURCE,
            data={"symbol": message.symbol},
        )
        finding = findings.get(message_key(message))
        fix = fix_for(finding, source, style) if finding is not None else None
        action = None
        if fix is not None:
            try:
                edits = [text_edit(source, edit) for edit in fix.edits]
            except ValueError:
                edits = []
            if edits:
                action = types.CodeAction(
                    title=f"{fix.description} ({message.symbol})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
        result.findings.append((diagnostic, action))
    return result


def fix_all(uri: str, text: str) -> types.CodeAction | None:
    """One edit replacing the buffer with what `pylint-glorot fix` would write; None if nothing changes."""
    with contextlib.redirect_stdout(sys.stderr):
        fixed = fix_buffer(path_of(uri), text, arguments())
    if fixed.errors or fixed.new == text:
        return None
    source = Source(text)
    end = types.Position(line=len(source.lines), character=0)
    if source.lines and not source.lines[-1].endswith(("\n", "\r")):
        last = len(source.lines)
        end = position(source, last, len(source.line_text(last).encode("utf-8")))
    whole = types.Range(start=types.Position(line=0, character=0), end=end)
    return types.CodeAction(
        title="Fix all pylint-glorot findings",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=whole, new_text=fixed.new)]}),
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def _wanted(only: list[str] | None, kind: str) -> bool:
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


class GlorotServer(LanguageServer):
    """The server: buffers linted on open, change and save; their fixes kept for code actions."""

    def __init__(self) -> None:
        super().__init__("pylint-glorot", __version__)
        self.linted: dict[str, Linted] = {}

    def refresh(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        if document.language_id not in (None, "", "python") and not uri.endswith((".py", ".pyi")):
            return
        linted = lint(uri, document.source, document.version)
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=[diagnostic for diagnostic, _ in linted.findings]))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = self.workspace.get_text_document(uri)
        linted = self.linted.get(uri)
        if linted is None or linted.text != document.source:
            self.refresh(uri)
            linted = self.linted.get(uri)
        if linted is None:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        if _wanted(only, types.CodeActionKind.QuickFix):
            actions.extend(action for diagnostic, action in linted.findings
                           if action is not None and _overlaps(diagnostic.range, params.range))
        if _wanted(only, FIX_ALL) and (only or linted.findings):
            everything = fix_all(uri, document.source)
            if everything is not None:
                actions.append(everything)
        return actions


def build() -> GlorotServer:
    server = GlorotServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GlorotServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GlorotServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GlorotServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.refresh(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GlorotServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.linted.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: GlorotServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    return server


def main(argv: list[str] | None = None) -> int:
    """`pylint-glorot lsp`: serve over stdio until the client says exit."""
    del argv
    build().start_io()
    return 0
