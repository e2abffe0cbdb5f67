"""Policies play the player's part: orders each quarter and a choice for each event.

All of them decide for a whole batch at once, and each row's decisions depend only on
that row's state and seed, so row i of a batch plays exactly like a lone campaign with
the same seed. Random draws come from a policy stream separate from the game's own,
so replaying the recorded orders and choices reproduces the campaign exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np

from game.core import rng
from game.core.judge import decision_openness, judge, policy_locks, view
from game.core.layout import COUNTER
from game.core.model import Scenario
from game.core.orders import BatchOrders, decision_odds
from game.core.pipeline import PendingTurn
from game.core.state import State

_POLICY_SITES = 0
_DECISION_SITES = 10_000
_CHOICE_SITES = 20_000


class Policy(Protocol):
    name: str

    def orders(self, scenario: Scenario, state: State) -> BatchOrders: ...

    def choices(self, scenario: Scenario, pending: PendingTurn) -> dict[int, np.ndarray]: ...


def _draws(state: State) -> rng.Draws:
    """The policy stream's draws at the position where the quarter begins."""
    return rng.Draws(state.seeds, state.values[:, state.layout.col(COUNTER)], rng.POLICY_STREAM)


def _weighted_pick(weights: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Per row, an index drawn with probability proportional to its (non-negative) weight."""
    weights = np.maximum(weights, 0.0)
    totals = weights.sum(axis=1)
    uniform_rows = totals <= 0
    weights = np.where(uniform_rows[:, None], (weights >= 0).astype(float), weights)
    cumulative = np.cumsum(weights, axis=1)
    targets = draws * cumulative[:, -1]
    picks = (cumulative <= targets[:, None]).sum(axis=1)
    return np.minimum(picks, weights.shape[1] - 1)


def keep_accepted(
    scenario: Scenario, state: State, orders: BatchOrders, wanted: np.ndarray, priority
) -> BatchOrders:
    """Give the wanted decisions in order of priority and keep what the judge accepts,
    so a policy never sends an order the rules refuse."""
    orders.decisions = wanted
    orders.priority = priority
    orders.decisions = judge(scenario, state, orders).decisions.copy()
    return orders


def _decision_draws(scenario: Scenario, draws: rng.Draws) -> np.ndarray:
    return draws.grid(len(scenario.decisions), _DECISION_SITES)


def _open_choices(scenario: Scenario, pending: PendingTurn, weights_for) -> dict[int, np.ndarray]:
    choices: dict[int, np.ndarray] = {}
    draws = _draws(pending.before)
    for index, open_mask in pending.options_open.items():
        weights = np.where(open_mask, weights_for(scenario.events[index]), -1.0)
        choices[index] = _weighted_pick(weights, draws.at(_CHOICE_SITES + index))
    return choices


class RandomPolicy:
    """Changes policies now and then, takes legal decisions at random, picks any open option."""

    name = "random"

    def __init__(self, change_rate: float = 0.2, decision_rate: float = 0.2) -> None:
        self.change_rate = change_rate
        self.decision_rate = decision_rate

    def orders(self, scenario: Scenario, state: State) -> BatchOrders:
        ctx = view(scenario, state)
        orders = BatchOrders.empty(scenario, state.batch)
        allowed = policy_locks(scenario, ctx) == 0
        draws = _draws(state)
        for policy in scenario.policies:
            change = draws.at(_POLICY_SITES + 2 * policy.index) < self.change_rate
            levels = np.array([lvl.value for lvl in policy.levels])
            pick = (draws.at(_POLICY_SITES + 2 * policy.index + 1) * len(levels)).astype(int)
            wanted = levels[np.minimum(pick, len(levels) - 1)]
            orders.policy_values[:, policy.index] = np.where(
                change & allowed[:, policy.index], wanted, np.nan
            )
        legal = decision_openness(scenario, ctx) == 0
        decision_draws = _decision_draws(scenario, draws)
        wanted = legal & (decision_draws < self.decision_rate)
        return keep_accepted(scenario, state, orders, wanted, -decision_draws)

    def choices(self, scenario: Scenario, pending: PendingTurn) -> dict[int, np.ndarray]:
        return _open_choices(
            scenario, pending, lambda event: np.ones((pending.state.batch, len(event.options)))
        )


def heuristic_levels(scenario: Scenario, ctx, batch: int) -> np.ndarray:
    """(batch, policies): the level nearest each policy's preference (NaN for a policy
    with no preference)."""
    levels = np.full((batch, len(scenario.policies)), np.nan)
    for policy in scenario.policies:
        if policy.ai_preference is None:
            continue
        preferred = np.broadcast_to(policy.ai_preference(ctx), (batch,))
        values = np.array(policy.level_values)
        levels[:, policy.index] = values[
            np.abs(values[None, :] - preferred[:, None]).argmin(axis=1)
        ]
    return levels


def heuristic_priority(scenario: Scenario, ctx, batch: int) -> np.ndarray:
    """(batch, decisions): each decision's weight times its odds of success, which is both
    the chance the heuristic takes it and the order in which it gives it."""
    priority = np.zeros((batch, len(scenario.decisions)))
    for decision, odds in zip(scenario.decisions, decision_odds(scenario, ctx), strict=True):
        weight = np.broadcast_to(decision.ai_weight(ctx), (batch,)).astype(float)
        if odds is not None:
            weight = weight * odds
        priority[:, decision.index] = weight
    return priority


def heuristic_wants(
    scenario: Scenario, state: State, priority: np.ndarray, legal: np.ndarray
) -> np.ndarray:
    """The decisions the heuristic gives: each legal one with the chance its priority says."""
    draws = _decision_draws(scenario, _draws(state))
    return legal & (draws < np.clip(priority, 0.0, 1.0))


def heuristic_choices(scenario: Scenario, pending: PendingTurn) -> dict[int, np.ndarray]:
    """An open option per pending event, drawn in proportion to the options' weights."""
    ctx = view(scenario, pending.state)

    def weights(event) -> np.ndarray:
        return np.stack(
            [np.broadcast_to(o.weight(ctx), (ctx.batch,)) for o in event.options], axis=1
        ).astype(float)

    return _open_choices(scenario, pending, weights)


