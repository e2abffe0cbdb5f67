"""The four targets of a search (issue 12, item 8): every path costs something.

- No free lunch: no strategy is best on every axis; the best on the main axis (the
  first that is not a human cost: security in the 1928 campaign) pays on another axis
  at least PRICE points against the best on the human-cost axis, and the other way
  round.
- Every ending is reached in at least ENDING_SHARE of campaigns by some deliberate
  strategy.
- The best strategy on the main axis still fails it (scores below the pass mark) in at
  least FAIL_SHARE of campaigns.
- The heuristic player's most frequent ending takes at most HEURISTIC_SHARE.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.objectives import cost_axis, main_axis
from game.sim.search import SearchResult
from game.sim.search_eval import PASS_MARK

PRICE = 5.0
ENDING_SHARE = 0.10
FAIL_SHARE = 0.25
HEURISTIC_SHARE = 0.50


@dataclass(frozen=True)
class Target:
    name: str
    passed: bool
    figures: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.name}: {self.figures}"

    def to_dict(self) -> dict:
        return {"name": self.name, "passed": self.passed, "figures": self.figures}


def check_targets(result: SearchResult) -> list[Target]:
    return [
        no_free_lunch(result),
        every_ending_reached(result),
        best_still_fails(result),
        heuristic_not_dominant(result),
    ]


def _titles(result: SearchResult) -> dict[str, str]:
    return {axis.id: axis.title for axis in result.scenario.verdict}


def no_free_lunch(result: SearchResult) -> Target:
    name = "no free lunch"
    axes = result.axes
    main, cost = main_axis(result.scenario), cost_axis(result.scenario)
    if not axes or not result.deliberate():
        return Target(name, False, "the scenario declares no verdict to judge strategies by")
    if cost is None or main is None:
        return Target(
            name, False, "the verdict needs a human-cost axis (cost: true) and another axis"
        )
    titles = _titles(result)
    top = {a: result.best_on(a).outcome.axes[a] for a in axes}
    all_round = [c for c in result.deliberate() if all(c.outcome.axes[a] >= top[a] for a in axes)]
    best_main, best_cost = result.best_on(main), result.best_on(cost)

    def price(payer, other, skip: str) -> tuple[str, float]:
        """The axis (not `skip`) on which `payer` falls furthest behind `other`."""
        gaps = {a: other.outcome.axes[a] - payer.outcome.axes[a] for a in axes if a != skip}
        worst = max(gaps, key=lambda a: gaps[a])
        return worst, gaps[worst]

    main_paid, main_gap = price(best_main, best_cost, main)
    cost_paid, cost_gap = price(best_cost, best_main, cost)
    passed = not all_round and main_gap >= PRICE and cost_gap >= PRICE
    main_title, cost_title = titles.get(main, main), titles.get(cost, cost)
    figures = (
        f"{'one strategy is' if all_round else 'no strategy is'} best on every axis; "
        f"the best on {main_title} ({best_main.outcome.axes[main]:.0f}) pays {main_gap:.0f} "
        f"points of {titles.get(main_paid, main_paid)} against the best on {cost_title}; "
        f"the best on {cost_title} ({best_cost.outcome.axes[cost]:.0f}) pays {cost_gap:.0f} "
        f"points of {titles.get(cost_paid, cost_paid)} against the best on {main_title} "
        f"(a price is at least {PRICE:.0f} points)"
    )
    return Target(name, passed, figures)


def every_ending_reached(result: SearchResult) -> Target:
    name = f"every ending reached in at least {ENDING_SHARE:.0%} of campaigns"
    if not result.deliberate():
        return Target(name, False, "no deliberate strategy was evaluated")
    shares = {
        ending.id: result.best_for_ending(ending.index).outcome.endings[ending.index]
        for ending in result.scenario.endings
    }
    short = [e for e, share in shares.items() if share < ENDING_SHARE]
    figures = ", ".join(f"{e} {share:.0%}" for e, share in shares.items())
    if short:
        figures += f"; short: {', '.join(short)}"
    return Target(name, not short, figures)


def best_still_fails(result: SearchResult) -> Target:
    main = main_axis(result.scenario)
    if main is None or not result.deliberate():
        return Target(
            f"the best strategy on the main axis still fails it in {FAIL_SHARE:.0%}",
            False,
            "the scenario declares no verdict axis to judge strategies by",
        )
    title = _titles(result).get(main, main)
    best = result.best_on(main)
    failed = best.outcome.failed[main]
    return Target(
        f"the best strategy on {title} still fails it in at least {FAIL_SHARE:.0%} of campaigns",
        failed >= FAIL_SHARE,
        f"it scores {best.outcome.axes[main]:.0f} on average and below {PASS_MARK:.0f} "
        f"in {failed:.0%} of campaigns",
    )


def heuristic_not_dominant(result: SearchResult) -> Target:
    name = f"the heuristic player's most frequent ending at most {HEURISTIC_SHARE:.0%}"
    endings = result.heuristic.outcome.endings
    top = max(range(len(endings)), key=lambda i: endings[i])
    return Target(
        name,
        endings[top] <= HEURISTIC_SHARE,
        f"{result.scenario.endings[top].id} in {endings[top]:.0%} of its campaigns",
    )
