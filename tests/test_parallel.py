"""Campaigns played in worker processes: a campaign's result depends only on its seed,
so the workers, the chunks they play and the order they finish in change no figure."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from game.cli import main
from game.sim.balance import BalanceTally
from game.sim.batch import run_batch
from game.sim.parallel import can_fork, map_chunks, tally_chunks
from game.sim.policies import HeuristicPolicy, RandomPolicy
from game.sim.summary import BatchSummary

needs_fork = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


def final_values(scenario, seeds, policy) -> np.ndarray:
    return run_batch(scenario, seeds, policy).state.values


class Counted:
    """The balance tally and the summary of a run, together: what simulate keeps."""

    def __init__(self, scenario, policy: str) -> None:
        self.balance = BalanceTally(scenario)
        self.summary = BatchSummary(scenario, policy)

    def begin(self, seeds):
        self.balance.begin(seeds)

    def observe(self, before, result):
        self.balance.observe(before, result)

    def end(self, result):
        self.balance.end(result)
        self.summary.add(result)

    def merge(self, later):
        self.balance.merge(later.balance)
        self.summary.merge(later.summary)


def counted_in_one_batch(scenario, seeds, policy) -> Counted:
    counted = Counted(scenario, policy.name)
    counted.begin(np.asarray(seeds, dtype=np.uint64))
    counted.end(run_batch(scenario, seeds, policy, on_turn=counted.observe))
    return counted


def test_two_chunks_counted_apart_and_merged_give_the_figures_of_both_counted_at_once(
    campaign_scenario,
):
    policy = RandomPolicy()
    seeds = list(range(40, 100))
    whole = counted_in_one_batch(campaign_scenario, seeds, policy)
    first = counted_in_one_batch(campaign_scenario, seeds[:25], policy)
    first.merge(counted_in_one_batch(campaign_scenario, seeds[25:], policy))
    assert first.balance.report("random").to_dict() == whole.balance.report("random").to_dict()
    assert first.summary.to_dict() == whole.summary.to_dict()
    assert first.summary.runs == len(seeds)


def test_a_tally_merged_into_an_empty_one_keeps_its_figures(campaign_scenario):
    policy = HeuristicPolicy()
    alone = counted_in_one_batch(campaign_scenario, list(range(5, 35)), policy)
    merged = Counted(campaign_scenario, policy.name)
    merged.merge(counted_in_one_batch(campaign_scenario, list(range(5, 35)), policy))
    assert merged.balance.report("heuristic") == alone.balance.report("heuristic")
    assert merged.summary.to_dict() == alone.summary.to_dict()


@needs_fork
@pytest.mark.parametrize("policy", [RandomPolicy(), HeuristicPolicy()], ids=lambda p: p.name)
def test_campaigns_played_by_two_workers_end_exactly_as_in_one_process(campaign_scenario, policy):
    seeds = list(range(300, 420))
    parts = list(
        map_chunks(campaign_scenario, seeds, policy, final_values, chunk=35, jobs=2),
    )
    assert [len(p) for p in parts] == [35, 35, 35, 15]  # in seed order, whoever finished first
    assert np.array_equal(np.concatenate(parts), final_values(campaign_scenario, seeds, policy))


@needs_fork
def test_tallies_counted_by_workers_merge_into_the_figures_of_one_process(campaign_scenario):
    policy = RandomPolicy()
    seeds = list(range(1000, 1090))
    done: list[int] = []
    merged = tally_chunks(
        campaign_scenario,
        seeds,
        policy,
        lambda: Counted(campaign_scenario, policy.name),
        chunk=20,
        jobs=2,
        on_chunk=done.append,
    )
    whole = counted_in_one_batch(campaign_scenario, seeds, policy)
    assert done == [20, 20, 20, 20, 10]
    assert merged.balance.report("random").to_dict() == whole.balance.report("random").to_dict()
    assert merged.summary.to_dict() == whole.summary.to_dict()


def simulate(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["simulate", *args])
    return status, out.getvalue(), err.getvalue()


@needs_fork
def test_simulate_with_two_jobs_prints_and_writes_what_one_job_does(tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        json_path, report = tmp_path / f"run{jobs}.json", tmp_path / f"run{jobs}.html"
        status, stdout, stderr = simulate(
            "ussr1928", "--runs", "250", "--policy", "random", "--jobs", jobs,
            "--json", str(json_path), "--report", str(report),
        )  # fmt: skip
        assert status == 0, stderr
        assert "simulating: 250 of 250 campaigns (100%)" in stderr
        summary = stdout.split("\n", 1)[1].replace(str(tmp_path), "").replace(f"run{jobs}", "run")
        outputs[jobs] = (summary, json_path.read_text(), report.read_text())
    assert outputs["1"] == outputs["2"]


def test_simulate_refuses_no_workers():
    status, _, stderr = simulate("ussr1928", "--runs", "5", "--jobs", "0")
    assert status == 2 and "--jobs must be at least 1" in stderr
