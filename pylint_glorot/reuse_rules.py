"""W7710 reused-initializer, the pure rule: one shared initializer value (or one literal seed)
and the kernels it reaches -> the finding, its text and its edits.

Measured (docs/messages/reused-initializer.md): a Keras initializer seeded with an integer, or
unseeded, returns the same values on every call, in Keras 3 and in tf-keras; two instances with
one integer seed do too; kernels of other shapes are cut from the same stream. A
`keras.random.SeedGenerator` seed (Keras 3 only) advances on every call. TF1 initializers
repeat with an integer seed in graph mode only. No pylint, no astroid, no TensorFlow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pylint_glorot.findings import Edit, Finding, Span

W7710 = "reused-initializer"

KERAS3 = "keras3"  # `keras` 3: SeedGenerator seeds exist
KERAS2 = "keras2"  # tf-keras, or tf.keras (Keras 2 before TF 2.16): integer seeds only
TF1 = "tf1"  # tf.compat.v1 initializers (graph mode)

_MAX_LINES = 5
_MAX_WRITTEN = 40
_MAX_TEXT = 160


@dataclass(frozen=True)
class KernelUse:
    """One place the shared value reaches a kernel."""

    line: int  # the line shown for it: the layer call, or the factory call that builds it
    count: int  # kernels built from here per evaluation of the shared value (a loop, a factory called twice)
    shape: tuple | None  # the kernel's shape as far as the source fixes it (layer kind, config, input width)
    replace: Span | None = None  # the expression to replace by a fresh instance (a direct use), if any
    seed: Span | None = None  # this use's seed argument (the literal-seed case)
    seed_text: str = ""  # that seed as written
    site: Span | None = None  # the layer call building the kernel (where `verify` finds it)
    keyword: str = ""  # the kernel's initializer keyword there


@dataclass(frozen=True)
class SharedInitializer:
    """One initializer object (kind "instance") or one literal seed (kind "seed") reaching kernels."""

    kind: str  # instance | seed
    span: Span  # the shared value: the initializer expression, or the first seed argument
    written: str  # how the source spells the shared value
    fresh_text: str  # the initializer call to write at each use, keeping its arguments (instance case)
    seed: int | None  # the literal seed; None when unseeded
    seed_span: Span | None  # the instance's seed argument, when it has one
    generation: str  # KERAS3 | KERAS2 | TF1
    keras_name: str | None  # how `keras` is spelled in the module, None when it is not imported
    string_name: str | None  # "he_normal" when a string spelling (a fresh instance per layer) equals it
    uses: tuple[KernelUse, ...]
    seed_text: str | None = None  # the instance's seed argument as written ("SEED", "42")
    fresh_imports: tuple[str, ...] = ()  # import lines `fresh_text` needs where it is not spelled in scope
    # "inits.py:3": the value is defined in another module of the project, imported here (then `span`
    # is this file's import of it, `fresh_text` is "" unless this file can write it, no seed span)
    elsewhere: str | None = None


def _lines(uses: tuple[KernelUse, ...]) -> str:
    lines = sorted({use.line for use in uses})
    shown = ", ".join(map(str, lines[:_MAX_LINES]))
    return ("line " if len(lines) == 1 else "lines ") + shown + (", ..." if len(lines) > _MAX_LINES else "")


def _short(text: str) -> str:
    text = re.sub(r"^[\w.]*\.(?=\w+\()", "", " ".join(text.split()))  # keras.initializers.HeNormal( -> HeNormal(
    if len(text) <= _MAX_WRITTEN:
        return text
    call = re.match(r"^(\w+)\(", text)
    return f"{call.group(1)}(...)" if call and len(call.group(1)) < _MAX_WRITTEN - 5 else text[: _MAX_WRITTEN - 3] + "..."


def identical(shared: SharedInitializer) -> bool:
    """Whether the kernels start bit-identical: two or more kernels whose shapes the source fixes equally."""
    shapes = [use.shape for use in shared.uses]
    return len(shapes) >= 2 and all(use.count == 1 for use in shared.uses) and None not in shapes \
        and len(set(shapes)) == 1


def _generator(shared: SharedInitializer, seed_text: str | None = None) -> tuple[str, tuple[str, ...]]:
    """`keras.random.SeedGenerator(<seed>)` as the module can spell it, with the import it needs."""
    seed = seed_text or shared.seed
    if shared.keras_name:
        return f"{shared.keras_name}.random.SeedGenerator({seed})", ()
    return f"keras.random.SeedGenerator({seed})", ("import keras",)


def _distinct(seed_text: str, index: int, seed: int) -> str:
    if index == 0:
        return seed_text
    return str(seed + index) if seed_text.lstrip("-").isdigit() else f"{seed_text} + {index}"


def _with_seed(text: str, seed_text: str | None, new: str) -> str:
    """The initializer call text with its seed replaced (or given)."""
    if seed_text and f"seed={seed_text}" in text:
        return text.replace(f"seed={seed_text}", f"seed={new}", 1)
    if text.endswith("()"):
        return f"{text[:-1]}seed={new})"
    return f"{text[:-1]}, seed={new})"


def _once_each(spans: list[Span | None]) -> bool:
    """Whether every use has its own place to edit (a factory called twice shares one)."""
    return None not in spans and len(set(spans)) == len(spans)


def _unique(edits: list[Edit]) -> list[Edit]:
    """One edit per span: uses in one factory, named by its call sites, share the factory's text."""
    found: dict[Span, Edit] = {}
    for edit in edits:
        found.setdefault(edit.span, edit)
    return list(found.values())


