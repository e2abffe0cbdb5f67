"""Replaying a campaign's record on changed content (developer mode's F5)."""

from __future__ import annotations

from dataclasses import replace

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.core.reload import replay_on
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy
from tests.rules.world import world


def test_unchanged_content_replays_to_the_same_state():
    scenario = load_scenario("collective_security")
    played = play_campaign(scenario, 11, HeuristicPolicy())
    replayed, notes = replay_on(scenario, 11, played.records)
    assert notes == []
    assert replayed.state.digest() == played.state.digest()
    assert replayed.ending is not None and replayed.ending.id == played.ending.id


def test_orders_and_choices_that_no_longer_fit_are_adjusted_and_reported():
    scenario = load_scenario("collective_security")
    played = play_campaign(scenario, 11, HeuristicPolicy())
    first = played.records[0]
    chosen_event = next(
        iter(played.records[i].choices for i in range(1, 5) if played.records[i].choices)
    )
    event_id = next(iter(chosen_event))
    records = [
        replace(
            first,
            orders=Orders(
                {**first.orders.policies, "gone_policy": 1.0},
                (*first.orders.decisions, "gone_decision"),
            ),
        ),
        *[
            replace(
                r,
                choices={k: ("gone_option" if k == event_id else v) for k, v in r.choices.items()},
            )
            for r in played.records[1:5]
        ],
    ]
    replayed, notes = replay_on(scenario, 11, records)
    assert replayed.turn == 5
    assert any("policy order 'gone_policy' dropped" in n for n in notes)
    assert any("decision 'gone_decision' dropped (no longer in the content)" in n for n in notes)
    assert any(
        f"'{event_id}' answered" in n and "'gone_option' is no longer open" in n for n in notes
    )


FIRST = """
decisions:
  - id: buy
    title: Buy machines
    text: From Ford.
    costs: {economy.valuta: 10}
    effects: [{add: {var: economy.output, value: 10}}]
events:
  - id: offer
    title: Berlin's offer
    text: Credits for grain.
    date: 1930-Q1
    options: [{id: sign, text: Sign.}, {id: refuse, text: Refuse.}]
"""

# The machines now cost more than the purse, the offer can no longer be refused, a
# strike asks for an answer nobody recorded, and the campaign ends a quarter sooner.
CHANGED = """
decisions:
  - id: buy
    title: Buy machines
    text: From Ford.
    costs: {economy.valuta: 30}
    effects: [{add: {var: economy.output, value: 10}}]
events:
  - id: offer
    title: Berlin's offer
    text: Credits for grain.
    date: 1930-Q1
    options: [{id: delay, text: Delay.}, {id: sign, text: Sign.}]
  - id: strike
    title: A strike
    text: The mills stop.
    date: 1930-Q2
    options: [{id: talk, text: Talk.}, {id: crush, text: Crush.}]
"""


def test_a_replay_on_changed_content_notes_each_adjustment_with_its_quarter(tmp_path):
    first = world(tmp_path, FIRST)
    played = Campaign(first, 5)
    played.submit(Orders(decisions=("buy",)))
    played.answer({"offer": "refuse"})
    for _ in range(2):
        played.submit(Orders())
        played.answer({})
    changed = world(tmp_path, CHANGED, end="1930-Q2")
    replayed, notes = replay_on(changed, 5, played.records)
    assert notes == [
        "1930-Q1: not carried out: Buy machines: needs 30 points of valuta; 20 left",
        "1930-Q1: 'offer' answered 'delay' ('refuse' is no longer open)",
        "1930-Q2: 'strike' answered 'talk' (a new choice)",
        "1930-Q3: the campaign now ends before this quarter",
    ]
    assert replayed.is_over and len(replayed.records) == 2
