"""Turns pydantic validation errors into messages a modder can act on."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.ops import _show
from game.content.yamlsource import Located

_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional to reach the model, list or dict type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            # A text is a string or a list of variants: the list has keys to suggest.
            annotation = next((a for a in args if typing.get_origin(a) is list), args[0])
        else:
            return annotation


def _fields_at(model: type[BaseModel], path: tuple) -> list[str]:
    """The keys allowed in the mapping at a path of the file, for "did you mean"."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        elif origin is list and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _data_path(loc: tuple, data: Any) -> tuple[tuple, bool]:
    """Follow pydantic's location through the data, skipping its own markers (union
    members, "[key]"), so the path names only keys and indices the modder wrote."""
    path: list[Any] = []
    key = False
    node = data
    for i, part in enumerate(loc):
        if part == "[key]":
            key = True
            continue
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
        elif i == len(loc) - 1 and isinstance(node, dict):
            pass  # a missing key: the path ends at a name that is not in the data
        else:
            continue
        path.append(part)
    return tuple(path), key


# pydantic's names for the two forms of a text field (models.TextField).
_TEXT_FORMS = ("str", "list[VariantModel]")


def _text_form_error(err: dict) -> str | None:
    """For a text field given neither a string nor a list: one message for both forms.
    A list is a list of variants, so its own problems are reported, not the string's."""
    loc = err["loc"]
    if not any(form in loc for form in _TEXT_FORMS):
        return None
    if isinstance(err["input"], list):
        return "skip" if "str" in loc else None
    if loc[-1] == "str":
        return f"expected text or a list of variants ({{when, text}}), got {_show(err['input'])}"
    return "skip" if loc[-1] == "list[VariantModel]" else None


def translate(error: ValidationError, located: Located, model: type[BaseModel]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: set[tuple] = set()
    for err in error.errors(include_url=False):
        path, key = _data_path(err["loc"], located.data)
        kind = err["type"]
        text_form = _text_form_error(err)
        if text_form == "skip":
            continue
        if text_form is not None:
            diag = located.diagnostic(path, text_form, key=key, code="type")
        elif kind == "extra_forbidden" and path:
            name = str(path[-1])
            allowed = _fields_at(model, path[:-1])
            hint = did_you_mean(name, allowed)
            message = f"unknown key '{name}'{hint}"
            if not hint and allowed:
                message += f"; allowed here: {', '.join(allowed)}"
            diag = located.diagnostic(path, message, key=True, code="unknown-key")
        elif kind == "missing" and path:
            diag = located.diagnostic(
                path[:-1], f"missing required key '{path[-1]}'", code="missing-key"
            )
        elif kind in _EXPECTED:
            diag = located.diagnostic(
                path, f"expected {_EXPECTED[kind]}, got {_show(err['input'])}", key=key, code="type"
            )
        elif kind == "string_pattern_mismatch":
            diag = located.diagnostic(path, _pattern_message(err), key=key, code="format")
        else:
            diag = located.diagnostic(
                path, f"{err['msg']}, got {_show(err.get('input'))}", key=key, code="value"
            )
        marker = (diag.line, diag.column, diag.message)
        if marker not in seen:
            seen.add(marker)
            problems.append(diag)
    return problems


def _pattern_message(err: dict) -> str:
    value = err.get("input")
    pattern = (err.get("ctx") or {}).get("pattern", "")
    if "Q[1-4]" in pattern:
        return f"'{value}' is not a quarter date; write it as YYYY-Qn, e.g. 1933-Q1"
    if "\\." in pattern:
        return (
            f"'{value}' is not a valid variable name: use lower-case words of letters, "
            "digits and _ joined by dots, e.g. economy.heavy_industry"
        )
    if pattern.startswith("^(#"):
        return f"'{value}' is not a colour; write it as #rrggbb"
    return (
        f"'{value}' is not a valid id: use lower-case letters, digits and _, starting with a letter"
    )
