"""Judge each static finding on the runtime numbers. Pure: no TensorFlow, no I/O.

A runtime layer is matched to the static layer site whose call spans the line of FILE that
constructed it (the narrowest one). Each finding is judged on the mechanism it names
(static.py); the criteria and thresholds are documented in docs/runtime.md:

- visible: the effect is at least VISIBLE (the factor by which a finding must change a
  kernel's variance to be reported at all, knowledge.MIN_VARIANCE_CHANGE);
- removed: with the suggested initializers at most REMAINING of the effect is left, in log
  terms (|log after| <= REMAINING * |log before|).
`confirmed` needs both; `not-confirmed` gives the numbers; `not-measurable` says why.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from pylint_glorot import knowledge as K
from pylint_glorot.runtime import chains
from pylint_glorot.runtime import reuse_check as RC
from pylint_glorot.runtime.predict import Prediction, predict
from pylint_glorot.runtime import runtime_only as R
from pylint_glorot.runtime import static as S
from pylint_glorot.runtime.protocol import innermost

VISIBLE = K.MIN_VARIANCE_CHANGE  # 1.25
REMAINING = 0.5
IDENTICAL = 1e-4  # unit spread below which units (or their gradients) count as identical
DISTINCT = 1e-2  # unit spread above which they count as different
SAME_VARIANCE = 1.1  # W7707: a kernel's variance within this factor of the built-in's counts as the same

CONFIRMED, NOT_CONFIRMED, NOT_MEASURABLE = "confirmed", "not-confirmed", "not-measurable"
RUNTIME_ONLY = "runtime-only"  # found by measuring, not by the static pass; the fix measured to remove it
COUNTED = (CONFIRMED, RUNTIME_ONLY)  # what makes the exit code 1
STEADY = 2.0  # a verdict stands when its statistic is this many standard errors (over the draws) from the threshold
_ALIASES = {"swish": "silu", "hard_swish": "hard_silu", None: "linear"}


@dataclass
class LayerRow:
    """One weighted layer of a measured model, with what the static pass read at its line."""

    model: str
    index: int
    name: str
    line: int | None
    class_name: str
    keyword: str
    initializer: dict[str, Any]
    activation: str | None
    activation_source: str
    structure: dict[str, Any] | None
    current: dict[str, Any] | None
    suggested: dict[str, Any] | None
    fixed_with: str | None
    kernel_shape: list[int] | None
    kernel_var: float | None
    library: str | None = None  # file:line of library code that built the layer (keras.applications)
    current_draws: list[dict[str, Any]] | None = None  # per draw, when several were pooled
    suggested_draws: list[dict[str, Any]] | None = None
    prediction: Prediction | None = None  # the static signal model's gain for the layer (predict.py)
    site: S.StaticSite | None = None
    disagreements: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return (self.model, self.index)

    @property
    def order(self) -> int | None:
        return self.structure["order"] if self.structure else None

    @property
    def family(self) -> str:
        return K.activation_family(_ALIASES.get(self.activation, self.activation or "linear"))

    def number(self, which: str, name: str) -> float | None:
        values = self.current if which == "current" else self.suggested
        return values.get(name) if values else None

    def per_draw(self, which: str, name: str) -> list[float | None] | None:
        draws = self.current_draws if which == "current" else self.suggested_draws
        return [d.get(name) for d in draws] if draws else None


@dataclass(frozen=True)
class Verdict:
    finding: S.StaticFinding
    verdict: str
    evidence: str
    numbers: dict[str, Any] = field(default_factory=dict)
    runtime_only: bool = False
    layers: tuple[str, ...] = ()  # runtime-only: the Keras names of the layers it is about
    library: str | None = None  # runtime-only: library file:line that built the first of them


# --------------------------------------------------------------------------- initializer labels


def initializer_label(described: dict[str, Any]) -> str:
    """'glorot_uniform', 'VarianceScaling(2, fan_in, truncated_normal)', 'Orthogonal', 'my_init()'."""
    name = described.get("class")
    if name is None:
        return "-"
    if described.get("scale") is not None:
        named = K.NAMED_BY_PARAMS.get((described["scale"], described["mode"], described["distribution"]))
        if name in K.NAMED_BY_SPELLING or (name == "VarianceScaling" and named is None):
            return K.NAMED_BY_SPELLING[name].snake if name in K.NAMED_BY_SPELLING else (
                f"VarianceScaling({described['scale']:g}, {described['mode']}, {described['distribution']})")
        if named is not None:
            return f"VarianceScaling (= {named.snake})" if name == "VarianceScaling" else f"{name} (= {named.snake})"
    if described.get("kind") == "function":
        return f"{name}()"
    return str(name)


# --------------------------------------------------------------------------- rows


def layer_rows(result: dict[str, Any], view: S.StaticView) -> list[LayerRow]:
    ranges = {site.lines: site for site in view.sites}
    rows = []
    for model in result["models"]:
        for layer in model["layers"]:
            structure = layer.get("structure")
            activation = structure["activation"] if structure else (
                layer.get("own_activation") if layer.get("own_activation") != "linear" else None)
            source = structure["activation_source"] if structure else ("own" if activation else "none")
            row = LayerRow(
                model=model["name"], index=layer["index"], name=layer["name"], line=layer.get("line"),
                class_name=layer["class"], keyword=layer["keyword"], initializer=layer["initializer"],
                activation=activation, activation_source=source, structure=structure,
                current=layer.get("current"), suggested=layer.get("suggested"), fixed_with=layer.get("fixed_with"),
                kernel_shape=layer.get("kernel_shape"), kernel_var=layer.get("kernel_var"),
                library=layer.get("library"), current_draws=layer.get("current_draws"),
                suggested_draws=layer.get("suggested_draws"),
            )
            if layer.get("describe") and row.current:
                row.prediction = predict(layer["describe"], row.number("current", "gain"), row.number("current", "m_in"),
                                         row.per_draw("current", "gain"), (row.current or {}).get("samples"))
            lines = innermost(row.line, ranges)
            row.site = ranges[lines] if lines else None
            row.disagreements = disagreements(row)
            rows.append(row)
    return rows


def disagreements(row: LayerRow) -> list[str]:
    """Where the built layer differs from what the static pass read at its line."""
    site = row.site
    if site is None:
        return []
    found = []
    runtime = row.initializer
    label = initializer_label(runtime)
    if site.keyword == row.keyword and runtime.get("kind") != "function":
        rule = site.initializer.variance_rule
        actual = (runtime.get("scale"), runtime.get("mode"), runtime.get("distribution"))
        if site.initializer.label == "unreadable":
            found.append(f"the static pass could not read {site.keyword}; the built layer uses {label}")
        elif rule is not None and actual != rule:
            found.append(f"the static pass read {site.keyword}={site.initializer.label}; the built layer uses {label}")
    static_activation = _ALIASES.get(site.activation, site.activation)
    runtime_activation = _ALIASES.get(row.activation, row.activation)
    if row.structure is not None and static_activation != runtime_activation:
        found.append(f"the static pass read activation {static_activation}; "
                     f"the built layer feeds {runtime_activation} ({row.activation_source})")
    return found


# --------------------------------------------------------------------------- runs


def _runs(rows: list[LayerRow], members: set[tuple[str, int]]) -> dict[tuple[str, int], list[LayerRow]]:
    """For each member, the run it belongs to (chains.py): consecutive members, each fed by the
    previous one directly (through activation, dropout, pooling, reshaping layers, with no normalization)."""
    by_key = {row.key: row for row in rows}
    feeders = {row.key: ((row.model, row.structure["predecessor"]) if row.structure.get("predecessor") is not None
                         else None, bool(row.structure.get("predecessor_normalized")))
               for row in rows if row.structure is not None}
    found = chains.runs(feeders, {key for key in members if key in by_key})
    return {key: [by_key[k] for k in run] for key, run in found.items()}


def _steady(per_draw: list[float], pooled: float, threshold: float) -> bool:
    """Whether `pooled` (a log statistic) lies clearly on one side of `threshold`: at least STEADY
    standard errors of the per-draw values away. One or two draws: taken as measured."""
    if len(per_draw) < 3:
        return True
    error = statistics.stdev(per_draw) / math.sqrt(len(per_draw))
    return abs(pooled - threshold) >= STEADY * error


def _draw_logs(run: list[LayerRow], which: str, name: str) -> list[list[float]] | None:
    """Per draw, the log of `name` for each layer of the run; None without several usable draws."""
    columns = [row.per_draw(which, name) for row in run]
    if any(c is None for c in columns) or len({len(c) for c in columns}) != 1:  # type: ignore[arg-type]
        return None
    draws = list(zip(*columns))  # type: ignore[misc]
    if any(v is None or v <= 0 for draw in draws for v in draw):
        return None
    return [[math.log(v) for v in draw] for draw in draws]


def _draw_gradient_growths(run: list[LayerRow], numbers: dict[str, Any]) -> tuple[list[float], list[float]]:
    """Per draw, the log of the fitted kernel-gradient growth as written and with the fix (the fixed list
    empty unless it has one entry per draw); records the number of draws in `numbers`."""
    logs_before, logs_after = _draw_logs(run, "current", "grad_var"), _draw_logs(run, "suggested", "grad_var")
    draw_growth = [math.log(R.fitted_growth([math.exp(v) for v in d])) for d in logs_before] if logs_before else []
    draw_fixed = [math.log(R.fitted_growth([math.exp(v) for v in d])) for d in logs_after] \
        if logs_after and len(logs_after) == len(draw_growth) else []
    if draw_growth:
        numbers["draws"] = len(draw_growth)
    return draw_growth, draw_fixed


def _unsteady(finding: S.StaticFinding, evidence: str, per_draw: list[float], threshold: float,
              numbers: dict[str, Any], what: str) -> Verdict:
    low, high = math.exp(min(per_draw)), math.exp(max(per_draw))
    return Verdict(finding, NOT_MEASURABLE, f"{evidence}; but {what} ranges x{low:.3g}..x{high:.3g} over "
                   f"{len(per_draw)} draws, too close to the threshold x{math.exp(threshold):.3g} to call "
                   "(raise --draws or --batch)", {**numbers, "draws": len(per_draw), "draw_low": low, "draw_high": high})


def _product(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values))


def _geo(values: list[float]) -> float:
    return _product(values) ** (1 / len(values))


def _lines(run: list[LayerRow]) -> str:
    lines = sorted({row.line for row in run if row.line is not None})
    if not lines:
        return "no line of FILE"
    if len(lines) == 1:
        return f"line {lines[0]}"
    return f"lines {lines[0]}-{lines[-1]}" if lines == list(range(lines[0], lines[-1] + 1)) else \
        "lines " + ", ".join(map(str, lines))


def _fix_label(run: list[LayerRow]) -> str:
    labels = sorted({row.fixed_with for row in run if row.fixed_with})
    return " / ".join(labels) if labels else "the suggested initializers"


def _layers_text(run: list[LayerRow]) -> str:
    activations = sorted({row.activation or "linear" for row in run})
    what = f"{'/'.join(activations)} layer{'s' if len(run) != 1 else ''}"
    return f"{len(run)} {what} in a row ({_lines(run)})" if len(run) > 1 else f"the {what} ({_lines(run)})"


# --------------------------------------------------------------------------- mechanisms


def _forward(finding: S.StaticFinding, run: list[LayerRow], shrink_only: bool, band: bool = False) -> Verdict:
    """shrink_only: the second moment must shrink (rectifiers); band: it must leave runtime_only.BAND
    (runtime-only findings); else it must move either way (SELU's fixed point)."""
    before = [row.number("current", "gain") for row in run]
    after = [row.number("suggested", "gain") for row in run]
    if any(v is None or v <= 0 for v in before):
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: the forward gain is zero or unknown "
                                                "(the signal is all zeros, or the layer's input is not a single tensor)")
    if any(v is None or v <= 0 for v in after):
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: the suggested initializer could not be "
                                                "applied to every layer of the run")
    total, fixed = _product(before), _product(after)  # type: ignore[arg-type]
    numbers = {"run_length": len(run), "gain": total, "gain_per_layer": _geo(before),  # type: ignore[arg-type]
               "suggested_gain": fixed, "suggested_gain_per_layer": _geo(after)}  # type: ignore[arg-type]
    if len(run) == 1:
        evidence = (f"{_layers_text(run)}: the signal's second moment x{total:.2g} through it; "
                    f"with {_fix_label(run)}: x{fixed:.2g}")
    else:
        evidence = (f"{_layers_text(run)}: the signal's second moment x{total:.2g} over the run "
                    f"(x{numbers['gain_per_layer']:.2f} per layer); with {_fix_label(run)}: x{fixed:.2g} "
                    f"(x{numbers['suggested_gain_per_layer']:.2f} per layer)")
    logs_before, logs_after = _draw_logs(run, "current", "gain"), _draw_logs(run, "suggested", "gain")
    draw_totals = [sum(d) for d in logs_before] if logs_before else []
    draw_fixed = [sum(d) for d in logs_after] if logs_after and len(logs_after) == len(draw_totals) else []
    if draw_totals:
        numbers["draws"] = len(draw_totals)
    effect, left = abs(math.log(total)), abs(math.log(fixed))
    if band:
        low, high = math.log(R.BAND[0]), math.log(R.BAND[1])
        signed, threshold = (math.log(total), low) if total < 1 else (math.log(total), high)
        visible = not R.BAND[0] <= total <= R.BAND[1]
    elif shrink_only:
        signed, threshold, visible = math.log(total), -math.log(VISIBLE), total <= 1 / VISIBLE
    else:
        signed, threshold, visible = effect, math.log(VISIBLE), effect >= math.log(VISIBLE)
    per_draw = [(abs(t) if not (band or shrink_only) else t) for t in draw_totals]
    if per_draw and not _steady(per_draw, signed, threshold):
        return _unsteady(finding, evidence, per_draw, threshold, numbers, "the second moment over the run")
    if not visible:
        if band:
            return Verdict(finding, NOT_CONFIRMED, f"{evidence}: inside the band x{R.BAND[0]:g}..x{R.BAND[1]:g}", numbers)
        what = "does not shrink measurably" if shrink_only else "stays near SELU's fixed point"
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the second moment {what} (threshold x{1 / VISIBLE:.2g})"
                       if shrink_only else f"{evidence}: the second moment {what} (threshold x{VISIBLE:g})", numbers)
    removal = [abs(f) - REMAINING * abs(t) for t, f in zip(draw_totals, draw_fixed)]
    if removal and not _steady(removal, left - REMAINING * effect, 0.0):
        spread = [abs(f) - abs(t) for t, f in zip(draw_totals, draw_fixed)]
        return _unsteady(finding, evidence, spread, 0.0, numbers, "what the fix leaves (in log terms)")
    if left > REMAINING * effect:
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the suggested initializer leaves more than half "
                                               "of the change (in log terms)", numbers)
    return Verdict(finding, RUNTIME_ONLY if band else CONFIRMED, evidence, numbers)


