"""`schedule: {event, in: N}` makes an event fire exactly N quarters later, `fire` at the
next events step (this quarter from a decision, which resolves before the events; next
quarter from an event or an option), `cancel` calls it off. One firing is pending at
most: the earliest stands. A scheduled event that cannot fire when it falls due
(cooling down) stays due and fires as soon as it can; one that may never fire again
(`once`, already fired) never does."""

import pytest

from tests.rules.world import play, world

FAMINE = """
events:
  - id: famine
    title: Famine
    text: Hunger in the Ukraine.
    once: false
    effects: [{add: {var: society.unrest, value: 1}}]
"""


def requisition(effect: str) -> str:
    return f"""
decisions:
  - id: requisition
    title: Requisition
    text: Take the grain.
    effects: [{{{effect}}}]
"""


def fired_at(campaign, event_id: str = "famine") -> list[int]:
    return [r.turn for r in campaign.records if event_id in r.fired]


@pytest.mark.parametrize("quarters", [1, 2, 3, 5])
def test_scheduled_in_n_quarters_it_fires_exactly_n_quarters_later(tmp_path, quarters):
    scenario = world(tmp_path, FAMINE + requisition(f"schedule: {{event: famine, in: {quarters}}}"))
    campaign = play(scenario, ("requisition",), *[None] * 6)
    assert fired_at(campaign) == [quarters]
    assert campaign.value("society.unrest") == 11


@pytest.mark.parametrize("quarters", [0, -2])
def test_scheduled_in_zero_or_fewer_quarters_it_fires_next_quarter(tmp_path, quarters):
    # The checker lets `in: 0` through; the engine reads it as "as soon as possible",
    # which is next quarter, since this quarter's events are judged before it is known.
    scenario = world(tmp_path, FAMINE + requisition(f"schedule: {{event: famine, in: {quarters}}}"))
    campaign = play(scenario, ("requisition",), None, None)
    assert fired_at(campaign) == [1]


def test_fire_from_a_decision_makes_it_fire_that_quarter_whatever_its_trigger_says(tmp_path):
    never = FAMINE.replace("once: false", "once: false\n    trigger: {flag: flag.b}")
    scenario = world(tmp_path, never + requisition("fire: famine"))
    campaign = play(scenario, ("requisition",), None, None)
    assert fired_at(campaign) == [0]


def test_cancel_calls_off_a_scheduled_event(tmp_path):
    scenario = world(
        tmp_path,
        FAMINE
        + requisition("schedule: {event: famine, in: 2}")
        + """
  - id: relief
    title: Famine relief
    text: Send grain back.
    effects: [{cancel: famine}]
""",
    )
    campaign = play(scenario, ("requisition",), ("relief",), None, None)
    assert fired_at(campaign) == []


def test_a_scheduled_event_fires_once_not_every_quarter_after(tmp_path):
    scenario = world(tmp_path, FAMINE + requisition("fire: famine"))
    campaign = play(scenario, ("requisition",), None, None, None)
    assert fired_at(campaign) == [0]


def test_a_schedule_outside_the_events_window_still_fires_on_time(tmp_path):
    late = FAMINE.replace("once: false", "once: false\n    date: 1931-Q3")
    scenario = world(tmp_path, late + requisition("schedule: {event: famine, in: 1}"))
    campaign = play(scenario, ("requisition",), None)
    assert fired_at(campaign) == [1]


def test_an_event_due_while_cooling_down_fires_when_the_cooldown_ends(tmp_path):
    cooling = FAMINE.replace(
        "once: false", "once: false\n    cooldown: 3\n    trigger: {before: 1930-Q2}"
    )
    scenario = world(tmp_path, cooling + requisition("fire: famine"))
    campaign = play(scenario, None, ("requisition",), None, None, None, None)
    # It fired at 0 by its trigger; the order at 1 makes it due at once, but it waits for 0 + 3.
    assert fired_at(campaign) == [0, 3]


def test_a_later_schedule_leaves_the_earlier_one_pending(tmp_path):
    scenario = world(tmp_path, FAMINE + requisition("schedule: {event: famine, in: 3}"))
    campaign = play(scenario, ("requisition",), ("requisition",), None, None, None)
    assert fired_at(campaign) == [3]


@pytest.mark.parametrize(
    "window",
    ["trigger: {before: 1930-Q2}", "date: 1930-Q1\n    until: 1930-Q1"],
    ids=["in", "outside its window"],
)
def test_a_once_event_that_already_fired_ignores_a_later_schedule(tmp_path, window):
    once = FAMINE.replace("once: false", window)
    scenario = world(tmp_path, once + requisition("fire: famine"))
    campaign = play(scenario, None, ("requisition",), None, None, None)
    assert fired_at(campaign) == [0]
    assert campaign.value("society.unrest") == 11
