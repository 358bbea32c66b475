"""Pure rules: a resolved layer site or initializer -> findings with their replacement.

No pylint, no astroid, no TensorFlow. Each `*_candidates` function returns, per node, the
findings that apply in priority order (W7701 > R7704 > W7706); the adapter reports the
first one whose message is enabled, so a lower one shows only when the higher is disabled.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, replace

from pylint_glorot import figures, passes
from pylint_glorot import knowledge as K
from pylint_glorot.findings import Edit, Finding
from pylint_glorot.handrolled import HandRolled
from pylint_glorot.model import ABSENT, LayerSite
from pylint_glorot.resolve import LINEAR_ACTIVATION, InitializerSpec

W7701 = "initializer-activation-mismatch"
C7702 = "implicit-initializer-mismatch"
C7703 = "inconsistent-initializers"
R7704 = "redundant-variance-scaling"
E7705 = "invalid-variance-scaling"
W7706 = "deprecated-initializer"
W7707 = "hand-rolled-initializer"
W7708 = "constant-kernel-initializer"
W7709 = "fixed-scale-initializer"


@dataclass(frozen=True)
class Options:
    check_normalized: bool = False  # judge layers whose activation follows a normalization
    min_chain: int = 3  # C7702 fires from this many consecutive under-scaled rectifier layers
    min_variance_change: float = K.MIN_VARIANCE_CHANGE
    fixed_band: tuple[float, float] = K.FIXED_SCALE_BAND  # W7709: a chain's predicted gain outside it is reported
    in_tests: bool = False  # a test module: constant kernels and spelled-out VarianceScaling are deliberate


@dataclass(frozen=True)
class Landing:
    """Where a replacement lands: what the target accepts and how the user spells things."""

    keyword: str | None  # "kernel_initializer", or None for a standalone expression
    accepts_string: bool
    tf_alias: str | None = None  # the name TensorFlow is imported as; None when it is not


# --------------------------------------------------------------------------- replacement text


def _call_arguments(spec: InitializerSpec | None) -> str:
    if spec is None:
        return ""
    return ", ".join(([spec.seed_text] if spec.seed_text else []) + list(spec.extra_text))


def replacement(scheme: str, distribution: str, spec: InitializerSpec | None, landing: Landing) -> tuple[str, tuple[str, ...]]:
    """The initializer text for `scheme` with `distribution`, spelled to fit where it lands."""
    named = K.named_for(scheme, distribution)
    args = _call_arguments(spec)
    if named is None:  # untruncated_normal has no named form
        scale = {"he": 2.0, "glorot": 1.0, "lecun": 1.0}[scheme]
        mode = K.FAN_AVG if scheme == "glorot" else K.FAN_IN
        body = f'{scale}, "{mode}", "{distribution}"' + (f", {args}" if args else "")
        return _object_text("VarianceScaling", "VarianceScaling", body, spec, landing)
    if spec is not None and spec.spelled == "dict" and args:
        config = ", ".join(f'"{a.split("=", 1)[0]}": {a.split("=", 1)[1]}' for a in args.split(", "))
        return f'{{"class_name": "{named.cls}", "config": {{{config}}}}}', ()
    keep_class = spec is not None and spec.spelled == "class" and spec.api == "keras"
    if landing.accepts_string and not args and not keep_class:
        return f'"{named.snake}"', ()
    return _object_text(named.cls, named.snake, args, spec, landing)


def site_replacement(site: LayerSite, scheme: str, distribution: str, spec: InitializerSpec | None,
                     landing: Landing) -> tuple[str, tuple[str, ...]]:
    """`replacement` for the layer: a transposed convolution whose Keras fan_in misses its effective fan
    gets the VarianceScaling on fan_out that keeps its gain (figures.transpose_scale)."""
    scale = figures.transpose_scale(site, scheme)
    if scale is None:
        return replacement(scheme, distribution, spec, landing)
    args = _call_arguments(spec)
    # VarianceScaling draws a truncated normal by default: only a uniform draw needs saying
    body = f'{scale:g}, "fan_out"' + (f', "{distribution}"' if distribution != K.TRUNCATED_NORMAL else "") + \
        (f", {args}" if args else "")
    keras_spelled = spec is not None and spec.api == "keras" and spec.spelled in ("class", "vs") and \
        (spec.prefix or spec.import_module)
    if keras_spelled or site.initializers_module is None:
        return _object_text("VarianceScaling", "VarianceScaling", body, spec if keras_spelled else None, landing)
    prefix, imports = site.initializers_module
    return f"{prefix}VarianceScaling({body})", imports


def _object_text(cls: str, snake: str, args: str, spec: InitializerSpec | None,
                 landing: Landing) -> tuple[str, tuple[str, ...]]:
    if spec is not None and spec.api == "keras" and spec.spelled in ("class", "vs"):
        if spec.snake_style and cls != "VarianceScaling":
            cls = snake
        if spec.prefix:
            return f"{spec.prefix}{cls}({args})", ()
        if spec.import_module:
            return f"{cls}({args})", (f"from {spec.import_module} import {cls}",)
    if landing.tf_alias:
        return f"{landing.tf_alias}.keras.initializers.{snake}({args})", ()
    return f"tf.keras.initializers.{snake}({args})", ("import tensorflow as tf",)


def _use(landing: Landing, text: str) -> str:
    return f"use {landing.keyword}={text}" if landing.keyword else f"use {text}"


# --------------------------------------------------------------------------- variance arithmetic


def _fans(site: LayerSite) -> tuple[int, int] | None:
    """(fan_in, fan_out) as Keras computes them where the input shape is known; else from the channels,
    up to the receptive field, which cancels in every ratio used here."""
    exact = figures.fans(site)
    if exact is not None:
        return exact
    if site.in_channels is None or site.out_channels is None:
        return None
    if site.spec.kind in ("dense", "conv", "separable", "tf1_dense", "tf1_conv"):
        return site.in_channels, site.out_channels
    if site.spec.kind == "conv_transpose":  # kernel laid out k x out x in: Keras' fan_in counts filters
        return site.out_channels, site.in_channels
    return None


def _variance(scale: float, mode: str, fans: tuple[int, int]) -> float:
    fan_in, fan_out = fans
    n = {K.FAN_IN: fan_in, K.FAN_OUT: fan_out, K.FAN_AVG: (fan_in + fan_out) / 2}[mode]
    return scale / max(1.0, n)


def variance_ratio(old: tuple[float, str], new_scheme: str, fans: tuple[int, int] | None) -> float | None:
    """Variance after the fix over variance before, when it can be known."""
    new = {"he": (2.0, K.FAN_IN), "glorot": (1.0, K.FAN_AVG), "lecun": (1.0, K.FAN_IN)}[new_scheme]
    if old[1] == new[1]:
        return new[0] / old[0]
    if fans is None:
        return None
    return _variance(*new, fans) / _variance(*old, fans)


def _factor_text(ratio: float | None) -> str:
    if ratio is None:
        return ""
    return f"{ratio:.3g}x" if ratio >= 1 else f"{ratio:.2g}x"


def _negligible(ratio: float | None, options: Options) -> bool:
    return ratio is not None and max(ratio, 1 / ratio) < options.min_variance_change


# --------------------------------------------------------------------------- W7701 / C7702


_PROBLEM = {
    K.RECTIFIER: "is scaled for linear units",
    K.SATURATING: "is scaled for rectifiers",
    K.SELF_NORMALIZING: "is not LeCun normal, which SELU needs",
}
MAX_MESSAGE = 160  # an editor line: what is wrong, the predicted factor, the replacement last


def compose(head: str, use: str, *details: str, drop: tuple[int, ...] | None = None) -> str:
    """`head`, its `details` in order, then `use` (the replacement stays last), in at most MAX_MESSAGE
    characters: details are left out, in the order of the indices in `drop` (the last first by default),
    until the text fits."""
    kept = [detail for detail in details]
    order = list(drop) if drop is not None else list(range(len(details) - 1, -1, -1))
    while len(head + "".join(kept)) + 2 + len(use) > MAX_MESSAGE and order:
        kept[order.pop(0)] = ""
    return f"{head}{''.join(kept)}; {use}"


def short_name(written: str, limit: int = 40) -> str:
    """How the user wrote an initializer, cut to `Name(...)` when the call is long."""
    if len(written) <= limit:
        return written
    name, note, _rest = written.partition(" (a hand-written ")
    if note and len(name) <= limit:  # "xavier_init (a hand-written GlorotUniform)": the name, then its note
        return written if len(written) <= limit + 30 else name
    if written.startswith("{"):
        return "this initializer dict"
    head = written.split("(", 1)[0].rsplit(".", 1)[-1]
    return f"{head}(...)" if "(" in written else head[:limit]
_SCHEME_NAMES = {"he": "He", "glorot": "Glorot", "lecun": "LeCun normal"}





def _wanted(site: LayerSite, spec: InitializerSpec | None, options: Options) -> tuple[str, str] | None:
    """(scheme, distribution) the activation wants, when the current initializer does not suit it."""
    activation = site.activation
    if activation is None or activation.family not in K.JUDGED_FAMILIES:
        return None
    if site.normalized and not options.check_normalized:
        return None
    if spec is None:  # the implicit glorot_uniform default
        scale, mode, distribution = 1.0, K.FAN_AVG, K.UNIFORM
    else:
        if spec.scheme is None or spec.distribution is None:
            return None
        scale, mode, distribution = spec.scale, spec.mode, spec.distribution
    family = activation.family
    if family == K.RECTIFIER and scale == 1.0:
        return "he", distribution
    if family == K.RECTIFIER and (scale, mode) == (2.0, K.FAN_IN) and figures.transpose_scale(site, "he") is not None:
        return "he", distribution  # He on a transposed kernel: Keras' fan_in counts its filters, not what it sums
    if family == K.SATURATING and scale == 2.0:
        return "glorot", distribution
    if family == K.SELF_NORMALIZING and not (scale == 1.0 and mode == K.FAN_IN):
        return "lecun", K.TRUNCATED_NORMAL
    return None


def _judged_ratio(site: LayerSite, spec: InitializerSpec | None, scheme: str) -> float | None:
    old = (1.0, K.FAN_AVG) if spec is None else (spec.scale, spec.mode)
    return variance_ratio(old, scheme, _fans(site))


def _landing(site: LayerSite, keyword: str) -> Landing:
    """At a constructor parameter's literal, the replacement is spelled as that parameter's value."""
    spelled = site.parameter_names.get(keyword, keyword)
    return Landing(spelled if site.spec.keyword_in_text else None, site.spec.string_initializers and site.api == "keras",
                   site.tf_alias)


def _measurable_fix(site: LayerSite, spec: InitializerSpec | None, options: Options) -> tuple[str, str, float | None] | None:
    """(scheme, distribution, variance ratio) the activation wants instead, when the fix changes something."""
    wanted = _wanted(site, spec, options)
    if wanted is None:
        return None
    scheme, distribution = wanted
    ratio = _judged_ratio(site, spec, scheme)
    if spec is not None and figures.transpose_scale(site, scheme) is not None:
        gain = figures.relative_gain(site, figures.kernel_init(spec, site.api), scheme)
        ratio = 1 / gain if gain else ratio  # against the VarianceScaling the fix writes, not the named scheme
    return None if _negligible(ratio, options) else (scheme, distribution, ratio)


def _covered(spec: InitializerSpec) -> tuple[str, tuple[str, ...]]:
    """What else is wrong with this initializer's spelling, said in the top message's text."""
    note, covers = "", ()
    if spec.named is not None and spec.is_vs:
        note, covers = f" (= {spec.named.cls})", (R7704,)
    if spec.legacy is not None or spec.xavier_string:
        note, covers = note + f" ({_legacy_note(spec)})", covers + (W7706,)
    return note, covers


def _add_keyword(site: LayerSite, keyword: str, text: str, imports: tuple[str, ...]) -> Edit:
    """The edit that adds `keyword=text` to the layer call."""
    entry = f'"{keyword}": {text}' if site.config_style else f"{keyword}={text}"
    argument = f", {entry}" if site.has_arguments else entry
    return Edit(site.insert_span, argument, imports)


def _explicit_mismatch(site: LayerSite, spec: InitializerSpec, options: Options) -> Finding | None:
    keyword = site.spec.judged_keyword or ""
    if keyword in site.parameter_names and site.settled_later and not options.check_normalized:
        return None  # a library default in a normalized or residual block: the convention, nothing measurable
    fix = _measurable_fix(site, spec, options)
    if fix is None:
        return None
    scheme, distribution, ratio = fix
    text, imports = site_replacement(site, scheme, distribution, spec, _landing(site, keyword))
    activation = site.activation
    assert activation is not None
    note, covers = _covered(spec)
    use = _use(_landing(site, keyword), text)
    predicted = _predicted(site, figures.kernel_init(spec, site.api), scheme, ratio)
    message = ""
    problem = _PROBLEM[activation.family]
    if activation.family == K.RECTIFIER and spec.scale == 2.0:  # already He: a transposed kernel's fans
        problem = "counts the filters as fan_in"
    for called in (*_called_at(site), ""):
        head = f"{site.class_name}{called} feeds {activation.name}, but"
        candidates = [f"{head} {name} {problem}{predicted}; {use}" for name in (
            short_name(spec.written_name) + note, short_name(spec.written_name), short_name(spec.written_name, 24))]
        if predicted.startswith(": "):  # a long replacement: the figure alone says what is wrong
            candidates.append(f"{site.class_name}{called} feeds {activation.name}: "
                              f"{short_name(spec.written_name, 24)} gives {predicted[2:]}; {use}")
        candidates += [f"{head} {name} {problem}; {use}" for name in (
            short_name(spec.written_name) + note, short_name(spec.written_name, 24))]
        message = next((text for text in candidates if len(text) <= MAX_MESSAGE), candidates[-1])
        if len(message) <= MAX_MESSAGE:
            break
    edit, more = value_edits(spec, text, imports)
    copies = tuple(Edit(span, text) for span in site.value_copies.get(keyword, ()))  # every Block(...) passing it
    return Finding(W7701, spec.span, message, edit, covers, more_edits=more + copies)


def _predicted(site: LayerSite, init, scheme: str, ratio: float | None) -> str:
    """The predicted effect per layer: the signal's second moment (forward) or, under saturating
    activations, the gradient's (mean field); the variance ratio of the fix where neither is known."""
    family = site.activation.family if site.activation else None
    if family == K.SATURATING:
        chi = figures.gradient_factor(site, init)
        if chi is not None and max(chi, 1 / chi) >= 1.01:
            return f": gradients {chi:.3g}x per layer toward the input"
    elif family == K.RECTIFIER:
        gains = _layer_gains(site, init, scheme, ratio)
        return f": signal {_gain_range(gains)} per layer" if gains else ""  # None: a width the source does not fix
    factor = _factor_text(ratio)
    return f" ({_SCHEME_NAMES[scheme]}: {factor} the variance)" if factor else ""


