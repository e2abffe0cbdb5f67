"""A preview shows what an order will do to the indicators on screen one quarter on: the
quarter is run through the rules on a copy, with the order and without it, on the
preview's own dice. What it shows is what happens when the order is given and nothing
random intervenes; it never changes the campaign or reads the campaign's dice."""

import numpy as np
import pytest

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.core.preview import Outlooks
from game.core.state import State
from tests.conftest import ROOT
from tests.rules.world import play, world

WATCHED = ("economy.output", "economy.valuta", "society.unrest", "party.control")

# Orders whose consequences come through the rules: the pace moves output only through
# the growth rule, and output feeds valuta in the step after. Nothing here is random.
CONTENT = """
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
decisions:
  - id: repress
    title: Repress
    text: Arrests.
    costs: {economy.valuta: 2}
    effects: [{add: {var: party.control, value: 5}}]
  - id: loan
    title: Ask for a loan
    text: London may say yes.
    odds: 0.5
    effects: [{add: {var: economy.valuta, value: 10}}]
rules:
  - id: growth
    step: economy
    effects:
      - add: {var: economy.output, value: {product: [policy.pace, 4]}}
      - add: {var: society.unrest, value: {difference: [policy.pace, 1]}}
  - id: fear_quiets
    step: politics
    when: {above: {var: party.control, value: 52}}
    effects: [{add: {var: society.unrest, value: -2}}]
  - id: trade
    step: politics
    effects:
      - add: {var: economy.valuta, value: {product: [economy.output, 0.01]}}
events:
  - id: strike
    title: A strike
    text: The works stop.
    date: 1930-Q2
    options:
      - id: concede
        text: Concede.
        effects: [{add: {var: economy.output, value: 20}}]
      - id: crush
        text: Crush it.
        effects: [{add: {var: party.control, value: 4}}]
"""

RANDOM = """
decisions:
  - id: repress
    title: Repress
    text: Arrests.
    effects: [{add: {var: party.control, value: 5}}]
rules:
  - id: weather
    step: economy
    effects: [{add: {var: economy.output, value: {random: {min: -50, max: 50}}}}]
"""


@pytest.fixture
def scenario(tmp_path):
    return world(tmp_path, CONTENT)


@pytest.fixture(scope="module")
def ussr1928():
    return load_scenario(ROOT / "scenarios" / "ussr1928")


def watched(campaign: Campaign) -> dict[str, float]:
    return {name: campaign.value(name) for name in WATCHED}


def real_difference(scenario, given: Orders, without: Orders) -> dict[str, float]:
    """The quarter actually played both ways from the same start."""
    after, before = watched(play(scenario, given)), watched(play(scenario, without))
    return {name: after[name] - before[name] for name in WATCHED if after[name] != before[name]}


def test_a_policy_shows_its_knock_on_effects_as_the_quarter_really_plays_them(scenario):
    campaign = Campaign(scenario, 1)
    seen = Outlooks(scenario, campaign.state, WATCHED).policy(Orders(), scenario.policy("pace"), 2)
    # crash pace: +4 output from the growth rule, +1 unrest, and 0.04 more valuta of trade
    assert seen.difference == pytest.approx(
        {"economy.output": 4, "society.unrest": 1, "economy.valuta": 0.04}
    )
    assert seen.difference == pytest.approx(
        real_difference(scenario, Orders({"pace": 2}), Orders())
    )
    assert seen.after["economy.output"] == play(scenario, Orders({"pace": 2})).value(
        "economy.output"
    )


def test_a_decision_shows_what_its_effects_set_off_in_the_rules(scenario):
    campaign = Campaign(scenario, 1)
    seen = Outlooks(scenario, campaign.state, WATCHED).decision(
        Orders(), scenario.decision("repress")
    )
    # control 55 is above 52: the fear rule quiets unrest the same quarter
    assert seen.difference == {"party.control": 5, "economy.valuta": -2, "society.unrest": -2}
    assert seen.difference == real_difference(scenario, Orders(decisions=("repress",)), Orders())
    assert not seen.if_it_succeeds


def test_a_decision_is_judged_beside_the_rest_of_the_draft(scenario):
    campaign = Campaign(scenario, 1)
    draft = Orders({"pace": 0}, ("loan",))
    seen = Outlooks(scenario, campaign.state, WATCHED).decision(draft, scenario.decision("repress"))
    assert seen.after["economy.output"] == 100, "the drafted slow pace stands in both runs"
    assert seen.difference == {"party.control": 5, "economy.valuta": -2, "society.unrest": -2}


def test_a_proposal_with_odds_is_shown_as_it_would_be_if_it_succeeds(scenario):
    campaign = Campaign(scenario, 1)
    seen = Outlooks(scenario, campaign.state, WATCHED).decision(Orders(), scenario.decision("loan"))
    assert seen.if_it_succeeds
    assert seen.difference == {"economy.valuta": 10}


def test_ordering_what_already_stands_changes_nothing_on_screen(scenario):
    campaign = Campaign(scenario, 1)
    seen = Outlooks(scenario, campaign.state, WATCHED).policy(Orders(), scenario.policy("pace"), 1)
    assert seen.difference == {}


