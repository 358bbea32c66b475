"""The child process of `verify`: import TensorFlow, execute FILE, build the model, measure it.

Run as `python -m pylint_glorot.runtime.child` with a JSON request on stdin (see runner.py).
This executes the user's code. Everything the user's code or TensorFlow prints goes to
stderr; stdout carries only protocol lines (protocol.send).

Where each layer was constructed is recorded by wrapping `keras.layers.Layer.__init__`: the
innermost stack frame whose file is FILE gives the line, so layers built in loops, helper
functions and factories point at the line of FILE that built them.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import re
import sys
import traceback
from pathlib import Path
from typing import IO, Any

from pylint_glorot.runtime import protocol as P

SITE_ATTRIBUTE = "_pylint_glorot_site"
FALLBACK_SHAPE = (64, 64)


class _HideFrameworks(importlib.abc.MetaPathFinder):
    """As if TensorFlow and Keras were not installed (protocol.HIDE_TENSORFLOW_ENV)."""

    ROOTS = ("tensorflow", "keras", "tf_keras")

    def find_spec(self, name: str, _path: Any = None, _target: Any = None) -> None:
        if name.split(".")[0] in self.ROOTS:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


# --------------------------------------------------------------------------- setup


def import_frameworks(progress: IO[str]) -> tuple[Any, Any]:
    P.send(progress, "progress", stage="importing TensorFlow")
    if os.environ.get(P.HIDE_TENSORFLOW_ENV):
        sys.meta_path.insert(0, _HideFrameworks())
    try:
        import keras
        import tensorflow as tf
    except ImportError as error:
        raise P.ChildError(
            P.TENSORFLOW_MISSING, f"TensorFlow is not installed for {sys.executable} ({error})",
            'install it with: pip install "pylint-glorot[runtime]"', traceback.format_exc()) from error
    if os.environ.get("TF_USE_LEGACY_KERAS", "").lower() in ("1", "true", "yes"):
        raise P.ChildError(
            P.TENSORFLOW_MISSING, "TF_USE_LEGACY_KERAS is set, so tf.keras is Keras 2 (tf-keras); verify measures Keras 3",
            "unset TF_USE_LEGACY_KERAS to verify this model with Keras 3")
    if int(keras.__version__.split(".")[0]) < 3:
        raise P.ChildError(
            P.TENSORFLOW_MISSING, f"verify needs Keras 3 (TensorFlow 2.16 or later); found Keras {keras.__version__}",
            'install it with: pip install "pylint-glorot[runtime]" (and unset TF_USE_LEGACY_KERAS)')
    return tf, keras


def choose_device(tf: Any, wanted: str) -> str:
    """GPU when TensorFlow sees one (auto), else CPU; --device cpu hides GPUs before TensorFlow starts."""
    gpus = tf.config.list_physical_devices("GPU") if wanted != "cpu" else []
    if wanted == "gpu" and not gpus:
        raise P.ChildError(
            P.DEVICE_UNAVAILABLE, "--device gpu: TensorFlow sees no GPU",
            "install the GPU build (pip install \"tensorflow[and-cuda]\", see docs/runtime.md) or use --device cpu")
    if not gpus:
        return "CPU"
    try:
        details = tf.config.experimental.get_device_details(gpus[0])
    except (ValueError, RuntimeError):
        details = {}
    name = details.get("device_name")
    return f"GPU:0 ({name})" if name else "GPU:0"


def record_sites(keras: Any, path: str) -> None:
    """Every Keras layer remembers the line of FILE that constructed it."""
    original = keras.layers.Layer.__init__

    def init(layer: Any, *args: Any, **kwargs: Any) -> None:
        if SITE_ATTRIBUTE not in vars(layer):
            frame = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename != path:
                frame = frame.f_back
            object.__setattr__(layer, SITE_ATTRIBUTE, frame.f_lineno if frame is not None else None)
        original(layer, *args, **kwargs)

    keras.layers.Layer.__init__ = init


def site_line(layer: Any) -> int | None:
    return vars(layer).get(SITE_ATTRIBUTE)


# --------------------------------------------------------------------------- user code


def _where(error: BaseException, path: str) -> str:
    """FILE:LINE of the innermost frame of the traceback inside FILE."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == path:
            line = lineno
    return f"{path}:{line}" if line else path


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _describe(error: BaseException) -> str:
    """The error's class and its most telling line (Keras puts the cause under "Exception encountered")."""
    lines = [_ANSI.sub("", line).strip() for line in str(error).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 and lines[0].startswith("Exception encountered when calling"):
        lines = [line for line in lines[1:] if not line.startswith(("Arguments received", "\u2022"))] or lines
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


def load_module(path: str) -> Any:
    name = Path(path).stem
    if name in sys.modules:  # a file named like a module already loaded (keras.py, json.py) must not replace it
        name = f"{name}__verified"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise P.ChildError(P.LOAD_FAILED, f"{path}: cannot be loaded as a Python module", "check the file name")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(Path(path).parent))
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as error:  # noqa: BLE001 - user code: SystemExit and KeyboardInterrupt too
        raise P.ChildError(
            P.LOAD_FAILED, f"{_where(error, path)}: running the module raised {_describe(error)}",
            "fix the module (verify executes it), or pass --debug for the traceback", traceback.format_exc()) from error
    return module