def group_calls(sites: list[LayerSite]) -> None:
    """Give each layer site the sites its call builds with it (`built_with`): a helper's layer once per
    call and per pass, an unrolled loop's passes. One message covers them all, so it states their range."""
    groups: dict[tuple, list[LayerSite]] = {}
    for site in sites:
        if site.pass_of is not None:
            groups.setdefault((id(site.pass_of),), [site.pass_of]).append(site)
        elif site.via:  # the instances that read one initializer (the calls passing one literal, or none)
            spec = site.initializers.get(site.spec.judged_keyword or "")
            groups.setdefault((id(site.anchor), spec.origins if spec is not None else ()), []).append(site)
    for group in groups.values():
        for site in group:
            site.built_with = group


def _layer_gains(site: LayerSite, init, scheme: str, ratio: float | None) -> list[float] | None:
    """The predicted per-layer gain against the fix's of every layer the site's call builds (each pass of
    a loop, each helper call); None where one of them is unknown."""
    spec = site.initializers.get(site.spec.judged_keyword or "")
    found: list[float] = []
    for member in site.built_with or [site]:
        for view in passes.pass_views(member):
            gain = figures.relative_gain(view, init, scheme)
            if gain is None:
                judged = ratio if view is site else _judged_ratio(view, spec, scheme)
                gain = 1 / judged if judged else None
            if gain is None:
                return None
            found.append(gain)
    return found