def _fitted_growth(values: list[float]) -> float:
    return R.fitted_growth(values)


def _backward(finding: S.StaticFinding, run: list[LayerRow]) -> Verdict:
    if len(run) < 2:
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: gradient growth toward the input needs at "
                                                "least two such layers in a row, feeding each other")
    before = [row.number("current", "grad_var") for row in run]
    after = [row.number("suggested", "grad_var") for row in run]
    if any(v is None or v <= 0 for v in before + after):
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: some kernel gradients are zero or missing "
                                                "(a layer not on the path to the outputs?)")
    growth, fixed = _fitted_growth(before), _fitted_growth(after)  # type: ignore[arg-type]
    gains = [row.number("current", "gain") for row in run]
    fixed_gains = [row.number("suggested", "gain") for row in run]
    forward = ""
    if all(g for g in gains + fixed_gains):
        forward = (f"; the forward gain per layer, x{_geo(gains):.2f} now and x{_geo(fixed_gains):.2f} "  # type: ignore[arg-type]
                   "with the fix, is no guide here")
    numbers = {"run_length": len(run), "gradient_growth": growth, "suggested_gradient_growth": fixed,
               "first_last_ratio": before[0] / before[-1], "suggested_first_last_ratio": after[0] / after[-1]}  # type: ignore[operator]
    evidence = (
        f"{_layers_text(run)}: kernel-gradient variance grows x{growth:.3g} from the last layer of the run to the "
        f"first (fitted over depth; raw first/last x{numbers['first_last_ratio']:.3g}); with {_fix_label(run)}: "
        f"x{fixed:.3g} (raw x{numbers['suggested_first_last_ratio']:.3g}){forward}"
    )
    draw_growth, draw_fixed = _draw_gradient_growths(run, numbers)
    threshold = math.log(VISIBLE)
    if draw_growth and not _steady(draw_growth, math.log(growth), threshold):
        return _unsteady(finding, evidence, draw_growth, threshold, numbers, "the fitted gradient growth")
    if math.log(growth) < threshold:
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: no measurable growth (threshold x{math.exp(threshold):g})",
                       numbers)
    removal = [f - REMAINING * g for g, f in zip(draw_growth, draw_fixed)]
    if removal and not _steady(removal, math.log(fixed) - REMAINING * math.log(growth), 0.0):
        return _unsteady(finding, evidence, [f - g for g, f in zip(draw_growth, draw_fixed)], 0.0, numbers,
                         "what the fix leaves of the growth (in log terms)")
    if math.log(fixed) > REMAINING * math.log(growth):
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the suggested initializer leaves more than half of "
                                               "the growth (in log terms)", numbers)
    return Verdict(finding, CONFIRMED, evidence, numbers)