def policy_changes(scenario: Scenario, state: State, wanted: np.ndarray, allowed) -> np.ndarray:
    """The wanted levels as orders: NaN where the level is already set or the policy is
    locked, so that nothing is ordered that the judge would refuse."""
    current = state.values[:, [p.column for p in scenario.policies]]
    change = allowed & ~np.isnan(wanted) & (wanted != current)
    return np.where(change, wanted, np.nan)


class HeuristicPolicy:
    """Follows the content's hints: policy preferences, decision weights, option weights."""

    name = "heuristic"

    def orders(self, scenario: Scenario, state: State) -> BatchOrders:
        ctx = view(scenario, state)
        orders = BatchOrders.empty(scenario, state.batch)
        allowed = policy_locks(scenario, ctx) == 0
        levels = heuristic_levels(scenario, ctx, state.batch)
        orders.policy_values = policy_changes(scenario, state, levels, allowed)
        legal = decision_openness(scenario, ctx) == 0
        priority = heuristic_priority(scenario, ctx, state.batch)
        wanted = heuristic_wants(scenario, state, priority, legal)
        return keep_accepted(scenario, state, orders, wanted, priority)

    def choices(self, scenario: Scenario, pending: PendingTurn) -> dict[int, np.ndarray]:
        return heuristic_choices(scenario, pending)


