"""The static side of `verify`: what the plugin reports on FILE and what it read there.

Runs the same pipeline as the pylint checker (`analysis.module_findings` with default
options) and keeps, per finding, what the runtime needs to judge it: the layer call it is
about (its line range, its activation family), the kernel keyword and the replacement the
finding proposes, and the mechanism the finding names. Knows astroid, not TensorFlow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import astroid
from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot import rules
from pylint_glorot.analysis import module_findings
from pylint_glorot.edits import apply_edits
from pylint_glorot.findings import Finding, Span
from pylint_glorot.handrolled import hand_rolled, hand_rolled_target
from pylint_glorot.model import LayerSite, analyze_module
from pylint_glorot.reporters.recover import build_module, read_source
from pylint_glorot.resolve import InitializerSpec, initializer_spec
from pylint_glorot.reuse_rules import W7710

# The mechanism each finding names, which decides what the runtime measures (docs/runtime.md).
FORWARD_SHRINK = "forward-shrink"  # Glorot/LeCun under rectifiers: the signal's second moment shrinks
SELU_DRIFT = "selu-drift"  # not LeCun normal under SELU: the second moment leaves SELU's fixed point
BACKWARD_GROWTH = "backward-growth"  # He under tanh: kernel gradients grow toward the input
GAIN_CONSISTENCY = "gain-consistency"  # C7703: the odd layer out scales the signal unlike its neighbours
SYMMETRY = "symmetry"  # W7708: a nonzero constant kernel makes every unit identical
DRAW_IDENTITY = "draw-identity"  # R7704: VarianceScaling(...) draws what the named initializer draws
CONSTRUCTION = "construction"  # E7705: the arguments raise at construction
HAND_ROLLED = "hand-rolled"  # W7707: the user's function draws with the built-in's variance
NAMING = "naming"  # W7706: an old name; nothing to measure

FIXED_SCALE_BAND = "band"  # W7709: a fixed-scale initializer's chain leaves the band (issue 9)
FIXED_SCALE_GRADIENT_BAND = "gradient-band"  # W7709 stating the gradient figure: the kernel gradients leave it
IDENTICAL = "identical"  # W7710: one initializer object or seed draws several kernels alike (issue 10)

SIGNAL_MECHANISMS = (FORWARD_SHRINK, SELU_DRIFT, BACKWARD_GROWTH, GAIN_CONSISTENCY, SYMMETRY, FIXED_SCALE_BAND,
                     FIXED_SCALE_GRADIENT_BAND)

_FAMILY_MECHANISM = {K.RECTIFIER: FORWARD_SHRINK, K.SELF_NORMALIZING: SELU_DRIFT, K.SATURATING: BACKWARD_GROWTH}
_SYMBOL_MECHANISM = {
    rules.C7703: GAIN_CONSISTENCY, rules.W7708: SYMMETRY, rules.R7704: DRAW_IDENTITY,
    rules.E7705: CONSTRUCTION, rules.W7707: HAND_ROLLED, rules.W7706: NAMING,
    # by symbol: the rules of issues 9 and 10 add them
    "fixed-scale-initializer": FIXED_SCALE_BAND, "reused-initializer": IDENTICAL,
}


class StaticError(Exception):
    """FILE cannot be read or parsed."""


@dataclass(frozen=True)
class Replacement:
    """The initializer a finding proposes, as Keras can build it."""

    name: str  # a keras.initializers class: "HeUniform", "VarianceScaling", "Orthogonal"
    scale: float | None = None
    mode: str | None = None
    distribution: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "scale": self.scale, "mode": self.mode, "distribution": self.distribution}

    def label(self) -> str:
        if self.name == "VarianceScaling":
            return f"VarianceScaling({self.scale:g}, {self.mode}, {self.distribution})"
        named = K.NAMED_BY_SPELLING.get(self.name)
        return named.snake if named else self.name


@dataclass(frozen=True)
class Reading:
    """An initializer as the static pass read it."""

    label: str  # "glorot_uniform (default)", 'VarianceScaling(2.0, "fan_in", "uniform")', "unreadable"
    scale: float | None = None
    mode: str | None = None
    distribution: str | None = None

    @property
    def variance_rule(self) -> tuple[float, str, str] | None:
        if self.scale is None or self.mode is None or self.distribution is None:
            return None
        return (self.scale, self.mode, self.distribution)


@dataclass(frozen=True)
class StaticSite:
    """A weighted layer constructor call in FILE."""

    first_line: int
    last_line: int
    class_name: str
    keyword: str  # the kernel initializer keyword judged against the activation
    kind: str  # knowledge.LayerSpec.kind: dense, conv, rnn, ...
    initializer: Reading
    activation: str | None  # None: the static pass could not read it
    family: str | None
    activation_source: str

    @property
    def lines(self) -> tuple[int, int]:
        return (self.first_line, self.last_line)


@dataclass(frozen=True)
class User:
    """W7707: a layer keyword given the hand-rolled function, and what the finding claims there."""

    site: StaticSite
    keyword: str
    same_variance: bool  # False where the finding says the fans are wrong (conv kernels)


@dataclass(frozen=True)
class ChainMember:
    """C7702/W7709: one layer call of the finding's chain, and what the finding's edits put there
    (None where they leave it alone: a member with its own explicit initializer and finding)."""

    site: StaticSite
    replacement: Replacement | None


@dataclass(frozen=True)
class KernelUse:
    """W7710: one layer call the shared value reaches, the kernel keyword there, and the same call's
    lines in FILE with every W7710 edit applied (None where it was not found there)."""

    site: StaticSite
    keyword: str
    fixed_lines: tuple[int, int] | None = None


@dataclass(frozen=True)
class StaticFinding:
    symbol: str
    line: int
    text: str
    mechanism: str | None
    site: StaticSite | None = None
    keyword: str | None = None
    replacement: Replacement | None = None
    draw: dict[str, Any] | None = None  # R7704: the user's VarianceScaling arguments and the named class
    construction: dict[str, Any] | None = None  # E7705: the keyword arguments that should raise
    expected: Replacement | None = None  # W7707: the built-in the function copies
    users: tuple[User, ...] = field(default=())
    chain: tuple[ChainMember, ...] = field(default=())  # C7702/W7709: every layer call of the chain, first first
    uses: tuple[KernelUse, ...] = field(default=())  # W7710: the kernels the shared value reaches

    @property
    def sites(self) -> tuple[StaticSite, ...]:
        """The layer calls the finding is about: its chain (W7710: its uses), else its own site."""
        if self.uses:
            return tuple(dict.fromkeys(use.site for use in self.uses))
        if self.chain:
            return tuple(member.site for member in self.chain)
        return (self.site,) if self.site is not None else ()

    def fixes(self) -> list[tuple[StaticSite, str, Replacement]]:
        """(site, keyword, replacement) for every layer the finding's fix changes: all go together."""
        if not self.chain:
            if self.site is None or self.keyword is None or self.replacement is None:
                return []
            return [(self.site, self.keyword, self.replacement)]
        return [(member.site, self.keyword if member.site == self.site and self.keyword else member.site.keyword,
                 member.replacement) for member in self.chain if member.replacement is not None]


