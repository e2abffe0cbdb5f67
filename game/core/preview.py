"""What an order would do, computed before it is given.

Two kinds of preview. The direct changes: the order is applied to a copy of the state
(the real one is untouched) and the changes it makes are read from the ledger; a
proposal with odds is previewed twice, as success and as failure. And the outlook one
quarter on (`Outlooks`): the whole quarter is run through the rules on a copy, once
with the order and once without it, and the indicators on screen are compared.

A preview never consults the campaign's own dice: that would tell the player how a
`chance` in an option will fall before it is chosen. For the direct changes every draw
is taken at both ends, once as if it fell lowest and once highest; what the two runs
agree on is certain, and what they do not is shown as the range it may fall in. The
outlook draws from the preview's own stream (`rng.PREVIEW_STREAM`), the same for the
run with the order and the run without, so the difference is the order's and not luck's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from game.core import rng
from game.core.cause import Cause
from game.core.context import Ledger, TurnContext
from game.core.layout import COUNTER
from game.core.model import DecisionDef, EventDef, OptionDef, PolicyDef, Scenario
from game.core.orders import BatchOrders, Orders
from game.core.pipeline import PendingTurn, begin_turn, decision_site, finish_turn
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


class Previews:
    """The direct changes of orders from one state, each worked out once.

    A preview runs the order's effects on a copy (twice, for the dice at both ends),
    about half a millisecond each; a screen shows a few dozen orders but the player
    reads one at a time. So nothing is run until it is asked for, and what was run is
    kept while the state stays the same. Make a new one when the state changes.
    """

    def __init__(self, scenario: Scenario, state: State) -> None:
        self.scenario = scenario
        self.state = state
        self._kept: dict[tuple, Preview] = {}

    def __len__(self) -> int:
        """How many previews were worked out so far."""
        return len(self._kept)

    def policy(self, policy: PolicyDef, value: float) -> Preview:
        key = ("policy", policy.id, value)
        if key not in self._kept:
            self._kept[key] = preview_policy(self.scenario, self.state, policy, value)
        return self._kept[key]

    def decision(self, decision: DecisionDef) -> Preview:
        key = ("decision", decision.id)
        if key not in self._kept:
            self._kept[key] = preview_decision(self.scenario, self.state, decision)
        return self._kept[key]


# -- one quarter on ------------------------------------------------------------------

# How many ways the preview's dice are thrown for each outlook. The quarter is run once
# per throw, as rows of one batch (the engine is vectorised, so three cost little more
# than one); where the throws disagree on what the order changes, the outlook shows the
# range instead of pretending to know how a harvest or an event will fall.
SAMPLES = 3


@dataclass(frozen=True)
class Outlook:
    """The watched indicators at the end of the quarter (its events unanswered):
    `after` with the order, `difference` what the order changes against the same
    quarter without it (only the indicators it moves; the middle of the throws),
    `spread` the (lowest, highest) change where the preview's throws of the dice
    disagree, and `if_it_succeeds` for an order whose success is left to odds (it is
    then shown as succeeding)."""

    after: dict[str, float]
    difference: dict[str, float]
    spread: dict[str, tuple[float, float]] = field(default_factory=dict)
    if_it_succeeds: bool = False


class _PreviewDraws(rng.Draws):
    """The preview's own stream, thrown a different way in each of a batch's samples,
    with some sites fixed: a decision with odds is looked at as if it succeeded (its
    direct preview shows the failure)."""

    def __init__(self, state: State, fixed: dict[int, float]) -> None:
        # Row i is throw i % SAMPLES of the campaign's seed: never its own dice, which
        # are the game's stream, and the same throws for the run with the order and
        # the run without, so a difference is the order's and not luck's.
        throws = np.arange(state.batch, dtype=np.uint64) % np.uint64(SAMPLES)
        with np.errstate(over="ignore"):
            keys = state.seeds.astype(np.uint64) + throws * np.uint64(0x9E3779B97F4A7C15)
        super().__init__(keys, state.values[:, state.layout.col(COUNTER)], rng.PREVIEW_STREAM)
        self._fixed = fixed
        self._rows = state.batch

    def at(self, site: int) -> np.ndarray:
        if site in self._fixed:
            return np.full(self._rows, self._fixed[site])
        return super().at(site)


def _key(orders: Orders) -> tuple:
    return tuple(sorted(orders.policies.items())), tuple(orders.decisions)


class Outlooks:
    """Outlooks one quarter on from one state, each worked out once.

    The window asks for them while the player hovers over orders, many times a second;
    a run of the quarter costs a few milliseconds, so each is run once and kept. Make a
    new one when the state changes.
    """

    def __init__(self, scenario: Scenario, state: State, watched: Sequence[str]) -> None:
        self.scenario = scenario
        self.state = state
        self.watched = tuple(watched)
        self._columns = [scenario.layout.col(name) for name in self.watched]
        self._kept: dict[tuple, Outlook] = {}

    def _succeeding(self, orders: Orders) -> dict[int, float]:
        # Every decision given is looked at as succeeding, in the run without the
        # order too, so that the draft's own proposals fall the same way in both.
        known = {d.id: d.index for d in self.scenario.decisions}
        return {decision_site(self.scenario, known[d]): 0.0 for d in orders.decisions if d in known}

    def orders(self, given: Orders, without: Orders) -> Outlook:
        """What giving `given` instead of `without` does to the watched indicators."""
        key = ("orders", _key(given), _key(without))
        if key not in self._kept:
            fixed = self._succeeding(given) | self._succeeding(without)
            rows = _samples(self.state, 2)
            orders = _batch_orders(self.scenario, [given, without])
            played = _play_quarter(self.scenario, rows, orders, fixed)
            values = played.values[:, self._columns]
            odds = any(
                self.scenario.decision(d).odds is not None
                for d in set(given.decisions) - set(without.decisions)
            )
            self._kept[key] = self._outlook(values[:SAMPLES], values[SAMPLES:], odds)
        return self._kept[key]

    def policy(self, draft: Orders, policy: PolicyDef, value: float) -> Outlook:
        """A policy set to `value`, against the draft with the policy left as it stands."""
        others = {p: v for p, v in draft.policies.items() if p != policy.id}
        return self.orders(
            Orders({**others, policy.id: value}, draft.decisions), Orders(others, draft.decisions)
        )

    def decision(self, draft: Orders, decision: DecisionDef) -> Outlook:
        """A decision taken beside the draft, against the draft without it."""
        others = tuple(d for d in draft.decisions if d != decision.id)
        return self.orders(
            Orders(draft.policies, (*others, decision.id)), Orders(draft.policies, others)
        )

    def option(self, pending: PendingTurn, event: EventDef, option: OptionDef) -> Outlook:
        """An event's option chosen, against the quarter with the event left unanswered,
        one quarter on: the next quarter runs with the policies standing.

        `pending` is the quarter waiting for answers; its other events are left
        unanswered in both runs, so only this option differs."""
        key = ("option", event.id, option.id)
        if key not in self._kept:
            draws = _PreviewDraws(pending.state, {})
            chosen = finish_turn(
                _unanswered(pending, {event.index: pending.options_open[event.index]}),
                {event.index: np.array([option.index])},
                draws=draws,
            ).state
            unanswered = finish_turn(_unanswered(pending, {}), {}, draws=draws).state
            rows = State(
                chosen.layout,
                np.concatenate([_samples(chosen, 1).values, _samples(unanswered, 1).values]),
                np.repeat(chosen.seeds, 2 * SAMPLES),
            )
            orders = _batch_orders(self.scenario, [Orders(), Orders()])
            values = _play_quarter(self.scenario, rows, orders, {}).values[:, self._columns]
            self._kept[key] = self._outlook(values[:SAMPLES], values[SAMPLES:], False)
        return self._kept[key]

    def _outlook(self, after: np.ndarray, before: np.ndarray, odds: bool) -> Outlook:
        """(samples, watched) values with and without the order -> what is shown."""
        changes = after - before
        middle = np.median(changes, axis=0)
        difference: dict[str, float] = {}
        spread: dict[str, tuple[float, float]] = {}
        for j, name in enumerate(self.watched):
            column = changes[:, j]
            if not column.any():
                continue
            difference[name] = float(middle[j])
            low, high = float(column.min()), float(column.max())
            if low != high:
                spread[name] = (low, high)
        shown = dict(zip(self.watched, map(float, np.median(after, axis=0)), strict=True))
        return Outlook(shown, difference, spread, odds)


def _samples(state: State, copies: int) -> State:
    """`copies` x SAMPLES rows of the state's first row: one per throw of the dice."""
    rows = copies * SAMPLES
    return State(
        state.layout, np.repeat(state.values[:1], rows, axis=0), np.repeat(state.seeds[:1], rows)
    )


