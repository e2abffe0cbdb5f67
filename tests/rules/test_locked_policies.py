"""A policy whose `when` condition fails is locked: it cannot be changed, the order is
refused (or, in a batch, ignored) and the value stays where it was."""

import pytest

from game.core.orders import OrderRefused, Orders
from tests.rules.world import changes, play, play_batch, world

PACE_LOCKED_UNTIL_FLAG_A = """
policies:
  - id: pace
    title: Pace of industry
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
    when: {flag: flag.a}
    on_change: [{add: {var: society.unrest, value: 5}}]
decisions:
  - id: unlock
    title: Unlock
    text: Open the debate.
    effects: [{set_flag: flag.a}]
"""

CRASH = Orders(policies={"pace": 2})


def test_a_locked_policy_cannot_be_changed_and_says_so(tmp_path):
    scenario = world(tmp_path, PACE_LOCKED_UNTIL_FLAG_A)
    campaign = play(scenario)
    status = campaign.legal_orders().policies[0]
    assert (status.allowed, status.reason) == (False, "needs \u201cA\u201d")
    record = campaign.play(CRASH)
    assert [(r.kind, r.id, r.reason) for r in record.refused] == [
        ("policy", "pace", "needs \u201cA\u201d")
    ]
    assert campaign.value("policy.pace") == 1


def test_keeping_a_locked_policy_where_it_is_is_not_a_change(tmp_path):
    scenario = world(tmp_path, PACE_LOCKED_UNTIL_FLAG_A)
    campaign = play(scenario, Orders(policies={"pace": 1}))
    assert campaign.value("policy.pace") == 1
    assert campaign.records[0].changes == ()


def test_ordering_the_level_an_open_policy_already_has_changes_nothing(tmp_path):
    scenario = world(tmp_path, PACE_LOCKED_UNTIL_FLAG_A)
    campaign = play(scenario, ("unlock",), Orders(policies={"pace": 1}))
    assert campaign.value("society.unrest") == 10, "on_change runs only on a change"
    assert campaign.records[1].changes == ()


def test_in_a_batch_the_order_to_change_a_locked_policy_is_ignored(tmp_path):
    scenario = world(tmp_path, PACE_LOCKED_UNTIL_FLAG_A)
    run = play_batch(scenario, range(3), 2, CRASH)
    assert list(run.value("policy.pace")) == [1, 1, 1]
    assert list(run.value("society.unrest")) == [10, 10, 10], "no on_change without a change"
    assert all(r.changes == () for rows in run.records for r in rows)


def test_once_unlocked_the_policy_changes_and_its_on_change_effects_apply(tmp_path):
    scenario = world(tmp_path, PACE_LOCKED_UNTIL_FLAG_A)
    campaign = play(scenario, ("unlock",), CRASH)
    assert campaign.value("policy.pace") == 2
    assert campaign.value("society.unrest") == 15
    assert changes(campaign.records[1]) == [
        ("policy.pace", 1, "policy:pace"),
        ("society.unrest", 5, "policy:pace"),
    ]


def test_a_level_the_policy_does_not_have_is_refused(tmp_path):
    scenario = world(tmp_path, PACE_LOCKED_UNTIL_FLAG_A)
    campaign = play(scenario, ("unlock",))
    with pytest.raises(OrderRefused, match=r"Pace of industry has no level 3; its levels: 0"):
        campaign.play(Orders(policies={"pace": 3}))
    run = play_batch(scenario, range(2), 2, Orders(policies={"pace": 3}, decisions=("unlock",)))
    assert list(run.value("policy.pace")) == [1, 1]
