"""python -m game soak: thousands of whole campaigns, every turn checked for broken state.

Exit status 0 when every invariant held, 1 with the first violation and the command
that replays that one campaign, 2 for bad arguments. Progress goes to stderr.
"""

from __future__ import annotations

import shlex
import sys
import time
from argparse import Namespace

from game.content.loader import load_scenario
from game.sim.policies import make_policy
from game.sim.soak import SoakTotals, soak

SOAK_POLICIES = ("random", "heuristic", "historical")


def run_soak(args: Namespace) -> int:
    names = [name.strip() for name in args.policy.split(",") if name.strip()]
    unknown = [name for name in names if name not in SOAK_POLICIES]
    if not names or unknown:
        print(
            f"error: --policy takes a comma-separated list of {', '.join(SOAK_POLICIES)}"
            + (f" (not {', '.join(unknown)})" if unknown else ""),
            file=sys.stderr,
        )
        return 2
    if args.runs < 1:
        print("error: --runs must be at least 1", file=sys.stderr)
        return 2
    if not 0 <= args.seed <= 2**64 - args.runs:
        print("error: --seed must be between 0 and 2**64 - runs", file=sys.stderr)
        return 2
    scenario = load_scenario(args.scenario)
    seeds = range(args.seed, args.seed + args.runs)
    started = time.perf_counter()
    print(
        f"Soak of '{scenario.title}': {args.runs} campaign{'s' if args.runs != 1 else ''} a "
        f"policy (seeds {seeds[0]}..{seeds[-1]}), invariants checked after every turn",
        file=sys.stderr,
    )
    results: list[SoakTotals] = []
    for name in names:
        totals = soak(scenario, make_policy(name, scenario), seeds, progress=_progress(args.runs))
        results.append(totals)
        if totals.violation is not None:
            violation = totals.violation
            print(f"FAILED: {violation.describe()}")
            print(
                "reproduce: python -m game soak "
                f"{shlex.quote(str(args.scenario))} --policy {violation.policy} "
                f"--seed {violation.seed} --runs 1"
            )
            return 1
    elapsed = time.perf_counter() - started
    for totals in results:
        print(
            f"{totals.policy:<10} {totals.runs:>7} campaigns {totals.campaign_turns:>10,} turns "
            f"checked {totals.seconds:>7.1f} s"
        )
    runs = sum(t.runs for t in results)
    turns = sum(t.campaign_turns for t in results)
    print(f"OK: {runs} campaigns, {turns:,} turns checked in {elapsed:.1f} s, no invariant broken")
    return 0


def _progress(total: int):
    def report(totals: SoakTotals) -> None:
        print(
            f"  {totals.policy}: {totals.runs}/{total} campaigns, "
            f"{totals.campaign_turns:,} turns checked, {totals.seconds:.1f} s",
            file=sys.stderr,
        )

    return report
