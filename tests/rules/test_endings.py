"""A campaign ends at the end of the first quarter where an ending holds. When several
hold, the first listed wins; an `end` effect earlier in the quarter wins over a later one
and over every ending checked at the end of the quarter. `at_end` endings are considered
on the last quarter only."""

import pytest

from game.core.orders import BatchOrders, OrderRefused, Orders
from game.core.pipeline import begin_turn, finish_turn
from tests.rules.world import play, play_batch, quiet, world

UNREST_TO_70 = """
rules:
  - id: riots
    step: economy
    effects: [{set: {var: society.unrest, value: 70}}]
"""
REVOLT = """
  - id: revolt
    title: Revolt
    when: {at_least: {var: society.unrest, value: 60}}
"""
COLLAPSE = """
  - id: collapse
    title: Collapse
    when: {at_least: {var: society.unrest, value: 50}}
"""
REMOVED = """
  - id: removed
    title: Removed from power
    when: {flag: flag.b}
"""
SURVIVED = """
  - id: survived
    title: Survived
    at_end: true
"""


def test_of_two_endings_that_hold_at_once_the_first_listed_wins(tmp_path):
    first = quiet(
        world(tmp_path, UNREST_TO_70, endings="endings:" + REVOLT + COLLAPSE + SURVIVED), 1
    )
    other = quiet(
        world(tmp_path, UNREST_TO_70, endings="endings:" + COLLAPSE + REVOLT + SURVIVED), 1
    )
    assert (first.ending.id, first.records[0].ending) == ("revolt", "revolt")
    assert (other.ending.id, other.records[0].ending) == ("collapse", "collapse")


def test_an_ended_campaign_stays_in_its_last_quarter_and_takes_no_more_orders(tmp_path):
    campaign = quiet(world(tmp_path, UNREST_TO_70, endings="endings:" + REVOLT + SURVIVED), 1)
    assert campaign.is_over
    assert campaign.turn == 0
    with pytest.raises(OrderRefused, match="the campaign is over"):
        campaign.play(Orders())


def test_an_ending_whose_condition_fails_does_not_end_the_campaign(tmp_path):
    calm = UNREST_TO_70.replace("value: 70", "value: 59")
    campaign = quiet(world(tmp_path, calm, endings="endings:" + REVOLT + SURVIVED), 3)
    assert not campaign.is_over
    assert campaign.turn == 3


def test_an_at_end_ending_waits_for_the_last_quarter(tmp_path):
    scenario = world(tmp_path, "{}", end="1930-Q4", endings="endings:" + SURVIVED)
    campaign = quiet(scenario, 3)
    assert not campaign.is_over
    campaign.play(Orders())
    assert [r.ending for r in campaign.records] == ["", "", "", "survived"]


def test_on_the_last_quarter_the_first_listed_ending_still_wins(tmp_path):
    scenario = world(tmp_path, UNREST_TO_70, end="1930-Q2", endings="endings:" + SURVIVED + REVOLT)
    campaign = quiet(scenario, 1)
    assert campaign.ending.id == "revolt", "the last quarter has not come yet"
    calm = UNREST_TO_70.replace("value: 70", "value: 10")
    late = world(tmp_path, calm + "\n", end="1930-Q2", endings="endings:" + REVOLT + SURVIVED)
    assert quiet(late, 2).ending.id == "survived"


END_BY_DECISION = """
decisions:
  - id: resign
    title: Resign
    text: Step down.
    effects: [{end: removed}]
  - id: abdicate
    title: Abdicate
    text: Give up.
    effects: [{end: collapse}]
events:
  - id: coup
    title: Coup
    text: The army moves.
    trigger: {flag: flag.a}
    effects: [{end: revolt}]
"""


def test_an_end_effect_wins_over_the_endings_checked_at_the_end_of_the_quarter(tmp_path):
    scenario = world(
        tmp_path,
        UNREST_TO_70 + END_BY_DECISION,
        endings="endings:" + REVOLT + COLLAPSE + REMOVED + SURVIVED,
    )
    campaign = play(scenario, ("resign",))
    assert campaign.ending.id == "removed"


def test_an_end_effect_wins_over_a_later_end_effect_in_the_same_quarter(tmp_path):
    endings = "endings:" + REVOLT + COLLAPSE + REMOVED + SURVIVED
    # Decisions apply in the order the scenario lists them: resign, then abdicate.
    assert (
        play(world(tmp_path, END_BY_DECISION, endings=endings), ("abdicate", "resign")).ending.id
        == "removed"
    )
    flagged = END_BY_DECISION.replace(
        "effects: [{end: removed}]", "effects: [{end: removed}, {set_flag: flag.a}]"
    )
    campaign = play(world(tmp_path, flagged, endings=endings), ("resign",))
    assert campaign.records[0].fired == ("coup",)
    assert campaign.records[0].ending == "removed", "the coup came too late to undo the resignation"


def test_in_a_batch_each_row_gets_the_first_ending_that_holds_for_it(tmp_path):
    split = """
rules:
  - id: riots
    step: economy
    effects:
      - chance: {probability: 0.5, then: [{set: {var: society.unrest, value: 70}}], else: [{set: {var: society.unrest, value: 55}}]}
"""
    scenario = world(tmp_path, split, endings="endings:" + REVOLT + COLLAPSE + SURVIVED)
    run = play_batch(scenario, range(40), 1)
    endings = [rows[0].ending for rows in run.records]
    expected = ["revolt" if u >= 60 else "collapse" for u in run.value("society.unrest")]
    assert endings == expected
    assert set(endings) == {"revolt", "collapse"}


def test_resolving_a_quarter_for_campaigns_that_have_all_ended_changes_nothing(tmp_path):
    scenario = world(tmp_path, UNREST_TO_70, endings="endings:" + REVOLT + SURVIVED)
    ended = play_batch(scenario, range(3), 1).state
    result = finish_turn(begin_turn(scenario, ended, BatchOrders.empty(scenario, 3)), {})
    assert result.state.values.tolist() == ended.values.tolist()
    assert result.turn == 0 and not result.active.any()