def _gain_range(gains: list[float]) -> str:
    """`0.5x`, or `0.045-0.5x` where the layers one message covers differ by more than 2%."""
    low, high = min(gains), max(gains)
    if high <= low * 1.02:
        return _factor_text(gains[0])
    return f"{_factor_text(low)[:-1]}-{_factor_text(high)}"


def _implicit_mismatch(site: LayerSite, options: Options) -> Finding | None:
    keyword = site.spec.judged_keyword
    if keyword is None or keyword in site.initializers or site.activation is None:
        return None
    fix = _measurable_fix(site, None, options)
    if fix is None:
        return None
    scheme, distribution, ratio = fix
    activation = site.activation
    text, imports = site_replacement(site, scheme, distribution, None, _landing(site, keyword))
    use = f'use "{keyword}": {text}' if site.config_style else _use(_landing(site, keyword), text)
    if activation.family != K.RECTIFIER:
        factor = _factor_text(ratio)
        head = f"{site.class_name} feeds {activation.name} with the default glorot_uniform, not LeCun normal"
        detail = f" ({factor} the variance)" if factor else ""
        return Finding(C7702, site.span, compose(head, use, detail), _add_keyword(site, keyword, text, imports))
    if not chain_reported(site, options):
        return None
    implicit = [member for member in site.chain if _implicit(member)]
    if not implicit or implicit[0] is not site:
        return None  # once per chain, at its first layer that lacks the keyword
    without = "residual add" if options.check_normalized else "normalization"
    figure = "" if site.chain_guessed else _factor_text(site.chain_shrink)  # a width the source does not fix: no figure
    shrink = f"use glorot_uniform: signal {figure} over the chain" if figure else "use glorot_uniform"
    head = f"{site.chain_length} {activation.name} layers in a row without {without} ({_lines(site.chain)}) {shrink}"
    if len(head) + 2 + len(use) > MAX_MESSAGE:  # a long TF1 replacement: the lines are in the chain's spans
        head = f"{site.chain_length} {activation.name} layers in a row without {without} {shrink}"
    if len(head) + 2 + len(use) > MAX_MESSAGE:  # a VarianceScaling replacement
        head = f"{site.chain_length} {activation.name} layers without {without} on glorot_uniform" + \
               (f": signal {figure} in total" if figure else "")
    edits, places = [], set()  # one edit per place: a helper's or a subclass's layer once, however many instances
    for member in implicit:
        place = (member.insert_span, id(member.anchor) if member.anchor is not None else id(member))
        if place in places:
            continue
        places.add(place)
        replacement = (text, imports) if member is site else \
            site_replacement(member, scheme, distribution, None, _landing(member, keyword))
        edits.append(_add_keyword(member, keyword, *replacement))
    return Finding(C7702, site.span, compose(head, use), edits[0], more_edits=tuple(edits[1:]),
                   chain=tuple(member.span for member in site.chain))


def _called_at(site: LayerSite) -> tuple[str, ...]:
    """` (built by the calls on lines 7, 12 and 30)`: a helper's layer, named by the calls its finding
    covers; then shorter forms (`lines 7, 12 and 5 more`) for a message that would not fit."""
    lines = [str(line) for line in site.built_by]
    if len(lines) < 2:
        return tuple(f" (built by the call on line {line})" for line in lines)
    forms = [f"{', '.join(lines[:-1])} and {lines[-1]}"]
    forms += [f"{', '.join(lines[:shown])} and {len(lines) - shown} more" for shown in (2, 1) if shown < len(lines) - 1]
    return tuple(f" (built by the calls on lines {form})" for form in forms)


