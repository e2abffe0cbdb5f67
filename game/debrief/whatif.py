"""What if? Go back to a recorded choice, take another, keep the same world (seed), and
compare the two outcomes side by side.

After the branch point the recorded orders are given again where they are still
allowed, recorded answers are reused where the same event fires with that option open,
and otherwise the option the scenario weighs highest is taken; once the record runs out
the campaign goes on with standing orders to its end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.campaign import Campaign
from game.core.judge import view
from game.core.orders import Orders, known_orders
from game.core.records import TurnRecord
from game.core.state import State
from game.core.text import Text
from game.debrief.analysis import label
from game.debrief.reading import states_at_events


@dataclass(frozen=True)
class Branch:
    """Another option at one recorded point: an event's option, or a decision taken or not."""

    turn: int
    event: str = ""
    option: str = ""
    decision: str = ""
    take: bool = True

    def describe(self, campaign: Campaign) -> str:
        scenario = campaign.scenario
        date = scenario.calendar.label(self.turn)
        if self.event:
            event = scenario.event(self.event)
            return f"{date}, {event.title}: \u201c{event.option(self.option).text}\u201d"
        verb = "take" if self.take else "do not take"
        return f"{date}: {verb} \u201c{scenario.decision(self.decision).title}\u201d"


@dataclass(frozen=True)
class Point:
    """A recorded choice that can be taken back, with its alternatives."""

    turn: int
    date: str
    kind: str
    subject: str
    title: str
    chosen: str
    alternatives: tuple[tuple[str, str], ...]


def branch_points(campaign: Campaign) -> list[Point]:
    scenario = campaign.scenario
    points = []
    for record, state in zip(campaign.records, states_at_events(campaign), strict=True):

        def shown(text: Text, state: State = state) -> str:
            return text.render(scenario, state)

        for event_id, option_id in record.choices.items():
            event = scenario.event(event_id)
            others = tuple((o.id, shown(o.text)) for o in event.options if o.id != option_id)
            if others:
                points.append(
                    Point(
                        record.turn,
                        record.date,
                        "event",
                        event_id,
                        shown(event.title),
                        shown(event.option(option_id).text),
                        others,
                    )
                )
        for decision_id in record.done:  # refused orders were never carried out
            decision = scenario.decision(decision_id)
            points.append(
                Point(
                    record.turn,
                    record.date,
                    "decision",
                    decision_id,
                    shown(decision.title),
                    "taken",
                    (("skip", "do not take it"),),
                )
            )
    return points


def _heaviest_option(campaign: Campaign, event, open_ids: list[str]) -> str:
    ctx = view(campaign.scenario, campaign.pending.state)
    weights = {
        o.id: float(np.asarray(o.weight(ctx)).reshape(-1)[0])
        for o in event.options
        if o.id in open_ids
    }
    return max(open_ids, key=lambda option_id: weights.get(option_id, 0.0))


def play_branch(original: Campaign, branch: Branch, max_extra_turns: int = 200) -> Campaign:
    scenario = original.scenario
    records: list[TurnRecord] = original.records
    if not 0 <= branch.turn < len(records):
        raise ValueError(f"turn {branch.turn} is not in the record (0 to {len(records) - 1})")
    campaign = Campaign.replay(scenario, original.seed, records[: branch.turn])
    turn = branch.turn
    while not campaign.is_over and turn < len(records) + max_extra_turns:
        recorded = records[turn] if turn < len(records) else None
        orders = recorded.orders if recorded else Orders()
        if turn == branch.turn and branch.decision:
            wanted = [d for d in orders.decisions if d != branch.decision]
            if branch.take:
                wanted.append(branch.decision)
            orders = Orders(orders.policies, tuple(wanted))
        # Orders the branch no longer allows are refused by the judge, as in play.
        events = campaign.submit(known_orders(scenario, orders)[0])
        choices = {}
        for event, open_ids in events:
            if turn == branch.turn and event.id == branch.event and branch.option in open_ids:
                choices[event.id] = branch.option
            elif recorded and recorded.choices.get(event.id) in open_ids:
                choices[event.id] = recorded.choices[event.id]
            else:
                choices[event.id] = _heaviest_option(campaign, event, open_ids)
        campaign.answer(choices)
        turn += 1
    return campaign


@dataclass(frozen=True)
class Comparison:
    rows: tuple[tuple[str, str, str], ...]
    first_divergence: str


def compare(original: Campaign, other: Campaign) -> Comparison:
    scenario = original.scenario
    rows = [
        (
            "Ending",
            original.ending.title if original.ending else "not ended",
            other.ending.title if other.ending else "not ended",
        ),
        ("Ended in", original.date, other.date),
    ]
    names = list(scenario.debrief.indicators or scenario.key_indicators)
    for name in names:
        var = scenario.layout.variables[scenario.layout.col(name)]
        rows.append(
            (
                label(scenario, name),
                var.describe_value(original.value(name)),
                var.describe_value(other.value(name)),
            )
        )
    divergence = "the two campaigns are the same"
    for a, b in zip(original.records, other.records, strict=False):
        if a.fired != b.fired or a.choices != b.choices or a.decisions != b.decisions:
            fired_a, fired_b = set(a.fired) - set(b.fired), set(b.fired) - set(a.fired)
            detail = []
            if fired_b:
                detail.append(
                    "new events: " + ", ".join(scenario.event(e).title for e in sorted(fired_b))
                )
            if fired_a:
                detail.append(
                    "events avoided: " + ", ".join(scenario.event(e).title for e in sorted(fired_a))
                )
            divergence = f"{a.date}" + (f" ({'; '.join(detail)})" if detail else "")
            break
    return Comparison(tuple(rows), divergence)
