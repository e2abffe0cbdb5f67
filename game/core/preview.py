"""What an order would do, computed before it is given.

The order is applied to a copy of the state (the real one is untouched) and the
changes it makes are read from the ledger; a proposal with odds is previewed twice,
as success and as failure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.context import Ledger, TurnContext
from game.core.model import DecisionDef, OptionDef, PolicyDef, Scenario
from game.core.state import State


@dataclass(frozen=True)
class Preview:
    """Changes per variable: on success (or always), and on failure for proposals."""

    changes: dict[str, float]
    on_failure: dict[str, float] | None = None
    odds: float | None = None


def _run(scenario: Scenario, state: State, cause: str, apply) -> dict[str, float]:
    ledger = Ledger()
    ctx = TurnContext(scenario.layout, state.values[:1].copy(), state.seeds[:1], state.turn, ledger)
    ctx.cause = cause
    apply(ctx, np.ones(1, dtype=bool))
    totals: dict[str, float] = {}
    for var, delta, _ in ledger.for_row(scenario.layout, 0):
        totals[var] = totals.get(var, 0.0) + delta
    return {var: delta for var, delta in totals.items() if delta != 0.0}


def preview_option(scenario: Scenario, state: State, option: OptionDef) -> Preview:
    """What an event's option would change, judged on the state the event fired in."""
    return Preview(_run(scenario, state, f"option:{option.id}", option.effects))


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

    cause = f"decision:{decision.id}"
    if decision.odds is None:
        return Preview(_run(scenario, state, cause, succeed))
    ctx = TurnContext(scenario.layout, state.values[:1].copy(), state.seeds[:1], state.turn, None)
    odds = float(np.clip(np.broadcast_to(decision.odds(ctx), (1,))[0], 0.0, 1.0))
    return Preview(_run(scenario, state, cause, succeed), _run(scenario, state, cause, fail), odds)


def preview_policy(scenario: Scenario, state: State, policy: PolicyDef, value: float) -> Preview:
    def change(ctx: TurnContext, mask: np.ndarray) -> None:
        if ctx.values[0, policy.column] == value:
            return
        ctx.write(policy.column, value, mask)
        policy.on_change(ctx, mask)

    return Preview(_run(scenario, state, f"policy:{policy.id}", change))
