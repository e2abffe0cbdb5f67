"""Motion: after a quarter the figures count to their new values and the date turns over,
by the clock and only once the player is back on the campaign screen; "reduce motion"
stills both."""

from __future__ import annotations

import pygame
import pytest

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.ui.app import App
from game.ui.motion import COUNT_SECONDS, DATE_SECONDS, QuarterMotion
from game.ui.scene import ResetTo
from game.ui.scenes.campaign import CampaignScene
from game.ui.session import Session
from tests.conftest import ROOT
from tests.uidriver import Driver


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_figure_counts_from_its_old_value_to_its_new_one():
    clock = Clock()
    motion = QuarterMotion(clock)
    motion.update(0, {"output": 100.0}, still=False)
    motion.update(1, {"output": 160.0}, still=False)
    assert motion.value("output", 160.0) == 100.0, "nothing moves before the screen is seen"
    assert not motion.moving
    motion.begin()
    assert motion.moving
    clock.now += COUNT_SECONDS / 2
    halfway = motion.value("output", 160.0)
    assert 100.0 < halfway < 160.0
    clock.now += COUNT_SECONDS / 2
    assert motion.value("output", 160.0) == 160.0 and not motion.moving


def test_the_date_turns_over_from_the_old_quarter_to_the_new():
    clock = Clock()
    motion = QuarterMotion(clock)
    motion.update(0, {}, still=False)
    motion.date = "Winter 1930"
    motion.update(1, {}, still=False)
    motion.date = "Spring 1930"
    motion.begin()
    clock.now += DATE_SECONDS / 3
    old, progress = motion.date_turn()
    assert old == "Winter 1930" and motion.date == "Spring 1930" and 0 < progress < 1
    clock.now += DATE_SECONDS
    assert motion.date_turn() is None


def test_time_not_frames_sets_the_pace():
    """A slow machine draws fewer frames of the same animation, never a longer one."""
    clock = Clock()
    motion = QuarterMotion(clock)
    motion.update(0, {"x": 0.0}, still=False)
    motion.update(1, {"x": 10.0}, still=False)
    motion.begin()
    clock.now += COUNT_SECONDS  # one frame, late
    assert motion.value("x", 10.0) == 10.0


def test_reduce_motion_changes_figures_at_once():
    motion = QuarterMotion(Clock())
    motion.update(0, {"x": 0.0}, still=True)
    motion.update(1, {"x": 10.0}, still=True)
    motion.begin()
    assert motion.value("x", 10.0) == 10.0 and motion.date_turn() is None and not motion.moving


# -- in the window ----------------------------------------------------------------------------


@pytest.fixture
def played(tmp_path, request):
    """The campaign screen after one quarter played through its dispatches and report."""
    app = App(tmp_path / "saves", size=(1280, 720))
    app.settings = app.settings.with_(reduce_motion=request.param)
    d = Driver(app)
    app.session = Session(Campaign(load_scenario(ROOT / "scenarios" / "ussr1928"), 5), app.saves)
    app.apply(ResetTo(CampaignScene(app)))
    app.step()
    scene = app.top
    clock = Clock()
    scene.motion.clock = clock
    before = {name: app.session.campaign.value(name) for name in app.session.scenario.indicators}
    d.press(pygame.K_RETURN)
    for _ in range(30):
        if d.scene.name == "event":
            d.press(pygame.K_1)
        elif d.scene.name == "report":
            d.click("Continue")
        else:
            break
    assert d.scene is scene and app.session.campaign.turn == 1
    yield d, scene, clock, before
    app.audio.close()
    pygame.display.quit()


def indicator_pixels(d: Driver) -> bytes:
    d.app.draw()
    area = d.app.top.anchors["indicators"]
    return pygame.image.tobytes(d.app.screen.subsurface(area), "RGB")


@pytest.mark.parametrize("played", [False], indirect=True)
def test_back_on_the_campaign_screen_the_figures_count_and_then_rest(played):
    d, scene, clock, before = played
    app = d.app
    assert app.animating(), "the loop draws frames while the figures count"
    moved = [n for n in before if app.session.campaign.value(n) != before[n]]
    assert moved, "a quarter moves some figure"
    name = moved[0]
    final = app.session.campaign.value(name)
    assert scene.motion.value(name, final) == before[name]
    first = indicator_pixels(d)
    clock.now += COUNT_SECONDS / 2
    halfway = scene.motion.value(name, final)
    assert min(before[name], final) < halfway < max(before[name], final)
    assert indicator_pixels(d) != first, "the player sees the numbers change"
    clock.now += COUNT_SECONDS
    assert scene.motion.value(name, final) == final and not app.animating()
    rest = indicator_pixels(d)
    clock.now += 5
    assert indicator_pixels(d) == rest, "at rest nothing moves"


@pytest.mark.parametrize("played", [True], indirect=True)
def test_with_reduce_motion_the_new_figures_show_at_once(played):
    d, scene, clock, before = played
    assert not d.app.animating()
    for name in before:
        final = d.app.session.campaign.value(name)
        assert scene.motion.value(name, final) == final
    assert scene.motion.date_turn() is None


def test_reduce_motion_is_a_setting_that_is_kept(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    d = Driver(app)
    try:
        d.click("Settings")
        d.click("Reduce motion")
        assert app.settings.reduce_motion
        assert App(tmp_path / "saves", size=(1280, 720)).settings.reduce_motion
    finally:
        pygame.display.quit()
