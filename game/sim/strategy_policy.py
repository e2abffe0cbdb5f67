"""Many deliberate strategies played in one batch: each row follows its own strategy.

Row i plays strategy `row_strategy[i]`; what a row orders and chooses depends only on
its own state, seed and strategy, so a row of a batch of many strategies plays exactly
as a lone campaign with that seed and strategy (the search's figures are the script's).
Where a strategy names nothing, the row plays as the heuristic player, with the same
draws, so the strategy that names nothing is the heuristic player itself.
"""

from __future__ import annotations

import numpy as np

from game.core.judge import decision_openness, policy_locks, view
from game.core.model import Scenario
from game.core.orders import BatchOrders
from game.core.pipeline import PendingTurn
from game.core.state import State
from game.sim.policies import (
    heuristic_choices,
    heuristic_levels,
    heuristic_priority,
    heuristic_wants,
    keep_accepted,
    policy_changes,
)
from game.sim.strategy import HEURISTIC, Strategy


class StrategyPolicy:
    """Plays `strategies[row_strategy[row]]` on each row of a batch."""

    name = "scripted"

    def __init__(self, strategies: list[Strategy], row_strategy: np.ndarray | None = None) -> None:
        if not strategies:
            raise ValueError("a strategy policy needs at least one strategy")
        starts = strategies[0].starts
        if any(s.starts != starts for s in strategies):
            raise ValueError("strategies played in one batch must share their periods")
        self.strategies = strategies
        self.starts = np.asarray(starts)
        self.levels = np.stack([s.levels for s in strategies])  # (S, periods, policies)
        self.decisions = np.stack([s.decisions for s in strategies])  # (S, periods, decisions)
        self.options = np.stack([s.options for s in strategies])  # (S, events)
        self.row_strategy = row_strategy

    def _rows(self, batch: int) -> np.ndarray:
        if self.row_strategy is None:
            return np.zeros(batch, dtype=np.int64)
        if len(self.row_strategy) != batch:
            raise ValueError(
                f"the batch has {batch} rows but {len(self.row_strategy)} were given strategies"
            )
        return self.row_strategy

    def _period(self, turn: int) -> int:
        return int(np.searchsorted(self.starts, turn, side="right") - 1)

    def orders(self, scenario: Scenario, state: State) -> BatchOrders:
        ctx = view(scenario, state)
        rows = self._rows(state.batch)
        period = self._period(state.turn)
        orders = BatchOrders.empty(scenario, state.batch)

        chosen = self.levels[rows, period]
        levels = chosen
        if np.isnan(chosen).any():
            levels = np.where(
                np.isnan(chosen), heuristic_levels(scenario, ctx, state.batch), chosen
            )
        allowed = policy_locks(scenario, ctx) == 0
        orders.policy_values = policy_changes(scenario, state, levels, allowed)

        weights = self.decisions[rows, period]
        legal = decision_openness(scenario, ctx) == 0
        left = np.isnan(weights)
        if left.any():
            priority = heuristic_priority(scenario, ctx, state.batch)
            by_heuristic = heuristic_wants(scenario, state, priority, legal)
            wanted = np.where(left, by_heuristic, legal & (weights > 0))
            priority = np.where(left, priority, weights)
        else:
            wanted = legal & (weights > 0)
            priority = weights
        return keep_accepted(scenario, state, orders, wanted, priority)

    def choices(self, scenario: Scenario, pending: PendingTurn) -> dict[int, np.ndarray]:
        choices = heuristic_choices(scenario, pending)
        rows = self._rows(pending.state.batch)
        every_row = np.arange(len(rows))
        for index, open_mask in pending.options_open.items():
            preferred = self.options[rows, index]
            wanted = preferred != HEURISTIC
            if not wanted.any():
                continue
            is_open = open_mask[every_row, np.maximum(preferred, 0)]
            choices[index] = np.where(wanted & is_open, preferred, choices[index])
        return choices
