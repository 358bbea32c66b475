"""Applying findings' edits to source text. Pure: no pylint, no astroid.

Spans count as astroid does: 1-based lines, 0-based columns in UTF-8 bytes of the line (what
Python's `ast` gives as col_offset), end exclusive. Lines end at \\r\\n, \\r or \\n, as Python's
tokenizer counts them. Only the replaced spans change, plus one line per needed import.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pylint_glorot.findings import Edit, Finding, Span

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_COMMENT_HEADER = re.compile(r"#!|#.*coding[:=]")


class Source:
    """Source text with its lines, to convert astroid positions to offsets and other column units."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = [m.group() for m in _LINE.finditer(text) if m.group()]
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line)
        self.newline = next((line[len(line.rstrip("\r\n")):] for line in self.lines if line.endswith(("\n", "\r"))), "\n")

    def line_text(self, line: int) -> str:
        """Line `line` (1-based) without its line ending; "" past the end of the text."""
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1].rstrip("\r\n")
        return ""

    def char_col(self, line: int, byte_col: int) -> int:
        """The column in characters of a UTF-8 byte column; ValueError inside a character."""
        encoded = self.line_text(line).encode("utf-8")
        if not 0 <= byte_col <= len(encoded):
            raise ValueError(f"column {byte_col} is outside line {line}")
        try:
            return len(encoded[:byte_col].decode("utf-8"))
        except UnicodeDecodeError as error:
            raise ValueError(f"column {byte_col} of line {line} splits a character") from error

    def utf16_col(self, line: int, byte_col: int) -> int:
        """The column in UTF-16 code units (what SARIF counts by default) of a UTF-8 byte column."""
        prefix = self.line_text(line)[: self.char_col(line, byte_col)]
        return len(prefix.encode("utf-16-le")) // 2

    def offset(self, line: int, byte_col: int) -> int:
        """The index in `text` of a (line, UTF-8 byte column) position."""
        if line == len(self.lines) + 1 and byte_col == 0:
            return len(self.text)
        if not 1 <= line <= len(self.lines):
            raise ValueError(f"line {line} is outside the text ({len(self.lines)} lines)")
        return self.starts[line - 1] + self.char_col(line, byte_col)


@dataclass(frozen=True)
class Result:
    """The new text, the edits it applied, the edits dropped for overlapping one kept, the imports added."""

    text: str
    applied: tuple[Edit, ...]
    dropped: tuple[Edit, ...]
    imports: tuple[str, ...]


