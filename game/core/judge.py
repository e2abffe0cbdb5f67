"""The one judge of orders: which of a batch's orders the rules accept, and why not.

Every caller asks this module: validation, the window's draft, terminal play, the
policies, the modder's reload and the turn pipeline itself, so they cannot disagree.

The rules, in the order they are applied:
- Orders are judged together on the state the quarter begins with.
- A policy may be set only to one of its levels, and only while its condition holds
  (otherwise it is locked); ordering the level it already has is no order at all.
- Decisions are judged one by one in the order they were given (`BatchOrders.priority`;
  the scenario's order when none is given). Each must be open: its condition holds, it
  was not already done if it can be done once, and its cooldown has run out. Its costs
  are paid from what is left after the decisions judged before it, and at most
  `max_decisions_per_turn` are accepted; a decision past that is refused.
- Nothing is accepted once the campaign is over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.context import TurnContext
from game.core.layout import ENDING, TURN
from game.core.model import DecisionDef, PolicyDef, Scenario
from game.core.reasons import Refusal, Refused, decision_reason, policy_reason
from game.core.state import State


@dataclass(frozen=True)
class Judgement:
    """The verdict on a batch's orders; arrays are read-only.

    `policies` / `decisions`: (batch, n) True where the order is carried out.
    `policy_refusals` / `decision_refusals`: (batch, n) a `Refusal` code per order given.
    """

    policies: np.ndarray
    decisions: np.ndarray
    policy_refusals: np.ndarray
    decision_refusals: np.ndarray
    scenario: Scenario
    state: State
    wanted_policies: np.ndarray
    priority: np.ndarray

    def refused(self, row: int = 0) -> tuple[Refused, ...]:
        """The orders of one row that were refused, with the reason, in the order given."""
        if not (self.policy_refusals[row].any() or self.decision_refusals[row].any()):
            return ()  # most quarters: nothing to list, and the turn record asks every one
        out = [
            Refused("policy", p.id, p.title, self.reason_for(row, p))
            for p in self.scenario.policies
            if self.policy_refusals[row, p.index]
        ]
        ranked = sorted(self.scenario.decisions, key=lambda d: -self.priority[row, d.index])
        out += [
            Refused("decision", d.id, d.title, self.reason_for(row, d))
            for d in ranked
            if self.decision_refusals[row, d.index]
        ]
        return tuple(out)

    def reason_for(self, row: int, item: PolicyDef | DecisionDef) -> str:
        """Why this row's order of a policy or decision was refused ('' if it was not)."""
        if isinstance(item, PolicyDef):
            code = Refusal(int(self.policy_refusals[row, item.index]))
            wanted = float(self.wanted_policies[row, item.index])
            return policy_reason(self.scenario, self.state, code, row, item, wanted)
        code = Refusal(int(self.decision_refusals[row, item.index]))
        return decision_reason(self, code, row, item)


def view(scenario: Scenario, state: State) -> TurnContext:
    """A context for reading a state (conditions, quantities); it cannot change the state
    (its arrays are read-only, so a write raises)."""
    return TurnContext(scenario.layout, state.values, state.seeds, state.turn, None)


def campaign_active(scenario: Scenario, values: np.ndarray) -> np.ndarray:
    layout = scenario.layout
    return (values[:, layout.col(ENDING)] < 0) & (
        values[:, layout.col(TURN)] <= scenario.calendar.last_turn
    )


def policy_locks(scenario: Scenario, ctx: TurnContext) -> np.ndarray:
    """(batch, policies): LOCKED where a policy's condition does not hold, else NONE."""
    codes = np.zeros((ctx.batch, len(scenario.policies)), dtype=np.int8)
    for policy in scenario.policies:
        codes[:, policy.index] = np.where(policy.available(ctx), Refusal.NONE, Refusal.LOCKED)
    return codes


def decision_openness(
    scenario: Scenario, ctx: TurnContext, only: np.ndarray | None = None
) -> np.ndarray:
    """(batch, decisions) Refusal codes for each decision taken alone, costs aside:
    NONE where it is open, else CLOSED, DONE or COOLDOWN (the first that applies).
    With `only` (a mask over decisions), the others are left NONE unjudged."""
    decisions = scenario.decisions
    judged = np.ones(len(decisions), dtype=bool) if only is None else only
    available = np.ones((ctx.batch, len(decisions)), dtype=bool, order="F")
    for index in np.flatnonzero(judged):
        available[:, index] = decisions[index].available(ctx)
    # Taken-once and cooldown are read for all decisions at once from their columns.
    table = scenario.decision_table
    taken = ctx.values[:, table.taken_at]
    last = ctx.values[:, table.last_at]
    done = (table.once & judged) & (taken > 0)
    # ctx.turn - last < cooldown, for whole numbers; a cooldown of 0 never waits.
    waiting = ((table.cooldown > 0) & judged) & (last >= 0) & (last > ctx.turn - table.cooldown)
    later = np.where(waiting, np.int8(Refusal.COOLDOWN), np.int8(Refusal.NONE))
    return np.where(
        available, np.where(done, np.int8(Refusal.DONE), later), np.int8(Refusal.CLOSED)
    )