def value_edits(spec: InitializerSpec, text: str, imports: tuple[str, ...]) -> tuple[Edit, tuple[Edit, ...]]:
    """The edits replacing an initializer value by `text`: at the value itself, or, when it comes
    through a function parameter, where its literal is written (the default, the call sites' literals)."""
    spans = spec.origins or (spec.span,)
    return Edit(spans[0], text, imports), tuple(Edit(span, text) for span in spans[1:])


def _implicit(site: LayerSite) -> bool:
    keyword = site.spec.judged_keyword
    return keyword is not None and keyword not in site.initializers


def _lines(chain: list[LayerSite], limit: int = 6) -> str:
    """`lines 9, 10, 12` / `line 4 x8` / `lines 3, 5, 7, ..., 40`: consecutive layers on one line count
    together (a loop's passes, a one-line list, a subclass's layer in several instances); a layer a helper
    built counts at the line of the call that built it (`conv(conv(x))` on line 7: `line 7 x2`)."""
    runs: list[list[int]] = []  # [line, layers]
    for member in chain:
        line = member.via[0].line if member.via else member.span.line
        passed = len(passes.chain_views(member, chain))
        if runs and runs[-1][0] == line:
            runs[-1][1] += passed
        else:
            runs.append([line, passed])
    parts = [f"{line} x{count}" if count > 1 else str(line) for line, count in runs]
    if len(parts) > limit:
        parts = parts[:limit - 2] + ["...", parts[-1]]
    return ("line " if len(parts) == 1 else "lines ") + ", ".join(parts)


def chain_reported(site: LayerSite, options: Options) -> bool:
    """C7702's criterion on a rectifier chain: at least glorot-min-chain layers, and a predicted loss of the
    signal's second moment at least what glorot-min-chain - 1 square layers lose (0.25x at the default 3)."""
    return site.chain_length >= options.min_chain and site.chain_shrink <= 0.5 ** max(0, options.min_chain - 1)


def _legacy_note(spec: InitializerSpec) -> str:
    if spec.xavier_string:
        return f"Keras has no {spec.xavier_string}: ValueError"
    legacy = spec.legacy
    assert legacy is not None
    if legacy.kind == "contrib_xavier":
        return "tf.contrib is gone in TF 2" if legacy.gone_in_tf2 else "a slim name"
    if legacy.kind == "contrib_variance_scaling":
        return "tf.contrib is gone in TF 2" if legacy.gone_in_tf2 else "a slim name"
    if legacy.gone_in_tf2:
        return "a TF1 name, gone in TF 2"
    return "a tf.compat.v1 name"


# --------------------------------------------------------------------------- chains


def number_chains(sites: list[LayerSite], all_links: dict[int, tuple[LayerSite, bool]], options: Options) -> None:
    """Give each under-scaled rectifier layer its place in its run of such layers.

    A normalization between two layers resets the signal's scale and ends the run, unless
    glorot-check-normalized asks to judge layers as if normalization were not there. A layer
    built several times by a loop counts that many times; a loop's last layer feeds its first.
    """
    links = {
        source: target for source, (target, normalized) in all_links.items()
        if options.check_normalized or not normalized
    }
    by_id = {id(site): site for site in sites}
    linked_to = {id(target) for source_id, target in links.items() if _under_scaled(by_id.get(source_id), options)}
    heads = [site for site in sites if id(site) not in linked_to]
    numbered: set[int] = set()
    for site in heads + sites:  # heads first; what is left is a cycle (a loop), entered anywhere
        if id(site) in numbered or not _under_scaled(site, options):
            continue
        chain: list[LayerSite] = []
        current: LayerSite | None = site
        while current is not None and _under_scaled(current, options) and id(current) not in numbered:
            chain.append(current)
            numbered.add(id(current))
            current = links.get(id(current))
        counted = [len(passes.chain_views(member, chain)) for member in chain]
        length = sum(counted)
        shrink, guessed = _chain_gain(chain)
        index = 1
        for member, passed in zip(chain, counted):
            member.chain_index, member.chain_length, member.chain_shrink = index, length, shrink
            member.chain, member.chain_guessed = chain, guessed
            index += passed


def _chain_gain(chain: list[LayerSite]) -> tuple[float, bool]:
    """The chain's signal gain against He's, each pass of a repeated layer with its own input, and whether
    a layer's fans were unknown: it counts as a square layer's 0.5 (the conservative guess, which decides
    whether the chain is reported but is never stated as a figure)."""
    shrink, guessed = 1.0, False
    for member in chain:
        for view in passes.chain_views(member, chain):
            gain = _relative_gain(view)
            if gain is None:
                gain, guessed = 0.5, True
            shrink *= gain
    return shrink, guessed


def _relative_gain(site: LayerSite) -> float | None:
    """The layer's predicted signal gain against He's; from the variance ratio where the effective fan is
    unknown; None where the fans are unknown too."""
    spec = site.initializers.get(site.spec.judged_keyword or "")
    gain = figures.relative_gain(site, figures.kernel_init(spec, site.api), "he")
    if gain is not None:
        return gain
    ratio = _judged_ratio(site, spec, "he")
    return 1 / ratio if ratio else None


def _under_scaled(site: LayerSite | None, options: Options) -> bool:
    """A rectifier layer whose kernel variance is well below He's (implicit or explicit Glorot/LeCun)."""
    if site is None or site.activation is None or site.activation.family != K.RECTIFIER:
        return False
    if site.normalized and not options.check_normalized:
        return False
    keyword = site.spec.judged_keyword
    if keyword is None:
        return False
    spec = site.initializers.get(keyword) if keyword in site.initializers else None
    if keyword in site.initializers and (spec is None or spec.scheme not in ("glorot", "lecun")):
        return False
    return not _negligible(_judged_ratio(site, spec, "he"), options)


# --------------------------------------------------------------------------- W7708


def _constant_kernel(site: LayerSite, keyword: str, spec: InitializerSpec) -> Finding | None:
    if spec.kind != "constant" or not spec.constant:
        return None
    landing = _landing(site, keyword)
    if keyword == site.spec.judged_keyword and site.activation is not None:
        scheme = K.RECOMMENDED_SCHEME.get(site.activation.family, "glorot")
        distribution = K.TRUNCATED_NORMAL if scheme == "lecun" else K.UNIFORM
        text, imports = replacement(scheme, distribution, None, landing)
    elif keyword == "recurrent_initializer":
        text, imports = ('"orthogonal"', ()) if landing.accepts_string else _object_text("Orthogonal", "orthogonal", "", None, landing)
    else:
        text, imports = replacement("glorot", K.UNIFORM, None, landing)
    use = _use(landing, text)
    head = f"{site.class_name} {keyword} is the constant {short_name(spec.written_name, 30)}"
    if len(head) + len(use) + 2 > MAX_MESSAGE:
        head = f"{site.class_name} {keyword} is the constant {spec.constant:g}"
    message = compose(head, use, ": every unit starts and stays identical")
    edit, more = value_edits(spec, text, imports)
    return Finding(W7708, spec.span, message, edit, more_edits=more)


