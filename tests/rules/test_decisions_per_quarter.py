"""A scenario caps the decisions taken in one quarter (`max_decisions_per_turn`); past the
cap, decisions are taken in the order the scenario lists them."""

from game.core.orders import Orders
from tests.rules.world import play, play_batch, world

THREE_FREE = """
decisions:
  - id: first
    title: First
    text: The first.
    effects: [{add: {var: economy.output, value: 1}}]
  - id: second
    title: Second
    text: The second.
    effects: [{add: {var: economy.output, value: 10}}]
  - id: third
    title: Third
    text: The third.
    effects: [{add: {var: economy.output, value: 100}}]
"""


def test_two_decisions_are_allowed_when_the_cap_is_two(tmp_path):
    scenario = world(tmp_path, THREE_FREE, max_decisions=2)
    campaign = play(scenario, ("first", "third"))
    assert campaign.records[0].decisions == {"first": True, "third": True}
    assert campaign.value("economy.output") == 201


def test_a_third_decision_over_a_cap_of_two_is_refused_with_the_cap(tmp_path):
    scenario = world(tmp_path, THREE_FREE, max_decisions=2)
    campaign = play(scenario)
    record = campaign.play(Orders(decisions=("third", "first", "second")))
    assert record.decisions == {"third": True, "first": True}
    assert [(r.id, r.reason) for r in record.refused] == [
        ("second", "at most 2 decisions a quarter")
    ]
    assert campaign.value("economy.output") == 201


def test_the_legal_orders_state_the_cap(tmp_path):
    scenario = world(tmp_path, THREE_FREE, max_decisions=1)
    assert play(scenario).legal_orders().max_decisions == 1


def test_past_the_cap_a_batch_takes_the_first_decisions_in_the_scenario_order(tmp_path):
    scenario = world(tmp_path, THREE_FREE, max_decisions=2)
    run = play_batch(scenario, range(3), 1, ("third", "second", "first"))
    assert [r[0].decisions for r in run.records] == [{"first": True, "second": True}] * 3
    assert list(run.value("economy.output")) == [111] * 3


def test_the_cap_counts_each_quarter_afresh(tmp_path):
    scenario = world(tmp_path, THREE_FREE, max_decisions=1)
    run = play_batch(scenario, range(2), 3, ("first", "second"))
    assert [[r.decisions for r in rows] for rows in run.records] == [[{"first": True}] * 3] * 2
