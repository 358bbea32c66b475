"""Runtime-only findings: chains of the built model whose measured signal leaves the band.

Pure (knowledge tables only). The child calls `candidates` after the first current pass to
learn which kernels to re-draw for the suggested pass; the parent judges the candidates on
the pooled numbers of every draw (verdicts.py) like static findings.

- A run (chains.py) of at least two weighted layers, none of them covered by a static finding
  (softmax and sigmoid layers, a classifier's squashing head, end a run),
  whose measured second moment over the run, or whose fitted kernel-gradient growth toward the
  input, leaves BAND (either side: growing or vanishing gradients; kernel gradients that are exactly
  0 count as vanished), is a candidate. The gradient is taken over the part of the run the fix
  changes (an unchanged head at an end is left out); the parent judges a gradient candidate with
  the band logic of static W7709's gradient figure (verdicts._gradient_band).
- Each layer of it whose initializer does not suit its activation gets the suited one (the
  distribution kind kept); the message id follows what the layer holds: a nonzero constant
  W7708, a fixed-scale initializer W7709, the class default glorot_uniform C7702, any other
  VarianceScaling-family initializer W7701. A run with nothing to replace is not a candidate
  (a finding whose fix changes nothing is noise). User functions are W7707's, not judged here.
- Kernels of the same shape holding bit-identical values are W7710 (reused-initializer).
"""

from __future__ import annotations

import math
from typing import Any

from pylint_glorot import knowledge as K
from pylint_glorot.runtime import chains

BAND = (1e-2, 1e2)  # the static W7709/C7702 band (issue 9): a chain's compounded second moment
MIN_RUN = 2  # a lone layer (a head) is never a runtime-only finding

W7701, C7702, W7708, W7709, W7710 = ("initializer-activation-mismatch", "implicit-initializer-mismatch",
                                     "constant-kernel-initializer", "fixed-scale-initializer", "reused-initializer")
FIXED_SCALE = ("RandomNormal", "RandomUniform", "TruncatedNormal", "Orthogonal", "Identity")
CONSTANT = ("Constant", "Ones")
FORWARD, BACKWARD = "forward-band", "backward-band"
_ALIASES = {"swish": "silu", "hard_swish": "hard_silu", None: "linear"}


def family(activation: str | None) -> str:
    name = _ALIASES.get(activation, activation) or "linear"
    return K.activation_family(name.split(":")[0])


SQUASHING = ("softmax", "log_softmax", "sigmoid", "hard_sigmoid")


def squashing(activation: str | None) -> bool:
    """A classifier head's output activation (it squashes the signal whatever the initializer)."""
    return (activation or "").split(":")[0] in SQUASHING or family(activation) in (K.OTHER, K.SIGMOID)


def fitted_growth(values: list[float]) -> float:
    """First-to-last ratio of the least-squares line through log(values) against depth."""
    n = len(values)
    logs = [math.log(v) for v in values]
    mean_x, mean_y = (n - 1) / 2, sum(logs) / n
    slope = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(logs)) / sum((i - mean_x) ** 2 for i in range(n))
    return math.exp(-slope * (n - 1))


def gradient_leaves_band(grads: list[float | None]) -> bool:
    """The kernel gradients over a run leave BAND: their fitted growth toward the input is above it
    (exploding) or below it (vanishing), or some are exactly 0 (vanished below float32: a saturated tanh)."""
    if any(g is None for g in grads):
        return False
    if any(g <= 0 for g in grads):  # type: ignore[operator]
        return True  # the verdict asks that the fix's gradients are not 0
    return not BAND[0] <= fitted_growth(grads) <= BAND[1]  # type: ignore[arg-type]


def _distribution(described: dict[str, Any]) -> str:
    name = described.get("class") or ""
    if described.get("distribution") == "uniform" or name in ("RandomUniform",):
        return "uniform"
    if name in ("Orthogonal", "Identity", "Constant", "Ones"):
        return "uniform"
    return "normal"


