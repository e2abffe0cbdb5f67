"""One key press acts on one screen: input queued before a new screen was shown, key
repeats of a key held from the screen before, and a click begun on another screen never
reach it (issue 14: a single Enter on a loaded machine started the campaign and ended its
first turn)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from tests.uidriver import Driver


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    yield Driver(app)
    pygame.display.quit()


def enter(kind: int) -> pygame.event.Event:
    return pygame.event.Event(kind, key=pygame.K_RETURN, unicode="\r", mod=0, scancode=0)


def open_new_campaign(d: Driver) -> None:
    d.click("New campaign")
    assert d.scene.name == "new_campaign"


def first_turn_untouched(d: Driver) -> bool:
    campaign = d.app.session.campaign
    return d.scene.name == "campaign" and campaign.turn == 0 and not campaign.records


def test_enter_twice_before_the_campaign_is_shown_starts_it_and_nothing_more(driver):
    d = driver
    open_new_campaign(d)
    # A slow machine: both presses are queued before the app handles the first one.
    d.post(enter(pygame.KEYDOWN), enter(pygame.KEYUP), enter(pygame.KEYDOWN), enter(pygame.KEYUP))
    assert first_turn_untouched(d)
    # Once the campaign screen is shown, Enter ends the turn as it says.
    d.press(pygame.K_RETURN)
    assert d.app.session.campaign.turn == 1 or d.app.session.campaign.pending is not None


def test_a_held_enter_repeating_does_not_end_the_first_turn(driver):
    d = driver
    open_new_campaign(d)
    d.post(enter(pygame.KEYDOWN))
    assert first_turn_untouched(d)
    # The key is still down: the keyboard repeats it after the campaign screen is shown.
    d.post(enter(pygame.KEYDOWN))
    d.post(enter(pygame.KEYDOWN))
    assert first_turn_untouched(d)
    d.post(enter(pygame.KEYUP))
    assert first_turn_untouched(d)


def test_a_double_click_on_start_does_not_click_the_next_screen(driver):
    d = driver
    open_new_campaign(d)
    start = d.scene.button("Start").rect.center
    click = [
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=start),
        pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=start),
    ]
    d.post(*click, *click)
    assert first_turn_untouched(d)
    # Pressed on the new campaign screen, released over the campaign screen: no click.
    open_screen = d.app.gate.screen
    d.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=start))
    assert d.app.gate.screen == open_screen and first_turn_untouched(d)