@dataclass(frozen=True)
class FixedText:
    """FILE with every W7710 finding's edits applied, and its weighted layer calls' line ranges
    (empty text, and why, where there is nothing to apply or the result does not parse)."""

    text: str
    sites: tuple[tuple[int, int], ...] = ()
    why: str = ""


@dataclass(frozen=True)
class StaticView:
    sites: list[StaticSite]
    findings: list[StaticFinding]
    names: frozenset[str] | None = None  # names bound at module level; None when a star import hides some
    functions: tuple[str, ...] = ()  # module-level functions and classes, to suggest as factories
    fixed: FixedText | None = None  # W7710: FILE with every W7710 edit applied

    def defines(self, dotted: str) -> bool:
        """Whether FILE may define `dotted` (its first part) at module level."""
        return self.names is None or dotted.split(".")[0] in self.names


# --------------------------------------------------------------------------- replacement text

_NAMES = sorted({n.cls for n in K.NAMED} | {n.snake for n in K.NAMED} | {"Orthogonal", "orthogonal"},
                key=len, reverse=True)
_NAME = re.compile(r"\b(" + "|".join(_NAMES) + r")\b")
_VS = re.compile(r"VarianceScaling\(\s*([0-9.]+)\s*,\s*[\"'](\w+)[\"'](?:\s*,\s*[\"'](\w+)[\"'])?")
_USE = re.compile(r"use (\w+)=(.+)$")


