"""Laying out added keyword arguments so that fixed lines respect the project's line length.

A keyword a fix adds to a call (`, kernel_initializer="he_uniform"`) goes where the call's own
layout puts arguments: on a line of its own in a call written one argument per line; on a new
line aligned with the others in a call already broken over lines, when the line would be too
long; and when a call on one line would become too long, the call is broken at its own
parentheses, with the arguments on one indented line or, if that is still too long, one per
line with a trailing comma (black's two forms). Code that black leaves unchanged is
reformatted by black itself when it is installed, so that black-formatted code stays so.
Pure: `ast` only, no pylint.
"""

from __future__ import annotations

import ast
import os
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pylint_glorot.edits import Source
from pylint_glorot.findings import Edit, Span

DEFAULT_LINE_LENGTH = 100  # pylint's max-line-length default


@dataclass(frozen=True)
class Style:
    """The line length to keep, and black's settings when the project configures black."""

    max_length: int = DEFAULT_LINE_LENGTH
    black: dict[str, Any] | None = None  # [tool.black] of the project's pyproject.toml


def _load_toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - pylint installs tomli on 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as stream:
            return tomllib.load(stream)
    except (OSError, ValueError):
        return {}


def project_style(path: str, pylint_max_length: int | None) -> Style:
    """The style for `path`: pylint's max-line-length, and black's line-length where the nearest
    pyproject.toml above the file has a [tool.black] table (the smaller of the two is kept)."""
    folder = os.path.dirname(os.path.abspath(path))
    black = None
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            black = _load_toml(candidate).get("tool", {}).get("black")
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    length = int(pylint_max_length or DEFAULT_LINE_LENGTH)
    if isinstance(black, dict):
        length = min(length, int(black.get("line-length", 88)))
        return Style(length, black)
    return Style(length, None)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _position(source: Source, line: int, byte_col: int) -> int:
    return source.offset(line, byte_col)


def _calls_by_last_argument(module: ast.Module) -> dict[tuple[int, int], ast.Call]:
    found = {}
    for node in ast.walk(module):
        if isinstance(node, ast.Call):
            arguments = [*node.args, *node.keywords]
            if arguments:
                last = max(arguments, key=lambda a: (a.end_lineno or 0, a.end_col_offset or 0))
                found[(last.end_lineno or 0, last.end_col_offset or 0)] = node
    return found


def _arguments(call: ast.Call) -> list[ast.expr | ast.keyword]:
    return sorted([*call.args, *call.keywords], key=lambda a: (a.lineno, a.col_offset))


def _open_paren(source: Source, call: ast.Call) -> tuple[int, int]:
    """(offset, line) of the call's opening parenthesis."""
    start = _position(source, call.func.end_lineno or call.lineno, call.func.end_col_offset or 0)
    offset = source.text.index("(", start)
    line = next(n for n in range(len(source.starts), 0, -1) if source.starts[n - 1] <= offset)
    return offset, line


def _grown_length(source: Source, line: int, edits: Sequence[Edit]) -> int:
    """The length of `line` after every edit that stays on it."""
    length = len(source.line_text(line))
    for edit in edits:
        span = edit.span
        if span.line == line == span.end_line and "\n" not in edit.text:
            length += len(edit.text) - (source.char_col(line, span.end_col) - source.char_col(line, span.col))
    return length


