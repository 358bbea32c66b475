"""Read a source snippet as the checker does: its module model with the chains numbered, and the first
candidate of each node's findings (what pylint reports where every message is enabled)."""

from __future__ import annotations

import textwrap

import astroid

from pylint_glorot import analysis, rules
from pylint_glorot.model import analyze_module


def chained_model(source: str):
    module = astroid.parse(textwrap.dedent(source))
    collected = analysis.collect(module)
    model = analyze_module(module, analysis._interesting_calls(collected))  # noqa: SLF001
    rules.number_chains(model.sites, model.links, rules.Options())
    return model


def first_findings(source: str) -> list:
    module = astroid.parse(textwrap.dedent(source))
    return [found.candidates[0] for found in analysis.module_findings(module, rules.Options())]