# --------------------------------------------------------------------------- R7704 / W7706 / E7705


def initializer_candidates(spec: InitializerSpec, landing: Landing, options: Options,
                           wanted: tuple[str, str] | None = None, judged: bool = False) -> list[Finding]:
    """Findings on an initializer expression itself, wherever it stands, in priority order.

    `wanted`: the (scheme, distribution) the layer's activation asks for, when it differs.
    `judged`: the initializer feeds a judged activation, so a scale <= 0 can be corrected to its scheme.
    """
    if spec.invalid:
        corrected = corrected_spec(spec, judged)
        target = wanted or ((corrected.named.scheme, corrected.named.distribution)
                            if corrected is not None and corrected.named is not None else None)
        if corrected is not None and target is not None:
            return [_invalid_replaced(spec, corrected, target, landing)]
        return [_invalid(spec, bad) for bad in spec.invalid]
    found = []
    redundant = None if options.in_tests else _redundant(spec, landing)
    if redundant:
        found.append(redundant)
    deprecated = _deprecated(spec, landing)
    if deprecated:
        found.append(deprecated)
    return found


def corrected_spec(spec: InitializerSpec, judged: bool = False) -> InitializerSpec | None:
    """The initializer with every bad argument replaced by its suggestion; None if one has none.

    A scale <= 0 has no certain correction on its own; under a judged activation the activation
    decides the scale, so the replacement goes straight to what it wants (one fix, not two).
    """
    values = {}
    for bad in spec.invalid:
        if bad.span is None or (bad.keyword == "scale" and not judged):
            return None
        try:
            values[bad.keyword] = ast.literal_eval(bad.suggestion)
        except (ValueError, SyntaxError):
            return None
    scale = values.get("scale", spec.scale)
    mode = values.get("mode", spec.mode)
    distribution = values.get("distribution", spec.distribution)
    if not isinstance(mode, str) or not isinstance(distribution, str) or not isinstance(scale, (int, float)):
        return None
    mode = mode.lower()  # contrib's FAN_IN is Keras' fan_in
    distribution = K.normalize_distribution(distribution)
    named = K.NAMED_BY_PARAMS.get((float(scale), mode, distribution))
    return replace(spec, scale=float(scale), mode=mode, distribution=distribution, named=named, invalid=())


def _bad_argument_text(spec: InitializerSpec, bad, accepted: bool = True) -> str:
    value = f'"{bad.value}"' if isinstance(bad.value, str) else repr(bad.value)
    if not accepted:
        return f"{bad.keyword}={value} is not accepted"
    names = ", ".join(f'"{a}"' if not a.startswith("a ") else a for a in bad.accepted)
    return f"{bad.keyword}={value} is not accepted ({names})"


def _error_name(spec: InitializerSpec) -> str:
    return "TypeError" if spec.api == "contrib" else "ValueError"


def _invalid(spec: InitializerSpec, bad) -> Finding:
    span = bad.span or spec.span
    head = f"{short_name(spec.written_name, 32)} raises {_error_name(spec)}: "
    use = f"use {bad.keyword}={bad.suggestion}"
    text = _bad_argument_text(spec, bad)
    if len(head + text) + len(use) + 2 > MAX_MESSAGE:
        text = _bad_argument_text(spec, bad, accepted=False)
    message = compose(head + text, use)
    return Finding(E7705, span, message, Edit(span, bad.suggestion) if bad.span else None)


def _invalid_replaced(spec: InitializerSpec, corrected: InitializerSpec, target: tuple[str, str],
                      landing: Landing) -> Finding:
    """Corrected, the arguments name an initializer (or the activation wants one): replace the whole call,
    so that the fix does not leave a redundant VarianceScaling or a mismatch behind."""
    text, imports = replacement(target[0], target[1], corrected, landing)
    problems = ", ".join(_bad_argument_text(spec, bad, accepted=False) for bad in spec.invalid)
    corrected_name = corrected.named.cls if corrected.named is not None else "a custom VarianceScaling"
    suited = K.named_for(*target)
    why = "" if suited is not None and suited is corrected.named else (
        f"; {_SCHEME_NAMES[target[0]]} suits the activation")
    message = compose(f"{short_name(spec.written_name, 32)} raises {_error_name(spec)}: {problems}", _use(landing, text),
                      f" (corrected: {corrected_name})", why)
    return Finding(E7705, spec.span, message, Edit(spec.span, text, imports))


def _redundant(spec: InitializerSpec, landing: Landing) -> Finding | None:
    if not spec.is_vs or spec.named is None or spec.distribution is None:
        return None
    named = spec.named
    text, imports = replacement(named.scheme, named.distribution, spec, landing)
    covers: tuple[str, ...] = ()
    sameness = " (same parameters, same draws for a seed)"
    if spec.legacy is not None:
        covers = (W7706,)
        sameness = f" ({_legacy_note(spec)})"
    message = compose(f"{short_name(spec.written_name)} is {named.cls}", _use(landing, text), sameness)
    return Finding(R7704, spec.span, message, Edit(spec.span, text, imports), covers)


def _deprecated(spec: InitializerSpec, landing: Landing) -> Finding | None:
    if spec.legacy is None and not spec.xavier_string:
        return None
    if spec.distribution is None or spec.scheme is None:
        return _deprecated_custom(spec, landing)
    named = spec.named or K.named_for(spec.scheme, spec.distribution)
    if named is None or (spec.is_vs and spec.named is None):  # (2.0, "fan_avg") is no named initializer
        return _deprecated_custom(spec, landing)
    text, imports = replacement(named.scheme, named.distribution, spec, landing)
    message = compose(f"{short_name(spec.written_name)} is {named.cls} under an old name", _use(landing, text),
                      f" ({_legacy_note(spec)})")
    return Finding(W7706, spec.span, message, Edit(spec.span, text, imports))


def _deprecated_custom(spec: InitializerSpec, landing: Landing) -> Finding | None:
    """An old-name VarianceScaling whose parameters no named initializer has: the modern
    VarianceScaling with the same parameters (contrib's FAN_AVG is Keras' fan_avg)."""
    if not spec.is_vs or spec.invalid or spec.scale is None or spec.mode is None or spec.distribution is None:
        return None
    args = _call_arguments(spec)
    body = f'{float(spec.scale)!r}, "{spec.mode}", "{spec.distribution}"' + (f", {args}" if args else "")
    text, imports = _object_text("VarianceScaling", "VarianceScaling", body, spec, landing)
    message = compose(f"{short_name(spec.written_name)} is an old name", _use(landing, text), f" ({_legacy_note(spec)})")
    return Finding(W7706, spec.span, message, Edit(spec.span, text, imports))


