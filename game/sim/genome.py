"""How the search makes strategies: the starting population, mutation and crossover.

Every draw comes from the one generator the search passes in, so a search seed gives
the same strategies in the same order.
"""

from __future__ import annotations

import numpy as np

from game.core.model import Scenario
from game.sim.strategy import HEURISTIC, Strategy

# Shares of a mutation's changes among the three parts of a strategy. Policies move
# the model most, so they are changed most often.
POLICY_SHARE = 0.45
DECISION_SHARE = 0.25
# Mean number of genes a mutation changes beyond the first.
EXTRA_CHANGES = 2.0
# A weight above this is 'take it'; spread so that the order of two decisions can evolve.
MIN_WEIGHT = 0.2


def _copy(strategy: Strategy) -> Strategy:
    return Strategy(
        strategy.starts,
        strategy.levels.copy(),
        strategy.decisions.copy(),
        strategy.options.copy(),
    )


def choice_events(scenario: Scenario) -> np.ndarray:
    """The events with a choice to make (two options or more)."""
    return np.array([e.index for e in scenario.events if len(e.options) > 1], dtype=np.int64)


def historical_like(scenario: Scenario, starts: tuple[int, ...]) -> Strategy:
    """The historical record as a strategy: in each period, the levels in force at its
    middle, the decisions history took in it (and no others), and history's answers."""
    strategy = Strategy.heuristic(scenario, starts)
    record = scenario.record.orders_by_turn()
    in_force = {p.id: float(scenario.layout.initial[p.column]) for p in scenario.policies}
    ends = [*starts[1:], scenario.calendar.n_turns]
    timeline: list[dict[str, float]] = []
    for turn in range(scenario.calendar.n_turns):
        if turn in record:
            in_force.update({k: float(v) for k, v in record[turn].policies.items()})
        timeline.append(dict(in_force))
    for p, (start, end) in enumerate(zip(starts, ends, strict=True)):
        middle = timeline[(start + end - 1) // 2]
        for policy in scenario.policies:
            if middle.get(policy.id) in policy.level_values:
                strategy.levels[p, policy.index] = middle[policy.id]
        strategy.decisions[p, :] = 0.0
        taken = [d for t, orders in record.items() if start <= t < end for d in orders.decisions]
        for rank, decision_id in enumerate(taken):
            decision = next((d for d in scenario.decisions if d.id == decision_id), None)
            if decision is not None:
                strategy.decisions[p, decision.index] = max(MIN_WEIGHT, 1.0 - 0.05 * rank)
    for event_id, option_id in scenario.record.choices.items():
        event = next((e for e in scenario.events if e.id == event_id), None)
        if event is None:
            continue
        index = next((o.index for o in event.options if o.id == option_id), None)
        if index is not None and len(event.options) > 1:
            strategy.options[event.index] = index
    return strategy


def extremes(scenario: Scenario, starts: tuple[int, ...]) -> list[tuple[str, Strategy]]:
    """Strategies at the edges: every policy at its lowest or highest level throughout,
    each policy alone at either edge (the rest left to the heuristic), and every decision
    always or never taken."""
    out: list[tuple[str, Strategy]] = []
    lowest = Strategy.heuristic(scenario, starts)
    highest = Strategy.heuristic(scenario, starts)
    for policy in scenario.policies:
        lowest.levels[:, policy.index] = min(policy.level_values)
        highest.levels[:, policy.index] = max(policy.level_values)
    out += [("every policy at its lowest", lowest), ("every policy at its highest", highest)]
    for policy in scenario.policies:
        for edge, value in (
            ("lowest", min(policy.level_values)),
            ("highest", max(policy.level_values)),
        ):
            one = Strategy.heuristic(scenario, starts)
            one.levels[:, policy.index] = value
            out.append((f"{policy.id} at its {edge}", one))
    if scenario.decisions:
        never = Strategy.heuristic(scenario, starts)
        never.decisions[:] = 0.0
        always = Strategy.heuristic(scenario, starts)
        always.decisions[:] = 1.0
        out += [("no decision ever", never), ("every decision when allowed", always)]
    return out


def random_strategy(
    scenario: Scenario, starts: tuple[int, ...], rng: np.random.Generator
) -> Strategy:
    """A strategy drawn at random: each policy held at random levels by period (or left to
    the heuristic), each decision taken, refused or left, each answer chosen or left."""
    strategy = Strategy.heuristic(scenario, starts)
    periods = len(starts)
    # A policy is held at one level throughout or switches once, as a leadership's line
    # does; mutation breaks it up further where that pays.
    for policy in scenario.policies:
        if rng.random() < 0.25:
            continue
        strategy.levels[:, policy.index] = rng.choice(policy.level_values)
        if periods > 1 and rng.random() < 0.5:
            switch = rng.integers(1, periods)
            strategy.levels[switch:, policy.index] = rng.choice(policy.level_values)
    # A decision's preference is drawn once for the whole campaign, mostly left to the
    # heuristic: mutation then changes it period by period.
    for decision in scenario.decisions:
        if rng.random() < 0.4:
            strategy.decisions[:, decision.index] = _decision_genes(rng, 1)[0]
    for index in choice_events(scenario):
        if rng.random() < 0.5:
            strategy.options[index] = rng.integers(len(scenario.events[index].options))
    return strategy


def mutate(scenario: Scenario, strategy: Strategy, rng: np.random.Generator) -> Strategy:
    """A copy with a few genes changed (at least one)."""
    child = _copy(strategy)
    periods = len(child.starts)
    events = choice_events(scenario)
    changes = 1 + rng.poisson(EXTRA_CHANGES)
    for _ in range(changes):
        part = rng.random()
        if part < POLICY_SHARE and scenario.policies:
            policy = scenario.policies[rng.integers(len(scenario.policies))]
            period = rng.integers(periods)
            current = child.levels[period, policy.index]
            options = [v for v in [*policy.level_values, np.nan] if not _same(v, current)]
            value = options[rng.integers(len(options))]
            # Often the neighbouring period follows, so that runs of years can grow.
            span = [period]
            if rng.random() < 0.5:
                neighbour = period + (1 if rng.random() < 0.5 else -1)
                if 0 <= neighbour < periods:
                    span.append(neighbour)
            child.levels[span, policy.index] = value
        elif part < POLICY_SHARE + DECISION_SHARE and scenario.decisions:
            decision = rng.integers(len(scenario.decisions))
            period = rng.integers(periods)
            child.decisions[period, decision] = _decision_genes(rng, 1)[0]
        elif len(events):
            index = events[rng.integers(len(events))]
            count = len(scenario.events[index].options)
            current = child.options[index]
            options = [o for o in range(HEURISTIC, count) if o != current]
            child.options[index] = options[rng.integers(len(options))]
    return child


def crossover(a: Strategy, b: Strategy, rng: np.random.Generator) -> Strategy:
    """Each policy's levels (all periods together), each decision's preferences and each
    answer taken whole from one parent or the other."""
    policies = rng.random(a.levels.shape[1]) < 0.5
    decisions = rng.random(a.decisions.shape[1]) < 0.5
    options = rng.random(a.options.shape[0]) < 0.5
    return Strategy(
        a.starts,
        np.where(policies[None, :], a.levels, b.levels),
        np.where(decisions[None, :], a.decisions, b.decisions),
        np.where(options, a.options, b.options),
    )


def _decision_genes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Per gene: left to the heuristic, never, or taken with a random weight."""
    kind = rng.integers(3, size=n)
    weights = np.round(rng.uniform(MIN_WEIGHT, 1.0, size=n), 3)
    return np.where(kind == 0, np.nan, np.where(kind == 1, 0.0, weights))


def _same(a: float, b: float) -> bool:
    return (np.isnan(a) and np.isnan(b)) or a == b