def targets(keras: Any, module: Any, path: str, factory: str | None) -> list[tuple[str, Any]]:
    """(name, model or layer) to measure: what FACTORY returns, or the module-level models."""
    if factory is not None:
        function: Any = module
        for part in factory.split("."):
            function = getattr(function, part, None)
        if function is None:
            callables = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_")
                               and getattr(v, "__module__", None) == module.__name__)
            raise P.ChildError(P.FACTORY_NOT_FOUND, f"{path} has no {factory!r}",
                               f"name one of: {', '.join(callables)}" if callables else "define a function that returns the model")
        if not callable(function):
            raise P.ChildError(P.FACTORY_NOT_FOUND, f"{path}:{factory} is a {type(function).__name__}, not a callable",
                               "name a zero-argument function that returns a Keras Model or Layer")
        try:
            built = function()
        except BaseException as error:  # noqa: BLE001 - user code
            raise P.ChildError(P.FACTORY_RAISED, f"{_where(error, path)}: {factory}() raised {_describe(error)}",
                               "fix the factory, or pass --debug for the traceback", traceback.format_exc()) from error
        if not isinstance(built, keras.layers.Layer):
            raise P.ChildError(P.NOT_A_MODEL, f"{factory}() returned {type(built).__name__}, not a Keras Model or Layer",
                               "return the model from the factory")
        return [(factory, built)]
    models = [(name, value) for name, value in vars(module).items() if isinstance(value, keras.Model)]
    if not models:
        raise P.ChildError(P.NO_MODEL, f"{path} defines no module-level Keras Model",
                           f"name a factory that builds one: {path}:FACTORY")
    return _outermost(models)


