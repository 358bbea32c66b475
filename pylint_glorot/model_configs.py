"""Whole models given as literal configs: their layers, in order, as one network.

    keras.Sequential.from_config({"name": "mlp", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [None, 784]}},
        {"class_name": "Dense", "config": {"units": 256, "activation": "relu"}},
        ...]})
    keras.models.model_from_config({"class_name": "Sequential", "config": {...}})
    keras.Model.from_config({"layers": [...], ...})          # functional: only where it is a chain

Each weighted layer entry is a layer site, read as `layers.deserialize` of that entry is (its
config entries are the keywords, a fix edits the dict). A functional config's layers form a
chain only where each one's `inbound_nodes` name exactly the layer before it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import astroid
from astroid import nodes

from pylint_glorot import graph as G
from pylint_glorot import knowledge as K
from pylint_glorot.layerconfig import declared_input_shape, keras_kind, layer_config
from pylint_glorot.resolve import (ActivationSpec, CallView, activation_spec, config_keywords, dereference,
                                   keras_member, literal, qualified_name, span_of)

_MODEL_CLASSES = {"Sequential", "Model", "Functional"}
# {"class_name": "Sequential", "config": {...}}: tf.keras' model_from_config, Keras 3's deserializers
_READERS = {"model_from_config", "deserialize_keras_object", "deserialize"}
_CALLS = ("from_config", "model_from_json", *_READERS)
MAX_LAYERS = 500


def _entries(node: nodes.NodeNG) -> dict[str, nodes.NodeNG] | None:
    found = config_keywords(node)
    return None if found is None else {keyword.arg: keyword.value for keyword in found[1]}


def model_layers(call: nodes.Call) -> tuple[list[nodes.NodeNG], bool] | None:
    """(the layer entries of the literal model config `call` reads, whether they are a Sequential's)."""
    if len(call.args) != 1 or call.keywords or not isinstance(call.func, (nodes.Attribute, nodes.Name)):
        return None
    func = call.func
    if isinstance(func, nodes.Attribute) and func.attrname == "from_config":
        member = keras_member(qualified_name(func.expr))
        if not member or member[1] not in _MODEL_CLASSES:
            return None
        return _layers_of(call.args[0], member[1] == "Sequential")
    member = keras_member(qualified_name(func))
    parsed = json_config(call) if member and member[1] == "model_from_json" else None
    if parsed is None and (not member or member[1] not in _READERS or (member[1] == "deserialize"
                                                                       and member[0] != "layers")):
        return None
    outer = _entries(parsed if parsed is not None else call.args[0])
    if outer is None or "config" not in outer:
        return None
    class_name = literal(outer.get("class_name"))
    if class_name not in _MODEL_CLASSES:
        return None
    return _layers_of(outer["config"], class_name == "Sequential")


def _layers_of(config: nodes.NodeNG, sequential: bool) -> tuple[list[nodes.NodeNG], bool] | None:
    config = dereference(config)
    if sequential and isinstance(config, nodes.List):  # Keras 1: the config is the layer list
        listed = config
    else:
        entries = _entries(config)
        listed = dereference(entries["layers"]) if entries and "layers" in entries else None
    if not isinstance(listed, (nodes.List, nodes.Tuple)) or len(listed.elts) > MAX_LAYERS:
        return None
    return list(listed.elts), sequential


def config_sites(calls: list[nodes.Call], build_site: Callable) -> Iterator[tuple[int, Any]]:
    """(id(entry), site) for every weighted layer of every literal model config among `calls`."""
    for call in calls:
        if not isinstance(call.func, nodes.Attribute) and not isinstance(call.func, nodes.Name):
            continue
        found = model_layers(call) if _last_name(call.func) in _CALLS else None
        if found is None:
            continue
        in_string = _last_name(call.func) == "model_from_json"
        for entry in found[0]:
            if isinstance(entry, nodes.Dict):
                site = build_site(call, entry)
                if site is not None:
                    site.span = span_of(entry)
                    if in_string:  # nodes of the parsed JSON: nothing but the rules may follow them
                        site.in_string, site.value_anchors = _quoting(call), {}
                    yield id(entry), site


def _quoting(call: nodes.Call) -> Quoting | bool:
    """How the JSON string `call` reads is quoted (truthy: the site is in a string)."""
    parsed = json_config(call)
    return getattr(parsed, "_glorot_quoting", None) or True


def _last_name(func: nodes.NodeNG) -> str | None:
    return func.attrname if isinstance(func, nodes.Attribute) else getattr(func, "name", None)


def config_steps(call: nodes.Call, sites: dict[int, Any]) -> list[Any] | None:
    """The steps of a literal model config, in order (a barrier where a functional config branches)."""
    if _last_name(call.func) not in _CALLS:
        return None
    found = model_layers(call)
    if found is None:
        return None
    from pylint_glorot.model import BARRIER

    entries, sequential = found
    steps: list[Any] = []
    names = [_layer_name(entry) for entry in entries]
    for index, entry in enumerate(entries):
        if not sequential and index and not _reads_only(entry, names[index - 1], names):
            steps.append(BARRIER)
        steps.append(_entry_step(call, entry, sites))
    return steps if any(step.site is not None for step in steps) else None


def _layer_name(entry: nodes.NodeNG) -> str | None:
    outer = _entries(entry)
    if outer is None:
        return None
    name = literal(outer.get("name"))
    if isinstance(name, str):
        return name
    inner = _entries(outer["config"]) if "config" in outer else None
    name = literal(inner.get("name")) if inner else None
    return name if isinstance(name, str) else None


def _reads_only(entry: nodes.NodeNG, previous: str | None, names: list[str | None]) -> bool:
    """Whether a functional config's layer reads exactly the layer before it (its inbound_nodes)."""
    outer = _entries(entry)
    if outer is None or previous is None or "inbound_nodes" not in outer:
        return False
    known = {name for name in names if name}
    read = {node.value for node in outer["inbound_nodes"].nodes_of_class(nodes.Const)
            if isinstance(node.value, str) and node.value in known}
    return read == {previous}


def _entry_step(call: nodes.Call, entry: nodes.NodeNG, sites: dict[int, Any]) -> Any:
    from pylint_glorot.model import BARRIER, Step

    outer = _entries(entry)
    class_name = literal(outer.get("class_name")) if outer else None
    inner = config_keywords(outer["config"]) if outer and "config" in outer else None
    if not isinstance(class_name, str) or inner is None:
        return BARRIER
    view = CallView(call.func, [], inner[1], call)
    site = sites.get(id(entry))
    if site is not None:
        node = G.Node(G.LAYER, layer=site.kind, config=site.config, site=site, declared_shape=declared_input_shape(view))
        site.nodes.append(node)
        return Step("layer", site=site, node=node)
    name = keras_kind(class_name)

    def step(kind: str, **extra: Any) -> Any:
        node = G.Node(kind, layer=name if kind != G.INPUT else None, config=layer_config(view, name))
        node.declared_shape = declared_input_shape(view)
        return Step(kind, node=node, **extra)

    if name in K.INPUT_CALLABLES:
        return step("input")
    if name == "Activation" or name in K.ACTIVATION_LAYERS:
        spec = _activation(name, {keyword.arg: keyword.value for keyword in inner[1]})
        return step("activation", activation=spec) if spec is not None else BARRIER
    if name in K.NORMALIZATION_LAYERS:
        return step("norm")
    if K.is_passthrough_layer(name):
        return step("pass")
    return BARRIER


def _activation(name: str, config: dict[str, nodes.NodeNG]) -> ActivationSpec | None:
    if name == "Activation":
        return activation_spec(config["activation"]) if "activation" in config else None
    if name == "ReLU":
        slope = literal(config.get("negative_slope")) if "negative_slope" in config else 0
        return ActivationSpec("relu", K.RECTIFIER) if slope in (0, 0.0, None) else None
    named = K.ACTIVATION_LAYERS.get(name)
    if named in K.ACTIVATION_FAMILIES and name != "LeakyReLU":  # a leaky slope in the config is not read here
        return ActivationSpec(named, K.activation_family(named))
    return None


# --------------------------------------------------------------------------- JSON strings

_JSON_WORDS = {"true": "True", "false": "False", "null": "None"}  # same lengths: positions are kept


def json_config(call: nodes.Call) -> nodes.NodeNG | None:
    """`model_from_json('<literal JSON>')`: the JSON as an expression tree whose nodes sit where
    their text sits in the file (inside the string), or None when the literal cannot be mapped so
    (escapes, implicit concatenation, non-ASCII text, invalid JSON)."""
    if len(call.args) != 1 or call.keywords:
        return None
    member = keras_member(qualified_name(call.func))
    if not member or member[1] != "model_from_json":
        return None
    found = getattr(call, "_glorot_json", None)
    if found is None:
        found = _mapped_json(dereference(call.args[0])) or False
        call._glorot_json = found  # dies with the tree
    return found or None


@dataclass(frozen=True)
class Quoting:
    """How the Python string literal holding a JSON config is written: what an edit's text must escape."""

    quote: str  # ' " ''' or """
    raw: bool
    json_quote: str = '"'  # how the literal writes JSON's `"`: `"`, `\\"`, `\\x22` or `\\u0022`, kept in edits

    def encoded(self, text: str) -> str | None:
        """`text` (JSON) as it must be written inside the literal, or None where it cannot be."""
        triple = len(self.quote) == 3
        if not triple:
            text = re.sub(r"\r?\n[ \t]*", " ", text)  # a one-line literal: the added entry stays on its line
        if self.raw:
            unsafe = self.quote in text or text.endswith(self.quote[0]) or "\\" in text
            return None if unsafe else text
        text = text.replace("\\", "\\\\")
        if self.json_quote.startswith("\\x") or self.json_quote.startswith("\\u"):
            text = text.replace('"', self.json_quote)
        return text.replace(self.quote[0], "\\" + self.quote[0]) if not triple or self.quote in text else text


def _json_quote(body: str) -> str:
    """The spelling of `"` most common in a literal's body: `\\x22` / `\\u0022` where the file escapes
    JSON's quotes so (an edit then writes its quotes alike), else the plain or backslashed quote."""
    counts = {spelling: len(re.findall(re.escape(spelling), body, re.IGNORECASE))
              for spelling in ("\\x22", "\\u0022")}
    spelling, count = max(counts.items(), key=lambda item: item[1])
    if count and count > body.count('"'):
        found = re.search(re.escape(spelling), body, re.IGNORECASE)
        return found.group(0) if found else spelling
    return '"'


_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r", "\n": "",
            "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_CODE_ESCAPES = {"x": 2, "u": 4, "U": 8}  # \xhh, \uhhhh, \Uhhhhhhhh: how many hex digits follow
_OCTAL = "01234567"


def _escape(body: str, index: int) -> tuple[str, int] | None:
    """The character the escape at `body[index]` (a backslash) stands for, and the escape's length; None
    for one Python would not read so (an unknown name, too few digits)."""
    escaped = body[index + 1:index + 2]
    if escaped in _ESCAPES:
        return _ESCAPES[escaped], 2
    if escaped in _CODE_ESCAPES:
        digits = body[index + 2:index + 2 + _CODE_ESCAPES[escaped]]
        if len(digits) != _CODE_ESCAPES[escaped] or any(c not in "0123456789abcdefABCDEF" for c in digits):
            return None
        code = int(digits, 16)
        return (chr(code), 2 + len(digits)) if code <= 0x10FFFF else None
    if escaped and escaped in _OCTAL:
        digits = escaped
        while len(digits) < 3 and body[index + 1 + len(digits):index + 2 + len(digits)] in tuple(_OCTAL):
            digits += body[index + 1 + len(digits)]
        return chr(int(digits, 8)), 1 + len(digits)
    if escaped == "N" and body[index + 2:index + 3] == "{" and "}" in body[index + 3:]:
        import unicodedata

        name = body[index + 3:body.index("}", index + 3)]
        try:
            return unicodedata.lookup(name), 4 + len(name)
        except KeyError:
            return None
    return None


def _decoded(body: str, raw: bool) -> tuple[str, list[int]] | None:
    """A literal's value and, for each of its characters (and its end), the offset in `body` where
    its source text starts (an escape's backslash: `\\x22` is one `"`); None for an escape Python
    would not read as this does."""
    if raw:
        return body, list(range(len(body) + 1))
    value, starts, index = [], [], 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            value.append(char)
            starts.append(index)
            index += 1
            continue
        found = _escape(body, index)
        if found is None:
            return None
        if found[0]:  # a backslash before a newline continues the line: no character
            value.append(found[0])
            starts.append(index)
        index += found[1]
    starts.append(len(body))
    return "".join(value), starts


def _mapped_json(node: nodes.NodeNG) -> nodes.NodeNG | None:
    if not isinstance(node, nodes.Const) or not isinstance(node.value, str) or node.end_lineno is None:
        return None
    raw = _module_text(node.root())
    if raw is None:
        return None
    try:
        lines = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).splitlines(keepends=True)
        text = "".join(lines[node.lineno - 1:node.end_lineno])
    except (UnicodeDecodeError, IndexError):
        return None
    if not text.isascii():  # astroid columns are bytes; ASCII keeps them characters
        return None
    end = len(text) - len(lines[node.end_lineno - 1]) + node.end_col_offset
    literal_text = text[node.col_offset:end]
    prefix = len(literal_text) - len(literal_text.lstrip("rRuU"))
    quote = literal_text[prefix:prefix + 3] if literal_text[prefix:prefix + 3] in ('"""', "'''") else \
        literal_text[prefix:prefix + 1]
    body = literal_text[prefix + len(quote):len(literal_text) - len(quote)]
    decoded = _decoded(body, "r" in literal_text[:prefix].lower()) if literal_text.endswith(quote) else None
    if decoded is None or decoded[0] != node.value:
        return None
    value, starts = decoded
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    if not isinstance(parsed, dict):
        return None
    try:
        tree = astroid.parse("(" + _python_words(value) + ")")
    except Exception:  # astroid raises its own syntax errors
        return None
    expression = tree.body[0].value if tree.body and isinstance(tree.body[0], nodes.Expr) else None
    if not isinstance(expression, nodes.Dict):
        return None
    where = _source_positions(body, node.lineno, node.col_offset + prefix + len(quote))
    value_lines = [0] + [index + 1 for index, char in enumerate(value) if char == "\n"]
    parsed_lines = [line.encode("utf-8") for line in ("(" + value + ")").split("\n")]
    for inner in expression.nodes_of_class(nodes.NodeNG):
        for attr in ("", "end_"):
            at_line, at_col = getattr(inner, f"{attr}lineno"), getattr(inner, f"{attr}col_offset")
            if at_line is None or at_col is None:
                continue
            # astroid's columns count UTF-8 bytes: a value decoded from \u escapes may hold non-ASCII text
            at_col = len(parsed_lines[at_line - 1][:at_col].decode("utf-8", "ignore")) \
                if at_line <= len(parsed_lines) else at_col
            offset = value_lines[at_line - 1] + at_col - (1 if at_line == 1 else 0)  # the "(" put before it
            line, col = where[starts[min(max(offset, 0), len(value))]]
            setattr(inner, f"{attr}lineno", line)
            setattr(inner, f"{attr}col_offset", col)
    raw_literal = "r" in literal_text[:prefix].lower()
    expression._glorot_quoting = Quoting(quote, raw_literal, '"' if raw_literal else _json_quote(body))  # dies with the tree
    return expression