def open_decisions(scenario: Scenario, state: State) -> np.ndarray:
    """(batch, decisions): which decisions the judge would accept if given alone."""
    ctx = view(scenario, state)
    active = campaign_active(scenario, ctx.values)
    columns, costs = scenario.cost_matrix
    purse = ctx.values[:, columns]
    affordable = (purse[:, None, :] >= costs[None, :, :]).all(axis=2)
    ok = (decision_openness(scenario, ctx) == 0) & affordable & active[:, None]
    return ok & (scenario.max_decisions_per_turn > 0)


def judge(scenario: Scenario, state: State, orders, ctx: TurnContext | None = None) -> Judgement:
    """Judge a batch's orders (`BatchOrders`) on the state the quarter begins with."""
    if ctx is None:
        ctx = view(scenario, state)
    batch = ctx.batch
    active = campaign_active(scenario, ctx.values)

    policy_codes = np.zeros((batch, len(scenario.policies)), dtype=np.int8)
    accepted_policies = np.zeros((batch, len(scenario.policies)), dtype=bool)
    for policy in scenario.policies:
        wanted = orders.policy_values[:, policy.index]
        given = ~np.isnan(wanted) & (wanted != ctx.values[:, policy.column])
        if not given.any():
            continue
        valid = np.isin(wanted, policy.level_values)
        # Only a policy someone ordered changed has its lock looked at (most have none).
        lock = np.where(policy.available(ctx), Refusal.NONE, Refusal.LOCKED)
        code = np.where(valid, lock, Refusal.BAD_LEVEL)
        code = np.where(~active, Refusal.OVER, code)
        policy_codes[:, policy.index] = np.where(given, code, Refusal.NONE)
        accepted_policies[:, policy.index] = given & (code == 0)

    priority = orders.ranking(scenario)
    wanted = orders.decisions
    decision_codes = np.zeros(wanted.shape, dtype=np.int8)
    accepted = np.zeros(wanted.shape, dtype=bool)
    if wanted.any():
        openness = decision_openness(scenario, ctx, wanted.any(axis=0))
        decision_codes[:] = np.where(wanted, openness, Refusal.NONE)
        decision_codes[wanted & ~active[:, None]] = Refusal.OVER
        _pay_in_turn(scenario, ctx, wanted, priority, decision_codes, accepted)
    for array in (accepted_policies, policy_codes, accepted, decision_codes):
        array.setflags(write=False)
    return Judgement(
        accepted_policies,
        accepted,
        policy_codes,
        decision_codes,
        scenario,
        state,
        orders.policy_values,
        priority,
    )


def _pay_in_turn(
    scenario: Scenario,
    ctx: TurnContext,
    wanted: np.ndarray,
    priority: np.ndarray,
    codes: np.ndarray,
    accepted: np.ndarray,
) -> None:
    """Walk each row's open decisions in the order given, paying costs from a running
    purse and counting them against the quarter's budget."""
    cost_columns, cost_matrix = scenario.cost_matrix
    rows = np.arange(ctx.batch)
    purse = ctx.values[:, cost_columns].copy() if cost_columns else np.zeros((ctx.batch, 0))
    budget = np.full(ctx.batch, scenario.max_decisions_per_turn)
    candidates = wanted & (codes == 0)
    rounds = int(candidates.sum(axis=1).max())
    order = np.argsort(np.where(candidates, -priority, np.inf), axis=1, kind="stable")
    for rank in range(rounds):
        column = order[:, rank]
        here = candidates[rows, column]
        if not here.any():
            continue
        cost = cost_matrix[column]
        affordable = (purse >= cost).all(axis=1)
        within = budget > 0
        take = here & affordable & within
        refuse = here & ~take
        codes[rows[refuse], column[refuse]] = np.where(within[refuse], Refusal.COST, Refusal.BUDGET)
        accepted[rows[take], column[take]] = True
        purse -= cost * take[:, None]
        budget -= take