# --------------------------------------------------------------------------- C7703


def _variance_rule(site: LayerSite) -> tuple[float, str] | None:
    """(scale, mode) of the judged kernel: the default's when none is given; None if unreadable."""
    keyword = site.spec.judged_keyword
    if keyword is None:
        return None
    if keyword not in site.initializers:
        return (1.0, K.FAN_AVG) if site.api == "keras" or site.api == "tf1" else None
    spec = site.initializers[keyword]
    if spec is None or spec.kind != "variance_scaling" or spec.invalid or spec.scale is None or spec.mode is None:
        return None
    return spec.scale, spec.mode


def _rule_name(rule: tuple[float, str]) -> str:
    for named in K.NAMED:
        if (named.scale, named.mode) == rule:
            return f"{_SCHEME_NAMES[named.scheme].split()[0]}'s rule (scale {rule[0]:g}, {rule[1]})"
    return f"the rule scale {rule[0]:g}, {rule[1]}"


def inconsistencies(sites: list[LayerSite], options: Options) -> dict[int, Finding]:
    """C7703: within one model definition and one activation family, the odd initializer out."""
    groups: dict[tuple, list[tuple[LayerSite, tuple[float, str]]]] = {}
    for site in sites:
        if site.definition is None or site.activation is None or (site.normalized and not options.check_normalized):
            continue
        if figures.transpose_scale(site, "he") is not None:
            continue  # a transposed kernel whose fans Keras counts by its filters: its own rule, judged by W7701
        rule = _variance_rule(site)
        if rule is not None:
            groups.setdefault((site.definition, site.activation.family), []).append((site, rule))
    found: dict[int, Finding] = {}
    for (_definition, family), members in groups.items():
        total = sum(site.repeat for site, _rule in members)
        if total < 3:
            continue
        counts: dict[tuple[float, str], int] = {}
        for site, rule in members:
            counts[rule] = counts.get(rule, 0) + site.repeat
        majority, count = max(counts.items(), key=lambda item: item[1])
        if count * 3 < total * 2 or count == total:
            continue
        probe = next(site for site, rule in members if rule == majority)
        if _wanted(probe, probe.initializers.get(probe.spec.judged_keyword or ""), options) is not None:
            continue  # the majority itself is wrong for the activation: the mismatch messages speak
        for site, rule in members:
            if rule != majority and not _negligible(_rule_ratio(rule, majority, _fans(site)), options):
                finding = _inconsistent(site, [s for s, r in members if r == majority], count, total, family)
                if finding is not None:
                    found[id(site)] = finding
    return found


def _rule_ratio(old: tuple[float, str], new: tuple[float, str], fans: tuple[int, int] | None) -> float | None:
    """Variance under the neighbours' rule over variance under the layer's own, when it can be known."""
    if old[1] == new[1]:
        return new[0] / old[0]
    return None if fans is None else _variance(*new, fans) / _variance(*old, fans)


def _neighbour_initializer(neighbours: list[LayerSite]) -> tuple[InitializerSpec | None, str]:
    """The initializer most of the neighbours spell, and its display name."""
    spellings: dict[str, tuple[InitializerSpec | None, int]] = {}
    for site in neighbours:
        spec = site.initializers.get(site.spec.judged_keyword or "")
        named = spec.named.snake if spec is not None and spec.named is not None else (
            K.DEFAULT_KERNEL_INITIALIZER if spec is None else None)
        if named is None:
            continue
        previous = spellings.get(named, (spec, 0))
        spellings[named] = (previous[0], previous[1] + site.repeat)
    if not spellings:
        return None, ""
    snake, (spec, _count) = max(spellings.items(), key=lambda item: item[1][1])
    return spec, snake


def _inconsistent(site: LayerSite, neighbours: list[LayerSite], count: int, total: int, family: str) -> Finding | None:
    keyword = site.spec.judged_keyword or ""
    spec, snake = _neighbour_initializer(neighbours)
    if not snake:
        return None
    named = K.NAMED_BY_SPELLING[snake]
    landing = _landing(site, keyword)
    own = site.initializers.get(keyword)
    text, imports = replacement(named.scheme, named.distribution, own, landing)  # keeps the seed and spelling
    mine = own.written_name if own is not None else f"the default {K.DEFAULT_KERNEL_INITIALIZER}"
    covers: tuple[str, ...] = ()
    if own is not None:
        note, covers = _covered(own)
        mine += note
    activation = site.activation.name if site.activation else family
    message = compose(f"{site.class_name} uses {short_name(mine, 32)}, unlike {count} of the {total} {activation} layers "
                      f"in this model", f"use {keyword}={text}", f": {_rule_name((named.scale, named.mode))}")
    if own is not None:
        edit, more = value_edits(own, text, imports)
        return Finding(C7703, own.span, message, edit, covers, more_edits=more)
    return Finding(C7703, site.span, message, _add_keyword(site, keyword, text, imports))


# --------------------------------------------------------------------------- W7707

CONV_KINDS = ("conv", "conv_transpose", "separable", "depthwise")


def _receptive_field(site: LayerSite) -> int | None:
    """prod(kernel_size) of a conv layer whose kernel size the source fixes."""
    size = site.kernel_size
    dims = next((int(ch) for ch in site.class_name if ch.isdigit()), None)
    if isinstance(size, int) and dims:
        return size ** dims
    if isinstance(size, tuple) and size and all(isinstance(k, int) for k in size):
        product = 1
        for k in size:
            product *= k
        return product
    return None


def _conv_fan_note(found: HandRolled, site: LayerSite) -> str:
    """Why the `shape` entries the function reads are the wrong fans for a conv kernel."""
    where = f"on the {site.class_name} (line {site.span.line})"
    read = " and ".join(f"shape[{index}]" for index in found.fan_indices)
    plural = len(found.fan_indices) > 1
    if found.fan_source == "leading":
        what = "kernel sizes, not fans" if plural else "a kernel size, not fan_in"
        return f"; {where} {read} {'are' if plural else 'is'} {what}"
    field = _receptive_field(site)
    factor = f": variance {field}x too big" if field and field > 1 else ""
    return f"; {where} {read} miss{'' if plural else 'es'} the receptive field{factor}"


