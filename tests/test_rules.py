"""Unit tests of the pure rules: built from plain data, no source code, no pylint."""

from __future__ import annotations

import ast
import importlib
import sys

import pytest

from pylint_glorot import knowledge as K
from pylint_glorot import rules
from pylint_glorot.findings import Span
from pylint_glorot.model import LayerSite
from pylint_glorot.resolve import ActivationSpec, InitializerSpec

SPAN = Span(1, 0, 1, 10)
CALL = Span(1, 0, 1, 40)


def named_spec(snake: str, spelled: str = "string", seed: str | None = None) -> InitializerSpec:
    named = K.NAMED_BY_SPELLING[snake]
    return InitializerSpec("variance_scaling", SPAN, spelled, scale=named.scale, mode=named.mode,
                           distribution=named.distribution, named=named, written_name=f'"{snake}"', seed_text=seed)


def site(activation: str | None, initializer: InitializerSpec | None = None, *, layer: str = "Dense",
         in_channels: int | None = None, out_channels: int | None = None) -> LayerSite:
    spec = K.LAYERS[layer]
    initializers = {} if initializer is None else {spec.judged_keyword: initializer}
    act = ActivationSpec(activation, K.activation_family(activation)) if activation else None
    return LayerSite(layer, spec, "keras", CALL, Span(1, 39, 1, 39), initializers, act, activation=act,
                     in_channels=in_channels, out_channels=out_channels)


def symbols(layer_site: LayerSite, options: rules.Options = rules.Options()) -> list[str]:
    return [candidates[0].symbol for candidates in rules.layer_candidates(layer_site, options)]


@pytest.mark.parametrize(
    ("activation", "initializer", "expected"),
    [
        ("relu", "glorot_uniform", '"he_uniform"'),
        ("relu", "glorot_normal", '"he_normal"'),
        ("gelu", "lecun_uniform", '"he_uniform"'),
        ("swish", "lecun_normal", '"he_normal"'),
        ("tanh", "he_uniform", '"glorot_uniform"'),
        ("tanh", "he_normal", '"glorot_normal"'),
        ("selu", "he_uniform", '"lecun_normal"'),
        ("selu", "glorot_uniform", '"lecun_normal"'),
    ],
)
def test_mismatch_keeps_the_distribution_and_names_the_fix(activation, initializer, expected) -> None:
    found = rules.layer_candidates(site(activation, named_spec(initializer)), rules.Options())
    finding = found[0][0]
    assert finding.symbol == rules.W7701
    assert finding.edit is not None and finding.edit.text == expected
    assert finding.text.endswith(f"use kernel_initializer={expected}")


@pytest.mark.parametrize(
    ("activation", "initializer"),
    [
        ("relu", "he_uniform"), ("relu", "he_normal"), ("leaky_relu", "he_normal"),
        ("tanh", "glorot_uniform"), ("tanh", "lecun_normal"), ("softsign", "glorot_normal"),
        ("selu", "lecun_normal"), ("selu", "lecun_uniform"),
        ("sigmoid", "he_uniform"), ("sigmoid", "glorot_uniform"), ("linear", "he_uniform"),
        ("softmax", "he_normal"), ("softplus", "he_uniform"),
    ],
)
def test_suitable_or_unjudged_pairings_are_silent(activation, initializer) -> None:
    assert symbols(site(activation, named_spec(initializer))) == []


def test_the_seed_is_carried_into_the_replacement() -> None:
    spec = InitializerSpec("variance_scaling", SPAN, "class", scale=1.0, mode=K.FAN_AVG, distribution=K.UNIFORM,
                           named=K.NAMED_BY_SPELLING["glorot_uniform"], written_name="GlorotUniform(seed=3)",
                           seed_text="seed=3", prefix="initializers.")
    finding = rules.layer_candidates(site("relu", spec), rules.Options())[0][0]
    assert finding.edit.text == "initializers.HeUniform(seed=3)"


def test_untruncated_normal_stays_variance_scaling() -> None:
    spec = InitializerSpec("variance_scaling", SPAN, "vs", scale=1.0, mode=K.FAN_AVG,
                           distribution=K.UNTRUNCATED_NORMAL, written_name="VarianceScaling(...)",
                           prefix="keras.initializers.", is_vs=True)
    finding = rules.layer_candidates(site("relu", spec), rules.Options())[0][0]
    assert finding.edit.text == 'keras.initializers.VarianceScaling(2.0, "fan_in", "untruncated_normal")'


def test_object_replacement_where_strings_are_not_accepted_imports_tensorflow_when_needed() -> None:
    landing = rules.Landing("initializer", accepts_string=False, tf_alias=None)
    text, imports = rules.replacement("he", K.UNIFORM, None, landing)
    assert text == "tf.keras.initializers.he_uniform()"
    assert imports == ("import tensorflow as tf",)
    landing = rules.Landing("initializer", accepts_string=False, tf_alias="tensorflow")
    assert rules.replacement("he", K.UNIFORM, None, landing) == ("tensorflow.keras.initializers.he_uniform()", ())


