"""The guided first turn: its callout never covers what it points at nor the controls the
player needs, its first step opens a Why? page that explains the starting figure, and its
last words say what the end of the campaign judges."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.guide import STEPS, Callout
from tests.uidriver import Driver


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    d = Driver(app)
    d.click("New campaign")
    d.click("Start")
    assert d.scene.name == "campaign"
    yield d
    pygame.display.quit()


def callout(d: Driver) -> pygame.Rect:
    return next(w.rect for w in d.scene.widgets if isinstance(w, Callout))


@pytest.mark.parametrize("colour_blind", (False, True))
def test_the_callout_covers_neither_its_target_nor_the_screens_controls(tmp_path, colour_blind):
    app = App(tmp_path / "saves", size=(1280, 720))
    try:
        app.change_settings(app.settings.with_(colour_blind=colour_blind))
        d = Driver(app)
        d.click("New campaign")
        d.click("Start")
        guide = app.session.guide
        for number, step in enumerate(STEPS[:6], start=1):
            assert guide.step + 1 == number
            box = callout(d)
            target = d.scene.anchors[step.anchor]
            assert not box.colliderect(target), f"step {number} covers {step.anchor}"
            callout_parts = {id(w) for w in d.scene.widgets if box.contains(w.rect)}
            covered = [
                " ".join(w.texts()[:1]) or type(w).__name__
                for w in d.scene.widgets
                if getattr(w, "on_click", None) is not None
                and id(w) not in callout_parts
                and w.rect.colliderect(box)
            ]
            assert covered == [], f"step {number} covers {covered}"
            d.click("Next")
    finally:
        pygame.display.quit()


def test_the_first_step_opens_a_why_page_that_explains_the_starting_figure(driver):
    d = driver
    d.click_painter("Heavy industry")
    assert d.scene.name == "why"
    assert d.shows("The campaign has not begun: this is where it starts in Autumn 1928")
    assert d.shows("What will move it each quarter:")
    assert d.overflowing() == []


def test_a_click_on_the_callout_does_not_reach_what_lies_beneath(driver):
    d = driver
    box = callout(d)
    before = d.app.session.guide.step
    d.click_at((box.x + 4, box.centery))
    assert d.scene.name == "campaign" and d.app.session.guide.step == before


def test_the_guide_ends_by_saying_what_the_end_of_the_campaign_judges(driver):
    d = driver
    for _ in range(5):
        d.click("Next")
    d.press(pygame.K_RETURN)  # step 6: End turn
    for _ in range(20):
        if d.scene.name != "event":
            break
        option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
        d.click_at(option.rect.center)
    assert d.scene.name == "report"
    last = " ".join(t for t in d.scene.texts() if "judged" in t)
    assert "After Spring 1941 the campaign ends" in last
    for axis in d.app.session.scenario.verdict:
        assert axis.title in last
    assert "Human cost is counted in people" in last
    assert "That is the whole game" not in last
    assert d.overflowing() == []
