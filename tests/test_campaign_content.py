"""The 1928-1941 campaign as content: its size, its sources, its calibration and balance."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.loader import check_scenario
from game.sim.batch import merge, run_batch
from game.sim.calibration import calibrate, figure_turns
from game.sim.policies import HeuristicPolicy, HistoricalPolicy, RandomPolicy
from game.sim.summary import BatchSummary
from tests.conftest import ROOT

REQUIRED_TURNING_POINTS = [
    "shakhty_trial",
    "trotsky_expelled",
    "dekulakisation",
    "dizzy_with_success",
    "famine",
    "hitler_chancellor",
    "us_recognition",
    "kirov_murder",
    "seventh_congress",
    "spanish_civil_war",
    "international_brigades",
    "great_terror",
    "army_purge",
    "marco_polo_bridge",
    "munich",
    "litvinov_dismissal",
    "pact_with_germany",
    "war_in_europe",
    "winter_war",
    "western_annexations",
    "khalkhin_gol",
    "warnings_1941",
]


def test_the_campaign_validates_without_warnings():
    scenario, diagnostics = check_scenario(ROOT / "scenarios" / "ussr1928")
    assert scenario is not None and diagnostics == []


def test_the_campaign_has_its_content(campaign_scenario):
    s = campaign_scenario
    assert s.calendar.n_turns == 51
    assert len(s.events) >= 100 and len(s.decisions) >= 25 and len(s.endings) >= 5
    sourced = [e for e in s.events if any(src.file.endswith(".txt") for src in e.lore.sources)]
    assert len(sourced) >= 60
    ids = {e.id for e in s.events}
    assert not [t for t in REQUIRED_TURNING_POINTS if t not in ids]
    groups = {g["id"] for g in s.groups}
    assert groups == {"gosplan", "politburo", "comintern", "nkid"}
    for year in range(1929, 1941):
        first, last = s.calendar.turn_of(f"{year}-Q1"), s.calendar.turn_of(f"{year}-Q4")
        for group in groups:
            assert any(
                e.group == group and e.window[0] <= last and e.window[1] >= first for e in s.events
            ), (year, group)
    assert len(s.record.figures) >= 12


def test_calibration_the_historical_policy_lands_within_the_historians_ranges(campaign_scenario):
    s = campaign_scenario
    result = run_batch(s, list(range(100)), HistoricalPolicy(s), keep_turns=figure_turns(s))
    checks = calibrate(s, result)
    within = [c for c in checks if c.within]
    assert len(checks) >= 12
    assert len(within) >= 10, [
        (c.title, c.simulated, c.low, c.high) for c in checks if not c.within
    ]


def test_the_calibration_names_the_archival_source_of_every_range(campaign_scenario, capsys):
    from game.cli import main

    assert main(["simulate", "ussr1928", "--policy", "historical", "--runs", "100"]) == 0
    out = capsys.readouterr().out
    lines = out[out.index("Calibration against") :].splitlines()
    assert "historians' range" not in out
    figures = campaign_scenario.record.figures
    for figure in figures:
        title = next(i for i, line in enumerate(lines) if line.startswith(f"  {figure.title} "))
        assert figure.range_from and lines[title + 1].strip() == f"range: {figure.range_from}"
    # Periods match the variables: the Terror's executions are counted over 1937-38 alone.
    executions = next(line for line in lines if line.startswith("  Executions of the Great"))
    assert "(counted from 1937-Q1)" in executions
    within = sum(line.endswith("  within") for line in lines)
    assert within >= 10


def test_balance_every_event_fires_and_the_endings_are_varied(campaign_scenario):
    s = campaign_scenario
    random_summary, heuristic_summary = BatchSummary(s, "random"), BatchSummary(s, "heuristic")
    chunks = [list(range(start, start + 2500)) for start in range(0, 10_000, 2500)]
    random_results = [run_batch(s, seeds, RandomPolicy()) for seeds in chunks]
    heuristic_results = [run_batch(s, seeds, HeuristicPolicy()) for seeds in chunks]
    for r in random_results:
        random_summary.add(r)
    for r in heuristic_results:
        heuristic_summary.add(r)
    fired = merge(random_results).fire_counts().sum(axis=0) + merge(
        heuristic_results
    ).fire_counts().sum(axis=0)
    never = [e.id for e in s.events if fired[e.index] == 0]
    assert never == []
    reached = {e for e, n in random_summary.ending_counts.items() if n} | {
        e for e, n in heuristic_summary.ending_counts.items() if n
    }
    assert len(reached) >= 5, reached
    shares = np.array(list(heuristic_summary.ending_counts.values())) / heuristic_summary.runs
    assert shares.max() <= 0.60, heuristic_summary.ending_counts


@pytest.mark.parametrize("scenario_id", ["ussr1928", "collective_security", "trotsky1927"])
def test_always_taking_the_first_option_shown_does_not_replay_history(scenario_id):
    from game.content.loader import load_scenario
    from game.ui.describe import option_order

    scenario = load_scenario(scenario_id)
    marked = [
        e for e in scenario.events if len(e.options) > 1 and any(o.historical for o in e.options)
    ]
    first = [e.option(option_order(e.id, [o.id for o in e.options])[0]) for e in marked]
    assert len(marked) > 20
    assert sum(o.historical for o in first) / len(marked) < 0.6
