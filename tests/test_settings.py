"""Settings: each size of text a player can pick gives a different size in the window
they play in, and a window too small for one says so."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from tests.uidriver import Driver


@pytest.mark.parametrize(
    "size, sizes",
    [((1280, 720), [1.0, 1.1, 1.2]), ((1920, 1080), [1.5, 1.65, 1.8])],
)
def test_normal_large_and_projector_give_three_different_sizes(tmp_path, size, sizes):
    app = App(tmp_path / "saves", size=size)
    d = Driver(app)
    try:
        d.click("Settings")
        got = []
        for name in ("Normal", "Large", "Projector"):
            button = next(b for b in d.scene.buttons() if b.text.startswith(name + " "))
            d.click_at(button.rect.center)
            got.append(app.effective_scale)
            assert d.overflowing() == []
        assert got == sizes
        assert not d.shows("too small")
    finally:
        pygame.display.quit()


def test_a_window_too_small_for_the_larger_sizes_says_what_it_needs(tmp_path):
    app = App(tmp_path / "saves", size=(1024, 768))
    d = Driver(app)
    try:
        d.click("Settings")
        assert d.shows("Large 100%") and d.shows("Projector 100%")
        assert d.shows("too small for Large and Projector: it needs 1229x720")
    finally:
        pygame.display.quit()
