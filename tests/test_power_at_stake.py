"""The 1928 campaign has no free lunch at home: power is at stake, the state can break,
and the famine does not pay for 1941.

Each rule is checked with deliberate strategies, the scripts in
scenarios/ussr1928/strategies/ that `simulate --policy scripted --script FILE` replays.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from game.sim.batch import BatchResult, play_campaign, run_batch
from game.sim.policies import HeuristicPolicy, HistoricalPolicy, ScriptedPolicy
from tests.conftest import ROOT

STRATEGIES = ROOT / "scenarios" / "ussr1928" / "strategies"
SEEDS = list(range(1, 601))


def _endings(result: BatchResult) -> Counter:
    by_index = {e.index: e.id for e in result.scenario.endings}
    return Counter(by_index.get(int(i), "none") for i in result.endings)


def _share(result: BatchResult, ending: str) -> float:
    return _endings(result)[ending] / len(result.endings)


def _strategy(name: str) -> ScriptedPolicy:
    return ScriptedPolicy.from_file(STRATEGIES / f"{name}.json")


@pytest.fixture(scope="module")
def stand_firm(campaign_scenario) -> BatchResult:
    return run_batch(campaign_scenario, SEEDS, _strategy("restraint_stand_firm"))


@pytest.fixture(scope="module")
def historical(campaign_scenario) -> BatchResult:
    return run_batch(campaign_scenario, SEEDS, HistoricalPolicy(campaign_scenario))


def test_a_leader_who_lets_control_slide_and_stands_firm_is_removed(stand_firm):
    assert _share(stand_firm, "removed_from_power") >= 0.10, _endings(stand_firm)


def test_removal_always_comes_after_a_warning_the_player_saw(campaign_scenario, stand_firm):
    removed = campaign_scenario.ending("removed_from_power").index
    warning = campaign_scenario.event("leadership_warning").index
    rows = stand_firm.endings == removed
    assert rows.any()
    assert (stand_firm.fire_counts()[rows, warning] >= 1).all()


def test_the_challenge_that_removes_a_leader_can_be_opened_to_its_causes(campaign_scenario):
    policy = _strategy("restraint_stand_firm")
    campaign = next(
        c
        for c in (play_campaign(campaign_scenario, seed, policy) for seed in SEEDS)
        if c.records[-1].ending == "removed_from_power"
    )
    causes = {
        change.cause.key()
        for record in campaign.records
        for change in record.changes_to("party.challenge")
    }
    assert "rule:leadership_challenge" in causes


def test_giving_ground_at_the_warnings_is_safer_than_standing_firm(campaign_scenario, stand_firm):
    give_ground = run_batch(campaign_scenario, SEEDS, _strategy("restraint_give_ground"))
    assert _share(give_ground, "removed_from_power") < _share(stand_firm, "removed_from_power")


def test_crash_collectivisation_without_the_police_can_break_the_state(campaign_scenario):
    result = run_batch(campaign_scenario, SEEDS, _strategy("crash_without_police"))
    assert _share(result, "collapse") >= 0.10, _endings(result)


def test_history_keeps_its_ending_and_its_leader(historical):
    endings = _endings(historical)
    assert endings.most_common(1)[0][0] == "reckoning_costly", endings
    assert endings["removed_from_power"] == 0 and endings["collapse"] == 0


def test_cutting_the_quota_at_every_famine_saves_lives_and_does_not_weaken_june_1941(
    campaign_scenario, historical
):
    s = campaign_scenario
    policy = HistoricalPolicy(s)
    policy.historical_choices["famine"] = "cut_quota"
    cut = run_batch(s, SEEDS, policy)
    deaths, readiness = s.layout.col("society.famine_deaths"), s.layout.col("army.readiness")
    assert np.median(cut.state.values[:, deaths]) < 0.6 * np.median(
        historical.state.values[:, deaths]
    )
    assert cut.state.values[:, readiness].mean() >= historical.state.values[:, readiness].mean()
    assert _share(cut, "reckoning_defeat") <= _share(historical, "reckoning_defeat")


def test_the_heuristic_player_has_no_sure_ending(campaign_scenario):
    result = run_batch(campaign_scenario, SEEDS, HeuristicPolicy())
    endings = _endings(result)
    assert endings.most_common(1)[0][1] / len(SEEDS) <= 0.50, endings


def _with_prisoners(tmp_path, prisoners: int):
    """The 1928 campaign with a wave of arrests in 1930 that sends `prisoners` thousand
    more people to the camps, and nothing else changed."""
    from tests.conftest import write_scenario

    folder = write_scenario(
        tmp_path / f"wave{prisoners}",
        {
            "events/wave.yaml": f"""
            events:
              - id: wave_of_arrests
                title: A wave of arrests
                text: Trains of prisoners leave for the camps.
                date: 1930-Q1
                effects:
                  - add: {{var: society.forced_labour, value: {prisoners}}}
            """
        },
        base=f"scenario:\n  id: wave{prisoners}\n  title: Wave\n  extends: ussr1928\n",
    )
    from game.content.loader import load_scenario

    s = load_scenario(folder)
    return s, run_batch(s, SEEDS[:200], HistoricalPolicy(s))


def test_forced_labour_is_not_free_output_it_costs_industry_arms_and_lives(tmp_path):
    s, none = _with_prisoners(tmp_path, 0)
    _, wave = _with_prisoners(tmp_path, 1500)

    def mean(result: BatchResult, var: str) -> float:
        return float(result.state.values[:, s.layout.col(var)].mean())

    assert mean(wave, "economy.heavy_industry") < mean(none, "economy.heavy_industry")
    assert mean(wave, "economy.armaments") < mean(none, "economy.armaments")
    assert mean(wave, "society.camp_deaths") > mean(none, "society.camp_deaths") + 100
