"""The map's borders follow the campaign (issue 14, item 1): each region's owner is read
from the state by the scenario's conditions, so the partition of Poland, the Baltic
states, Bessarabia, the Finnish border and Japan's advance appear when the events that
make them have happened, and not when the player refused them."""

from __future__ import annotations

import pytest

from game.core.campaign import Campaign
from game.core.judge import view
from game.core.territory import owners
from game.sim.batch import run_batch
from game.sim.policies import HistoricalPolicy
from tests.test_foreign_affairs import _script


def _held_at(scenario, date, policy, seed=3):
    record = run_batch(scenario, [seed], policy, record=True).records[0]
    campaign = Campaign.replay(scenario, seed, record[: scenario.calendar.turn_of(date)])
    return owners(scenario.map, view(scenario, campaign.state))


@pytest.fixture(scope="module")
def history(campaign_scenario):
    policy = HistoricalPolicy(campaign_scenario)
    return {
        date: _held_at(campaign_scenario, date, policy)
        for date in ("1929-Q1", "1933-Q1", "1939-Q1", "1940-Q1", "1941-Q1")
    }


def test_the_settlement_of_the_1920s_is_the_map_of_1928(history):
    held = history["1929-Q1"]
    assert held["west_belorussia"] == held["west_ukraine"] == held["vilna"] == "poland"
    assert held["bessarabia"] == "romania"
    assert held["karelia"] == "finland"
    assert held["sudetenland"] == held["slovakia"] == "czechoslovakia"
    assert (held["latvia"], held["manchuria"]) == ("latvia", "china")


def test_japan_takes_manchuria_in_1931_and_the_coast_of_china_in_1937_38(history):
    assert history["1933-Q1"]["manchuria"] == "japan"
    assert history["1933-Q1"]["occupied_china"] == "china"
    assert history["1940-Q1"]["occupied_china"] == "japan"


def test_munich_and_the_end_of_czechoslovakia(history):
    assert history["1939-Q1"]["sudetenland"] == "germany"
    assert history["1939-Q1"]["bohemia_moravia"] == "czechoslovakia"
    assert history["1940-Q1"]["bohemia_moravia"] == "germany"
    assert history["1940-Q1"]["ruthenia"] == "hungary"


def test_the_pact_partitions_poland_and_the_annexations_follow(history):
    autumn = history["1940-Q1"]
    assert (autumn["poland"], autumn["west_ukraine"], autumn["vilna"]) == (
        "germany",
        "home",
        "lithuania",
    )
    later = history["1941-Q1"]
    for region in ("latvia", "estonia", "lithuania", "vilna", "bessarabia", "karelia"):
        assert later[region] == "home", region


def test_without_the_pact_germany_takes_all_of_poland_and_the_baltic_stays_free(
    campaign_scenario,
):
    s = campaign_scenario
    refused = _script(s, choices={"pact_with_germany": "refuse"})
    held = _held_at(s, "1941-Q1", refused)
    assert held["west_belorussia"] == held["west_ukraine"] == "germany"
    assert (held["latvia"], held["bessarabia"], held["karelia"]) == ("latvia", "romania", "finland")