def _bounds(source: Source, edit: Edit) -> tuple[int, int]:
    start = source.offset(edit.span.line, edit.span.col)
    end = source.offset(edit.span.end_line, edit.span.end_col)
    if end < start:
        raise ValueError(f"edit span ends before it starts: {edit.span}")
    return start, end


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two ranges that cannot both apply: overlapping text, or an insertion inside or beside another at one point."""
    if a == b:
        return True
    (a_start, a_end), (b_start, b_end) = a, b
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


def select_edits(source: Source, edits: Iterable[Edit]) -> tuple[list[tuple[int, int, Edit]], list[Edit]]:
    """Keep one edit per overlapping group: the outermost (it replaces the most), the first on a tie.

    Returns the kept edits with their text offsets, in text order, and the dropped ones.
    Exact duplicates count once and are not reported as dropped.
    """
    located = [(*_bounds(source, edit), edit) for edit in dict.fromkeys(edits)]
    ranked = sorted(range(len(located)), key=lambda i: (located[i][0] - located[i][1], i))
    kept: list[tuple[int, int, Edit]] = []
    dropped: list[Edit] = []
    for index in ranked:
        start, end, edit = located[index]
        if any(_conflict((start, end), (other_start, other_end)) for other_start, other_end, _ in kept):
            dropped.append(edit)
        else:
            kept.append((start, end, edit))
    kept.sort(key=lambda item: (item[0], item[1]))
    return kept, dropped


def missing_imports(source: Source, imports: Iterable[str]) -> list[str]:
    """The import lines not already present as a whole unindented line, each once, in order."""
    present = {source.line_text(n).rstrip() for n in range(1, len(source.lines) + 1)}
    return [line for line in dict.fromkeys(imports) if line not in present]


def import_position(source: Source, before_line: int | None = None) -> tuple[int, bool]:
    """Where new import lines go: (1-based line to insert before, whether the text needs a newline first).

    After the last top-level import that ends before `before_line` (so the name exists before its
    first use), else after the module docstring and `from __future__` imports, else at the top
    below a shebang / encoding line. Raises SyntaxError when the text does not parse.
    """
    module = ast.parse(source.text)
    after = 0
    for statement in module.body:
        end = statement.end_lineno or statement.lineno
        if before_line is not None and end >= before_line:
            break
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            after = end
    if after == 0:
        after = _header_end(source, module)
    if after >= len(source.lines):
        last = source.lines[-1] if source.lines else ""
        return len(source.lines) + 1, bool(last) and not last.endswith(("\n", "\r"))
    return after + 1, False


def _header_end(source: Source, module: ast.Module) -> int:
    body = module.body
    after = 0
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        after = first.end_lineno or first.lineno
    for statement in body[1 if after else 0:]:
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            after = statement.end_lineno or statement.lineno
        else:
            break
    if after == 0:
        while after < len(source.lines) and after < 2 and _COMMENT_HEADER.match(source.lines[after]):
            after += 1
    return after


def import_edit(source: Source, imports: Sequence[str], before_line: int | None = None) -> Edit | None:
    """One zero-width Edit inserting the missing `imports` lines where `import_position` says."""
    missing = missing_imports(source, imports)
    if not missing:
        return None
    line, needs_newline = import_position(source, before_line)
    block = "".join(f"{imp}{source.newline}" for imp in missing)
    if needs_newline:
        last = len(source.lines)
        end_col = len(source.line_text(last).encode("utf-8"))
        return Edit(Span(last, end_col, last, end_col), source.newline + block.removesuffix(source.newline))
    return Edit(Span(line, 0, line, 0), block)


def apply_edits(text: str, edits: Iterable[Edit]) -> Result:
    """Apply `edits` to `text`, combining overlapping ones, and add the import lines they need.

    The replaced spans and the added import lines are the only changes. Raises ValueError for a
    span outside the text and SyntaxError when imports are needed and the text does not parse.
    """
    source = Source(text)
    kept, dropped = select_edits(source, edits)
    imports = [imp for _, _, edit in kept for imp in edit.imports]
    first_line = min((edit.span.line for _, _, edit in kept), default=None)
    added = import_edit(source, imports, first_line) if imports else None
    pieces: list[str] = []
    cursor = 0
    insertions = [(*_bounds(source, added), added)] if added else []
    for start, end, edit in sorted(insertions + kept, key=lambda item: (item[0], item[1], item[2] is not added)):
        pieces.append(text[cursor:start])
        pieces.append(edit.text)
        cursor = end
    pieces.append(text[cursor:])
    applied = tuple(edit for _, _, edit in kept)
    return Result("".join(pieces), applied, tuple(dropped), tuple(missing_imports(source, imports)))


def finding_edits(finding: Finding) -> tuple[Edit, ...]:
    """The edits of a finding: its `edits` when it carries several, else its one `edit`, else none."""
    several = getattr(finding, "edits", None)
    if several:
        return tuple(several)
    one = getattr(finding, "edit", None)
    return (one,) if one is not None else ()


# --------------------------------------------------------------------------- imports a fix left unused


def _used_names(text: str, skip: list[tuple[int, int]]) -> tuple[set[str], str]:
    """The NAME tokens of `text` outside the `skip` line ranges, and its strings (for `__all__`)."""
    names: set[str] = set()
    strings: list[str] = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if any(first <= token.start[0] <= last for first, last in skip):
            continue
        if token.type == tokenize.NAME:
            names.add(token.string)
        elif token.type == tokenize.STRING:
            strings.append(token.string)
    return names, "\n".join(strings)


def _bound_name(alias: ast.alias, statement: ast.stmt) -> str | None:
    if alias.name == "*":
        return None
    if alias.asname:
        return alias.asname
    return alias.name.split(".")[0] if isinstance(statement, ast.Import) else alias.name


def _top_level_imports(module: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    return [
        statement for statement in module.body
        if isinstance(statement, (ast.Import, ast.ImportFrom))
        and not (isinstance(statement, ast.ImportFrom) and statement.module == "__future__")
    ]


def _statement_lines(source: Source, statement: ast.Import | ast.ImportFrom) -> tuple[int, int] | None:
    """The text range of the whole lines of `statement`; None when other code shares them."""
    end_line = statement.end_lineno or statement.lineno
    before = source.line_text(statement.lineno).encode("utf-8")[: statement.col_offset]
    after = source.line_text(end_line).encode("utf-8")[statement.end_col_offset or 0:].strip()
    if before.strip() or (after and not after.startswith(b"#")):
        return None  # another statement on the same line (`import a; x = 1`)
    return source.starts[statement.lineno - 1], source.starts[end_line - 1] + len(source.lines[end_line - 1])


def _alias_range(source: Source, statement: ast.Import | ast.ImportFrom, alias: ast.alias) -> tuple[int, int] | None:
    """The text range of `alias` with the comma that joins it to its neighbour."""
    index = statement.names.index(alias)
    if alias.end_lineno is None or alias.end_col_offset is None:
        return None
    if index + 1 < len(statement.names):
        following = statement.names[index + 1]
        return source.offset(alias.lineno, alias.col_offset), source.offset(following.lineno, following.col_offset)
    previous = statement.names[index - 1]
    if previous.end_lineno is None or previous.end_col_offset is None:
        return None
    return (source.offset(previous.end_lineno, previous.end_col_offset),
            source.offset(alias.end_lineno, alias.end_col_offset))


def remove_unused_imports(old: str, new: str) -> str:
    """`new` without the top-level imported names that `old` used and `new` no longer uses.

    Only names the fix made unused go (pylint's unused-import would now report them); a name
    bound twice, a star import, and an import sharing its line with other code stay. Everything
    else is kept byte for byte. Returns `new` unchanged when either text does not parse.
    """
    try:
        old_module, new_module = ast.parse(old), ast.parse(new)
    except SyntaxError:
        return new
    old_imports, new_imports = _top_level_imports(old_module), _top_level_imports(new_module)
    try:
        old_names, _ = _used_names(old, [(s.lineno, s.end_lineno or s.lineno) for s in old_imports])
        new_names, new_strings = _used_names(new, [(s.lineno, s.end_lineno or s.lineno) for s in new_imports])
    except (tokenize.TokenError, SyntaxError):
        return new
    bound: dict[str, int] = {}
    for statement in new_imports:
        for alias in statement.names:
            name = _bound_name(alias, statement)
            if name:
                bound[name] = bound.get(name, 0) + 1
    source = Source(new)
    removals: list[tuple[int, int]] = []
    for statement in new_imports:
        unused = [
            alias for alias in statement.names
            if (name := _bound_name(alias, statement)) and bound[name] == 1
            and name in old_names and name not in new_names and not re.search(rf"\b{re.escape(name)}\b", new_strings)
        ]
        if len(unused) == len(statement.names):
            found = _statement_lines(source, statement)
            removals.extend([found] if found is not None else [])
            continue
        for alias in unused:
            found = _alias_range(source, statement, alias)
            removals.extend([found] if found is not None else [])
    if not removals:
        return new
    pieces, cursor = [], 0
    for start, end in sorted(removals):
        if start < cursor:
            continue
        pieces.append(new[cursor:start])
        cursor = end
    pieces.append(new[cursor:])
    return "".join(pieces)
