"""The strategy search: which deliberate strategies do best on each axis of the verdict,
which trade one axis for another, and which reach each ending most often.

A (mu + lambda) evolutionary search over `Strategy`s. Each strategy is played over the
same campaigns (seeds), so two strategies are compared on the same dice. The objectives
are the mean score on each axis and the share of each ending; a generation also draws a
few random weightings of the axes, so that the survivors spread along the trade-offs
between axes, not only at their ends. A candidate survives by its best rank on any one
objective: the specialist on one axis or one ending is kept beside the all-rounder.

The first generation holds the heuristic player, the historical record as a strategy,
strategies at the edges (every policy at its lowest, at its highest, each policy alone
at either edge, every decision always or never) and random strategies. Everything is
drawn from one generator seeded with the search's seed, so a seed gives the same search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.sim import genome
from game.sim.objectives import main_axis
from game.sim.pareto import non_dominated
from game.sim.search_eval import Evaluator, Outcome
from game.sim.search_settings import Settings
from game.sim.strategy import Strategy, period_starts

# Random weightings of the axes added to the objectives in each generation.
WEIGHTINGS = 4
# Children made by crossing two parents (the rest are mutants of one).
CROSSOVER_SHARE = 0.4
# Tries to make a child no strategy already evaluated is equal to.
FRESH_TRIES = 8


@dataclass(frozen=True)
class Candidate:
    """A strategy evaluated: its number in the order of evaluation, where it came from
    ('heuristic', 'historical', an edge, 'random', or 'generation N') and its outcome."""

    number: int
    origin: str
    strategy: Strategy
    outcome: Outcome

    @property
    def deliberate(self) -> bool:
        """Anything but the heuristic player left to itself."""
        return not self.strategy.is_heuristic()


@dataclass(frozen=True)
class SearchResult:
    scenario: Scenario
    settings: Settings
    candidates: tuple[Candidate, ...]

    @property
    def seeds(self) -> tuple[int, int]:
        return self.settings.seed, self.settings.seed + self.settings.runs - 1

    @property
    def axes(self) -> list[str]:
        return list(self.candidates[0].outcome.axes) if self.candidates else []

    @property
    def campaigns(self) -> int:
        return len(self.candidates) * self.settings.runs

    @property
    def heuristic(self) -> Candidate:
        return next(c for c in self.candidates if not c.deliberate)

    def deliberate(self) -> list[Candidate]:
        return [c for c in self.candidates if c.deliberate]

    def best_on(self, axis: str) -> Candidate:
        """The deliberate strategy with the highest mean score on the axis; among equals,
        the one that pays least on the others (the best mean over all axes), then the
        first evaluated."""

        def key(c: Candidate) -> tuple[float, float, int]:
            scores = c.outcome.axes
            return scores[axis], sum(scores.values()) / len(scores), -c.number

        return max(self.deliberate(), key=key)

    def best_for_ending(self, index: int) -> Candidate:
        """The deliberate strategy reaching the ending (by index) most often."""
        return max(self.deliberate(), key=lambda c: c.outcome.endings[index])

    def front(self) -> list[Candidate]:
        """The deliberate strategies no other beats on every axis, best on the main axis
        first."""
        pool = self.deliberate()
        if not self.axes or not pool:
            return []
        # Strategies that differ only where it never mattered score alike: the first
        # evaluated stands for them all.
        alike: dict[tuple[float, ...], Candidate] = {}
        for candidate in pool:
            alike.setdefault(tuple(candidate.outcome.axes.values()), candidate)
        pool = list(alike.values())
        points = np.array([[c.outcome.axes[a] for a in self.axes] for c in pool])
        front = [pool[i] for i in non_dominated(points)]
        first = main_axis(self.scenario) or self.axes[0]
        return sorted(front, key=lambda c: (-c.outcome.axes[first], c.number))


def objective_matrix(outcomes: list[Outcome], rng: np.random.Generator) -> np.ndarray:
    """(candidates, objectives), higher better: each axis's mean score, each ending's
    share, and WEIGHTINGS random weighted means of the axes."""
    axes = np.array([list(o.axes.values()) for o in outcomes]).reshape(len(outcomes), -1)
    endings = np.array([o.endings for o in outcomes]).reshape(len(outcomes), -1)
    columns = [axes, endings]
    if axes.shape[1] > 1:
        weights = rng.dirichlet(np.ones(axes.shape[1]), size=WEIGHTINGS)
        columns.append(axes @ weights.T)
    return np.concatenate(columns, axis=1)


def best_ranks(objectives: np.ndarray) -> np.ndarray:
    """Per candidate, (its best rank on any objective, its mean rank): rank 0 is the
    best; ties go to the earlier candidate, so the order is fixed."""
    n = objectives.shape[0]
    ranks = np.empty_like(objectives, dtype=np.int64)
    for j in range(objectives.shape[1]):
        order = np.argsort(-objectives[:, j], kind="stable")
        ranks[order, j] = np.arange(n)
    return np.stack([ranks.min(axis=1), ranks.mean(axis=1)], axis=1)


def survivors(objectives: np.ndarray, count: int) -> np.ndarray:
    """The `count` candidates with the best ranks (best single rank, then mean rank)."""
    ranks = best_ranks(objectives)
    order = np.lexsort((np.arange(len(ranks)), ranks[:, 1], ranks[:, 0]))
    return order[:count]


def search(
    scenario: Scenario,
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
) -> SearchResult:
    """Run the search; `on_progress(campaigns)` as blocks of campaigns finish."""
    rng = np.random.default_rng(settings.seed)
    starts = period_starts(scenario, settings.periods)
    seeds = np.arange(settings.seed, settings.seed + settings.runs, dtype=np.uint64)
    budget = max(1, settings.budget)
    seen: set[bytes] = set()
    candidates: list[Candidate] = []

    first = [("heuristic", Strategy.heuristic(scenario, starts))]
    if scenario.record:
        first.append(("historical", genome.historical_like(scenario, starts)))
    first += genome.extremes(scenario, starts)
    while len(first) < max(settings.population, 2) * 2:
        first.append(("random", genome.random_strategy(scenario, starts, rng)))

    with Evaluator(scenario, seeds, settings.jobs) as evaluator:

        def evaluate(batch: list[tuple[str, Strategy]]) -> None:
            fresh = []
            for origin, strategy in batch:
                if strategy.key() not in seen and len(candidates) + len(fresh) < budget:
                    seen.add(strategy.key())
                    fresh.append((origin, strategy))
            outcomes = evaluator.evaluate([s for _, s in fresh], on_progress)
            for (origin, strategy), outcome in zip(fresh, outcomes, strict=True):
                candidates.append(Candidate(len(candidates), origin, strategy, outcome))

        evaluate(first)
        population = list(range(len(candidates)))
        generation = 0
        while len(candidates) < budget:
            generation += 1
            objectives = objective_matrix([candidates[i].outcome for i in population], rng)
            kept = survivors(objectives, settings.population)
            population = [population[i] for i in kept]
            ranks = best_ranks(objectives[kept])
            children = []
            wanted = min(settings.offspring, budget - len(candidates))
            while len(children) < wanted:
                child = _child(scenario, [candidates[i] for i in population], ranks, rng, seen)
                if child is None:
                    break
                children.append((f"generation {generation}", child))
            if not children:
                break
            before = len(candidates)
            evaluate(children)
            population += list(range(before, len(candidates)))
    return SearchResult(scenario, settings, tuple(candidates))


def _child(
    scenario: Scenario,
    parents: list[Candidate],
    ranks: np.ndarray,
    rng: np.random.Generator,
    seen: set[bytes],
) -> Strategy | None:
    """A new strategy from parents picked by tournament, or None if none could be found
    that was not already evaluated."""
    for _ in range(FRESH_TRIES):
        a = _tournament(ranks, rng)
        if rng.random() < CROSSOVER_SHARE and len(parents) > 1:
            b = _tournament(ranks, rng)
            child = genome.crossover(parents[a].strategy, parents[b].strategy, rng)
            child = genome.mutate(scenario, child, rng) if rng.random() < 0.5 else child
        else:
            child = genome.mutate(scenario, parents[a].strategy, rng)
        if child.key() not in seen:
            return child
    return None


def _tournament(ranks: np.ndarray, rng: np.random.Generator) -> int:
    """The better of two candidates drawn at random (by best rank, then mean rank)."""
    a, b = rng.integers(len(ranks), size=2)
    return int(min(a, b, key=lambda i: (ranks[i, 0], ranks[i, 1], i)))
