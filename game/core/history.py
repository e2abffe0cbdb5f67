"""The historical record, resolved once when a scenario loads: what the real leadership
ordered and chose, and the real figures the calibration and the debrief compare with.

Dates are turned into turns here, once, and clamped into the campaign, so every reader
(the historical policy, the debrief, the calibration, `simulate`) sees the same figure
at the same quarter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.core.sources import Source


@dataclass(frozen=True)
class HistoricalOrders:
    """What the real leadership ordered in one quarter."""

    date: str
    turn: int
    policies: Mapping[str, float] = field(default_factory=dict)
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A real figure and the range historians give, at the quarter it is measured."""

    id: str
    title: str
    var: str | None
    date: str  # as written, or the last quarter's label when the content gives none
    turn: int  # within the campaign: 0 .. last turn
    value: float
    low: float
    high: float
    unit: str = ""
    sources: tuple[Source, ...] = ()
    # The scholarship the range comes from, named (author, work, year).
    range_from: str = ""
    # A figure that counts only a period (the executions of 1937-38) is compared with the
    # change in its variable from the end of this turn: the quarter before the period.
    # None when the figure is the variable's own value.
    base_turn: int | None = None
    counted_from: str = ""


@dataclass(frozen=True)
class HistoricalRecord:
    orders: tuple[HistoricalOrders, ...] = ()
    # Event id -> the option history took: the record's own choices, then each event's
    # option marked `historical: true`.
    choices: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    figures: tuple[Figure, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.orders or self.choices or self.figures)

    def orders_by_turn(self) -> dict[int, HistoricalOrders]:
        """Each quarter's orders, merged when the content lists a quarter twice."""
        merged: dict[int, HistoricalOrders] = {}
        for orders in self.orders:
            earlier = merged.get(orders.turn)
            if earlier is None:
                merged[orders.turn] = orders
                continue
            merged[orders.turn] = HistoricalOrders(
                earlier.date,
                earlier.turn,
                {**earlier.policies, **orders.policies},
                earlier.decisions + orders.decisions,
            )
        return merged

    def figure_vars(self) -> list[str]:
        return sorted({f.var for f in self.figures if f.var})

    def figure_turns(self) -> list[int]:
        """Every turn whose end a figure reads: its own, and the end of the quarter before
        the period it counts."""
        turns = {f.turn for f in self.figures if f.var}
        turns |= {f.base_turn for f in self.figures if f.var and f.base_turn is not None}
        return sorted(turns)
