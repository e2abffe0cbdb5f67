"""The calibration compares like with like: a figure of a period (the executions of
1937-38) is set against what its variable gained over that period, not against a count
kept since the campaign began; each range names the scholarship it comes from."""

from __future__ import annotations

import pytest

from game.content.diagnostics import ContentError
from game.debrief.analysis import build_debrief
from game.sim.batch import run_batch
from game.sim.calibration import calibrate, calibration_lines, figure_turns
from game.sim.policies import HistoricalPolicy
from tests.rules.world import quiet, world

# Output grows by 10 every quarter from 100 in 1930-Q1: 180 at the end of 1931, of which
# 40 were added in 1931.
GROWTH = """
rules:
  - id: growth
    step: economy
    effects: [{add: {var: economy.output, value: 10}}]
record:
  figures:
    - id: output_1931
      title: Output added in 1931
      var: economy.output
      date: 1931-Q4
      counted_from: 1931-Q1
      value: 40
      low: 35
      high: 45
      range_from: The Ministry's own count (1932)
    - id: output_level
      title: Output at the end of 1931
      var: economy.output
      date: 1931-Q4
      value: 180
      low: 170
      high: 190
"""


def test_a_figure_of_a_period_is_compared_with_the_gain_over_that_period(tmp_path):
    scenario = world(tmp_path, GROWTH)
    result = run_batch(
        scenario, [1, 2], HistoricalPolicy(scenario), keep_turns=figure_turns(scenario)
    )
    period, level = calibrate(scenario, result)
    assert (period.simulated, level.simulated) == (40, 180)
    assert period.within and level.within


def test_the_calibration_prints_whose_range_each_figure_is(tmp_path):
    scenario = world(tmp_path, GROWTH)
    result = run_batch(scenario, [1], HistoricalPolicy(scenario), keep_turns=figure_turns(scenario))
    lines = calibration_lines(calibrate(scenario, result))
    assert "within the range of their sources" in lines[0]
    assert "simulated 40.0 (counted from 1931-Q1)  within" in lines[1]
    assert lines[2].strip() == "range: The Ministry's own count (1932)"
    assert lines[4].strip() == "range: its source is not named"
    assert not any("historians' range" in line for line in lines)


def test_the_debrief_sets_the_players_own_gain_beside_a_figure_of_a_period(tmp_path):
    campaign = quiet(world(tmp_path, GROWTH), 8)
    rows = {row.title: row.yours for row in build_debrief(campaign).figures}
    assert rows == {"Output added in 1931": 40, "Output at the end of 1931": 180}


@pytest.mark.parametrize("first", ["1930-Q1", "1932-Q1"])
def test_a_period_must_start_after_the_first_quarter_and_by_the_figures_date(tmp_path, first):
    with pytest.raises(ContentError) as error:
        world(tmp_path, GROWTH.replace("counted_from: 1931-Q1", f"counted_from: {first}"))
    message = str(error.value)
    assert "content.yaml:" in message and "[date]" in message
    assert (
        f"a figure's period must start after the campaign's first quarter (1930-Q1) and no later than its date (1931-Q4), not {first}"
        in message
    )
