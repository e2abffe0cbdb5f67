"""Player-facing text that reads the world: values from the state, wording that follows it.

A scenario's text may quote a variable, `{economy.valuta}`, shown with the variable's
unit and format, and may come in variants: a list of `{when: CONDITION, text: ...}`
whose first holding entry is shown, closed by a default without `when`. `{{` and `}}`
write a brace.

Templates are parsed once, when the scenario loads; rendering only evaluates the
variants' conditions on one row of a state and joins strings, because it runs for every
text a player is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from game.core import rng
from game.core.layout import COUNTER, TURN, StateLayout
from game.core.scope import Condition
from game.core.state import State
from game.core.units import format_value

# What a placeholder may name: a variable name as scenario files write them.
PLACEHOLDER_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\Z")
# Shown where a value stands when no campaign is at hand (lists across many campaigns).
UNKNOWN_VALUE = "…"
# Variants may draw `chance`: from a stream of their own, so reading a text never moves
# or mirrors the dice the game rolls.
TEXT_STREAM = 2


class TemplateError(ValueError):
    """A malformed template: what is wrong and at which character of the text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Placeholder:
    name: str
    offset: int


def scan(source: str) -> list[str | Placeholder]:
    """Split a template into literal strings and the placeholders between them."""
    if "{" not in source and "}" not in source:
        return [source] if source else []  # most texts: nothing to parse
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char == "}":
            if source.startswith("}}", i):
                literal.append("}")
                i += 2
                continue
            raise TemplateError("a lone '}' (write '}}' for a brace)", i)
        if char != "{":
            literal.append(char)
            i += 1
            continue
        if source.startswith("{{", i):
            literal.append("{")
            i += 2
            continue
        close = source.find("}", i + 1)
        opening = source.find("{", i + 1)
        if close < 0 or 0 <= opening < close:
            raise TemplateError("unclosed '{' (write '{{' for a brace)", i)
        name = source[i + 1 : close]
        if not PLACEHOLDER_NAME.match(name):
            raise TemplateError(
                f"malformed placeholder '{{{name}}}': a placeholder is a variable name in "
                "braces, such as {economy.valuta}",
                i,
            )
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(Placeholder(name, i))
        i = close + 1
    if literal:
        parts.append("".join(literal))
    return parts


@dataclass(frozen=True)
class Template:
    """One wording: literal strings and the state columns whose values go between them."""

    parts: tuple[str | int, ...] = ()

    @classmethod
    def literal(cls, text: str) -> Template:
        return cls((text,) if text else ())

    @property
    def reads_state(self) -> bool:
        return any(isinstance(p, int) for p in self.parts)

    def fill(self, layout: StateLayout, row: np.ndarray) -> str:
        """The wording with each value formatted as its variable says (`row` is one row)."""
        return "".join(
            p
            if isinstance(p, str)
            else format_value(layout.variables[p], float(row[p]), phrase=False)
            for p in self.parts
        )

    def fixed(self) -> str:
        """The wording without a state: values stand as an ellipsis."""
        return "".join(p if isinstance(p, str) else UNKNOWN_VALUE for p in self.parts)


class HasLayout(Protocol):
    layout: StateLayout


class _Reading:
    """What a condition reads, for some rows of a state (all in the same quarter): the
    values, the turn and dice."""

    def __init__(self, state: State, rows: slice | np.ndarray) -> None:
        self.values = state.values[rows]
        self.seeds = state.seeds[rows]
        self.batch = len(self.values)
        self.turn = int(self.values[0, state.layout.col(TURN)])
        self._counters = self.values[:, state.layout.col(COUNTER)]

    def uniform(self, site: int) -> np.ndarray:
        return rng.uniform(self.seeds, self._counters, site, TEXT_STREAM)


class Text(str):
    """A scenario text: its default wording as a string, plus the variants that replace it
    in campaigns where their condition holds.

    As a string it is the default wording with any value shown as an ellipsis: what
    lists spanning many campaigns show (the balance report, a class's choices). What a
    player sees is `render(scenario, state, row)`.
    """

    variants: tuple[tuple[Condition, Template], ...]
    default: Template

    def __new__(
        cls, default: Template, variants: tuple[tuple[Condition, Template], ...] = ()
    ) -> Text:
        text = super().__new__(cls, default.fixed())
        text.default = default
        text.variants = variants
        # Most texts are plain: rendering them is returning the string itself.
        text._plain = not variants and not default.reads_state
        return text

    @classmethod
    def plain(cls, text: str) -> Text:
        """A fixed wording, written as it should be shown (no placeholders, no escapes)."""
        return cls(Template.literal(text))

    @property
    def follows_state(self) -> bool:
        """Whether campaigns can read this text differently."""
        return not self._plain

    def template(self, state: State, row: int = 0) -> Template:
        """The wording that holds on this row of the state."""
        if self.variants:
            reading = _Reading(state, slice(row, row + 1))
            for condition, template in self.variants:
                if bool(np.asarray(condition(reading))[0]):  # type: ignore[arg-type]
                    return template
        return self.default

    def holding(self, state: State, rows: np.ndarray) -> np.ndarray:
        """For each of the rows (all in the same quarter), the index of the wording that
        holds there: a variant's, or len(variants) for the default. What `template`
        picks, for many campaigns at once."""
        chosen = np.full(len(rows), len(self.variants), dtype=np.int64)
        if self.variants and len(rows):
            reading = _Reading(state, rows)
            undecided = np.ones(len(rows), dtype=bool)
            for index, (condition, _) in enumerate(self.variants):
                holds = np.broadcast_to(np.asarray(condition(reading), dtype=bool), undecided.shape)
                chosen[undecided & holds] = index
                undecided &= ~holds
        return chosen

    def wording(self, index: int) -> Template:
        """The wording `holding` named by its index."""
        return self.default if index >= len(self.variants) else self.variants[index][1]

    def render(self, where: HasLayout | StateLayout, state: State, row: int = 0) -> str:
        """The text as a player reads it on this row of the state: the first variant whose
        condition holds (else the default), with values filled in."""
        if self._plain:
            return str.__str__(self)
        layout = where if isinstance(where, StateLayout) else where.layout
        return self.template(state, row).fill(layout, state.values[row])

    def __getnewargs__(self) -> tuple:  # type: ignore[override]
        return (self.default, self.variants)


EMPTY = Text.plain("")
