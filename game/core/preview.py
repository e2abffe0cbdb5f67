"""What an order would do, computed before it is given.

The order is applied to a copy of the state (the real one is untouched) and the
changes it makes are read from the ledger; a proposal with odds is previewed twice,
as success and as failure.

A preview never consults the campaign's own dice: that would tell the player how a
`chance` in an option will fall before it is chosen. Every draw is instead taken at
both ends, once as if it fell lowest and once highest; what the two runs agree on is
certain, and what they do not is shown as the range it may fall in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.cause import Cause
from game.core.context import Ledger, TurnContext
from game.core.model import DecisionDef, OptionDef, PolicyDef, Scenario
from game.core.state import State

# The cause a preview's changes are logged under: only their totals are read.
_PREVIEW = Cause.event("preview")


@dataclass(frozen=True)
class Preview:
    """Changes per variable: on success (or always), and on failure for proposals;
    `uncertain` holds the (lowest, highest) change of what is left to chance."""

    changes: dict[str, float]
    on_failure: dict[str, float] | None = None
    odds: float | None = None
    uncertain: dict[str, tuple[float, float]] = field(default_factory=dict)


class _FixedDraws(TurnContext):
    """A context whose every random draw gives the same number: no real dice are read."""

    draw = 0.0

    def uniform(self, site: int) -> np.ndarray:
        return np.full(self.batch, self.draw)


def _run_once(scenario: Scenario, state: State, cause: Cause, apply, draw: float):
    ledger = Ledger()
    ctx = _FixedDraws(scenario.layout, state.values[:1].copy(), state.seeds[:1], state.turn, ledger)
    ctx.draw = draw
    ctx.cause = cause
    apply(ctx, np.ones(1, dtype=bool))
    totals: dict[str, float] = {}
    for var, delta, _ in ledger.for_row(scenario.layout, 0):
        totals[var] = totals.get(var, 0.0) + delta
    return {var: delta for var, delta in totals.items() if delta != 0.0}


def _run_both(scenario: Scenario, state: State, cause: Cause, apply):
    """(certain changes, uncertain ranges): the order run with every draw lowest, then highest."""
    low = _run_once(scenario, state, cause, apply, 0.0)
    high = _run_once(scenario, state, cause, apply, np.nextafter(1.0, 0.0))
    certain: dict[str, float] = {}
    uncertain: dict[str, tuple[float, float]] = {}
    for var in dict.fromkeys([*low, *high]):
        a, b = low.get(var, 0.0), high.get(var, 0.0)
        if a == b:
            certain[var] = a
        else:
            uncertain[var] = (min(a, b), max(a, b))
    return certain, uncertain


def preview_option(scenario: Scenario, state: State, option: OptionDef) -> Preview:
    """What an event's option would change, judged on the state the event fired in."""
    certain, uncertain = _run_both(scenario, state, _PREVIEW, option.effects)
    return Preview(certain, uncertain=uncertain)


def preview_decision(scenario: Scenario, state: State, decision: DecisionDef) -> Preview:
    def pay(ctx: TurnContext, mask: np.ndarray) -> None:
        for cost in decision.costs:
            ctx.write(cost.column, ctx.values[:, cost.column] - cost.amount, mask)

    def succeed(ctx: TurnContext, mask: np.ndarray) -> None:
        pay(ctx, mask)
        decision.effects(ctx, mask)

    def fail(ctx: TurnContext, mask: np.ndarray) -> None:
        pay(ctx, mask)
        decision.on_failure(ctx, mask)

    cause = Cause.decision(decision.id)
    if decision.odds is None:
        certain, uncertain = _run_both(scenario, state, cause, succeed)
        return Preview(certain, uncertain=uncertain)
    ctx = TurnContext(scenario.layout, state.values[:1].copy(), state.seeds[:1], state.turn, None)
    odds = float(np.clip(np.broadcast_to(decision.odds(ctx), (1,))[0], 0.0, 1.0))
    certain, uncertain = _run_both(scenario, state, cause, succeed)
    on_failure = _run_both(scenario, state, cause, fail)[0]
    return Preview(certain, on_failure, odds, uncertain)


def preview_policy(scenario: Scenario, state: State, policy: PolicyDef, value: float) -> Preview:
    def change(ctx: TurnContext, mask: np.ndarray) -> None:
        if ctx.values[0, policy.column] == value:
            return
        ctx.write(policy.column, value, mask)
        policy.on_change(ctx, mask)

    certain, uncertain = _run_both(scenario, state, Cause.policy(policy.id), change)
    return Preview(certain, uncertain=uncertain)