def _gradient_band(finding: S.StaticFinding, run: list[LayerRow]) -> Verdict:
    """W7709 stating the gradient figure: the kernel gradients' first-to-last ratio over the run must leave
    the band (grow past it, or vanish below it) and the suggested initializers must bring it back inside,
    or at least halfway in log terms. Kernel gradients that are exactly 0 as written (tanh saturated:
    float32 underflow) while the fix's are not count as vanished, and the evidence says so."""
    if len(run) < 2:
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: a gradient over the chain needs at "
                                                "least two such layers in a row, feeding each other")
    before = [row.number("current", "grad_var") for row in run]
    after = [row.number("suggested", "grad_var") for row in run]
    if any(v is None for v in before + after):
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: some kernel gradients are missing "
                                                "(a layer not on the path to the outputs?)")
    if any(v <= 0 for v in after):  # type: ignore[operator]
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(run)}: some kernel gradients are zero with "
                                                f"{_fix_label(run)} too")
    fixed = _fitted_growth(after)  # type: ignore[arg-type]
    fixed_text = f"with {_fix_label(run)}: x{fixed:.3g} (fitted over depth)"
    zeros = [row for row, v in zip(run, before) if v <= 0]  # type: ignore[operator]
    if zeros:
        numbers: dict[str, Any] = {"run_length": len(run), "zero_gradient_layers": len(zeros),
                                   "gradient_growth": 0.0, "suggested_gradient_growth": fixed}
        where = (f"the first {len(zeros)} layers" if zeros == run[:len(zeros)] and len(zeros) < len(run)
                 else f"{len(zeros)} of the layers" if len(zeros) < len(run) else "every layer")
        evidence = (f"{_layers_text(run)}: kernel gradients are exactly 0 at {where} as written (the gradient "
                    f"vanished below float32); with {_fix_label(run)} they are non-zero, their variance x{fixed:.3g} "
                    "from the last layer of the run to the first (fitted over depth)")
        if not R.BAND[0] <= fixed <= R.BAND[1]:
            return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the fix leaves it outside the band "
                                                   f"x{R.BAND[0]:g}..x{R.BAND[1]:g}", numbers)
        return Verdict(finding, CONFIRMED, evidence, numbers)
    growth = _fitted_growth(before)  # type: ignore[arg-type]
    numbers = {"run_length": len(run), "gradient_growth": growth, "suggested_gradient_growth": fixed,
               "first_last_ratio": before[0] / before[-1], "suggested_first_last_ratio": after[0] / after[-1]}  # type: ignore[operator]
    direction = "grows" if growth >= 1 else "shrinks"
    evidence = (f"{_layers_text(run)}: kernel-gradient variance {direction} x{growth:.3g} from the last layer of the "
                f"run to the first (fitted over depth; raw first/last x{numbers['first_last_ratio']:.3g}); "
                f"{fixed_text} (raw x{numbers['suggested_first_last_ratio']:.3g})")
    low, high = math.log(R.BAND[0]), math.log(R.BAND[1])
    signed = math.log(growth)
    threshold = low if growth < 1 else high
    draw_growth, draw_fixed = _draw_gradient_growths(run, numbers)
    if draw_growth and not _steady(draw_growth, signed, threshold):
        return _unsteady(finding, evidence, draw_growth, threshold, numbers, "the fitted gradient factor")
    if low <= signed <= high:
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: inside the band x{R.BAND[0]:g}..x{R.BAND[1]:g}", numbers)
    removal = [abs(f) - REMAINING * abs(g) for g, f in zip(draw_growth, draw_fixed)]
    if removal and not _steady(removal, abs(math.log(fixed)) - REMAINING * abs(signed), 0.0):
        return _unsteady(finding, evidence, [abs(f) - abs(g) for g, f in zip(draw_growth, draw_fixed)], 0.0,
                         numbers, "what the fix leaves of the gradient factor (in log terms)")
    if abs(math.log(fixed)) > REMAINING * abs(signed):
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the suggested initializer leaves more than half of "
                                               "the gradient factor (in log terms)", numbers)
    return Verdict(finding, CONFIRMED, evidence, numbers)


