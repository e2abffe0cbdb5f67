"""Orders are plain data: policy settings and decisions for one quarter.

Whether an order is allowed is decided in one place, `game.core.judge`; this module
turns its verdict into what callers ask: `legal_orders` (what may be added to a draft,
and why not) and `validate_orders` (every reason a set of orders cannot be given).
Orders never change the state themselves: the turn pipeline applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core import judge
from game.core.model import DecisionDef, PolicyDef, Scenario
from game.core.reasons import Refusal, policy_reason
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
    """Orders for every row of a batch: NaN keeps a policy as it is.

    `priority` (batch, decisions) says in which order decisions were given, highest
    first; without it they are judged in the scenario's order.
    """

    policy_values: np.ndarray
    decisions: np.ndarray
    priority: np.ndarray | None = None

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
        known = {d.id: d.index for d in scenario.decisions}
        given = [known[d] for d in dict.fromkeys(orders.decisions) if d in known]
        batch.decisions[0, given] = True
        batch.priority = np.zeros((1, len(scenario.decisions)))
        batch.priority[0, given] = np.arange(len(given), 0, -1, dtype=np.float64)
        return batch

    def ranking(self, scenario: Scenario) -> np.ndarray:
        """(batch, decisions): higher is judged first."""
        if self.priority is not None:
            return self.priority
        order = -np.arange(len(scenario.decisions), dtype=np.float64)
        return np.broadcast_to(order, self.decisions.shape)

    def for_row(self, scenario: Scenario, row: int) -> Orders:
        policies = {
            p.id: float(self.policy_values[row, p.index])
            for p in scenario.policies
            if not np.isnan(self.policy_values[row, p.index])
        }
        given = [d for d in scenario.decisions if self.decisions[row, d.index]]
        ranking = self.ranking(scenario)
        given.sort(key=lambda d: -ranking[row, d.index])
        return Orders(policies, tuple(d.id for d in given))


def known_orders(scenario: Scenario, orders: Orders) -> tuple[Orders, list[str]]:
    """The orders that name something the scenario has (a policy at one of its levels, a
    decision, each given once), and why each other one was left out: orders that no
    state of the scenario could take, as a changed mod or a broken caller gives them."""
    policies = {p.id: p for p in scenario.policies}
    decisions = {d.id for d in scenario.decisions}
    dropped: list[str] = []
    kept_policies: dict[str, float] = {}
    for policy_id, value in orders.policies.items():
        policy = policies.get(policy_id)
        if policy is None:
            dropped.append(f"there is no policy '{policy_id}'")
        elif value not in policy.level_values:
            levels = ", ".join(f"{lvl.value:g} ({lvl.label})" for lvl in policy.levels)
            dropped.append(f"{policy.title} has no level {value:g}; its levels: {levels}")
        else:
            kept_policies[policy_id] = value
    dropped += [f"there is no decision '{d}'" for d in orders.decisions if d not in decisions]
    if len(set(orders.decisions)) != len(orders.decisions):
        dropped.append("a decision can be given only once a quarter")
    kept = tuple(dict.fromkeys(d for d in orders.decisions if d in decisions))
    return Orders(kept_policies, kept), dropped


class OrderRefused(ValueError):
    """Orders that the rules do not allow now; `reasons` says why, one line each."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class DecisionStatus:
    """Whether a decision may be added to the draft, why not, and its odds of success."""

    decision: DecisionDef
    allowed: bool
    reason: str
    odds: float | None
    refusal: Refusal = Refusal.NONE


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


def legal_orders(
    scenario: Scenario, state: State, row: int = 0, draft: Orders | None = None
) -> LegalOrders:
    """What one campaign may order this quarter beside its draft, and why not.

    A decision is allowed when the judge would accept the draft with it added after the
    draft's own decisions (one already in the draft: when the judge accepts it there).
    Every candidate is one row of a single batch, so this is one call of the judge.
    """
    draft = draft or Orders()
    one = state.row(row) if state.batch > 1 else state
    ctx = judge.view(scenario, one)
    over = not bool(judge.campaign_active(scenario, ctx.values)[0])
    locks = judge.policy_locks(scenario, ctx)
    policies = []
    for policy in scenario.policies:
        code = Refusal.OVER if over else Refusal(int(locks[0, policy.index]))
        current = float(ctx.values[0, policy.column])
        reason = policy_reason(scenario, one, code, 0, policy, current)
        policies.append(PolicyStatus(policy, not code, current, reason))

    if not scenario.decisions:
        return LegalOrders(tuple(policies), (), scenario.max_decisions_per_turn)
    candidates = _draft_plus_each(scenario, draft)
    many = State(
        one.layout,
        np.repeat(one.values, candidates.decisions.shape[0], axis=0),
        np.repeat(one.seeds, candidates.decisions.shape[0]),
    )
    verdict = judge.judge(scenario, many, candidates)
    odds = decision_odds(scenario, ctx)
    decisions = tuple(
        DecisionStatus(
            decision,
            not verdict.decision_refusals[decision.index, decision.index],
            verdict.reason_for(decision.index, decision),
            None if odds[decision.index] is None else float(odds[decision.index][0]),
            Refusal(int(verdict.decision_refusals[decision.index, decision.index])),
        )
        for decision in scenario.decisions
    )
    return LegalOrders(tuple(policies), decisions, scenario.max_decisions_per_turn)


def _draft_plus_each(scenario: Scenario, draft: Orders) -> BatchOrders:
    """Row i: the draft's decisions, then decision i (given last)."""
    base = BatchOrders.single(scenario, Orders(decisions=draft.decisions))
    count = len(scenario.decisions)
    decisions = np.repeat(base.decisions, count, axis=0)
    priority = np.repeat(base.ranking(scenario), count, axis=0).copy()
    fresh = ~decisions[np.arange(count), np.arange(count)]
    decisions[np.arange(count), np.arange(count)] = True
    priority[np.arange(count)[fresh], np.arange(count)[fresh]] = 0.5
    return BatchOrders(np.full((count, len(scenario.policies)), np.nan), decisions, priority)


def decision_odds(scenario: Scenario, ctx) -> list[np.ndarray | None]:
    """Each decision's odds of success per row (None for a decision that cannot fail)."""
    return [
        None if d.odds is None else np.clip(np.broadcast_to(d.odds(ctx), (ctx.batch,)), 0.0, 1.0)
        for d in scenario.decisions
    ]


def validate_orders(scenario: Scenario, state: State, orders: Orders, row: int = 0) -> list[str]:
    """Every reason the orders cannot be carried out as given; empty when they can."""
    reasons: list[str] = []
    policy_ids = {p.id for p in scenario.policies}
    decision_ids = {d.id for d in scenario.decisions}
    reasons += [f"there is no policy '{p}'" for p in orders.policies if p not in policy_ids]
    reasons += [f"there is no decision '{d}'" for d in orders.decisions if d not in decision_ids]
    if len(set(orders.decisions)) != len(orders.decisions):
        reasons.append("a decision can be given only once a quarter")
    one = state.row(row) if state.batch > 1 else state
    verdict = judge.judge(scenario, one, BatchOrders.single(scenario, orders))
    reasons += [f"{r.title}: {r.reason}" for r in verdict.refused(0)]
    return reasons
