"""Strategies judged by playing them: each over the same campaigns (seeds), many
strategies in one vectorised batch, blocks of them in forked worker processes.

A row's campaign depends only on its seed and its strategy, so how the strategies are
cut into blocks and how many workers play them changes no figure. One pool serves the
whole search: workers inherit the compiled scenario through the fork (its conditions are
closures that cannot be pickled) and receive only strategies, which are plain arrays.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.core.verdict import scores as axis_scores
from game.sim.batch import run_batch
from game.sim.parallel import can_fork, default_jobs
from game.sim.strategy import Strategy
from game.sim.strategy_policy import StrategyPolicy

# Rows per batch: about where a batch stops getting cheaper per campaign.
BLOCK_ROWS = 2000
# A campaign whose score on an axis is below this has failed on that axis.
PASS_MARK = 50.0


@dataclass(frozen=True)
class Outcome:
    """What a strategy did over the campaigns: the mean score on each axis (0-100),
    the share of campaigns failing each axis (score below PASS_MARK), and the share of
    campaigns ending with each ending (in the scenario's order)."""

    axes: dict[str, float]
    failed: dict[str, float]
    endings: tuple[float, ...]


def play(scenario: Scenario, strategies: list[Strategy], seeds: np.ndarray) -> list[Outcome]:
    """Every strategy over every seed, as one batch."""
    runs = len(seeds)
    rows = np.repeat(np.arange(len(strategies)), runs)
    result = run_batch(scenario, np.tile(seeds, len(strategies)), StrategyPolicy(strategies, rows))
    scores = axis_scores(scenario, result.state)
    endings = result.endings.reshape(len(strategies), runs)
    outcomes = []
    for k in range(len(strategies)):
        mine = slice(k * runs, (k + 1) * runs)
        counts = np.bincount(endings[k][endings[k] >= 0], minlength=len(scenario.endings))
        outcomes.append(
            Outcome(
                {axis: float(values[mine].mean()) for axis, values in scores.items()},
                {axis: float((values[mine] < PASS_MARK).mean()) for axis, values in scores.items()},
                tuple(float(c) / runs for c in counts),
            )
        )
    return outcomes


class Evaluator:
    """Plays lists of strategies over fixed seeds, in `jobs` worker processes."""

    def __init__(self, scenario: Scenario, seeds: np.ndarray, jobs: int | None = None) -> None:
        self.scenario = scenario
        self.seeds = np.asarray(seeds, dtype=np.uint64)
        self.jobs = default_jobs() if jobs is None else max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        if self.jobs > 1 and can_fork():
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_install,
                initargs=(scenario, self.seeds),
            )

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def blocks(self, count: int) -> list[slice]:
        """The strategies cut into consecutive blocks: small enough to keep every worker
        busy, large enough for the batch to pay."""
        per_block = max(1, BLOCK_ROWS // max(1, len(self.seeds)))
        blocks = max(-(-count // per_block), min(count, self.jobs))
        if self._pool is not None:
            blocks = -(-blocks // self.jobs) * self.jobs  # the workers finish together
        size = -(-count // max(1, blocks))
        return [slice(i, min(count, i + size)) for i in range(0, count, max(1, size))]

    def evaluate(
        self, strategies: list[Strategy], on_block: Callable[[int], None] | None = None
    ) -> list[Outcome]:
        """Each strategy's outcome, in the order given; `on_block(campaigns)` after each
        block, in order."""
        outcomes: list[Outcome] = []
        parts = self.blocks(len(strategies))
        if self._pool is None:
            for part in parts:
                outcomes += play(self.scenario, strategies[part], self.seeds)
                if on_block is not None:
                    on_block(len(strategies[part]) * len(self.seeds))
            return outcomes
        futures = [self._pool.submit(_play, strategies[part]) for part in parts]
        for part, future in zip(parts, futures, strict=True):
            outcomes += future.result()
            if on_block is not None:
                on_block(len(strategies[part]) * len(self.seeds))
        return outcomes


_job: tuple[Scenario, np.ndarray] | None = None


def _install(scenario: Scenario, seeds: np.ndarray) -> None:
    """In a new worker: the scenario and seeds every block is played on."""
    global _job
    _job = (scenario, seeds)


def _play(strategies: list[Strategy]) -> list[Outcome]:
    assert _job is not None, "the worker was not given its scenario"
    scenario, seeds = _job
    return play(scenario, strategies, seeds)
