"""A small score notation: `D4+F4+A4:2 r:1 C#5:0.5`, notes (or `r`, a rest) and beats.

Notes joined by `+` sound together; `|` marks a bar and is only there for the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

_STEPS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


class NotationError(ValueError):
    pass


@dataclass(frozen=True)
class Note:
    beat: float  # when it starts, in beats from the start of the part
    beats: float  # how long it is held
    midi: int


def midi_number(name: str) -> int:
    """'C4' is 60 (middle C), 'A4' 69, 'Bb2' 46, 'F#3' 54."""
    if len(name) < 2 or name[0] not in _STEPS:
        raise NotationError(f"not a note: {name!r}")
    step, rest = _STEPS[name[0]], name[1:]
    while rest and rest[0] in "#b":
        step += 1 if rest[0] == "#" else -1
        rest = rest[1:]
    if not rest.lstrip("-").isdigit():
        raise NotationError(f"not a note: {name!r}")
    return 12 * (int(rest) + 1) + step


def parse(line: str) -> tuple[list[Note], float]:
    """The notes of one part and its length in beats."""
    notes: list[Note] = []
    beat = 0.0
    for token in line.split():
        if token == "|":
            continue
        pitches, sep, length = token.partition(":")
        if not sep:
            raise NotationError(f"a note needs its length in beats: {token!r}")
        beats = float(length)
        if pitches != "r":
            notes += [Note(beat, beats, midi_number(p)) for p in pitches.split("+")]
        beat += beats
    return notes, beat