def hand_rolled_finding(found: HandRolled, users: list[tuple[LayerSite, str]], options: Options) -> Finding:
    """A function re-implementing a built-in: name it, and the fan error on conv kernels if any."""
    named = K.named_for(found.scheme, found.distribution)
    assert named is not None
    wanted = []  # (site, scheme, distribution) where the activation wants another built-in
    for site, keyword in users:
        if keyword == site.spec.judged_keyword:
            want = _wanted(site, site.initializers.get(keyword), options)
            if want is not None:
                wanted.append((site, *want))
    judged = [site for site, keyword in users if keyword == site.spec.judged_keyword and site.activation is not None
              and site.activation.family in K.JUDGED_FAMILIES]
    scheme, distribution, note = found.scheme, found.distribution, ""
    if wanted and len(wanted) == len(judged) and len({(w[1], w[2]) for w in wanted}) == 1:
        scheme, distribution = wanted[0][1], wanted[0][2]  # every judged use wants the same other built-in
        note = f"; under {wanted[0][0].activation.name} {_SCHEME_NAMES[scheme]} suits"
    elif wanted:
        site, other, other_distribution = wanted[0]
        other_named = K.named_for(other, other_distribution)
        note = (f"; under {site.activation.name} (line {site.span.line}) "
                f'"{other_named.snake if other_named else other}" suits')
    conv_users = [site for site, _keyword in users if site.spec.kind in CONV_KINDS]
    fan_note = _conv_fan_note(found, conv_users[0]) if found.fan_source and conv_users else ""
    keywords = {keyword for site, keyword in users if site.api == "keras"}
    replacement_named = K.named_for(scheme, distribution)
    if replacement_named is None:
        text = f'keras.initializers.VarianceScaling(2.0, "fan_in", "{distribution}")'
    elif len(keywords) == 1:
        text = f'{next(iter(keywords))}="{replacement_named.snake}"'
    else:
        text = f"keras.initializers.{replacement_named.cls}()"
    lowered = found.name.lower()
    misnamed = found.scheme != "glorot" and ("glorot" in lowered or "xavier" in lowered)
    variance = f"Var = {found.variance_text}" if found.variance_text else short_name(found.formula, 40)
    message = compose(f"{found.name} re-implements {named.cls}", f"use {text}",
                      ", not Glorot" if misnamed else "", f" ({variance}, {found.draw} draws)", fan_note, note,
                      drop=(1, 0, 3, 2))
    return Finding(W7707, found.span, message)


# --------------------------------------------------------------------------- W7709


def _fixed_scale(site: LayerSite | None) -> InitializerSpec | None:
    """The judged kernel's fixed-scale initializer (RandomNormal, RandomUniform, TruncatedNormal, Orthogonal,
    Identity) when the layer has one."""
    if site is None or site.spec.judged_keyword is None:
        return None
    spec = site.initializers.get(site.spec.judged_keyword)
    return spec if spec is not None and spec.kind == "fixed" and spec.fixed is not None else None


def number_fixed_chains(sites: list[LayerSite], all_links: dict[int, tuple[LayerSite, bool]],
                        options: Options) -> None:
    """Group consecutive fixed-scale layers (no normalization between) into runs, and predict each run's
    compounded gain: the signal's second moment after the run over before it, from the first layer whose
    figures are known (a first layer with an unknown input shape is left out of the product)."""
    links = {source: target for source, (target, normalized) in all_links.items()
             if not normalized and _fixed_scale(target) is not None}
    by_id = {id(site): site for site in sites}
    linked_to = {id(target) for source, target in links.items() if _fixed_scale(by_id.get(source)) is not None}
    done: set[int] = set()
    for site in [s for s in sites if id(s) not in linked_to] + sites:
        if id(site) in done or _fixed_scale(site) is None:
            continue
        run: list[LayerSite] = []
        current: LayerSite | None = site
        while current is not None and id(current) not in done and _fixed_scale(current) is not None:
            run.append(current)
            done.add(id(current))
            current = links.get(id(current))
        gain, gradient = _run_figures(run, lambda member: figures.kernel_init(_fixed_scale(member), member.api))
        for member in run:
            member.fixed_chain, member.fixed_gain, member.fixed_gradient = run, gain, gradient


def _run_figures(run: list[LayerSite], init_of) -> tuple[float | None, float | None]:
    """(forward gain, gradient factor) over the run with `init_of(member)` on each layer: the signal's second
    moment after the run over before it, and the mean-field factor on the gradient's toward the run's input
    (network.signal.coherent_chain where a weight mean is not zero, the product of chi_1 otherwise)."""
    found = _run_terms(run, init_of)
    if found is None:
        return None, None
    q, gains, terms = found
    if any(term is not None and term[2] for term in terms):  # a weight mean: follow the shared shift
        both = figures.signal.coherent_chain(terms, check_steady=False) if None not in terms else None
        return (both.forward, both.gradient) if both is not None else (None, None)
    return q, figures.signal.chain_chi(gains)


def _run_steady(run: list[LayerSite], init_of) -> bool:
    """False where a weight mean's shared shift makes the run's figures hang on the finite-width kick the
    recursion omits (network.signal.coherent_chain's `steady`): the measured figure then spans decades
    between seeds, and a message states none."""
    found = _run_terms(run, init_of)
    if found is None or not any(term is not None and term[2] for term in found[2]) or None in found[2]:
        return True
    both = figures.signal.coherent_chain(found[2])
    return both is None or both.steady


def _run_terms(run: list[LayerSite], init_of) -> tuple[float, list, list] | None:
    """(q after the run, each pass's LayerGain, each pass's coherent terms); None where fewer than two
    passes have known figures or one in the middle is unknown."""
    q, known, gains, terms = 1.0, 0, [], []
    for member in run:
        init = init_of(member)
        # no activation given and none follows before a merge or the end: the layer's output is linear
        own = member.own_activation
        linear = own is ABSENT or getattr(own, "name", None) == "linear"  # activation=None / "linear": linear
        activation = member.activation or (LINEAR_ACTIVATION if linear else None)
        for view in passes.chain_views(member, run):  # each pass reads what the pass before wrote
            found = figures.layer_gain(view, init, q, activation)
            if found is None:
                if known:
                    return None  # a gap in the middle: the product would not be the run's
                break
            q, known = found.q_out, known + 1
            gains.append(found)
            terms.append(figures.coherent_terms(view, init, activation))
    if known < 2:
        return None
    return q, gains, terms


def _fixed_target(site: LayerSite, spec: InitializerSpec) -> tuple[str, str]:
    """(scheme, distribution) that keeps the gain near 1 for the activation, in the same kind of draw."""
    family = site.activation.family if site.activation is not None else K.LINEAR
    scheme = {K.RECTIFIER: "he", K.SELF_NORMALIZING: "lecun", K.SATURATING: "glorot"}.get(family, "lecun")
    if scheme == "lecun" and family == K.SELF_NORMALIZING:
        return scheme, K.TRUNCATED_NORMAL
    # a normal draw becomes the named normal one (Keras' HeNormal/LecunNormal draw a truncated normal)
    return scheme, K.UNIFORM if spec.fixed == "random_uniform" else K.TRUNCATED_NORMAL


