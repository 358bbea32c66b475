"""Initializer literals a file passes into its own project's functions and classes, read downward:

    # train_eval.py                                   # agents/ddpg/critic_network.py
    from tf_agents.agents.ddpg import critic_network  class CriticNetwork(network.Network):
    critic_network.CriticNetwork(                         def __init__(self, ..., activation_fn=tf.nn.relu,
        ..., kernel_initializer='glorot_uniform')                      kernel_initializer=None):
                                                              if kernel_initializer is None: ...
                                                              utils.mlp_layers(..., activation_fn=activation_fn,
                                                                               kernel_initializer=kernel_initializer)
    # networks/utils.py
    def mlp_layers(..., activation_fn=tf.keras.activations.relu, kernel_initializer=None):
        ... tf.keras.layers.Dense(num_units, activation=activation_fn,
                                  kernel_initializer=clone_initializer(kernel_initializer))

At a call whose callee the file's own imports name in a project module (found as `project_values` finds
one: never tensorflow/keras, never an installed package) or in the file itself, a literal initializer
argument (`'glorot_uniform'`, `tf.keras.initializers.glorot_uniform()`) is bound to the callee's
parameter, and the layers the callee builds are read with that binding: the call's arguments, the
defaults for the rest (`bindings.py`, as a helper's expansion reads them). `if init is None: init = ...`
is read as not taken for a value that cannot be None (`resolve.none_guarded_parameter`). Calls the
callee makes into its own project functions with a bound parameter are followed the same way, up to
MAX_HOPS modules down. Each layer is judged on its own activation (the callee builds it in a loop or a
list whose length the file does not fix: no chain, no figure where fans are unknown).

When every kernel the literal reaches is one the rules report (W7701) with the same replacement, the
finding is reported here, at the literal, the node its fix edits, naming where it lands
(`Dense at networks/utils.py:218`); a literal that also reaches a layer it suits is left alone. The
callee's own module is not reported on: its parameter is public API, and who calls it is unknown
there (docs/precision.md). A finding depends only on this file and the files it imports, so it is the
same whatever else is linted and under `-j N`, and an inline disable at the literal works.
"""

from __future__ import annotations

import os
from dataclasses import replace
from collections.abc import Iterator
from pathlib import Path

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot import model as M
from pylint_glorot import rules, siblings
from pylint_glorot.bindings import binding, bound_argument
from pylint_glorot.findings import Edit, Finding
from pylint_glorot.project_values import project_module_path
from pylint_glorot.resolve import (
    _initializer_target,  # noqa: PLC2701 - what a keyword value stands for, the one reading
    _single_binding,  # noqa: PLC2701 - one lookup rule
    guarded_argument,
    has_star_arguments,
    initializer_spec,
    module_alias,
    instantiations,
    none_guarded_parameter,
    parameter_position,
    qualified_name,
    span_of,
)
from pylint_glorot.resolve import _calls_of  # noqa: PLC2701 - the module's calls of a function

MAX_HOPS = 2  # the file's call, then one more project call inside the callee (CriticNetwork -> mlp_layers)
MAX_LAYER_CALLS = 200  # a callee building more layer calls than this is not read (cost cap)

_Callee = tuple[nodes.FunctionDef, bool]  # the function (a class's __init__) and whether `self` is implicit


# --------------------------------------------------------------------------- where the callee is


def _module_function(module: nodes.Module, name: str) -> _Callee | None:
    """The top-level function or class (its own `__init__`) a module binds `name` to, once."""
    bound = module.locals.get(name, [])
    if len(bound) != 1:
        return None
    target = bound[0]
    if isinstance(target, nodes.ClassDef):
        init = target.locals.get("__init__", [])
        if len(init) == 1 and isinstance(init[0], nodes.FunctionDef) and init[0].parent is target:
            return init[0], True
        return None
    if isinstance(target, nodes.FunctionDef) and target.parent is module:
        return target, False
    return None


