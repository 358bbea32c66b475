"""--plot OUT.png: two panels sharing the layer axis, current vs suggested initializers.

Top: the forward second moment after each weighted layer's activation; bottom: the variance of
its kernel gradient (both log scales, pooled over the draws). The kernel-gradient panel is what
the tanh verdicts rest on: judged on the forward panel alone, He under tanh looks better than
Glorot. Layers a finding is about are marked; the output layer (the last weighted layer, which
feeds the readout rather than another layer) is drawn apart, to the right of a gap.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pylint_glorot.runtime.verdicts import LayerRow, Verdict

PANELS = (("m_out", "forward second moment\n(after the activation)"), ("grad_var", "kernel-gradient variance"))


def available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def called(rows: list[LayerRow], model: str) -> list[LayerRow]:
    """The called weighted layers of one model, in execution order."""
    return sorted((row for row in rows if row.model == model and row.order is not None), key=lambda r: r.order)


def series(rows: list[LayerRow], model: str, which: str, name: str = "m_out") -> tuple[list[int], list[float]]:
    """(depth, value) of one measured number for the called weighted layers of a model (depth from 1)."""
    points = [(row.order + 1, row.number(which, name)) for row in called(rows, model)]  # type: ignore[operator]
    kept = [(depth, value) for depth, value in points if value]
    return [d for d, _v in kept], [v for _d, v in kept]


def flagged(rows: list[LayerRow], verdicts: list[Verdict]) -> set[tuple[str, int]]:
    """The layers a finding (static or runtime-only) is about."""
    keys = set()
    for verdict in verdicts:
        lines = {site.lines for site in verdict.finding.sites}
        for row in rows:
            if (row.site is not None and row.site.lines in lines) or row.name in verdict.layers:
                keys.add(row.key)
    return keys


def write(path: Path, rows: list[LayerRow], models: list[str], verdicts: list[Verdict], title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    marked = flagged(rows, verdicts)
    figure, axes = pyplot.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    colours = pyplot.rcParams["axes.prop_cycle"].by_key()["color"]
    widest, outputs = 1, set()
    for number, model in enumerate(models):
        layers = called(rows, model)
        if not layers:
            continue
        prefix = f"{model}: " if len(models) > 1 else ""
        output = layers[-1].order + 1  # type: ignore[operator]
        widest = max(widest, output + 1)
        outputs.add(output)
        for axis, (name, _label) in zip(axes, PANELS):
            for which, style, colour in (("current", "-", colours[(2 * number) % len(colours)]),
                                         ("suggested", "--", colours[(2 * number + 1) % len(colours)])):
                depth, values = series(rows, model, which, name)
                if not values:
                    continue
                shifted = [d + 1 if d == output else d for d in depth]  # the output layer, apart
                body = [(d, v) for d, v, s in zip(depth, values, shifted) if d != output]
                label = f"{prefix}{which} initializers"
                if body:
                    axis.plot([d for d, _v in body], [v for _d, v in body], style, marker="o", markersize=3,
                              color=colour, label=label)
                    label = None
                if output in depth:
                    value = values[depth.index(output)]
                    axis.plot([output + 1], [value], marker="D" if which == "current" else "s", linestyle="none",
                              color=colour, markersize=6, label=label)
                flagged_points = [(d + (1 if d == output else 0), v) for d, v in zip(depth, values)
                                  if (model, _row_at(layers, d).index) in marked]
                if which == "current" and flagged_points:
                    axis.plot([d for d, _v in flagged_points], [v for _d, v in flagged_points], linestyle="none",
                              marker="o", markersize=9, markerfacecolor="none", markeredgecolor="crimson",
                              label="layer with a finding" if number == 0 else None)
            axis.axvline(output + 0.5, color="grey", linewidth=0.8, linestyle=":")
    for axis, (_name, label) in zip(axes, PANELS):
        axis.set_yscale("log")
        axis.set_ylabel(label, fontsize=9)
        axis.grid(True, which="both", alpha=0.3)
    body = max((o - 1 for o in outputs), default=1)
    ticks = [t for t in MaxNLocator(integer=True, nbins=12).tick_values(1, max(body, 1)) if 1 <= t <= body]
    axes[1].set_xticks([int(t) for t in ticks] + [o + 1 for o in sorted(outputs)],
                       [str(int(t)) for t in ticks] + [f"{o}\n(output)" for o in sorted(outputs)])
    axes[1].set_xlabel("weighted layer (execution order); the output layer is drawn apart, right of the dotted line")
    axes[1].set_xlim(0.5, widest + 0.5)
    axes[0].set_title(title, fontsize=9)
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.80, 0.93), fontsize=8, frameon=False)
    figure.tight_layout(rect=(0, 0, 0.79, 1))
    figure.savefig(path, dpi=110)
    pyplot.close(figure)


def _row_at(layers: list[LayerRow], depth: int) -> LayerRow:
    return layers[depth - 1]
