"""The calibration check: the historical policy's results beside the real figures.

Each figure of the scenario's historical record names a variable and a quarter; the
simulated value is that variable at the end of that quarter (the end of the campaign
if the figure has no date), averaged over the campaigns that reached it. A figure of a
period (the executions of 1937-38) is compared with what its variable gained over the
period, so that a count kept since 1928 is not set against two years' toll.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.history import Figure
from game.core.model import Scenario
from game.sim.batch import BatchResult


@dataclass(frozen=True)
class FigureCheck:
    id: str
    title: str
    date: str
    real: float
    low: float
    high: float
    unit: str
    simulated: float | None
    sources: tuple[str, ...]
    range_from: str = ""
    counted_from: str = ""

    @property
    def within(self) -> bool | None:
        if self.simulated is None:
            return None
        return self.low <= self.simulated <= self.high

    def to_dict(self) -> dict:
        return {**self.__dict__, "within": self.within, "sources": list(self.sources)}


def figure_turns(scenario: Scenario) -> list[int]:
    """The turns whose end the calibration needs to see."""
    return scenario.record.figure_turns()


def figure_values(figure: Figure, at_turn) -> np.ndarray | None:
    """What the campaigns show for one figure, from `at_turn(turn)`, the figure's variable
    at the end of a turn (one value per campaign, NaN where a campaign never got there):
    the value at the figure's quarter, less the value before its period for a figure of
    a period."""
    values = at_turn(figure.turn)
    if values is None or figure.base_turn is None:
        return values
    base = at_turn(figure.base_turn)
    return None if base is None else values - base


def mean_of(values: np.ndarray | None) -> float | None:
    """The mean over the campaigns that reached the figure, None if none did."""
    if values is None or not np.isfinite(values).any():
        return None
    return float(np.nanmean(values))


def calibrate(scenario: Scenario, result: BatchResult | None) -> list[FigureCheck]:
    """Each figure beside the simulated value from the result's snapshots (none without
    a result: the caller then fills it from samples of its own)."""
    checks = []
    for figure in scenario.record.figures:
        simulated = None
        if result is not None and figure.var:
            column = scenario.layout.col(figure.var)

            def at_turn(turn: int, column: int = column) -> np.ndarray | None:
                snapshot = result.snapshots.get(turn)
                return None if snapshot is None else snapshot[:, column]

            simulated = mean_of(figure_values(figure, at_turn))
        checks.append(check_of(scenario, figure, simulated))
    return checks


def check_of(scenario: Scenario, figure: Figure, simulated: float | None) -> FigureCheck:
    return FigureCheck(
        id=figure.id,
        title=figure.title,
        date=figure.date,
        real=figure.value,
        low=figure.low,
        high=figure.high,
        unit=figure.unit,
        simulated=simulated,
        sources=tuple(scenario.cite(s) for s in figure.sources),
        range_from=figure.range_from,
        counted_from=figure.counted_from,
    )


def calibration_lines(checks: list[FigureCheck]) -> list[str]:
    """The calibration as text: each figure, its range and whose range it is, and the
    simulated value beside it."""
    if not checks:
        return ["Calibration: the scenario's historical record has no figures."]
    within = sum(1 for c in checks if c.within)
    out = [
        f"Calibration against the historical record ({within} of {len(checks)} figures within the range of their sources):"
    ]
    width = max(len(c.title) for c in checks)
    for c in checks:
        simulated = "not simulated" if c.simulated is None else f"{c.simulated:,.1f}"
        verdict = {True: "within", False: "OUTSIDE", None: ""}[c.within]
        period = f" (counted from {c.counted_from})" if c.counted_from else ""
        out.append(
            f"  {c.title:<{width}} {c.date}  real {c.real:,.1f} {c.unit} (range {c.low:,.1f}-{c.high:,.1f})"
            f"  simulated {simulated}{period}  {verdict}"
        )
        out.append(f"  {'':<{width}} range: {c.range_from or 'its source is not named'}")
    return out
