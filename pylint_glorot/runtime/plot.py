"""--plot OUT.png: the signal's rms after each weighted layer against depth, current vs suggested."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pylint_glorot.runtime.report import signal_std
from pylint_glorot.runtime.verdicts import LayerRow


def available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def series(rows: list[LayerRow], model: str, which: str) -> tuple[list[int], list[float]]:
    """(depth, rms) for the called weighted layers of one model, in execution order."""
    called = sorted((row for row in rows if row.model == model and row.order is not None), key=lambda r: r.order)
    points = [(row.order + 1, signal_std(row, which)) for row in called]  # type: ignore[operator]
    kept = [(depth, value) for depth, value in points if value]
    return [d for d, _v in kept], [v for _d, v in kept]


def write(path: Path, rows: list[LayerRow], models: list[str], title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(8, 4.5))
    for model in models:
        prefix = f"{model}: " if len(models) > 1 else ""
        depth, values = series(rows, model, "current")
        axes.plot(depth, values, marker="o", markersize=3, label=f"{prefix}current initializers")
        depth, values = series(rows, model, "suggested")
        if values:
            axes.plot(depth, values, marker="s", markersize=3, label=f"{prefix}suggested initializers")
    axes.set_yscale("log")
    axes.set_xlabel("weighted layer (execution order)")
    axes.set_ylabel("signal rms after the activation")
    axes.set_title(title, fontsize=9)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    pyplot.close(figure)
