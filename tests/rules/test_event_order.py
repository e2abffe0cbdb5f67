"""Which events fire never depends on the order in which they are listed, in one file or
across files: every event is judged on the state as the events step begins, so an event
whose effects change what another tests only affects that other event next quarter."""

import pytest

from tests.rules.world import changes, quiet, world

SPY = """
  - id: spy_scare
    title: Spy scare
    text: Foreign agents everywhere.
    trigger: {not: {flag: flag.b}}
    effects: [{set_flag: flag.a}, {add: {var: party.control, value: 3}}]
"""
TRIAL = """
  - id: show_trial
    title: Show trial
    text: The engineers confess.
    trigger: {not: {flag: flag.a}}
    effects: [{set_flag: flag.b}, {add: {var: society.unrest, value: 2}}]
"""
PURGE = """
  - id: purge
    title: Purge
    text: The scare becomes a purge.
    trigger: {flag: flag.a}
    effects: [{add: {var: party.control, value: 10}}]
"""

LAYOUTS = {
    "listed spy, trial, purge": {"events.yaml": "events:" + SPY + TRIAL + PURGE},
    "listed purge, trial, spy": {"events.yaml": "events:" + PURGE + TRIAL + SPY},
    "three files": {
        "events/a.yaml": "events:" + PURGE,
        "events/b.yaml": "events:" + SPY,
        "events/c.yaml": "events:" + TRIAL,
    },
    "three files, other names": {
        "events/a.yaml": "events:" + TRIAL,
        "events/b.yaml": "events:" + PURGE,
        "events/c.yaml": "events:" + SPY,
    },
}


def history(campaign) -> list[tuple[int, set[str], set[tuple[str, float, str]]]]:
    return [(r.turn, set(r.fired), set(changes(r))) for r in campaign.records]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_two_events_that_shut_each_other_out_both_fire_in_the_same_quarter(tmp_path, layout):
    campaign = quiet(world(tmp_path, LAYOUTS[layout]), 1)
    assert set(campaign.records[0].fired) == {"spy_scare", "show_trial"}
    assert campaign.value("flag.a") == campaign.value("flag.b") == 1


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_an_event_enabled_by_another_fires_the_next_quarter(tmp_path, layout):
    campaign = quiet(world(tmp_path, LAYOUTS[layout]), 3)
    assert [r.turn for r in campaign.records if "purge" in r.fired] == [1]
    assert campaign.value("party.control") == 63


def test_every_listing_of_the_same_events_plays_the_same_campaign(tmp_path):
    histories = [history(quiet(world(tmp_path, files), 4)) for files in LAYOUTS.values()]
    assert all(h == histories[0] for h in histories[1:])
