"""Replaying a campaign's record on changed content (developer mode's F5)."""

from __future__ import annotations

from dataclasses import replace

from game.content.loader import load_scenario
from game.core.orders import Orders
from game.core.reload import replay_on
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy


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
