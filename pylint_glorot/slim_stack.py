"""`slim.stack(net, slim.fully_connected, [32, 64, 128], scope="fc")`: one layer per list element.

slim builds `layer(net, *args, **kwargs)` for each element in turn (an element that is not a
tuple or list is the one positional argument), each reading the one before: a chain, with
slim's defaults (activation_fn=relu, weights_initializer=xavier_initializer()). Each element
is a layer site whose span is the element; a keyword the stack call gives applies to every
layer, so a missing `weights_initializer=` is added to the stack call once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from astroid import nodes

from pylint_glorot import knowledge as K
from pylint_glorot.resolve import CallView, canonical, dereference, qualified_name, span_of

_STACKS = tuple(module + "stack" for module in K.CONTRIB_LAYER_MODULES)
MAX_LAYERS = 64


def stacked_elements(call: nodes.Call) -> list[nodes.NodeNG] | None:
    """The elements of a literal `stack_args` list of a slim/contrib `stack` call."""
    if not isinstance(call.func, (nodes.Name, nodes.Attribute)):
        return None
    name = call.func.attrname if isinstance(call.func, nodes.Attribute) else call.func.name
    if name != "stack" or canonical(qualified_name(call.func) or "") not in _STACKS:
        return None
    if len(call.args) != 3 or any(isinstance(arg, nodes.Starred) for arg in call.args):
        return None  # stack_args by keyword or unpacked: not read
    listed = dereference(call.args[2])
    if not isinstance(listed, (nodes.List, nodes.Tuple)) or not listed.elts or len(listed.elts) > MAX_LAYERS:
        return None
    if any(isinstance(elt, nodes.Starred) for elt in listed.elts):
        return None
    return list(listed.elts)


def stacked_view(call: nodes.Call, element: nodes.NodeNG) -> CallView:
    """The call slim makes for one element: `layer(net, *element, **kwargs)`."""
    args = list(element.elts) if isinstance(element, (nodes.Tuple, nodes.List)) else [element]
    return CallView(call.args[1], [call.args[0], *args], list(call.keywords or ()), call)


def stack_sites(calls: list[nodes.Call], build_site: Callable) -> Iterator[tuple[int, Any]]:
    """(id(element), site) for each layer of each readable stack call among `calls`."""
    for call in calls:
        elements = stacked_elements(call)
        for element in elements or ():
            site = build_site(call, element)
            if site is None:
                break
            site.span = span_of(element)
            yield id(element), site


def stack_steps(call: nodes.NodeNG, sites: dict[int, Any], site_step: Callable) -> list[Any] | None:
    """The layer steps of a stack call in order, None when it is not one the checker read."""
    elements = stacked_elements(call) if isinstance(call, nodes.Call) else None
    if not elements or not all(id(element) in sites for element in elements):
        return None
    return [site_step(sites[id(element)]) for element in elements]
