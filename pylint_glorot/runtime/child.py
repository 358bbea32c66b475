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
import math
import os
import re
import sys
import traceback
from pathlib import Path
from typing import IO, Any

from pylint_glorot.runtime import backends as B
from pylint_glorot.runtime import protocol as P

SITE_ATTRIBUTE = "_pylint_glorot_site"
LIBRARY_ATTRIBUTE = "_pylint_glorot_library_site"
FALLBACK_SHAPE = (64, 64)
DRAWS = 5  # draws pooled per verdict on models up to LARGE kernel weights
LARGE = 3_000_000


class _HideFrameworks(importlib.abc.MetaPathFinder):
    """As if TensorFlow and Keras were not installed (protocol.HIDE_TENSORFLOW_ENV)."""

    ROOTS = ("tensorflow", "keras", "tf_keras")

    def find_spec(self, name: str, _path: Any = None, _target: Any = None) -> None:
        if name.split(".")[0] in self.ROOTS:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


# --------------------------------------------------------------------------- setup


def import_frameworks(progress: IO[str], backend: str) -> tuple[Any, str, Any]:
    """(the backend's module, its version, keras), with KERAS_BACKEND already set by the parent."""
    refused = B.refusal(backend)
    if refused:
        raise P.ChildError(P.BACKEND_UNAVAILABLE, refused)
    P.send(progress, "progress", stage=f"importing {B.DISPLAY[backend]}")
    if os.environ.get(P.HIDE_TENSORFLOW_ENV):
        sys.meta_path.insert(0, _HideFrameworks())
    try:
        module, version = B.import_backend(backend)
    except ImportError as error:
        what = "TensorFlow is" if backend == "tensorflow" else f"{backend} (the Keras backend asked for) is"
        raise P.ChildError(P.TENSORFLOW_MISSING, f"{what} not installed for {sys.executable} ({error})",
                           f"install it with: {B.INSTALL[backend]}", traceback.format_exc()) from error
    try:
        import keras
    except ImportError as error:
        raise P.ChildError(P.TENSORFLOW_MISSING, f"Keras is not installed for {sys.executable} ({error})",
                           f"install it with: {B.INSTALL[backend]}", traceback.format_exc()) from error
    if backend == "tensorflow" and os.environ.get("TF_USE_LEGACY_KERAS", "").lower() in ("1", "true", "yes"):
        raise P.ChildError(
            P.TENSORFLOW_MISSING, "TF_USE_LEGACY_KERAS is set, so tf.keras is Keras 2 (tf-keras); verify measures Keras 3",
            "unset TF_USE_LEGACY_KERAS to verify this model with Keras 3")
    if int(keras.__version__.split(".")[0]) < 3:
        raise P.ChildError(
            P.TENSORFLOW_MISSING, f"verify needs Keras 3 (TensorFlow 2.16 or later); found Keras {keras.__version__}",
            'install it with: pip install "pylint-glorot[runtime]" (and unset TF_USE_LEGACY_KERAS)')
    if keras.config.backend() != backend:
        raise P.ChildError(P.BACKEND_UNAVAILABLE, f"Keras started on {keras.config.backend()!r}, not {backend!r} "
                           "(was keras imported before KERAS_BACKEND was set, or does ~/.keras/keras.json pin it?)",
                           "set KERAS_BACKEND or --backend")
    return module, version, keras


def choose_device(backend: str, module: Any, wanted: str) -> str:
    """A GPU when the backend sees one (auto), else the CPU; --device cpu hides GPUs before it starts."""
    label, on_gpu = B.device(backend, module, wanted)
    if wanted == "gpu" and not on_gpu:
        raise P.ChildError(
            P.DEVICE_UNAVAILABLE, f"--device gpu: {B.DISPLAY[backend]} sees no GPU",
            "install the GPU build (see docs/runtime.md, e.g. pip install \"tensorflow[and-cuda]\") or use --device cpu")
    return label


def _library_file(filename: str) -> str:
    """A library file as people name it: the part after site-packages/ (keras/src/applications/vgg16.py)."""
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1:])
    return path.name


