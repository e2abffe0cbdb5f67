"""One turn, resolved in a fixed order: orders, the scenario's rule steps, events, end check.

`begin_turn` runs up to the firing of events and stops where the player (or a policy)
must choose among options; `finish_turn` applies the choices and checks for an ending.
Both take a state and return a new one: the input is never modified.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.context import Ledger, TurnContext
from game.core.layout import COUNTER, ENDING, TURN, decision_columns, event_columns
from game.core.model import EventDef, Scenario
from game.core.orders import (
    BatchOrders,
    campaign_active,
    decision_allowed,
    decision_odds,
    policy_mask,
)
from game.core.state import State

ORDERS_STEP = "orders"
EVENTS_STEP = "events"
END_STEP = "end"


class ChoiceRefused(ValueError):
    """A choice of an option that does not exist or is not available."""


@dataclass
class PendingTurn:
    """A turn halfway resolved: events have fired and wait for choices."""

    scenario: Scenario
    before: State
    ctx: TurnContext
    active: np.ndarray
    orders: BatchOrders
    taken: np.ndarray
    succeeded: np.ndarray
    fired: np.ndarray
    options_open: dict[int, np.ndarray]
    ledger: Ledger | None

    def events_needing_choice(self, row: int = 0) -> list[EventDef]:
        return [e for e in self.scenario.events if e.options and self.fired[row, e.index]]

    def open_options(self, event: EventDef, row: int = 0) -> list[int]:
        mask = self.options_open.get(event.index)
        if mask is None:
            return []
        return [int(i) for i in np.flatnonzero(mask[row])]


@dataclass
class TurnResult:
    """A resolved turn of a batch: the new state and what happened on the way."""

    turn: int
    state: State
    active: np.ndarray
    orders: BatchOrders
    taken: np.ndarray
    succeeded: np.ndarray
    fired: np.ndarray
    choices: np.ndarray
    ledger: Ledger | None


def begin_turn(
    scenario: Scenario, state: State, orders: BatchOrders, *, record: bool = True
) -> PendingTurn:
    layout = scenario.layout
    values = state.values.copy()
    active = campaign_active(scenario, values)
    turn = state.turn if active.any() else int(values[:, layout.col(TURN)].max())
    ledger = Ledger() if record else None
    ctx = TurnContext(layout, values, state.seeds, turn, ledger)

    taken, succeeded = _apply_orders(scenario, ctx, orders, active)
    for step in scenario.steps:
        _run_rules(scenario, ctx, step, active)
    fired, options_open = _fire_events(scenario, ctx, active)
    return PendingTurn(
        scenario, state, ctx, active, orders, taken, succeeded, fired, options_open, ledger
    )


def finish_turn(pending: PendingTurn, choices: dict[int, np.ndarray]) -> TurnResult:
    """Apply the options chosen for each fired event (index -> option per row), then end."""
    scenario, ctx, active = pending.scenario, pending.ctx, pending.active
    chosen = np.full((ctx.batch, len(scenario.events)), -1, dtype=np.int64)
    for event in scenario.events:
        if not event.options:
            continue
        needs = pending.fired[:, event.index]
        if not needs.any():
            continue
        choice = np.asarray(choices.get(event.index, np.full(ctx.batch, -1)), dtype=np.int64)
        _apply_choice(scenario, ctx, event, choice, needs, pending.options_open[event.index])
        chosen[:, event.index] = np.where(needs, choice, -1)
    _check_end(scenario, ctx, active)
    _advance(scenario, ctx, active)
    new_state = State(scenario.layout, ctx.values, pending.before.seeds)
    return TurnResult(
        ctx.turn,
        new_state,
        active,
        pending.orders,
        pending.taken,
        pending.succeeded,
        pending.fired,
        chosen,
        pending.ledger,
    )


def _apply_orders(
    scenario: Scenario, ctx: TurnContext, orders: BatchOrders, active: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    allowed_policies = policy_mask(scenario, ctx)
    for policy in scenario.policies:
        wanted = orders.policy_values[:, policy.index]
        current = ctx.values[:, policy.column]
        valid = np.isin(wanted, [lvl.value for lvl in policy.levels])
        change = active & allowed_policies[:, policy.index] & valid & (wanted != current)
        if not change.any():
            continue
        ctx.cause = f"policy:{policy.id}"
        ctx.write(policy.column, np.where(change, wanted, current), change)
        policy.on_change(ctx, change)

    taken = np.zeros((ctx.batch, len(scenario.decisions)), dtype=bool)
    succeeded = np.zeros_like(taken)
    budget = np.full(ctx.batch, scenario.max_decisions_per_turn)
    for decision in scenario.decisions:
        wanted = orders.decisions[:, decision.index] & active & (budget > 0)
        if not wanted.any():
            continue
        # Legality is re-checked decision by decision, so earlier costs count against later ones.
        take = wanted & decision_allowed(scenario, ctx, decision)
        budget -= take
        taken[:, decision.index] = take
        success = take
        odds = decision_odds(decision, ctx)
        if odds is not None:
            success = take & (ctx.uniform(_decision_site(scenario, decision.index)) < odds)
        succeeded[:, decision.index] = success
        ctx.cause = f"decision:{decision.id}"
        for cost in decision.costs:
            ctx.write(cost.column, ctx.values[:, cost.column] - cost.amount, take)
        decision.effects(ctx, success)
        decision.on_failure(ctx, take & ~success)
        columns = decision_columns(decision.id)
        taken_col = scenario.layout.col(columns["taken"])
        ctx.write_internal(taken_col, ctx.values[:, taken_col] + 1, success)
        ctx.write_internal(scenario.layout.col(columns["last"]), float(ctx.turn), take)
    return taken, succeeded


def _decision_site(scenario: Scenario, index: int) -> int:
    return len(scenario.events) + index


def _run_rules(scenario: Scenario, ctx: TurnContext, step: str, active: np.ndarray) -> None:
    for rule in scenario.rules:
        if rule.step != step:
            continue
        ctx.cause = f"rule:{rule.id}"
        rule.effects(ctx, active & rule.when(ctx))


def _fire_events(
    scenario: Scenario, ctx: TurnContext, active: np.ndarray
) -> tuple[np.ndarray, dict[int, np.ndarray]]:
    layout = scenario.layout
    fired = np.zeros((ctx.batch, len(scenario.events)), dtype=bool)
    # Every event is judged on the state as the events step begins, so the order in which
    # events are listed never decides which of them fire.
    for event in scenario.events:
        fired[:, event.index] = active & _event_fires(scenario, ctx, event)
    options_open: dict[int, np.ndarray] = {}
    for event in scenario.events:
        mask = fired[:, event.index]
        if not mask.any():
            continue
        columns = event_columns(event.id)
        fired_col = layout.col(columns["fired"])
        ctx.write_internal(fired_col, ctx.values[:, fired_col] + 1, mask)
        ctx.write_internal(layout.col(columns["last"]), float(ctx.turn), mask)
        ctx.write_internal(layout.col(columns["scheduled"]), -1.0, mask)
        ctx.cause = f"event:{event.id}"
        event.effects(ctx, mask)
        if event.options:
            open_mask = np.stack([opt.available(ctx) for opt in event.options], axis=1)
            # An event never leaves the player without a way out: if the conditions of
            # every option fail, all of them are offered.
            open_mask[~open_mask.any(axis=1)] = True
            options_open[event.index] = open_mask
    return fired, options_open


def _event_fires(scenario: Scenario, ctx: TurnContext, event: EventDef) -> np.ndarray:
    layout = scenario.layout
    columns = event_columns(event.id)
    count = ctx.values[:, layout.col(columns["fired"])]
    last = ctx.values[:, layout.col(columns["last"])]
    scheduled = ctx.values[:, layout.col(columns["scheduled"])]
    if event.once:
        repeat_ok = count == 0
    else:
        repeat_ok = (last < 0) | (ctx.turn - last >= max(1, event.cooldown))
    due = (scheduled >= 0) & (scheduled <= ctx.turn)
    if not event.natural:
        return repeat_ok & due
    first, last_turn = event.window
    if not first <= ctx.turn <= last_turn:
        return repeat_ok & due
    natural = event.trigger(ctx)
    if event.mtth is not None:
        quarters = np.maximum(np.broadcast_to(event.mtth(ctx), (ctx.batch,)), 1.0)
        probability = 1.0 - np.power(0.5, 1.0 / quarters)
        natural = natural & (ctx.uniform(event.index) < probability)
    return repeat_ok & (due | natural)


def _apply_choice(
    scenario: Scenario,
    ctx: TurnContext,
    event: EventDef,
    choice: np.ndarray,
    needs: np.ndarray,
    open_mask: np.ndarray,
) -> None:
    in_range = (choice >= 0) & (choice < len(event.options))
    safe = np.where(in_range, choice, 0)
    valid = in_range & open_mask[np.arange(ctx.batch), safe]
    bad = needs & ~valid
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ChoiceRefused(
            f"event '{event.id}' needs one of its open options "
            f"(got {int(choice[row])} in row {row})"
        )
    for option in event.options:
        mask = needs & (choice == option.index)
        if mask.any():
            ctx.cause = f"event:{event.id}:{option.id}"
            option.effects(ctx, mask)
    choice_col = scenario.layout.col(event_columns(event.id)["choice"])
    ctx.write_internal(choice_col, choice.astype(np.float64), needs)


def _check_end(scenario: Scenario, ctx: TurnContext, active: np.ndarray) -> None:
    ending_col = scenario.layout.col(ENDING)
    final = ctx.turn >= scenario.calendar.last_turn
    for ending in scenario.endings:
        if ending.at_end and not final:
            continue
        unset = active & (ctx.values[:, ending_col] < 0)
        if not unset.any():
            break
        ctx.write_internal(ending_col, float(ending.index), unset & ending.when(ctx))


def _advance(scenario: Scenario, ctx: TurnContext, active: np.ndarray) -> None:
    layout = scenario.layout
    still = active & (ctx.values[:, layout.col(ENDING)] < 0)
    for name in (TURN, COUNTER):
        column = layout.col(name)
        ctx.write_internal(column, ctx.values[:, column] + 1, still)
