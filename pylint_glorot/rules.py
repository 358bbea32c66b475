"""Pure rules: a resolved layer site or initializer -> findings with their replacement.

No pylint, no astroid, no TensorFlow. Each `*_candidates` function returns, per node, the
findings that apply in priority order (W7701 > R7704 > W7706); the adapter reports the
first one whose message is enabled, so a lower one shows only when the higher is disabled.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from pylint_glorot import knowledge as K
from pylint_glorot.findings import Edit, Finding, Span
from pylint_glorot.handrolled import HandRolled
from pylint_glorot.model import LayerSite
from pylint_glorot.resolve import InitializerSpec

W7701 = "initializer-activation-mismatch"
C7702 = "implicit-initializer-mismatch"
C7703 = "inconsistent-initializers"
R7704 = "redundant-variance-scaling"
E7705 = "invalid-variance-scaling"
W7706 = "deprecated-initializer"
W7707 = "hand-rolled-initializer"
W7708 = "constant-kernel-initializer"


@dataclass(frozen=True)
class Options:
    check_normalized: bool = False  # judge layers whose activation follows a normalization
    min_chain: int = 3  # C7702 fires from this many consecutive under-scaled rectifier layers
    min_variance_change: float = K.MIN_VARIANCE_CHANGE
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
    """(fan_in, fan_out) up to the receptive field, which cancels in every ratio used here."""
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
    K.RECTIFIER: "is scaled for linear units: the signal's second moment shrinks at every rectifier layer",
    K.SATURATING: "is scaled for rectifiers: it puts tanh-like units in the chaotic phase, gradients growing "
                  "toward the input",
    K.SELF_NORMALIZING: "is not LeCun normal, which SELU needs to self-normalize",
}
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
    if family == K.SATURATING and scale == 2.0:
        return "glorot", distribution
    if family == K.SELF_NORMALIZING and not (scale == 1.0 and mode == K.FAN_IN):
        return "lecun", K.TRUNCATED_NORMAL
    return None


def _judged_ratio(site: LayerSite, spec: InitializerSpec | None, scheme: str) -> float | None:
    old = (1.0, K.FAN_AVG) if spec is None else (spec.scale, spec.mode)
    return variance_ratio(old, scheme, _fans(site))


def _landing(site: LayerSite, keyword: str) -> Landing:
    return Landing(keyword if site.spec.keyword_in_text else None, site.spec.string_initializers and site.api == "keras",
                   site.tf_alias)


def _measurable_fix(site: LayerSite, spec: InitializerSpec | None, options: Options) -> tuple[str, str, float | None] | None:
    """(scheme, distribution, variance ratio) the activation wants instead, when the fix changes something."""
    wanted = _wanted(site, spec, options)
    if wanted is None:
        return None
    scheme, distribution = wanted
    ratio = _judged_ratio(site, spec, scheme)
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
    fix = _measurable_fix(site, spec, options)
    if fix is None:
        return None
    scheme, distribution, ratio = fix
    text, imports = replacement(scheme, distribution, spec, _landing(site, keyword))
    activation = site.activation
    assert activation is not None
    note, covers = _covered(spec)
    what = spec.written_name + note
    if not covers and spec.scheme == "glorot" and spec.spelled in ("string", "class"):
        what += " (Glorot = Xavier)"
    factor = _factor_text(ratio)
    gives = f"; {_SCHEME_NAMES[scheme]} gives the kernel {factor} the variance" if factor else ""
    message = (
        f"{site.class_name} feeds {activation.name} ({activation.family}) but its kernel initializer {what} "
        f"{_PROBLEM[activation.family]}{gives} ({K.REFERENCES[activation.family]}); "
        f"{_use(_landing(site, keyword), text)}"
    )
    return Finding(W7701, spec.span, message, Edit(spec.span, text, imports), covers)


def _implicit_mismatch(site: LayerSite, options: Options) -> Finding | None:
    keyword = site.spec.judged_keyword
    if keyword is None or keyword in site.initializers or site.activation is None:
        return None
    fix = _measurable_fix(site, None, options)
    if fix is None:
        return None
    scheme, distribution, ratio = fix
    activation = site.activation
    if activation.family == K.RECTIFIER:
        if site.chain_length < options.min_chain:
            return None
        position = (f"layers {site.chain_index}-{site.chain_index + site.repeat - 1} (one call, built {site.repeat} times)"
                    if site.repeat > 1 else f"layer {site.chain_index}")
        depth = (
            f"{position} of {site.chain_length} consecutive {activation.name} layers without "
            f"{'residual add (normalization ignored: glorot-check-normalized)' if options.check_normalized else 'normalization or residual add'}, "
            f"each shrinking the signal's second moment "
            f"({_shrink_text(ratio)} here, {site.chain_shrink:.2g}x over the chain)"
        )
    else:
        factor = _factor_text(ratio)
        depth = f"{activation.name} needs LeCun normal" + (f" ({factor} the variance)" if factor else "")
    text, imports = replacement(scheme, distribution, None, _landing(site, keyword))
    message = (
        f"{site.class_name} feeds {activation.name} but has no {keyword}, so it uses the default glorot_uniform: "
        f"{depth} ({K.REFERENCES[activation.family]}); {_use(_landing(site, keyword), text)}"
    )
    return Finding(C7702, site.span, message, _add_keyword(site, keyword, text, imports))


def _shrink_text(ratio: float | None) -> str:
    return f"to {1 / ratio:.2g}x" if ratio else "about halving it for a square layer"


def _legacy_note(spec: InitializerSpec) -> str:
    if spec.xavier_string:
        return f"Xavier = Glorot; Keras has no {spec.xavier_string} and raises ValueError"
    legacy = spec.legacy
    assert legacy is not None
    if legacy.kind == "contrib_xavier":
        return "the TF1 Xavier name of Glorot; tf.contrib is gone in TF 2" if legacy.gone_in_tf2 else (
            "the slim Xavier name of Glorot")
    if legacy.kind == "contrib_variance_scaling":
        return "a TF1 name; tf.contrib is gone in TF 2" if legacy.gone_in_tf2 else "a slim name"
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
        length = sum(member.repeat for member in chain)
        shrink = 1.0
        for member in chain:
            ratio = _judged_ratio(member, member.initializers.get(member.spec.judged_keyword or ""), "he")
            shrink *= (1 / ratio if ratio else 0.5) ** member.repeat
        index = 1
        for member in chain:
            member.chain_index, member.chain_length, member.chain_shrink = index, length, shrink
            index += member.repeat


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
    message = (
        f"{site.class_name} {keyword} is the constant {spec.written_name}: every unit starts identical, gets the "
        f"same gradient and never differentiates (zeros are fine, a nonzero constant is not); "
        f"{_use(landing, text)}"
    )
    return Finding(W7708, spec.span, message, Edit(spec.span, text, imports))


# --------------------------------------------------------------------------- R7704 / W7706 / E7705


def initializer_candidates(spec: InitializerSpec, landing: Landing, options: Options,
                           wanted: tuple[str, str] | None = None) -> list[Finding]:
    """Findings on an initializer expression itself, wherever it stands, in priority order.

    `wanted`: the (scheme, distribution) the layer's activation asks for, when it differs.
    """
    if spec.invalid:
        corrected = corrected_spec(spec)
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


def corrected_spec(spec: InitializerSpec) -> InitializerSpec | None:
    """The initializer with every bad argument replaced by its suggestion; None if one has none."""
    values = {}
    for bad in spec.invalid:
        if bad.span is None or bad.keyword == "scale":  # a scale <= 0 has no certain correction
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


def _bad_argument_text(spec: InitializerSpec, bad) -> str:
    accepted = ", ".join(f'"{a}"' if not a.startswith("a ") else a for a in bad.accepted)
    value = f'"{bad.value}"' if isinstance(bad.value, str) else repr(bad.value)
    case = "; case-sensitive" if bad.keyword == "mode" else ""
    return f"{bad.keyword}={value} is not accepted (accepted: {accepted}{case})"


def _error_name(spec: InitializerSpec) -> str:
    return "TypeError" if spec.api == "contrib" else "ValueError"


def _invalid(spec: InitializerSpec, bad) -> Finding:
    span = bad.span or spec.span
    message = (f"{spec.written_name} raises {_error_name(spec)} at construction: {_bad_argument_text(spec, bad)}; "
               f"use {bad.keyword}={bad.suggestion}")
    return Finding(E7705, span, message, Edit(span, bad.suggestion) if bad.span else None)


def _invalid_replaced(spec: InitializerSpec, corrected: InitializerSpec, target: tuple[str, str],
                      landing: Landing) -> Finding:
    """Corrected, the arguments name an initializer (or the activation wants one): replace the whole call,
    so that the fix does not leave a redundant VarianceScaling or a mismatch behind."""
    text, imports = replacement(target[0], target[1], corrected, landing)
    problems = "; ".join(_bad_argument_text(spec, bad) for bad in spec.invalid)
    corrected_name = corrected.named.cls if corrected.named is not None else "a custom VarianceScaling"
    suited = K.named_for(*target)
    why = "" if suited is not None and suited is corrected.named else (
        f", and {_SCHEME_NAMES[target[0]]} suits this layer's activation")
    message = (f"{spec.written_name} raises {_error_name(spec)} at construction: {problems}; corrected, it is "
               f"{corrected_name}{why}; {_use(landing, text)}")
    return Finding(E7705, spec.span, message, Edit(spec.span, text, imports))


def _redundant(spec: InitializerSpec, landing: Landing) -> Finding | None:
    if not spec.is_vs or spec.named is None or spec.distribution is None:
        return None
    named = spec.named
    text, imports = replacement(named.scheme, named.distribution, spec, landing)
    covers: tuple[str, ...] = ()
    sameness = "the same parameters, and the same tensors for the same seed"
    if spec.legacy is not None:
        covers = (W7706,)
        sameness = f"{_legacy_note(spec)}; the same parameters"
        if spec.api == "contrib" and named.distribution == K.TRUNCATED_NORMAL:
            sameness += " up to contrib's truncation constant (stddev sqrt(1.3 scale/n) vs Keras' sqrt(1.2925 scale/n))"
    message = f"{spec.written_name} is {named.cls} ({sameness}); {_use(landing, text)}"
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
    message = f"{spec.written_name} is {named.cls} under an old name ({_legacy_note(spec)}); {_use(landing, text)}"
    return Finding(W7706, spec.span, message, Edit(spec.span, text, imports))


def _deprecated_custom(spec: InitializerSpec, landing: Landing) -> Finding | None:
    """An old-name VarianceScaling whose parameters no named initializer has: the modern
    VarianceScaling with the same parameters (contrib's FAN_AVG is Keras' fan_avg)."""
    if not spec.is_vs or spec.invalid or spec.scale is None or spec.mode is None or spec.distribution is None:
        return None
    args = _call_arguments(spec)
    body = f'{float(spec.scale)!r}, "{spec.mode}", "{spec.distribution}"' + (f", {args}" if args else "")
    text, imports = _object_text("VarianceScaling", "VarianceScaling", body, spec, landing)
    message = f"{spec.written_name} is an old name ({_legacy_note(spec)}); {_use(landing, text)}"
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
            if rule != majority:
                finding = _inconsistent(site, [s for s, r in members if r == majority], count, total, family)
                if finding is not None:
                    found[id(site)] = finding
    return found


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
    message = (
        f"{site.class_name} uses {mine}, but {count} of the {total} layers feeding {family} activations "
        f"({activation}) in this model follow {_rule_name((named.scale, named.mode))}, mostly as {snake}; "
        f"use {keyword}={text}"
    )
    if own is not None:
        return Finding(C7703, own.span, message, Edit(own.span, text, imports), covers)
    return Finding(C7703, site.span, message, _add_keyword(site, keyword, text, imports))


# --------------------------------------------------------------------------- W7707

CONV_KINDS = ("conv", "conv_transpose", "separable", "depthwise")


MAX_MESSAGE = 160


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


def _fit(parts: list[tuple[str, int]]) -> str:
    """Join message parts, dropping the droppable ones (highest rank first; rank 0: never) until the
    text fits an editor line."""
    parts = list(parts)
    while len("".join(text for text, _rank in parts)) > MAX_MESSAGE and any(rank for _text, rank in parts):
        parts.remove(max(parts, key=lambda part: part[1]))
    return "".join(text for text, _rank in parts)


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
        note = f'; use "{other_named.snake if other_named else other}" under {site.activation.name} (line {site.span.line})'
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
    rule = f" (Var = {found.variance_text}, {found.draw} draws)" if found.variance_text else ""
    message = _fit([
        (f"{found.name} re-implements {named.cls}", 0),
        (", not Glorot" if misnamed else "", 3),
        (rule, 4),
        (fan_note, 1),
        (note, 2),
        (f"; use {text}", 0),
    ])
    return Finding(W7707, found.span, message)


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
            if inconsistent is not None and inconsistent.span == spec.span:
                candidates.append(inconsistent)
        if keyword in site.spec.kernel_keywords and not options.in_tests:
            constant = _constant_kernel(site, keyword, spec)
            if constant:
                candidates.append(constant)
        if not spec.indirect:
            corrected = corrected_spec(spec) if spec.invalid and keyword == site.spec.judged_keyword else None
            fix = _measurable_fix(site, corrected, options) if corrected is not None else None
            candidates.extend(initializer_candidates(spec, _landing(site, keyword), options, fix[:2] if fix else None))
        if candidates:
            result.append(candidates)
    return result
