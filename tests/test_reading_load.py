"""The reading load `python -m game simulate` prints: the event dialogs a campaign shows
and their words (title, text and every option, in the wording that held where the event
fired), the most choices in a quarter and in the first, and the longest run of quarters
without a choice. Dispatches are not dialogs. The shipped scenarios keep to the pace a
first-time player can follow, by simulate's own counting."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.sim.batch import run_batch
from game.sim.policies import make_policy
from game.sim.reading import ReadingLoad
from tests.conftest import ROOT
from tests.rules.world import world

TALK = """
variables:
  economy.mood: {group: economy, min: 0, max: 10, initial: 0}
events:
  - id: strike
    title: Strike at the mill
    date: 1930-Q2
    text:
      - when: {at_least: {var: economy.mood, value: 5}}
        text: The mill stops again, and the whole town with it.
      - text: The mill stops.
    options:
      - {id: give_in, text: Give in., effects: [{add: {var: society.unrest, value: -1}}]}
      - id: send_troops
        text: Send the troops.
        when: {flag: flag.a}
        effects: [{add: {var: society.unrest, value: 1}}]
  - id: rumour
    title: A rumour in the market
    date: 1930-Q2
    text: Bread will be dear, people say, and the shops will be empty by spring.
    effects: [{add: {var: economy.mood, value: 1}}]
"""


def load_of(scenario, seeds=(1,)) -> dict:
    load = ReadingLoad()
    load.begin(list(seeds))
    run_batch(
        scenario,
        list(seeds),
        make_policy("random", scenario, None),
        on_turn=lambda before, result: load.observe(scenario, result),
    )
    load.end()
    return load.to_dict()


def test_a_dialog_counts_its_title_text_and_every_option_shown(tmp_path):
    reading = load_of(world(tmp_path, TALK))
    # "Strike at the mill" 4 + "The mill stops." 3 + "Give in." 2 + the closed option,
    # shown greyed, "Send the troops." 3; the rumour asks nothing and is not counted.
    assert reading["dialogs"]["median"] == 1
    assert reading["words"]["median"] == 12


def test_the_wording_that_held_is_the_one_counted(tmp_path):
    moody = TALK.replace("initial: 0}", "initial: 6}", 1)
    # "The mill stops again, and the whole town with it." is 10 words, not 3.
    assert load_of(world(tmp_path, moody))["words"]["median"] == 19


def test_quarters_without_a_choice_and_choices_in_a_quarter_are_counted(tmp_path):
    reading = load_of(world(tmp_path, TALK))
    # 1930-Q1 is quiet, the strike asks in Q2, then ten quiet quarters to 1932-Q4.
    assert reading["quarters_without_a_choice"]["max"] == 10
    assert reading["choices_in_a_quarter"]["max"] == 1
    assert reading["choices_in_the_first_quarter"]["max"] == 0


def reading_load(tmp_path, scenario: str, policy: str) -> dict:
    out = tmp_path / f"{scenario}-{policy}.json"
    status = main(
        ["simulate", str(ROOT / "scenarios" / scenario), "--policy", policy]
        + ["--runs", "200", "--jobs", "1", "--json", str(out)]
    )
    assert status == 0
    return json.loads(out.read_text())["reading"]


@pytest.mark.parametrize("policy", ["historical", "heuristic"])
def test_the_1928_campaign_keeps_to_the_pace_of_a_first_time_player(tmp_path, policy, capsys):
    reading = reading_load(tmp_path, "ussr1928", policy)
    assert reading["words"]["median"] <= 4500
    assert reading["dialogs"]["median"] <= 60
    assert reading["choices_in_a_quarter"]["max"] <= 3
    assert reading["choices_in_the_first_quarter"]["max"] <= 1
    assert reading["quarters_without_a_choice"]["max"] <= 4
    assert "Reading load" in capsys.readouterr().out


def test_collective_security_fits_a_lesson(tmp_path):
    reading = reading_load(tmp_path, "collective_security", "historical")
    assert reading["words"]["median"] <= 1400
    assert reading["choices_in_a_quarter"]["max"] <= 3
    assert reading["choices_in_the_first_quarter"]["max"] <= 1
