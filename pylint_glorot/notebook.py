"""Jupyter notebooks as one Python text, and back: what `pylint-glorot fix` edits in a .ipynb.

The code cells are joined into one module (so that an import in the first cell resolves a layer in
the third), separated by marker comments; IPython magics (`%matplotlib inline`, `!pip install`,
a `%%bash` cell) become comments that say what they were. After the fix, the text is split at
the markers again and only the cells whose code changed get a new `source`; everything else
(outputs, metadata, cell ids, key order, indentation, the final newline) is written as it was.
The JSON layout is kept by finding the `json.dumps` settings that give back the file's exact
bytes; a notebook written some other way is refused rather than reformatted. Pure: no pylint.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_MARKER = "# --- pylint-glorot cell {} ---"
_MARKER_LINE = re.compile(r"^# --- pylint-glorot cell (\d+) ---$")
_MAGIC = "# pylint-glorot magic: "
# A line magic or shell escape (`%time f()`, `!pip list`, `x = !ls`), or help (`obj?`, `?obj`).
_MAGIC_START = re.compile(r"^\s*[%!?]|^\s*\w+\s*=\s*[%!]|^\s*[\w.]+\?\??\s*$")
_LINE = re.compile(r"[^\n]*\n?")


class NotebookError(Exception):
    """The notebook cannot be read, or cannot be written back without reformatting it."""


@dataclass(frozen=True)
class Layout:
    """The json.dumps settings that reproduce the file byte for byte."""

    indent: int | str | None
    ensure_ascii: bool
    newline_at_end: bool
    separators: tuple[str, str] | None


@dataclass
class Notebook:
    """A parsed notebook, its layout, and the code cells' indices in `data["cells"]`."""

    data: dict[str, Any]
    layout: Layout
    code_cells: list[int]

    def cell_text(self, index: int) -> str:
        source = self.data["cells"][index].get("source", "")
        return "".join(source) if isinstance(source, list) else str(source)

    def python_text(self) -> str:
        """The code cells as one module: a marker line before each, magics as comments."""
        parts = []
        for number, index in enumerate(self.code_cells):
            text = self.cell_text(index)
            parts.append(_MARKER.format(number) + "\n" + _mask(text) + ("" if text.endswith("\n") or not text else "\n"))
        return "".join(parts)

    def with_python_text(self, text: str) -> str:
        """The notebook's JSON text with the code cells taken from a (fixed) `python_text`."""
        cells = _split(text, len(self.code_cells))
        changed = False
        for number, index in enumerate(self.code_cells):
            old = self.cell_text(index)
            new = _unmask(cells[number])
            if not old.endswith("\n") and new.endswith("\n"):
                new = new[:-1]
            if new == old:
                continue
            changed = True
            cell = self.data["cells"][index]
            cell["source"] = _LINE.findall(new)[:-1] if isinstance(cell.get("source"), list) else new
            if isinstance(cell["source"], list) and not cell["source"] and new:
                cell["source"] = [new]
        return dumps(self.data, self.layout) if changed else ""


def _mask(text: str) -> str:
    lines = _LINE.findall(text)[:-1] if text else []
    if lines and lines[0].lstrip().startswith("%%"):
        return "".join(_MAGIC + line for line in lines)
    return "".join(_MAGIC + line if _MAGIC_START.match(line.rstrip("\n")) and not line.lstrip().startswith("#")
                   else line for line in lines)


def _unmask(text: str) -> str:
    return "".join(line[len(_MAGIC):] if line.startswith(_MAGIC) else line for line in _LINE.findall(text)[:-1])


def _split(text: str, count: int) -> list[str]:
    """The cells' texts from `python_text` (fixed); lines a fix put above the first marker (an
    import line in a notebook with none) go to the top of the first cell."""
    preamble: list[str] = []
    cells: list[list[str]] = []
    for line in _LINE.findall(text)[:-1]:
        marker = _MARKER_LINE.match(line.rstrip("\n"))
        if marker and int(marker.group(1)) == len(cells):
            cells.append([])
        else:
            (cells[-1] if cells else preamble).append(line)
    if len(cells) != count:
        raise NotebookError("the fixed text lost a cell marker")
    if cells:
        cells[0][:0] = preamble
    return ["".join(lines) for lines in cells]


def dumps(data: dict[str, Any], layout: Layout) -> str:
    text = json.dumps(data, indent=layout.indent, ensure_ascii=layout.ensure_ascii, separators=layout.separators)
    return text + ("\n" if layout.newline_at_end else "")


_LAYOUTS = [
    Layout(indent, ascii_only, newline, separators)
    for indent in (1, 2, 4, 3, "\t", None)
    for ascii_only in (False, True)
    for newline in (True, False)
    for separators in ((",", ": "), None)
]


def parse(raw: str) -> Notebook:
    """The notebook in `raw` (its file's text); NotebookError when it is not one or its layout is unknown."""
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise NotebookError(f"not a notebook: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError("not a notebook: no list of cells")
    language = str(data.get("metadata", {}).get("kernelspec", {}).get("language")
                   or data.get("metadata", {}).get("language_info", {}).get("name") or "python")
    if language.lower() != "python":
        raise NotebookError(f"a {language} notebook, not Python")
    layout = next((layout for layout in _LAYOUTS if dumps(data, layout) == raw), None)
    if layout is None:
        raise NotebookError("its JSON layout is not one json.dumps writes, so it cannot be kept; "
                            "fix it through nbQA instead: nbqa pylint_glorot.fix NOTEBOOK")
    code = [index for index, cell in enumerate(data["cells"])
            if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    return Notebook(data, layout, code)
