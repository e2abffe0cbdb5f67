"""The verdict as the player reads it at the end: the human cost first, whatever order the
scenario lists its axes in; each axis with its question and its text as the campaign
left them, its score beside history's, and each measure's value beside history's figure
in its own units; then the price line, which names every harm in people and what any gain
above history's mark was bought with."""

import numpy as np
import pytest

from game.core.state import State
from game.core.verdict import read
from tests.rules.world import play, world

# Listed with the cost last: the reading puts it first all the same.
VERDICT = """
variables:
  society.hunger: {group: society, min: 0, max: 10000, initial: 0, unit: people, scale: 1000, label: Deaths from hunger, phrase: deaths from hunger}
  society.shot: {group: society, min: 0, max: 10000, initial: 0, unit: people, scale: 1000, label: People shot, phrase: people shot}
  society.deported: {group: society, min: 0, max: 10000, initial: 0, unit: people, scale: 1000, label: People deported, phrase: deported}
verdict:
  - id: welfare
    title: Welfare
    question: "Did the towns eat? Output stands at {economy.output}."
    text:
      - {when: {at_least: {var: economy.output, value: 300}}, text: Plenty in the shops.}
      - {text: Queues in the shops.}
    measures:
      - {var: economy.output, weight: 1, worst: 0, best: 400, history: 200, note: Output of the mills}
      - {var: society.unrest, weight: 3, worst: 100, best: 0, history: 40}
  - id: order
    title: Order
    measures:
      - {var: party.control, worst: 0, best: 100, history: 80}
  - id: human_cost
    title: Human cost
    cost: true
    measures:
      - {var: society.hunger, worst: 1000, best: 0, history: 500}
      - {var: society.shot, worst: 1000, best: 0, history: 100}
      - {var: society.deported, worst: 1000, best: 0, history: 200}
"""
# A quarter of plenty bought with 12,000 dead of hunger, 3,000 shot and 5,000 deported.
PATH = """
rules:
  - id: the_path
    step: economy
    effects:
      - add: {var: economy.output, value: 300}
      - add: {var: society.hunger, value: 12}
      - add: {var: society.shot, value: 3}
      - add: {var: society.deported, value: 5}
"""


@pytest.fixture
def scenario(tmp_path):
    return world(tmp_path, VERDICT + PATH)


def test_the_human_cost_comes_first_then_the_axes_in_the_scenarios_order(scenario):
    verdict = read(scenario, play(scenario, None).state)
    assert [axis.id for axis in verdict.axes] == ["human_cost", "welfare", "order"]
    assert verdict.axis("order").title == "Order"


def test_each_axis_reads_its_score_its_history_and_its_measures_in_their_units(scenario):
    welfare = read(scenario, play(scenario, None).state).axis("welfare")
    # Output 400 of 0..400 -> 100; unrest 10 -> 90; (100 + 3 x 90) / 4. History: 50 and 60.
    assert (welfare.score, welfare.history, welfare.cost) == (92.5, 57.5, False)
    assert welfare.question == "Did the towns eat? Output stands at 400."
    assert welfare.text == "Plenty in the shops."
    assert [m.line for m in welfare.measures] == [
        "Output: 400 (history: 200)",
        "Unrest: 10 (history: 40)",
    ]
    assert [(m.note, m.score) for m in welfare.measures] == [
        ("Output of the mills", 100.0),
        ("", 90.0),
    ]
    cost = read(scenario, play(scenario, None).state).axis("human_cost")
    assert [m.line for m in cost.measures] == [
        "Deaths from hunger: 12,000 deaths from hunger (history: 500,000 deaths from hunger)",
        "People shot: 3,000 people shot (history: 100,000 people shot)",
        "People deported: 5,000 deported (history: 200,000 deported)",
    ]


def test_a_measure_without_a_historical_figure_shows_none_and_its_axis_no_history(tmp_path):
    scenario = world(tmp_path, VERDICT.replace(", history: 40", "") + PATH)
    welfare = read(scenario, play(scenario, None).state).axis("welfare")
    assert [m.line for m in welfare.measures] == ["Output: 400 (history: 200)", "Unrest: 10"]
    assert welfare.history is None


