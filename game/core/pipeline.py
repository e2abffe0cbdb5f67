"""One turn, resolved in a fixed order: orders, the scenario's rule steps, events, end check.

`begin_turn` judges the orders (`game.core.judge`), applies what was accepted, runs the
rules and fires events, and stops where the player (or a policy) must choose among
options; `finish_turn` applies the choices and checks for an ending. Both take values
and return new ones: their inputs are never modified.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from game.core import verdict
from game.core.cause import Cause
from game.core.context import Ledger, LedgerEntry, TurnContext
from game.core.judge import Judgement, campaign_active, judge
from game.core.layout import COUNTER, ENDING, TURN, decision_columns, event_columns
from game.core.model import EventDef, Scenario
from game.core.orders import BatchOrders
from game.core.rng import Draws
from game.core.state import State

ORDERS_STEP = "orders"
EVENTS_STEP = "events"
END_STEP = "end"


class ChoiceRefused(ValueError):
    """A choice of an option that does not exist or is not available."""


@dataclass(frozen=True)
class PendingTurn:
    """A turn halfway resolved: orders judged and applied, rules run, events fired.

    It is a value: `state` is the world as the events fired (read-only), `judgement`
    what became of the orders, `options_open` which options each fired event offers
    per row, and `changes(row)` what the quarter has changed so far. `finish_turn`
    works on a copy, so the same pending turn can be finished more than once.
    """

    scenario: Scenario
    before: State
    state: State
    active: np.ndarray
    orders: BatchOrders
    judgement: Judgement
    taken: np.ndarray
    succeeded: np.ndarray
    fired: np.ndarray
    options_open: Mapping[int, np.ndarray]
    ledger: tuple[LedgerEntry, ...] | None

    @property
    def turn(self) -> int:
        return self.state.turn if self.active.any() else self.before.turn

    def events_needing_choice(self, row: int = 0) -> list[EventDef]:
        # Only events that fired in some row and have options are in options_open.
        return [
            self.scenario.events[index]
            for index, mask in self.options_open.items()
            if self.fired[row, index] and mask[row].any()
        ]

    def open_options(self, event: EventDef, row: int = 0) -> list[int]:
        mask = self.options_open.get(event.index)
        if mask is None:
            return []
        return [int(i) for i in np.flatnonzero(mask[row])]

    def changes(self, row: int = 0) -> list[tuple[str, float, Cause]]:
        """The quarter's changes so far in one row: (variable, delta, cause)."""
        if self.ledger is None:
            return []
        return Ledger(list(self.ledger)).for_row(self.scenario.layout, row)


@dataclass(frozen=True)
class TurnResult:
    """A resolved turn of a batch: the new state and what happened on the way."""

    turn: int
    state: State
    active: np.ndarray
    orders: BatchOrders
    judgement: Judgement
    taken: np.ndarray
    succeeded: np.ndarray
    fired: np.ndarray
    choices: np.ndarray
    ledger: Ledger | None
    # The world as the events fired, before any answer: the state their texts are read in.
    read_in: State | None = None


def begin_turn(
    scenario: Scenario,
    state: State,
    orders: BatchOrders,
    *,
    record: bool = True,
    draws: Draws | None = None,
) -> PendingTurn:
    """`draws`, when given, replace the campaign's own dice (a preview's what-if run)."""
    layout = scenario.layout
    values = state.values.copy(order="F")
    active = campaign_active(scenario, values)
    turn = state.turn if active.any() else int(values[:, layout.col(TURN)].max())
    ledger = Ledger() if record else None
    ctx = TurnContext(layout, values, state.seeds, turn, ledger, draws)
    if active.all():
        ctx.everywhere = active

    judgement = judge(scenario, state, orders, ctx)
    taken, succeeded = _apply_orders(scenario, ctx, judgement)
    for step in scenario.steps:
        _run_rules(scenario, ctx, step, active)
    fired, options_open = _fire_events(scenario, ctx, active)
    for mask in options_open.values():
        mask.setflags(write=False)
    return PendingTurn(
        scenario,
        state,
        State(layout, ctx.values, state.seeds),
        active,
        orders,
        judgement,
        taken,
        succeeded,
        fired,
        MappingProxyType(options_open),
        None if ledger is None else tuple(ledger.entries),
    )


