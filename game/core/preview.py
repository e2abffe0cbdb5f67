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


# -- one quarter on ------------------------------------------------------------------


@dataclass(frozen=True)
class Outlook:
    """The watched indicators when the quarter's events come: `after` with the order,
    `difference` what the order changes against the same quarter without it (only the
    indicators it moves), and `if_it_succeeds` for an order whose success is left to
    odds (it is then shown as succeeding)."""

    after: dict[str, float]
    difference: dict[str, float]
    if_it_succeeds: bool = False


class _PreviewDraws(rng.Draws):
    """The preview's own stream, with some sites fixed: a decision with odds is
    looked at as if it succeeded (its direct preview shows the failure)."""

    def __init__(self, state: State, fixed: dict[int, float]) -> None:
        super().__init__(
            state.seeds, state.values[:, state.layout.col(COUNTER)], rng.PREVIEW_STREAM
        )
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
    a run of the quarter costs a few milliseconds, so each (order, draft) is run once
    and the run without the order is shared by every order given beside the same draft.
    Make a new one when the state changes.
    """

    def __init__(self, scenario: Scenario, state: State, watched: Sequence[str]) -> None:
        self.scenario = scenario
        self.state = state
        self.watched = tuple(watched)
        self._columns = [scenario.layout.col(name) for name in self.watched]
        self._quarters: dict[tuple, np.ndarray] = {}
        self._options: dict[tuple[str, str], Outlook] = {}

    def _quarter(self, orders: Orders) -> np.ndarray:
        """The watched values once `orders` are given and the quarter has run."""
        key = _key(orders)
        if key not in self._quarters:
            played = _play_quarter(self.scenario, self.state, orders, self._succeeding(orders))
            self._quarters[key] = played.values[0, self._columns].copy()
        return self._quarters[key]

    def _succeeding(self, orders: Orders) -> dict[int, float]:
        # Every decision given is looked at as succeeding, in the run without the
        # order too, so that the draft's own proposals fall the same way in both.
        known = {d.id: d.index for d in self.scenario.decisions}
        return {decision_site(self.scenario, known[d]): 0.0 for d in orders.decisions if d in known}

    def orders(self, given: Orders, without: Orders) -> Outlook:
        """What giving `given` instead of `without` does to the watched indicators."""
        after = self._quarter(given)
        before = self._quarter(without)
        odds = any(
            self.scenario.decision(d).odds is not None
            for d in set(given.decisions) - set(without.decisions)
        )
        return self._outlook(after, before, odds)

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
        one quarter on: the next quarter runs to its events with the policies standing.

        `pending` is the quarter waiting for answers; its other events are left
        unanswered in both runs, so only this option differs."""
        key = (event.id, option.id)
        if key not in self._options:
            after = self._next_quarter(pending, event, option)
            before = self._next_quarter(pending, event, None)
            self._options[key] = self._outlook(after, before, False)
        return self._options[key]

    def _next_quarter(
        self, pending: PendingTurn, event: EventDef, option: OptionDef | None
    ) -> np.ndarray:
        opened = {event.index: pending.options_open[event.index]} if option else {}
        choices = {event.index: np.array([option.index])} if option else {}
        ended = finish_turn(
            _unanswered(pending, opened), choices, draws=_PreviewDraws(pending.state, {})
        )
        following = _play_quarter(self.scenario, ended.state, Orders(), {})
        return following.values[0, self._columns].copy()

    def _outlook(self, after: np.ndarray, before: np.ndarray, odds: bool) -> Outlook:
        difference = {
            name: float(a - b)
            for name, a, b in zip(self.watched, after, before, strict=True)
            if a != b
        }
        return Outlook(dict(zip(self.watched, map(float, after), strict=True)), difference, odds)


def _unanswered(pending: PendingTurn, keep: dict[int, np.ndarray]) -> PendingTurn:
    """The pending quarter with the events not in `keep` asking nothing: an event none
    of whose options is open is left unanswered, and the quarter can end without it."""
    opened = {
        index: keep.get(index, np.zeros_like(mask)) for index, mask in pending.options_open.items()
    }
    return replace(pending, options_open=MappingProxyType(opened))


def _play_quarter(
    scenario: Scenario, state: State, orders: Orders, fixed: dict[int, float]
) -> State:
    """A whole quarter on the preview's dice, its events left unanswered: what the
    rules make of the orders, and what the end of the quarter recomputes."""
    draws = _PreviewDraws(state, fixed)
    pending = begin_turn(
        scenario, state, BatchOrders.single(scenario, orders), record=False, draws=draws
    )
    return finish_turn(_unanswered(pending, {}), {}, draws=draws).state
