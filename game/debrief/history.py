"""A campaign's variables over time, rebuilt from its ledger of changes."""

from __future__ import annotations

from game.core.campaign import Campaign
from game.core.model import Scenario
from game.core.orders import OrderRefused
from game.core.pipeline import ChoiceRefused
from game.core.records import TurnRecord
from game.core.state import State


def series(campaign: Campaign, name: str) -> list[float]:
    """The value at the start and after each recorded quarter."""
    layout = campaign.scenario.layout
    value = layout.variables[layout.col(name)].initial
    values = [value]
    for record in campaign.records:
        value += sum(change.delta for change in record.changes if change.var == name)
        values.append(value)
    return values


def value_at(campaign: Campaign, name: str, turn: int) -> float | None:
    """The value at the end of that turn, or None if the campaign never reached it."""
    values = series(campaign, name)
    if turn < 0 or turn + 1 >= len(values):
        return None
    return values[turn + 1]


def states_at_events(campaign: Campaign) -> list[State]:
    """For each recorded quarter, the state its events fired in, where the player read
    them: what their texts' variants and values are rendered on. The campaign is replayed
    from its records up to the last quarter that shows a text reading the state; later
    quarters (and any a replay cannot reach) get the present state, which plain texts
    ignore."""
    records = campaign.records
    reading = [i for i, record in enumerate(records) if _reads_state(campaign.scenario, record)]
    if not reading:
        return [campaign.state] * len(records)
    replay = Campaign(campaign.scenario, campaign.seed)
    states: list[State] = []
    try:
        for record in records[: reading[-1] + 1]:
            replay.submit(record.orders)
            states.append(events_state(replay))
            replay.answer(record.choices)
    except (ChoiceRefused, OrderRefused):
        pass  # a record that no longer fits: the rest is read on the present state
    return states + [campaign.state] * (len(records) - len(states))


def events_state(campaign: Campaign) -> State:
    """The state this quarter's events fired in, while they wait for answers."""
    pending = campaign.pending
    state = getattr(pending, "state", None)  # the pending turn's own state, where it has one
    if state is not None:
        return state
    ctx = pending.ctx
    return State(campaign.scenario.layout, ctx.values.copy(), ctx.seeds)


def _reads_state(scenario: Scenario, record: TurnRecord) -> bool:
    """Whether a quarter shows a text that reads the state: its events', its decisions'
    or (compared with the record at any quarter) a policy's history."""
    texts = [p.lore.history for p in scenario.policies]
    for event in map(scenario.event, record.fired):
        texts += [event.title, event.text, event.lore.history]
        texts += [t for o in event.options for t in (o.text, o.tooltip)]
    texts += [scenario.decision(d).title for d in record.orders.decisions]
    return any(t.follows_state for t in texts)
