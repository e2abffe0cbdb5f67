"""The state each quarter's texts were read in, so that a text whose variants or values
follow the state is shown later (debrief, What-if, the window's history) in the words
the player read.

A quarter's events are read where they fired: after the orders, rules and events'
own effects, before the options chosen. That state is rebuilt from the records: the
declared variables from the ledger of changes (all but those the choices made), the
engine's bookkeeping that conditions read (the turn, events fired and chosen, decisions
taken) from what each record lists. The rebuilt end of the last quarter is checked
against the campaign's real state; should they differ (a ledger that does not add up),
the campaign is replayed from its records instead, which is exact but costs a full
resolution per quarter.
"""

from __future__ import annotations

import numpy as np

from game.core.campaign import Campaign
from game.core.cause import Cause, CauseKind
from game.core.layout import COUNTER, TURN, decision_columns, event_columns
from game.core.model import Scenario
from game.core.orders import OrderRefused
from game.core.pipeline import ChoiceRefused
from game.core.records import TurnRecord
from game.core.state import State

# Sums of a ledger's deltas drift from the real values by rounding; a condition
# comparing with a round threshold must not flip on that.
_DIGITS = 9
_TOLERANCE = 1e-6


def events_state(campaign: Campaign) -> State:
    """The state this quarter's events fired in, while they wait for answers."""
    assert campaign.pending is not None, "no quarter is waiting for answers"
    return campaign.pending.state


def states_at_events(campaign: Campaign) -> list[State]:
    """For each recorded quarter, the state its events fired in. Quarters that show no
    text reading the state get the present state, which plain texts ignore."""
    records = campaign.records
    if not any(_reads_state(campaign.scenario, record) for record in records):
        return [campaign.state] * len(records)
    rebuilt = _rebuilt(campaign)
    return rebuilt if rebuilt is not None else replayed(campaign)


def states_at_start(campaign: Campaign) -> list[State]:
    """For each recorded quarter, the state it started from (what Why? reads a rule's
    inputs on, with the changes recorded before the rule)."""
    rebuilt = _rebuilt(campaign, starts=True)
    return rebuilt if rebuilt is not None else replayed(campaign, starts=True)


def replayed(campaign: Campaign, starts: bool = False) -> list[State]:
    """The states at events (or, with `starts`, at the start of each quarter) by
    replaying the campaign's records from its start."""
    replay = Campaign(campaign.scenario, campaign.seed)
    states: list[State] = []
    try:
        for record in campaign.records:
            if starts:
                states.append(replay.state)
            replay.submit(record.orders)
            if not starts:
                states.append(events_state(replay))
            replay.answer(record.choices)
    except (ChoiceRefused, OrderRefused):
        pass  # a record that no longer fits: the rest is read on the present state
    return states + [campaign.state] * (len(campaign.records) - len(states))


def _rebuilt(campaign: Campaign, starts: bool = False) -> list[State] | None:
    """The states at events (or at the start of each quarter) from the records, or None
    when they do not add up to the campaign's present state."""
    scenario = campaign.scenario
    layout = scenario.layout
    column = layout.index
    declared = np.array([column[v.name] for v in layout.declared()], dtype=np.int64)
    # A list, not an array: thousands of single additions are cheaper on Python floats.
    values = layout.initial.tolist()
    states: list[State] = []
    for record in campaign.records:
        values[column[TURN]] = values[column[COUNTER]] = float(record.turn)
        if starts:
            states.append(State(layout, np.array(values)[None, :], campaign.state.seeds))
        chosen = []
        for change in record.changes:
            if _made_after_the_events(change.cause):
                chosen.append(change)
            else:
                values[column[change.var]] += change.delta
        _bookkeeping(scenario, record, values)
        shown = np.array(values)
        shown[declared] = np.round(shown[declared], _DIGITS)
        shown.setflags(write=False)
        if not starts:
            states.append(State(layout, shown[None, :], campaign.state.seeds))
        for change in chosen:
            values[column[change.var]] += change.delta
        for event_id, option_id in record.choices.items():
            choice = column[event_columns(event_id)["choice"]]
            values[choice] = float(scenario.event(event_id).option(option_id).index)
    real = campaign.state.values[0, declared]
    rebuilt = np.array(values)[declared]
    if not np.allclose(rebuilt, real, rtol=_TOLERANCE, atol=_TOLERANCE):
        return None
    return states


def _bookkeeping(scenario: Scenario, record: TurnRecord, values: list[float]) -> None:
    """The columns the engine keeps for decisions taken and events fired this quarter."""
    layout = scenario.layout
    for decision_id, success in record.decisions.items():
        columns = decision_columns(decision_id)
        values[layout.col(columns["taken"])] += success
        values[layout.col(columns["last"])] = record.turn
    for event_id in record.fired:
        columns = event_columns(event_id)
        values[layout.col(columns["fired"])] += 1
        values[layout.col(columns["last"])] = record.turn
        # When it is scheduled next is not recorded; no condition reads it.
        values[layout.col(columns["scheduled"])] = -1
        event = scenario.event(event_id)
        if event.options and not event.asks:
            # A dispatch's standing answer was written as it fired, before its text was read.
            taken = record.standing.get(event_id)
            values[layout.col(columns["choice"])] = (
                float(event.option(taken).index) if taken is not None else -1.0
            )


def _made_after_the_events(cause: Cause) -> bool:
    """Whether a change was made after the events were read: by an event's option, or
    by the verdict weighed again as the quarter ends."""
    return cause.kind in (CauseKind.OPTION, CauseKind.VERDICT)


def _reads_state(scenario: Scenario, record: TurnRecord) -> bool:
    """Whether a quarter shows a text that reads the state: its events', its decisions'
    or (compared with the record at any quarter) a policy's history."""
    texts = [p.lore.history for p in scenario.policies]
    for event in map(scenario.event, record.fired):
        texts += [event.title, event.text, event.lore.history]
        texts += [t for o in event.options for t in (o.text, o.tooltip)]
    texts += [scenario.decision(d).title for d in record.orders.decisions]
    return any(t.follows_state for t in texts)
