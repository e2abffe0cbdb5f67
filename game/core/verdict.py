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

from game.core import units
from game.core.cause import Cause
from game.core.model import Lore, Scenario
from game.core.text import Text

if TYPE_CHECKING:
    from game.core.context import TurnContext
    from game.core.state import State

GROUP = "verdict"
PREFIX = f"{GROUP}."
FULL_MARKS = 100.0
# How a measure's score runs from `worst` to `best` (see MeasureDef).
LINEAR = "linear"
SQRT = "sqrt"
CURVES = (LINEAR, SQRT)


def axis_variable(axis_id: str) -> str:
    """The name of the variable that holds an axis's score."""
    return f"{PREFIX}{axis_id}"


@dataclass(frozen=True)
class MeasureDef:
    """One variable weighed on an axis: `worst` scores 0, `best` scores 100, clamped
    outside. `best` may lie below `worst` (fewer deaths are better).

    Between them the score is linear, or with `curve="sqrt"` it falls fastest over the
    first steps away from `best`: a toll a tenth of the way to `worst` already costs
    about a third of the marks, so a path that kills hundreds of thousands where
    another kills tens of thousands never scores nearly the same."""

    var: str
    column: int
    weight: float
    worst: float
    best: float
    history: float | None = None
    note: str = ""
    curve: str = LINEAR

    def score(self, values: np.ndarray) -> np.ndarray:
        """The measure's score, 0-100, for a column of values."""
        share = (np.asarray(values, dtype=np.float64) - self.worst) / (self.best - self.worst)
        share = np.clip(share, 0.0, 1.0)
        if self.curve == SQRT:
            share = 1.0 - np.sqrt(1.0 - share)
        return share * FULL_MARKS

    def score_of(self, value: float) -> float:
        """The measure's score, 0-100, for one value."""
        return float(self.score(np.array([value]))[0])


def weighted_score(measures: tuple[MeasureDef, ...], values: list[float]) -> float:
    """An axis's score for one value per measure, in the measures' order."""
    total = sum(m.weight for m in measures)
    return sum(m.weight * m.score_of(v) for m, v in zip(measures, values, strict=True)) / total


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
        history = [m.history for m in self.measures]
        if any(h is None for h in history):
            return None
        return weighted_score(self.measures, history)

    def breakdown(self, values: np.ndarray) -> list[tuple[MeasureDef, float, float]]:
        """For one row of values: each measure with its value and its score."""
        return [
            (m, float(values[m.column]), m.score_of(float(values[m.column]))) for m in self.measures
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
    return weighted_score(measures, [initial[m.var] for m in measures])


# An axis within this many points of history's score reads "as in history".
_LEVEL = 2.0


@dataclass(frozen=True)
class MeasureReading:
    """One measure as the verdict shows it: its value and history's, in their units."""

    title: str
    value: str
    history: str | None
    note: str
    score: float

    @property
    def line(self) -> str:
        """'Heavy industry: 539 (history: 450)', as every screen lists a measure."""
        return f"{self.title}: {self.value}" + (
            f" (history: {self.history})" if self.history else ""
        )


@dataclass(frozen=True)
class AxisReading:
    """An axis as the end screen, the debrief and the class report show it."""

    id: str
    title: str
    question: str
    text: str
    score: float
    history: float | None
    cost: bool
    measures: tuple[MeasureReading, ...]

    @property
    def beside_history(self) -> str:
        """'above history', 'below history' or 'as in history' (within two points)."""
        if self.history is None:
            return ""
        if self.score > self.history + _LEVEL:
            return "above history"
        if self.score < self.history - _LEVEL:
            return "below history"
        return "as in history"

    @property
    def shown(self) -> float:
        """The figure a player reads: the score, but for the human cost the harm (100
        minus the score), so that more deaths read as a larger number."""
        return FULL_MARKS - self.score if self.cost else self.score

    @property
    def shown_history(self) -> float | None:
        if self.history is None:
            return None
        return FULL_MARKS - self.history if self.cost else self.history

    @property
    def figure(self) -> str:
        """'56 of 100', or for the cost 'harm 51 of 100'."""
        return f"{'harm ' if self.cost else ''}{self.shown:.0f} of 100"

    @property
    def comparison(self) -> str:
        """`beside_history` as a player reads it; for the cost, in terms of harm."""
        beside = self.beside_history
        if not self.cost or not beside:
            return beside
        return {
            "above history": "less harm than history",
            "below history": "more harm than history",
            "as in history": "as much harm as history",
        }[beside]


@dataclass(frozen=True)
class VerdictReading:
    """The whole verdict of one campaign: the axes, the cost first, and the price line
    that says what any gain was bought with."""

    axes: tuple[AxisReading, ...]
    price: str

    def axis(self, axis_id: str) -> AxisReading:
        return next(a for a in self.axes if a.id == axis_id)

    def lines(self) -> list[str]:
        """The verdict as plain text: terminal play and the debrief's text pages."""
        lines = []
        for axis in self.axes:
            history = "" if axis.history is None else f", history {axis.shown_history:.0f}"
            beside = f": {axis.comparison}" if axis.comparison else ""
            lines.append(f"# {axis.title}: {axis.figure}{history}{beside}")
            if axis.text:
                lines.append(f"    {axis.text}")
            lines += [f"    {m.line}" for m in axis.measures]
        if self.price:
            lines += ["", self.price]
        return lines


def read(scenario: Scenario, state: State, row: int = 0) -> VerdictReading:
    """The verdict of one campaign (one row of `state`) in words and figures."""
    values = state.values[row]
    axes = [_read_axis(scenario, axis, state, row) for axis in scenario.verdict]
    axes.sort(key=lambda a: not a.cost)  # the human cost is never below the fold
    harm = [
        units.format_value(scenario.layout.variables[m.column], float(values[m.column]))
        for axis in scenario.verdict
        if axis.cost
        for m in axis.measures
        if not units.is_negligible(scenario.layout.variables[m.column], float(values[m.column]))
    ]
    return VerdictReading(tuple(axes), _price(axes, harm))


def _read_axis(scenario: Scenario, axis: AxisDef, state: State, row: int) -> AxisReading:
    values = state.values[row]
    measures = []
    for measure, value, score in axis.breakdown(values):
        variable = scenario.layout.variables[measure.column]
        history = None if measure.history is None else units.format_value(variable, measure.history)
        measures.append(
            MeasureReading(
                units.title(variable),
                units.format_value(variable, value),
                history,
                measure.note,
                score,
            )
        )
    return AxisReading(
        axis.id,
        axis.title,
        axis.question.render(scenario, state, row),
        axis.text.render(scenario, state, row),
        float(values[axis.column]),
        axis.history_score,
        axis.cost,
        tuple(measures),
    )


def _price(axes: list[AxisReading], harm: list[str]) -> str:
    """What the campaign's gains cost in lives, said whenever there was a cost."""
    if not harm:
        return ""
    lives = _listed(harm)
    gains = [a.title for a in axes if not a.cost and a.beside_history == "above history"]
    if gains:
        return f"{_listed(gains)} above history's mark, bought at the price of {lives}."
    return f"The price of this path: {lives}."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
