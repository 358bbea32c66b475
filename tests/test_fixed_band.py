"""W7709's band: where a chain's predicted signal or gradient figure is reported, and which one the message names.

The band (knowledge.FIXED_SCALE_BAND) was decided from training runs on application code and on
sweeps (docs/messages/fixed-scale-initializer.md, "Why the band is 1e-2 .. 1e2"); these tests pin
its edges on chains whose figures sit just inside and just outside them.
"""

from __future__ import annotations

import math

import astroid
import pytest

from pylint_glorot import analysis, rules
from pylint_glorot import knowledge as K


def _findings(source: str, options: rules.Options | None = None) -> list:
    module = astroid.parse(source)
    return [f.candidates[0] for f in analysis.module_findings(module, options or rules.Options())
            if f.candidates[0].symbol == rules.W7709]


def _dense_chain(activation: str, stddev: float, depth: int = 2, width: int = 256) -> str:
    return ("import keras\nfrom keras import initializers, layers\n"
            f"model = keras.Sequential([keras.Input(shape=({width},))] + [layers.Dense({width}, activation='{activation}', "
            f"kernel_initializer=initializers.RandomNormal(stddev={stddev!r})) for _ in range({depth})])\n")


def _relu_stddev(chain_gain: float, depth: int = 2, width: int = 256) -> float:
    """The stddev whose relu chain of `depth` Dense(width) layers has the predicted signal gain `chain_gain`."""
    return math.sqrt(2 * chain_gain ** (1 / depth) / width)


def test_the_band_is_the_measured_one() -> None:
    assert K.FIXED_SCALE_BAND == (1e-2, 1e2)
    assert rules.Options().fixed_band == K.FIXED_SCALE_BAND


@pytest.mark.parametrize(("gain", "reported"), [(0.012, False), (0.008, True), (90.0, False), (110.0, True)])
def test_the_signal_edges(gain: float, reported: bool) -> None:
    found = _findings(_dense_chain("relu", _relu_stddev(gain)))
    assert bool(found) == reported
    if reported:
        assert f"signal {gain:.2g}x over the chain" in found[0].text


def test_a_bounded_signal_with_a_growing_gradient_names_the_gradient() -> None:
    """N(0, 1) under tanh at width 256: the signal stays at 0.95x over four layers, the gradient grows 5.7e3x."""
    (found,) = _findings(_dense_chain("tanh", 1.0, depth=4))
    assert "gradient 5.7e+03x over the chain" in found.text and "signal" not in found.text
    assert found.text.endswith("use kernel_initializer=initializers.GlorotNormal()")


def test_the_gradient_edge() -> None:
    """tanh with sigma_w^2 n = 16 over four layers: gradient 28x (trains, measured) is inside; six such layers
    (gradient about 4e2) are outside."""
    inside = _findings(_dense_chain("tanh", 0.25, depth=4))
    outside = _findings(_dense_chain("tanh", 0.25, depth=6))
    assert inside == []
    assert len(outside) == 1 and "gradient" in outside[0].text


def test_an_underflowing_gradient_is_said_as_a_bound() -> None:
    source = ("import keras\nfrom keras import initializers, layers\n"
              "m = keras.Sequential([keras.Input((256,))] + [layers.Dense(256, activation='tanh', "
              "kernel_initializer=initializers.RandomUniform(0.0, 1.0)) for _ in range(6)])\n")
    (found,) = _findings(source)
    assert "gradient <1e-99x over the chain" in found.text
    assert len(found.text) <= 160


def test_a_fix_that_changes_nothing_is_not_reported() -> None:
    """200 tanh layers on Glorot's own scale: the signal ends below the band, as it would on GlorotNormal."""
    assert _findings(_dense_chain("tanh", 0.125, depth=200, width=64)) == []
    # the same chain one decade further from Glorot's scale is reported
    assert len(_findings(_dense_chain("tanh", 0.0125, depth=4, width=64))) == 1


def test_a_narrower_band_from_the_options_reports_more() -> None:
    source = _dense_chain("relu", _relu_stddev(0.05))
    assert _findings(source) == []
    (found,) = _findings(source, rules.Options(fixed_band=(0.1, 10.0)))
    assert "signal 0.05x" in found.text
