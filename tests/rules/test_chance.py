"""Chance, odds and mean time to happen, measured over a batch of 4,000 campaigns: the
share that comes up lies within five standard errors of the stated probability.
`mtth: N` is a half-life: an event whose trigger holds fires within N quarters in half of
the campaigns."""

import pytest

from tests.rules.world import play_batch, world

ROWS = 4000


def close_to(share: float, probability: float) -> bool:
    tolerance = 5 * (probability * (1 - probability) / ROWS) ** 0.5 + 1e-9
    return abs(share - probability) <= tolerance


@pytest.mark.parametrize("probability", [0.1, 0.25, 0.5])
def test_a_chance_condition_holds_in_its_share_of_campaigns(tmp_path, probability):
    scenario = world(
        tmp_path,
        f"""
        rules:
          - id: luck
            step: economy
            when: {{chance: {probability}}}
            effects: [{{set_flag: flag.a}}]
        """,
    )
    share = play_batch(scenario, range(ROWS), 1).value("flag.a").mean()
    assert close_to(share, probability)


@pytest.mark.parametrize("probability", [0.0, 1.0])
def test_a_chance_of_zero_never_and_of_one_always_comes_up(tmp_path, probability):
    scenario = world(
        tmp_path,
        f"""
        rules:
          - id: luck
            step: economy
            effects: [{{chance: {{probability: {probability}, then: [set_flag: flag.a], else: [set_flag: flag.b]}}}}]
        """,
    )
    run = play_batch(scenario, range(ROWS), 1)
    assert run.value("flag.a").mean() == probability
    assert run.value("flag.b").mean() == 1 - probability


def test_a_chance_effect_takes_its_then_or_its_else_branch(tmp_path):
    scenario = world(
        tmp_path,
        """
        rules:
          - id: luck
            step: economy
            effects: [{chance: {probability: 0.3, then: [set_flag: flag.a], else: [set_flag: flag.b]}}]
        """,
    )
    run = play_batch(scenario, range(ROWS), 1)
    assert close_to(run.value("flag.a").mean(), 0.3)
    assert (run.value("flag.a") + run.value("flag.b") == 1).all()


def test_a_decision_succeeds_at_its_odds_and_otherwise_fails(tmp_path):
    scenario = world(
        tmp_path,
        """
        decisions:
          - id: loan
            title: Ask for a loan
            text: London may say yes.
            odds: 0.3
            effects: [set_flag: flag.a]
            on_failure: [set_flag: flag.b]
        """,
    )
    run = play_batch(scenario, range(ROWS), 1, ("loan",))
    succeeded = [rows[0].decisions["loan"] for rows in run.records]
    assert close_to(sum(succeeded) / ROWS, 0.3)
    assert list(run.value("flag.a")) == succeeded
    assert list(run.value("flag.b")) == [not s for s in succeeded]


@pytest.mark.parametrize(
    "mtth, quarters, share",
    # A mean time under one quarter counts as one: at most half fire in the first quarter.
    [(4, 4, 0.5), (4, 1, 1 - 0.5**0.25), (2, 4, 0.75), (1, 1, 0.5), (0.25, 1, 0.5)],
)
def test_an_event_with_mean_time_to_happen_fires_in_its_share_of_campaigns(
    tmp_path, mtth, quarters, share
):
    scenario = world(
        tmp_path,
        f"""
        events:
          - id: war_scare
            title: War scare
            text: Rumours of war.
            mtth: {mtth}
            effects: [set_flag: flag.a]
        """,
    )
    assert close_to(play_batch(scenario, range(ROWS), quarters).value("flag.a").mean(), share)


def test_an_event_whose_trigger_fails_never_fires_whatever_its_mtth(tmp_path):
    scenario = world(
        tmp_path,
        """
        events:
          - id: war_scare
            title: War scare
            text: Rumours of war.
            mtth: 1
            trigger: {flag: flag.b}
            effects: [set_flag: flag.a]
        """,
    )
    assert play_batch(scenario, range(ROWS), 3).value("flag.a").sum() == 0
