"""`fire` and `schedule` inside a rule. Today they pass the checker and, in a rule that
holds every quarter, do nothing: each quarter the rule pushes the date forward again
before the events step reaches it (issue 11). The lead is making them work; until then
the cases that need it are strict xfails, so they turn into failures the day they pass."""

import pytest

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


def test_a_rule_that_holds_in_one_quarter_fires_the_event_the_next(tmp_path):
    scenario = world(tmp_path, FAMINE + rule("fire: famine", when="{before: 1930-Q2}"))
    assert fired_at(quiet(scenario, 4)) == [1]


def test_a_rule_that_holds_in_one_quarter_schedules_the_event_n_quarters_on(tmp_path):
    scenario = world(
        tmp_path, FAMINE + rule("schedule: {event: famine, in: 2}", when="{before: 1930-Q2}")
    )
    assert fired_at(quiet(scenario, 4)) == [2]


@pytest.mark.xfail(strict=True, reason="lead makes fire in rules work (issue 11, item 3)")
def test_a_rule_that_fires_an_event_every_quarter_fires_it_every_quarter_from_the_next(
    tmp_path,
):
    scenario = world(tmp_path, FAMINE + rule("fire: famine"))
    assert fired_at(quiet(scenario, 4)) == [1, 2, 3]


@pytest.mark.xfail(strict=True, reason="lead makes schedule in rules work (issue 11, item 3)")
def test_a_rule_that_schedules_an_event_every_quarter_fires_it_from_n_quarters_on(tmp_path):
    scenario = world(tmp_path, FAMINE + rule("schedule: {event: famine, in: 2}"))
    assert fired_at(quiet(scenario, 5)) == [2, 3, 4]
