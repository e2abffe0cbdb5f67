"""Orders: policies and decisions, legal_orders and refusals with reasons."""

import numpy as np
import pytest

from game.core.campaign import Campaign
from game.core.orders import OrderRefused, Orders, legal_orders, validate_orders
from game.core.state import State
from tests.helpers import play_quarters

CONTENT = {
    "policies/p.yaml": """
policies:
  - id: pace
    title: Pace of collectivisation
    var: policy.pace
    levels: [{value: 0, label: Slow}, {value: 1, label: Steady}, {value: 2, label: Crash}]
    on_change: [{add: {var: party.control, value: -1}}]
""",
    "decisions/d.yaml": """
decisions:
  - id: buy_machines
    title: Buy machines
    text: Spend valuta on foreign machines.
    costs: {economy.valuta: 15}
    effects: [{add: {var: economy.output, value: 10}}]
  - id: propose_pact
    title: Propose a pact
    text: Ask for a treaty.
    once: true
    odds: {ratio: [party.control, 100]}
    effects: [{set_flag: flag.treaty}]
    on_failure: [{add: {var: party.control, value: -3}}]
  - id: late
    title: Later
    text: Not yet.
    when: {after: 1931-Q1}
    cooldown: 2
""",
}


def test_a_policy_change_sets_its_variable_and_costs_its_price(scenario_from):
    campaign = play_quarters(scenario_from(CONTENT), 1, orders=Orders(policies={"pace": 2}))
    assert campaign.value("policy.pace") == 2
    assert campaign.value("party.control") == 49
    campaign.play(Orders(policies={"pace": 2}))
    assert campaign.value("party.control") == 49  # no change, no cost


def test_costs_are_paid_and_refused_when_unaffordable(scenario_from):
    campaign = Campaign(scenario_from(CONTENT), 1)
    campaign.play(Orders(decisions=("buy_machines",)))
    assert (campaign.value("economy.valuta"), campaign.value("economy.output")) == (5, 110)
    status = campaign.legal_orders().decision("buy_machines")
    assert not status.allowed and status.reason.startswith("needs 15")
    record = campaign.play(Orders(decisions=("buy_machines",)))
    assert record.decisions == {} and record.done == ()
    assert [(r.id, r.reason) for r in record.refused] == [("buy_machines", status.reason)]
    assert campaign.value("economy.valuta") > 4  # nothing was paid


def test_refusals_name_every_reason(scenario_from):
    campaign = Campaign(scenario_from(CONTENT), 1)
    reasons = campaign.validate(
        Orders(policies={"pace": 5, "nope": 1}, decisions=("late", "ghost"))
    )
    assert any(
        r.startswith("Pace of collectivisation: 5 is not one of its levels") for r in reasons
    )
    assert "there is no policy 'nope'" in reasons
    assert "Later: only from 1931-Q1" in reasons
    assert "there is no decision 'ghost'" in reasons
    twice = campaign.validate(Orders(decisions=("buy_machines", "propose_pact", "buy_machines")))
    assert "a decision can be given only once a quarter" in twice
    with pytest.raises(OrderRefused, match="only once a quarter"):
        campaign.submit(Orders(decisions=("buy_machines", "buy_machines")))


def test_odds_are_shown_and_decide_success(scenario_from):
    scenario = scenario_from(CONTENT)
    outcomes = []
    for seed in range(200):
        campaign = Campaign(scenario, seed)
        assert campaign.legal_orders().decision("propose_pact").odds == pytest.approx(0.5)
        record = campaign.play(Orders(decisions=("propose_pact",)))
        success = record.decisions["propose_pact"]
        assert campaign.value("flag.treaty") == (1 if success else 0)
        assert campaign.value("party.control") == (50 if success else 47)
        outcomes.append(success)
    assert 0.4 < sum(outcomes) / len(outcomes) < 0.6


def test_once_and_cooldown(scenario_from):
    scenario = scenario_from(CONTENT)
    campaign = Campaign(scenario, 3)
    for _ in range(12):
        if campaign.value("flag.treaty"):
            break
        campaign.play(
            Orders(decisions=("propose_pact",))
            if campaign.legal_orders().decision("propose_pact").allowed
            else Orders()
        )
    assert campaign.value("flag.treaty") == 1
    assert campaign.legal_orders().decision("propose_pact").reason == "already done"
    campaign = play_quarters(scenario, 4)  # now 1931-Q1
    campaign.play(Orders(decisions=("late",)))
    assert campaign.legal_orders().decision("late").reason == "can be tried again in 1 quarter"


def test_preview_shows_what_an_order_would_do_without_doing_it(scenario_from):
    from game.core.preview import preview_decision, preview_policy

    scenario = scenario_from(CONTENT)
    campaign = Campaign(scenario, 1)
    before = campaign.state.digest()
    machines = preview_decision(scenario, campaign.state, scenario.decision("buy_machines"))
    assert machines.changes == {"economy.valuta": -15, "economy.output": 10}
    assert machines.odds is None and machines.on_failure is None
    pact = preview_decision(scenario, campaign.state, scenario.decision("propose_pact"))
    assert pact.odds == 0.5
    assert pact.changes == {"flag.treaty": 1} and pact.on_failure == {"party.control": -3}
    pace = preview_policy(scenario, campaign.state, scenario.policy("pace"), 2)
    assert pace.changes == {"policy.pace": 1, "party.control": -1}
    assert preview_policy(scenario, campaign.state, scenario.policy("pace"), 1).changes == {}
    assert campaign.state.digest() == before


