"""Motion after a quarter: figures count to their new values and the date turns over.

Driven by the clock, not by frames: a slow machine shows fewer steps of the same
animation, never a longer one. Nothing starts until the screen is on top (the quarter's
dispatches are read first), and with "reduce motion" nothing moves at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNT_SECONDS = 0.9
DATE_SECONDS = 0.7


def ease(progress: float) -> float:
    """Fast, then settling: the last digits arrive slowly enough to be read."""
    progress = min(1.0, max(0.0, progress))
    return 1 - (1 - progress) ** 3


class QuarterMotion:
    """What one campaign screen animates between the quarter it last showed and this one."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.turn: int | None = None
        self.shown: dict[str, float] = {}  # the figures as the player last saw them
        self.date = ""  # the date line as the screen shows it now; the screen sets it
        self._from: dict[str, float] = {}
        self._from_date = ""
        self._pending = False
        self._started: float | None = None

    def update(self, turn: int, figures: dict[str, float], still: bool) -> None:
        """The screen shows `turn`: when it is a new quarter, the change from the figures
        and the date line last shown is kept, to be animated once the screen is on top
        (`begin`)."""
        if self.turn is not None and turn != self.turn and not still:
            self._from = {k: v for k, v in self.shown.items() if k in figures}
            self._from_date = self.date
            self._pending, self._started = True, None
        elif still:
            self._pending, self._started = False, None
        self.turn, self.shown = turn, dict(figures)

    def begin(self) -> None:
        if self._pending:
            self._pending, self._started = False, self.clock()

    def _progress(self, seconds: float) -> float | None:
        if self._pending:
            return 0.0
        if self._started is None:
            return None
        elapsed = self.clock() - self._started
        return None if elapsed >= seconds else elapsed / seconds

    def value(self, name: str, final: float) -> float:
        """The figure to show now: counting from the last quarter's towards `final`."""
        progress = self._progress(COUNT_SECONDS)
        if progress is None or name not in self._from:
            return final
        start = self._from[name]
        return start + (final - start) * ease(progress)

    def date_turn(self) -> tuple[str, float] | None:
        """(the date being turned away from, how far the turn has gone 0..1) or None."""
        progress = self._progress(DATE_SECONDS)
        if progress is None or not self._from_date:
            return None
        return self._from_date, ease(progress)

    @property
    def moving(self) -> bool:
        """Counting now (not merely waiting for the screen to come on top)."""
        return not self._pending and self._progress(COUNT_SECONDS) is not None