def record_sites(keras: Any, path: str) -> None:
    """Every Keras layer remembers the line of FILE that constructed it and, when the layer was
    built by library code (keras.applications, a helper module), that code's file:line."""
    original = keras.layers.Layer.__init__

    def init(layer: Any, *args: Any, **kwargs: Any) -> None:
        if SITE_ATTRIBUTE not in vars(layer):
            frame = sys._getframe(1)
            while frame is not None and frame.f_locals.get("self") is layer:  # super().__init__ chains
                frame = frame.f_back
            builder = frame
            while frame is not None and frame.f_code.co_filename != path:
                frame = frame.f_back
            object.__setattr__(layer, SITE_ATTRIBUTE, frame.f_lineno if frame is not None else None)
            if builder is not None and builder.f_code.co_filename != path:
                object.__setattr__(layer, LIBRARY_ATTRIBUTE,
                                   f"{_library_file(builder.f_code.co_filename)}:{builder.f_lineno}")
        original(layer, *args, **kwargs)

    keras.layers.Layer.__init__ = init


def site_line(layer: Any) -> int | None:
    return vars(layer).get(SITE_ATTRIBUTE)


def library_site(layer: Any) -> str | None:
    return vars(layer).get(LIBRARY_ATTRIBUTE)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


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


def load_module(path: str, suffix: str = "") -> Any:
    name = Path(path).stem + suffix
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
    """(name, model or layer) to measure: what FACTORY returns (or FACTORY itself, when it names a
    built model), or the module-level models."""
    if factory is not None:
        function: Any = module
        for part in factory.split("."):
            function = getattr(function, part, None)
        if function is None:
            callables = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_")
                               and getattr(v, "__module__", None) == module.__name__)
            raise P.ChildError(P.FACTORY_NOT_FOUND, f"{path} has no {factory!r}",
                               f"name one of: {', '.join(callables)}" if callables else "define a function that returns the model")
        if isinstance(function, keras.layers.Layer):  # FILE.py:model where model is already built
            return [(factory, function)]
        if not callable(function):
            raise P.ChildError(P.FACTORY_NOT_FOUND, f"{path}:{factory} is {_a(type(function).__name__)}, not a callable",
                               "name a zero-argument function that returns a Keras Model or Layer, or a built model")
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


def draw_count(request: dict[str, Any], weighted: list[tuple[Any, str]], M: Any) -> int:
    """How many draws the verdicts pool: --draws, else DRAWS for models up to LARGE kernel weights
    (where one draw is noisy and a draw is cheap), one for larger ones (wide layers average out)."""
    if request.get("draws_wanted"):
        return int(request["draws_wanted"])
    size = 0
    for layer, keyword in weighted:
        variable = M.kernel(layer, keyword)
        size += math.prod(variable.shape) if variable is not None else 0
    return DRAWS if size <= LARGE else 1


def _seed(request: dict[str, Any], draw: int) -> int:
    return request["seed"] if draw == 0 else (request["seed"] * 1_000_003 + 7_919 * draw) % 2**31


