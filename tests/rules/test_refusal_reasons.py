"""Why an order is refused, in the words the player reads, and what may be ordered alone.

A cost the purse cannot pay names what it needs, of what, and what is left (after the
orders given before it, when they spent from the same purse). A refusal is kept in the
turn record and read back from a save as it was written."""

from __future__ import annotations

import numpy as np

from game.core.judge import open_decisions
from game.core.orders import Orders
from game.core.reasons import Refused
from game.core.records import TurnRecord
from game.core.state import State
from tests.rules.world import play, world

PURCHASES = """
decisions:
  - id: tractors
    title: Buy tractors
    text: From Ford.
    costs: {economy.valuta: 15, party.control: 10}
    effects: [{add: {var: economy.output, value: 10}}]
  - id: turbines
    title: Buy turbines
    text: From GE.
    costs: {economy.valuta: 15}
    effects: [{set_flag: flag.a}]
  - id: league
    title: Join the League
    text: Geneva.
    once: true
    effects: [{set_flag: flag.b}]
  - id: plenum
    title: Call a plenum
    text: The Central Committee meets.
    cooldown: 2
    effects: [{add: {var: party.control, value: 1}}]
  - id: later
    title: Later
    text: Not yet.
    when: {after: 1931-Q1}
    effects: []
"""


def test_a_cost_the_purse_cannot_pay_after_earlier_orders_says_so(tmp_path):
    campaign = play(world(tmp_path, PURCHASES, valuta=20))
    record = campaign.play(Orders(decisions=("turbines", "tractors")))
    assert [r.sentence() for r in record.refused] == [
        "Not sent: Buy tractors \u2014 needs 15 points of valuta; 5 left after your other orders."
    ]


def test_a_cost_the_purse_cannot_pay_at_all_says_what_is_there(tmp_path):
    campaign = play(world(tmp_path, PURCHASES, valuta=12))
    assert campaign.validate(Orders(decisions=("turbines",))) == [
        "Buy turbines: needs 15 points of valuta; 12 left"
    ]


def test_the_cost_named_is_the_one_that_cannot_be_paid(tmp_path):
    campaign = play(world(tmp_path, PURCHASES, valuta=100), *[("tractors",)] * 5)
    assert campaign.value("party.control") == 0 and campaign.value("economy.valuta") == 25
    reasons = campaign.validate(Orders(decisions=("tractors",)))
    assert reasons == ["Buy tractors: needs 10 points of control; 0 left"]


def test_a_decision_alone_is_open_unless_closed_done_cooling_down_or_unaffordable(tmp_path):
    scenario = world(tmp_path, PURCHASES, valuta=20)
    campaign = play(scenario, ("league", "plenum"))
    assert campaign.validate(Orders(decisions=("league",))) == ["Join the League: already done"]
    assert campaign.validate(Orders(decisions=("plenum",))) == [
        "Call a plenum: can be tried again in 1 quarter"
    ]
    rows = np.vstack([campaign.state.values, campaign.state.values])
    rows[1, scenario.layout.col("economy.valuta")] = 10
    both = State(scenario.layout, rows, np.array([1, 2], dtype=np.uint64))
    opened = open_decisions(scenario, both)
    columns = {d.id: d.index for d in scenario.decisions}
    assert {d: bool(opened[0, i]) for d, i in columns.items()} == {
        "tractors": True,
        "turbines": True,
        "league": False,
        "plenum": False,
        "later": False,
    }
    assert not opened[1, columns["tractors"]] and not opened[1, columns["turbines"]]


def test_nothing_is_open_once_the_campaign_is_over(tmp_path):
    scenario = world(tmp_path, PURCHASES, valuta=20, end="1930-Q1")
    campaign = play(scenario, None)
    assert campaign.is_over
    assert not open_decisions(scenario, campaign.state).any()