@pytest.mark.parametrize(
    ("fans", "old", "scheme", "ratio"),
    [
        ((256, 256), (1.0, K.FAN_AVG), "he", 2.0),
        ((512, 10), (1.0, K.FAN_AVG), "he", 522 / 512),
        ((1, 32), (1.0, K.FAN_AVG), "he", 33.0),
        (None, (1.0, K.FAN_IN), "he", 2.0),
        (None, (1.0, K.FAN_AVG), "he", None),
        ((128, 128), (1.0, K.FAN_AVG), "lecun", 1.0),
        ((64, 256), (2.0, K.FAN_IN), "glorot", 0.2),
    ],
)
def test_variance_ratio(fans, old, scheme, ratio) -> None:
    assert rules.variance_ratio(old, scheme, fans) == pytest.approx(ratio) if ratio else \
        rules.variance_ratio(old, scheme, fans) is None


def test_a_fix_that_changes_the_variance_by_less_than_a_quarter_is_not_reported() -> None:
    assert symbols(site("relu", named_spec("glorot_uniform"), in_channels=512, out_channels=10)) == []
    assert symbols(site("relu", named_spec("glorot_uniform"), in_channels=512, out_channels=256)) == [rules.W7701]
    assert symbols(site("selu", named_spec("glorot_normal"), in_channels=128, out_channels=128)) == []


def test_the_factor_is_stated_when_the_fans_are_known() -> None:
    finding = rules.layer_candidates(site("relu", named_spec("glorot_uniform"), layer="Conv2D",
                                          in_channels=1, out_channels=32), rules.Options())[0][0]
    assert "signal 0.03x per layer" in finding.text


def test_conv_transpose_counts_filters_as_fan_in() -> None:
    # kernel k x out x in: He's fan_in is k*filters, so Glorot -> He scales by (filters + in) / filters
    layer = site("relu", named_spec("glorot_uniform"), layer="Conv2DTranspose", in_channels=64, out_channels=16)
    assert "signal 0.2x per layer" in rules.layer_candidates(layer, rules.Options())[0][0].text


def test_normalized_layers_are_judged_only_on_request() -> None:
    layer = site("relu", named_spec("glorot_uniform"))
    layer.normalized = True
    assert symbols(layer) == []
    assert symbols(layer, rules.Options(check_normalized=True)) == [rules.W7701]


def chain(length: int, **kwargs) -> tuple[list[LayerSite], dict]:
    sites = [site("relu", **kwargs) for _ in range(length)]
    links = {id(a): (b, False) for a, b in zip(sites, sites[1:])}
    return sites, links


@pytest.mark.parametrize(("length", "fires"), [(1, False), (2, False), (3, True), (6, True)])
def test_implicit_default_fires_from_a_chain_of_three(length, fires) -> None:
    sites, links = chain(length)
    rules.number_chains(sites, links, rules.Options())
    found = [symbols(s) for s in sites]
    assert found == ([[rules.C7702]] + [[]] * (length - 1) if fires else [[]] * length)  # once, at the first layer
    if fires:
        finding = rules.layer_candidates(sites[0], rules.Options())[0][0]
        assert [edit.span for edit in finding.edits] == [s.insert_span for s in sites]
    if fires:
        assert [s.chain_index for s in sites] == list(range(1, length + 1))
        assert sites[0].chain_shrink == pytest.approx(0.5 ** length)


def test_normalization_between_layers_breaks_the_chain() -> None:
    sites, _ = chain(4)
    links = {id(a): (b, index == 1) for index, (a, b) in enumerate(zip(sites, sites[1:]))}
    rules.number_chains(sites, links, rules.Options())
    assert [s.chain_length for s in sites] == [2, 2, 2, 2]


def test_he_layers_do_not_count_in_a_chain() -> None:
    sites, links = chain(3)
    sites[1].initializers = {"kernel_initializer": named_spec("he_uniform")}
    rules.number_chains(sites, links, rules.Options())
    assert [s.chain_length for s in sites] == [1, 0, 1]


def test_implicit_edit_adds_the_keyword_after_the_last_argument() -> None:
    sites, links = chain(3)
    rules.number_chains(sites, links, rules.Options())
    finding = rules.layer_candidates(sites[0], rules.Options())[0][0]
    assert finding.span == CALL
    assert finding.edit.span == Span(1, 39, 1, 39)
    assert finding.edit.text == ', kernel_initializer="he_uniform"'


def test_every_replacement_is_valid_python() -> None:
    for activation in ("relu", "tanh", "selu"):
        for snake in K.NAMED_BY_SPELLING:
            if snake[0].isupper():
                continue
            for candidates in rules.layer_candidates(site(activation, named_spec(snake, seed="seed=1")), rules.Options()):
                ast.parse(candidates[0].edit.text, mode="eval")


def test_the_rules_core_imports_neither_pylint_nor_tensorflow() -> None:
    for name in ("pylint_glorot.knowledge", "pylint_glorot.rules", "pylint_glorot.findings"):
        source = importlib.util.find_spec(name).origin
        tree = ast.parse(open(source, encoding="utf-8").read())
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"pylint", "tensorflow", "keras", "tf_keras", "astroid"}, (name, imported)
    assert "pylint_glorot.rules" in sys.modules


def test_a_chain_finding_names_every_layer_of_the_chain() -> None:
    sites, links = chain(4)
    rules.number_chains(sites, links, rules.Options())
    finding = rules.layer_candidates(sites[0], rules.Options())[0][0]
    assert finding.chain == tuple(s.span for s in sites)
    assert len(finding.edits) == 4
