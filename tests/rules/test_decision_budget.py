"""Decisions are paid from a running purse, in the order they were given: each cost is
checked against what earlier decisions of the same quarter left, never against the purse
the quarter began with. A decision the purse cannot pay is refused, and the turn record
says so with the reason."""

from game.core.judge import open_decisions
from game.core.orders import Orders
from game.core.state import State
from tests.rules.world import changes, play, play_batch, world

TWO_AT_15 = """
decisions:
  - id: tractors
    title: Buy tractors
    text: Tractors from Ford.
    costs: {economy.valuta: 15}
    effects: [{add: {var: economy.output, value: 10}}]
  - id: turbines
    title: Buy turbines
    text: Turbines from GE.
    costs: {economy.valuta: 15}
    effects: [{set_flag: flag.a}]
"""


def test_two_decisions_of_15_with_20_in_the_purse_only_the_first_given_is_taken(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=20)
    campaign = play(scenario, ("tractors", "turbines"))
    record = campaign.records[0]
    assert record.decisions == {"tractors": True}
    assert campaign.value("economy.valuta") == 5
    assert campaign.value("economy.output") == 110
    assert campaign.value("flag.a") == 0, "the turbines were never paid for, so never delivered"


def test_the_order_given_decides_which_is_paid_not_the_order_listed(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=20)
    campaign = play(scenario, ("turbines", "tractors"))
    assert campaign.records[0].decisions == {"turbines": True}
    assert campaign.value("flag.a") == 1 and campaign.value("economy.output") == 100


def test_the_decision_the_purse_cannot_pay_is_recorded_as_refused_not_as_done(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=20)
    record = play(scenario, ("tractors", "turbines")).records[0]
    assert record.orders.decisions == ("tractors", "turbines"), "the orders as given"
    assert record.done == ("tractors",)
    assert [(r.kind, r.id) for r in record.refused] == [("decision", "turbines")]
    assert record.refused[0].reason.startswith("needs 15")
    assert "after your other orders" in record.refused[0].reason


def test_with_30_in_the_purse_both_are_taken_and_the_purse_is_empty(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=30)
    campaign = play(scenario, ("tractors", "turbines"))
    assert campaign.records[0].decisions == {"tractors": True, "turbines": True}
    assert campaign.value("economy.valuta") == 0
    assert campaign.value("flag.a") == 1


def test_a_cost_equal_to_the_purse_can_be_paid(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=15)
    campaign = play(scenario, ("turbines",))
    assert campaign.records[0].decisions == {"turbines": True}
    assert campaign.value("economy.valuta") == 0


def test_a_cost_above_the_purse_is_refused_with_what_is_needed(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=14)
    campaign = play(scenario)
    assert campaign.validate(Orders(decisions=("turbines",)))[0].startswith(
        "Buy turbines: needs 15"
    )
    record = campaign.play(Orders(decisions=("turbines",)))
    assert record.done == () and record.refused[0].reason.startswith("needs 15")
    assert campaign.value("economy.valuta") == 14


def test_the_cost_is_a_change_in_the_ledger_caused_by_the_decision(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=20)
    record = play(scenario, ("tractors",)).records[0]
    assert changes(record) == [
        ("economy.valuta", -15, "decision:tractors"),
        ("economy.output", 10, "decision:tractors"),
    ]


def test_in_a_batch_every_row_pays_from_its_own_running_purse(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=20)
    run = play_batch(scenario, range(4), 1, ("tractors", "turbines"))
    assert list(run.value("economy.valuta")) == [5] * 4
    assert [r[0].decisions for r in run.records] == [{"tractors": True}] * 4


def test_a_decision_costing_exactly_the_whole_purse_is_paid(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=15)
    assert open_decisions(scenario, State.initial(scenario.layout, [1])).all()
    campaign = play(scenario, ("tractors",))
    assert campaign.records[0].decisions == {"tractors": True}
    assert campaign.value("economy.valuta") == 0


def test_a_scenario_that_allows_one_decision_a_quarter_takes_the_first_given(tmp_path):
    scenario = world(tmp_path, TWO_AT_15, valuta=40, max_decisions=1)
    assert open_decisions(scenario, State.initial(scenario.layout, [1])).all()
    campaign = play(scenario, ("turbines", "tractors"))
    assert campaign.records[0].decisions == {"turbines": True}
    assert campaign.value("economy.valuta") == 25
