"""Soak: many whole campaigns with the state's invariants checked after every turn.

The checks run on the whole batch at once (a few comparisons over the state array per
turn), so checking every turn of every campaign costs little beside playing them. A
broken invariant is pinned to one campaign (policy and seed), the turn and the
variable, which is all it takes to replay that campaign alone: row i of a batch plays
exactly like the lone campaign with the same seed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from game.core.layout import ENDING, TURN
from game.core.model import Scenario
from game.core.pipeline import TurnResult
from game.core.state import State
from game.sim.batch import run_batch
from game.sim.policies import Policy

# The largest finite double: a bound of +-inf becomes this, so that one pair of
# comparisons catches NaN (every comparison with NaN is false), infinities and values
# out of their declared range all at once.
_FINITE = float(np.finfo(np.float64).max)


@dataclass(frozen=True)
class Violation:
    """The first broken invariant found: which campaign, when, what and the value."""

    policy: str
    seed: int
    turn: int
    date: str
    variable: str
    value: float | None
    problem: str

    def describe(self) -> str:
        where = f"turn {self.turn} ({self.date})" if self.turn >= 0 else "the end"
        what = f"{self.variable} = {self.value!r} " if self.variable else ""
        return f"{self.policy} policy, seed {self.seed}, {where}: {what}{self.problem}"


class InvariantBroken(Exception):
    """Raised from the per-turn check to stop the batch at the first violation."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.describe())
        self.violation = violation


class TurnChecker:
    """The invariants of one scenario, compiled once: ranges, turn and ending columns."""

    def __init__(self, scenario: Scenario, policy: str) -> None:
        layout = scenario.layout
        self.scenario = scenario
        self.policy = policy
        self.low = np.maximum(layout.minimum, -_FINITE)
        self.high = np.minimum(layout.maximum, _FINITE)
        self.turn_col = layout.col(TURN)
        self.ending_col = layout.col(ENDING)
        self.campaign_turns = 0

    def check_state(self, state: State, turn: int) -> None:
        """Every value finite and within its declared range (the engine's own columns
        have no range, so for them this only asks for a finite number)."""
        values = state.values
        inside = (values >= self.low) & (values <= self.high)
        if inside.all():
            return
        row, column = np.argwhere(~inside)[0]
        value = float(values[row, column])
        variable = self.scenario.layout.variables[column]
        if not np.isfinite(value):
            problem = "is not a finite number"
        else:
            problem = f"is outside its declared range {variable.minimum:g}..{variable.maximum:g}"
        self._fail(state.seeds[row], turn, variable.name, value, problem)

    def after_turn(self, before: State, result: TurnResult) -> None:
        """The per-turn hook of run_batch: the new state, the clock and finished rows."""
        after = result.state.values
        active = result.active
        self.campaign_turns += int(active.sum())
        self.check_state(result.state, result.turn)
        ended_before = before.values[:, self.ending_col] >= 0
        ended_now = ~ended_before & (after[:, self.ending_col] >= 0)
        expected = before.values[:, self.turn_col] + np.where(ended_now, 0.0, 1.0)
        stuck = active & (after[:, self.turn_col] != expected)
        if stuck.any():
            row = int(np.flatnonzero(stuck)[0])
            self._fail(
                before.seeds[row],
                result.turn,
                TURN,
                float(after[row, self.turn_col]),
                f"should be {expected[row]:g}: a playing campaign moves on one quarter a turn",
            )
        idle = ~active
        if idle.any():
            changed = idle & (after != before.values).any(axis=1)
            if changed.any():
                row = int(np.flatnonzero(changed)[0])
                column = int(np.flatnonzero(after[row] != before.values[row])[0])
                self._fail(
                    before.seeds[row],
                    result.turn,
                    self.scenario.layout.variables[column].name,
                    float(after[row, column]),
                    "changed in a campaign that had already ended",
                )
        endings = after[:, self.ending_col]
        unknown = endings >= len(self.scenario.endings)
        if unknown.any():
            row = int(np.flatnonzero(unknown)[0])
            self._fail(
                before.seeds[row], result.turn, ENDING, float(endings[row]), "is no known ending"
            )

    def check_end(self, state: State) -> None:
        """Every campaign reached one of the scenario's endings."""
        unfinished = state.values[:, self.ending_col] < 0
        if unfinished.any():
            row = int(np.flatnonzero(unfinished)[0])
            self._fail(
                state.seeds[row],
                -1,
                "",
                None,
                f"the campaign reached no ending after {self.scenario.calendar.n_turns} turns",
            )

    def _fail(self, seed, turn: int, variable: str, value: float | None, problem: str) -> None:
        date = self.scenario.calendar.label(turn) if turn >= 0 else ""
        raise InvariantBroken(
            Violation(self.policy, int(seed), int(turn), date, variable, value, problem)
        )


