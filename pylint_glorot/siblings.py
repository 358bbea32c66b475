"""A name a file imports from one of its own project's modules: where that module is, and the
value the name is bound to there (`from .inits import INIT`, `from myproject.inits import INIT`,
`from inits import INIT` beside the file).

Only files found from the importing file's own place are read: relative to its package, in its
folder, or inside the package tree it belongs to. Never sys.path, never an installed package,
never tensorflow/keras (their sources are not user code, and the static pass infers nothing
there). The module is parsed from its text (astroid's module cache is left alone, so an edit
of it is seen by the next lint) once per importing tree. The answer depends only on the files,
so `pylint -j N` gives what `-j 1` gives.
"""

from __future__ import annotations

import os
from pathlib import Path

import astroid
from astroid import nodes
from astroid.builder import AstroidBuilder

_FRAMEWORKS = {"tensorflow", "tf", "keras", "tf_keras"}
_MARKERS = {"site-packages", "dist-packages"}
_CACHE = "_glorot_sibling_modules"


def _package_root(folder: Path) -> Path:
    """The top folder of the package tree `folder` is in (itself when it holds no __init__.py)."""
    top = folder
    while (top / "__init__.py").is_file() and (top.parent / "__init__.py").is_file() and top.parent != top:
        top = top.parent
    return top


def _module_file(base: Path, dotted: str) -> Path | None:
    target = base.joinpath(*dotted.split(".")) if dotted else base
    for candidate in (target.with_suffix(".py") if dotted else None, target / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def module_path(node: nodes.ImportFrom) -> Path | None:
    """The file of the project module `node` imports from, or None (not found beside the file,
    installed, a framework, or a star import)."""
    filename = node.root().file
    if not filename or any(name == "*" for name, _alias in node.names):
        return None
    return _project_file(node, node.modname or "")


def submodule_path(node: nodes.ImportFrom, name: str) -> Path | None:
    """`from official.modeling import tf_utils`: the file of the project module `tf_utils` that the
    package holds (a module, not a name its `__init__.py` binds), or None; found as `module_path` is."""
    try:
        real = node.real_name(name)
    except astroid.AttributeInferenceError:
        return None
    if not node.root().file or real == "*":
        return None
    return _project_file(node, f"{node.modname}.{real}" if node.modname else real)


def import_path(node: nodes.Import, dotted: str) -> Path | None:
    """`import project.inits as inits`, `import inits`: the file of the project module `dotted` (a name
    the statement imports), found as `module_path` finds an absolute `from` import's; or None."""
    if not node.root().file or dotted not in {name for name, _alias in node.names}:
        return None
    return _project_file(node, dotted)


def parsed_module(node: nodes.NodeNG, path: Path) -> nodes.Module | None:
    """The project module at `path`, parsed once per tree `node` belongs to."""
    cache = node.root().__dict__.setdefault(_CACHE, {})
    key = str(path)
    if key not in cache:
        cache[key] = _parse(path)
    return cache[key]


def _project_file(node: nodes.ImportFrom | nodes.Import, dotted: str) -> Path | None:
    here = Path(node.root().file).resolve()
    if _MARKERS & set(here.parts):
        return None
    level = getattr(node, "level", None)  # an `import x` statement has none
    if level:
        base = here.parent
        for _ in range(level - 1):
            base = base.parent
        found = _module_file(base, dotted)
    else:
        if not dotted or dotted.split(".")[0] in _FRAMEWORKS:
            return None
        found = _module_file(here.parent, dotted)  # a module beside the file
        if found is None:
            root = _package_root(here.parent)
            if (root / "__init__.py").is_file() and dotted.split(".")[0] == root.name:
                found = _module_file(root.parent, dotted)  # the file's own package, by its absolute name
    if found is None or found.resolve() == here or _MARKERS & set(found.resolve().parts):
        return None
    return found


def imported_module(node: nodes.ImportFrom) -> nodes.Module | None:
    """The project module `node` imports from, parsed (once per importing tree), or None."""
    path = module_path(node)
    return parsed_module(node, path) if path is not None else None


def parse_file(path: Path) -> nodes.Module | None:
    """A project module parsed from its text, outside astroid's module cache; None when unreadable."""
    return _parse(path)


def _parse(path: Path) -> nodes.Module | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    modname = "_glorot_sibling." + path.stem
    manager = astroid.MANAGER
    try:
        module = AstroidBuilder(manager).string_build(text, modname, os.fspath(path))
    except (astroid.AstroidError, SyntaxError, ValueError, RecursionError):
        return None
    if manager.astroid_cache.get(modname) is module:
        del manager.astroid_cache[modname]
    return module


def imported_value(node: nodes.ImportFrom, name: str) -> nodes.NodeNG | None:
    """The expression the project module binds `name` to at its top level, once (`INIT = ...`)."""
    module = imported_module(node)
    if module is None:
        return None
    try:
        real = node.real_name(name)
    except astroid.AttributeInferenceError:
        return None
    return module_value(module, real)


def module_value(module: nodes.Module, real: str | None) -> nodes.NodeNG | None:
    """The expression `module` binds `real` to at its top level, once."""
    bindings = module.locals.get(real, []) if real else []
    if len(bindings) != 1 or not isinstance(bindings[0], nodes.AssignName):
        return None
    statement = bindings[0].parent
    if isinstance(statement, nodes.Assign) and len(statement.targets) == 1 and statement.targets[0] is bindings[0]:
        return statement.value
    if isinstance(statement, nodes.AnnAssign) and statement.value is not None:
        return statement.value
    return None
