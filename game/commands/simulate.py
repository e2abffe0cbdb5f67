"""python -m game simulate: many headless campaigns, their endings and events, and the
balance report.

Campaigns run in chunks of seeds, one batch each, so that a progress bar can move and
memory stays flat: each chunk is tallied as it runs and then dropped. A campaign's
result depends only on its seed, so the chunking never changes a figure.
"""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from dataclasses import replace
from typing import TextIO

import numpy as np

from game.cli import dump_json
from game.content.loader import load_scenario
from game.core.model import Scenario
from game.core.pipeline import TurnResult
from game.core.state import State
from game.saves import SaveError, write_save
from game.sim.balance import BalanceTally, TurnSamples
from game.sim.balance_html import render_balance_html
from game.sim.batch import BatchResult, run_batch
from game.sim.calibration import FigureCheck, calibrate, calibration_lines, figure_turns
from game.sim.policies import make_policy
from game.sim.summary import BatchSummary

CHUNK = 1000  # campaigns per batch: large enough for numpy to pay, small enough to show progress


def chunk_size(runs: int) -> int:
    """About five chunks for small runs, so that progress shows; at most CHUNK."""
    return min(CHUNK, max(100, -(-runs // 5)))


def run_simulate(args: Namespace) -> int:
    if args.runs < 1:
        print("error: --runs must be at least 1", file=sys.stderr)
        return 2
    if args.save and args.runs != 1:
        print("error: --save writes one campaign; use it with --runs 1", file=sys.stderr)
        return 2
    if args.seed < 0:
        print("error: --seed must not be negative", file=sys.stderr)
        return 2
    scenario = load_scenario(args.scenario)
    try:
        policy = make_policy(args.policy, scenario, args.script)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    historical = policy.name == "historical"
    started = time.perf_counter()
    summary = BatchSummary(scenario, policy.name)
    tally = BalanceTally(scenario)
    figures = _figure_samples(scenario) if historical else None
    progress = Progress(args.runs, sys.stderr) if args.runs > 1 else None

    def observe(before: State, result: TurnResult) -> None:
        tally.observe(before, result)
        if figures is not None:
            figures.observe(before, result)

    last_result: BatchResult | None = None
    size = chunk_size(args.runs)
    for first in range(args.seed, args.seed + args.runs, size):
        seeds = list(range(first, min(first + size, args.seed + args.runs)))
        tally.begin(seeds)
        if figures is not None:
            figures.begin(len(seeds))
        last_result = run_batch(scenario, seeds, policy, record=bool(args.save), on_turn=observe)
        tally.end(last_result)
        summary.add(last_result)
        if progress is not None:
            progress.advance(len(seeds))
        if args.save:
            try:
                write_save(
                    last_result.campaign(0),
                    args.save,
                    name=f"{policy.name} policy, seed {args.seed}",
                )
            except SaveError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
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
    checks: list[FigureCheck] = []
    if figures is not None and last_result is not None:
        checks = _calibration(scenario, last_result, figures)
        for line in calibration_lines(checks):
            print(line)
    if args.save:
        print(f"Saved the campaign to {args.save}")
    if args.json:
        data = summary.to_dict()
        data["seeds"] = [args.seed, last]
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


def _calibration(
    scenario: Scenario, result: BatchResult, samples: TurnSamples
) -> list[FigureCheck]:
    """The calibration from samples taken as the batches ran, not from kept snapshots.

    `calibrate` gives each figure's text and range (the result passed in kept no
    snapshots, so none is simulated yet); the simulated value is then the mean over
    the campaigns that reached the figure's quarter, as `calibrate` itself would take.
    """
    values = samples.values()
    checks = []
    figures = scenario.record.figures
    for check, figure in zip(calibrate(scenario, result), figures, strict=True):
        if figure.var:
            column = values[:, samples.turns[figure.turn], samples.names.index(figure.var)]
            if np.isfinite(column).any():
                check = replace(check, simulated=float(np.nanmean(column)))
        checks.append(check)
    return checks


class Progress:
    """Campaigns done so far, on stderr: a bar redrawn in place on a terminal, a few
    plain lines otherwise (a log or a CI job)."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
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
                f"simulating: {self.done:,} of {self.total:,} campaigns ({100 * self.done // self.total}%)",
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