def soak_batch(
    scenario: Scenario, policy: Policy, seeds: Sequence[int]
) -> tuple[int, Violation | None]:
    """Play the campaigns of these seeds, checking every turn.

    Returns the number of campaign-turns checked and the first violation, if any. An
    exception from the engine or the policy is a violation too: the batch is split in
    halves until one seed alone raises it, so the report names a campaign to replay.
    """
    checker = TurnChecker(scenario, policy.name)
    try:
        checker.check_state(State.initial(scenario.layout, list(seeds)), 0)
        result = run_batch(scenario, list(seeds), policy, on_turn=checker.after_turn)
        checker.check_end(result.state)
    except InvariantBroken as broken:
        return checker.campaign_turns, broken.violation
    except Exception:  # any crash is a finding; it is narrowed down below
        return checker.campaign_turns, _crashing_campaign(scenario, policy, list(seeds))
    return checker.campaign_turns, None


def _crashing_campaign(scenario: Scenario, policy: Policy, seeds: list[int]) -> Violation:
    while len(seeds) > 1:
        half = seeds[: len(seeds) // 2]
        seeds = half if _raises(scenario, policy, half) else seeds[len(half) :]
    turns: list[int] = []
    try:
        run_batch(
            scenario, seeds, policy, on_turn=lambda _before, result: turns.append(result.turn)
        )
    except Exception as exc:  # reported as a finding, not handled
        turn = turns[-1] + 1 if turns else 0
        return Violation(
            policy.name,
            seeds[0],
            turn,
            scenario.calendar.label(turn),
            "",
            None,
            f"the game raised {type(exc).__name__}: {exc}",
        )
    # The batch crashed, yet no campaign of it crashes alone: rows are not independent.
    return Violation(
        policy.name,
        seeds[0],
        -1,
        "",
        "",
        None,
        "the batch raised an exception that no single campaign of it raises alone",
    )


def _raises(scenario: Scenario, policy: Policy, seeds: list[int]) -> bool:
    try:
        run_batch(scenario, seeds, policy)
    except Exception:  # only whether it raises matters here
        return True
    return False


@dataclass
class SoakTotals:
    """What one policy's soak covered."""

    policy: str
    runs: int = 0
    campaign_turns: int = 0
    seconds: float = 0.0
    violation: Violation | None = None


def soak(
    scenario: Scenario,
    policy: Policy,
    seeds: Sequence[int],
    chunk: int = 1000,
    progress: Callable[[SoakTotals], None] | None = None,
) -> SoakTotals:
    """Soak one policy over the seeds, chunk by chunk; stops at the first violation."""
    totals = SoakTotals(policy.name)
    started = time.perf_counter()
    for first in range(0, len(seeds), chunk):
        part = seeds[first : first + chunk]
        turns, violation = soak_batch(scenario, policy, part)
        totals.campaign_turns += turns
        totals.seconds = time.perf_counter() - started
        if violation is not None:
            totals.violation = violation
            break
        totals.runs += len(part)
        if progress is not None:
            progress(totals)
    return totals
