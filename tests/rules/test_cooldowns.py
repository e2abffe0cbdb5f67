"""A decision or event with `cooldown: N` is available again exactly N quarters after it
was last taken or fired: not N-1, not N+1."""

import pytest

from game.core.orders import Orders
from tests.rules.world import play, play_batch, quiet, world


def decision_with_cooldown(quarters: int) -> str:
    return f"""
decisions:
  - id: appeal
    title: Appeal to the workers
    text: Another shock-worker campaign.
    cooldown: {quarters}
    effects: [{{add: {{var: economy.output, value: 1}}}}]
"""


@pytest.mark.parametrize(
    "cooldown, taken_at", [(1, [0, 1, 2, 3, 4, 5]), (2, [0, 2, 4]), (3, [0, 3])]
)
def test_ordered_every_quarter_it_is_taken_every_cooldown_quarters(tmp_path, cooldown, taken_at):
    scenario = world(tmp_path, decision_with_cooldown(cooldown))
    run = play_batch(scenario, range(2), 6, ("appeal",))
    for rows in run.records:
        assert [r.turn for r in rows if "appeal" in r.decisions] == taken_at


def test_one_quarter_short_of_the_cooldown_it_is_refused_with_the_wait(tmp_path):
    scenario = world(tmp_path, decision_with_cooldown(3))
    campaign = play(scenario, ("appeal",), None)
    status = campaign.legal_orders().decision("appeal")
    assert not status.allowed
    assert status.reason == "can be tried again in 1 quarter"
    record = campaign.play(Orders(decisions=("appeal",)))
    assert record.done == ()
    assert [(r.id, r.reason) for r in record.refused] == [
        ("appeal", "can be tried again in 1 quarter")
    ]


def test_exactly_the_cooldown_later_it_is_allowed_again(tmp_path):
    scenario = world(tmp_path, decision_with_cooldown(3))
    campaign = play(scenario, ("appeal",), None, None)
    assert campaign.legal_orders().decision("appeal").allowed
    campaign.play(Orders(decisions=("appeal",)))
    assert campaign.records[-1].decisions == {"appeal": True}
    assert campaign.value("economy.output") == 102


def test_without_a_cooldown_it_can_be_taken_every_quarter(tmp_path):
    scenario = world(tmp_path, decision_with_cooldown(0))
    campaign = play(scenario, ("appeal",), ("appeal",), ("appeal",))
    assert campaign.value("economy.output") == 103


def repeating_event(cooldown: int) -> str:
    return f"""
events:
  - id: strike
    title: A strike
    text: The mills stop.
    once: false
    cooldown: {cooldown}
    trigger: {{at_least: {{var: society.unrest, value: 0}}}}
    effects: [{{add: {{var: society.unrest, value: 1}}}}]
"""


@pytest.mark.parametrize(
    "cooldown, fired_at", [(0, [0, 1, 2, 3, 4, 5]), (1, [0, 1, 2, 3, 4, 5]), (2, [0, 2, 4])]
)
def test_a_repeating_event_whose_trigger_holds_fires_every_cooldown_quarters(
    tmp_path, cooldown, fired_at
):
    scenario = world(tmp_path, repeating_event(cooldown))
    campaign = quiet(scenario, 6)
    assert [r.turn for r in campaign.records if "strike" in r.fired] == fired_at
    assert campaign.value("society.unrest") == 10 + len(fired_at)


def test_the_cooldown_runs_from_a_failed_attempt_too(tmp_path):
    scenario = world(
        tmp_path,
        """
        decisions:
          - id: ultimatum
            title: Ultimatum
            text: It always fails.
            odds: 0
            cooldown: 2
            effects: [{set_flag: flag.a}]
        """,
    )
    run = play_batch(scenario, range(2), 4, ("ultimatum",))
    for rows in run.records:
        assert [(r.turn, r.decisions) for r in rows if r.decisions] == [
            (0, {"ultimatum": False}),
            (2, {"ultimatum": False}),
        ]