def parse_replacement(text: str) -> Replacement | None:
    """The initializer a replacement source text builds: '"he_uniform"',
    'keras.initializers.HeNormal(seed=1)', 'VarianceScaling(2.0, "fan_in", "untruncated_normal")'."""
    found = _VS.search(text)
    if found:
        return Replacement("VarianceScaling", float(found.group(1)), found.group(2),
                           found.group(3) or K.TRUNCATED_NORMAL)  # VarianceScaling's default draw
    found = _NAME.search(text)
    if not found:
        return None
    if found.group(1).lower() == "orthogonal":
        return Replacement("Orthogonal")
    named = K.NAMED_BY_SPELLING[found.group(1)]
    return Replacement(named.cls, named.scale, named.mode, named.distribution)


def keyword_and_replacement(finding: Finding) -> tuple[str | None, Replacement | None]:
    """Every message text ends with `use <keyword>=<replacement>`."""
    found = _USE.search(finding.text)
    if not found:
        return None, None
    return found.group(1), parse_replacement(found.group(2))


# --------------------------------------------------------------------------- sites


def _reading(site: LayerSite, keyword: str) -> Reading:
    if keyword not in site.initializers:
        default = (site.spec.default_initializers or {}).get(keyword, K.DEFAULT_KERNEL_INITIALIZER)
        named = K.NAMED_BY_SPELLING.get(default)
        if named is None:
            return Reading(f"{default} (default)")
        return Reading(f"{default} (default)", named.scale, named.mode, named.distribution)
    spec = site.initializers[keyword]
    if spec is None:
        return Reading("unreadable")
    if spec.kind == "variance_scaling" and not spec.invalid:
        return Reading(spec.written_name, spec.scale, spec.mode, spec.distribution)
    return Reading(spec.written_name or spec.kind)


def _static_site(site: LayerSite) -> StaticSite:
    keyword = site.spec.judged_keyword or site.spec.kernel_keywords[0]
    activation = site.activation
    return StaticSite(
        first_line=site.anchor.lineno, last_line=site.anchor.end_lineno or site.anchor.lineno,
        class_name=site.class_name, keyword=keyword, kind=site.spec.kind, initializer=_reading(site, keyword),
        activation=activation.name if activation is not None else None,
        family=activation.family if activation is not None else None,
        activation_source=site.activation_source,
    )


# --------------------------------------------------------------------------- per message


def _seed(spec: InitializerSpec) -> int | None:
    found = re.fullmatch(r"seed\s*=\s*(\d+)", spec.seed_text or "")
    return int(found.group(1)) if found else None


def _draw(spec: InitializerSpec | None) -> dict[str, Any] | None:
    if spec is None or spec.named is None or spec.api not in ("keras", "v1"):
        return None
    return {"scale": spec.scale, "mode": spec.mode, "distribution": spec.distribution, "seed": _seed(spec),
            "named": spec.named.cls}


def _construction(spec: InitializerSpec | None, span: Span) -> dict[str, Any] | None:
    if spec is None or spec.api != "keras" or not spec.invalid:
        return None
    bad = next((b for b in spec.invalid if b.span == span), spec.invalid[0])
    return {"kwargs": {bad.keyword: bad.value}}