def measure_target(backend: str, name: str, target: Any, request: dict[str, Any], recorder: Any,
                   progress: IO[str]) -> dict[str, Any]:
    from pylint_glorot.runtime import measure as M
    from pylint_glorot.runtime import runtime_only as R
    from pylint_glorot.runtime.graph import ModelGraph
    import numpy as np

    weighted = weighted_layers(M, target)
    shapes, why = input_spec(target, request.get("input_shape"), request["batch"])
    model: dict[str, Any] = {"name": name, "class": type(target).__name__, "measurable": shapes is not None,
                             "why": why, "input_shapes": shapes, "suggested": False, "layers": [], "draws": 0,
                             "runtime_findings": [], "identical_kernels": [], "structure_from": None}
    current: list[Any] = []
    suggested: list[Any] = []
    fixed: dict[int, str] = {}
    _kernel_stats(M, weighted, model)
    if shapes is not None:
        def inputs_for(draw: int) -> list[Any]:
            rng = np.random.default_rng(request["seed"] if draw == 0 else [request["seed"], draw])
            return [keras_ops().convert_to_tensor(rng.standard_normal(shape).astype("float32")) for shape in shapes]

        first = inputs_for(0)
        if not target.built:
            P.send(progress, "progress", stage=f"building {name}")
            _call_user(lambda: target(first[0] if len(first) == 1 else first, training=False), shapes)
        graph = ModelGraph.of(target)
        model["structure_from"] = "graph" if graph is not None else "calls"
        spread = _symmetry_layers(weighted, request)
        coherent = _weight_mean_layers(M, weighted)
        draws = draw_count(request, weighted, M)
        model["draws"] = draws
        kept = _snapshot(M, weighted)
        readouts = M.readout_count(_output_shapes(target))
        model["readouts"] = readouts
        plan: list[dict[str, Any]] = []
        for draw in range(draws):
            seed = _seed(request, draw)
            inputs = first if draw == 0 else inputs_for(draw)
            if draw:
                _restore(kept)
                M.redraw(weighted, seed)
            P.send(progress, "progress", stage=f"measuring {name}: current initializers (draw {draw + 1} of {draws})")
            current.append(_call_user(lambda: M.run_pass(backend, target, inputs, weighted, recorder, [seed, 1],
                                                         spread, graph, readouts, coherent), shapes))
            if draw == 0:
                plan = _plan(M, R, weighted, request, current[0], model)
            fixed = _apply_fixes(M, weighted, request, plan, seed)
            if fixed:
                P.send(progress, "progress", stage=f"measuring {name}: suggested initializers (draw {draw + 1} of {draws})")
                suggested.append(_call_user(lambda: M.run_pass(backend, target, inputs, weighted, recorder, [seed, 1],
                                                               spread, graph, readouts), shapes))
                model["suggested"] = True
        _restore(kept)
    structure = current[0].structure if current else {}
    for index, (layer, keyword) in enumerate(weighted):
        entry = model["layers"][index]
        entry.update(
            index=index, name=layer.name, line=site_line(layer), library=library_site(layer), keyword=keyword,
            initializer=M.describe_initializer(M.initializer(layer, keyword)),
            own_activation=M.own_activation(layer),
            structure=dict(vars(structure[index])) if index in structure else None,
            current=_pooled(current, index), current_draws=_per_draw(current, index),
            suggested=_pooled(suggested, index), suggested_draws=_per_draw(suggested, index),
            fixed_with=fixed.get(index),
            describe=M.describe(layer, structure.get(index),
                                current[0].measures[index].shape_in if index in current[0].measures else None,
                                request["batch"])
            if current else None,
        )
        entry["class"] = type(layer).__name__
    return model


def _output_shapes(target: Any) -> list[tuple[int, ...]]:
    try:
        return [tuple(d or 1 for d in output.shape) for output in keras_flat(target.outputs)]
    except (AttributeError, ValueError, TypeError):
        return []


def keras_flat(value: Any) -> list[Any]:
    import keras

    return list(keras.tree.flatten(value)) if value is not None else []


def keras_ops() -> Any:
    from keras import ops

    return ops


def _pooled(passes: list[Any], index: int) -> dict[str, Any] | None:
    """The numbers of every draw pooled: mean second moments (gain = their ratio), mean gradient
    variance, the largest unit spread."""
    measures = [p.measures[index] for p in passes if index in p.measures]
    if not measures:
        return None

    def mean(name: str) -> float | None:
        values = [getattr(m, name) for m in measures]
        return sum(values) / len(values) if all(v is not None for v in values) else None

    m_in, m_out = mean("m_in"), mean("m_out")
    spreads = [m.unit_spread for m in measures if m.unit_spread is not None]
    grad_spreads = [m.grad_unit_spread for m in measures if m.grad_unit_spread is not None]
    samples = [row for m in measures for row in m.samples or ()]
    return {"m_in": m_in, "m_out": m_out, "gain": m_out / m_in if m_in and m_out is not None else None,
            "grad_var": mean("grad_var"), "unit_spread": max(spreads) if spreads else None,
            "grad_unit_spread": max(grad_spreads) if grad_spreads else None, "samples": samples or None}


