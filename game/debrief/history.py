"""A campaign's variables over time, rebuilt from its ledger of changes."""

from __future__ import annotations

from game.core.campaign import Campaign
from game.core.model import EventDef
from game.core.orders import OrderRefused
from game.core.pipeline import ChoiceRefused
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
    from its records only when some text that fired reads the state; otherwise (and for
    quarters a replay cannot reach) the present state stands in, which plain texts ignore."""
    scenario = campaign.scenario
    fired = {e for record in campaign.records for e in record.fired}
    if not any(_reads_state(scenario.event(e)) for e in fired):
        return [campaign.state] * len(campaign.records)
    replay = Campaign(scenario, campaign.seed)
    states: list[State] = []
    try:
        for record in campaign.records:
            replay.submit(record.orders)
            states.append(events_state(replay))
            replay.answer(record.choices)
    except (ChoiceRefused, OrderRefused):
        pass  # a record that no longer fits: the rest is read on the present state
    return states + [campaign.state] * (len(campaign.records) - len(states))


def events_state(campaign: Campaign) -> State:
    """The state this quarter's events fired in, while they wait for answers."""
    pending = campaign.pending
    state = getattr(pending, "state", None)  # the pending turn's own state, where it has one
    if state is not None:
        return state
    ctx = pending.ctx
    return State(campaign.scenario.layout, ctx.values.copy(), ctx.seeds)


def _reads_state(event: EventDef) -> bool:
    texts = [event.title, event.text, event.lore.history]
    texts += [t for o in event.options for t in (o.text, o.tooltip)]
    return any(t.follows_state for t in texts)