def _hand_rolled_parts(anchor: Any, sites: list[tuple[LayerSite, StaticSite]]) -> tuple[Replacement | None, tuple[User, ...]]:
    found = hand_rolled(anchor) if isinstance(anchor, (nodes.FunctionDef, nodes.Lambda)) else None
    if found is None:
        return None, ()
    named = K.named_for(found.scheme, found.distribution)
    expected = Replacement(named.cls, named.scale, named.mode, named.distribution) if named else None
    users = []
    for site, static in sites:
        for keyword, value in site.value_anchors.items():
            if hand_rolled_target(value) is anchor:
                wrong_fans = bool(found.fan_source) and site.spec.kind in rules.CONV_KINDS
                if found.fan_source == "leading" and site.spec.kind in ("dense", "einsum", "tf1_dense"):
                    wrong_fans = False
                users.append(User(static if keyword == static.keyword else _with_keyword(static, keyword),
                                  keyword, not wrong_fans))
    return expected, tuple(users)


def _with_keyword(site: StaticSite, keyword: str) -> StaticSite:
    return StaticSite(site.first_line, site.last_line, site.class_name, keyword, site.kind, Reading("hand-rolled"),
                      site.activation, site.family, site.activation_source)


def _spec_at(span: Span, anchor: Any, site: LayerSite | None) -> InitializerSpec | None:
    """The initializer expression a finding points at (or holds the bad argument it points at)."""
    candidates = [spec for spec in (site.initializers.values() if site is not None else ()) if spec is not None]
    if isinstance(anchor, nodes.Call):
        standalone = initializer_spec(anchor)
        if standalone is not None:
            candidates.append(standalone)
    for spec in candidates:
        if spec.span == span or any(bad.span == span for bad in spec.invalid):
            return spec
    return None


def _mechanism(finding: Finding, site: StaticSite | None) -> str | None:
    if finding.symbol in (rules.W7701, rules.C7702):
        return _FAMILY_MECHANISM.get(site.family or "") if site is not None else None
    if finding.symbol == rules.W7709 and finding.figure == "gradient":
        return FIXED_SCALE_GRADIENT_BAND  # the message states the gradient figure: the runtime measures that one
    return _SYMBOL_MECHANISM.get(finding.symbol)


def _inside(span: Span, site: StaticSite) -> bool:
    return site.first_line <= span.line and span.end_line <= site.last_line


def _chain(finding: Finding, replacement: Replacement | None,
           by_span: dict[Span, StaticSite]) -> tuple[ChainMember, ...]:
    """The finding's chain as sites, each with the initializer the finding's edits put there: the edit
    inside the layer call, or (an initializer defined once, outside the calls) the finding's own."""
    sites = [by_span[span] for span in finding.chain if span in by_span]
    if not sites:
        return ()
    inside = {id(site): edit for site in sites for edit in finding.edits if _inside(edit.span, site)}
    shared = any(not any(_inside(edit.span, site) for site in sites) for edit in finding.edits)
    members = []
    for site in sites:
        edit = inside.get(id(site))
        if edit is not None:
            members.append(ChainMember(site, parse_replacement(edit.text) or replacement))
        else:
            members.append(ChainMember(site, replacement if shared else None))
    return tuple(members)


def _uses(finding: Finding, by_span: dict[Span, StaticSite]) -> tuple[KernelUse, ...]:
    return tuple(KernelUse(by_span[span], keyword) for span, keyword in zip(finding.chain, finding.chain_keywords)
                 if span in by_span)


def _fixed_text(path: Path, reused: list[Finding], sites: list[LayerSite]) -> tuple[FixedText, dict[tuple[int, int], tuple[int, int]]]:
    """FILE with every W7710 edit applied, and each layer call's lines there. The edits change
    initializer arguments and add import or definition lines, never a layer call, so the calls
    correspond one to one, in source order."""
    edits = [edit for finding in reused for edit in finding.edits]
    if not edits:
        return FixedText("", why="the findings carry no edit to apply (the message says what to change)"), {}
    try:
        text = apply_edits(read_source(str(path)).text, edits).text
        rebuilt = build_module(text, str(path), path.stem)
        fixed = analyze_module(rebuilt, list(rebuilt.nodes_of_class(nodes.Call)))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError, astroid.AstroidError) as error:
        return FixedText("", why=f"the fixed text cannot be built: {error}"), {}
    before = sorted(sites, key=lambda site: site.span.start)
    after = sorted(fixed.sites, key=lambda site: site.span.start)
    if [site.class_name for site in before] != [site.class_name for site in after]:
        return FixedText(text, why="the fixed text's layer calls do not match FILE's"), {}
    mapping = {_lines(old): _lines(new) for old, new in zip(before, after)}
    return FixedText(text, tuple(_lines(site) for site in after)), mapping