def _per_draw(passes: list[Any], index: int) -> list[dict[str, Any]] | None:
    found = [{"gain": p.measures[index].gain, "grad_var": p.measures[index].grad_var}
             for p in passes if index in p.measures]
    return found if len(found) > 1 else None


def _kernel_stats(M: Any, weighted: list[tuple[Any, str]], model: dict[str, Any]) -> None:
    import hashlib

    import numpy as np

    digests = []
    for index, (layer, keyword) in enumerate(weighted):
        variable = M.kernel(layer, keyword)
        values = np.asarray(keras_ops().convert_to_numpy(variable)) if variable is not None else None
        model["layers"].append({
            "kernel_shape": list(values.shape) if values is not None else None,
            "kernel_var": float(np.var(values)) if values is not None and values.size else None,
        })
        if values is not None and values.size > 1 and float(np.var(values)) > 0:
            digests.append((index, tuple(values.shape), hashlib.sha1(values.tobytes()).digest()))
    from pylint_glorot.runtime import runtime_only as R

    model["identical_kernels"] = R.identical_kernels(digests)


def _snapshot(M: Any, weighted: list[tuple[Any, str]]) -> list[tuple[Any, Any]]:
    """Every kernel's values as drawn, to restore after the suggested pass and the extra draws."""
    kept = []
    for layer, _keyword in weighted:
        spec = M.layer_spec(layer)
        for keyword in spec[1].kernel_keywords if spec else ():
            variable = M.kernel(layer, keyword)
            if variable is not None:
                kept.append((variable, keras_ops().copy(variable.value)))
    return kept


def _restore(kept: list[tuple[Any, Any]]) -> None:
    for variable, value in kept:
        variable.assign(value)


def _symmetry_layers(weighted: list[tuple[Any, str]], request: dict[str, Any]) -> frozenset[int]:
    """The layers a W7708 finding is about: only they need the (costly) spread across units."""
    ranges = [(f["first_line"], f["last_line"]) for f in request.get("fixes", []) if f.get("mechanism") == "symmetry"]
    return frozenset(i for i, (layer, _keyword) in enumerate(weighted) if P.innermost(site_line(layer), ranges))


def _weight_mean_layers(M: Any, weighted: list[tuple[Any, str]]) -> frozenset[int]:
    """The layers whose kernel initializer has a non-zero mean: predict.py needs their inputs' per-sample means."""
    from pylint_glorot.network import signal
    from pylint_glorot.runtime import predict

    found = set()
    for i, (layer, keyword) in enumerate(weighted):
        init = M.initializer(layer, keyword)
        try:
            config = init.get_config() if init is not None else {}
        except (NotImplementedError, TypeError, AttributeError):
            continue
        described = predict.kernel_init({"class": type(init).__name__, "config": config})
        if described is not None and signal.kernel_mean(described):
            found.add(i)
    return frozenset(found)


def _covered(weighted: list[tuple[Any, str]], request: dict[str, Any]) -> set[int]:
    ranges = {(fix["first_line"], fix["last_line"]) for fix in request.get("fixes", [])}
    return {i for i, (layer, _keyword) in enumerate(weighted) if P.innermost(site_line(layer), ranges)}


