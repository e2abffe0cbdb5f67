"""The turn records are the save game's replay log: each survives being written out and
read back unchanged, and replaying them from the start reaches the same state."""

from dataclasses import replace

import pytest

from game.core.campaign import Campaign
from game.core.history import Figure, HistoricalRecord
from game.core.orders import Orders
from game.core.pipeline import ChoiceRefused
from game.core.records import TurnRecord
from game.core.sources import Source
from game.sim.batch import play_campaign, run_batch
from game.sim.policies import HeuristicPolicy
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


def test_records_replayed_from_the_wrong_quarter_are_refused_with_the_reason(tmp_path):
    played = campaign_with_everything(tmp_path)
    with pytest.raises(ChoiceRefused, match="record for turn 1 found at turn 0"):
        Campaign.replay(played.scenario, played.seed, played.records[1:])


def test_records_past_the_ending_are_refused_with_the_reason(tmp_path):
    scenario = world(tmp_path, CONTENT, end="1930-Q2")
    played = play(scenario, None, None, choices={"strike": "crush"})
    extra = replace(played.records[-1], turn=2)
    with pytest.raises(ChoiceRefused, match="the campaign ended before turn 2"):
        Campaign.replay(scenario, played.seed, [*played.records, extra])


def test_a_campaign_taken_out_of_a_batch_is_one_campaign_that_plays_on_alone(tmp_path):
    scenario = world(tmp_path, CONTENT)
    batch = run_batch(scenario, [5, 6, 7], HeuristicPolicy(), record=True)
    lone = play_campaign(scenario, 5, HeuristicPolicy())
    taken = batch.campaign(0)
    assert taken.state.batch == 1 and taken.state.seeds.tolist() == [5]
    assert taken.state.digest() == lone.state.digest()
    assert taken.state.ended().tolist() == [True]


def test_a_record_is_saved_under_the_save_formats_names(tmp_path):
    record = campaign_with_everything(tmp_path).records[0]
    saved = record.to_dict()
    assert sorted(saved) == [
        "changes",
        "choices",
        "date",
        "decisions",
        "ending",
        "fired",
        "orders",
        "turn",
    ]
    assert (saved["turn"], saved["date"], saved["ending"]) == (0, "1930-Q1", "")
    assert saved["orders"] == {"policies": {"pace": 2.0}, "decisions": ["loan"]}
    assert saved["fired"] == ["strike"] and saved["choices"] == {"strike": "crush"}
    assert saved["decisions"] == record.decisions
    assert saved["changes"] == [[c.var, c.delta, str(c.cause)] for c in record.changes]


def test_a_saved_quarter_where_nothing_happened_reads_back_as_nothing(tmp_path):
    # Older saves leave out what is empty; reading them back gives empty, not an error.
    record = TurnRecord.from_dict({"turn": 3, "date": "1930-Q4", "orders": {}})
    assert record == TurnRecord(turn=3, date="1930-Q4", orders=Orders())
    assert (record.decisions, record.fired, record.choices, record.changes) == ({}, (), {}, ())
    assert record.ending == ""
    ended = TurnRecord.from_dict({"turn": 3, "date": "1930-Q4", "orders": {}, "ending": "fall"})
    assert ended.ending == "fall"


def test_a_historical_record_of_figures_alone_is_still_a_record():
    harvest = Figure("harvest", "Grain harvest", "economy.output", "1930-Q4", 3, 100, 90, 110)
    purges = Figure("purges", "Party purged", None, "1930-Q1", 0, 10, 8, 12)
    steel = Figure("steel", "Steel", "economy.valuta", "1930-Q2", 1, 5, 4, 6)
    record = HistoricalRecord(figures=(harvest, purges, steel))
    assert record
    assert not HistoricalRecord()
    # What calibration compares: the variables history gives a figure for, and when.
    assert record.figure_vars() == ["economy.output", "economy.valuta"]
    assert record.figure_turns() == [1, 3]


def test_a_source_is_cited_by_its_historian_and_the_title_the_scenario_gives_it(tmp_path):
    scenario = replace(
        world(tmp_path, "rules: []\n"), source_titles={"davies.md": "The Soviet Economy"}
    )
    assert scenario.cite(Source("davies.md", "R. W. Davies")) == "R. W. Davies, The Soviet Economy"
    assert scenario.cite(Source("davies.md")) == "The Soviet Economy"
    assert scenario.cite(Source("notes.txt", "E. H. Carr")) == "E. H. Carr, notes.txt"


def test_a_records_changes_to_one_variable_are_those_the_why_panel_lists(tmp_path):
    for record in campaign_with_everything(tmp_path).records:
        unrest = record.changes_to("society.unrest")
        assert unrest == [c for c in record.changes if c.var == "society.unrest"]
        assert sum(len(record.changes_to(v)) for v in {c.var for c in record.changes}) == len(
            record.changes
        )
    assert any(
        record.changes_to("society.unrest") for record in campaign_with_everything(tmp_path).records
    )
