"""Same scenario, seed, orders and choices: the same state, bit for bit. (The pinned
digests live in the golden playthroughs, tests/rules/test_golden.py.)"""

import numpy as np
import pytest

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.pipeline import begin_turn
from game.sim import batch as batch_module
from game.sim.batch import play_campaign, run_batch
from game.sim.policies import HeuristicPolicy, RandomPolicy
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def golden():
    return load_scenario(GOLDEN)


@pytest.mark.parametrize("policy", [RandomPolicy(), HeuristicPolicy()], ids=["random", "heuristic"])
def test_replaying_orders_and_choices_gives_the_same_state(golden, policy):
    for seed in range(5):
        played = play_campaign(golden, seed, policy)
        replayed = Campaign.replay(golden, seed, played.records)
        assert replayed.state.digest() == played.state.digest()
        assert [r.to_dict() for r in replayed.records] == [r.to_dict() for r in played.records]


@pytest.mark.parametrize("policy", [RandomPolicy(), HeuristicPolicy()], ids=["random", "heuristic"])
def test_row_of_a_batch_is_the_lone_campaign_with_that_seed(golden, policy):
    seeds = list(range(100, 140))
    batch = run_batch(golden, seeds, policy)
    for row in (0, 7, 23, 39):
        alone = play_campaign(golden, seeds[row], policy)
        assert batch.state.digest(row) == alone.state.digest()


def test_different_seeds_give_different_campaigns(golden):
    batch = run_batch(golden, list(range(50)), RandomPolicy())
    digests = {batch.state.digest(row) for row in range(50)}
    assert len(digests) == 50


def test_a_batch_of_a_thousand_is_one_vectorised_run(golden, monkeypatch):
    calls = []
    real = begin_turn

    def counting(scenario, state, orders, **kwargs):
        calls.append(state.batch)
        return real(scenario, state, orders, **kwargs)

    monkeypatch.setattr(batch_module, "begin_turn", counting)
    result = run_batch(golden, list(range(1000)), RandomPolicy())
    assert len(calls) <= golden.calendar.n_turns
    assert set(calls) == {1000}
    assert np.all(result.endings >= 0)


def test_the_ussr1928_campaign_replays_exactly(campaign_scenario):
    played = play_campaign(campaign_scenario, 11, HeuristicPolicy())
    assert played.is_over
    assert (
        Campaign.replay(campaign_scenario, 11, played.records).state.digest()
        == played.state.digest()
    )
