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
    """One message on one node: its full text ends with the replacement.

    `edit` is the fix at the node itself; `more_edits` the rest of one fix that spans several
    nodes (C7702 adds the initializer to every layer of a chain): apply `edits`, all or none.
    """

    symbol: str
    span: Span
    text: str
    edit: Edit | None = None
    covers: tuple[str, ...] = field(default=())  # lower-priority symbols this one also answers
    more_edits: tuple[Edit, ...] = field(default=())
    chain: tuple[Span, ...] = field(default=())  # C7702/W7709: every layer call of the chain, the first first
    # W7710: `chain` holds the layer calls the shared value reaches; this, the kernel keyword at each
    chain_keywords: tuple[str, ...] = field(default=())
    # W7709: the figure the message states, "signal" (the forward gain) or "gradient" (the gradient factor)
    figure: str | None = None

    @property
    def edits(self) -> tuple[Edit, ...]:
        """Every edit of the fix, the one at the node first."""
        return ((self.edit,) if self.edit is not None else ()) + self.more_edits