def _consistency(finding: S.StaticFinding, mine: list[LayerRow], rows: list[LayerRow],
                 flagged: set[tuple[str, int]]) -> Verdict:
    family = mine[0].family
    neighbours = [row for row in rows if row.model == mine[0].model and row.key not in flagged
                  and row.family == family and row.number("current", "gain")]
    gains = [row.number("current", "gain") for row in mine]
    fixed = [row.number("suggested", "gain") for row in mine]
    if not neighbours:
        return Verdict(finding, NOT_MEASURABLE, f"no measured neighbour feeds a {family} activation in this model")
    if any(not g for g in gains + fixed):
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(mine)}: its forward gain is unknown with the current "
                                                "or the suggested initializer")
    reference = statistics.median(row.number("current", "gain") for row in neighbours)  # type: ignore[type-var]
    fixed_reference = statistics.median(row.number("suggested", "gain") or row.number("current", "gain")
                                        for row in neighbours)  # type: ignore[type-var]
    odd, fixed_odd = _geo(gains), _geo(fixed)  # type: ignore[arg-type]
    effect = abs(math.log(odd / reference))
    left = abs(math.log(fixed_odd / fixed_reference))
    numbers = {"gain": odd, "neighbours_gain": reference, "suggested_gain": fixed_odd,
               "suggested_neighbours_gain": fixed_reference, "neighbours": len(neighbours)}
    evidence = (f"{_layers_text(mine)}: forward gain x{odd:.2f} against x{reference:.2f} (median of its "
                f"{len(neighbours)} {family} neighbours); with {_fix_label(mine)}: x{fixed_odd:.2f} against "
                f"x{fixed_reference:.2f}")
    if effect < math.log(VISIBLE):
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the difference is below x{VISIBLE:g}", numbers)
    if left > REMAINING * effect:
        return Verdict(finding, NOT_CONFIRMED, f"{evidence}: the suggested initializer leaves more than half "
                                               "of the difference", numbers)
    return Verdict(finding, CONFIRMED, evidence, numbers)