def test_a_preview_never_gives_away_how_a_chance_will_fall():
    """An option whose effect is left to chance is previewed as a range, the same for
    every seed: the preview does not read the campaign's dice."""
    from game.content.loader import load_scenario
    from game.core.campaign import Campaign
    from game.core.preview import preview_option

    scenario = load_scenario("ussr1928")
    found = None
    for event in scenario.events:
        for option in event.options:
            campaign = Campaign(scenario, 1)
            preview = preview_option(scenario, campaign.state, option)
            if preview.uncertain:
                found = (option, preview)
                break
        if found:
            break
    assert found, "the campaign has options left to chance"
    option, preview = found
    for seed in range(2, 12):
        again = preview_option(scenario, Campaign(scenario, seed).state, option)
        assert again.uncertain == preview.uncertain and again.changes == preview.changes
    for low, high in preview.uncertain.values():
        assert low < high


def test_validation_judges_the_campaign_it_is_asked_about(scenario_from):
    # Two campaigns of one batch: the second has spent its valuta. Machines costing 15
    # are fine for the first and refused for the second; without a row, the first.
    scenario = scenario_from(CONTENT)
    values = np.repeat(State.initial(scenario.layout, [1]).values, 2, axis=0)
    values[1, scenario.layout.col("economy.valuta")] = 5
    batch = State(scenario.layout, values, np.array([1, 2], dtype=np.uint64))
    machines = Orders(decisions=("buy_machines",))
    assert validate_orders(scenario, batch, machines) == []
    assert validate_orders(scenario, batch, machines, row=0) == []
    assert validate_orders(scenario, batch, machines, row=1) == [
        "Buy machines: needs 15 points of valuta; 5 left"
    ]


def test_a_policy_names_each_of_its_levels_and_none_it_lacks(scenario_from):
    pace = scenario_from(CONTENT).policy("pace")
    assert [pace.level(v).label for v in (0, 1, 2)] == ["Slow", "Steady", "Crash"]
    assert pace.level(5) is None


def test_what_may_be_ordered_is_read_from_the_campaign_asked_about(scenario_from):
    # Of two campaigns in one batch, the second is poorer, has set the pace to crash and
    # stands less firmly: its machines are out of reach and its odds lower.
    scenario = scenario_from(CONTENT)
    values = np.repeat(State.initial(scenario.layout, [1]).values, 2, axis=0)
    for name, value in (("economy.valuta", 5), ("policy.pace", 2), ("party.control", 30)):
        values[1, scenario.layout.col(name)] = value
    batch = State(scenario.layout, values, np.array([1, 2], dtype=np.uint64))
    for row, (affordable, pace, odds) in enumerate([(True, 1, 0.5), (False, 2, 0.3)]):
        legal = legal_orders(scenario, batch, row)
        assert legal.decision("buy_machines").allowed is affordable
        assert legal.policies[0].current == pace
        assert legal.decision("propose_pact").odds == pytest.approx(odds)
    assert legal_orders(scenario, batch).decision("buy_machines").allowed


def test_a_scenario_without_decisions_still_lists_its_policies(scenario_from):
    scenario = scenario_from({"policies/p.yaml": CONTENT["policies/p.yaml"]})
    legal = legal_orders(scenario, State.initial(scenario.layout, [1]))
    assert [(p.policy.id, p.allowed, p.current) for p in legal.policies] == [("pace", True, 1)]
    assert (legal.decisions, legal.max_decisions) == ((), 2)


def test_a_decision_closed_in_one_campaign_of_a_batch_says_why_for_that_campaign(
    scenario_from,
):
    scenario = scenario_from(
        {
            "decisions/d.yaml": """
decisions:
  - id: purge
    title: Purge the apparatus
    text: Lists are drawn up.
    when: {at_least: {var: party.control, value: 40}}
"""
        }
    )
    values = np.repeat(State.initial(scenario.layout, [1]).values, 2, axis=0)
    values[1, scenario.layout.col("party.control")] = 30
    batch = State(scenario.layout, values, np.array([1, 2], dtype=np.uint64))
    purge = Orders(decisions=("purge",))
    assert validate_orders(scenario, batch, purge, row=0) == []
    assert validate_orders(scenario, batch, purge, row=1) == [
        "Purge the apparatus: needs control at least 40; it stands at 30"
    ]


TWO_PURCHASES = {
    "decisions/d.yaml": """
decisions:
  - {id: tractors, title: Buy tractors, text: From Ford., costs: {economy.valuta: 15}}
  - {id: turbines, title: Buy turbines, text: From GE., costs: {economy.valuta: 15}}
"""
}


def test_a_decision_is_judged_after_the_drafts_own_and_those_in_the_draft_where_they_stand(
    scenario_from,
):
    campaign = Campaign(scenario_from(TWO_PURCHASES), 1)
    for first, second in (("tractors", "turbines"), ("turbines", "tractors")):
        legal = campaign.legal_orders(Orders(decisions=(first,)))
        assert legal.decision(first).allowed
        assert not legal.decision(second).allowed
        assert legal.decision(second).reason == (
            "needs 15 points of valuta; 5 left after your other orders"
        )
        both = campaign.legal_orders(Orders(decisions=(first, second)))
        assert both.decision(first).allowed and not both.decision(second).allowed
    alone = campaign.legal_orders()
    assert alone.decision("tractors").allowed and alone.decision("turbines").allowed


def test_once_the_campaign_is_over_no_policy_can_be_changed(scenario_from):
    scenario = scenario_from(CONTENT)
    campaign = play_quarters(scenario, 20)
    assert campaign.is_over
    [pace] = campaign.legal_orders().policies
    assert (pace.allowed, pace.reason) == (False, "the campaign is over")
