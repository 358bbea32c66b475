"""The passes of a layer one call builds several times: what each pass reads.

A comprehension (`[Dense(64) for _ in range(4)]`), `slim.repeat` or a counted loop of one layer
applies the layer to its own output; a counted loop of several layers (`for _ in range(3):
x = Conv2D(f, 3, strides=2)(x); x = Conv2D(f, 3)(x)`) runs its body again on what the last
pass wrote. Each pass's input shape follows from the graph nodes of the body (`graph.pass_input`),
so a chain's figure multiplies each pass's own gain, not the first pass's gain `repeat` times.
Pure: LayerSites and graph nodes in, views of the site (its input shape and channels per pass) out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pylint_glorot import graph as G
from pylint_glorot import links


def pass_views(site: Any) -> list[Any]:
    """The site as each of its passes reads, first to last (the site itself when it builds one layer)."""
    if site.repeat <= 1:
        return [site]
    views = [site]
    for passed in range(1, site.repeat):
        shape = pass_input(site, passed)
        views.append(replace(site, input_shape=shape, in_channels=_channels(site, shape), repeat=1))
    return views


def chain_views(site: Any, chain: list[Any]) -> list[Any]:
    """The passes of `site` a run of layers (`chain`) holds in a row: every pass where each weighted layer of
    its loop's body is in the run; else the first only (`for _: x = relu(x); x = tanh(x)` runs relu, tanh,
    relu, ...: the tanh layer ends each run of relu layers)."""
    if site.repeat <= 1:
        return [site]
    if site.loop_body:
        members = {id(member) for member in chain}
        body_layers = [node.site for node in site.loop_body[0] if node.kind == G.LAYER]
        if any(layer is None or id(layer) not in members for layer in body_layers):
            return [site]
    return pass_views(site)


def pass_input(site: Any, passed: int) -> tuple | None:
    """The shape pass `passed` (0 first) of the site reads, None when the source does not fix it."""
    if passed == 0:
        return site.input_shape
    if site.loop_body:
        body, index = site.loop_body
        return G.pass_input(list(body), index, passed)
    node = G.Node(G.LAYER, layer=site.kind, config=site.config)  # the layer applied to its own output
    return G.repeated([node], passed, site.input_shape)


def _channels(site: Any, shape: tuple | None) -> int | None:
    """The channels a later pass reads: its input shape's, else what the layer before it in the loop's
    cycle writes (links.pass_channels; the site's own units for a layer applied to its own output)."""
    if shape is not None and not (site.config.get("data_format") == "channels_first" and site.spec.kind != "dense"):
        last = shape[-1]
        if isinstance(last, int):
            return last
    if site.loop_body:
        return links.pass_channels(*site.loop_body)
    return links.pass_channels([G.Node(G.LAYER, layer=site.kind, config=site.config, site=site)], 0)
