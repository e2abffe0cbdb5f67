"""A deliberate strategy: policy levels by period, decision preferences and preferred
answers to events, with the heuristic player filling every gap it leaves.

This is the form the strategy search explores and the form of the scripts it writes,
which `simulate --policy scripted --script FILE` replays. As JSON:

    {"strategy": {
        "periods": [
            {"from": "1928-Q4", "policies": {"collectivisation": 2},
             "decisions": {"tanks_for_spain": 1.0, "join_league": 0}},
            {"from": "1932-Q1", "policies": {"collectivisation": 0}}],
        "choices": {"famine": "cut_quota"}}}

A period runs from its quarter to the next period's. In a period, a policy named is held
at that level (ordered whenever it differs and the policy is not locked); a decision
named with a weight above 0 is taken whenever the rules allow it, higher weights first,
and one named with 0 is never taken. An event named in `choices` is answered with that
option when it is open. Anything not named is left to the heuristic player, exactly
as `--policy heuristic` plays it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario

FORMAT_KEY = "strategy"
HEURISTIC = -1  # an event's preferred option: none, the heuristic answers


@dataclass(frozen=True)
class Strategy:
    """`starts`: the first turn of each period (the first is 0).
    `levels` (periods, policies): the level held, NaN where the heuristic sets it.
    `decisions` (periods, decisions): NaN heuristic, 0 never, above 0 take (weight).
    `options` (events,): the preferred option's index, or HEURISTIC."""

    starts: tuple[int, ...]
    levels: np.ndarray
    decisions: np.ndarray
    options: np.ndarray

    @classmethod
    def heuristic(cls, scenario: Scenario, starts: tuple[int, ...]) -> Strategy:
        """The strategy that leaves everything to the heuristic player."""
        periods = len(starts)
        return cls(
            starts,
            np.full((periods, len(scenario.policies)), np.nan),
            np.full((periods, len(scenario.decisions)), np.nan),
            np.full(len(scenario.events), HEURISTIC, dtype=np.int64),
        )

    def key(self) -> bytes:
        """Equal strategies have equal keys (NaN compares equal here)."""
        return b"".join(
            np.ascontiguousarray(a).tobytes()
            for a in (np.asarray(self.starts), self.levels, self.decisions, self.options)
        )

    def is_heuristic(self) -> bool:
        return (
            np.isnan(self.levels).all()
            and np.isnan(self.decisions).all()
            and (self.options == HEURISTIC).all()
        )

    def to_json(self, scenario: Scenario) -> dict:
        periods = []
        for p, start in enumerate(self.starts):
            period: dict = {"from": scenario.calendar.label(start)}
            policies = {
                policy.id: _number(self.levels[p, policy.index])
                for policy in scenario.policies
                if not math.isnan(self.levels[p, policy.index])
            }
            decisions = {
                decision.id: round(float(self.decisions[p, decision.index]), 3)
                for decision in scenario.decisions
                if not math.isnan(self.decisions[p, decision.index])
            }
            if policies:
                period["policies"] = policies
            if decisions:
                period["decisions"] = decisions
            periods.append(period)
        choices = {
            event.id: event.options[int(self.options[event.index])].id
            for event in scenario.events
            if self.options[event.index] != HEURISTIC
        }
        return {FORMAT_KEY: {"periods": periods, "choices": choices}}

    @classmethod
    def from_json(cls, scenario: Scenario, data: dict) -> Strategy:
        """A strategy from its JSON form; a name the scenario lacks raises ValueError."""
        body = data.get(FORMAT_KEY)
        if not isinstance(body, dict):
            raise ValueError(f"a strategy script needs a '{FORMAT_KEY}' object")
        periods = body.get("periods") or [{"from": scenario.calendar.label(0)}]
        starts = [_period_start(scenario, p) for p in periods]
        if starts[0] != 0 or any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
            raise ValueError(
                f"the periods must start at the first quarter ({scenario.calendar.label(0)}) "
                "and follow one another in time"
            )
        strategy = cls.heuristic(scenario, tuple(starts))
        policies = {p.id: p for p in scenario.policies}
        decisions = {d.id: d for d in scenario.decisions}
        for p, period in enumerate(periods):
            for policy_id, value in (period.get("policies") or {}).items():
                policy = _named(policies, policy_id, "policy")
                if float(value) not in policy.level_values:
                    levels = ", ".join(f"{v:g}" for v in policy.level_values)
                    raise ValueError(f"{policy_id} has no level {value}; its levels: {levels}")
                strategy.levels[p, policy.index] = float(value)
            for decision_id, weight in (period.get("decisions") or {}).items():
                decision = _named(decisions, decision_id, "decision")
                if float(weight) < 0:
                    raise ValueError(f"the weight of {decision_id} must not be negative")
                strategy.decisions[p, decision.index] = float(weight)
        for event_id, option_id in (body.get("choices") or {}).items():
            try:
                event = scenario.event(event_id)
            except KeyError:
                raise ValueError(f"there is no event '{event_id}'") from None
            index = next((o.index for o in event.options if o.id == option_id), None)
            if index is None:
                raise ValueError(f"event {event_id} has no option '{option_id}'")
            strategy.options[event.index] = index
        return strategy


