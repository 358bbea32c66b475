"""The project's own functions that return a copy of their argument, read as that argument.

    def clone_initializer(initializer):            # keras-hub, tf-models-official, tf-agents
        if not isinstance(initializer, keras.initializers.Initializer):
            return initializer
        config = initializer.get_config()
        return initializer.__class__.from_config(config)

    layers.Dense(64, kernel_initializer=clone_initializer(self.kernel_initializer))

A copy has the same config, so the initializer a layer gets is its argument's. A function counts
when it takes one parameter and every path through its body returns that parameter or a copy of
it: `p`, `p.__class__.from_config(p.get_config())` (also `type(p)`, through a local bound once to
`p.get_config()`), `copy.copy(p)`, `copy.deepcopy(p)`, `initializers.get(p)`,
`initializers.deserialize(initializers.serialize(p))`; nothing else happens in it (a config
edited on the way is not a copy). The function is the module's own, or one the file imports from
its own project (`siblings`: never an installed package, never keras/tensorflow). An imported
module's verdicts are kept per file version (path, size, mtime), so they depend only on the files
and `pylint -j N` reads what `-j 1` reads. Reads astroid's tree only.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from astroid import nodes

from pylint_glorot import siblings
from pylint_glorot.resolve import _single_binding, keras_member, qualified_name  # noqa: PLC2701 - one lookup rule

_CACHE = "_glorot_returns_copy"
_MAX_FILE = 1_000_000  # bytes: a bigger module is not read for its helpers
_COPY_CALLS = {"copy.copy", "copy.deepcopy"}


def copied_argument(call: nodes.Call) -> nodes.NodeNG | None:
    """The argument of `clone_initializer(x)` when the called function returns a copy of it; else None."""
    if len(call.args) != 1 or call.keywords or isinstance(call.args[0], nodes.Starred):
        return None
    return call.args[0] if _copies(call.func) else None


def _copies(func: nodes.NodeNG) -> bool:
    if isinstance(func, nodes.Name):
        binding = _single_binding(func)
        if isinstance(binding, nodes.FunctionDef):
            return returns_copy(binding)
        if isinstance(binding, nodes.ImportFrom):
            path = siblings.module_path(binding)
            return path is not None and _real_name(binding, func.name) in copy_functions(path)
        return False
    if isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name):  # tf_utils.clone_initializer
        binding = _single_binding(func.expr)
        if isinstance(binding, nodes.ImportFrom):
            path = siblings.submodule_path(binding, func.expr.name)
            return path is not None and func.attrname in copy_functions(path)
    return False


def _real_name(node: nodes.ImportFrom, name: str) -> str | None:
    try:
        return node.real_name(name)
    except Exception:  # astroid raises AttributeInferenceError
        return None


def copy_functions(path: Path) -> frozenset[str]:
    """The names of the functions of the project module at `path` that return a copy of their argument."""
    try:
        stat = os.stat(path)
    except OSError:
        return frozenset()
    if stat.st_size > _MAX_FILE:
        return frozenset()
    return _copy_functions(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _copy_functions(path: str, _size: int, _mtime: int) -> frozenset[str]:
    module = siblings.parse_file(Path(path))
    if module is None:
        return frozenset()
    return frozenset(name for name, bound in module.locals.items()
                     if len(bound) == 1 and isinstance(bound[0], nodes.FunctionDef) and returns_copy(bound[0]))


def returns_copy(function: nodes.FunctionDef) -> bool:
    """Whether every path through `function` returns its one parameter or a copy of it."""
    found = function.__dict__.get(_CACHE)
    if found is None:
        found = _returns_copy(function)
        setattr(function, _CACHE, found)
    return found


def _returns_copy(function: nodes.FunctionDef) -> bool:
    args = function.args
    if (function.decorators or function.is_method() or function.is_generator() or args.vararg or args.kwarg
            or args.kwonlyargs or args.posonlyargs or len(args.args or ()) != 1):
        return False
    body = function.body[1:] if function.doc_node is not None else function.body
    if not body or not isinstance(body[-1], nodes.Return):
        return False  # a path may fall off the end (None)
    param = args.args[0].name
    configs: set[str] = set()  # locals bound to `param.get_config()`
    copies: set[str] = {param}  # the parameter, and locals bound to a copy of it
    return _statements_copy(body, param, configs, copies)


def _statements_copy(body: list[nodes.NodeNG], param: str, configs: set[str], copies: set[str]) -> bool:
    for statement in body:
        if isinstance(statement, nodes.Return):
            if statement.value is None or not _is_copy(statement.value, param, configs, copies):
                return False
        elif isinstance(statement, nodes.If):
            if not (_statements_copy(statement.body, param, configs, copies)
                    and _statements_copy(statement.orelse, param, configs, copies)):
                return False
        elif isinstance(statement, nodes.Assign):
            if not _local_copy(statement, param, configs, copies):
                return False
        elif not isinstance(statement, nodes.Pass):
            return False  # anything else may change what is returned
    return True


def _local_copy(statement: nodes.Assign, param: str, configs: set[str], copies: set[str]) -> bool:
    """`config = p.get_config()` / `clone = copy.deepcopy(p)`: a new local, bound once."""
    if len(statement.targets) != 1 or not isinstance(statement.targets[0], nodes.AssignName):
        return False
    name = statement.targets[0].name
    if name in configs or name in copies or len(statement.scope().locals.get(name, ())) != 1:
        return False
    if _is_config(statement.value, param, configs):
        configs.add(name)
        return True
    if _is_copy(statement.value, param, configs, copies):
        copies.add(name)
        return True
    return False


def _is_param(node: nodes.NodeNG, param: str) -> bool:
    return isinstance(node, nodes.Name) and node.name == param


def _is_config(node: nodes.NodeNG, param: str, configs: set[str]) -> bool:
    """`p.get_config()`, or a local bound to it."""
    if isinstance(node, nodes.Name):
        return node.name in configs
    return (isinstance(node, nodes.Call) and not node.args and not node.keywords
            and isinstance(node.func, nodes.Attribute) and node.func.attrname == "get_config"
            and _is_param(node.func.expr, param))


def _is_copy(node: nodes.NodeNG, param: str, configs: set[str], copies: set[str]) -> bool:
    if isinstance(node, nodes.Name):
        return node.name in copies
    if not isinstance(node, nodes.Call) or node.keywords or len(node.args) != 1:
        return False
    func, (arg,) = node.func, node.args
    if isinstance(func, nodes.Attribute) and func.attrname == "from_config":
        return _is_class_of(func.expr, param) and _is_config(arg, param, configs)
    qualname = qualified_name(func)
    if qualname in _COPY_CALLS:
        return _is_param(arg, param)
    member = keras_member(qualname)
    if member == ("initializers", "get"):
        return _is_param(arg, param)
    if member == ("initializers", "deserialize") and isinstance(arg, nodes.Call) and len(arg.args) == 1:
        return keras_member(qualified_name(arg.func)) == ("initializers", "serialize") and _is_param(arg.args[0], param)
    return False


def _is_class_of(node: nodes.NodeNG, param: str) -> bool:
    """`p.__class__`, `type(p)`, or `p` itself (`from_config` is a classmethod)."""
    if isinstance(node, nodes.Attribute) and node.attrname == "__class__":
        return _is_param(node.expr, param)
    if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Name) and node.func.name == "type":
        return len(node.args) == 1 and not node.keywords and _is_param(node.args[0], param)
    return _is_param(node, param)
