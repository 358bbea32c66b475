"""Values a file reads from a module of its own project, without running either:

    from project import inits            # or: import project.inits as inits / import inits
    layers.Dense(256, activation="relu", kernel_initializer=inits.INIT)
    from project.inits import INIT
    layers.Dense(256, activation="relu", kernel_initializer=INIT)

`inits.INIT` and `INIT` stand for the expression `project/inits.py` binds `INIT` to at its top level, once.
The module is found from the importing file's own imports and place (`siblings`: never sys.path, never
an installed package, never tensorflow/keras) and parsed from its text; its names resolve through its
own imports. Reads astroid's tree only.
"""

from __future__ import annotations

from pathlib import Path

from astroid import nodes

from pylint_glorot import siblings
from pylint_glorot.resolve import _single_binding  # noqa: PLC2701 - one lookup rule


def project_value(node: nodes.NodeNG) -> nodes.NodeNG | None:
    """The expression a project module binds the name `node` reads (`INIT`, `inits.INIT`, `project.inits.INIT`)."""
    if isinstance(node, nodes.Name):
        binding = _single_binding(node)
        return siblings.imported_value(binding, node.name) if isinstance(binding, nodes.ImportFrom) else None
    if not isinstance(node, nodes.Attribute):
        return None
    module = project_module(node.expr)
    return siblings.module_value(module, node.attrname) if module is not None else None


def project_module(node: nodes.NodeNG) -> nodes.Module | None:
    """The project module an expression names: `inits` after `from project import inits` or
    `import project.inits as inits`, `project.inits` after `import project.inits`."""
    path = project_module_path(node)
    return siblings.parsed_module(node, path) if path is not None else None


def project_module_path(node: nodes.NodeNG) -> Path | None:
    """The file of the project module an expression names (as `project_module` finds it), or None."""
    dotted = _dotted(node)
    if dotted is None:
        return None
    head = node
    while isinstance(head, nodes.Attribute):
        head = head.expr
    assert isinstance(head, nodes.Name)
    binding = _single_binding(head)
    path = None
    if isinstance(binding, nodes.ImportFrom) and head is node:
        path = siblings.submodule_path(binding, head.name)
    elif isinstance(binding, nodes.Import):
        for name, alias in binding.names:
            if alias == head.name and head is node:  # import project.inits as inits
                path = siblings.import_path(binding, name)
            elif alias is None and name == dotted:  # import inits; import project.inits -> project.inits.X
                path = siblings.import_path(binding, name)
    return path


def _dotted(node: nodes.NodeNG) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Attribute):
        base = _dotted(node.expr)
        return f"{base}.{node.attrname}" if base else None
    return None
