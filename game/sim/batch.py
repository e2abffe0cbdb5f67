"""Many campaigns in one vectorised pass; one campaign is a batch of one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from game.core.campaign import Campaign
from game.core.layout import ENDING, TURN, event_columns
from game.core.model import Scenario
from game.core.pipeline import TurnResult, begin_turn, finish_turn
from game.core.records import TurnRecord, build_record
from game.core.state import State
from game.sim.policies import Policy


@dataclass
class BatchResult:
    scenario: Scenario
    seeds: np.ndarray
    state: State
    records: list[list[TurnRecord]] | None
    snapshots: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def endings(self) -> np.ndarray:
        return self.state.values[:, self.scenario.layout.col(ENDING)].astype(int)

    @property
    def end_turns(self) -> np.ndarray:
        return self.state.values[:, self.scenario.layout.col(TURN)].astype(int)

    def fire_counts(self) -> np.ndarray:
        """(batch, events): how many times each event fired in each campaign."""
        layout = self.scenario.layout
        columns = [layout.col(event_columns(e.id)["fired"]) for e in self.scenario.events]
        return self.state.values[:, columns]

    def campaign(self, row: int) -> Campaign:
        if self.records is None:
            raise ValueError("this batch ran without records")
        return Campaign(self.scenario, int(self.seeds[row]), self.state.row(row), self.records[row])


def run_batch(
    scenario: Scenario,
    seeds: list[int] | np.ndarray,
    policy: Policy,
    *,
    record: bool = False,
    keep_turns: Iterable[int] = (),
    on_turn: Callable[[State, TurnResult], None] | None = None,
) -> BatchResult:
    """Play every campaign of the batch to its end, all rows in lockstep.

    `keep_turns` asks for snapshots of the state as each of those turns ends: rows
    whose campaign ended before that turn hold NaN there, since they never reached it.
    `on_turn(before, result)` is called after every turn with the state the turn began
    from and its result; it must only read them (the soak checks invariants there).
    """
    wanted = set(keep_turns)
    snapshots: dict[int, np.ndarray] = {}
    state = State.initial(scenario.layout, seeds)
    records: list[list[TurnRecord]] | None = [[] for _ in range(state.batch)] if record else None
    for _ in range(scenario.calendar.n_turns):
        if state.ended().all():
            break
        pending = begin_turn(scenario, state, policy.orders(scenario, state), record=record)
        result = finish_turn(pending, policy.choices(scenario, pending))
        if records is not None:
            for row in np.flatnonzero(result.active):
                records[row].append(build_record(scenario, result, int(row)))
        if result.turn in wanted:
            snapshots[result.turn] = np.where(result.active[:, None], result.state.values, np.nan)
        if on_turn is not None:
            on_turn(state, result)
        state = result.state
    return BatchResult(scenario, np.asarray(seeds, dtype=np.uint64), state, records, snapshots)


def merge(results: list[BatchResult]) -> BatchResult:
    """One result from several chunks of the same scenario and policy (records dropped)."""
    first = results[0]
    if len(results) == 1:
        return first
    values = np.concatenate([r.state.values for r in results])
    seeds = np.concatenate([r.seeds for r in results])
    snapshots = {
        turn: np.concatenate([r.snapshots[turn] for r in results]) for turn in first.snapshots
    }
    return BatchResult(
        first.scenario, seeds, State(first.state.layout, values, seeds), None, snapshots
    )


def play_campaign(scenario: Scenario, seed: int, policy: Policy) -> Campaign:
    """One whole campaign played by a policy, with its full record."""
    return run_batch(scenario, [seed], policy, record=True).campaign(0)
