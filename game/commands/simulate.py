"""python -m game simulate: many headless campaigns, their endings and events, and the
balance report.

Campaigns run in chunks of seeds, one batch each, so that a progress bar can move and
memory stays flat: each chunk is tallied as it runs and then dropped. With `--jobs N`
the chunks run in N worker processes (all cores by default) and their tallies are
merged in seed order. A campaign's result depends only on its seed, so neither the
chunking nor the number of workers changes a figure.
"""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import numpy as np

from game.cli import dump_json
from game.commands.batch_options import batch_options_refused
from game.content.loader import load_scenario
from game.core.model import Scenario
from game.core.pipeline import TurnResult
from game.core.state import State
from game.saves import SaveError, write_save
from game.sim.balance import BalanceTally, TurnSamples
from game.sim.balance_html import render_balance_html
from game.sim.batch import BatchResult, run_batch
from game.sim.calibration import (
    FigureCheck,
    calibrate,
    calibration_lines,
    figure_turns,
    figure_values,
    mean_of,
)
from game.sim.parallel import default_jobs, tally_chunks
from game.sim.policies import Policy, make_policy
from game.sim.reading import ReadingLoad
from game.sim.summary import BatchSummary

CHUNK = 1000  # campaigns per batch: large enough for numpy to pay, small enough to show progress
PARALLEL_CHUNK = 2000  # per batch in a worker: larger ones gain little and take more memory