def is_strategy_script(data: object) -> bool:
    return isinstance(data, dict) and FORMAT_KEY in data


def period_starts(scenario: Scenario, periods: int) -> tuple[int, ...]:
    """`periods` spans of about equal length, each starting with a year where that moves
    it by at most a quarter or two, so that a strategy reads as 'crash plan 1928-31'."""
    n = scenario.calendar.n_turns
    periods = max(1, min(periods, n))
    starts = [0]
    for i in range(1, periods):
        even = round(n * i / periods)
        first_quarter = [t for t in range(even - 2, even + 3) if _quarter(scenario, t) == 1]
        start = first_quarter[0] if first_quarter else even
        if starts[-1] < start < n:
            starts.append(start)
        elif starts[-1] < even < n:
            starts.append(even)
    return tuple(starts)


def span_label(scenario: Scenario, starts: tuple[int, ...], first: int, last: int) -> str:
    """The years periods `first`..`last` cover: 'until 1931', '1932-34', 'from 1935',
    'in 1933' or 'throughout'."""
    begin = _year(scenario, starts[first])
    if first == 0 and last == len(starts) - 1:
        return "throughout"
    if last == len(starts) - 1:
        return f"from {begin}"
    end = _year(scenario, starts[last + 1] - 1)
    if end == begin:
        return f"in {begin}"
    if first == 0:
        return f"until {end}"
    return f"{begin}-{str(end)[-2:]}" if str(end)[:2] == str(begin)[:2] else f"{begin}-{end}"


def describe(scenario: Scenario, strategy: Strategy, *, detail: bool = False) -> str:
    """A short human description: 'Collectivisation pace: Crash until 1931, Slow from
    1932; ...'. Policies first, in the scenario's order; then the decisions always or
    never taken throughout (with `detail`, also those by period, else only counted);
    then how many answers are set. What is left to the heuristic is not named."""
    parts = []
    for policy in scenario.policies:
        runs = _runs(strategy.levels[:, policy.index])
        named = [
            f"{_level_label(policy, value)} {span_label(scenario, strategy.starts, a, b)}"
            for a, b, value in runs
            if not math.isnan(value)
        ]
        if named:
            parts.append(f"{policy.title}: {', '.join(named)}")
    taken, never, other = [], [], 0
    for decision in scenario.decisions:
        for a, b, value in _runs(strategy.decisions[:, decision.index]):
            if math.isnan(value):
                continue
            span = span_label(scenario, strategy.starts, a, b)
            if span != "throughout" and not detail:
                other += 1
                continue
            name = str(decision.title) if span == "throughout" else f"{decision.title} {span}"
            (taken if value > 0 else never).append(name)
    if taken:
        parts.append(f"takes {', '.join(taken)}")
    if never:
        parts.append(f"never {', '.join(never)}")
    if other:
        parts.append(f"{other} more decision{'s' if other != 1 else ''} by period")
    answers = int((strategy.options != HEURISTIC).sum())
    if answers:
        parts.append(f"{answers} event answer{'s' if answers != 1 else ''} set")
    return "; ".join(parts) if parts else "the heuristic player throughout"


def _runs(values: np.ndarray) -> list[tuple[int, int, float]]:
    """Consecutive periods with the same value, as (first, last, value)."""
    runs: list[tuple[int, int, float]] = []
    for i, value in enumerate(values):
        value = float(value)
        if runs and (runs[-1][2] == value or (math.isnan(value) and math.isnan(runs[-1][2]))):
            runs[-1] = (runs[-1][0], i, value)
        else:
            runs.append((i, i, value))
    return runs


def _level_label(policy, value: float) -> str:
    level = policy.level(value)
    return level.label if level is not None else f"{value:g}"


def _named(table: dict, name: str, kind: str):
    if name not in table:
        raise ValueError(f"there is no {kind} '{name}'")
    return table[name]


def _period_start(scenario: Scenario, period: dict) -> int:
    if not isinstance(period, dict) or "from" not in period:
        raise ValueError("every period needs 'from', a quarter such as 1932-Q1")
    return scenario.calendar.turn_of(str(period["from"]))


def _quarter(scenario: Scenario, turn: int) -> int:
    return int(scenario.calendar.label(turn)[-1])


def _year(scenario: Scenario, turn: int) -> int:
    return int(scenario.calendar.label(turn)[:4])


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)
