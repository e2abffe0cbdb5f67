"""Orders are plain data: policy settings and decisions for one quarter.

`legal_orders` says what may be ordered now and why not; `validate_orders` refuses an
order with the reason. Orders never change the state themselves: the turn pipeline
applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.context import TurnContext
from game.core.layout import ENDING, TURN, decision_columns
from game.core.model import DecisionDef, PolicyDef, Scenario
from game.core.state import State


@dataclass(frozen=True)
class Orders:
    """One campaign's orders for a quarter: new policy levels and decisions to take."""

    policies: dict[str, float] = field(default_factory=dict)
    decisions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"policies": dict(self.policies), "decisions": list(self.decisions)}

    @classmethod
    def from_dict(cls, data: dict) -> Orders:
        return cls(
            policies={str(k): float(v) for k, v in data.get("policies", {}).items()},
            decisions=tuple(str(d) for d in data.get("decisions", [])),
        )


@dataclass
class BatchOrders:
    """Orders for every row of a batch: NaN keeps a policy as it is."""

    policy_values: np.ndarray
    decisions: np.ndarray

    @classmethod
    def empty(cls, scenario: Scenario, batch: int) -> BatchOrders:
        return cls(
            np.full((batch, len(scenario.policies)), np.nan),
            np.zeros((batch, len(scenario.decisions)), dtype=bool),
        )

    @classmethod
    def single(cls, scenario: Scenario, orders: Orders) -> BatchOrders:
        batch = cls.empty(scenario, 1)
        for policy in scenario.policies:
            if policy.id in orders.policies:
                batch.policy_values[0, policy.index] = orders.policies[policy.id]
        for decision in scenario.decisions:
            batch.decisions[0, decision.index] = decision.id in orders.decisions
        return batch

    def for_row(self, scenario: Scenario, row: int) -> Orders:
        policies = {
            p.id: float(self.policy_values[row, p.index])
            for p in scenario.policies
            if not np.isnan(self.policy_values[row, p.index])
        }
        decisions = tuple(d.id for d in scenario.decisions if self.decisions[row, d.index])
        return Orders(policies, decisions)