def finish_turn(
    pending: PendingTurn, choices: Mapping[int, np.ndarray], *, draws: Draws | None = None
) -> TurnResult:
    """Apply the options chosen for each fired event (index -> option per row), then end.

    Works on a copy of the pending turn: neither it nor `choices` is changed. `draws`,
    when given, replace the campaign's own dice (a preview's what-if run)."""
    scenario, active = pending.scenario, pending.active
    ledger = None if pending.ledger is None else Ledger(list(pending.ledger))
    ctx = TurnContext(
        scenario.layout,
        pending.state.values.copy(order="F"),
        pending.state.seeds,
        pending.turn,
        ledger,
        draws,
    )
    ctx.events_judged = True  # options come after the events were judged
    chosen = np.full((ctx.batch, len(scenario.events)), -1, dtype=np.int64)
    # Every event that fired in some row with options has its open options here, in the
    # order of the events; no other event asks for a choice.
    for index, open_mask in pending.options_open.items():
        event = scenario.events[index]
        needs = pending.fired[:, index] & open_mask.any(axis=1)
        if not needs.any():
            continue
        given = choices.get(index)
        choice = np.full(ctx.batch, -1) if given is None else np.asarray(given, dtype=np.int64)
        _apply_choice(scenario, ctx, event, choice, needs, open_mask)
        chosen[:, index] = np.where(needs, choice, -1)
    verdict.update(scenario, ctx, active)
    _check_end(scenario, ctx, active)
    _advance(scenario, ctx, active)
    return TurnResult(
        ctx.turn,
        State(scenario.layout, ctx.values, pending.before.seeds),
        active,
        pending.orders,
        pending.judgement,
        pending.taken,
        pending.succeeded,
        pending.fired,
        chosen,
        ledger,
        pending.state,
    )


def _apply_orders(
    scenario: Scenario, ctx: TurnContext, judgement: Judgement
) -> tuple[np.ndarray, np.ndarray]:
    """Carry out what the judge accepted: policy changes, then decisions in the
    scenario's order (the order they were judged in only decides what is accepted)."""
    for policy in scenario.policies:
        change = judgement.policies[:, policy.index]
        if not change.any():
            continue
        ctx.cause = Cause.policy(policy.id)
        wanted = judgement.wanted_policies[:, policy.index]
        ctx.write(policy.column, np.where(change, wanted, ctx.values[:, policy.column]), change)
        policy.on_change(ctx, change)

    taken = judgement.decisions
    succeeded = np.zeros_like(taken)
    for decision in scenario.decisions:
        take = taken[:, decision.index]
        if not take.any():
            continue
        success = take
        if decision.odds is not None:
            odds = np.clip(np.broadcast_to(decision.odds(ctx), (ctx.batch,)), 0.0, 1.0)
            success = take & (ctx.uniform(decision_site(scenario, decision.index)) < odds)
        succeeded[:, decision.index] = success
        ctx.cause = Cause.decision(decision.id)
        for cost in decision.costs:
            ctx.write(cost.column, ctx.values[:, cost.column] - cost.amount, take)
        decision.effects(ctx, success)
        decision.on_failure(ctx, take & ~success)
        columns = decision_columns(decision.id)
        taken_col = scenario.layout.col(columns["taken"])
        ctx.write_internal(taken_col, ctx.values[:, taken_col] + 1, success)
        ctx.write_internal(scenario.layout.col(columns["last"]), float(ctx.turn), take)
    succeeded.setflags(write=False)
    return taken, succeeded


def decision_site(scenario: Scenario, index: int) -> int:
    """The random site whose draw decides whether a decision with odds succeeds."""
    return len(scenario.events) + index


def _run_rules(scenario: Scenario, ctx: TurnContext, step: str, active: np.ndarray) -> None:
    for rule in scenario.rules_of(step):
        ctx.cause = Cause.rule(rule.id)
        rule.effects(ctx, active if rule.when_op is None else active & rule.when(ctx))


def _fire_events(
    scenario: Scenario, ctx: TurnContext, active: np.ndarray
) -> tuple[np.ndarray, dict[int, np.ndarray]]:
    table = scenario.event_table
    fired = _events_that_fire(scenario, ctx, active)
    ctx.events_judged = True
    options_open: dict[int, np.ndarray] = {}
    for index in np.flatnonzero(fired.any(axis=0)):
        event = scenario.events[index]
        mask = fired[:, index]
        fired_col = table.fired[index]
        ctx.write_internal(fired_col, ctx.values[:, fired_col] + 1, mask)
        ctx.write_internal(table.last[index], float(ctx.turn), mask)
        ctx.write_internal(table.scheduled[index], -1.0, mask)
        ctx.cause = Cause.event(event.id)
        event.effects(ctx, mask)
        if not event.options:
            continue
        # The checker refuses an event whose options can all be closed at once; if
        # content that was not checked does it anyway, the event asks nothing.
        open_mask = np.stack(
            [np.broadcast_to(opt.available(ctx), (ctx.batch,)) for opt in event.options],
            axis=1,
        )
        if event.asks:
            options_open[event.index] = open_mask
        else:
            _apply_standing_option(scenario, ctx, event, mask, open_mask)
    return fired, options_open