def _symmetry(finding: S.StaticFinding, mine: list[LayerRow]) -> Verdict:
    """W7708 on the effect the fix removes: every unit of the layer computes the same output. Whether
    their gradients are the same too (then they never differentiate) goes in the evidence."""
    spread = [row.number("current", "unit_spread") for row in mine]
    gradient = [row.number("current", "grad_unit_spread") for row in mine]
    fixed = [row.number("suggested", "unit_spread") for row in mine]
    if any(v is None for v in spread + fixed):
        return Verdict(finding, NOT_MEASURABLE, f"{_layers_text(mine)}: its units cannot be compared (one unit, "
                                                "or the layer's output is not a single tensor)")
    numbers = {"unit_spread": max(spread), "grad_unit_spread": max((g for g in gradient if g is not None), default=None),
               "suggested_unit_spread": min(fixed)}  # type: ignore[type-var]
    start = f"{_layers_text(mine)}: spread across its units {numbers['unit_spread']:.2g}"
    if numbers["unit_spread"] > IDENTICAL:
        return Verdict(finding, NOT_CONFIRMED, f"{start}: the units do not start identical", numbers)
    if numbers["suggested_unit_spread"] < DISTINCT:
        return Verdict(finding, NOT_CONFIRMED, f"{start}; with {_fix_label(mine)} still "
                                               f"{numbers['suggested_unit_spread']:.2g}", numbers)
    if numbers["grad_unit_spread"] is None:
        gradients = "their kernel gradients are unknown"
    elif numbers["grad_unit_spread"] <= IDENTICAL:
        gradients = "their kernel gradients are identical too, so they never differentiate"
    else:
        gradients = (f"their kernel gradients differ (spread {numbers['grad_unit_spread']:.2g}): only the layers "
                     "after it break the symmetry")
    return Verdict(finding, CONFIRMED, f"{start}, so every unit starts identical; {gradients}; with "
                                       f"{_fix_label(mine)}: spread {numbers['suggested_unit_spread']:.2g}", numbers)


def _draw(finding: S.StaticFinding, draw: dict[str, Any] | None) -> Verdict:
    if draw is None:
        return Verdict(finding, NOT_MEASURABLE, "this VarianceScaling is not a Keras 3 initializer that can be drawn here")
    user = draw["user"]
    numbers = {k: draw[k] for k in ("shape", "seed", "identical", "max_abs_diff")}
    text = (f'VarianceScaling({user["scale"]:g}, "{user["mode"]}", "{user["distribution"]}", seed={draw["seed"]}) and '
            f'{draw["named"]}(seed={draw["seed"]}) drawn for shape {tuple(draw["shape"])}')
    if draw["identical"]:
        return Verdict(finding, CONFIRMED, f"{text}: bit-identical", numbers)
    return Verdict(finding, NOT_CONFIRMED, f"{text}: they differ (max |difference| {draw['max_abs_diff']:.3g})", numbers)


def _construction(finding: S.StaticFinding, built: dict[str, Any] | None) -> Verdict:
    if built is None or finding.construction is None:
        return Verdict(finding, NOT_MEASURABLE, "only Keras 3 VarianceScaling arguments are constructed at runtime "
                                                "(tf.compat.v1 and tf.contrib forms are not)")
    arguments = ", ".join(f"{k}={v!r}" for k, v in finding.construction["kwargs"].items())
    if built["raised"]:
        return Verdict(finding, CONFIRMED, f"keras.initializers.VarianceScaling({arguments}) raised "
                                           f"{built['raised']}: {built['message']}", {"raised": built["raised"]})
    return Verdict(finding, NOT_CONFIRMED, f"keras.initializers.VarianceScaling({arguments}) was accepted",
                   {"raised": None})


def expected_variance(replacement: S.Replacement, shape: list[int]) -> float:
    """The variance a VarianceScaling-family initializer draws for a kernel shape, by Keras' fan rules."""
    if len(shape) == 1:
        fan_in = fan_out = shape[0]
    elif len(shape) == 2:
        fan_in, fan_out = shape
    else:
        receptive = math.prod(shape[:-2])
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    n = {K.FAN_IN: fan_in, K.FAN_OUT: fan_out, K.FAN_AVG: (fan_in + fan_out) / 2}[replacement.mode or K.FAN_IN]
    return (replacement.scale or 1.0) / max(1.0, n)


def _hand_rolled(finding: S.StaticFinding, rows: list[LayerRow]) -> Verdict:
    expected = finding.expected
    checked, wrong = [], []
    for user in finding.users:
        for row in rows:
            if row.site is not None and row.site.lines == user.site.lines and row.kernel_shape and row.kernel_var:
                if row.keyword != user.keyword:
                    continue
                target = expected_variance(expected, row.kernel_shape)  # type: ignore[arg-type]
                ratio = row.kernel_var / target
                size = math.prod(row.kernel_shape)
                tolerance = max(math.log(SAME_VARIANCE), 4 * math.sqrt(2 / size))
                holds = abs(math.log(ratio)) <= tolerance if user.same_variance else abs(math.log(ratio)) >= math.log(VISIBLE)
                claim = "same as" if user.same_variance else "unlike"
                text = (f"line {row.line} {row.class_name} kernel {tuple(row.kernel_shape)}: variance "
                        f"{row.kernel_var:.3g}, {expected.label()} draws {target:.3g} "  # type: ignore[union-attr]
                        f"(x{ratio:.2f}; the finding says: {claim} the built-in)")
                checked.append(text)
                if not holds:
                    wrong.append(text)
    if expected is None or not checked:
        return Verdict(finding, NOT_MEASURABLE, "no built layer draws its kernel from this function")
    if wrong:
        return Verdict(finding, NOT_CONFIRMED, "; ".join(wrong), {"layers": len(checked)})
    return Verdict(finding, CONFIRMED, "; ".join(checked[:3]) + (f"; and {len(checked) - 3} more" if len(checked) > 3 else ""),
                   {"layers": len(checked)})


