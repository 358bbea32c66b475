"""Render a verify run: a table per model and a verdict per finding (text), or one JSON document.

The JSON shape is a public contract documented in docs/runtime.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from pylint_glorot.reporters.recover import OUR_SYMBOLS
from pylint_glorot.runtime.protocol import LOSS
from pylint_glorot.runtime.static import StaticFinding
from pylint_glorot.runtime.verdicts import (CONFIRMED, NOT_CONFIRMED, NOT_MEASURABLE, RUNTIME_ONLY, LayerRow, Verdict,
                                            initializer_label)

# W7709/W7710 come with the static rules of issues 9/10; runtime-only findings use their ids already
MESSAGE_IDS = {"fixed-scale-initializer": "W7709", "reused-initializer": "W7710"} | {
    symbol: msgid for msgid, symbol in OUR_SYMBOLS.items()}


def _number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "-"
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.{digits}g}"
    return f"{value:.2e}"


def _activation(row: LayerRow) -> str:
    if row.activation is None:
        return "linear" if row.structure is not None else "-"
    note = {"next layer": " (next)", "function": " (fn)", "own": ""}.get(row.activation_source, "")
    normalized = " [norm]" if row.structure and row.structure.get("normalized") else ""
    return f"{row.activation}{note}{normalized}"


def _predicted(row: LayerRow) -> str:
    p = row.prediction
    if p is None or p.gain is None:
        return "-"
    return _number(p.gain) + (" (!)" if p.disagrees else "")


def _table(header: Sequence[str], body: list[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *body)]
    lines = ["  " + "  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip()]
    lines += ["  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in body]
    return lines


def _shape(shapes: list[list[int]] | None) -> str:
    if not shapes:
        return "-"
    return ", ".join("(" + ", ".join(map(str, shape)) + ")" for shape in shapes)


def _backend(run: dict[str, Any]) -> str:
    names = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
    backend = run.get("backend", "tensorflow")
    return f"{names.get(backend, backend)} {run.get('backend_version') or run.get('tensorflow')}"


def _where(verdict: Verdict) -> str:
    line = f"line {verdict.finding.line}" if verdict.finding.line else "no line of FILE"
    return f"{line} (built at {verdict.library})" if verdict.library else line


def text(target: str, run: dict[str, Any], rows: list[LayerRow], verdicts: list[Verdict], seed: int,
         hidden: list[StaticFinding] | None = None, plot: str | None = None) -> str:
    out = [f"pylint-glorot verify {target}: {run['device']}, {_backend(run)}, Keras {run['keras']}"]
    for model in run["models"]:
        mine = [row for row in rows if row.model == model["name"]]
        out.append("")
        if model["measurable"]:
            draws = model.get("draws", 1)
            pooled = f", {draws} draws pooled (weights, input, readout)" if draws > 1 else ""
            out.append(f"model {model['name']} ({model['class']}): input {_shape(model['input_shapes'])} ~ N(0, 1), "
                       f"seed {seed}{pooled}; loss = {LOSS}")
        else:
            out.append(f"model {model['name']} ({model['class']}): not measured: {model['why']}")
        header = ["line", "layer", "class", "initializer", "activation", "gain", "predicted", "grad var"]
        if model["suggested"]:
            header += ["| suggested", "gain", "grad var"]
        body = []
        for row in sorted(mine, key=lambda r: (r.order is None, r.order if r.order is not None else r.index)):
            cells = [str(row.line) if row.line is not None else "-", row.name, row.class_name,
                     initializer_label(row.initializer), _activation(row),
                     _number(row.number("current", "gain")), _predicted(row), _number(row.number("current", "grad_var"))]
            if model["suggested"]:
                cells += ["| " + (row.fixed_with or "(unchanged)"), _number(row.number("suggested", "gain")),
                          _number(row.number("suggested", "grad_var"))]
            body.append(cells)
        out.extend(_table(header, body) if body else ["  (no weighted layers)"])
    off = [row for row in rows if row.prediction is not None and row.prediction.disagrees]
    if off:
        out += ["", "the static signal model and the measurement disagree (beyond the tolerance of "
                    "docs/signal-model.md): a bug in one of them"]
        for row in off:
            p = row.prediction
            out.append(f"  line {row.line} {row.name} ({row.class_name}): measured x{_number(row.number('current', 'gain'))}, "
                       f"predicted x{_number(p.gain)}: |log ratio| {p.error:.2f} > {p.tolerance:.2f}")  # type: ignore[union-attr]
    disagreeing = [row for row in rows if row.disagreements]
    if disagreeing:
        out += ["", "static and runtime disagree:"]
        seen = set()
        for row in disagreeing:
            for note in row.disagreements:
                if (row.line, note) not in seen:
                    seen.add((row.line, note))
                    out.append(f"  line {row.line} {row.name}: {note}")
    static = [v for v in verdicts if not v.runtime_only]
    measured = [v for v in verdicts if v.runtime_only]
    out += ["", "findings:" if static else "findings: none (the static pass reports nothing on what this model builds)"]
    for verdict in static:
        finding = verdict.finding
        out.append(f"  line {finding.line}: {MESSAGE_IDS.get(finding.symbol, '?')} {finding.symbol}: "
                   f"{verdict.verdict.upper()}")
        out.append(f"      {verdict.evidence}")
    if hidden:
        lines = ", ".join(str(f.line) for f in hidden[:8]) + (", ..." if len(hidden) > 8 else "")
        out.append(f"  ({len(hidden)} finding{'s' if len(hidden) != 1 else ''} on layers this model does not build "
                   f"not listed: line{'s' if len(hidden) != 1 else ''} {lines})")
    if measured:
        out += ["", "runtime-only findings (the static pass cannot see these):"]
        for verdict in measured:
            finding = verdict.finding
            out.append(f"  {_where(verdict)}: {MESSAGE_IDS.get(finding.symbol, '?')} {finding.symbol}: RUNTIME-ONLY")
            out.append(f"      {finding.text}")
            out.append(f"      {verdict.evidence}")
    if plot:
        out += ["", f"plot written to {plot}"]
    counts = {v: sum(1 for x in verdicts if x.verdict == v) for v in (CONFIRMED, NOT_CONFIRMED, NOT_MEASURABLE,
                                                                        RUNTIME_ONLY)}
    if verdicts:
        out += ["", f"{len(verdicts)} finding{'s' if len(verdicts) != 1 else ''}: "
                    + ", ".join(f"{count} {name}" for name, count in counts.items())]
    return "\n".join(out) + "\n"


def signal_std(row: LayerRow, which: str) -> float | None:
    """The rms of the signal after the layer's activation: sqrt(mean(x**2))."""
    moment = row.number(which, "m_out")
    return math.sqrt(moment) if moment is not None else None