def _outermost(models: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Drop a model whose layers all belong to another one listed (an encoder inside an autoencoder)."""
    layer_sets = {id(model): {id(layer) for layer in _all_layers(model)} for _name, model in models}
    kept, seen = [], set()
    for name, model in models:
        if id(model) in seen:
            continue
        seen.add(id(model))
        mine = layer_sets[id(model)]
        if any(mine < layer_sets[id(other)] for _n, other in models if other is not model):
            continue
        kept.append((name, model))
    return kept


def weighted_layers(M: Any, target: Any) -> list[tuple[Any, str]]:
    """(layer, judged keyword) for every weighted layer; an RNN layer stands for its cell."""
    layers = _all_layers(target)
    cells = {id(getattr(layer, "cell", None)) for layer in layers}
    found = []
    for layer in layers:
        spec = M.layer_spec(layer)
        if spec is not None and id(layer) not in cells:
            found.append((layer, M.judged_keyword(spec[1])))
    return found


def _all_layers(target: Any) -> list[Any]:
    flatten = getattr(target, "_flatten_layers", None)
    if flatten is None:
        return [target]
    return list(flatten(include_self=True, recursive=True))


# --------------------------------------------------------------------------- measuring


def input_spec(target: Any, override: list[int] | None, batch: int) -> tuple[list[tuple[int, ...]] | None, str]:
    """The shapes of the random inputs, or why there are none."""
    if override:
        return [(batch, *override)], ""
    try:
        inputs = list(target.inputs or [])
    except (AttributeError, ValueError, TypeError):
        inputs = []
    if inputs:
        shapes, dtypes = [tuple(i.shape) for i in inputs], [str(i.dtype) for i in inputs]
    else:
        built = getattr(target, "_build_shapes_dict", None) or {}
        values = [v for v in built.values() if isinstance(v, (tuple, list))]
        if len(values) != 1 or not all(d is None or isinstance(d, int) for d in values[0]):
            return None, "the model has no known input shape: pass --input-shape D1,D2,... (without the batch size)"
        shapes, dtypes = [tuple(values[0])], ["float32"]
    for shape, dtype in zip(shapes, dtypes):
        if any(d is None for d in shape[1:]):
            return None, (f"the input shape {_shape_text(shape)} has unknown dimensions: "
                          "pass --input-shape D1,D2,... (without the batch size)")
        if not dtype.startswith(("float", "bfloat")):
            return None, f"the model takes {dtype} inputs (token ids?): signal propagation needs float inputs"
    return [(batch, *shape[1:]) for shape in shapes], ""


def _shape_text(shape: tuple[Any, ...]) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def measure_target(tf: Any, name: str, target: Any, request: dict[str, Any], recorder: Any,
                   progress: IO[str]) -> dict[str, Any]:
    from pylint_glorot.runtime import measure as M
    import numpy as np

    weighted = weighted_layers(M, target)
    shapes, why = input_spec(target, request.get("input_shape"), request["batch"])
    model: dict[str, Any] = {"name": name, "class": type(target).__name__, "measurable": shapes is not None,
                             "why": why, "input_shapes": shapes, "suggested": False, "layers": []}
    current = suggested = None
    fixed: dict[int, str] = {}
    if shapes is not None:
        rng = np.random.default_rng(request["seed"])
        inputs = [tf.constant(rng.standard_normal(shape).astype("float32")) for shape in shapes]
        try:
            if not target.built:
                P.send(progress, "progress", stage=f"building {name}")
                _call_user(lambda: target(inputs[0] if len(inputs) == 1 else inputs, training=False), shapes)
            spread = _symmetry_layers(weighted, request)
            P.send(progress, "progress", stage=f"measuring {name}: current initializers")
            current = _call_user(lambda: M.run_pass(target, inputs, weighted, recorder, request["seed"], spread), shapes)
            _kernel_stats(M, weighted, model)
            fixed = _apply_fixes(M, weighted, request)
            if fixed:
                P.send(progress, "progress", stage=f"measuring {name}: suggested initializers")
                suggested = _call_user(lambda: M.run_pass(target, inputs, weighted, recorder, request["seed"], spread), shapes)
                model["suggested"] = True
        finally:
            recorder.active = False
    else:
        _kernel_stats(M, weighted, model)
    for index, (layer, keyword) in enumerate(weighted):
        structure = current.structure.get(index) if current else None
        entry = model["layers"][index]
        entry.update(
            index=index, name=layer.name, line=site_line(layer), keyword=keyword,
            initializer=M.describe_initializer(M.initializer(layer, keyword)),
            own_activation=M.own_activation(layer),
            structure=dict(vars(structure)) if structure else None,
            current=current.measures[index].as_json() if current and index in current.measures else None,
            suggested=suggested.measures[index].as_json() if suggested and index in suggested.measures else None,
            fixed_with=fixed.get(index),
        )
        entry["class"] = type(layer).__name__
    return model


def _kernel_stats(M: Any, weighted: list[tuple[Any, str]], model: dict[str, Any]) -> None:
    import numpy as np

    for layer, keyword in weighted:
        variable = M.kernel(layer, keyword)
        values = np.asarray(variable.numpy()) if variable is not None else None
        model["layers"].append({
            "kernel_shape": list(values.shape) if values is not None else None,
            "kernel_var": float(np.var(values)) if values is not None and values.size else None,
        })


def _symmetry_layers(weighted: list[tuple[Any, str]], request: dict[str, Any]) -> frozenset[int]:
    """The layers a W7708 finding is about: only they need the (costly) spread across units."""
    ranges = [(f["first_line"], f["last_line"]) for f in request.get("fixes", []) if f.get("mechanism") == "symmetry"]
    return frozenset(i for i, (layer, _keyword) in enumerate(weighted) if P.innermost(site_line(layer), ranges))


def _apply_fixes(M: Any, weighted: list[tuple[Any, str]], request: dict[str, Any]) -> dict[int, str]:
    """Re-initialize the flagged kernels with the replacement each finding proposes; the rest stays as drawn."""
    fixes = request.get("fixes", [])
    ranges = {(fix["first_line"], fix["last_line"]) for fix in fixes}
    fixed: dict[int, str] = {}
    for index, (layer, _keyword) in enumerate(weighted):
        lines = P.innermost(site_line(layer), ranges)
        if lines is None:
            continue
        seed = (request["seed"] * 1_000_003 + index) % 2**31
        for fix in fixes:
            if (fix["first_line"], fix["last_line"]) == lines and M.reinitialize(layer, fix["keyword"], fix["replacement"], seed):
                fixed[index] = fix["label"]
    return fixed


def _call_user(function: Any, shapes: list[tuple[int, ...]]) -> Any:
    try:
        return function()
    except P.ChildError:
        raise
    except Exception as error:  # noqa: BLE001 - the user's model
        shown = ", ".join(_shape_text(s) for s in shapes)
        raise P.ChildError(
            P.MODEL_FAILED, f"calling the model on float32 input {shown} raised {_describe(error)}",
            "check --input-shape (without the batch size), or pass --debug for the traceback",
            traceback.format_exc()) from error


def draws(request: dict[str, Any], layers: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    """R7704: draw each VarianceScaling the static pass says is a named initializer, and the named one."""
    from pylint_glorot.runtime import measure as M

    found = []
    for draw in request.get("draws", []):
        params, shape = dict(draw), FALLBACK_SHAPE
        for layer, _keyword in layers:
            if draw.get("lines") and P.innermost(site_line(layer), [tuple(draw["lines"])]):
                actual = M.initializer(layer, draw["keyword"]) if draw.get("keyword") else None
                variable = M.kernel(layer, draw["keyword"]) if draw.get("keyword") else None
                if variable is not None:
                    shape = tuple(variable.shape)
                if type(actual).__name__ == "VarianceScaling":
                    described = M.describe_initializer(actual)
                    params.update({k: described[k] for k in ("scale", "mode", "distribution")})
                    params["seed"] = described.get("seed", params.get("seed"))
                break
        seed = params["seed"] if isinstance(params.get("seed"), int) else request["seed"]
        found.append({"id": draw["id"], **M.draw_pair(params, shape, seed),
                      "user": {k: params[k] for k in ("scale", "mode", "distribution")}, "named": params["named"]})
    return found


# --------------------------------------------------------------------------- main


def run(request: dict[str, Any], progress: IO[str]) -> dict[str, Any]:
    tf, keras = import_frameworks(progress)
    device = choose_device(tf, request["device"])
    keras.utils.set_random_seed(request["seed"])
    path = request["file"]
    record_sites(keras, path)
    from pylint_glorot.runtime import measure as M

    recorder = M.Recorder()
    recorder.install()  # before the module runs: `from tensorflow.nn import relu` there gets the recording one
    P.send(progress, "progress", stage=f"loading {Path(path).name}")
    module = load_module(path)
    P.send(progress, "progress", stage=f"building the model ({request.get('factory') or 'module-level models'})")
    found = targets(keras, module, path, request.get("factory"))
    models, all_layers = [], []
    for name, target in found:
        models.append(measure_target(tf, name, target, request, recorder, progress))
        all_layers.extend(weighted_layers(M, target))
    constructions = [{"id": c["id"], **M.construct(c["kwargs"])} for c in request.get("constructions", [])]
    return {"device": device, "tensorflow": tf.__version__, "keras": keras.__version__, "models": models,
            "draws": draws(request, all_layers), "constructions": constructions}


def main() -> int:
    request = json.loads(sys.stdin.read())
    protocol_stream = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # the user's prints and TensorFlow's go to stderr; stdout is ours
    try:
        result = run(request, protocol_stream)
    except P.ChildError as error:
        P.send(protocol_stream, "error", kind=error.kind, message=error.message, hint=error.hint,
               traceback=error.traceback)
        return 2
    except BaseException as error:  # noqa: BLE001 - reported to the parent, never lost
        P.send(protocol_stream, "error", kind=P.INTERNAL, message=f"verify failed: {_describe(error)}",
               hint="please report it with the output of --debug", traceback=traceback.format_exc())
        return 2
    P.send(protocol_stream, "result", **result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
