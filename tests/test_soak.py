"""The soak: whole campaigns with every turn checked, and broken state caught and pinned."""

from __future__ import annotations

import shlex

import numpy as np
import pytest

from game.cli import main
from game.content.loader import check_scenario, load_scenario
from game.core import pipeline
from game.core.context import TurnContext
from game.sim import batch as batch_module
from game.sim.batch import run_batch
from game.sim.policies import HeuristicPolicy, RandomPolicy
from game.sim.soak import TurnChecker
from tests.conftest import FIXTURES, ROOT, write_scenario

SHIPPED = sorted(
    folder.name
    for folder in (ROOT / "scenarios").iterdir()
    if (folder / "scenario.yaml").is_file() and check_scenario(folder)[0] is not None
)

# A random event that overflows a product into inf - inf: a NaN that the clamping of
# writes lets through, reached through content a modder could write.
OVERFLOW_EVENT = """
events:
  - id: overflow
    title: Overflow
    text: The numbers overflow.
    mtth: 12
    effects:
      - set:
          var: economy.output
          value:
            difference:
              - {product: [economy.output, 1e308, 1e308]}
              - {product: [economy.output, 1e308, 1e308]}
"""

# A random event that adds far beyond the variable's range (0..200): harmless while
# writes are clamped, a violation on any path that skips the clamp.
WINDFALL_EVENT = """
events:
  - id: windfall
    title: Windfall
    text: Output jumps.
    mtth: 12
    effects: [{add: {var: economy.output, value: 500}}]
"""


# Unrest that climbs by chance, so that some campaigns collapse early and others last.
RISING_UNREST_RULE = """
rules:
  - id: rising_unrest
    step: economy
    effects: [{add: {var: society.unrest, value: {random: {min: 0, max: 16}}}}]
"""


def soak(*args: str) -> int:
    return main(["soak", *args])


def reported(out: str) -> tuple[int, int, str]:
    """Seed, turn and the reproduce command from a failed soak's output."""
    failed = next(line for line in out.splitlines() if line.startswith("FAILED: "))
    seed = int(failed.split("seed ")[1].split(",")[0])
    turn = int(failed.split("turn ")[1].split(" ")[0])
    command = next(line for line in out.splitlines() if line.startswith("reproduce: "))
    return seed, turn, command.removeprefix("reproduce: ")


def first_bad_turn(scenario, seed: int, policy, variable: str, bad) -> int | None:
    """Independently of the soak: the first turn after which a lone campaign holds a bad value."""
    turns = range(scenario.calendar.n_turns)
    result = run_batch(scenario, [seed], policy, keep_turns=turns)
    column = scenario.layout.col(variable)
    for turn in turns:
        snapshot = result.snapshots.get(turn)
        if snapshot is not None and bad(snapshot[0, column]):
            return turn
    return None


@pytest.mark.parametrize("name", [*SHIPPED, "golden"])
def test_shipped_scenarios_survive_a_short_soak_under_both_policies(name, capsys):
    scenario = str(FIXTURES / "golden") if name == "golden" else name
    assert soak(scenario, "--runs", "500", "--policy", "random,heuristic") == 0
    out = capsys.readouterr().out
    assert "OK: 1000 campaigns" in out
    assert "random" in out and "heuristic" in out
    turns = int(out.split("campaigns, ")[1].split(" turns")[0].replace(",", ""))
    assert turns >= 1000  # every campaign played at least one checked turn


def test_the_1928_campaign_is_among_the_soaked_scenarios():
    assert "ussr1928" in SHIPPED


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_a_nan_from_content_is_caught_with_the_seed_and_a_command_that_reproduces_it(
    tmp_path, capsys
):
    folder = write_scenario(tmp_path / "nan", {"events/overflow.yaml": OVERFLOW_EVENT})
    assert soak(str(folder), "--runs", "200", "--policy", "random", "--seed", "1") == 1
    out = capsys.readouterr().out
    assert "economy.output = nan is not a finite number" in out
    seed, turn, command = reported(out)
    assert 1 <= seed <= 200
    scenario = load_scenario(folder)
    assert first_bad_turn(scenario, seed, RandomPolicy(), "economy.output", np.isnan) == turn

    argv = shlex.split(command)
    assert argv[:3] == ["python", "-m", "game"]
    assert main(argv[3:]) == 1
    assert reported(capsys.readouterr().out)[:2] == (seed, turn)