def test_an_option_shows_the_quarter_after_it_is_chosen(scenario):
    campaign = play(scenario, None)
    events = campaign.submit(Orders())
    assert [event.id for event, _ in events] == ["strike"]
    event = scenario.event("strike")
    outlooks = Outlooks(scenario, campaign.state, WATCHED)
    concede = outlooks.option(campaign.pending, event, event.option("concede"))
    # +20 output now; next quarter trade earns 1% of it as valuta
    assert concede.difference == pytest.approx({"economy.output": 20, "economy.valuta": 0.2})
    crush = outlooks.option(campaign.pending, event, event.option("crush"))
    # control 54 is above 52: next quarter the fear rule quiets unrest
    assert crush.difference == {"party.control": 4, "society.unrest": -2}

    # What really happens over the quarter answered and the next one played.
    campaign.answer({"strike": "concede"})
    campaign.play(Orders())
    assert watched(campaign) == pytest.approx(concede.after)


def test_a_preview_leaves_the_campaign_and_its_dice_as_they_were(tmp_path):
    scenario = world(tmp_path, RANDOM)
    previewed, untouched = Campaign(scenario, 7), Campaign(scenario, 7)
    before = previewed.state.digest()
    outlooks = Outlooks(scenario, previewed.state, WATCHED)
    outlooks.decision(Orders(), scenario.decision("repress"))
    assert previewed.state.digest() == before and previewed.pending is None
    previewed.play(Orders(decisions=("repress",)))
    untouched.play(Orders(decisions=("repress",)))
    assert previewed.state.digest() == untouched.state.digest()


def test_a_preview_does_not_tell_how_the_campaigns_dice_will_fall(tmp_path):
    """The weather rule draws at random: the preview's quarter draws from its own stream,
    so the output it shows is not the output the quarter will really bring."""
    scenario = world(tmp_path, RANDOM)
    told = 0
    for seed in range(1, 21):
        campaign = Campaign(scenario, seed)
        seen = Outlooks(scenario, campaign.state, WATCHED).decision(
            Orders(), scenario.decision("repress")
        )
        # the same draw in both runs: the difference is the order's, not luck's
        assert seen.difference == {"party.control": 5}
        campaign.play(Orders(decisions=("repress",)))
        told += seen.after["economy.output"] == campaign.value("economy.output")
    assert told == 0


@pytest.mark.parametrize("policy, level", [("purge", 3), ("comintern_funding", 2)])
@pytest.mark.parametrize("quarters", [0, 4])
def test_on_the_1928_campaign_the_outlook_is_what_the_quarter_brings(
    ussr1928, policy, level, quarters
):
    """Orders on which no draw of the quarter turns: the difference the preview shows on
    the main screen's indicators is the difference the quarter really makes (read when
    its events ask for answers, in both campaigns)."""

    def campaign() -> Campaign:
        played = Campaign(ussr1928, 3)
        for _ in range(quarters):
            events = played.submit(Orders())
            played.answer({event.id: options[0] for event, options in events})
        return played

    start = campaign()
    seen = Outlooks(ussr1928, start.state, ussr1928.indicators).policy(
        Orders(), ussr1928.policy(policy), level
    )
    given, kept = campaign(), campaign()
    given.submit(Orders({policy: level}))
    kept.submit(Orders())
    real = {
        name: given.pending.state.get(name) - kept.pending.state.get(name)
        for name in ussr1928.indicators
    }
    assert seen.difference == pytest.approx({k: v for k, v in real.items() if v != 0})
    assert seen.difference, "the order moves something on screen"


def test_where_the_dice_decide_how_much_an_order_changes_the_outlook_gives_the_range(tmp_path):
    scenario = world(
        tmp_path,
        """
        policies:
          - id: pace
            title: Pace
            var: policy.pace
            levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
        rules:
          - id: harvest
            step: economy
            effects:
              - add:
                  var: economy.output
                  value: {product: [policy.pace, {random: {min: 0, max: 10}}]}
              - add: {var: party.control, value: policy.pace}
        """,
    )
    campaign = Campaign(scenario, 5)
    seen = Outlooks(scenario, campaign.state, WATCHED).policy(Orders(), scenario.policy("pace"), 2)
    low, high = seen.spread["economy.output"]
    assert 0 <= low < seen.difference["economy.output"] < high < 10
    assert "party.control" not in seen.spread, "what no draw touches is certain"
    assert seen.difference["party.control"] == 1


# -- the draft as the player gave it ------------------------------------------------------------

# A bribe listed first that empties the purse: which of two decisions the judge accepts
# depends on the order they were given in.
DRAFTED = CONTENT.replace(
    "decisions:\n",
    """decisions:
  - id: bribe
    title: Bribe
    text: Money changes hands.
    costs: {economy.valuta: 19}
    effects: [{add: {var: society.unrest, value: -5}}]
""",
    1,
)


