"""The calibration check: the historical policy's results beside the real figures.

Each figure of the scenario's historical record names a variable and a quarter; the
simulated value is that variable at the end of that quarter (the end of the campaign
if the figure has no date), averaged over the campaigns that reached it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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


def calibrate(scenario: Scenario, result: BatchResult | None) -> list[FigureCheck]:
    """Each figure beside the simulated value from the result's snapshots (none without
    a result: the caller then fills it from samples of its own)."""
    checks = []
    for figure in scenario.record.figures:
        simulated = None
        if result is not None and figure.var and figure.turn in result.snapshots:
            column = result.snapshots[figure.turn][:, scenario.layout.col(figure.var)]
            if np.isfinite(column).any():
                simulated = float(np.nanmean(column))
        checks.append(
            FigureCheck(
                id=figure.id,
                title=figure.title,
                date=figure.date,
                real=figure.value,
                low=figure.low,
                high=figure.high,
                unit=figure.unit,
                simulated=simulated,
                sources=tuple(scenario.cite(s) for s in figure.sources),
            )
        )
    return checks


def calibration_lines(checks: list[FigureCheck]) -> list[str]:
    if not checks:
        return ["Calibration: the scenario's historical record has no figures."]
    within = sum(1 for c in checks if c.within)
    out = [
        f"Calibration against the historical record ({within} of {len(checks)} figures within the historians' range):"
    ]
    width = max(len(c.title) for c in checks)
    for c in checks:
        simulated = "not simulated" if c.simulated is None else f"{c.simulated:,.1f}"
        verdict = {True: "within", False: "OUTSIDE", None: ""}[c.within]
        out.append(
            f"  {c.title:<{width}} {c.date}  real {c.real:,.1f} {c.unit} (range {c.low:,.1f}-{c.high:,.1f})"
            f"  simulated {simulated}  {verdict}"
        )
    return out
