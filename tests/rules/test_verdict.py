"""The verdict: each axis is the weighted mean of its measures, each measure scored 0-100
between its worst and best values and clamped outside them. The engine keeps the score
in `verdict.<axis>`, recomputed at the end of every quarter after the events and before
the end check, so an ending can be decided by it in the very quarter it moves; nothing
else may write it. History's score is the same sum over history's own figures."""

import pytest

from game.content.diagnostics import ContentError
from game.core.orders import Orders
from game.core.verdict import scores
from tests.rules.world import play, play_batch, world

# Output 100 -> 25 points (100 of 0..400); unrest 10 -> 90 points (fewer is better).
AXIS = """
verdict:
  - id: welfare
    title: Welfare
    measures:
      - {var: economy.output, weight: 1, worst: 0, best: 400, history: 200}
      - {var: society.unrest, weight: 3, worst: 100, best: 0, history: 40}
"""
BOOM = """
rules:
  - id: boom
    step: economy
    effects: [{add: {var: economy.output, value: 100}}]
"""


def test_an_axis_is_the_weighted_mean_of_its_measures_from_the_first_quarter(tmp_path):
    scenario = world(tmp_path, AXIS)
    campaign = play(scenario)
    # (1 x 25 + 3 x 90) / 4 before and after a quarter in which nothing changed.
    assert scenario.layout.variables[scenario.verdict[0].column].initial == pytest.approx(73.75)
    assert campaign.state.column("verdict.welfare")[0] == pytest.approx(73.75)


def test_the_score_follows_the_quarter_and_is_clamped_at_full_marks(tmp_path):
    scenario = world(tmp_path, AXIS + BOOM)
    run = play_batch(scenario, [1, 2], 5)
    # Output reaches 600, past its best of 400: the measure gives 100, not 150.
    assert run.value("economy.output").tolist() == [600, 600]
    assert run.value("verdict.welfare").tolist() == pytest.approx([92.5, 92.5])
    assert scores(scenario, run.state)["welfare"].tolist() == pytest.approx([92.5, 92.5])


def test_history_scores_its_own_figures_on_the_same_scale(tmp_path):
    axis = world(tmp_path, AXIS).verdict[0]
    # Output 200 -> 50; unrest 40 -> 60; (50 + 3 x 60) / 4.
    assert axis.history_score == pytest.approx(57.5)


def test_a_toll_on_the_square_root_curve_costs_most_for_its_first_victims(tmp_path):
    toll = AXIS.replace(
        "{var: society.unrest, weight: 3, worst: 100, best: 0, history: 40}",
        "{var: society.unrest, weight: 3, worst: 100, best: 0, history: 40, curve: sqrt}",
    )
    axis = world(tmp_path, toll).verdict[0]
    unrest = axis.measures[1]
    # A tenth of the way to the worst costs 32 marks, not 10; a quarter costs half.
    assert unrest.score_of(10) == pytest.approx(100 * (1 - 0.1**0.5))
    assert unrest.score_of(25) == pytest.approx(50)
    assert (unrest.score_of(0), unrest.score_of(100), unrest.score_of(130)) == (100, 0, 0)
    # The engine scores the campaign on the same curve: (25 + 3 x 68.4) / 4.
    campaign = play(world(tmp_path / "campaign", toll))
    assert campaign.state.column("verdict.welfare")[0] == pytest.approx(
        (25 + 3 * 100 * (1 - 0.1**0.5)) / 4
    )


def test_a_measure_names_one_of_the_known_curves(tmp_path):
    with pytest.raises(ContentError) as refused:
        world(tmp_path, AXIS.replace("history: 40}", "history: 40, curve: log}"))
    assert "content.yaml:7:83" in str(refused.value)
    assert "should be 'linear' or 'sqrt', got 'log'" in str(refused.value)


def test_an_axis_without_every_historical_figure_has_no_history_score(tmp_path):
    partial = AXIS.replace(", history: 40", "")
    assert world(tmp_path, partial).verdict[0].history_score is None


def test_an_ending_reads_the_verdict_of_the_quarter_that_just_ended(tmp_path):
    # An event raises output after the rules; the ending still sees the new score.
    content = (
        AXIS
        + """
events:
  - id: windfall
    title: Windfall
    text: Output jumps.
    date: 1930-Q2
    effects: [{add: {var: economy.output, value: 300}}]
"""
    )
    endings = """
endings:
  - id: prosperity
    title: Prosperity
    when: {at_least: {var: verdict.welfare, value: 90}}
  - id: survived
    title: Survived
    at_end: true
"""
    campaign = play(world(tmp_path, content, endings=endings), None, None)
    assert campaign.ending is not None and campaign.ending.id == "prosperity"
    assert campaign.records[-1].date == "1930-Q2"


def test_the_ledger_names_the_verdict_as_the_cause_of_a_new_score(tmp_path):
    campaign = play(world(tmp_path, AXIS + BOOM), Orders())
    (change,) = campaign.records[-1].changes_to("verdict.welfare")
    # Output 100 -> 200 moves its measure from 25 to 50 points: a quarter of that.
    assert str(change.cause) == "verdict:welfare" and change.delta == pytest.approx(6.25)


def _errors(tmp_path, content: str) -> list[str]:
    with pytest.raises(ContentError) as raised:
        world(tmp_path, content)
    return [str(d) for d in raised.value.diagnostics]


def test_effects_cannot_write_the_verdict(tmp_path):
    cheat = (
        AXIS
        + """
rules:
  - id: cheat
    step: economy
    effects: [{set: {var: verdict.welfare, value: 100}}]
"""
    )
    (error,) = _errors(tmp_path, cheat)
    assert "content.yaml:" in error and "'verdict.welfare' is kept by the engine" in error


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "{var: economy.outptu, worst: 0, best: 9}",
            "unknown variable 'economy.outptu' (did you mean 'economy.output'?)",
        ),
        ("{var: economy.output, worst: 5, best: 5}", "'best' and 'worst' are both 5"),
        ("{var: economy.output, weight: 0, worst: 0, best: 5}", "weight must be above 0"),
    ],
)
def test_a_measure_that_cannot_score_is_refused_where_it_is_written(tmp_path, measure, expected):
    content = f"""
verdict:
  - id: bad
    title: Bad
    measures:
      - {measure}
"""
    (error,) = _errors(tmp_path, content)
    assert error.startswith(str(tmp_path)) and ":6:" in error and expected in error


def test_an_axis_whose_variable_is_already_declared_is_refused(tmp_path):
    clash = (
        AXIS
        + """
variables:
  verdict.welfare: {group: economy, min: 0, max: 1, initial: 0}
"""
    )
    (error,) = _errors(tmp_path, clash)
    assert "axis 'welfare' keeps its score in 'verdict.welfare'" in error
