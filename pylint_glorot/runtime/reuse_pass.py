"""The child's side of W7710 in `verify`: the kernels each finding's uses build, compared, as
written and with the fix applied.

As written: the kernels of the layers built at the uses' layer calls (matched by the line of
FILE that built them, as every layer is), for the use's keyword. With the fix: FILE with every
W7710 edit applied (the parent writes the text, static.py), executed afresh under the same
seed in this process, its model built the same way, and the kernels at the uses' lines in
that text compared again. Nothing is re-drawn by hand: the fixed file's own initializers draw.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from pylint_glorot.runtime import protocol as P
from pylint_glorot.runtime import reuse_check

FIXED_SUFFIX = "__glorot_fixed"


def _kernels(M: Any, site_line: Any, built: list[tuple[str, list[tuple[Any, str]]]], sites: list[tuple[int, int]],
             uses: list[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    """(description, values) of every kernel built at one of the uses' layer calls."""
    import numpy as np
    from keras import ops

    wanted = {(tuple(use[which]), use["keyword"]) for use in uses if use.get(which)}
    found = []
    for model, weighted in built:
        for index, (layer, _judged) in enumerate(weighted):
            lines = P.innermost(site_line(layer), sites)
            for use_lines, keyword in sorted(wanted):
                if lines != use_lines:
                    continue
                variable = M.kernel(layer, keyword)
                if variable is None:
                    continue
                values = np.asarray(ops.convert_to_numpy(variable))
                found.append({"model": model, "index": index, "name": layer.name, "line": site_line(layer),
                              "keyword": keyword, "shape": list(values.shape), "values": values})
    return found


def _compared(kernels: list[dict[str, Any]]) -> dict[str, Any]:
    comparison = reuse_check.compare([k["values"] for k in kernels])
    return {"kernels": [{k: v for k, v in kernel.items() if k != "values"} for kernel in kernels],
            "pairs": [[p.first, p.second, p.relation, p.correlation] for p in comparison.pairs]}


def _build(child: Any, target: Any, request: dict[str, Any]) -> str:
    """Build an unbuilt model on a random input, as the measured one was; '' or why not."""
    if target.built:
        return ""
    shapes, why = child.input_spec(target, request.get("input_shape"), 1)
    if shapes is None:
        return why
    import numpy as np
    from keras import ops

    inputs = [ops.convert_to_tensor(np.zeros(shape, "float32")) for shape in shapes]
    target(inputs[0] if len(inputs) == 1 else inputs, training=False)
    return ""


def _fixed_pass(child: Any, keras: Any, M: Any, request: dict[str, Any], reuse: dict[str, Any]) -> tuple[list[tuple[str, list[tuple[Any, str]]]], str]:
    """Execute the fixed text of FILE and build its model(s): (built, '') or ([], why not)."""
    folder = tempfile.mkdtemp(prefix="pylint-glorot-fixed-")
    path = os.path.join(folder, Path(request["file"]).name)
    Path(path).write_text(reuse["text"], encoding="utf-8")
    original_init = keras.layers.Layer.__init__
    child.record_sites(keras, path)
    try:
        keras.utils.set_random_seed(request["seed"])
        module = child.load_module(path, suffix=FIXED_SUFFIX)
        built = []
        for name, target in child.targets(keras, module, path, request.get("factory")):
            why = _build(child, target, request)
            if why:
                return [], f"the fixed model cannot be built: {why}"
            built.append((name, child.weighted_layers(M, target)))
        return built, ""
    except P.ChildError as error:
        return [], f"the fixed file does not run: {error.message.replace(path, 'FILE (fixed)')}"
    except Exception as error:  # noqa: BLE001 - the user's model, rewritten
        traceback.print_exc(file=sys.stderr)
        return [], f"the fixed model cannot be built: {type(error).__name__}: {error}"
    finally:
        keras.layers.Layer.__init__ = original_init
        sys.modules.pop(Path(path).stem + FIXED_SUFFIX, None)
        if folder in sys.path:
            sys.path.remove(folder)
        shutil.rmtree(folder, ignore_errors=True)


def compare_uses(child: Any, keras: Any, M: Any, request: dict[str, Any],
                 built: list[tuple[str, list[tuple[Any, str]]]]) -> list[dict[str, Any]]:
    """Per W7710 finding (by its position, `id`): its kernels' pairs as written and with the fix."""
    reuse = request.get("reuse") or {}
    findings = reuse.get("findings") or []
    if not findings:
        return []
    sites = [tuple(lines) for lines in reuse.get("sites", [])]
    found = [{"id": f["id"], **_compared(_kernels(M, child.site_line, built, sites, f["uses"], "lines"))}
             for f in findings]
    if not reuse.get("text"):
        why = reuse.get("why") or "the findings carry no edit to apply"
        for entry in found:
            entry.update(suggested=None, suggested_why=why)
        return found
    fixed, why = _fixed_pass(child, keras, M, request, reuse)
    fixed_sites = [tuple(lines) for lines in reuse.get("fixed_sites", [])]
    for entry, finding in zip(found, findings):
        if why:
            entry.update(suggested=None, suggested_why=why)
        elif not any(use.get("fixed_lines") for use in finding["uses"]):
            entry.update(suggested=None, suggested_why="the uses' layer calls were not found in the fixed text")
        else:
            entry.update(suggested=_compared(_kernels(M, child.site_line, fixed, fixed_sites, finding["uses"],
                                                      "fixed_lines")), suggested_why="")
    return found