def callee(call: nodes.Call, local: bool = False) -> _Callee | None:
    """The project function or class `call` calls: `module.f(...)` / `pkg.module.f(...)` after importing the
    project module, `f(...)` after `from project.module import f`, or (with `local`, inside a callee being
    read) the module's own top-level `f(...)`; the linted file's own functions are helpers.py's."""
    func = call.func
    if isinstance(func, nodes.Attribute):
        path = project_module_path(func.expr)
        module = _parsed(path) if path is not None else None
        return _module_function(module, func.attrname) if module is not None else None
    if not isinstance(func, nodes.Name):
        return None
    bound = _single_binding(func)
    if isinstance(bound, nodes.ImportFrom):
        path = siblings.module_path(bound)
        module = _parsed(path) if path is not None else None
        try:
            real = bound.real_name(func.name)
        except Exception:  # astroid's AttributeInferenceError
            return None
        return _module_function(module, real) if module is not None else None
    if local and isinstance(bound, (nodes.FunctionDef, nodes.ClassDef)) and bound.parent is call.root():
        return _module_function(call.root(), func.name)
    return None


_TREES: dict[tuple[str, int, int], nodes.Module | None] = {}  # (path, mtime, size) -> parsed, once per process


def _parsed(path: Path) -> nodes.Module | None:
    """A project module, parsed once per process while its file is unchanged (an edit is seen next lint)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _TREES:
        if len(_TREES) > 512:
            _TREES.clear()
        _TREES[key] = siblings.parse_file(Path(path))
    return _TREES[key]


# --------------------------------------------------------------------------- binding a call


def _arguments(function: nodes.FunctionDef, implicit_self: bool, call: nodes.Call) -> dict[int, nodes.NodeNG] | None:
    """id(parameter) -> what `call` passes for it, or its default (None where a required parameter is
    missing, or the call passes what the function does not take). Keywords a `**kwargs` takes are ignored."""
    args = function.args
    positional = list(args.posonlyargs or []) + list(args.args or [])
    if implicit_self:
        positional = positional[1:]
    params = {param.name: param for param in positional + list(args.kwonlyargs or [])}
    if len(call.args) > len(positional) and not args.vararg:
        return None
    given = {param.name: _passed(arg) for param, arg in zip(positional, call.args)}
    for keyword in call.keywords or ():
        if keyword.arg in given:
            return None
        if keyword.arg in params:
            given[keyword.arg] = _passed(keyword.value)
        elif not args.kwarg:
            return None
    for name in params:
        if name not in given:
            try:
                given[name] = args.default_value(name)
            except Exception:  # astroid's NoDefault: required and not passed
                return None
    return {id(params[name]): value for name, value in given.items()}


def _passed(node: nodes.NodeNG) -> nodes.NodeNG:
    """The node an argument stands for in the reading under way: a parameter of an outer reading is
    what that reading binds it to (so a fix edits the literal where it is written, not the name)."""
    for _hop in range(MAX_HOPS + 2):
        if not isinstance(node, nodes.Name):
            return node
        bound = _single_binding(node)
        if isinstance(bound, nodes.AssignName) and isinstance(bound.parent, nodes.Arguments):
            passed = bound_argument(bound) or _unbuilt_default(bound)
        else:
            guarded = none_guarded_parameter(node) if bound is None else None
            passed = guarded_argument(guarded) if guarded is not None else None
        if passed is None:
            return node
        node = passed
    return node


def _unbuilt_default(param: nodes.AssignName) -> nodes.NodeNG | None:
    """A parameter of the file's own function that the file never calls (a class it never builds): what a
    caller gets by default, when that is None or a name its imports spell (`activation_fn=tf.nn.relu`), as
    `resolve.parameter_value` reads a literal default. None where the file calls it (that rule decides)."""
    placed = parameter_position(param)
    if placed is None:
        return None
    function = placed[0]
    klass = function.parent if function.name == "__init__" and isinstance(function.parent, nodes.ClassDef) else None
    if (instantiations(klass) if klass is not None else _calls_of(function)) != []:
        return None
    try:
        default = param.parent.default_value(param.name)
    except Exception:  # astroid's NoDefault
        return None
    if isinstance(default, nodes.Const) and default.value is None:
        return default
    if isinstance(default, (nodes.Attribute, nodes.Name)) and qualified_name(default) is not None:
        return default
    return None


def _dead(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    """Whether the call sits where the reading's None makes it unreachable: in the body of `if p is not
    None:` / `if p:`, or in a loop or comprehension over `p`, with `p` bound to None."""
    child, current = call, call.parent
    while current is not None and current is not function:
        tested = None
        if isinstance(current, nodes.If) and child in current.body:
            test = current.test
            if isinstance(test, nodes.Name):
                tested = test
            elif (isinstance(test, nodes.Compare) and isinstance(test.left, nodes.Name) and len(test.ops) == 1
                  and test.ops[0][0] == "is not" and isinstance(test.ops[0][1], nodes.Const)
                  and test.ops[0][1].value is None):
                tested = test.left
        elif isinstance(current, nodes.For) and child in current.body and isinstance(current.iter, nodes.Name):
            tested = current.iter
        elif isinstance(current, nodes.Comprehension) and isinstance(current.iter, nodes.Name):
            tested = current.iter
        elif isinstance(current, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
            tested = next((gen.iter for gen in current.generators if isinstance(gen.iter, nodes.Name)), None)
        if tested is not None:
            value = _passed(tested)
            if isinstance(value, nodes.Const) and value.value is None:
                return True
        child, current = current, current.parent
    return False


_INITIALIZER_NAMES = frozenset(
    {named.cls for named in K.NAMED} | {named.snake for named in K.NAMED}
    | {name.rsplit(".", 1)[-1] for name in K.LEGACY_INITIALIZERS}
    | {"VarianceScaling", "variance_scaling", "get", "deserialize"})


def _spelled_like_initializer(value: nodes.NodeNG) -> bool:
    """A cheap test before reading the value: a string, a dict, or a call of an initializer's name."""
    if isinstance(value, nodes.Const):
        return isinstance(value.value, str)
    if isinstance(value, nodes.Call):
        func = value.func
        name = func.attrname if isinstance(func, nodes.Attribute) else getattr(func, "name", None)
        return name in _INITIALIZER_NAMES
    return isinstance(value, nodes.Dict)


def _literal_initializers(call: nodes.Call) -> list[nodes.NodeNG]:
    """The initializers written at the call itself (not through a name): the literals a finding sits on."""
    values = list(call.args) + [keyword.value for keyword in call.keywords or ()]
    return [value for value in values if _spelled_like_initializer(value) and initializer_spec(value) is not None]


# --------------------------------------------------------------------------- reading the callee


def _body_calls(function: nodes.FunctionDef) -> list[nodes.Call]:
    return [call for call in function.nodes_of_class(nodes.Call, skip_klass=(nodes.FunctionDef, nodes.ClassDef))
            if isinstance(call.func, (nodes.Name, nodes.Attribute))]


def _landings(call: nodes.Call, hops: int, seen: tuple[int, ...]) -> Iterator[tuple[M.LayerSite, nodes.NodeNG]]:
    """The layers the callee of `call` builds, read with the call's arguments bound, and those of the project
    calls it makes in turn (up to MAX_HOPS); each with its activation (its own, else its default) and
    the node its judged kernel initializer stands for under the binding."""
    found = callee(call, local=hops > 1) if not has_star_arguments(call) else None
    if found is None or id(found[0]) in seen:
        return
    function, implicit_self = found
    arguments = _arguments(function, implicit_self, call)
    if arguments is None:
        return
    with binding(arguments):
        calls = _body_calls(function)
        if len(calls) > MAX_LAYER_CALLS:
            return
        for inner in calls:
            if _dead(inner, function):
                continue
            if M._is_layer_constructor(inner):  # noqa: SLF001 - the one test of a layer call
                site = M.build_site(inner)
                value = site.value_anchors.get(site.spec.judged_keyword or "") if site is not None else None
                if value is not None:
                    M._follow(site)  # noqa: SLF001 - its own activation, else its default
                    yield site, _initializer_target(value)
            elif hops < MAX_HOPS and _passes_bound(inner):
                yield from _landings(inner, hops + 1, seen + (id(function),))


def _passes_bound(call: nodes.Call) -> bool:
    """Whether the call passes on a value the reading binds (the only calls worth following)."""
    values = list(call.args) + [keyword.value for keyword in call.keywords or ()]
    return any(_passed(value) is not value for value in values if isinstance(value, nodes.Name))


# --------------------------------------------------------------------------- findings at the literal


def _where(site: M.LayerSite, here: nodes.Module) -> tuple[str, ...]:
    """`networks/utils.py:218` (from the top of the package both files are in), then `utils.py:218`."""
    there = Path(site.anchor.root().file or "")
    line = site.span.line
    forms = []
    here_file = Path(here.file or "").resolve()
    root = siblings._package_root(here_file.parent)  # noqa: SLF001 - the same package rule
    try:
        forms.append(f"{there.resolve().relative_to(root).as_posix()}:{line}")
    except ValueError:
        pass
    forms.append(f"{there.name}:{line}")
    return tuple(dict.fromkeys(forms))


def _finding(literal: nodes.NodeNG, sites: list[M.LayerSite], here: nodes.Module,
             options: rules.Options) -> Finding | None:
    """W7701 at the literal, when every kernel it reaches is reported with the same replacement."""
    reported: list[tuple[M.LayerSite, Finding]] = []
    written = initializer_spec(literal)  # read where it is written: a replacement is spelled with this file's names
    keyword = literal.parent.arg if isinstance(literal.parent, nodes.Keyword) else None
    for site in sites:
        judged = site.spec.judged_keyword or ""
        site.initializers[judged] = replace(written, origins=()) if written is not None else None
        site.tf_alias = module_alias(here, "tensorflow")
        site.initializers_module = None
        site.value_copies, site.settled_later = {}, False
        site.parameter_names = {judged: keyword} if keyword else {}
        site.spec = replace(site.spec, keyword_in_text=bool(keyword), string_initializers=isinstance(literal, nodes.Const))
        mismatch = next((finding for candidates in rules.layer_candidates(site, options) for finding in candidates
                         if finding.symbol == rules.W7701), None)
        if mismatch is None or mismatch.edit is None:
            return None  # the literal suits this kernel (or nothing measurable changes): no one fix for all
        reported.append((site, mismatch))
    if not reported or len({finding.edit.text for _site, finding in reported}) != 1:
        return None
    site, first = min(reported, key=lambda item: (str(item[0].anchor.root().file), item[0].span.start))
    span = span_of(literal)
    text = first.text
    head = site.class_name
    for where in _where(site, here):
        placed = text.replace(head, f"{head} at {where}", 1)
        if len(placed) <= rules.MAX_MESSAGE:
            text = placed
            break
    return Finding(rules.W7701, span, text, Edit(span, first.edit.text, first.edit.imports), first.covers)


def findings(calls: list[nodes.Call], options: rules.Options) -> dict[int, Finding]:
    """id(literal) -> its W7701, for the literal initializers the module's calls pass into project code."""
    result: dict[int, Finding] = {}
    for call in calls:
        if isinstance(call.func, nodes.Name) and call.func.name in _NOT_PROJECT:
            continue
        literals = _literal_initializers(call) if call.args or call.keywords else []
        if not literals:
            continue
        reached: dict[int, list[M.LayerSite]] = {id(literal): [] for literal in literals}
        try:
            for site, target in _landings(call, 1, ()):
                if id(target) in reached:
                    reached[id(target)].append(site)
        except RecursionError:
            continue
        for literal in literals:
            found = _finding(literal, reached[id(literal)], call.root(), options) if reached[id(literal)] else None
            if found is not None:
                result[id(literal)] = found
    return result


_NOT_PROJECT = frozenset({"dict", "list", "tuple", "partial", "getattr", "setattr", "print"})
