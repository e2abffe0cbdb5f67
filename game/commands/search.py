"""python -m game search: the strategies that do best on each axis of the verdict, the
Pareto front, the strategy that reaches each ending most often, and the targets that
say whether every path costs something. Every strategy it names is written as a script
that `simulate --policy scripted --script FILE` replays on the same seeds."""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from pathlib import Path

from game.cli import dump_json
from game.commands.batch_options import batch_options_refused
from game.content.loader import load_scenario
from game.core.model import Scenario
from game.sim.search import Candidate, SearchResult, search
from game.sim.search_settings import Settings
from game.sim.search_targets import Target, check_targets
from game.sim.strategy import describe

# Rows of the Pareto front printed (all of them go to --json and --out).
FRONT_ROWS = 25


def run_search(args: Namespace) -> int:
    for name, least in (("budget", 1), ("runs", 1), ("periods", 1)):
        if getattr(args, name) < least:
            print(f"error: --{name} must be at least {least}", file=sys.stderr)
            return 2
    if batch_options_refused(args):
        return 2
    from game.commands.simulate import Progress

    scenario = load_scenario(args.scenario)
    settings = Settings(
        budget=args.budget, runs=args.runs, seed=args.seed, periods=args.periods, jobs=args.jobs
    )
    started = time.perf_counter()
    progress = Progress(settings.budget * settings.runs, sys.stderr, "searching")
    result = search(scenario, settings, progress.advance)
    progress.finish()
    elapsed = time.perf_counter() - started
    targets = check_targets(result)
    scripts = _scripts(result)
    first, last = result.seeds
    print(
        f"Searched {len(result.candidates)} strategies for '{scenario.title}', each over "
        f"{settings.runs} campaigns (seeds {first}..{last}), {result.campaigns:,} campaigns "
        f"in {elapsed:.0f} s"
    )
    for line in report_lines(result, targets, scripts, args.out):
        print(line)
    if args.out is not None:
        try:
            for name, (candidate, label) in scripts.items():
                dump_json(
                    script_json(result, candidate, label, args, args.out / name), args.out / name
                )
        except OSError as exc:
            print(f"error: cannot write the scripts to {args.out}: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote {len(scripts)} scripts to {args.out}")
    if args.json is not None:
        data = result_json(result, targets, scripts, args, elapsed)
        try:
            dump_json(data, args.json)
        except OSError as exc:
            print(f"error: cannot write {args.json}: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote {args.json}")
    return 0


def _scripts(result: SearchResult) -> dict[str, tuple[Candidate, str]]:
    """File name -> (strategy, what it is): the best on each axis, the front, and the
    strategy reaching each ending most often."""
    scripts: dict[str, tuple[Candidate, str]] = {}
    if not result.deliberate():
        return scripts
    for axis in result.axes:
        scripts[f"best-{axis}.json"] = (result.best_on(axis), f"the best on {axis}")
    for i, candidate in enumerate(result.front(), start=1):
        scripts[f"front-{i:02d}.json"] = (candidate, f"number {i} of the Pareto front")
    for ending in result.scenario.endings:
        candidate = result.best_for_ending(ending.index)
        if candidate.outcome.endings[ending.index] > 0:
            scripts[f"ending-{ending.id}.json"] = (candidate, f"the most often {ending.id}")
    return scripts


def _axis_titles(scenario: Scenario) -> dict[str, str]:
    return {axis.id: axis.title for axis in scenario.verdict}


def _history_text(scenario: Scenario, axis_id: str) -> str:
    """' (history 55)', or nothing when some measure of the axis gives no history."""
    axis = next(a for a in scenario.verdict if a.id == axis_id)
    return "" if axis.history_score is None else f" (history {axis.history_score:.0f})"


def _endings_text(scenario: Scenario, candidate: Candidate, top: int = 3) -> str:
    shares = sorted(
        (
            (share, e.id)
            for e, share in zip(scenario.endings, candidate.outcome.endings, strict=True)
        ),
        key=lambda pair: -pair[0],
    )
    return ", ".join(f"{ending} {share:.0%}" for share, ending in shares[:top] if share > 0)


def _scores_text(result: SearchResult, candidate: Candidate) -> str:
    titles = _axis_titles(result.scenario)
    return ", ".join(f"{titles.get(a, a)} {candidate.outcome.axes[a]:.0f}" for a in result.axes)


def _file_of(scripts: dict[str, tuple[Candidate, str]], candidate: Candidate, out: Path | None):
    if out is None:
        return None
    name = next((n for n, (c, _) in scripts.items() if c.number == candidate.number), None)
    return None if name is None else out / name