def _batch_orders(scenario: Scenario, orders: list[Orders]) -> BatchOrders:
    """Each orders given in SAMPLES consecutive rows."""
    singles = [BatchOrders.single(scenario, given) for given in orders]

    def rows(name: str) -> np.ndarray:
        return np.concatenate([np.repeat(getattr(b, name), SAMPLES, axis=0) for b in singles])

    return BatchOrders(rows("policy_values"), rows("decisions"), rows("priority"))


def _unanswered(pending: PendingTurn, keep: dict[int, np.ndarray]) -> PendingTurn:
    """The pending quarter with the events not in `keep` asking nothing: an event none
    of whose options is open is left unanswered, and the quarter can end without it."""
    opened = {
        index: keep.get(index, np.zeros_like(mask)) for index, mask in pending.options_open.items()
    }
    return replace(pending, options_open=MappingProxyType(opened))


def _play_quarter(
    scenario: Scenario, state: State, orders: BatchOrders, fixed: dict[int, float]
) -> State:
    """A whole quarter on the preview's dice, its events left unanswered: what the
    rules make of the orders, and what the end of the quarter recomputes."""
    draws = _PreviewDraws(state, fixed)
    pending = begin_turn(scenario, state, orders, record=False, draws=draws)
    return finish_turn(_unanswered(pending, {}), {}, draws=draws).state
