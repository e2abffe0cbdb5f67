"""Words for what the engine records: causes, values and their history."""

from __future__ import annotations

import zlib

from game.core.campaign import Campaign
from game.core.explain import why_closed
from game.core.layout import Variable
from game.core.model import DecisionDef, EventDef, OptionDef, PolicyDef, Scenario
from game.core.orders import DecisionStatus, PolicyStatus
from game.core.state import State
from game.debrief.analysis import cause_text
from game.debrief.analysis import label as debrief_label
from game.debrief.history import series


def variable(scenario: Scenario, name: str) -> Variable:
    return scenario.layout.variables[scenario.layout.col(name)]


def label(scenario: Scenario, name: str) -> str:
    """A variable's short human name (the debrief's wording, shared by every screen)."""
    return debrief_label(scenario, name)


def cause(scenario: Scenario, text: str) -> str:
    """'event:kirov_murder:purge' -> 'A shot in the Smolny: you chose "..."'."""
    return cause_text(scenario, text)[0]


def history(campaign: Campaign, name: str) -> list[float]:
    """The variable's value at the start and after each recorded quarter."""
    return series(campaign, name)


def delta(value: float) -> str:
    if abs(value) < 0.05:
        return "±0"
    return f"{value:+.1f}" if abs(value) < 10 else f"{value:+.0f}"


def effects(
    scenario: Scenario,
    changes: dict[str, float],
    uncertain: dict[str, tuple[float, float]] | None = None,
) -> str:
    """'Control +3.0, Unrest +2.0 to +5.0 (by chance)', or 'no immediate change'."""
    parts = [f"{label(scenario, var)} {delta(value)}" for var, value in changes.items()]
    parts += [
        f"{label(scenario, var)} {delta(low)} to {delta(high)} (by chance)"
        for var, (low, high) in (uncertain or {}).items()
    ]
    return ", ".join(parts) or "no immediate change"


def option_order(event_id: str, open_ids: list[str]) -> list[str]:
    """The options in the order they are shown: turned round by a fixed amount for each
    event. Content usually lists the historical answer first; shown as written, a
    player who always takes the first option would simply replay history."""
    if not open_ids:
        return []
    turn = zlib.crc32(event_id.encode()) % len(open_ids)
    return [*open_ids[turn:], *open_ids[:turn]]


def options_shown(event: EventDef, open_ids: list[str]) -> list[str]:
    """All of an event's options in the order they are shown and numbered: the open ones
    first, turned round (see option_order), then the closed ones, greyed, as written."""
    closed = [option.id for option in event.options if option.id not in open_ids]
    return [*option_order(event.id, open_ids), *closed]


def event_state(campaign: Campaign) -> State:
    """The state where this quarter's events fired: what their options are judged on."""
    pending = campaign.pending
    assert pending is not None, "no quarter is waiting for answers"
    state = getattr(pending, "state", None)
    if state is not None:
        return state
    # Until the pending turn exposes its state, the same values read from its context.
    return State(campaign.scenario.layout, pending.ctx.values[:1].copy(), campaign.state.seeds)


def closed_reason(
    scenario: Scenario, choice: OptionDef | DecisionDef | PolicyDef, state: State
) -> str:
    """Why a choice its condition closes is closed: the modder's hint or a sentence
    generated from the condition."""
    reason = why_closed(scenario, choice.available_op, choice.hint, state)
    # A condition that holds when asked again was closed by chance when it was judged.
    return reason or "closed by chance this quarter"


# What the engine says of a decision or policy closed by its condition, which the
# generated reason replaces.
CLOSED_DECISION = "not possible in the present situation"
CLOSED_POLICY = "cannot be changed now"


def order_reason(scenario: Scenario, state: State, status: DecisionStatus | PolicyStatus) -> str:
    """Why a decision or policy cannot be ordered now, in the words the player reads:
    for one closed by its condition, what that condition needs."""
    if isinstance(status, DecisionStatus):
        closed, choice = status.reason == CLOSED_DECISION, status.decision
    else:
        closed, choice = status.reason == CLOSED_POLICY, status.policy
    if not closed:
        return status.reason
    return why_closed(scenario, choice.available_op, choice.hint, state) or status.reason


def rule_notes(scenario: Scenario, causes: list[str]) -> list[str]:
    """How each rule among the causes works, for the player who asks "why?"."""
    notes = []
    for text in dict.fromkeys(causes):
        kind, _, rest = text.partition(":")
        rule = next((r for r in scenario.rules if r.id == rest), None) if kind == "rule" else None
        if rule is not None and rule.text:
            notes.append(f"{rule.title or rest}: {rule.text}")
    return notes


def trend_color(theme, var: Variable, change: float):
    """Green for a change the player should welcome, red for one to fear, grey otherwise."""
    if abs(change) < 0.05 or not var.better:
        return theme.palette.ink_soft
    good = change > 0 if var.better == "higher" else change < 0
    return theme.palette.good if good else theme.palette.bad
