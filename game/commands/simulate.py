"""python -m game simulate: many headless campaigns, their endings and events."""

from __future__ import annotations

import sys
import time
from argparse import Namespace

from game.cli import dump_json
from game.content.loader import load_scenario
from game.saves import SaveError, write_save
from game.sim.batch import merge, run_batch
from game.sim.calibration import calibrate, calibration_lines, figure_turns
from game.sim.policies import make_policy
from game.sim.summary import BatchSummary

CHUNK = 1000


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
    started = time.perf_counter()
    summary = BatchSummary(scenario, policy.name)
    turns = figure_turns(scenario)
    results = []
    for first in range(args.seed, args.seed + args.runs, CHUNK):
        seeds = list(range(first, min(first + CHUNK, args.seed + args.runs)))
        result = run_batch(scenario, seeds, policy, record=bool(args.save), keep_turns=turns)
        summary.add(result)
        results.append(result)
        if args.save:
            campaign = result.campaign(0)
            try:
                write_save(campaign, args.save, name=f"{policy.name} policy, seed {args.seed}")
            except SaveError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
    elapsed = time.perf_counter() - started
    last = args.seed + args.runs - 1
    print(
        f"Simulated {args.runs} campaign{'s' if args.runs != 1 else ''} of '{scenario.title}' with the "
        f"{policy.name} policy (seeds {args.seed}..{last}) in {elapsed:.2f} s"
    )
    for line in summary.lines():
        print(line)
    checks = calibrate(scenario, merge(results)) if policy.name == "historical" else []
    for line in calibration_lines(checks) if policy.name == "historical" else []:
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
    return 0
