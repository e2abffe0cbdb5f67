"""The strategy search: it finds what is there to find, says what it found, and every
strategy it names replays through simulate to the figures it reported."""

import json

import numpy as np
import pytest

from game.content.loader import load_scenario
from game.sim.pareto import non_dominated
from game.sim.search import search
from game.sim.search_settings import Settings
from game.sim.search_targets import check_targets
from tests.conftest import ROOT, write_scenario
from tests.test_cli import run

USSR = str(ROOT / "scenarios" / "ussr1928")

# One strategy scores 24 points: a crash pace in 1930-31, a slow one in 1932-33 (one
# point a quarter each), the answer no one else gives to the offer of 1931 (eight
# points), and never the gamble the heuristic player takes every quarter (minus two).
# Nothing else reaches 'triumph'; the heuristic player ends 'plain'. Each quarter of
# crash pace costs lives (the human-cost axis): the best on points cannot be the best on
# lives, and what spares every life forgoes the eight points of the crash years.
TINY = """\
scenario:
  id: tiny
  title: A tiny scenario with one best strategy
  start: 1930-Q1
  end: 1933-Q4
  steps: [economy]
  max_decisions_per_turn: 1
variables:
  score.points: {group: score, min: 0, max: 100, initial: 0}
  society.deaths: {group: society, min: 0, max: 100, initial: 0}
  policy.pace: {group: economy, min: 0, max: 2, initial: 1, kind: level, labels: [slow, steady, crash]}
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: Slow}, {value: 1, label: Steady}, {value: 2, label: Crash}]
    ai_preference: 1
rules:
  - id: early_crash
    step: economy
    when: {all: [{before: 1932-Q1}, {equals: {var: policy.pace, value: 2}}]}
    effects: [{add: {var: score.points, value: 1}}]
  - id: crash_kills
    step: economy
    when: {equals: {var: policy.pace, value: 2}}
    effects: [{add: {var: society.deaths, value: 1}}]
  - id: late_rest
    step: economy
    when: {all: [{after: 1932-Q1}, {equals: {var: policy.pace, value: 0}}]}
    effects: [{add: {var: score.points, value: 1}}]
events:
  - id: offer
    title: An offer
    text: Three ways to answer.
    date: 1931-Q1
    until: 1931-Q1
    options:
      - {id: take, text: Take it., weight: 2}
      - {id: wait, text: Wait., weight: 1}
      - {id: refuse, text: Refuse., weight: 0, effects: [{add: {var: score.points, value: 8}}]}
decisions:
  - id: gamble
    title: Gamble
    text: Stake the points.
    ai_weight: 1
    effects: [{add: {var: score.points, value: -2}}]
endings:
  - {id: triumph, title: Triumph, at_end: true, when: {at_least: {var: score.points, value: 24}}}
  - {id: success, title: Success, at_end: true, when: {at_least: {var: score.points, value: 16}}}
  - {id: fair, title: Fair, at_end: true, when: {at_least: {var: score.points, value: 8}}}
  - {id: plain, title: Plain, at_end: true}
verdict:
  - id: lives
    title: Lives
    cost: true
    measures: [{var: society.deaths, worst: 8, best: 0}]
  - id: points
    title: Points
    measures: [{var: score.points, worst: 0, best: 24, history: 12}]
"""


@pytest.fixture
def tiny(tmp_path):
    return load_scenario(write_scenario(tmp_path / "tiny", {}, TINY))


def test_the_search_finds_the_one_strategy_that_reaches_triumph(tiny):
    result = search(tiny, Settings(budget=200, runs=4, seed=3, jobs=1))
    triumph = next(e.index for e in tiny.endings if e.id == "triumph")
    best = result.best_for_ending(triumph)
    assert best.outcome.endings[triumph] == 1.0
    assert list(best.strategy.levels[:, 0]) == [2, 2, 0, 0]
    offer = tiny.event("offer")
    assert offer.options[best.strategy.options[offer.index]].id == "refuse"
    assert (best.strategy.decisions == 0).all()
    plain = next(e.index for e in tiny.endings if e.id == "plain")
    assert result.heuristic.outcome.endings[plain] == 1.0
    assert best.origin.startswith("generation")  # found by the search, not given


