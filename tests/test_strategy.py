"""Deliberate strategies, the form the strategy search explores and writes: policy levels
by period, decision preferences and preferred answers, the heuristic filling the gaps."""

import json

import numpy as np
import pytest

from game.content.loader import load_scenario
from game.core.layout import event_columns
from game.sim.batch import play_campaign, run_batch
from game.sim.policies import HeuristicPolicy, make_policy
from game.sim.strategy import Strategy, describe, period_starts
from game.sim.strategy_policy import StrategyPolicy
from tests.conftest import FIXTURES
from tests.test_cli import GOLDEN, run


@pytest.fixture(scope="module")
def golden():
    return load_scenario(FIXTURES / "golden")


def strategy(golden, periods):
    return Strategy.from_json(golden, {"strategy": {"periods": periods}})


def test_periods_start_with_a_year_and_split_the_campaign_evenly(golden, campaign_scenario):
    assert [golden.calendar.label(t) for t in period_starts(golden, 4)] == [
        "1930-Q1",
        "1931-Q1",
        "1932-Q1",
        "1933-Q1",
    ]
    assert [campaign_scenario.calendar.label(t) for t in period_starts(campaign_scenario, 4)] == [
        "1928-Q4",
        "1932-Q1",
        "1935-Q1",
        "1938-Q1",
    ]


def test_a_strategy_that_names_nothing_is_the_heuristic_player(golden):
    seeds = list(range(1, 301))
    heuristic = run_batch(golden, seeds, HeuristicPolicy())
    empty = run_batch(golden, seeds, StrategyPolicy([Strategy.heuristic(golden, (0,))]))
    np.testing.assert_array_equal(heuristic.state.values, empty.state.values)


def test_a_policy_is_held_at_its_level_in_each_period(golden):
    # The heuristic wants a crash pace while unrest is low; the strategy holds it slow
    # for 1930-31, then crash, whatever unrest does.
    plan = strategy(
        golden,
        [
            {"from": "1930-Q1", "policies": {"pace": 0}},
            {"from": "1932-Q1", "policies": {"pace": 2}},
        ],
    )
    campaign = play_campaign(golden, 3, StrategyPolicy([plan]))
    ordered = {
        golden.calendar.label(r.turn): r.orders.policies.get("pace") for r in campaign.records
    }
    assert ordered["1930-Q1"] == 0 and ordered["1932-Q1"] == 2
    assert all(v is None for d, v in ordered.items() if d not in ("1930-Q1", "1932-Q1"))


def test_a_decision_weighted_zero_is_never_taken_and_one_above_zero_whenever_allowed(golden):
    never = strategy(golden, [{"from": "1930-Q1", "decisions": {"pact": 0, "machines": 0}}])
    always = strategy(golden, [{"from": "1930-Q1", "decisions": {"pact": 1, "machines": 0.5}}])
    seeds = list(range(1, 51))
    for row in range(len(seeds)):
        refused = play_campaign(golden, seeds[row], StrategyPolicy([never]))
        assert not any(r.orders.decisions for r in refused.records)
    taken = play_campaign(golden, 1, StrategyPolicy([always]))
    # The pact can be proposed once, in the first quarter; machines every quarter the
    # purse allows, after the pact (lower weight).
    assert taken.records[0].orders.decisions == ("pact", "machines")
    assert all("pact" not in r.orders.decisions for r in taken.records[1:])
    bought = [r for r in taken.records if "machines" in r.orders.decisions]
    assert len(bought) >= 4


def test_a_preferred_answer_is_given_when_the_event_fires(golden):
    plan = Strategy.from_json(
        golden, {"strategy": {"periods": [{"from": "1930-Q1"}], "choices": {"harvest": "import"}}}
    )
    result = run_batch(golden, list(range(1, 201)), StrategyPolicy([plan]), record=True)
    answers = [
        choice for records in result.records for r in records for choice in r.choices.items()
    ]
    assert answers and all(c == ("harvest", "import") for c in answers)
    # The heuristic, left alone, mostly requisitions (weight 2 against 1).
    heuristic = run_batch(golden, list(range(1, 201)), HeuristicPolicy(), record=True)
    own = [c for records in heuristic.records for r in records for c in r.choices.values()]
    assert own.count("requisition") > own.count("import")


