"""The turn records are the save game's replay log: each survives being written out and
read back unchanged, and replaying them from the start reaches the same state."""

from game.core.campaign import Campaign
from game.core.orders import Orders
from game.core.records import TurnRecord
from tests.rules.world import play, world

CONTENT = """
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
decisions:
  - id: loan
    title: Ask for a loan
    text: London may say yes.
    odds: 0.5
    costs: {economy.valuta: 2}
    effects: [{add: {var: economy.output, value: 3}}]
events:
  - id: strike
    title: Strike
    text: The mills stop.
    once: false
    cooldown: 2
    trigger: {at_least: {var: society.unrest, value: 0}}
    effects: [{add: {var: society.unrest, value: 2.5}}]
    options:
      - {id: concede, text: Concede., effects: [{add: {var: economy.output, value: -1}}]}
      - {id: crush, text: Crush it., effects: [{add: {var: party.control, value: 1}}]}
"""


def campaign_with_everything(tmp_path) -> Campaign:
    turns = [Orders({"pace": 2}, ("loan",)), Orders(decisions=("loan",)), Orders({"pace": 0})]
    return play(world(tmp_path, CONTENT), *turns, *[("loan",)] * 5, choices={"strike": "crush"})


def test_the_campaign_used_here_has_decisions_events_choices_and_changes(tmp_path):
    records = campaign_with_everything(tmp_path).records
    assert {True, False} <= {ok for r in records for ok in r.decisions.values()}
    assert any(r.choices for r in records)
    assert any(r.orders.policies for r in records)
    assert all(r.changes for r in records)


def test_a_record_read_back_from_its_dict_is_the_same_record(tmp_path):
    for record in campaign_with_everything(tmp_path).records:
        assert TurnRecord.from_dict(record.to_dict()) == record


def test_replaying_records_read_back_reaches_the_same_state(tmp_path):
    played = campaign_with_everything(tmp_path)
    records = [TurnRecord.from_dict(r.to_dict()) for r in played.records]
    replayed = Campaign.replay(played.scenario, played.seed, records)
    assert replayed.state.digest() == played.state.digest()
    assert replayed.records == played.records