def chunk_size(runs: int) -> int:
    """About five chunks for small runs, so that progress shows; at most CHUNK."""
    return min(CHUNK, max(100, -(-runs // 5)))


def parallel_chunk_size(runs: int, jobs: int) -> int:
    """Two chunks a worker or more, so that progress shows and the workers finish
    together, but as large as that allows up to PARALLEL_CHUNK: a batch of 500
    campaigns runs about two thirds as fast per campaign as one of 2,000."""
    return min(PARALLEL_CHUNK, max(100, -(-runs // (2 * jobs))))


def run_simulate(args: Namespace) -> int:
    if args.runs < 1:
        print("error: --runs must be at least 1", file=sys.stderr)
        return 2
    if args.save and args.runs != 1:
        print("error: --save writes one campaign; use it with --runs 1", file=sys.stderr)
        return 2
    if batch_options_refused(args):
        return 2
    scenario = load_scenario(args.scenario)
    try:
        policy = make_policy(args.policy, scenario, args.script)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    historical = policy.name == "historical"
    started = time.perf_counter()
    progress = Progress(args.runs, sys.stderr) if args.runs > 1 else None
    jobs = default_jobs() if args.jobs is None else args.jobs
    seeds = list(range(args.seed, args.seed + args.runs))
    if args.save:
        counted = _simulate_and_save(scenario, args.seed, policy, historical, args.save)
        if isinstance(counted, int):
            return counted
    else:
        counted = tally_chunks(
            scenario,
            seeds,
            policy,
            lambda: SimulateTally(scenario, policy.name, historical),
            chunk=chunk_size(args.runs) if jobs == 1 else parallel_chunk_size(args.runs, jobs),
            jobs=jobs,
            on_chunk=None if progress is None else progress.advance,
        )
    summary, tally, figures = counted.summary, counted.balance, counted.figures
    if progress is not None:
        progress.finish()
    elapsed = time.perf_counter() - started
    last = args.seed + args.runs - 1
    print(
        f"Simulated {args.runs} campaign{'s' if args.runs != 1 else ''} of '{scenario.title}' with the "
        f"{policy.name} policy (seeds {args.seed}..{last}) in {elapsed:.2f} s"
    )
    for line in summary.lines():
        print(line)
    for line in counted.reading.lines():
        print(line)
    checks: list[FigureCheck] = []
    if figures is not None:
        checks = _calibration(scenario, figures)
        for line in calibration_lines(checks):
            print(line)
    if args.save:
        print(f"Saved the campaign to {args.save}")
    if args.json:
        data = summary.to_dict()
        data["seeds"] = [args.seed, last]
        data["reading"] = counted.reading.to_dict()
        if checks:
            data["calibration"] = [c.to_dict() for c in checks]
        dump_json(data, args.json)
        print(f"Wrote {args.json}")
    if args.report:
        report = tally.report(
            policy.name,
            scenario_ref=str(args.scenario),
            script=str(args.script) if args.script and policy.name == "scripted" else None,
        )
        try:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(render_balance_html(report), encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write the report to {args.report}: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote the balance report to {args.report}")
    return 0


def _figure_samples(scenario: Scenario) -> TurnSamples:
    """The record's figures' variables at their quarters: all the calibration reads."""
    names = scenario.record.figure_vars()
    return TurnSamples(scenario, figure_turns(scenario), names)


def _calibration(scenario: Scenario, samples: TurnSamples) -> list[FigureCheck]:
    """The calibration from samples taken as the batches ran, not from kept snapshots.

    `calibrate` gives each figure's text and range (with no batch, none is simulated
    yet); the simulated value is then the mean over the campaigns that reached the
    figure's quarter, as `calibrate` itself would take.
    """
    values = samples.values()
    checks = []
    figures = scenario.record.figures
    for check, figure in zip(calibrate(scenario, None), figures, strict=True):
        if figure.var:
            name = samples.names.index(figure.var)

            def at_turn(turn: int, name: int = name) -> np.ndarray:
                return values[:, samples.turns[turn], name]

            simulated = mean_of(figure_values(figure, at_turn))
            if simulated is not None:
                check = replace(check, simulated=simulated)
        checks.append(check)
    return checks


class SimulateTally:
    """Everything simulate counts about a chunk of campaigns: the summary, the balance
    report's figures, the reading load and, for the historical policy, the calibration's
    samples."""

    def __init__(self, scenario: Scenario, policy: str, historical: bool) -> None:
        self.summary = BatchSummary(scenario, policy)
        self.balance = BalanceTally(scenario)
        self.reading = ReadingLoad()
        self.figures = _figure_samples(scenario) if historical else None

    def begin(self, seeds: np.ndarray) -> None:
        self.balance.begin(seeds)
        self.reading.begin(seeds)
        if self.figures is not None:
            self.figures.begin(len(seeds))

    def observe(self, before: State, result: TurnResult) -> None:
        self.balance.observe(before, result)
        self.reading.observe(self.summary.scenario, result)
        if self.figures is not None:
            self.figures.observe(before, result)

    def end(self, result: BatchResult) -> None:
        self.balance.end(result)
        self.reading.end()
        self.summary.add(result)

    def merge(self, later: SimulateTally) -> None:
        self.summary.merge(later.summary)
        self.balance.merge(later.balance)
        self.reading.merge(later.reading)
        if self.figures is not None and later.figures is not None:
            self.figures.merge(later.figures)


def _simulate_and_save(
    scenario: Scenario, seed: int, policy: Policy, historical: bool, save: Path
) -> SimulateTally | int:
    """One campaign, counted and written as a save game; an exit status if the save
    cannot be written."""
    counted = SimulateTally(scenario, policy.name, historical)
    counted.begin(np.array([seed], dtype=np.uint64))
    result = run_batch(scenario, [seed], policy, record=True, on_turn=counted.observe)
    counted.end(result)
    try:
        write_save(result.campaign(0), save, name=f"{policy.name} policy, seed {seed}")
    except SaveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return counted


class Progress:
    """Campaigns done so far, on stderr: a bar redrawn in place on a terminal, a few
    plain lines otherwise (a log or a CI job)."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO, doing: str = "simulating") -> None:
        self.total = total
        self.doing = doing
        self.stream = stream
        self.done = 0
        self.started = time.perf_counter()
        self.live = bool(getattr(stream, "isatty", lambda: False)())
        self.printed_quarter = 0
        if self.live:
            self._draw()

    def advance(self, campaigns: int) -> None:
        self.done += campaigns
        if self.live:
            self._draw()
            return
        quarter = 4 * self.done // self.total
        if quarter > self.printed_quarter:
            self.printed_quarter = quarter
            print(
                f"{self.doing}: {self.done:,} of {self.total:,} campaigns ({100 * self.done // self.total}%)",
                file=self.stream,
                flush=True,
            )

    def finish(self) -> None:
        if self.live:
            self.stream.write("\r\033[K")  # the summary follows on stdout: leave no bar behind
            self.stream.flush()

    def _draw(self) -> None:
        filled = self.WIDTH * self.done // self.total
        elapsed = time.perf_counter() - self.started
        left = ""
        if self.done:
            left = f", about {elapsed / self.done * (self.total - self.done):.0f} s left"
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done:,}/{self.total:,} campaigns"
            f" ({100 * self.done // self.total}%{left})\033[K"
        )
        self.stream.flush()