def test_an_axis_without_history_is_written_without_a_comparison(tmp_path):
    scenario = world(tmp_path, VERDICT.replace(", history: 40", "") + PATH)
    lines = read(scenario, play(scenario, None).state).lines()
    assert lines[4:6] == ["# Welfare: 92 of 100", "    Plenty in the shops."]


def test_the_verdict_as_text_gives_each_axis_its_figure_beside_historys(scenario):
    verdict = read(scenario, play(scenario, None).state)
    assert verdict.lines() == [
        "# Human cost: harm 1 of 100, history 27: less harm than history",
        "    Deaths from hunger: 12,000 deaths from hunger (history: 500,000 deaths from hunger)",
        "    People shot: 3,000 people shot (history: 100,000 people shot)",
        "    People deported: 5,000 deported (history: 200,000 deported)",
        "# Welfare: 92 of 100, history 58: above history",
        "    Plenty in the shops.",
        "    Output: 400 (history: 200)",
        "    Unrest: 10 (history: 40)",
        "# Order: 50 of 100, history 80: below history",
        "    Control: 50 (history: 80)",
        "",
        "Welfare above history's mark, bought at the price of 12,000 deaths from hunger, "
        "3,000 people shot and 5,000 deported.",
    ]


def test_a_gain_is_named_with_the_lives_it_cost(scenario):
    price = read(scenario, play(scenario, None).state).price
    # Order is below history: not a gain. The cost axis is never a gain, even above history.
    assert price == (
        "Welfare above history's mark, bought at the price of 12,000 deaths from hunger, "
        "3,000 people shot and 5,000 deported."
    )


def test_without_a_gain_the_price_is_still_said_and_a_harm_too_small_to_count_is_left_out(
    tmp_path,
):
    # Unrest at 60 and output where it was: welfare falls below history's mark. Less than
    # half a person shot rounds to nobody, and is not named.
    path = """
rules:
  - id: the_path
    step: economy
    effects:
      - add: {var: society.unrest, value: 50}
      - add: {var: society.hunger, value: 12}
      - add: {var: society.shot, value: 0.0004}
      - add: {var: society.deported, value: 5}
"""
    scenario = world(tmp_path, VERDICT + path)
    verdict = read(scenario, play(scenario, None).state)
    assert verdict.axis("welfare").comparison == "below history"
    assert verdict.price == "The price of this path: 12,000 deaths from hunger and 5,000 deported."
    only = world(tmp_path, VERDICT + path.replace("value: 5}", "value: 0}"))
    assert read(only, play(only, None).state).price == (
        "The price of this path: 12,000 deaths from hunger."
    )


def test_a_path_that_cost_no_lives_has_no_price_line(tmp_path):
    scenario = world(tmp_path, VERDICT)
    verdict = read(scenario, play(scenario, None).state)
    assert verdict.price == ""
    assert verdict.lines()[-1] == "    Control: 50 (history: 80)"


def test_each_campaign_of_a_batch_reads_its_own_verdict(scenario):
    played = play(scenario, None).state
    # Row 1 is the same campaign with output back at 100: another score, another text.
    values = np.repeat(played.values, 2, axis=0)
    values[1, scenario.layout.col("economy.output")] = 100
    values[1, scenario.layout.col("verdict.welfare")] = 73.75
    state = State(scenario.layout, values, np.repeat(played.seeds, 2))
    first, second = (
        read(scenario, state, 0).axis("welfare"),
        read(scenario, state, 1).axis("welfare"),
    )
    assert (first.score, first.text) == (92.5, "Plenty in the shops.")
    assert (second.score, second.text) == (73.75, "Queues in the shops.")
    assert second.question == "Did the towns eat? Output stands at 100."
    assert second.measures[0].line == "Output: 100 (history: 200)"
