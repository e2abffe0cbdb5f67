"""Compiles player-facing text fields: placeholders resolved to columns, variants'
conditions parsed and compiled, every mistake reported at the text's file:line:col.

Variants are compiled in a scope of their own, so a `chance` written in a text neither
shifts the random-draw sites of the game's conditions nor shares their dice.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from game.content.diagnostics import did_you_mean
from game.content.models import VariantModel
from game.content.ops import OpParser
from game.content.yamlsource import Path_
from game.core.registry import Op
from game.core.scope import Scope
from game.core.text import Placeholder, Template, TemplateError, Text, scan

# The text fields of each section's entries (an event's options are listed apart).
TEXT_FIELDS = {
    "events": ("title", "text", "history"),
    "decisions": ("title", "text", "history"),
    "endings": ("title", "text", "epilogue", "history"),
    "policies": ("history",),
}


def entry_texts(section: str, model: Any) -> Iterator[tuple[Path_, Any]]:
    """Every text field of an entry (options' texts included), with its path in the entry."""
    for name in TEXT_FIELDS.get(section, ()):
        yield (name,), getattr(model, name)
    for j, option in enumerate(getattr(model, "options", ()) if section == "events" else ()):
        yield ("options", j, "text"), option.text
        yield ("options", j, "tooltip"), option.tooltip


def variant_conditions(raw: Any) -> list[tuple[int, Any]]:
    """The written conditions of a variants list, by position (none for a plain string)."""
    if not isinstance(raw, list):
        return []
    return [(i, v.when) for i, v in enumerate(raw) if isinstance(v, VariantModel)]


class TextCompiler:
    """Turns written texts into `Text`, with the names a scenario declares."""

    def __init__(self, scope: Scope, variables: set[str]) -> None:
        self.scope = copy.copy(scope)
        self.variables = variables

    def compile(
        self, parser: OpParser, raw: str | list[VariantModel], path: Path_, ready: bool
    ) -> Text:
        """The text written at `path`; `ready` is False once the scenario has errors, when
        conditions are only parsed (names may not resolve) and nothing is compiled."""
        if isinstance(raw, str):
            return Text(self._template(parser, raw, path, ready))
        variants: list[tuple[Op | None, Template]] = []
        for i, variant in enumerate(raw):
            here = (*path, i)
            last = i == len(raw) - 1
            if variant.when is None and not last:
                parser.error(
                    here,
                    "only the last variant may leave out 'when' (it is the default); the "
                    "variants after it could never show",
                    "text-variants",
                )
            when = None if variant.when is None else parser.condition(variant.when, (*here, "when"))
            template = self._template(parser, variant.text, (*here, "text"), ready)
            variants.append((when, template))
        if not raw or raw[-1].when is not None:
            parser.error(
                path,
                "a list of variants ends with a default: a last entry with 'text' and no "
                "'when', shown when no other variant holds",
                "text-variants",
            )
            return Text(Template())
        if not ready or parser.problems:
            return Text(variants[-1][1])
        compiled = tuple((self.scope.condition(op), t) for op, t in variants[:-1])
        return Text(variants[-1][1], compiled)

    def _template(self, parser: OpParser, source: str, path: Path_, ready: bool) -> Template:
        try:
            pieces = scan(source)
        except TemplateError as exc:
            parser.error(
                path, f"{exc.message}, at character {exc.offset + 1} of the text", "placeholder"
            )
            return Template()
        parts: list[str | int] = []
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
            elif self._known(parser, piece, path) and ready:
                parts.append(self.scope.column(piece.name))
        return Template(tuple(parts))

    def _known(self, parser: OpParser, piece: Placeholder, path: Path_) -> bool:
        if piece.name in self.variables:
            return True
        parser.error(
            path,
            f"unknown variable '{piece.name}' in placeholder "
            f"'{{{piece.name}}}'{did_you_mean(piece.name, self.variables)}",
            "unknown-variable",
        )
        return False
