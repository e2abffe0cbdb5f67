"""Events: dated, triggered, random and scheduled; once-only and repeatable; options."""

import pytest

from game.core.campaign import Campaign
from game.core.orders import Orders
from game.core.pipeline import ChoiceRefused
from tests.helpers import play_quarters


def fired_turns(campaign, event_id):
    return [r.turn for r in campaign.records if event_id in r.fired]


def test_dated_event_fires_in_its_quarter_only(scenario_from):
    scenario = scenario_from(
        {
            "events/e.yaml": """
events:
  - {id: congress, title: Congress, text: Delegates gather., date: 1930-Q3}
"""
        }
    )
    assert fired_turns(play_quarters(scenario, 12), "congress") == [2]


def test_dated_event_with_trigger_waits_for_its_condition_within_its_window(scenario_from):
    scenario = scenario_from(
        {
            "rules/r.yaml": """
rules:
  - {id: unrest, step: economy, effects: [{add: {var: society.unrest, value: 10}}]}
""",
            "events/e.yaml": """
events:
  - id: riots
    title: Riots
    text: The towns riot.
    date: 1930-Q2
    until: 1931-Q4
    trigger: {at_least: {var: society.unrest, value: 50}}
""",
        }
    )
    # unrest: 20 after turn 0, 30, 40, 50 after turn 3: first quarter with 50 is turn 3
    assert fired_turns(play_quarters(scenario, 12), "riots") == [3]


def test_triggered_event_fires_once_unless_repeatable(scenario_from):
    files = {
        "events/e.yaml": """
events:
  - {id: once, title: Once, text: Once only., trigger: {after: 1930-Q2}}
  - {id: often, title: Often, text: Again and again., trigger: {after: 1930-Q2}, once: false, cooldown: 3}
"""
    }
    campaign = play_quarters(scenario_from(files), 12)
    assert fired_turns(campaign, "once") == [1]
    assert fired_turns(campaign, "often") == [1, 4, 7, 10]


def test_random_event_fires_at_about_its_mean_time(scenario_from):
    scenario = scenario_from(
        {
            "events/e.yaml": """
events:
  - {id: storm, title: Storm, text: Hail., mtth: 4}
"""
        }
    )
    turns = []
    for seed in range(300):
        fired = fired_turns(play_quarters(scenario, 12, seed=seed), "storm")
        assert len(fired) <= 1
        if fired:
            turns.append(fired[0])
    # median time to happen is 4 quarters: about half fire in the first four turns
    early = sum(t < 4 for t in turns) / 300
    assert 0.4 < early < 0.6


def test_mtth_modifier_through_a_quantity(scenario_from):
    scenario = scenario_from(
        {
            "events/e.yaml": """
events:
  - id: strike
    title: Strike
    text: Workers down tools.
    mtth: {if: {condition: {at_least: {var: society.unrest, value: 50}}, then: 1, else: 1000}}
"""
        }
    )
    calm = sum(bool(fired_turns(play_quarters(scenario, 4, seed=s), "strike")) for s in range(50))
    assert calm <= 3


def test_options_apply_only_the_chosen_effects(scenario_from):
    scenario = scenario_from(
        {
            "events/e.yaml": """
events:
  - id: trial
    title: Trial
    text: Engineers in the dock.
    date: 1930-Q1
    effects: [{add: {var: party.control, value: 2}}]
    options:
      - {id: convict, text: Convict them, effects: [{add: {var: society.unrest, value: 5}}]}
      - {id: acquit, text: Acquit them, effects: [{add: {var: party.control, value: -10}}]}
"""
        }
    )
    convict = play_quarters(scenario, 1, choose=lambda e, o: "convict")
    assert (convict.value("party.control"), convict.value("society.unrest")) == (52, 15)
    acquit = play_quarters(scenario, 1, choose=lambda e, o: "acquit")
    assert (acquit.value("party.control"), acquit.value("society.unrest")) == (42, 10)
    assert acquit.records[0].choices == {"trial": "acquit"}
    causes = {c.cause.key() for c in acquit.records[0].changes}
    assert {"event:trial", "event:trial:acquit"} <= causes


def test_an_option_whose_condition_fails_is_not_offered(scenario_from):
    scenario = scenario_from(
        {
            "events/e.yaml": """
events:
  - id: offer
    title: Offer
    text: A proposal.
    date: 1930-Q1
    options:
      - {id: accept, text: Accept, when: {flag: flag.treaty}}
      - {id: refuse, text: Refuse}
"""
        }
    )
    campaign = Campaign(scenario, 1)
    events = campaign.submit(Orders())
    assert [(e.id, opts) for e, opts in events] == [("offer", ["refuse"])]
    with pytest.raises(ChoiceRefused):
        campaign.answer({"offer": "accept"})
    campaign.answer({"offer": "refuse"})
    assert campaign.turn == 1