# --------------------------------------------------------------------------- all findings


def _unmatched(finding: S.StaticFinding, result: dict[str, Any], matched: list[LayerRow]) -> Verdict | None:
    """Why a signal finding cannot be measured, if it cannot."""
    if finding.site is None:
        return Verdict(finding, NOT_MEASURABLE, "the finding is not on a layer the static pass could place")
    if not matched:
        unmeasured = [m for m in result["models"] if not m["measurable"]]
        if unmeasured and len(unmeasured) == len(result["models"]):
            return Verdict(finding, NOT_MEASURABLE, unmeasured[0]["why"])
        return Verdict(finding, NOT_MEASURABLE, f"no layer of the measured model(s) was built by line "
                                                f"{finding.site.first_line}")
    model_why = {m["name"]: m["why"] for m in result["models"] if not m["measurable"]}
    if all(row.model in model_why for row in matched):
        return Verdict(finding, NOT_MEASURABLE, model_why[matched[0].model])
    if all(row.structure is None for row in matched):
        return Verdict(finding, NOT_MEASURABLE, f"the layer built by line {finding.site.first_line} is never called "
                                                "in the model's forward pass")
    if finding.replacement is None:
        return Verdict(finding, NOT_MEASURABLE, "the finding names no initializer that can be applied")
    return None


def judge(view: S.StaticView, result: dict[str, Any], rows: list[LayerRow]) -> tuple[list[Verdict], list[S.StaticFinding]]:
    """(a verdict per finding on what the measured models build, then the runtime-only ones; the
    findings left out: on layer calls no measured model builds, e.g. in another factory of FILE)."""
    def matched(finding: S.StaticFinding) -> list[LayerRow]:
        lines = {site.lines for site in finding.sites}
        return [row for row in rows if row.site is not None and row.site.lines in lines]

    built = {row.site.lines for row in rows if row.site is not None}
    shown = [f for f in view.findings if (f.site is None and not f.uses) or any(site.lines in built for site in f.sites)]
    hidden = [f for f in view.findings if not any(f is g for g in shown)]
    flagged: dict[str, set[tuple[str, int]]] = {}
    for finding in shown:
        if finding.mechanism in S.SIGNAL_MECHANISMS:
            flagged.setdefault(finding.mechanism, set()).update(
                row.key for row in matched(finding) if row.structure is not None)
    runs = {mechanism: _runs(rows, members) for mechanism, members in flagged.items()}
    draws = {d["id"]: d for d in result.get("draws", [])}
    constructed = {c["id"]: c for c in result.get("constructions", [])}
    reused = {r["id"]: r for r in result.get("reuse", [])}
    covered: set[tuple[str, int]] = set()  # kernels a confirmed W7710 is about: no runtime-only W7710 for them
    verdicts = []
    for finding in shown:
        number = view.findings.index(finding)
        mechanism = finding.mechanism
        if mechanism == S.DRAW_IDENTITY:
            verdicts.append(_draw(finding, draws.get(number)))
        elif mechanism == S.CONSTRUCTION:
            verdicts.append(_construction(finding, constructed.get(number)))
        elif mechanism == S.HAND_ROLLED:
            verdicts.append(_hand_rolled(finding, rows))
        elif mechanism == S.IDENTICAL and finding.uses:
            judged, related = _reused(finding, reused.get(number), result)
            verdicts.append(judged)
            if judged.verdict == CONFIRMED:
                covered |= related
        elif mechanism == S.IDENTICAL:
            verdicts.append(_identical(finding, matched(finding), result))
        elif mechanism == S.NAMING:
            verdicts.append(Verdict(finding, NOT_MEASURABLE, "an outdated name: nothing to measure at runtime"))
        elif mechanism is None:
            verdicts.append(Verdict(finding, NOT_MEASURABLE, "no runtime measure for this activation family"))
        else:
            mine = matched(finding)
            why = _unmatched(finding, result, mine)
            if why is not None:
                verdicts.append(why)
                continue
            called = [row for row in mine if row.structure is not None]
            if mechanism == S.FIXED_SCALE_BAND:
                candidates = [runs[mechanism][row.key] for row in called if row.key in runs[mechanism]]
                judged = _forward(finding, max(candidates, key=len), shrink_only=False, band=True)
                verdicts.append(Verdict(finding, CONFIRMED, judged.evidence, judged.numbers)
                                if judged.verdict == RUNTIME_ONLY else judged)
            elif mechanism == S.FIXED_SCALE_GRADIENT_BAND:
                candidates = [runs[mechanism][row.key] for row in called if row.key in runs[mechanism]]
                verdicts.append(_gradient_band(finding, max(candidates, key=len)))
            elif mechanism in (S.FORWARD_SHRINK, S.SELU_DRIFT, S.BACKWARD_GROWTH):
                candidates = [runs[mechanism][row.key] for row in called if row.key in runs[mechanism]]
                run = max(candidates, key=len)
                if mechanism == S.BACKWARD_GROWTH:
                    verdicts.append(_backward(finding, run))
                else:
                    verdicts.append(_forward(finding, run, shrink_only=mechanism == S.FORWARD_SHRINK))
            elif mechanism == S.GAIN_CONSISTENCY:
                verdicts.append(_consistency(finding, called, rows, flagged.get(mechanism, set())))
            else:
                verdicts.append(_symmetry(finding, called))
    return verdicts + runtime_verdicts(result, rows, covered), hidden


def _identical(finding: S.StaticFinding, mine: list[LayerRow], result: dict[str, Any]) -> Verdict:
    """W7710 on the built kernels: the layers at the finding's line share their values with another."""
    if not mine:
        return Verdict(finding, NOT_MEASURABLE, "no built layer at this line to compare")
    groups = [set(g) for m in result["models"] for g in m.get("identical_kernels", []) if m["name"] == mine[0].model]
    same = [row for row in mine if any(row.index in g for g in groups)]
    if same:
        return Verdict(finding, CONFIRMED, f"{_layers_text(mine)}: kernels {', '.join(r.name for r in same)} are "
                                           "bit-identical to another kernel of the model", {"identical": len(same)})
    return Verdict(finding, NOT_CONFIRMED, f"{_layers_text(mine)}: every kernel differs from the others",
                   {"identical": 0})


