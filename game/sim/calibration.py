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
    turns = set()
    for figure in scenario.record.get("figures", []):
        if figure.get("var"):
            turns.add(_turn(scenario, figure))
    return sorted(turns)


def _turn(scenario: Scenario, figure: dict) -> int:
    calendar = scenario.calendar
    if not figure.get("date"):
        return calendar.last_turn
    return min(max(calendar.turn_of(figure["date"]), 0), calendar.last_turn)


def calibrate(scenario: Scenario, result: BatchResult) -> list[FigureCheck]:
    checks = []
    for figure in scenario.record.get("figures", []):
        simulated = None
        turn = _turn(scenario, figure)
        if figure.get("var") and turn in result.snapshots:
            column = result.snapshots[turn][:, scenario.layout.col(figure["var"])]
            if np.isfinite(column).any():
                simulated = float(np.nanmean(column))
        checks.append(
            FigureCheck(
                id=figure["id"],
                title=figure["title"],
                date=figure.get("date") or scenario.calendar.label(turn),
                real=float(figure["value"]),
                low=float(figure["low"]),
                high=float(figure["high"]),
                unit=figure.get("unit", ""),
                simulated=simulated,
                sources=tuple(
                    f"{s['historian'] + ', ' if s.get('historian') else ''}{s['file']}"
                    for s in figure.get("sources", [])
                ),
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