def report_lines(
    result: SearchResult,
    targets: list[Target],
    scripts: dict[str, tuple[Candidate, str]],
    out: Path | None,
) -> list[str]:
    scenario = result.scenario
    titles = _axis_titles(scenario)
    lines = []
    heuristic = result.heuristic
    lines.append(
        f"The heuristic player: {_endings_text(scenario, heuristic)}"
        + (f"; {_scores_text(result, heuristic)}" if result.axes else "")
    )
    if result.axes:
        lines += [
            "",
            "Best on each axis (mean score 0-100 over the campaigns; history's in brackets):",
        ]
        costs = [titles.get(a.id, a.id) for a in scenario.verdict if a.cost]
        if costs:
            # The end screen shows a cost axis as harm (100 minus the score); say so here.
            lines.append(
                f"  Higher is better on every axis: {', '.join(costs)} 100 means no lives "
                "lost (the end screen shows 100 minus this score as the harm done)."
            )
        top = {a: result.best_on(a).outcome.axes[a] for a in result.axes}
        for axis in result.axes:
            best = result.best_on(axis)
            lines.append(
                f"  {titles.get(axis, axis)} {top[axis]:.0f}{_history_text(scenario, axis)}: "
                f"{describe(scenario, best.strategy)}"
            )
            price = ", ".join(
                f"{titles.get(a, a)} {best.outcome.axes[a]:.0f} (best {top[a]:.0f})"
                for a in result.axes
                if a != axis
            )
            lines.append(f"      price: {price}")
            lines.append(f"      endings: {_endings_text(scenario, best)}")
            where = _file_of(scripts, best, out)
            if where is not None:
                lines.append(f"      script: {where}")
        front = result.front()
        lines += ["", f"Pareto front ({len(front)} strategies no other beats on every axis):"]
        width = max(len(titles.get(a, a)) for a in result.axes)
        width = max(5, min(width, 14))
        header = "   # " + " ".join(f"{titles.get(a, a)[:width]:>{width}}" for a in result.axes)
        lines.append(header + "  most frequent ending  strategy")
        for i, candidate in enumerate(front[:FRONT_ROWS], start=1):
            scores = " ".join(f"{candidate.outcome.axes[a]:>{width}.0f}" for a in result.axes)
            ending = _endings_text(scenario, candidate, top=1)
            lines.append(
                f"  {i:2d} {scores}  {ending:<20}  {describe(scenario, candidate.strategy)}"
            )
        if len(front) > FRONT_ROWS:
            lines.append(f"  ... and {len(front) - FRONT_ROWS} more (see --json and --out)")
    if result.deliberate():
        lines += ["", "Each ending, and the deliberate strategy that reaches it most often:"]
        for ending in scenario.endings:
            best = result.best_for_ending(ending.index)
            share = best.outcome.endings[ending.index]
            text = describe(scenario, best.strategy) if share > 0 else "(no strategy reached it)"
            lines.append(f"  {ending.id:<20} {share:5.0%}  {text}")
    lines += ["", "Targets (issue 12, item 8):"]
    lines += [f"  {target.line()}" for target in targets]
    return lines


def _replay(args: Namespace, result: SearchResult, path: Path) -> str:
    first, _ = result.seeds
    return (
        f"python -m game simulate {args.scenario} --policy scripted --script {path} "
        f"--seed {first} --runs {result.settings.runs}"
    )


def candidate_json(result: SearchResult, candidate: Candidate) -> dict:
    scenario = result.scenario
    return {
        "number": candidate.number,
        "origin": candidate.origin,
        "description": describe(scenario, candidate.strategy, detail=True),
        "axes": {a: round(v, 2) for a, v in candidate.outcome.axes.items()},
        "failed": {a: round(v, 4) for a, v in candidate.outcome.failed.items()},
        "endings": {
            e.id: round(share, 4)
            for e, share in zip(scenario.endings, candidate.outcome.endings, strict=True)
        },
        **candidate.strategy.to_json(scenario),
    }


def script_json(
    result: SearchResult, candidate: Candidate, label: str, args: Namespace, path: Path
) -> dict:
    """A script `simulate --policy scripted` replays: the strategy, and what the search
    saw it do on its seeds (which the replay reproduces)."""
    data = candidate_json(result, candidate)
    data["found_as"] = label
    data["replay"] = _replay(args, result, path)
    return data


def result_json(
    result: SearchResult,
    targets: list[Target],
    scripts: dict[str, tuple[Candidate, str]],
    args: Namespace,
    elapsed: float,
) -> dict:
    scenario = result.scenario
    settings = result.settings
    return {
        "scenario": scenario.id,
        "settings": {
            "budget": settings.budget,
            "runs": settings.runs,
            "seed": settings.seed,
            "periods": settings.periods,
            "population": settings.population,
            "offspring": settings.offspring,
        },
        "seeds": list(result.seeds),
        "campaigns": result.campaigns,
        "seconds": round(elapsed, 1),
        "axes": [
            {
                "id": a.id,
                "title": a.title,
                "cost": a.cost,
                "history": None if a.history_score is None else round(a.history_score, 2),
            }
            for a in scenario.verdict
        ],
        "heuristic": candidate_json(result, result.heuristic),
        "best_on_axis": {a: result.best_on(a).number for a in result.axes}
        if result.deliberate()
        else {},
        "front": [c.number for c in result.front()],
        "best_for_ending": {e.id: result.best_for_ending(e.index).number for e in scenario.endings}
        if result.deliberate()
        else {},
        "scripts": {name: candidate.number for name, (candidate, _) in scripts.items()},
        "targets": [t.to_dict() for t in targets],
        "candidates": [candidate_json(result, c) for c in result.candidates],
    }