def _layer_json(row: LayerRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "line": row.line,
        "library": row.library,
        "class": row.class_name,
        "initializer": row.initializer,
        "activation": row.activation,
        "forward_gain": row.number("current", "gain"),
        "predicted": row.prediction.as_json() if row.prediction is not None else None,
        "grad_var": row.number("current", "grad_var"),
        "model": row.model,
        "keyword": row.keyword,
        "activation_source": row.activation_source,
        "signal_std": signal_std(row, "current"),
        "suggested": None if row.suggested is None else {
            "initializer": row.fixed_with,
            "forward_gain": row.number("suggested", "gain"),
            "grad_var": row.number("suggested", "grad_var"),
        },
        "static": None if row.site is None else {
            "line": row.site.first_line,
            "initializer": row.site.initializer.label,
            "activation": row.site.activation,
        },
        "disagreements": row.disagreements,
    }


def as_json(target: str, run: dict[str, Any], rows: list[LayerRow], verdicts: list[Verdict], seed: int,
            batch: int, hidden: list[StaticFinding] | None = None, plot: str | None = None) -> str:
    document = {
        "device": run["device"],
        "backend": run.get("backend", "tensorflow"),
        "backend_version": run.get("backend_version"),
        "tensorflow": run["tensorflow"],
        "keras": run["keras"],
        "target": target,
        "seed": seed,
        "batch": batch,
        "loss": LOSS,
        "models": [{**{k: model[k] for k in ("name", "class", "measurable", "why", "input_shapes", "suggested")},
                    "draws": model.get("draws", 1), "structure_from": model.get("structure_from")}
                   for model in run["models"]],
        "layers": [_layer_json(row) for row in rows],
        "findings": [
            {"symbol": v.finding.symbol, "line": v.finding.line or None, "verdict": v.verdict, "evidence": v.evidence,
             "id": MESSAGE_IDS.get(v.finding.symbol), "mechanism": v.finding.mechanism, "numbers": v.numbers,
             "message": v.finding.text, "runtime_only": v.runtime_only, "layers": list(v.layers),
             "library": v.library}
            for v in verdicts
        ],
        "not_listed": [{"symbol": f.symbol, "line": f.line, "id": MESSAGE_IDS.get(f.symbol)} for f in hidden or []],
        "plot": plot,
    }
    return json.dumps(document, indent=2) + "\n"
