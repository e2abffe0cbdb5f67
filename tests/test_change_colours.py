"""Every indicator's change is coloured by whether it is better or worse for the player,
and in the colour-blind palette no text names a colour the palette does not show."""

from __future__ import annotations

import re

import pygame
import pytest

from game.content.loader import load_scenario
from game.ui import describe
from game.ui.app import App
from game.ui.theme import Theme
from tests.uidriver import Driver

SHIPPED = ("ussr1928", "collective_security", "trotsky1927")


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("colour_blind", (False, True))
def test_every_indicators_change_is_coloured_better_or_worse(name, colour_blind):
    scenario = load_scenario(name)
    theme = Theme(1.0, colour_blind)
    p = theme.palette
    for indicator in scenario.indicators:
        var = describe.variable(scenario, indicator)
        span = (var.maximum - var.minimum) if var.maximum > var.minimum else 100.0
        rise = describe.trend_color(theme, var, span / 10)
        fall = describe.trend_color(theme, var, -span / 10)
        if var.harm:
            # More people harmed is harm, whatever it buys; fewer is not a reward.
            assert rise == p.harm and fall == p.ink_soft, indicator
        else:
            assert {rise, fall} == {p.good, p.bad}, f"{name}: {indicator} is grey"


def test_lower_control_is_shown_as_worse():
    scenario = load_scenario("ussr1928")
    theme = Theme(1.0, False)
    control = describe.variable(scenario, "party.control")
    assert describe.trend_color(theme, control, -7.6) == theme.palette.bad


COLOUR_WORDS = re.compile(r"\b(red|green)\b", re.IGNORECASE)


def test_the_colour_blind_debrief_names_shapes_not_colours(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    try:
        app.change_settings(app.settings.with_(colour_blind=True))
        d = Driver(app)
        d.click("New campaign")
        d.click("Classroom mode: off")
        d.click("20 minutes")
        d.click("Start")
        app.session.deadline = 0.0  # the lesson's time is up: the debrief opens
        d.press(pygame.K_RETURN)
        assert d.scene.name == "debrief"
        d.click("Charts")
        seen = [t for scene in app.stack for t in scene.texts()]
        assert any("your campaign" in t for t in seen)
        assert not [t for t in seen if COLOUR_WORDS.search(t)]
    finally:
        pygame.display.quit()
