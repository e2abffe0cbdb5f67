"""`fire` and `schedule` inside a rule. Rules resolve before the events step, so a rule's
`fire` makes the event fire that same quarter; `schedule in: N` makes it fire N quarters
on. An event has one firing pending at most and the earliest stands, so a rule that asks
for it every quarter does not put it off (it once did: each quarter pushed the date on,
and the event never fired)."""

from tests.rules.world import quiet, world

FAMINE = """
events:
  - id: famine
    title: Famine
    text: Hunger.
    once: false
    effects: [{add: {var: society.unrest, value: 1}}]
"""


def rule(effect: str, when: str = "") -> str:
    condition = f"\n    when: {when}" if when else ""
    return f"""
rules:
  - id: hunger
    step: economy{condition}
    effects: [{{{effect}}}]
"""


def fired_at(campaign) -> list[int]:
    return [r.turn for r in campaign.records if "famine" in r.fired]


def test_a_rule_that_holds_in_one_quarter_fires_the_event_that_quarter(tmp_path):
    scenario = world(tmp_path, FAMINE + rule("fire: famine", when="{before: 1930-Q2}"))
    assert fired_at(quiet(scenario, 4)) == [0]


def test_a_rule_that_holds_in_one_quarter_schedules_the_event_n_quarters_on(tmp_path):
    scenario = world(
        tmp_path, FAMINE + rule("schedule: {event: famine, in: 2}", when="{before: 1930-Q2}")
    )
    assert fired_at(quiet(scenario, 4)) == [2]


def test_a_rule_that_fires_an_event_every_quarter_fires_it_every_quarter(tmp_path):
    scenario = world(tmp_path, FAMINE + rule("fire: famine"))
    campaign = quiet(scenario, 4)
    assert fired_at(campaign) == [0, 1, 2, 3]
    assert campaign.value("society.unrest") == 14


def test_a_rule_that_schedules_every_quarter_keeps_the_earliest_firing(tmp_path):
    # Asked at 0 for 2, at 1 for 3 (2 stands), at 2 for 4 (2 stands, then fires), at 3
    # for 5: one firing pending at a time, never put off.
    scenario = world(tmp_path, FAMINE + rule("schedule: {event: famine, in: 2}"))
    assert fired_at(quiet(scenario, 6)) == [2, 5]


def test_an_events_own_fire_waits_for_the_next_quarter(tmp_path):
    chain = (
        FAMINE
        + """
  - id: drought
    title: Drought
    text: No rain.
    date: 1930-Q1
    effects: [{fire: famine}]
"""
    )
    assert fired_at(quiet(world(tmp_path, chain), 3)) == [1]
