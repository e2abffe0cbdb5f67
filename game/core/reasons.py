"""Why an order was refused, in words a player reads ("needs 12 million gold roubles")."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from game.core.explain import variable_label, why_closed
from game.core.layout import decision_columns
from game.core.model import DecisionDef, PolicyDef, Scenario
from game.core.state import State
from game.core.units import format_amount, format_value

if TYPE_CHECKING:
    from game.core.judge import Judgement


class Refusal(IntEnum):
    """Why an order was refused; 0 means it was accepted (or not given)."""

    NONE = 0
    OVER = 1  # the campaign is over
    BAD_LEVEL = 2  # not one of the policy's levels
    LOCKED = 3  # the policy's condition does not hold
    CLOSED = 4  # the decision's condition does not hold
    DONE = 5  # a once-only decision already taken
    COOLDOWN = 6  # tried too recently
    COST = 7  # what is left after earlier orders does not cover its costs
    BUDGET = 8  # more decisions than a quarter allows


@dataclass(frozen=True)
class Refused:
    """One order that was not carried out, as the player reads it."""

    kind: str  # "policy" or "decision"
    id: str
    title: str
    reason: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "title": self.title, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict) -> Refused:
        return cls(str(data["kind"]), str(data["id"]), str(data["title"]), str(data["reason"]))

    def sentence(self) -> str:
        return f"Not sent: {self.title} \u2014 {self.reason.rstrip('.')}."


def policy_reason(
    scenario: Scenario, state: State, code: Refusal, row: int, policy: PolicyDef, wanted: float
) -> str:
    if code is Refusal.NONE:
        return ""
    if code is Refusal.OVER:
        return "the campaign is over"
    if code is Refusal.BAD_LEVEL:
        levels = ", ".join(f"{lvl.value:g} ({lvl.label})" for lvl in policy.levels)
        return f"{wanted:g} is not one of its levels: {levels}"
    return _closed(scenario, state, policy, row) or "cannot be changed now"


def decision_reason(judgement: Judgement, code: Refusal, row: int, decision: DecisionDef) -> str:
    scenario, state = judgement.scenario, judgement.state
    if code is Refusal.NONE:
        return ""
    if code is Refusal.OVER:
        return "the campaign is over"
    if code is Refusal.CLOSED:
        return _closed(scenario, state, decision, row) or "not possible in the present situation"
    if code is Refusal.DONE:
        return "already done"
    if code is Refusal.COOLDOWN:
        last = state.get(decision_columns(decision.id)["last"], row)
        wait = int(decision.cooldown - (state.turn - last))
        return f"can be tried again in {wait} quarter{'s' if wait != 1 else ''}"
    if code is Refusal.BUDGET:
        return f"at most {scenario.max_decisions_per_turn} decisions a quarter"
    return _short_of(judgement, row, decision)


def _closed(scenario: Scenario, state: State, item: PolicyDef | DecisionDef, row: int) -> str:
    """What the condition that closes it needs: the modder's hint or a generated reason."""
    return why_closed(scenario, item.available_op, item.hint, state, row)


def _short_of(judgement: Judgement, row: int, decision: DecisionDef) -> str:
    """Which cost the purse left by earlier orders could not cover."""
    scenario, state = judgement.scenario, judgement.state
    spent: dict[int, float] = {}
    for other in sorted(scenario.decisions, key=lambda d: -judgement.priority[row, d.index]):
        if other.index == decision.index:
            break
        if judgement.decisions[row, other.index]:
            for cost in other.costs:
                spent[cost.column] = spent.get(cost.column, 0.0) + cost.amount
    for cost in decision.costs:
        have = float(state.values[row, cost.column]) - spent.get(cost.column, 0.0)
        if have < cost.amount:
            variable = scenario.layout.variables[cost.column]
            left = " after your other orders" if cost.column in spent else ""
            needed = format_amount(variable, cost.amount)
            what = variable_label(variable)
            if what not in needed:  # '30 million gold roubles' says what, not whose
                needed += f" of {what}"
            have_text = format_value(variable, max(have, 0.0), phrase=False)
            return f"needs {needed}; {have_text} left{left}"
    return "its costs cannot be paid"