def _fix_elsewhere(shared: SharedInitializer) -> tuple[str, tuple[Edit, ...]]:
    """The fix of a value another module defines: fresh instances here where this file can write
    them, else the change to make in that module (which its own lint edits when it shares the value)."""
    where = (shared.elsewhere or "").rsplit(":", 1)[0]
    if shared.seed is None:
        if shared.fresh_text and all(use.replace is not None for use in shared.uses):
            edits = _unique([Edit(use.replace, shared.fresh_text) for use in shared.uses])  # type: ignore[arg-type]
            edits[0] = Edit(edits[0].span, edits[0].text, shared.fresh_imports)
            return f"use in each layer its own {shared.fresh_text}", tuple(edits)
        if shared.string_name:
            return f'use a fresh instance per layer: "{shared.string_name}"', ()
        return f"use in each layer its own {_short(shared.written)}", ()
    if shared.generation == KERAS3:
        generator, _imports = _generator(shared, shared.seed_text)
        return f"in {where} use seed={generator}", ()
    return "use in each layer its own initializer with a distinct seed", ()


def _fix(shared: SharedInitializer) -> tuple[str, tuple[Edit, ...]]:
    """(replacement text, edits): the fix by case and API generation."""
    if shared.elsewhere:
        return _fix_elsewhere(shared)
    uses = shared.uses
    direct = all(use.replace is not None for use in uses)
    if shared.kind == "instance" and shared.seed is None:
        if direct:  # a fresh instance at each use, with the same arguments
            return (f"use in each layer its own {shared.fresh_text}",
                    tuple(_unique([Edit(use.replace, shared.fresh_text) for use in uses])))  # type: ignore[arg-type]
        if shared.string_name:
            return (f'use a fresh instance per layer: "{shared.string_name}"',
                    (Edit(shared.span, f'"{shared.string_name}"'),))
        return f"use in each layer its own {shared.fresh_text}", ()
    if shared.generation == KERAS3:
        generator, imports = _generator(shared)
        if shared.kind == "instance" and shared.seed_span is not None:
            own, imports = _generator(shared, shared.seed_text)
            return f"use seed={own}", (Edit(shared.seed_span, own, imports),)
        if shared.kind == "instance":  # a seeded dict config: one object with a generator seed, shared
            text = _with_seed(shared.fresh_text, str(shared.seed), generator)
            return f"use {text}", (Edit(shared.span, text, imports + shared.fresh_imports),)
        name = f"seed_generator_{shared.seed}".replace("-", "minus_")
        definition = f"{name} = {generator}"
        if any(use.seed is None for use in uses):
            return f"use one shared seed={generator}", ()
        edits = _unique([Edit(use.seed, name) for use in uses])  # type: ignore[arg-type]
        edits[0] = Edit(edits[0].span, name, imports + (definition,))
        return f"use one shared {generator} as seed={name}", tuple(edits)
    # tf-keras, tf.keras on Keras 2, TF1: no generator seeds, so each kernel needs its own seed
    once = all(use.count == 1 for use in uses)
    if shared.kind == "seed" and once and _once_each([use.seed for use in uses]):
        edits = tuple(Edit(use.seed, _distinct(use.seed_text, index, shared.seed or 0))
                      for index, use in enumerate(uses) if index)
        return f"use distinct seeds {shared.seed}, " + ", ".join(edit.text for edit in edits), edits
    if shared.kind == "instance" and once and _once_each([use.replace for use in uses]) and shared.seed_span is not None:
        seed_text = shared.seed_text or str(shared.seed)
        edits = tuple(Edit(use.replace, _with_seed(shared.fresh_text, seed_text, _distinct(seed_text, index, shared.seed or 0)))
                      for index, use in enumerate(uses))
        return f"use distinct seeds per layer ({shared.seed}, {(shared.seed or 0) + 1}, ...)", edits
    return "use in each layer its own initializer with a distinct seed", ()


def reused_finding(shared: SharedInitializer) -> Finding | None:
    """W7710 when the value reaches two or more kernels; None otherwise."""
    total = sum(use.count for use in shared.uses)
    if total < 2:
        return None
    mode = " in TF1 graph mode" if shared.generation == TF1 else ""
    effect = "the kernels start identical" if identical(shared) else "one random stream, identical where shapes match"
    replacement, edits = _fix(shared)
    what = _short(f"seed={shared.written}" if shared.kind == "seed" else shared.written)
    if shared.elsewhere:
        what = f"{what} ({shared.elsewhere})"
    short = replacement.replace(shared.fresh_text, _short(shared.fresh_text)) if shared.fresh_text else replacement
    lines = f" ({_lines(shared.uses)})"
    compact = "identical kernels" if identical(shared) else "one random stream"
    for message in (f"{what} reaches {total} kernels{lines}{mode}: {effect}; {replacement}",
                    f"{what} reaches {total} kernels{lines}{mode}: {compact}; {replacement}",
                    f"{what} reaches {total} kernels{mode}: {compact}; {replacement}",
                    f"{what} reaches {total} kernels{lines}{mode}: {compact}; {short}"):
        if len(message) <= _MAX_TEXT:
            break
    else:
        message = f"{what} reaches {total} kernels{mode}: {compact}; {short}"
    chain = _chain(shared.uses)
    return Finding(W7710, shared.span, message, edit=edits[0] if edits else None, more_edits=tuple(edits[1:]),
                   chain=tuple(site for site, _keyword in chain), chain_keywords=tuple(k for _site, k in chain))


def _chain(uses: tuple[KernelUse, ...]) -> list[tuple[Span, str]]:
    """Each layer call the value reaches, with its kernel keyword, once, in source order."""
    found = {(use.site, use.keyword) for use in uses if use.site is not None}
    return sorted(found, key=lambda pair: (pair[0].start, pair[1]))  # type: ignore[union-attr]