def suited(activation: str | None, described: dict[str, Any]) -> dict[str, Any] | None:
    """The named initializer that keeps the gain near 1 for the activation (distribution kept), as
    {"name": class, "scale", "mode", "distribution", "label"}; None when the family has none."""
    scheme = {K.RECTIFIER: "he", K.SELF_NORMALIZING: "lecun", K.SATURATING: "glorot", K.LINEAR: "glorot",
              K.SIGMOID: "glorot"}.get(family(activation))
    if scheme is None:
        return None
    distribution = "normal" if scheme == "lecun" else _distribution(described)
    named = K.named_for(scheme, K.UNIFORM if distribution == "uniform" else K.TRUNCATED_NORMAL)
    if named is None:
        return None
    return {"name": named.cls, "scale": named.scale, "mode": named.mode, "distribution": named.distribution,
            "label": named.snake}


def symbol_for(described: dict[str, Any]) -> str | None:
    name = described.get("class")
    if described.get("kind") != "initializer":
        return None
    if name in CONSTANT:
        return W7708 if (described.get("value") or (1.0 if name == "Ones" else 0.0)) != 0 else None
    if name in FIXED_SCALE:
        return W7709
    if described.get("scale") is not None:
        default = name == "GlorotUniform" and described.get("seed") is None
        return C7702 if default else W7701
    return None


def _same(described: dict[str, Any], fix: dict[str, Any]) -> bool:
    return (described.get("scale"), described.get("mode")) == (fix["scale"], fix["mode"]) and \
        described.get("class") not in CONSTANT + FIXED_SCALE


def candidates(layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runtime-only candidates from one pass: each {"mechanism", "layers": [index...], "fixes":
    {index: replacement}, "symbols": {index: symbol}}. `layers` are the child's entries: index,
    initializer, structure, current, covered (a static finding is about the layer)."""
    by_index = {layer["index"]: layer for layer in layers}
    feeders = {layer["index"]: (layer["structure"]["predecessor"], layer["structure"]["predecessor_normalized"])
               for layer in layers if layer.get("structure") and layer.get("current")}
    # a softmax or sigmoid layer (a classifier's head) squashes its output whatever the initializer: it ends
    # the run instead of dominating its product
    members = {i for i in feeders if (by_index[i]["current"] or {}).get("gain")
               and not squashing(by_index[i]["structure"].get("activation"))}
    found = []
    for run in chains.maximal(chains.runs(feeders, members)):
        if len(run) < MIN_RUN or any(by_index[i].get("covered") for i in run):
            continue
        fixes, symbols = {}, {}
        for i in run:
            layer = by_index[i]
            described = layer["initializer"]
            activation = layer["structure"]["activation"] if layer.get("structure") else None
            fix, symbol = suited(activation, described), symbol_for(described)
            if fix is None or symbol is None or _same(described, fix):
                continue
            fixes[i], symbols[i] = fix, symbol
        if not fixes:
            continue
        gains = [by_index[i]["current"]["gain"] for i in run]
        if not BAND[0] <= math.prod(gains) <= BAND[1]:
            found.append({"mechanism": FORWARD, "layers": run, "fixes": fixes, "symbols": symbols})
            continue
        # the gradient over the layers the fix changes: an unchanged head (a linear Dense(1)) at an end of the run
        # has a kernel gradient of its own scale, which would dilute the fitted growth
        positions = [k for k, i in enumerate(run) if i in fixes]
        core = run[positions[0]:positions[-1] + 1]
        if len(core) >= MIN_RUN and gradient_leaves_band([by_index[i]["current"].get("grad_var") for i in core]):
            found.append({"mechanism": BACKWARD, "layers": core, "fixes": fixes, "symbols": symbols})
    return found


def identical_kernels(kernels: list[tuple[int, tuple[int, ...], bytes]]) -> list[list[int]]:
    """Groups (two or more) of kernels with the same shape and bit-identical values (index, shape, bytes)."""
    groups: dict[tuple[tuple[int, ...], bytes], list[int]] = {}
    for index, shape, data in kernels:
        if math.prod(shape) > 1:
            groups.setdefault((shape, data), []).append(index)
    return [members for members in groups.values() if len(members) > 1]
