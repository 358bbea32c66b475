"""Value types that leave the rules: spans, edits and findings. No pylint, no astroid."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A source range as astroid counts it: 1-based lines, 0-based columns, end exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.col)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_col)


@dataclass(frozen=True)
class Edit:
    """Replace the text in `span` by `text`; a zero-width span inserts.

    `imports` are whole import lines the replacement needs when its name is not in scope.
    """

    span: Span
    text: str
    imports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One message on one node: its full text ends with the replacement."""

    symbol: str
    span: Span
    text: str
    edit: Edit | None = None
    covers: tuple[str, ...] = field(default=())  # lower-priority symbols this one also answers
    edits: tuple[Edit, ...] = ()  # every edit of the fix, `edit` first; filled from `edit` when not given

    def __post_init__(self) -> None:
        if not self.edits and self.edit is not None:
            object.__setattr__(self, "edits", (self.edit,))
        elif self.edits and self.edit is None:
            object.__setattr__(self, "edit", self.edits[0])
