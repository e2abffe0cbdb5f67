"""Batches of campaigns spread over worker processes, chunk by chunk.

A campaign's result depends only on its seed, so cutting the seeds into chunks and
playing the chunks in separate processes changes no figure: each chunk is counted by
its own tally in a worker, and the parent merges the tallies in seed order, exactly as
one process playing the chunks one after the other would have counted them.

Workers are forked: they inherit the compiled scenario and the policy (whose compiled
conditions are closures that cannot be pickled), and only seeds go to them and tallies
come back. Where the platform cannot fork, the chunks run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

import numpy as np

from game.core.model import Scenario
from game.core.pipeline import TurnResult
from game.core.state import State
from game.sim.batch import BatchResult, run_batch
from game.sim.policies import Policy

T = TypeVar("T")
# Chunks waiting or running per worker: enough to keep every worker busy, few enough
# that finished tallies never pile up while an early chunk is still running.
AHEAD_PER_WORKER = 2

ChunkWork = Callable[[Scenario, np.ndarray, Policy], T]


class Tally(Protocol):
    """Counts what a chunk of campaigns did as it ran; tallies of consecutive chunks merge."""

    def begin(self, seeds: np.ndarray) -> None: ...

    def observe(self, before: State, result: TurnResult) -> None: ...

    def end(self, result: BatchResult) -> None: ...

    def merge(self, later: Tally) -> None: ...


def default_jobs() -> int:
    """One worker per core this process may run on (a container may allow fewer than
    the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def chunks_of(seeds: list[int] | np.ndarray, size: int) -> list[np.ndarray]:
    """The seeds cut into consecutive chunks of at most `size`."""
    array = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    return [array[i : i + size] for i in range(0, len(array), max(1, size))]


def map_chunks(
    scenario: Scenario,
    seeds: list[int] | np.ndarray,
    policy: Policy,
    work: ChunkWork,
    *,
    chunk: int,
    jobs: int | None = None,
) -> Iterator[T]:
    """`work(scenario, chunk_seeds, policy)` for each chunk of the seeds, yielded in seed
    order, run by `jobs` forked workers (all cores by default; 1 runs them here)."""
    parts = chunks_of(seeds, chunk)
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(parts) <= 1 or not can_fork():
        for part in parts:
            yield work(scenario, part, policy)
        return
    workers = min(jobs, len(parts))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_install,
        initargs=(scenario, policy, work),
    ) as pool:
        waiting: deque[Future] = deque()
        todo = iter(parts)
        for part in todo:
            waiting.append(pool.submit(_run, part))
            if len(waiting) >= AHEAD_PER_WORKER * workers:
                break
        while waiting:
            done = waiting.popleft().result()
            for part in todo:
                waiting.append(pool.submit(_run, part))
                break
            yield done


def tally_chunks(
    scenario: Scenario,
    seeds: list[int] | np.ndarray,
    policy: Policy,
    new_tally: Callable[[], Tally],
    *,
    chunk: int,
    jobs: int | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> Tally:
    """Play every campaign of `seeds`, each chunk counted by a fresh tally, and return
    the tallies merged in seed order; `on_chunk(campaigns)` follows progress."""

    def count(scenario: Scenario, part: np.ndarray, policy: Policy) -> tuple[int, Tally]:
        tally = new_tally()
        tally.begin(part)
        tally.end(run_batch(scenario, part, policy, on_turn=tally.observe))
        return len(part), tally

    # The chunks' tallies come back without the scenario; this one, made here, keeps it.
    merged = new_tally()
    for size, tally in map_chunks(scenario, seeds, policy, count, chunk=chunk, jobs=jobs):
        merged.merge(tally)
        if on_chunk is not None:
            on_chunk(size)
    return merged


_job: tuple[Scenario, Policy, ChunkWork] | None = None


def _install(scenario: Scenario, policy: Policy, work: ChunkWork) -> None:
    """In a new worker: what every chunk it runs needs, inherited through the fork."""
    global _job
    _job = (scenario, policy, work)


def _run(seeds: np.ndarray):
    assert _job is not None, "the worker was not given its job"
    scenario, policy, work = _job
    return work(scenario, seeds, policy)
