"""Each quarter carries its date: turn 0 is the scenario's first quarter, four quarters
make a year, and the season follows the quarter (Q1 winter, Q2 spring, Q3 summer, Q4
autumn)."""

import pytest

from game.content.diagnostics import ContentError
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


def test_a_campaign_that_ends_in_the_quarter_it_starts_lasts_one_quarter(tmp_path):
    campaign = quiet(world(tmp_path, "{}", start="1931-Q2", end="1931-Q2"), 1)
    assert [r.date for r in campaign.records] == ["1931-Q2"]
    assert campaign.ending.id == "survived"


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("1931-Q2", "1931-Q1", "the end 1931-Q1 comes before the start 1931-Q2"),
        ("1931-Q5", "1932-Q1", "'1931-Q5' is not a quarter date; write it as YYYY-Qn"),
    ],
)
def test_dates_that_make_no_campaign_are_refused_with_the_reason(tmp_path, start, end, message):
    with pytest.raises(ContentError, match=message):
        world(tmp_path, "{}", start=start, end=end)
