"""The first quarter opens on the player's own orders, in the window and in the terminal
alike: no event is shown before End turn, then at most one asks a choice (the
scenario's `choices_first_quarter`), and the happenings that need no decision arrive as
dispatches with what they changed, in the report, the dispatches panel and the terminal."""

from __future__ import annotations

import pygame
import pytest

from game.commands.play import TerminalGame
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.dispatches import dispatches
from game.ui.app import App
from tests.conftest import ROOT
from tests.uidriver import Driver

USSR1928 = ROOT / "scenarios" / "ussr1928"


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    yield Driver(app)
    pygame.display.quit()


def test_in_the_window_the_first_quarter_opens_on_orders_and_asks_one_choice(driver):
    d = driver
    d.click("New campaign")
    d.click("Start")
    campaign = d.app.session.campaign
    # The campaign screen, orders open, and no event fired or waiting yet.
    assert d.scene.name == "campaign" and campaign.pending is None and not campaign.records
    assert [scene.name for scene in d.app.stack][-1] == "campaign"
    d.press(pygame.K_RETURN)  # End turn
    assert d.scene.name == "event"
    assert len(d.scene.events) == 1  # one choice in the first quarter, no "(1 of 3)"
    option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
    d.click_at(option.rect.center)
    assert d.scene.name == "report"
    record = campaign.records[0]
    told = dispatches(campaign.scenario, record)
    assert told, "the autumn of 1928 brings news that asks nothing"
    # Each dispatch is in the report with what it changed, in its units.
    for dispatch in told:
        line = dispatch.line(campaign.scenario, d.app.session.shown(dispatch.event.title, 0))
        assert dispatch.changes and d.shows("Dispatch: " + line)
    d.click("Continue")
    assert d.scene.name == "campaign"
    assert all(dispatch.event.title in d.scene.dispatch_text() for dispatch in told)


def test_in_the_terminal_the_first_quarter_opens_on_orders_and_asks_one_choice(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("game.saves.saves_dir", lambda: tmp_path)
    scenario = load_scenario(USSR1928)
    said: list[str] = []
    asked: list[str] = []
    answers = iter(["", "1", "quit"])

    def ask(prompt: str) -> str:
        asked.append(prompt)
        said.append(f"<prompt {prompt}>")
        return next(answers)

    campaign = Campaign(scenario, 5)
    assert TerminalGame(campaign, ask=ask, say=said.append).run() == 0
    text = "\n".join(said)
    # The orders prompt comes before any event's text; then one event asks its choice.
    first_prompt = text.index("<prompt > >")
    record = campaign.records[0]
    (asked_event,) = record.choices
    assert text.index(scenario.event(asked_event).title.upper()) > first_prompt
    assert text.count("<prompt ") == 3
    for dispatch in dispatches(scenario, record):
        assert f"Dispatch: {dispatch.event.title}" in text