def _relation_text(relation: str, correlation: float | None = None) -> str:
    measured = f"correlation {correlation:.6f}" if correlation is not None else "correlation 1"
    return {RC.IDENTICAL: "bit-identical", RC.ONE_STREAM: "one random stream (the smaller kernel holds the larger "
            f"one's first values, scaled: {measured})",
            "mixed": f"bit-identical where shapes match, one random stream otherwise ({measured})"}.get(relation, relation)


def _kernel_list(kernels: list[dict[str, Any]], members: list[int]) -> str:
    shown = [f"{kernels[i]['name']} {tuple(kernels[i]['shape'])}" for i in members[:4]]
    return ", ".join(shown) + (f" and {len(members) - 4} more" if len(members) > 4 else "")


def _pairs_json(entry: dict[str, Any]) -> list[dict[str, Any]]:
    kernels = entry["kernels"]
    return [{"first": kernels[i]["name"], "second": kernels[j]["name"], "relation": relation, "correlation": correlation}
            for i, j, relation, correlation in entry["pairs"]]


def _group_relation(pairs: list[RC.Pair], group: set[int]) -> str:
    inside = {p.relation for p in pairs if p.first in group and p.second in group and p.relation != RC.INDEPENDENT}
    return inside.pop() if len(inside) == 1 else "mixed"


def _reused(finding: S.StaticFinding, entry: dict[str, Any] | None,
            result: dict[str, Any]) -> tuple[Verdict, set[tuple[str, int]]]:
    """W7710 on the kernels its uses built: confirmed when one group of identical or one-stream kernels
    spans every use line that was built (and, where the fixed file was built, its kernels are
    independent); not-confirmed when they are independent (the numbers say how far)."""
    if entry is None or not entry["kernels"]:
        lines = ", ".join(str(site.first_line) for site in finding.sites)
        return Verdict(finding, NOT_MEASURABLE, f"no layer of the measured model(s) was built by the uses' "
                                                f"layer calls (line {lines})"), set()
    kernels = entry["kernels"]
    if len(kernels) < 2:
        return Verdict(finding, NOT_MEASURABLE, f"only one kernel was built by the uses' layer calls "
                                                f"({kernels[0]['name']}, line {kernels[0]['line']})"), set()
    pairs = [RC.Pair(i, j, relation, correlation) for i, j, relation, correlation in entry["pairs"]]
    group = RC.related_groups(len(kernels), pairs)[0]
    members = set(group)
    built_lines = sorted({k["line"] for k in kernels if k["line"] is not None})
    group_lines = {kernels[i]["line"] for i in group}
    relation = _group_relation(pairs, members) if len(group) > 1 else RC.INDEPENDENT
    correlations = [p.correlation for p in pairs if p.first in members and p.second in members
                    and p.correlation is not None]
    numbers: dict[str, Any] = {
        "identical": sum(1 for i in group if any(p.relation == RC.IDENTICAL and i in (p.first, p.second)
                                                 for p in pairs)) if len(group) > 1 else 0,
        "kernels": len(kernels), "related": len(group) if len(group) > 1 else 0, "relation": relation,
        "lines": built_lines, "min_correlation": min(correlations) if len(group) > 1 and correlations else None,
        "max_abs_correlation": RC.max_abs_correlation(pairs), "pairs": _pairs_json(entry),
    }
    where = f"{len(kernels)} kernels built at line{'s' if len(built_lines) != 1 else ''} " +         ", ".join(map(str, built_lines))
    related_keys = {(kernels[i]["model"], kernels[i]["index"]) for i in group} if len(group) > 1 else set()
    if len(group) < 2:
        weakest = numbers["max_abs_correlation"]
        shown = f"max |correlation| {weakest:.3f}" if weakest is not None else "too small to correlate"
        return Verdict(finding, NOT_CONFIRMED, f"{where}: independent as written ({shown}): the built kernels share "
                                               "no values (drawn again or loaded after construction?)", numbers), set()
    before = f"{where}: {_kernel_list(kernels, group)} are {_relation_text(relation, numbers['min_correlation'])}"
    if group_lines != set(built_lines):
        missing = ", ".join(str(line) for line in built_lines if line not in group_lines)
        return Verdict(finding, NOT_CONFIRMED, f"{before}; but the kernels at line {missing} are independent of them",
                       numbers), related_keys
    suggested, why = entry.get("suggested"), entry.get("suggested_why") or ""
    if suggested is None:
        return Verdict(finding, CONFIRMED, f"{before}; the fix was not measured: {why}",
                       {**numbers, "suggested_why": why}), related_keys
    fixed_pairs = [RC.Pair(i, j, r, c) for i, j, r, c in suggested["pairs"]]
    fixed_relation = RC.Comparison(tuple(fixed_pairs)).relation
    largest = RC.max_abs_correlation(fixed_pairs)
    numbers.update(suggested_kernels=len(suggested["kernels"]), suggested_relation=fixed_relation,
                   suggested_max_abs_correlation=largest, suggested_pairs=_pairs_json(suggested))
    shown = f"max |correlation| {largest:.3f}" if largest is not None else "too small to correlate"
    if len(suggested["kernels"]) < 2:
        return Verdict(finding, CONFIRMED, f"{before}; with the fix applied fewer than two kernels were built there",
                       numbers), related_keys
    if any(p.relation != RC.INDEPENDENT for p in fixed_pairs):
        return Verdict(finding, NOT_CONFIRMED, f"{before}; with the fix applied they are still "
                                               f"{_relation_text(fixed_relation)}", numbers), related_keys
    return Verdict(finding, CONFIRMED, f"{before}; with the fix applied ({len(suggested['kernels'])} kernels): "
                                       f"independent, {shown}", numbers), related_keys