def test_a_refusal_is_kept_in_the_record_and_read_back_as_written(tmp_path):
    campaign = play(world(tmp_path, PURCHASES, valuta=20), ("turbines", "tractors", "later"))
    record = campaign.records[0]
    assert [(r.kind, r.id, r.title) for r in record.refused] == [
        ("decision", "tractors", "Buy tractors"),
        ("decision", "later", "Later"),
    ]
    assert record.refused[1].reason == "only from 1931-Q1"
    data = record.to_dict()
    assert data["refused"][1] == {
        "kind": "decision",
        "id": "later",
        "title": "Later",
        "reason": "only from 1931-Q1",
    }
    assert TurnRecord.from_dict(data) == record
    assert Refused.from_dict(data["refused"][0]) == record.refused[0]


def test_a_quarter_without_refusals_writes_none(tmp_path):
    record = play(world(tmp_path, PURCHASES, valuta=20), ("turbines",)).records[0]
    assert record.refused == () and "refused" not in record.to_dict()


HISTORY = """
record:
  orders:
    - {date: 1930-Q1, policies: {pace: 2}, decisions: [tractors]}
    - {date: 1930-Q1, decisions: [league]}
    - {date: 1930-Q3, decisions: [turbines]}
    - {date: 1929-Q1, decisions: [plenum]}
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
"""


def test_the_historical_record_merges_a_quarter_listed_twice_and_keeps_dates_as_turns(
    tmp_path,
):
    scenario = world(tmp_path, PURCHASES + HISTORY, valuta=20)
    by_turn = scenario.record.orders_by_turn()
    assert sorted(by_turn) == [-4, 0, 2]
    first = by_turn[0]
    assert (first.date, dict(first.policies), first.decisions) == (
        "1930-Q1",
        {"pace": 2.0},
        ("tractors", "league"),
    )
    assert by_turn[2].decisions == ("turbines",) and by_turn[-4].date == "1929-Q1"
    assert [orders.turn for orders in by_turn.values()] == list(by_turn)
    assert bool(scenario.record)


def test_a_hint_that_ends_its_own_sentence_is_not_stopped_twice(tmp_path):
    credits = """
decisions:
  - id: credits
    title: Seek credits
    text: From London.
    when: {flag: flag.b}
    hint: London lends only to a member of the League.
"""
    campaign = play(world(tmp_path, credits), ("credits",))
    assert [r.sentence() for r in campaign.records[0].refused] == [
        "Not sent: Seek credits \u2014 London lends only to a member of the League."
    ]


def test_what_two_earlier_orders_spent_together_is_what_is_left(tmp_path):
    three = """
decisions:
  - {id: ford, title: Buy from Ford, text: Tractors., costs: {economy.valuta: 8}}
  - {id: ge, title: Buy from GE, text: Turbines., costs: {economy.valuta: 8}}
  - {id: krupp, title: Buy from Krupp, text: Steel., costs: {economy.valuta: 8}}
"""
    campaign = play(world(tmp_path, three, valuta=20), ("ford", "ge", "krupp"))
    assert [r.reason for r in campaign.records[0].refused] == [
        "needs 8 points of valuta; 4 left after your other orders"
    ]


def test_a_cost_met_exactly_is_not_the_one_named(tmp_path):
    dear = """
decisions:
  - id: congress
    title: Call a congress
    text: Delegates from every republic.
    costs: {economy.valuta: 20, party.control: 60}
"""
    campaign = play(world(tmp_path, dear, valuta=20), ("congress",))
    assert [r.reason for r in campaign.records[0].refused] == [
        "needs 60 points of control; 50 left"
    ]


def test_a_cost_in_money_says_whose_money_it_needs(tmp_path):
    gold = {
        "variables.yaml": """
variables:
  economy.gold: {group: economy, min: 0, max: 100, initial: 2, unit: gold roubles, scale: 10000000, label: Gold reserve}
""",
        "decisions.yaml": """
decisions:
  - {id: ford, title: Buy from Ford, text: Tractors., costs: {economy.gold: 3}}
""",
    }
    campaign = play(world(tmp_path, gold), ("ford",))
    assert [r.reason for r in campaign.records[0].refused] == [
        "needs 30 million gold roubles of gold reserve; 20 million gold roubles left"
    ]