class OrderRefused(ValueError):
    """Orders that the rules do not allow now; `reasons` says why, one line each."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class DecisionStatus:
    decision: DecisionDef
    allowed: bool
    reason: str
    odds: float | None


@dataclass(frozen=True)
class PolicyStatus:
    policy: PolicyDef
    allowed: bool
    current: float
    reason: str


@dataclass(frozen=True)
class LegalOrders:
    policies: tuple[PolicyStatus, ...]
    decisions: tuple[DecisionStatus, ...]
    max_decisions: int

    def decision(self, decision_id: str) -> DecisionStatus:
        return next(s for s in self.decisions if s.decision.id == decision_id)

    def allowed_decisions(self) -> list[str]:
        return [s.decision.id for s in self.decisions if s.allowed]


def read_context(scenario: Scenario, state: State) -> TurnContext:
    """A context for evaluating conditions on a state without changing it."""
    return TurnContext(scenario.layout, state.values.copy(), state.seeds, state.turn, None)


def campaign_active(scenario: Scenario, values: np.ndarray) -> np.ndarray:
    layout = scenario.layout
    return (values[:, layout.col(ENDING)] < 0) & (
        values[:, layout.col(TURN)] <= scenario.calendar.last_turn
    )


def decision_mask(scenario: Scenario, ctx: TurnContext) -> np.ndarray:
    """(batch, decisions): may each decision be taken now, costs included."""
    mask = np.zeros((ctx.batch, len(scenario.decisions)), dtype=bool)
    for decision in scenario.decisions:
        mask[:, decision.index] = decision_allowed(scenario, ctx, decision)
    return mask


def decision_allowed(scenario: Scenario, ctx: TurnContext, decision: DecisionDef) -> np.ndarray:
    """May this decision be taken now, in each row: conditions, repeats and costs."""
    columns = decision_columns(decision.id)
    taken = ctx.values[:, scenario.layout.col(columns["taken"])]
    last = ctx.values[:, scenario.layout.col(columns["last"])]
    allowed = decision.available(ctx).copy()
    if decision.once:
        allowed &= taken == 0
    if decision.cooldown:
        allowed &= (last < 0) | (ctx.turn - last >= decision.cooldown)
    for cost in decision.costs:
        allowed &= ctx.values[:, cost.column] >= cost.amount
    return allowed


def policy_mask(scenario: Scenario, ctx: TurnContext) -> np.ndarray:
    mask = np.zeros((ctx.batch, len(scenario.policies)), dtype=bool)
    for policy in scenario.policies:
        mask[:, policy.index] = policy.available(ctx)
    return mask


def decision_odds(decision: DecisionDef, ctx: TurnContext) -> np.ndarray | None:
    if decision.odds is None:
        return None
    return np.clip(np.broadcast_to(decision.odds(ctx), (ctx.batch,)), 0.0, 1.0)


def legal_orders(scenario: Scenario, state: State, row: int = 0) -> LegalOrders:
    """What one campaign may order this quarter, with the reason for each refusal."""
    ctx = read_context(scenario, state)
    active = bool(campaign_active(scenario, ctx.values)[row])
    policies_ok = policy_mask(scenario, ctx)
    policies = tuple(
        PolicyStatus(
            p,
            active and bool(policies_ok[row, p.index]),
            float(ctx.values[row, p.column]),
            "" if policies_ok[row, p.index] else "cannot be changed now",
        )
        for p in scenario.policies
    )
    decisions = tuple(_decision_status(scenario, ctx, d, row, active) for d in scenario.decisions)
    return LegalOrders(policies, decisions, scenario.max_decisions_per_turn)


def _decision_status(
    scenario: Scenario, ctx: TurnContext, decision: DecisionDef, row: int, active: bool
) -> DecisionStatus:
    odds_array = decision_odds(decision, ctx)
    odds = None if odds_array is None else float(odds_array[row])
    columns = decision_columns(decision.id)
    taken = ctx.values[row, scenario.layout.col(columns["taken"])]
    last = ctx.values[row, scenario.layout.col(columns["last"])]
    reason = ""
    if not active:
        reason = "the campaign is over"
    elif not decision.available(ctx)[row]:
        reason = "not possible in the present situation"
    elif decision.once and taken > 0:
        reason = "already done"
    elif decision.cooldown and last >= 0 and ctx.turn - last < decision.cooldown:
        wait = int(decision.cooldown - (ctx.turn - last))
        reason = f"can be tried again in {wait} quarter{'s' if wait != 1 else ''}"
    else:
        for cost in decision.costs:
            have = ctx.values[row, cost.column]
            if have < cost.amount:
                reason = f"needs {cost.amount:g} {cost.var} (have {have:.0f})"
                break
    return DecisionStatus(decision, reason == "", reason, odds)


def validate_orders(scenario: Scenario, state: State, orders: Orders, row: int = 0) -> list[str]:
    """Every reason the orders cannot be given now; an empty list means they can."""
    if not orders.policies and not orders.decisions:
        return []  # standing pat is always allowed
    legal = legal_orders(scenario, state, row)
    reasons: list[str] = []
    policy_by_id = {s.policy.id: s for s in legal.policies}
    for policy_id, value in orders.policies.items():
        status = policy_by_id.get(policy_id)
        if status is None:
            reasons.append(f"there is no policy '{policy_id}'")
        elif status.policy.level(value) is None:
            allowed = ", ".join(f"{lvl.value:g}" for lvl in status.policy.levels)
            reasons.append(f"{policy_id} cannot be set to {value:g} (allowed: {allowed})")
        elif value != status.current and not status.allowed:
            reasons.append(f"{status.policy.title}: {status.reason}")
    decision_by_id = {s.decision.id: s for s in legal.decisions}
    for decision_id in orders.decisions:
        status = decision_by_id.get(decision_id)
        if status is None:
            reasons.append(f"there is no decision '{decision_id}'")
        elif not status.allowed:
            reasons.append(f"{status.decision.title}: {status.reason}")
    if len(set(orders.decisions)) != len(orders.decisions):
        reasons.append("a decision can be given only once a quarter")
    if len(orders.decisions) > legal.max_decisions:
        reasons.append(f"at most {legal.max_decisions} decisions a quarter")
    return reasons