def _apply_standing_option(
    scenario: Scenario, ctx: TurnContext, event: EventDef, mask: np.ndarray, open_mask: np.ndarray
) -> None:
    """A dispatch with options takes its standing answer as it fires, without asking:
    its effects are the event's own, and later conditions can still ask which it was."""
    choice = event.standing_option(open_mask)
    for option in event.options:
        rows = mask & (choice == option.index)
        if rows.any():
            option.effects(ctx, rows)
    choice_col = scenario.layout.col(event_columns(event.id)["choice"])
    # -1 where no option was open: a repeated event never shows an earlier answer.
    ctx.write_internal(choice_col, choice.astype(np.float64), mask)


def _events_that_fire(scenario: Scenario, ctx: TurnContext, active: np.ndarray) -> np.ndarray:
    """(batch, events): which events fire this quarter.

    Every event is judged on the state as the events step begins, so the order in which
    events are listed never decides which of them fire. An event fires when it may
    (once-only events once, others after their cooldown) and either a scheduled firing
    is due or, within its dates, its trigger holds (and its mean time to happen draws).
    What can be told from the bookkeeping columns is judged for all events at once;
    triggers are evaluated only for events that could still fire.
    """
    table = scenario.event_table
    values = ctx.values
    turn = ctx.turn
    last = values[:, table.last_at]
    scheduled = values[:, table.scheduled_at]
    # In place and against per-event thresholds: these are (batch, events) arrays, and
    # each temporary of that size costs more than the arithmetic on it.
    cooled = last <= turn - table.cooldown  # turn - last >= cooldown, exactly (whole numbers)
    cooled |= last < 0
    repeat_ok = np.where(table.once, values[:, table.fired_at] == 0, cooled)
    repeat_ok &= active[:, None]
    due = scheduled >= 0
    due &= scheduled <= turn
    in_window = table.natural & (table.first <= turn) & (turn <= table.last_turn)
    fired = due
    fired &= repeat_ok
    open_to_trigger = repeat_ok
    for index in np.flatnonzero(in_window & open_to_trigger.any(axis=0)):
        event = scenario.events[index]
        natural = event.trigger(ctx)
        if event.mtth is not None:
            quarters = np.maximum(np.broadcast_to(event.mtth(ctx), (ctx.batch,)), 1.0)
            probability = 1.0 - np.power(0.5, 1.0 / quarters)
            natural = natural & (ctx.uniform(event.index) < probability)
        fired[:, index] |= open_to_trigger[:, index] & natural
    return _pace(scenario, ctx, fired)


def _pace(scenario: Scenario, ctx: TurnContext, fired: np.ndarray) -> np.ndarray:
    """Hold back the events that would ask more choices of a quarter than its cap.

    In each campaign the events that ask a choice are ranked: turning points first
    (they keep their real dates, even past the cap), then those due on a date (their
    schedule came, or they waited already), then those whose time came earliest, then
    in the order the scenario lists them. Those ranked past the cap wait: they are due
    next quarter, where they rank among the dated ones.
    """
    table = scenario.event_table
    cap = scenario.pacing.cap(ctx.turn)
    asking = np.flatnonzero(table.asks & fired.any(axis=0))
    if len(asking) <= cap:
        return fired  # no campaign can be over the cap: the usual quarter costs nothing
    wanted = fired[:, asking]
    if (wanted.sum(axis=1) <= cap).all():
        return fired
    turning = np.broadcast_to(table.turning_point[asking], wanted.shape)
    scheduled = ctx.values[:, table.scheduled[asking]]
    dated = (scheduled >= 0) & (scheduled <= ctx.turn)
    # One sort key per (campaign, event): smaller ranks first.
    width = len(scenario.events)
    first = np.maximum(table.first[asking], 0)
    span = (int(first.max()) + 1) * width
    key = (~turning).astype(np.int64) * 2 + (~dated).astype(np.int64)
    key = key * span + first * width + asking
    order = np.argsort(key, axis=1, kind="stable")
    ranked = np.take_along_axis(wanted, order, axis=1)
    first_come = np.cumsum(ranked, axis=1) <= cap
    kept_ranked = ranked & (first_come | np.take_along_axis(turning, order, axis=1))
    kept = np.empty_like(kept_ranked)
    np.put_along_axis(kept, order, kept_ranked, axis=1)
    waiting = wanted & ~kept
    for j in np.flatnonzero(waiting.any(axis=0)):
        column = table.scheduled[asking[j]]
        ctx.write_internal(column, float(ctx.turn + 1), waiting[:, j])
    fired[:, asking] = kept
    return fired


def _apply_choice(
    scenario: Scenario,
    ctx: TurnContext,
    event: EventDef,
    choice: np.ndarray,
    needs: np.ndarray,
    open_mask: np.ndarray | None,
) -> None:
    in_range = (choice >= 0) & (choice < len(event.options))
    safe = np.where(in_range, choice, 0)
    valid = in_range
    if open_mask is not None:
        valid = valid & open_mask[np.arange(ctx.batch), safe]
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
            ctx.cause = Cause.chosen(event.id, option.id)
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
