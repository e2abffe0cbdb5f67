"""The verdict: a campaign judged on named axes, each beside history's figure.

A scenario declares its axes (security, human cost, ...) as data. Each axis is a
weighted mean of measures, and each measure maps one variable onto 0-100 between the
value that scores nothing and the value that scores full marks. The engine keeps every
axis in a variable of its own, `verdict.<axis>`, recomputed at the end of each quarter
after the events and before the end check, so endings, text variants and placeholders
read the verdict like any other variable. Axis columns are derived, not caused: they
are written without ledger entries, and their breakdown is the measures, not a cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from game.core.cause import Cause
from game.core.model import Lore, Scenario
from game.core.text import Text

if TYPE_CHECKING:
    from game.core.context import TurnContext
    from game.core.state import State

GROUP = "verdict"
PREFIX = f"{GROUP}."
FULL_MARKS = 100.0


def axis_variable(axis_id: str) -> str:
    """The name of the variable that holds an axis's score."""
    return f"{PREFIX}{axis_id}"


@dataclass(frozen=True)
class MeasureDef:
    """One variable weighed on an axis: `worst` scores 0, `best` scores 100, linearly
    between and clamped outside. `best` may lie below `worst` (fewer deaths are better)."""

    var: str
    column: int
    weight: float
    worst: float
    best: float
    history: float | None = None
    note: str = ""

    def score(self, values: np.ndarray) -> np.ndarray:
        """The measure's score, 0-100, for a column of values."""
        share = (np.asarray(values, dtype=np.float64) - self.worst) / (self.best - self.worst)
        return np.clip(share, 0.0, 1.0) * FULL_MARKS


@dataclass(frozen=True)
class AxisDef:
    """A named axis of the verdict and the measures it weighs."""

    id: str
    title: str
    question: Text
    text: Text
    measures: tuple[MeasureDef, ...]
    column: int
    cost: bool = False
    lore: Lore = field(default_factory=Lore)

    @property
    def variable(self) -> str:
        return axis_variable(self.id)

    def compute(self, values: np.ndarray) -> np.ndarray:
        """The axis's score per row of a (batch, columns) array."""
        total = sum(m.weight for m in self.measures)
        weighted = sum(m.weight * m.score(values[:, m.column]) for m in self.measures)
        return np.asarray(weighted, dtype=np.float64) / total

    @property
    def history_score(self) -> float | None:
        """The axis's score on history's own figures, when every measure gives one."""
        if any(m.history is None for m in self.measures):
            return None
        total = sum(m.weight for m in self.measures)
        return float(
            sum(m.weight * float(m.score(np.array([m.history]))[0]) for m in self.measures) / total
        )

    def breakdown(self, values: np.ndarray) -> list[tuple[MeasureDef, float, float]]:
        """For one row of values: each measure with its value and its score."""
        return [
            (m, float(values[m.column]), float(m.score(np.array([values[m.column]]))[0]))
            for m in self.measures
        ]


def update(scenario: Scenario, ctx: TurnContext, active: np.ndarray) -> None:
    """Recompute every axis where the campaign is still running."""
    for axis in scenario.verdict:
        ctx.cause = Cause.verdict(axis.id)
        ctx.write(axis.column, axis.compute(ctx.values), active)


def scores(scenario: Scenario, state: State) -> dict[str, np.ndarray]:
    """Each axis's score per row, as the state holds it."""
    return {axis.id: state.values[:, axis.column] for axis in scenario.verdict}


def initial_score(measures: tuple[MeasureDef, ...], initial: dict[str, float]) -> float:
    """An axis's score before the first quarter, from its variables' initial values."""
    total = sum(m.weight for m in measures)
    return float(
        sum(m.weight * float(m.score(np.array([initial[m.var]]))[0]) for m in measures) / total
    )
