"""Each quarter carries its date: turn 0 is the scenario's first quarter, four quarters
make a year, and the season follows the quarter (Q1 winter, Q2 spring, Q3 summer, Q4
autumn)."""

import pytest

from tests.rules.world import quiet, world


def test_the_records_carry_the_quarter_of_each_turn(tmp_path):
    campaign = quiet(world(tmp_path, "{}", start="1930-Q3", end="1931-Q4"), 4)
    assert [r.date for r in campaign.records] == ["1930-Q3", "1930-Q4", "1931-Q1", "1931-Q2"]
    assert campaign.date == "1931-Q3"


@pytest.mark.parametrize(
    "turn, season",
    [
        (0, "Summer 1930"),
        (1, "Autumn 1930"),
        (2, "Winter 1931"),
        (3, "Spring 1931"),
        (6, "Winter 1932"),
    ],
)
def test_the_season_label_of_each_quarter(tmp_path, turn, season):
    scenario = world(tmp_path, "{}", start="1930-Q3", end="1932-Q4")
    assert scenario.calendar.long_label(turn) == season


def test_the_campaign_lasts_from_its_first_to_its_last_quarter_inclusive(tmp_path):
    scenario = world(tmp_path, "{}", start="1930-Q3", end="1931-Q2")
    campaign = quiet(scenario, 4)
    assert [r.turn for r in campaign.records] == [0, 1, 2, 3]
    assert campaign.ending.id == "survived"
    assert campaign.records[-1].date == "1931-Q2"