def test_a_value_out_of_its_range_is_caught_when_a_write_skips_the_clamp(
    tmp_path, capsys, monkeypatch
):
    folder = write_scenario(tmp_path / "windfall", {"events/windfall.yaml": WINDFALL_EVENT})
    assert soak(str(folder), "--runs", "100", "--policy", "heuristic") == 0
    capsys.readouterr()

    def unclamped_write(self, column, new, mask):
        self.values[:, column] = np.where(mask, new, self.values[:, column])

    monkeypatch.setattr(TurnContext, "write", unclamped_write)
    assert soak(str(folder), "--runs", "100", "--policy", "heuristic") == 1
    out = capsys.readouterr().out
    assert "economy.output = " in out and "is outside its declared range 0..200" in out
    seed, turn, _ = reported(out)
    scenario = load_scenario(folder)
    over = first_bad_turn(scenario, seed, HeuristicPolicy(), "economy.output", lambda v: v > 200)
    assert over == turn


def never_advance(scenario, ctx, active):
    """A broken clock: the turn counter stands still."""


def never_end(scenario, ctx, active):
    """A broken end check: no campaign ever reaches an ending."""


def meddle_after_the_end(scenario, ctx, active):
    """Writes into campaigns that have already ended."""
    real_check_end(scenario, ctx, active)
    ctx.values[~active, scenario.layout.col("party.control")] += 1


real_check_end = pipeline._check_end


@pytest.mark.parametrize(
    "target, broken, message",
    [
        ("_advance", never_advance, "turn = 0.0 should be 1"),
        ("_check_end", never_end, "reached no ending after 12 turns"),
        ("_check_end", meddle_after_the_end, "changed in a campaign that had already ended"),
    ],
)
def test_a_broken_clock_or_ending_is_caught(tmp_path, monkeypatch, capsys, target, broken, message):
    folder = write_scenario(tmp_path / "unrest", {"rules/unrest.yaml": RISING_UNREST_RULE})
    ended_early = run_batch(load_scenario(folder), list(range(1, 51)), RandomPolicy()).end_turns
    assert (ended_early < 11).any() and (ended_early == 11).any()
    monkeypatch.setattr(pipeline, target, broken)
    assert soak(str(folder), "--runs", "50", "--policy", "random") == 1
    out = capsys.readouterr().out
    assert message in out and "random policy, seed " in out


def test_a_crash_is_narrowed_down_to_one_campaign_that_crashes_alone(tmp_path, capsys, monkeypatch):
    folder = write_scenario(tmp_path / "windfall", {"events/windfall.yaml": WINDFALL_EVENT})
    scenario = load_scenario(folder)
    fired = scenario.layout.col("_event.windfall.fired")
    real = pipeline.finish_turn

    def crash_after_windfall(pending, choices):
        if (pending.state.values[:, fired] > 0).any():
            raise ZeroDivisionError("planted crash")
        return real(pending, choices)

    monkeypatch.setattr(batch_module, "finish_turn", crash_after_windfall)
    assert soak(str(folder), "--runs", "300", "--policy", "random") == 1
    out = capsys.readouterr().out
    assert "the game raised ZeroDivisionError: planted crash" in out
    seed, turn, _ = reported(out)
    with pytest.raises(ZeroDivisionError):
        run_batch(scenario, [seed], RandomPolicy())
    monkeypatch.undo()
    assert first_bad_turn(scenario, seed, RandomPolicy(), "_event.windfall.fired", bool) == turn


@pytest.mark.parametrize("policy", [RandomPolicy(), HeuristicPolicy()], ids=["random", "heuristic"])
def test_checking_every_turn_changes_no_campaign(campaign_scenario, policy):
    seeds = list(range(40))
    plain = run_batch(campaign_scenario, seeds, policy)
    checker = TurnChecker(campaign_scenario, policy.name)
    checked = run_batch(campaign_scenario, seeds, policy, on_turn=checker.after_turn)
    assert [checked.state.digest(r) for r in range(40)] == [
        plain.state.digest(r) for r in range(40)
    ]
    assert checker.campaign_turns == int(plain.end_turns.sum()) + 40


@pytest.mark.parametrize(
    "args, message",
    [
        (["--policy", "bogus"], "not bogus"),
        (["--policy", "scripted"], "not scripted"),
        (["--runs", "0"], "--runs must be at least 1"),
        (["--seed", "-1"], "--seed must be between"),
    ],
)
def test_bad_arguments_are_refused(capsys, args, message):
    assert soak(str(FIXTURES / "golden"), *args) == 2
    assert message in capsys.readouterr().err


def test_a_broken_scenario_is_reported_not_soaked(tmp_path, capsys):
    folder = write_scenario(tmp_path / "broken", {"events/bad.yaml": "events: [{id: 1}]\n"})
    assert soak(str(folder), "--runs", "10") == 1
    err = capsys.readouterr().err
    assert "bad.yaml:1:" in err and "error" in err