def _plan(M: Any, R: Any, weighted: list[tuple[Any, str]], request: dict[str, Any], first: Any,
          model: dict[str, Any]) -> list[dict[str, Any]]:
    """The kernels to re-draw for the suggested pass: every static finding's, and the runtime-only
    candidates' (chains out of the band, found on the first current pass)."""
    fixes = request.get("fixes", [])
    ranges = {(fix["first_line"], fix["last_line"]) for fix in fixes}
    plan: list[dict[str, Any]] = []
    for index, (layer, _keyword) in enumerate(weighted):
        lines = P.innermost(site_line(layer), ranges)
        for fix in fixes if lines is not None else ():
            if (fix["first_line"], fix["last_line"]) == lines:
                plan.append({"index": index, "keyword": fix["keyword"], "replacement": fix["replacement"],
                             "label": fix["label"]})
                break
    if not request.get("runtime_only", True):
        return plan
    covered = _covered(weighted, request)
    entries = [{"index": i, "initializer": M.describe_initializer(M.initializer(layer, keyword)),
                "structure": dict(vars(first.structure[i])) if i in first.structure else None,
                "current": first.measures[i].as_json() if i in first.measures else None, "covered": i in covered}
               for i, (layer, keyword) in enumerate(weighted)]
    for candidate in R.candidates(entries):
        model["runtime_findings"].append({"mechanism": candidate["mechanism"], "layers": candidate["layers"],
                                          "symbols": {str(i): s for i, s in candidate["symbols"].items()},
                                          "labels": {str(i): f["label"] for i, f in candidate["fixes"].items()}})
        for index, fix in candidate["fixes"].items():
            plan.append({"index": index, "keyword": weighted[index][1], "replacement": fix, "label": fix["label"]})
    return plan


def _apply_fixes(M: Any, weighted: list[tuple[Any, str]], request: dict[str, Any], plan: list[dict[str, Any]],
                 seed: int) -> dict[int, str]:
    """Re-initialize the planned kernels with their replacement; the rest stays as drawn."""
    fixed: dict[int, str] = {}
    for step in plan:
        index = step["index"]
        layer_seed = (seed * 1_000_003 + index) % 2**31
        if M.reinitialize(weighted[index][0], step["keyword"], step["replacement"], layer_seed):
            fixed[index] = step["label"]
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
    """Measure FILE for the request's seed; with `seeds` in the request, once per seed in this one
    process (the module re-executed for each), the results under "per_seed"."""
    backend = request.get("backend") or B.DEFAULT
    module, version, keras = import_frameworks(progress, backend)
    device = choose_device(backend, module, request["device"])
    path = request["file"]
    original_init = keras.layers.Layer.__init__
    record_sites(keras, path)
    from pylint_glorot.runtime import measure as M

    recorder = M.Recorder(backend)
    recorder.install()  # before the module runs: `from tensorflow.nn import relu` there gets the recording one
    results = []
    try:
        for number, seed in enumerate(request.get("seeds") or [request["seed"]]):
            keras.utils.set_random_seed(seed)
            results.append(_measure_file(keras, M, {**request, "seed": seed}, recorder, progress, number))
            results[-1].update(device=device, backend=backend, backend_version=version, keras=keras.__version__,
                               tensorflow=getattr(sys.modules.get("tensorflow"), "__version__", None))
    finally:
        recorder.uninstall()
        keras.layers.Layer.__init__ = original_init
    return results[0] if not request.get("seeds") else {"per_seed": results, **{k: results[0][k] for k in (
        "device", "backend", "backend_version", "keras", "tensorflow")}}


def _measure_file(keras: Any, M: Any, request: dict[str, Any], recorder: Any, progress: IO[str],
                  number: int) -> dict[str, Any]:
    path = request["file"]
    P.send(progress, "progress", stage=f"loading {Path(path).name}")
    module_object = load_module(path, suffix=f"__seed{number}" if number else "")
    P.send(progress, "progress", stage=f"building the model ({request.get('factory') or 'module-level models'})")
    found = targets(keras, module_object, path, request.get("factory"))
    models, all_layers, built = [], [], []
    for name, target in found:
        models.append(measure_target(request.get("backend") or B.DEFAULT, name, target, request, recorder, progress))
        all_layers.extend(weighted_layers(M, target))
        built.append((name, weighted_layers(M, target)))
    constructions = [{"id": c["id"], **M.construct(c["kwargs"])} for c in request.get("constructions", [])]
    reused = []
    if (request.get("reuse") or {}).get("findings"):
        from pylint_glorot.runtime import reuse_pass

        P.send(progress, "progress", stage="comparing the kernels of shared initializers, as written and fixed")
        reused = reuse_pass.compare_uses(sys.modules[__name__], keras, M, request, built)
    return {"models": models, "draws": draws(request, all_layers), "constructions": constructions, "reuse": reused}


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
