"""Quarterly calendar: turn indices and the dates modders write ("1933-Q1")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})-Q([1-4])$")


class DateError(ValueError):
    """A date string that is not of the form YYYY-Qn."""


def parse_quarter(text: str) -> tuple[int, int]:
    """Return (year, quarter) from "YYYY-Qn"."""
    match = _DATE.match(text.strip())
    if not match:
        raise DateError(f"'{text}' is not a quarter date; write it as YYYY-Qn, e.g. 1933-Q1")
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Calendar:
    """Maps turn indices to quarters; turn 0 is the scenario's first quarter."""

    start_year: int
    start_quarter: int
    n_turns: int

    @classmethod
    def between(cls, start: str, end: str) -> Calendar:
        sy, sq = parse_quarter(start)
        ey, eq = parse_quarter(end)
        n = (ey * 4 + eq) - (sy * 4 + sq) + 1
        if n < 1:
            raise DateError(f"the end {end} comes before the start {start}")
        return cls(sy, sq, n)

    @property
    def last_turn(self) -> int:
        return self.n_turns - 1

    def turn_of(self, date: str) -> int:
        """Turn index of a date; may lie outside the campaign (negative or past the end)."""
        year, quarter = parse_quarter(date)
        return (year * 4 + quarter) - (self.start_year * 4 + self.start_quarter)

    def label(self, turn: int) -> str:
        absolute = self.start_year * 4 + (self.start_quarter - 1) + turn
        return f"{absolute // 4}-Q{absolute % 4 + 1}"

    def long_label(self, turn: int) -> str:
        absolute = self.start_year * 4 + (self.start_quarter - 1) + turn
        names = ("Winter", "Spring", "Summer", "Autumn")
        return f"{names[absolute % 4]} {absolute // 4}"
