"""Property: the ledger is the whole truth. For random seeds and random legal orders and
choices over each shipped scenario, for every declared variable and quarter, the changes
the turn record lists for that variable sum to how far it really moved."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from tests.conftest import ROOT

SCENARIOS = ("ussr1928", "collective_security", "trotsky1927")
QUARTERS = 6


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request):
    return load_scenario(ROOT / "scenarios" / request.param)


def legal_orders(data, campaign: Campaign) -> Orders:
    """Orders a player could give now: open policies moved at random, allowed decisions."""
    legal = campaign.legal_orders()
    policies = {}
    for status in legal.policies:
        if status.allowed and data.draw(st.booleans()):
            levels = [level.value for level in status.policy.levels]
            policies[status.policy.id] = data.draw(st.sampled_from(levels))
    allowed = legal.allowed_decisions()
    decisions = data.draw(
        st.lists(st.sampled_from(allowed), unique=True, max_size=legal.max_decisions)
        if allowed
        else st.just([])
    )
    return Orders(policies, tuple(decisions))


def mismatches(scenario, before: dict[str, float], campaign: Campaign) -> list[str]:
    record = campaign.records[-1]
    found = []
    for variable in scenario.layout.declared():
        moved = campaign.value(variable.name) - before[variable.name]
        listed = math.fsum(c.delta for c in record.changes_to(variable.name))
        if not math.isclose(moved, listed, rel_tol=1e-9, abs_tol=1e-9):
            found.append(
                f"{record.date} {variable.name}: moved {moved:+.6g}, ledger says {listed:+.6g}"
            )
    return found


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_the_ledger_sums_to_each_variables_real_change(scenario, seed, data):
    campaign = Campaign(scenario, seed)
    found: list[str] = []
    for _ in range(QUARTERS):
        if campaign.is_over:
            break
        before = {v.name: campaign.value(v.name) for v in scenario.layout.declared()}
        events = campaign.submit(legal_orders(data, campaign))
        campaign.answer(
            {event.id: data.draw(st.sampled_from(open_ids)) for event, open_ids in events}
        )
        found += mismatches(scenario, before, campaign)
    assert found == []
