"""When an event changes a standing order, the player is told: in the quarter's report,
in the dispatches, and beside the order itself until they give it again."""

from __future__ import annotations

import pygame
import pytest

from game.core.overrides import overrides
from game.ui.app import App
from tests.uidriver import Driver

URALS = "Make the Urals-Siberian method the rule"


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    app.change_settings(app.settings.with_(guide=False))
    d = Driver(app)
    d.click("New campaign")
    d.click("Start")
    yield d
    pygame.display.quit()


def answer(d: Driver, wanted: str) -> bool:
    """Answer the quarter's events (the wanted option where offered, else the first);
    True if the wanted option was chosen."""
    chose = False
    for _ in range(20):
        if d.scene.name != "event":
            break
        options = [w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words]
        pick = next((w for w in options if any(wanted in word for word in w.words)), None)
        chose = chose or pick is not None
        d.click_at((pick or options[0]).rect.center)
    return chose


def play_until_the_event_changes_procurement(d: Driver) -> None:
    for _ in range(3):
        d.press(pygame.K_RETURN)
        if answer(d, URALS):
            return
        d.click("Continue")
    pytest.fail("the grain collection event never came")


def test_an_event_that_changes_procurement_is_reported(driver):
    d = driver
    play_until_the_event_changes_procurement(d)
    assert d.scene.name == "report"
    told = "Your orders changed. Grain procurement changed from Quotas to Extraordinary measures by \u201cThe grain does not come\u201d (your answer: \u201cMake the Urals-Siberian method the rule in every grain region.\u201d)."
    assert d.shows(told)
    assert d.overflowing() == []


def test_the_campaign_screen_says_so_until_the_order_is_given_again(driver):
    d = driver
    play_until_the_event_changes_procurement(d)
    d.click("Continue")
    assert d.scene.name == "campaign"
    dispatches = next(t for t in d.scene.texts() if "Your orders changed." in t)
    assert "Grain procurement changed from Quotas to Extraordinary measures" in dispatches
    assert d.shows("changed last quarter, not by you")
    assert d.overflowing() == []
    # The player gives the order again: the order is theirs, the mark goes.
    d.click("Quotas")
    assert not d.shows("changed last quarter, not by you")


def test_the_players_own_orders_are_not_reported_as_changed(driver):
    d = driver
    d.click("Market prices")
    d.press(pygame.K_RETURN)
    answer(d, "Ration bread in the towns")
    campaign = d.app.session.campaign
    found = overrides(campaign.scenario, campaign.records[-1], campaign.value)
    assert "procurement" not in [o.policy.id for o in found]
    assert not any("Grain procurement changed" in t for t in d.scene.texts())