def _orthogonal_gain(site: LayerSite) -> float:
    """The gain that keeps the signal for the activation: 1 / sqrt(c) (sqrt 2 for relu); 1 under tanh and
    softsign, the critical gain of mean-field analysis (a larger one makes their gradients grow)."""
    if site.activation is not None and site.activation.family == K.SATURATING:
        return 1.0
    factor = figures.signal.activation_factor(figures.activation_name(site.activation), 1.0) or 1.0
    return (1 / factor) ** 0.5


def _fixed_replacement(site: LayerSite, spec: InitializerSpec) -> tuple[str, tuple[str, ...]]:
    landing = _landing(site, site.spec.judged_keyword or "")
    if spec.fixed in ("orthogonal", "identity"):  # keep the orthogonal draw, with the gain the activation needs
        gain = f"gain={_orthogonal_gain(site):.3g}"
        args = ", ".join([gain] + ([spec.seed_text] if spec.seed_text else []))
        cls = "Orthogonal" if spec.fixed == "orthogonal" else "Identity"
        return _object_text(cls, cls.lower(), args, spec if spec.spelled == "class" else None, landing)
    scheme, distribution = _fixed_target(site, spec)
    text, imports = site_replacement(site, scheme, distribution, spec, landing)
    if spec.drawn_arguments is not None:  # tf.Variable(tf.random_normal(shape)): the initializer drawn on that shape
        text = f"{text}({spec.drawn_arguments})"
    return text, imports


def _replacement_init(member: LayerSite) -> figures.signal.KernelInit | None:
    """The initializer the W7709 fix writes on the member, as network.signal describes it."""
    spec = _fixed_scale(member)
    if spec is None:
        return None
    if spec.fixed in ("orthogonal", "identity"):
        return figures.signal.KernelInit(spec.fixed, gain=float(f"{_orthogonal_gain(member):.3g}"))
    scheme, distribution = _fixed_target(member, spec)
    wanted = figures.wanted_init(member, scheme)
    return replace(wanted, distribution=distribution) if wanted.mode != K.FAN_OUT else wanted


def _out_of_band(run: list[LayerSite], gain: float, gradient: float | None,
                 band: tuple[float, float]) -> str | None:
    """"signal" where the forward gain leaves the band, else "gradient" where the gradient factor does (units
    that saturate keep a bounded signal); None when both stay inside, or when the fix would not bring the
    figure that leaves it inside the band or at least halfway there in decades (nothing measurable changes)."""
    low, high = band
    outside = [(name, value) for name, value in (("signal", gain), ("gradient", gradient))
               if value is not None and not low <= value <= high]
    if not outside:
        return None
    fixed = dict(zip(("signal", "gradient"), _run_figures(run, _replacement_init)))
    for name, value in outside:
        after = fixed[name]
        if after is not None and (low <= after <= high or abs(_decades(after)) <= abs(_decades(value)) / 2):
            return name
    return None


def _decades(value: float) -> float:
    return math.log10(value) if value > 1e-300 else -300.0


def _factor(value: float) -> str:
    return "<1e-99" if value < 1e-99 else f"{value:.2g}"


def fixed_scale_finding(site: LayerSite, options: Options) -> Finding | None:
    """W7709, once per run of fixed-scale layers, at its first: the compounded gain leaves the band."""
    spec = _fixed_scale(site)
    run = site.fixed_chain
    if spec is None or not run or run[0] is not site or site.fixed_gain is None:
        return None
    count = sum(len(passes.chain_views(member, run)) for member in run)
    if count < 2:
        return None  # a one-layer head scales its output on purpose
    low, high = options.fixed_band
    gain, gradient = site.fixed_gain, site.fixed_gradient
    said = _out_of_band(run, gain, gradient, options.fixed_band)
    if said is None:
        return None
    edits = []
    for member in run:
        member_spec = _fixed_scale(member)
        if member_spec is not None:
            text, imports = _fixed_replacement(member, member_spec)
            edit, more = value_edits(member_spec, text, imports)
            edits.extend(e for e in (edit, *more) if e.span not in {known.span for known in edits})
    activation = site.activation.name if site.activation is not None else "linear"
    use = _use(_landing(site, site.spec.judged_keyword or ""), edits[0].text)
    tail = f": signal {gain:.2g}x over the chain" if said == "signal" else f": gradient {_factor(gradient)}x over the chain"
    if not _run_steady(run, lambda member: figures.kernel_init(_fixed_scale(member), member.api)):
        tail = f": {said} varies by decades from seed to seed (the weight mean)"  # no figure: it would be wrong
    message = ""
    for name, limit in ((short_name(spec.written_name, 32), 6), (short_name(spec.written_name, 20), 3),
                        (spec.fixed or "", 3)):
        message = f"{count} {activation} layers on {name} ({_lines(run, limit)}){tail}; {use}"
        if len(message) <= MAX_MESSAGE:
            break
    return Finding(W7709, spec.span, message, edits[0], more_edits=tuple(edits[1:]),
                   chain=tuple(member.span for member in run), figure=said)


# --------------------------------------------------------------------------- per layer


def layer_candidates(site: LayerSite, options: Options, inconsistent: Finding | None = None) -> list[list[Finding]]:
    """For each node of a layer call, its findings in priority order (W7701 > C7703 > R7704 > W7706)."""
    result = []
    implicit = _implicit_mismatch(site, options)
    on_call = [finding for finding in (implicit, inconsistent) if finding is not None and finding.span == site.span]
    if on_call:
        result.append(on_call)
    for keyword, spec in sorted(site.initializers.items()):
        if spec is None:
            continue
        candidates: list[Finding] = []
        if keyword == site.spec.judged_keyword:
            mismatch = _explicit_mismatch(site, spec, options)
            if mismatch:
                candidates.append(mismatch)
            fixed = fixed_scale_finding(site, options)
            if fixed:
                candidates.append(fixed)
            if inconsistent is not None and inconsistent.span == spec.span:
                candidates.append(inconsistent)
        if keyword in site.spec.kernel_keywords and not options.in_tests:
            constant = _constant_kernel(site, keyword, spec)
            if constant:
                candidates.append(constant)
        if not spec.indirect:
            judged = (keyword == site.spec.judged_keyword and site.activation is not None
                      and site.activation.family in K.JUDGED_FAMILIES)
            corrected = corrected_spec(spec, judged) if spec.invalid and keyword == site.spec.judged_keyword else None
            fix = _measurable_fix(site, corrected, options) if corrected is not None else None
            candidates.extend(initializer_candidates(spec, _landing(site, keyword), options, fix[:2] if fix else None,
                                                     judged))
        if candidates:
            result.append(candidates)
    return result