class ScriptedPolicy:
    """Plays a fixed script: per turn, the orders and the choices to give.

    A script is a list of {"orders": {...}, "choices": {event: option}} or a mapping
    from quarter dates to such entries; turns the script does not mention give no orders,
    and events it does not answer fall back to the heuristic policy.
    """

    name = "scripted"

    def __init__(self, by_date: dict[str, dict], by_turn: list[dict] | None = None) -> None:
        self.by_date = by_date
        self.by_turn = by_turn or []
        self.fallback = HeuristicPolicy()

    @classmethod
    def from_file(cls, path: Path, scenario: Scenario | None = None) -> Policy:
        """The script in a JSON file: turn by turn, by date, or a deliberate strategy
        (policy levels by period, decision preferences, preferred answers; see
        `game.sim.strategy`), which needs the scenario to name its policies and events."""
        from game.sim.strategy import Strategy, is_strategy_script
        from game.sim.strategy_policy import StrategyPolicy

        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not a JSON script ({exc})") from None
        if is_strategy_script(data):
            if scenario is None:
                raise ValueError("a strategy script needs its scenario")
            try:
                return StrategyPolicy([Strategy.from_json(scenario, data)])
            except ValueError as exc:
                raise ValueError(f"{path}: {exc}") from None
        if isinstance(data, list):
            return cls({}, data)
        return cls(data)

    def _entry(self, scenario: Scenario, turn: int) -> dict:
        if turn < len(self.by_turn):
            return self.by_turn[turn]
        return self.by_date.get(scenario.calendar.label(turn), {})

    def orders(self, scenario: Scenario, state: State) -> BatchOrders:
        from game.core.orders import Orders

        entry = self._entry(scenario, state.turn)
        single = BatchOrders.single(scenario, Orders.from_dict(entry.get("orders", {})))
        orders = BatchOrders(np.repeat(single.policy_values, state.batch, axis=0), single.decisions)
        wanted = np.repeat(single.decisions, state.batch, axis=0)
        priority = np.repeat(single.ranking(scenario), state.batch, axis=0)
        return keep_accepted(scenario, state, orders, wanted, priority)

    def choices(self, scenario: Scenario, pending: PendingTurn) -> dict[int, np.ndarray]:
        wanted = self._entry(scenario, pending.turn).get("choices", {})
        choices = self.fallback.choices(scenario, pending)
        for event in scenario.events:
            option_id = wanted.get(event.id)
            if option_id is None or event.index not in choices:
                continue
            index = next((o.index for o in event.options if o.id == option_id), None)
            if index is None:
                continue
            open_mask = pending.options_open[event.index][:, index]
            choices[event.index] = np.where(open_mask, index, choices[event.index])
        return choices


class HistoricalPolicy(ScriptedPolicy):
    """What the real leadership chose, from the scenario's historical record."""

    name = "historical"

    def __init__(self, scenario: Scenario) -> None:
        record = scenario.record
        by_date = {
            orders.date: {
                "orders": {"policies": dict(orders.policies), "decisions": list(orders.decisions)}
            }
            for orders in record.orders_by_turn().values()
        }
        super().__init__(by_date)
        self.historical_choices = dict(record.choices)

    def _entry(self, scenario: Scenario, turn: int) -> dict:
        entry = dict(self.by_date.get(scenario.calendar.label(turn), {}))
        entry["choices"] = self.historical_choices
        return entry


POLICY_NAMES = ("random", "heuristic", "historical", "scripted")


def make_policy(name: str, scenario: Scenario, script: Path | None = None) -> Policy:
    """A policy by name; 'scripted' needs a script file (JSON)."""
    if name == "random":
        return RandomPolicy()
    if name == "heuristic":
        return HeuristicPolicy()
    if name == "historical":
        return HistoricalPolicy(scenario)
    if name == "scripted":
        if script is None:
            raise ValueError("the scripted policy needs --script FILE")
        return ScriptedPolicy.from_file(script, scenario)
    raise ValueError(f"unknown policy '{name}'; choose one of {', '.join(POLICY_NAMES)}")
