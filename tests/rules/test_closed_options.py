"""An option whose `when` fails is closed: it is not open to choose, and choosing it is refused,
for a lone campaign and for any row of a batch. An event whose options can all be closed
at once is a checker error (issue 11, item 6)."""

import numpy as np
import pytest

from game.content.loader import check_scenario
from game.core.campaign import Campaign
from game.core.orders import BatchOrders, Orders
from game.core.pipeline import ChoiceRefused, begin_turn, finish_turn
from game.core.state import State
from tests.rules.world import world

CREDITS = """
decisions:
  - id: talks
    title: Open talks
    text: Talks with London.
    effects: [set_flag: flag.b]
events:
  - id: credits
    title: British credits
    text: The City offers a loan.
    trigger: {before: 1931-Q1}
    once: false
    options:
      - id: accept
        text: Accept.
        when: {flag: flag.b}
        effects: [set_flag: flag.a]
      - id: decline
        text: Decline.
        effects: [{add: {var: party.control, value: 1}}]
"""


def test_a_closed_option_is_not_offered(tmp_path):
    campaign = Campaign(world(tmp_path, CREDITS), 1)
    [(event, options)] = campaign.submit(Orders())
    assert (event.id, options) == ("credits", ["decline"])


def test_choosing_a_closed_option_is_refused_and_the_quarter_still_waits(tmp_path):
    campaign = Campaign(world(tmp_path, CREDITS), 1)
    campaign.submit(Orders())
    with pytest.raises(ChoiceRefused, match="needs one of: decline"):
        campaign.answer({"credits": "accept"})
    assert campaign.value("flag.a") == 0
    campaign.answer({"credits": "decline"})
    assert campaign.records[0].choices == {"credits": "decline"}


def test_an_option_opened_earlier_in_the_quarter_is_offered(tmp_path):
    campaign = Campaign(world(tmp_path, CREDITS), 1)
    [(_, options)] = campaign.submit(Orders(decisions=("talks",)))
    assert options == ["accept", "decline"]
    campaign.answer({"credits": "accept"})
    assert campaign.value("flag.a") == 1


def test_in_a_batch_a_closed_option_chosen_for_any_row_is_refused(tmp_path):
    scenario = world(tmp_path, CREDITS)
    state = State.initial(scenario.layout, [1, 2, 3])
    orders = BatchOrders.empty(scenario, 3)
    orders.decisions[1, scenario.decision("talks").index] = True
    pending = begin_turn(scenario, state, orders)
    event = scenario.event("credits")
    assert [pending.open_options(event, row) for row in range(3)] == [[1], [0, 1], [1]]
    with pytest.raises(ChoiceRefused, match="row 0"):
        finish_turn(pending, {event.index: np.array([0, 0, 1])})
    result = finish_turn(pending, {event.index: np.array([1, 0, 1])})
    assert list(result.state.column("flag.a")) == [0, 1, 0]


def test_an_event_whose_options_can_all_be_closed_at_once_is_a_checker_error(tmp_path):
    both_closed = CREDITS.replace(
        "effects: [{add: {var: party.control, value: 1}}]",
        "when: {flag: flag.a}\n        effects: [{add: {var: party.control, value: 1}}]",
    )
    scenario = world(tmp_path, both_closed)
    _, found = check_scenario(scenario.root)
    assert [(d.code, d.severity) for d in found if "credits" in d.message] == [
        ("closed-options", "error")
    ]
    # Content that skipped the checker does not leave a player stuck: where every option
    # is closed, the event asks nothing and no option's effects apply.
    campaign = Campaign(scenario, 1)
    assert campaign.submit(Orders()) == []
    record = campaign.answer({})
    assert "credits" in record.fired and record.choices == {}
