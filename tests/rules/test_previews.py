"""Before an order is given the player sees what it would do: the costs and effects that
are certain, what a failure would change, the odds (held within 0 to 1), and the range of
whatever is left to chance. A preview never changes the campaign."""

import numpy as np
import pytest

from game.core.preview import preview_decision, preview_option, preview_policy
from game.core.state import State
from tests.rules.world import play, world

CONTENT = """
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
    on_change: [{add: {var: society.unrest, value: 4}}]
  - id: purge
    title: Purge
    var: flag.a
    levels: [{value: 0, label: none}, {value: 1, label: sweeping}]
    on_change: [{add: {var: party.control, value: {random: {min: 2, max: 6}}}}]
decisions:
  - id: survey
    title: Survey the Urals
    text: Geologists may find ore, or nothing.
    effects: [{add: {var: economy.output, value: {random: {min: 0, max: 4}}}}]
  - id: concession
    title: Sell a concession
    text: Foreigners pay, and take their share.
    costs: {economy.valuta: 5}
    effects: [{add: {var: economy.valuta, value: 12}}]
  - id: bid
    title: Bid for a concession
    text: The concession may go to us.
    odds: 0.5
    effects:
      - chance: {probability: 0.5, then: [{add: {var: economy.output, value: 8}}]}
    on_failure: [{add: {var: party.control, value: -2}}]
  - id: loan
    title: Ask for a loan
    text: London may say yes.
    costs: {economy.valuta: 5}
    odds: {if: {condition: {after: 1930-Q2}, then: 1.5, else: -0.25}}
    effects: [{add: {var: economy.output, value: 10}}]
    on_failure: [{add: {var: party.control, value: -2}}]
  - id: gamble
    title: Gamble
    text: Heads or tails.
    effects:
      - add: {var: party.control, value: 1}
      - chance: {probability: 0.5, then: [{add: {var: economy.output, value: 8}}]}
events:
  - id: famine
    title: Famine
    text: Hunger.
    trigger: {flag: flag.b}
    options:
      - id: relief
        text: Send relief.
        effects:
          - add: {var: economy.valuta, value: -3}
          - chance: {probability: 0.3, then: [{add: {var: society.unrest, value: -6}}]}
"""


@pytest.fixture
def scenario(tmp_path):
    return world(tmp_path, CONTENT)


def test_a_proposal_shows_its_costs_and_effects_its_failure_and_its_odds(scenario):
    campaign = play(scenario)
    preview = preview_decision(scenario, campaign.state, scenario.decision("loan"))
    assert preview.changes == {"economy.valuta": -5, "economy.output": 10}
    assert preview.on_failure == {"economy.valuta": -5, "party.control": -2}
    assert preview.uncertain == {}
    assert preview.odds == 0.0, "odds below 0 are shown as 0"
    assert preview.uncertain == {}


def test_the_odds_shown_follow_the_quarter_and_stop_at_one(scenario):
    campaign = play(scenario, None)
    assert preview_decision(scenario, campaign.state, scenario.decision("loan")).odds == 1.0


def test_a_decision_with_a_chance_inside_shows_the_range_it_may_fall_in(scenario):
    campaign = play(scenario)
    preview = preview_decision(scenario, campaign.state, scenario.decision("gamble"))
    assert preview.changes == {"party.control": 1}
    assert preview.uncertain == {"economy.output": (0, 8)}
    assert (preview.on_failure, preview.odds) == (None, None)


def test_an_option_shows_what_is_certain_and_what_is_left_to_chance(scenario):
    campaign = play(scenario)
    option = scenario.event("famine").options[0]
    preview = preview_option(scenario, campaign.state, option)
    assert preview.changes == {"economy.valuta": -3}
    assert preview.uncertain == {"society.unrest": (-6, 0)}


def test_a_policy_change_shows_the_new_level_and_its_on_change_effects(scenario):
    campaign = play(scenario)
    pace = scenario.policy("pace")
    preview = preview_policy(scenario, campaign.state, pace, 2)
    assert preview.changes == {"policy.pace": 1, "society.unrest": 4}
    assert (preview.uncertain, preview.on_failure, preview.odds) == ({}, None, None)
    assert preview_policy(scenario, campaign.state, pace, 1).changes == {}


def test_a_preview_leaves_the_campaign_as_it_was(scenario):
    campaign = play(scenario)
    before = campaign.state.digest()
    preview_decision(scenario, campaign.state, scenario.decision("loan"))
    preview_decision(scenario, campaign.state, scenario.decision("gamble"))
    preview_policy(scenario, campaign.state, scenario.policy("pace"), 2)
    assert campaign.state.digest() == before


def test_a_proposal_with_odds_still_shows_what_its_success_leaves_to_chance(scenario):
    campaign = play(scenario)
    preview = preview_decision(scenario, campaign.state, scenario.decision("bid"))
    assert (preview.odds, preview.changes) == (0.5, {})
    assert preview.uncertain == {"economy.output": (0, 8)}
    assert preview.on_failure == {"party.control": -2}


def test_a_policy_whose_change_has_a_random_price_shows_its_range(scenario):
    campaign = play(scenario)
    preview = preview_policy(scenario, campaign.state, scenario.policy("purge"), 1)
    assert preview.changes == {"flag.a": 1}
    assert preview.uncertain == {"party.control": pytest.approx((2, 6))}


def test_a_range_that_may_be_nothing_starts_at_nothing(scenario):
    campaign = play(scenario)
    preview = preview_decision(scenario, campaign.state, scenario.decision("survey"))
    assert preview.uncertain == {"economy.output": pytest.approx((0, 4))}


def test_changes_to_one_variable_are_shown_as_their_sum(scenario):
    # Pays 5 and brings 12: the purse gains 7.
    campaign = play(scenario)
    preview = preview_decision(scenario, campaign.state, scenario.decision("concession"))
    assert preview.changes == {"economy.valuta": 7}


SURE = """
decisions:
  - id: sure
    title: A sure thing
    text: It cannot fail.
    effects: [{chance: {probability: 1, then: [{add: {var: economy.output, value: 3}}]}}]
  - id: hopeless
    title: A lost cause
    text: It cannot succeed.
    effects: [{chance: {probability: 0, then: [{add: {var: economy.output, value: 3}}]}}]
  - id: appeal
    title: Appeal to the party
    text: The stronger the apparatus, the likelier the answer.
    odds: {product: [party.control, 0.01]}
    effects: [{add: {var: economy.output, value: 1}}]
"""


def test_a_chance_that_cannot_fail_or_cannot_succeed_is_shown_as_certain(tmp_path):
    scenario = world(tmp_path, SURE)
    state = play(scenario).state
    sure = preview_decision(scenario, state, scenario.decision("sure"))
    assert (sure.changes, sure.uncertain) == ({"economy.output": 3}, {})
    hopeless = preview_decision(scenario, state, scenario.decision("hopeless"))
    assert (hopeless.changes, hopeless.uncertain) == ({}, {})


def test_the_odds_shown_are_read_on_the_first_campaign_of_a_batch(tmp_path):
    scenario = world(tmp_path, SURE)
    state = play(scenario).state
    values = np.repeat(state.values, 2, axis=0)
    values[1, scenario.layout.col("party.control")] = 80
    batch = State(scenario.layout, values, np.repeat(state.seeds, 2))
    assert preview_decision(scenario, batch, scenario.decision("appeal")).odds == 0.5