def test_a_policy_is_weighed_against_the_policy_as_it_stands_with_the_rest_of_the_draft(tmp_path):
    scenario = world(tmp_path, DRAFTED)
    outlooks = Outlooks(scenario, Campaign(scenario, 1).state, WATCHED)
    # The draft says slow pace and repression; crash pace is weighed against steady, the
    # pace that stands (+4 output, not +8), with the repression in both runs.
    seen = outlooks.policy(Orders({"pace": 0}, ("repress",)), scenario.policy("pace"), 2)
    assert seen.difference == pytest.approx(
        {"economy.output": 4, "society.unrest": 1, "economy.valuta": 0.04}
    )
    assert seen.after["party.control"] == 55


def test_a_decision_is_weighed_with_the_drafts_other_decisions_carried_out(tmp_path):
    scenario = world(tmp_path, DRAFTED)
    outlooks = Outlooks(scenario, Campaign(scenario, 1).state, WATCHED)
    seen = outlooks.decision(Orders({}, ("loan",)), scenario.decision("repress"))
    # 20 - 2 for the arrests + 10 of the loan (looked at as granted) + 1.04 of trade.
    assert seen.after["economy.valuta"] == pytest.approx(29.04)
    assert seen.difference == {"economy.valuta": -2, "society.unrest": -2, "party.control": 5}


def test_of_two_orders_the_purse_cannot_both_pay_the_one_given_first_is_shown(tmp_path):
    scenario = world(tmp_path, DRAFTED)
    outlooks = Outlooks(scenario, Campaign(scenario, 1).state, WATCHED)
    repress_first = outlooks.orders(Orders(decisions=("repress", "bribe")), Orders())
    assert repress_first.difference == {
        "economy.valuta": -2,
        "society.unrest": -2,
        "party.control": 5,
    }
    bribe_first = outlooks.orders(Orders(decisions=("bribe", "repress")), Orders())
    assert bribe_first.difference == {"economy.valuta": -19, "society.unrest": -5}


def test_each_outlook_asked_of_the_same_state_is_its_own(tmp_path):
    scenario = world(tmp_path, DRAFTED)
    outlooks = Outlooks(scenario, Campaign(scenario, 1).state, WATCHED)
    crash = outlooks.policy(Orders(), scenario.policy("pace"), 2)
    repress = outlooks.decision(Orders(), scenario.decision("repress"))
    assert crash.difference == pytest.approx(
        {"economy.output": 4, "society.unrest": 1, "economy.valuta": 0.04}
    )
    assert repress.difference == {"economy.valuta": -2, "society.unrest": -2, "party.control": 5}
    assert outlooks.policy(Orders(), scenario.policy("pace"), 2) is crash


HARVEST = """
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
rules:
  - id: harvest
    step: economy
    effects:
      - add: {var: economy.output, value: {product: [policy.pace, {random: {min: 0, max: 10}}]}}
"""


def test_the_outlooks_throws_are_fixed_by_the_campaign_so_every_run_shows_the_same_range(tmp_path):
    """The preview's three throws come from the campaign's seed and the preview's own
    stream alone: the same campaign shows the same figures on every machine, after a
    reload as before it; a batch's state is previewed as its first campaign."""
    scenario = world(tmp_path, HARVEST)
    state = Campaign(scenario, 5).state
    seen = Outlooks(scenario, state, WATCHED).policy(Orders(), scenario.policy("pace"), 2)
    assert seen.difference == pytest.approx({"economy.output": 5.18668182703405})
    assert seen.spread == {"economy.output": pytest.approx((2.870668077196598, 9.145808970792302))}
    batch = State(
        scenario.layout,
        np.repeat(state.values, 2, axis=0),
        np.array([5, 6], dtype=state.seeds.dtype),
    )
    assert Outlooks(scenario, batch, WATCHED).policy(Orders(), scenario.policy("pace"), 2) == seen


GAMBLE = """
events:
  - id: strike
    title: A strike
    text: The works stop.
    date: 1930-Q2
    options:
      - id: bonus
        text: Promise a bonus.
        effects: [{chance: {probability: 0.5, then: [{add: {var: economy.output, value: 20}}]}}]
      # A second answer, so the strike asks (an event with one answer is a dispatch).
      - id: refuse
        text: Refuse.
rules:
  - id: rumours
    step: economy
    effects: [{add: {var: society.unrest, value: {random: {min: -5, max: 5}}}}]
"""


def test_an_options_outlook_does_not_tell_how_its_chance_will_fall(tmp_path):
    """The option's chance is thrown on the preview's dice, not the campaign's: across
    campaigns the outlook and the real answer agree on some and not on others."""
    scenario = world(tmp_path, GAMBLE)
    event = scenario.event("strike")
    told = 0
    for seed in range(1, 21):
        campaign = play(scenario, None, seed=seed)
        campaign.submit(Orders())
        seen = Outlooks(scenario, campaign.state, WATCHED).option(
            campaign.pending, event, event.option("bonus")
        )
        assert not seen.if_it_succeeds, "an option has no odds of its own to succeed by"
        before = campaign.pending.state.get("economy.output")
        campaign.answer({"strike": "bonus"})
        won = campaign.state.get("economy.output") - before == 20
        told += won == (seen.difference.get("economy.output") == 20)
    assert 0 < told < 20