def _source_positions(body: str, line: int, col: int) -> list[tuple[int, int]]:
    """(line, column) in the file of each offset of a literal's body (and of its end)."""
    found = []
    for char in body:
        found.append((line, col))
        line, col = (line + 1, 0) if char == "\n" else (line, col + 1)
    found.append((line, col))
    return found


def _module_text(module: nodes.Module) -> bytes | str | None:
    """The module's source: kept on the tree when parsed from text, else read from its file."""
    if module.file_bytes is not None:
        return module.file_bytes
    try:
        with module.stream() as stream:
            return stream.read()
    except (OSError, AttributeError, TypeError):
        return None


def _python_words(body: str) -> str:
    """JSON's true/false/null as Python's True/False/None, outside strings."""
    out, in_string, index = [], False, 0
    while index < len(body):
        char = body[index]
        if char == "\\" and in_string:  # an escape inside a JSON string: its next character too
            out.append(body[index:index + 2])
            index += 2
            continue
        if char == '"':
            in_string = not in_string
        elif not in_string:
            word = next((w for w in _JSON_WORDS if body.startswith(w, index)), None)
            if word is not None:
                out.append(_JSON_WORDS[word])
                index += len(word)
                continue
        out.append(char)
        index += 1
    return "".join(out)


def safe_in_string(finding: Any, quoting: Quoting | None = None) -> Any:
    """A finding on a layer of a JSON string keeps its edits only where each leaves valid JSON
    (a string replaced by a string, a `"key": value` entry added), each written as the string literal
    needs it (`\\"` inside "..."); otherwise it is reported without one."""
    if not all(_json_edit(edit) for edit in finding.edits):
        return replace(finding, edit=None, more_edits=())
    if quoting is None:
        return finding
    encoded = [quoting.encoded(edit.text) for edit in finding.edits]
    if any(text is None for text in encoded):
        return replace(finding, edit=None, more_edits=())
    edits = [replace(edit, text=text) for edit, text in zip(finding.edits, encoded)]
    return replace(finding, edit=edits[0] if edits else None, more_edits=tuple(edits[1:]))


def _json_edit(edit: Any) -> bool:
    if edit.imports:
        return False
    text = edit.text.strip()
    try:
        if edit.span.start == edit.span.end:
            json.loads("{" + text.lstrip(",") + "}")
        else:
            json.loads(text)
    except ValueError:
        return False
    return True