def _segment(source: Source, node: ast.AST) -> str:
    start = _position(source, node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end = _position(source, node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
    return source.text[start:end]


def _laid_out(source: Source, call: ast.Call, edit: Edit, edits: Sequence[Edit], style: Style) -> Edit:
    arguments = _arguments(call)
    keyword = edit.text[2:]
    newline = source.newline
    open_offset, open_line = _open_paren(source, call)
    first, last = arguments[0], arguments[-1]
    last_end_line = last.end_lineno or last.lineno
    too_long = _grown_length(source, edit.span.line, edits) > style.max_length
    one_per_line = first.lineno > open_line and all(
        later.lineno > (earlier.end_lineno or earlier.lineno) for earlier, later in zip(arguments, arguments[1:]))
    if one_per_line and len(arguments) > 1 or (one_per_line and _ends_with_comma(source, call, last)):
        indent = _indent(source.line_text(last.lineno))
        line = source.line_text(last_end_line)
        rest = line[source.char_col(last_end_line, last.end_col_offset or 0):]
        if rest.lstrip().startswith(",") and rest.lstrip()[1:].lstrip().startswith("#"):
            # `last,  # a comment`: the new argument goes on the next line, the comment stays with its own
            end = len(line.encode("utf-8"))
            return Edit(Span(last_end_line, end, last_end_line, end), f"{newline}{indent}{keyword},", edit.imports)
        return Edit(edit.span, f",{newline}{indent}{keyword}", edit.imports)
    if not too_long:
        return edit
    if last_end_line > open_line and first.lineno == open_line or (first.lineno > open_line and last.lineno > first.lineno):
        indent = (_indent(source.line_text(last.lineno)) if last.lineno > open_line
                  else " " * source.char_col(first.lineno, first.col_offset))
        return Edit(edit.span, f",{newline}{indent}{keyword}", edit.imports)
    if first.lineno > open_line:  # arguments hugged on one line of their own: one per line
        indent = _indent(source.line_text(first.lineno))
        texts = [_segment(source, argument) for argument in arguments] + [keyword]
        body = f",{newline}{indent}".join(texts) + ","
        span = Span(first.lineno, first.col_offset, last_end_line, last.end_col_offset or 0)
        return Edit(span, body, edit.imports)
    close_line = call.end_lineno or call.lineno
    if close_line != open_line or sum(1 for other in edits if other.span.line == edit.span.line) > 1:
        return edit
    before = source.line_text(open_line)[: source.char_col(call.lineno, call.col_offset)]
    if _unclosed(before) or _in_aligned_brackets(call):  # the user aligns: align under the first argument
        column = source.char_col(first.lineno, first.col_offset)
        if column + len(keyword) + 1 > style.max_length:
            return edit
        return Edit(edit.span, f",{newline}{' ' * column}{keyword}", edit.imports)
    outer = _indent(source.line_text(open_line))
    inner = outer + " " * 4
    texts = [_segment(source, argument) for argument in arguments] + [keyword]
    hugged = ", ".join(texts)
    if len(inner) + len(hugged) <= style.max_length:
        body = f"{newline}{inner}{hugged}{newline}{outer}"
    else:
        body = newline + "".join(f"{inner}{text},{newline}" for text in texts) + outer
    start_line, start_col = _line_col(source, open_offset + 1)
    end_offset = _position(source, call.end_lineno or call.lineno, (call.end_col_offset or 1) - 1)
    end_line, end_col = _line_col(source, end_offset)
    return Edit(Span(start_line, start_col, end_line, end_col), body, edit.imports)


def _in_aligned_brackets(call: ast.Call) -> bool:
    """Whether the call is an element of a bracket whose first element sits on the bracket's own
    line while others follow on later lines (visual indentation, not black's one per line)."""
    parent = getattr(call, "glorot_parent", None)
    elements = getattr(parent, "elts", None) if isinstance(parent, (ast.List, ast.Tuple, ast.Set)) else None
    if isinstance(parent, ast.Call):
        elements = [*parent.args, *parent.keywords]
    if not elements or len(elements) < 2:
        return False
    return elements[0].lineno == parent.lineno and any(e.lineno > parent.lineno for e in elements)


def _unclosed(text: str) -> bool:
    """Whether `text` (code before a call on its line) leaves a bracket open; strings are skipped."""
    depth = 0
    quote = None
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
    return depth > 0


def _ends_with_comma(source: Source, call: ast.Call, last: ast.AST) -> bool:
    start = _position(source, last.end_lineno, last.end_col_offset)  # type: ignore[attr-defined]
    end = _position(source, call.end_lineno or call.lineno, call.end_col_offset or 0)
    return source.text[start:end].lstrip().startswith(",")


def _line_col(source: Source, offset: int) -> tuple[int, int]:
    """(line, UTF-8 byte column) of a text offset."""
    line = next(n for n in range(len(source.starts), 0, -1) if source.starts[n - 1] <= offset)
    column = len(source.text[source.starts[line - 1]:offset].encode("utf-8"))
    return line, column


def lay_out(text: str, edits: Sequence[Edit], style: Style) -> list[Edit]:
    """`edits` with each added keyword argument laid out as the call around it is (see the module
    doc); the edits inside a statement that black leaves unchanged become one edit of the whole
    statement, formatted by black, when black is installed and configured."""
    try:
        module = ast.parse(text)
    except SyntaxError:
        return list(edits)
    for node in ast.walk(module):
        for child in ast.iter_child_nodes(node):
            child.glorot_parent = node  # type: ignore[attr-defined]
    source = Source(text)
    remaining, merged = _black_statements(source, module, list(edits), style)
    calls = _calls_by_last_argument(module)
    laid_out = []
    for edit in remaining:
        span = edit.span
        call = calls.get((span.line, span.col))
        if call is None or span.start != span.end or not edit.text.startswith(", ") or "\n" in edit.text:
            laid_out.append(edit)
            continue
        try:
            laid_out.append(_laid_out(source, call, edit, remaining, style))
        except (ValueError, StopIteration):
            laid_out.append(edit)
    return laid_out + merged


# --------------------------------------------------------------------------- black


def black_mode(style: Style) -> Any | None:
    """black's Mode for the project's [tool.black], or None without black or its configuration."""
    if style.black is None:
        return None
    try:
        import black
    except ImportError:
        return None
    settings = style.black
    try:
        return black.Mode(
            line_length=int(settings.get("line-length", 88)),
            string_normalization=not settings.get("skip-string-normalization", False),
            magic_trailing_comma=not settings.get("skip-magic-trailing-comma", False),
            preview=bool(settings.get("preview", False)),
        )
    except (TypeError, ValueError):
        return None


def _simple_statements(module: ast.Module) -> list[ast.stmt]:
    return [node for node in ast.walk(module) if isinstance(node, ast.stmt) and not hasattr(node, "body")]


def _black_statements(source: Source, module: ast.Module, edits: list[Edit],
                      style: Style) -> tuple[list[Edit], list[Edit]]:
    """(edits left to lay out, one edit per black-formatted statement that held the others)."""
    mode = black_mode(style)
    if mode is None:
        return edits, []
    import black

    from pylint_glorot.edits import apply_edits, select_edits

    groups: dict[int, tuple[ast.stmt, list[Edit]]] = {}
    remaining = []
    statements = _simple_statements(module)
    for edit in edits:
        start = source.offset(edit.span.line, edit.span.col)
        end = source.offset(edit.span.end_line, edit.span.end_col)
        holder = None
        for statement in statements:
            first = source.offset(statement.lineno, statement.col_offset)
            last = source.offset(statement.end_lineno or statement.lineno, statement.end_col_offset or 0)
            if first <= start and end <= last and not (start == end == first):
                if holder is None or statement.lineno >= holder.lineno:
                    holder = statement
        if holder is None or holder.end_lineno is None:
            remaining.append(edit)
        else:
            groups.setdefault(id(holder), (holder, []))[1].append(edit)
    merged = []
    for statement, inside in groups.values():
        first_line, last_line = statement.lineno, statement.end_lineno or statement.lineno
        old_text = "".join(source.lines[first_line - 1:last_line])
        formatted = None
        if _black_format(black, old_text, statement.col_offset, mode) == old_text:
            kept, _ = select_edits(source, inside)
            shifted = [Edit(Span(e.span.line - first_line + 1, e.span.col, e.span.end_line - first_line + 1,
                                 e.span.end_col), e.text, e.imports) for _, _, e in kept]
            try:
                new_text = apply_edits(old_text, [Edit(e.span, e.text) for e in shifted]).text
            except (ValueError, SyntaxError):
                new_text = None
            formatted = _black_format(black, new_text, statement.col_offset, mode) if new_text else None
        if formatted is None:
            remaining.extend(inside)
            continue
        imports = tuple(dict.fromkeys(line for edit in inside for line in edit.imports))
        merged.append(Edit(Span(first_line, 0, last_line + 1, 0), formatted, imports))
    return remaining, merged


def _black_format(black: Any, text: str, indent: int, mode: Any) -> str | None:
    """`text` (whole lines of one statement indented by `indent`) as black formats it in place."""
    prefix = text[:indent]
    if prefix.strip() or not text.endswith(("\n", "\r")):
        return None
    newline = "\r\n" if text.endswith("\r\n") else "\n"
    try:
        body = black.format_str(textwrap.dedent(text.replace("\r\n", "\n")),
                                mode=replace(mode, line_length=max(1, mode.line_length - indent)))
    except Exception:  # black's own errors (InvalidInput, ...): keep the text as the edits made it
        return None
    formatted = textwrap.indent(body, prefix, lambda line: bool(line.strip()))
    return formatted.replace("\n", newline) if newline != "\n" else formatted