def _runtime_text(symbol: str, run: list[LayerRow], fixed: list[LayerRow], mechanism: str) -> str:
    """The message of a runtime-only finding: what is wrong, over which layers, and the fix (<= 160)."""
    first = fixed[0]
    labels = sorted({row.fixed_with for row in fixed if row.fixed_with})
    what = {R.W7708: "a constant kernel", R.W7709: "a fixed-scale initializer",
            R.C7702: "the default glorot_uniform", R.W7701: initializer_label(first.initializer)}.get(symbol, "its initializer")
    grads = [row.number("current", "grad_var") for row in run]
    vanishing = mechanism == R.BACKWARD and all(g is not None for g in grads) and (
        any(g <= 0 for g in grads) or R.fitted_growth(grads) < 1)  # type: ignore[arg-type,operator]
    effect = ("second moment leaves the band" if mechanism == R.FORWARD else
              "kernel gradients vanish" if vanishing else "kernel gradients grow past the band")
    text = (f"{len(fixed)} {first.class_name} layer{'s' if len(fixed) != 1 else ''} on {what} under "
            f"{first.activation or 'linear'}: the measured {effect} over {len(run)} layers; "
            f"use {first.keyword}=\"{' / '.join(labels)}\"")
    return text if len(text) <= 160 else text[:157] + "..."


def runtime_verdicts(result: dict[str, Any], rows: list[LayerRow],
                     covered: set[tuple[str, int]] | frozenset[tuple[str, int]] = frozenset()) -> list[Verdict]:
    """The runtime-only candidates the child found, judged on the pooled numbers: reported where the
    chain leaves the band and the suggested initializers bring it back; the rest is noise and dropped."""
    by_key = {row.key: row for row in rows}
    found = []
    for model in result["models"]:
        for candidate in model.get("runtime_findings", []):
            run = [by_key[(model["name"], i)] for i in candidate["layers"] if (model["name"], i) in by_key]
            symbols = {int(i): symbol for i, symbol in candidate["symbols"].items()}
            for symbol in sorted(set(symbols.values())):
                fixed = [row for row in run if symbols.get(row.index) == symbol]
                line = next((row.line for row in fixed if row.line is not None), None)
                finding = S.StaticFinding(symbol, line or 0, _runtime_text(symbol, run, fixed, candidate["mechanism"]),
                                          candidate["mechanism"], keyword=fixed[0].keyword)
                if candidate["mechanism"] == R.BACKWARD:  # vanishing or growing: static W7709's gradient band
                    judged = _gradient_band(finding, run)
                    confirmed = judged.verdict == CONFIRMED
                else:
                    judged = _forward(finding, run, shrink_only=False, band=True)
                    confirmed = judged.verdict == RUNTIME_ONLY
                if not confirmed:
                    continue
                found.append(Verdict(finding, RUNTIME_ONLY, judged.evidence, judged.numbers, runtime_only=True,
                                     layers=tuple(row.name for row in fixed), library=fixed[0].library))
        for group in model.get("identical_kernels", []):
            same = [by_key[(model["name"], i)] for i in group if (model["name"], i) in by_key]
            if len(same) < 2 or R.symbol_for(same[0].initializer) is None or same[0].initializer.get("class") in R.CONSTANT:
                continue
            if all(row.key in covered for row in same):
                continue  # a static W7710 is confirmed on these kernels
            line = next((row.line for row in same if row.line is not None), None)
            text = (f"{len(same)} {same[0].class_name} kernels {tuple(same[0].kernel_shape or ())} start bit-identical: "
                    f"one initializer object draws them all; use a fresh instance per layer")
            finding = S.StaticFinding(R.W7710, line or 0, text[:160], "identical", keyword=same[0].keyword)
            evidence = f"{_layers_text(same)}: kernels {', '.join(row.name for row in same)} hold the same values"
            found.append(Verdict(finding, RUNTIME_ONLY, evidence, {"layers": len(same)}, runtime_only=True,
                                 layers=tuple(row.name for row in same), library=same[0].library))
    return found


def request_parts(view: S.StaticView) -> dict[str, list[dict[str, Any]]]:
    """What the child must do for the findings: the fixes of the suggested pass, the R7704 draws,
    the E7705 constructions (each draw/construction carries the finding's position as its id)."""
    fixes, draws, constructions = [], [], []
    for number, finding in enumerate(view.findings):
        if finding.mechanism in S.SIGNAL_MECHANISMS and finding.site and finding.replacement and finding.keyword:
            fixes.extend({"first_line": site.first_line, "last_line": site.last_line, "keyword": keyword,
                          "replacement": replacement.as_json(), "label": replacement.label(),
                          "mechanism": finding.mechanism} for site, keyword, replacement in finding.fixes())
        elif finding.mechanism == S.DRAW_IDENTITY and finding.draw is not None:
            draws.append({"id": number, **finding.draw, "keyword": finding.keyword,
                          "lines": list(finding.site.lines) if finding.site else None})
        elif finding.mechanism == S.CONSTRUCTION and finding.construction is not None:
            constructions.append({"id": number, **finding.construction})
    return {"fixes": fixes, "draws": draws, "constructions": constructions, "reuse": _reuse_request(view)}


def _reuse_request(view: S.StaticView) -> dict[str, Any]:
    """W7710: the uses' layer calls per finding, as written and in the fixed text, and that text."""
    findings = [{"id": number, "uses": [{"lines": list(use.site.lines), "keyword": use.keyword,
                                         "fixed_lines": list(use.fixed_lines) if use.fixed_lines else None}
                                        for use in finding.uses]}
                for number, finding in enumerate(view.findings) if finding.uses]
    if not findings:
        return {}
    fixed = view.fixed
    return {"findings": findings, "sites": [list(site.lines) for site in view.sites],
            "text": fixed.text if fixed and not fixed.why else None,
            "fixed_sites": [list(lines) for lines in fixed.sites] if fixed else [],
            "why": fixed.why if fixed else "no W7710 edit to apply"}
