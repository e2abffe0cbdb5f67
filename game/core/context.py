"""The working context of one resolution step: a private copy of the state being changed."""

from __future__ import annotations

import numpy as np

from game.core import rng
from game.core.cause import Cause
from game.core.layout import COUNTER, StateLayout

LedgerEntry = tuple[int, Cause, np.ndarray]


class Ledger:
    """Collects every change to a declared variable as (column, cause, delta per row)."""

    def __init__(self, entries: list[LedgerEntry] | None = None) -> None:
        self.entries: list[LedgerEntry] = entries if entries is not None else []

    def for_row(self, layout: StateLayout, row: int) -> list[tuple[str, float, Cause]]:
        """The row's non-zero changes, summed per (variable, cause), in first-seen order."""
        merged: dict[tuple[int, Cause], float] = {}
        for column, cause, delta in self.entries:
            value = float(delta[row])
            if value != 0.0:
                key = (column, cause)
                merged[key] = merged.get(key, 0.0) + value
        return [
            (layout.variables[col].name, delta, cause)
            for (col, cause), delta in merged.items()
            if delta != 0.0
        ]


class TurnContext:
    """What conditions read and effects write while one turn resolves."""

    def __init__(
        self,
        layout: StateLayout,
        values: np.ndarray,
        seeds: np.ndarray,
        turn: int,
        ledger: Ledger | None,
        draws: rng.Draws | None = None,
    ) -> None:
        self.layout = layout
        self.values = values
        self.seeds = seeds
        self.turn = turn
        self.ledger = ledger
        self.cause: Cause | None = None
        # Set once the events step has judged which events fire: a firing asked for
        # after that can only come next quarter.
        self.events_judged = False
        # A mask known to hold in every row (the pipeline sets the turn's `active` here
        # when no campaign of the batch has ended): a write under it selects nothing,
        # and most writes of a turn are rules' writes under that very mask.
        self.everywhere: np.ndarray | None = None
        self.batch = values.shape[0]
        self._counters = values[:, layout.col(COUNTER)].copy()
        # The dice of the turn: the campaign's own stream unless a preview brings its own.
        self._draws: rng.Draws | None = draws
        self._low = layout.minimum.tolist()
        self._high = layout.maximum.tolist()

    def uniform(self, site: int) -> np.ndarray:
        # The counter is fixed for the whole turn, so the rows' part of the hash is too.
        if self._draws is None:
            self._draws = rng.Draws(self.seeds, self._counters)
        return self._draws.at(site)

    def write(self, column: int, new: np.ndarray | float, mask: np.ndarray) -> None:
        """Set a column where mask holds, clamped to the variable's range, and log the change."""
        values = self.values
        old = values[:, column]
        # np.minimum/np.maximum with plain floats: several times faster than np.clip on
        # the one-row arrays of a lone campaign, where call overhead is everything.
        target = np.minimum(np.maximum(new, self._low[column]), self._high[column])
        updated = target if mask is self.everywhere else np.where(mask, target, old)
        ledger = self.ledger
        if ledger is not None and self.cause is not None:
            delta = updated - old
            if np.count_nonzero(delta):
                ledger.entries.append((column, self.cause, delta))
        values[:, column] = updated

    def write_internal(self, column: int, new: np.ndarray | float, mask: np.ndarray) -> None:
        """Set a bookkeeping column without logging it as a change a player would see."""
        self.values[:, column] = np.where(mask, new, self.values[:, column])
