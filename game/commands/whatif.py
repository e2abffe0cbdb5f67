"""python -m game whatif SAVE: list the recorded choices, or replay one differently and
compare the two outcomes."""

from __future__ import annotations

import sys
from argparse import Namespace

from game.commands.debrief import load_campaign
from game.saves import SaveError


def run_whatif(args: Namespace) -> int:
    from game.debrief.whatif import Branch, branch_points, compare, play_branch

    try:
        campaign, _ = load_campaign(args.save)
    except SaveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    points = branch_points(campaign)
    if not args.choose and not args.skip and not args.take:
        print(f"Choices recorded in {args.save} (turn: what you chose -> the alternatives):")
        for point in points:
            others = "; ".join(f"{key} = {text}" for key, text in point.alternatives)
            if point.kind == "event":
                print(
                    f"  --turn {point.turn} --choose {point.subject}=OPTION   {point.date} {point.title}: chose \u201c{point.chosen}\u201d; others: {others}"
                )
            else:
                print(
                    f"  --turn {point.turn} --skip {point.subject}   {point.date} decision \u201c{point.title}\u201d"
                )
        return 0
    if args.turn is None:
        print(
            "error: say which turn to change with --turn N (run without options to list them)",
            file=sys.stderr,
        )
        return 2
    if args.choose:
        event, _, option = args.choose.partition("=")
        branch = Branch(args.turn, event=event, option=option)
        point = next(
            (p for p in points if p.turn == args.turn and p.kind == "event" and p.subject == event),
            None,
        )
        if point is None or option not in [key for key, _ in point.alternatives]:
            print(
                f"error: no recorded choice '{event}' with another option '{option}' at turn {args.turn}; run without options to list them",
                file=sys.stderr,
            )
            return 2
    else:
        decision = args.skip or args.take
        if decision not in campaign.scenario.layout.index and decision not in {
            d.id for d in campaign.scenario.decisions
        }:
            print(f"error: no decision '{decision}'", file=sys.stderr)
            return 2
        branch = Branch(args.turn, decision=decision, take=bool(args.take))
    try:
        other = play_branch(campaign, branch)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = compare(campaign, other)
    print(f"What if: {branch.describe(campaign)} (same world, seed {campaign.seed})")
    print(f"The campaigns part in {result.first_divergence}.")
    width = max(len(row[0]) for row in result.rows)
    print(f"  {'':<{width}}  {'as played':>28}  {'what if':>28}")
    for name, before, after in result.rows:
        marker = "  *" if before != after else ""
        print(f"  {name:<{width}}  {before:>28}  {after:>28}{marker}")
    return 0