def _lines(site: LayerSite) -> tuple[int, int]:
    return (site.anchor.lineno, site.anchor.end_lineno or site.anchor.lineno)


def _with_fixed_lines(finding: StaticFinding, mapping: dict[tuple[int, int], tuple[int, int]]) -> StaticFinding:
    uses = tuple(KernelUse(use.site, use.keyword, mapping.get(use.site.lines)) for use in finding.uses)
    return StaticFinding(**{**vars(finding), "uses": uses})


# --------------------------------------------------------------------------- the pass


def parse(path: Path) -> nodes.Module:
    """FILE as pylint and `pylint-glorot fix` build it, kept out of astroid's module cache."""
    try:
        source = read_source(str(path))
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        raise StaticError(f"{path}: cannot read: {error}") from error
    try:
        return build_module(source.text, str(path), path.stem)
    except astroid.AstroidSyntaxError as error:
        raise StaticError(f"{path}: cannot parse: {error.error}") from error
    except astroid.AstroidBuildingError as error:
        raise StaticError(f"{path}: cannot parse: {error}") from error


def static_pass(path: Path, options: rules.Options | None = None) -> StaticView:
    """Every finding the plugin makes on FILE (the first candidate per node, as pylint reports it)
    and every weighted layer site it read."""
    module = parse(path)
    options = options or rules.Options()
    model = analyze_module(module, list(module.nodes_of_class(nodes.Call)))
    pairs = [(site, _static_site(site)) for site in model.sites]
    by_anchor = {id(site.anchor): (site, static) for site, static in pairs}
    by_span = {site.span: static for site, static in pairs}
    findings, shown = [], []
    for node_findings in module_findings(module, options):
        finding = node_findings.candidates[0]
        shown.append(finding)
        layer, site = by_anchor.get(id(node_findings.anchor), (None, None))
        keyword, replacement = keyword_and_replacement(finding)
        spec = _spec_at(finding.span, node_findings.anchor, layer) if finding.symbol in (rules.R7704, rules.E7705) else None
        expected, users = (_hand_rolled_parts(node_findings.anchor, pairs) if finding.symbol == rules.W7707
                           else (None, ()))
        chain = _chain(finding, replacement, by_span) if finding.chain else ()
        if site is None and chain:
            site = chain[0].site
        findings.append(StaticFinding(
            symbol=finding.symbol, line=finding.span.line, text=finding.text, mechanism=_mechanism(finding, site),
            site=site, keyword=keyword, replacement=replacement,
            draw=_draw(spec) if finding.symbol == rules.R7704 else None,
            construction=_construction(spec, finding.span) if finding.symbol == rules.E7705 else None,
            expected=expected, users=users,
            chain=chain if finding.symbol != W7710 else (),
            uses=_uses(finding, by_span) if finding.symbol == W7710 else (),
        ))
    fixed = None
    if any(f.symbol == W7710 for f in findings):
        fixed, mapping = _fixed_text(path, [f for f in shown if f.symbol == W7710], model.sites)
        findings = [_with_fixed_lines(f, mapping) if f.uses else f for f in findings]
    findings.sort(key=lambda f: (f.line, f.symbol))
    star = any(isinstance(node, nodes.ImportFrom) and any(name == "*" for name, _alias in node.names)
               for node in module.nodes_of_class(nodes.ImportFrom))
    functions = tuple(node.name for node in module.body if isinstance(node, (nodes.FunctionDef, nodes.ClassDef)))
    return StaticView([static for _site, static in pairs], findings, None if star else frozenset(module.locals),
                      functions, fixed)
