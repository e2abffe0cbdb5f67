"""Event dialogs and instrument pages show what they hold: a dialog with room shows its
whole text without scrolling, its sources in full, and a tab shows its open decisions on
its first page, says when there is another, and opens on page 1 each quarter."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.widgets import Label, ScrollText
from tests.uidriver import Driver


def open_app(tmp_path, colour_blind: bool) -> Driver:
    app = App(tmp_path / "saves", size=(1280, 720))
    app.change_settings(app.settings.with_(guide=False, colour_blind=colour_blind))
    d = Driver(app)
    d.click("New campaign")
    d.click("Start")
    return d


@pytest.mark.parametrize("colour_blind", (False, True))
def test_event_dialogs_show_their_whole_text_and_sources(tmp_path, colour_blind):
    d = open_app(tmp_path, colour_blind)
    try:
        seen = 0
        for _ in range(3):
            d.press(pygame.K_RETURN)
            while d.scene.name == "event":
                scene = d.scene
                d.app.draw()
                room = scene.box.height < d.app.size[1] - scene.theme.px(40)
                body = next(w for w in scene.widgets if isinstance(w, ScrollText))
                if room:
                    assert not body.panel(scene.theme).scrolls, scene.event.id
                sources = [
                    w for w in scene.widgets if isinstance(w, Label) and w.text.startswith("Source")
                ]
                assert all(not w.overflow for w in sources), scene.event.id
                assert d.overflowing() == [], scene.event.id
                seen += 1
                option = next(w for w in scene.widgets if getattr(w, "on_click", None) and w.words)
                d.click_at(option.rect.center)
            d.click("Continue")
        assert seen >= 5
    finally:
        pygame.display.quit()


def test_the_plan_shows_its_open_decisions_on_page_one_and_resets_each_quarter(tmp_path):
    d = open_app(tmp_path, False)
    try:
        legal = d.app.session.legal()
        open_here = [
            s.decision.title.render(d.app.session.scenario, d.app.session.campaign.state)
            for s in legal.decisions
            if s.allowed and d.scene._group_of(s.decision) == "gosplan"
        ]
        assert len(open_here) >= 2
        for title in open_here:
            assert d.shows(title), f"{title} is not on the first page"
        if d.scene.button("Next »").enabled:
            notice = [t for t in d.scene.texts() if t.startswith("Page 1 of 2: ")]
            assert notice and notice[0].endswith("on the next page.")
            d.click("Next »")
            assert all(not d.shows(title) for title in open_here)
        d.press(pygame.K_RETURN)
        while d.scene.name == "event":
            option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
            d.click_at(option.rect.center)
        d.click("Continue")
        assert d.scene.name == "campaign" and d.scene.page == 0
    finally:
        pygame.display.quit()
