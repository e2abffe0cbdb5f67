"""Property tests: random legal play never breaks the state; mutated input never crashes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.diagnostics import ContentError
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.saves import SaveError, load_save, write_save
from game.sim.batch import play_campaign
from game.sim.policies import RandomPolicy
from tests.conftest import FIXTURES, ROOT, write_scenario

SCENARIOS = {"golden": FIXTURES / "golden", "ussr1928": ROOT / "scenarios" / "ussr1928"}
_loaded: dict[str, object] = {}


def scenario(name):
    if name not in _loaded:
        _loaded[name] = load_scenario(SCENARIOS[name])
    return _loaded[name]


def assert_sane(campaign: Campaign) -> None:
    layout = campaign.scenario.layout
    values = campaign.state.values[0]
    assert np.all(np.isfinite(values[: len(layout.declared()) + 1]))
    declared = layout.declared()
    for var in declared:
        value = campaign.value(var.name)
        assert var.minimum <= value <= var.maximum, (var.name, value)


def play_randomly(data, campaign: Campaign) -> None:
    while not campaign.is_over:
        legal = campaign.legal_orders()
        policies = {}
        for status in legal.policies:
            if status.allowed and data.draw(st.booleans()):
                policies[status.policy.id] = data.draw(
                    st.sampled_from([lvl.value for lvl in status.policy.levels])
                )
        allowed = legal.allowed_decisions()
        decisions = (
            data.draw(st.lists(st.sampled_from(allowed), unique=True, max_size=legal.max_decisions))
            if allowed
            else []
        )
        events = campaign.submit(Orders(policies, tuple(decisions)))
        campaign.answer({e.id: data.draw(st.sampled_from(options)) for e, options in events})
        assert_sane(campaign)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_random_legal_play_keeps_the_state_sane(name, data, seed):
    campaign = Campaign(scenario(name), seed)
    play_randomly(data, campaign)
    assert campaign.ending is not None
    assert (
        Campaign.replay(campaign.scenario, seed, campaign.records).state.digest()
        == campaign.state.digest()
    )


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_thousand_random_campaigns_stay_in_range(name):
    from game.sim.batch import run_batch

    sim = scenario(name)
    result = run_batch(sim, list(range(1000)), RandomPolicy())
    declared = [sim.layout.col(v.name) for v in sim.layout.declared()]
    values = result.state.values[:, declared]
    assert np.all(np.isfinite(values))
    assert np.all(values >= sim.layout.minimum[declared]) and np.all(
        values <= sim.layout.maximum[declared]
    )
    assert np.all(result.endings >= 0)


GOLDEN_TEXT = (FIXTURES / "golden" / "scenario.yaml").read_text(encoding="utf-8")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    position=st.integers(min_value=0, max_value=len(GOLDEN_TEXT) - 1),
    cut=st.integers(min_value=0, max_value=12),
    insert=st.text(alphabet=st.sampled_from(list(" :-[]{}&*!#'\"\n\tabc0.19_|>%@`,?")), max_size=6),
)
def test_mutated_scenario_files_give_errors_or_a_scenario(tmp_path_factory, position, cut, insert):
    text = GOLDEN_TEXT[:position] + insert + GOLDEN_TEXT[position + cut :]
    folder = write_scenario(tmp_path_factory.mktemp("mutant"), {}, base=text)
    try:
        load_scenario(folder)
    except ContentError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.column >= 1 and diagnostic.message


@pytest.fixture(scope="module")
def good_save(tmp_path_factory):
    path = tmp_path_factory.mktemp("saves") / "good.json"
    write_save(play_campaign(scenario("golden"), 3, RandomPolicy()), path)
    return path.read_text(encoding="utf-8")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    position=st.integers(min_value=0, max_value=5000),
    cut=st.integers(min_value=0, max_value=20),
    insert=st.text(max_size=5),
)
def test_mutated_saves_give_a_clear_message_or_a_campaign(
    tmp_path_factory, good_save, position, cut, insert
):
    position = position % len(good_save)
    path = tmp_path_factory.mktemp("mutant") / "save.json"
    path.write_text(good_save[:position] + insert + good_save[position + cut :], encoding="utf-8")
    try:
        campaign = load_save(path, scenario("golden"))
    except SaveError as error:
        assert str(error)
    else:
        assert (
            campaign.state.digest()
            == json.loads(path.read_text(encoding="utf-8"))["snapshot"]["digest"]
        )
