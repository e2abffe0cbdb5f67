"""The checker's look at text variants: wordings no campaign can ever be shown.

A variant never shows when its condition never holds where the text is read (an event's
text in the quarters it can fire, an ending's at the end), when it repeats the condition
of an earlier variant, or when an earlier variant always holds there. Judged with the
same bounds as dead events (game.content.bounds), so what is reported is certain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from game.content.assemble import Assembler, Entry
from game.content.bounds import ALWAYS, NEVER, Interval, World
from game.content.texts import entry_texts, variant_conditions
from game.content.yamlsource import Located, Path_
from game.core.registry import Op
from game.core.text import Placeholder, TemplateError, scan


@dataclass(frozen=True)
class WrittenText:
    """A text field as written, where it is and in which quarters it can be read."""

    located: Located
    path: Path_
    raw: Any
    turns: Interval


def written_texts(
    assembler: Assembler, window: Callable[[str, Entry], Interval]
) -> Iterator[WrittenText]:
    """Every text field of the scenario's entries and debrief questions."""
    for section, entries in assembler.gathered.items():
        for entry in entries:
            turns = window(section, entry)
            for path, raw in entry_texts(section, entry.model):
                yield WrittenText(entry.located, entry.where(*path), raw, turns)
    for located, model in assembler.parsed:
        if model.debrief:
            last = assembler.calendar.last_turn
            for i, question in enumerate(model.debrief.questions):
                path = ("debrief", "questions", i, "text")
                yield WrittenText(located, path, question.text, (0, last))


def text_reads(assembler: Assembler, text: WrittenText) -> tuple[set[str], list[Op | None]]:
    """The variables a text quotes and the parsed conditions of its variants."""
    sources = [text.raw] if isinstance(text.raw, str) else [v.text for v in text.raw]
    quoted: set[str] = set()
    for source in sources:
        try:
            quoted.update(p.name for p in scan(source) if isinstance(p, Placeholder))
        except TemplateError:
            continue  # the loader has reported it
    parser = assembler.parser(text.located)
    conditions = [
        None if when is None else parser.condition(when, (*text.path, i, "when"))
        for i, when in variant_conditions(text.raw)
    ]
    return quoted, conditions


def dead_variants(
    world: World, text: WrittenText, conditions: list[Op | None]
) -> Iterator[tuple[Path_, str]]:
    """(where, why) for each variant of a text that can never show."""
    judge = world.judge(text.located, text.turns)
    seen: list[Op] = []  # operations hold dicts: compared, not hashed
    shadow: tuple[int, str] | None = None  # an earlier variant that always holds
    for i, op in enumerate(conditions):
        if op is None:
            break  # the default: the loader reports a default that is not last
        here = (*text.path, i, "when")
        if shadow is not None:
            k, why = shadow
            yield here, f"variant {k + 1} before it always holds there ({why})"
            continue
        verdict = judge.condition(op, here)
        if op in seen:
            first = seen.index(op) + 1
            yield here, f"it repeats the condition of variant {first}, which shows first"
        elif verdict.outcome == NEVER:
            yield verdict.path, f"its condition never holds where the text is read: {verdict.why}"
        elif verdict.outcome == ALWAYS:
            shadow = (i, verdict.why)
        seen.append(op)
    if shadow is not None and conditions and conditions[-1] is None:
        k, why = shadow
        yield (*text.path, len(conditions) - 1), f"variant {k + 1} always holds there ({why})"