def test_the_best_on_each_axis_is_found_with_its_price_on_the_other(tiny):
    result = search(tiny, Settings(budget=200, runs=4, seed=3, jobs=1))
    points, lives = result.best_on("points"), result.best_on("lives")
    assert points.outcome.axes == {"lives": 0.0, "points": 100.0}
    assert lives.outcome.axes["lives"] == 100.0
    assert lives.outcome.axes["points"] == pytest.approx(100 * 16 / 24)
    # Between the two, each quarter of crash pace trades a point for lives.
    front = result.front()
    assert front[0] is points and front[-1] is lives
    lives_along = [c.outcome.axes["lives"] for c in front]
    assert lives_along == sorted(lives_along) and len(set(lives_along)) == len(front) >= 3
    free_lunch, endings, fails, heuristic = check_targets(result)
    assert free_lunch.passed, free_lunch.figures
    assert "the best on Points (100) pays 100 points of Lives" in free_lunch.figures
    assert endings.passed and not heuristic.passed
    assert "plain in 100% of its campaigns" in heuristic.figures
    # The best on points scores 100 in every campaign: it never fails.
    assert not fails.passed and "below 50 in 0% of campaigns" in fails.figures


def test_a_free_lunch_fails_the_first_target(tmp_path):
    # Crash pace costs nothing here: the best on points is also the best on lives.
    free = TINY.replace("when: {equals: {var: policy.pace, value: 2}}", "when: {after: 1990-Q1}")
    scenario = load_scenario(write_scenario(tmp_path / "free", {}, free))
    result = search(scenario, Settings(budget=150, runs=2, seed=3, jobs=1))
    free_lunch = check_targets(result)[0]
    assert not free_lunch.passed
    assert free_lunch.figures.startswith("one strategy is best on every axis")


def test_the_same_seed_gives_the_same_search_with_any_number_of_workers(tiny):
    one = search(tiny, Settings(budget=90, runs=3, seed=8, jobs=1))
    two = search(tiny, Settings(budget=90, runs=3, seed=8, jobs=2))
    assert [c.strategy.key() for c in one.candidates] == [c.strategy.key() for c in two.candidates]
    assert [c.outcome for c in one.candidates] == [c.outcome for c in two.candidates]
    other = search(tiny, Settings(budget=90, runs=3, seed=9, jobs=1))
    assert [c.strategy.key() for c in other.candidates] != [
        c.strategy.key() for c in one.candidates
    ]


def test_the_budget_caps_the_strategies_evaluated(tiny):
    result = search(tiny, Settings(budget=30, runs=2, jobs=1))
    assert len(result.candidates) == 30
    assert len({c.strategy.key() for c in result.candidates}) == 30  # none played twice
    assert not result.candidates[0].deliberate  # the heuristic player comes first


def test_the_front_keeps_what_no_other_point_beats():
    points = np.array([[1, 5], [2, 2], [5, 1], [1, 1], [2, 2], [0, 6]])
    assert list(non_dominated(points)) == [0, 1, 2, 4, 5]
    assert list(non_dominated(np.zeros((0, 3)))) == []


def test_search_on_the_campaign_writes_scripts_that_simulate_replays(tmp_path):
    out, summary = tmp_path / "scripts", tmp_path / "search.json"
    result = run(
        "search", USSR, "--budget", "30", "--runs", "8", "--seed", "4",
        "--out", str(out), "--json", str(summary), "--jobs", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        "Searched 30 strategies" in result.stdout and "8 campaigns (seeds 4..11)" in result.stdout
    )
    assert "Each ending, and the deliberate strategy that reaches it most often:" in result.stdout
    assert "Targets (issue 12, item 8):" in result.stdout
    assert result.stdout.count("PASS ") + result.stdout.count("FAIL ") == 4
    data = json.loads(summary.read_text())
    assert len(data["candidates"]) == 30 and data["seeds"] == [4, 11]
    scripts = sorted(out.glob("*.json"))
    assert scripts and set(data["scripts"]) == {p.name for p in scripts}
    for path in scripts[:2]:
        script = json.loads(path.read_text())
        replayed = tmp_path / f"replay-{path.stem}.json"
        again = run(
            "simulate", USSR, "--policy", "scripted", "--script", str(path),
            "--seed", "4", "--runs", "8", "--json", str(replayed), "--jobs", "1",
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        endings = json.loads(replayed.read_text())["endings"]
        assert {e: endings[e]["count"] / 8 for e in endings} == pytest.approx(script["endings"])
        assert script["replay"].endswith(f"--script {path} --seed 4 --runs 8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--budget", "0"], "--budget must be at least 1"),
        (["--runs", "0"], "--runs must be at least 1"),
        (["--seed", "-1"], "--seed must not be negative"),
    ],
)
def test_search_refuses_bad_arguments_clearly(args, message):
    result = run("search", USSR, *args)
    assert result.returncode == 2 and message in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("scenario_id", ["ussr1928", "collective_security", "trotsky1927"])
def test_every_path_costs_something_in_each_shipped_scenario(scenario_id):
    """The four targets of issue 12, item 8, on a small budget (240 strategies of 50
    campaigns), for each scenario."""
    result = search(load_scenario(scenario_id), Settings(budget=240, runs=50, seed=1))
    targets = check_targets(result)
    assert all(t.passed for t in targets), "\n".join(t.line() for t in targets)
