"""What the player is told when an order or a choice cannot be given: every refusal says
why, in words, and leaves the campaign as it was."""

import numpy as np
import pytest

from game.core.campaign import Campaign
from game.core.orders import BatchOrders, OrderRefused, Orders
from game.core.pipeline import ChoiceRefused, begin_turn, finish_turn
from game.core.records import build_record
from game.core.state import State
from tests.rules.world import play, world

CONTENT = """
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
decisions:
  - id: appeal
    title: Appeal
    text: Another campaign.
    cooldown: 3
    odds: {if: {condition: {after: 1930-Q2}, then: 1.5, else: -0.25}}
    effects: [{add: {var: economy.output, value: 1}}]
events:
  - id: strike
    title: Strike
    text: The mills stop.
    trigger: {before: 1930-Q2}
    options:
      - {id: concede, text: Concede.}
      - {id: crush, text: Crush it.}
"""


@pytest.fixture
def scenario(tmp_path):
    return world(tmp_path, CONTENT, end="1930-Q3")


def test_orders_while_events_wait_for_answers_are_refused(scenario):
    campaign = Campaign(scenario, 1)
    campaign.submit(Orders())
    with pytest.raises(OrderRefused) as refused:
        campaign.submit(Orders())
    assert refused.value.reasons == ["this quarter's events are still waiting for answers"]


def test_answers_with_no_quarter_waiting_are_refused(scenario):
    with pytest.raises(ChoiceRefused, match="^there is no quarter waiting for answers$"):
        Campaign(scenario, 1).answer({})


def test_an_answer_that_is_not_an_open_option_names_the_open_ones(scenario):
    campaign = Campaign(scenario, 1)
    campaign.submit(Orders())
    with pytest.raises(ChoiceRefused) as refused:
        campaign.answer({"strike": "negotiate"})
    assert str(refused.value) == "event 'strike' needs one of: concede, crush (got 'negotiate')"


def test_every_reason_is_given_at_once_one_line_each(scenario):
    campaign = play(scenario, ("appeal",), choices={"strike": "crush"})
    orders = Orders({"pace": 7}, ("appeal", "appeal"))
    assert campaign.validate(orders) == [
        "a decision can be given only once a quarter",
        "Pace: 7 is not one of its levels: 0 (slow), 1 (steady), 2 (crash)",
        "Appeal: can be tried again in 2 quarters",
    ]
    with pytest.raises(OrderRefused) as refused:  # orders no scenario could take
        campaign.play(orders)
    assert refused.value.reasons == [
        "Pace has no level 7; its levels: 0 (slow), 1 (steady), 2 (crash)",
        "a decision can be given only once a quarter",
    ]
    assert str(refused.value) == "; ".join(refused.value.reasons)
    assert campaign.turn == 1


def test_after_the_ending_every_order_says_the_campaign_is_over(scenario):
    campaign = play(scenario, None, None, None, choices={"strike": "crush"})
    assert campaign.is_over
    legal = campaign.legal_orders()
    assert legal.decision("appeal").reason == "the campaign is over"
    assert not legal.policies[0].allowed
    with pytest.raises(OrderRefused) as refused:
        campaign.submit(Orders())
    assert refused.value.reasons == ["the campaign is over"]


def test_an_open_order_has_no_reason_and_its_odds_are_held_between_0_and_1(scenario):
    campaign = Campaign(scenario, 1)
    legal = campaign.legal_orders()
    assert (legal.policies[0].allowed, legal.policies[0].reason) == (True, "")
    assert (legal.decision("appeal").reason, legal.decision("appeal").odds) == ("", 0.0)
    campaign.play(Orders(), {"strike": "crush"})
    assert campaign.legal_orders().decision("appeal").odds == 1.0


@pytest.mark.parametrize("choice", [-1, 2])
def test_in_a_batch_an_option_that_does_not_exist_is_refused(scenario, choice):
    state = State.initial(scenario.layout, [1, 2])
    pending = begin_turn(scenario, state, BatchOrders.empty(scenario, 2))
    event = scenario.event("strike")
    with pytest.raises(ChoiceRefused, match=f"got {choice} in row 1"):
        finish_turn(pending, {event.index: np.array([1, choice])})


def test_in_a_batch_each_row_keeps_the_option_it_chose(scenario):
    state = State.initial(scenario.layout, [1, 2])
    pending = begin_turn(scenario, state, BatchOrders.empty(scenario, 2))
    event = scenario.event("strike")
    result = finish_turn(pending, {event.index: np.array([1, 0])})
    assert [build_record(scenario, result, row).choices for row in (0, 1)] == [
        {"strike": "crush"},
        {"strike": "concede"},
    ]


def test_in_a_batch_an_event_left_without_an_answer_is_refused(scenario):
    state = State.initial(scenario.layout, [1, 2])
    pending = begin_turn(scenario, state, BatchOrders.empty(scenario, 2))
    with pytest.raises(ChoiceRefused, match="'strike' needs one of its open options"):
        finish_turn(pending, {})


def test_rows_where_the_event_did_not_fire_record_no_choice(tmp_path):
    scenario = world(
        tmp_path, CONTENT.replace("trigger: {before: 1930-Q2}", "trigger: {chance: 0.5}")
    )
    state = State.initial(scenario.layout, list(range(40)))
    pending = begin_turn(scenario, state, BatchOrders.empty(scenario, 40))
    event = scenario.event("strike")
    result = finish_turn(pending, {event.index: np.ones(40, dtype=int)})
    fired = [event in pending.events_needing_choice(row) for row in range(40)]
    assert 0 < sum(fired) < 40
    assert [build_record(scenario, result, row).choices for row in range(40)] == [
        {"strike": "crush"} if f else {} for f in fired
    ]