def test_each_row_of_a_batch_of_strategies_plays_as_that_strategy_alone(golden):
    plans = [
        Strategy.heuristic(golden, (0, 8)),
        strategy(golden, [{"from": "1930-Q1", "policies": {"pace": 2}}, {"from": "1932-Q1"}]),
        strategy(
            golden,
            [
                {"from": "1930-Q1", "policies": {"pace": 0}, "decisions": {"machines": 1}},
                {"from": "1932-Q1", "policies": {"pace": 1}, "decisions": {"pact": 1}},
            ],
        ),
    ]
    seeds = np.array([4, 5, 6, 7])
    rows = np.repeat(np.arange(3), len(seeds))
    mixed = run_batch(golden, np.tile(seeds, 3), StrategyPolicy(plans, rows))
    for k, plan in enumerate(plans):
        alone = run_batch(golden, seeds, StrategyPolicy([plan]))
        np.testing.assert_array_equal(mixed.state.values[k * 4 : (k + 1) * 4], alone.state.values)
    fired = golden.layout.col(event_columns("harvest")["fired"])
    assert mixed.state.values[:, fired].sum() > 0  # the events fired: answers were compared


def test_the_json_form_reads_back_as_the_same_strategy(golden):
    plan = Strategy.from_json(
        golden,
        {
            "strategy": {
                "periods": [
                    {"from": "1930-Q1", "policies": {"pace": 2}, "decisions": {"pact": 0}},
                    {"from": "1932-Q1", "policies": {"pace": 0}, "decisions": {"machines": 0.7}},
                ],
                "choices": {"harvest": "import"},
            }
        },
    )
    again = Strategy.from_json(golden, json.loads(json.dumps(plan.to_json(golden))))
    assert again.key() == plan.key()
    assert describe(golden, plan) == (
        "Pace: Crash until 1931, Slow from 1932; 2 more decisions by period; 1 event answer set"
    )
    assert "takes Machines from 1932; never Pact until 1931" in describe(golden, plan, detail=True)


def test_simulate_replays_a_strategy_script_and_keeps_the_old_forms(tmp_path):
    script = tmp_path / "strategy.json"
    script.write_text(
        json.dumps({"strategy": {"periods": [{"from": "1930-Q1", "policies": {"pace": 0}}]}})
    )
    out = tmp_path / "summary.json"
    result = run(
        "simulate", GOLDEN, "--runs", "50", "--policy", "scripted", "--script", str(script),
        "--json", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # A slow pace throughout never lets unrest reach the revolt.
    assert json.loads(out.read_text())["endings"]["revolt"]["count"] == 0
    by_date = tmp_path / "dates.json"
    by_date.write_text(json.dumps({"1930-Q1": {"orders": {"policies": {"pace": 0}}}}))
    policy = make_policy("scripted", load_scenario(GOLDEN), by_date)
    assert policy.name == "scripted" and not isinstance(policy, StrategyPolicy)


@pytest.mark.parametrize(
    "body, message",
    [
        (
            {"periods": [{"from": "1930-Q1", "policies": {"tempo": 1}}]},
            "there is no policy 'tempo'",
        ),
        ({"periods": [{"from": "1930-Q1", "policies": {"pace": 5}}]}, "pace has no level 5"),
        ({"periods": [{"from": "1931-Q1"}]}, "must start at the first quarter (1930-Q1)"),
        ({"choices": {"harvest": "pray"}}, "event harvest has no option 'pray'"),
        ({"periods": [{"from": "spring"}]}, "'spring' is not a quarter date"),
    ],
)
def test_a_wrong_strategy_script_is_refused_with_its_reason(tmp_path, body, message):
    script = tmp_path / "bad.json"
    script.write_text(json.dumps({"strategy": body}))
    result = run("simulate", GOLDEN, "--policy", "scripted", "--script", str(script))
    assert result.returncode == 2
    assert message in result.stderr and str(script) in result.stderr
