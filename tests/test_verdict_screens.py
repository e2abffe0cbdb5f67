"""Every place a campaign is judged shows the same verdict: the end screen, the debrief
(in the window and as HTML), terminal play and the class report. The human cost comes
first, each axis stands beside history's score, and when the campaign cost lives the
verdict says so in people."""

from __future__ import annotations

import json

import pygame
import pytest

from game.core.verdict import FULL_MARKS, read
from game.debrief.analysis import build_debrief
from game.debrief.classreport import collect, render_class_report
from game.debrief.html import render_html
from game.debrief.summary import student_summary
from game.sim.batch import play_campaign
from game.sim.policies import HistoricalPolicy, RandomPolicy
from game.ui.app import App
from game.ui.poster import POSTER_SIZE, compose
from game.ui.scene import Push
from game.ui.scenes.debrief import section_text
from game.ui.scenes.end import EndScene
from game.ui.session import Session
from game.ui.verdict_panel import arc_rect, arcs
from game.ui.widgets import Painter
from tests.uidriver import Driver


@pytest.fixture(scope="module")
def finished(campaign_scenario):
    return play_campaign(campaign_scenario, 7, HistoricalPolicy(campaign_scenario))


def test_the_verdict_puts_the_human_cost_first_and_names_its_price_in_people(finished):
    verdict = read(finished.scenario, finished.state)
    cost = verdict.axes[0]
    assert cost.cost and cost.title == "Human cost"
    # The cost reads as harm: more deaths, a larger figure.
    assert cost.figure == f"harm {100 - cost.score:.0f} of 100"
    assert all(axis.history is not None for axis in verdict.axes)
    # The historical path starves millions: the price line says it in people.
    assert "million deaths from famine" in verdict.price
    assert "people shot" in verdict.price


def test_the_end_screen_shows_each_axis_beside_history_and_the_price(finished, tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    try:
        app.session = Session(finished, app.saves)
        app.apply(Push(EndScene(app)))
        driver = Driver(app)
        verdict = read(finished.scenario, finished.state)
        for axis in verdict.axes:
            assert driver.shows(axis.title) and driver.shows(axis.comparison)
        assert driver.shows(verdict.price)
        assert driver.overflowing() == []
        driver.click_painter("Security")
        assert driver.scene.name == "why" and driver.shows("army readiness: ")
        driver.press(pygame.K_ESCAPE)
        assert driver.scene.name == "end"
        driver.click("Debrief: what happened and why")
        cost = verdict.axes[0]
        assert driver.scene.name == "debrief"
        assert driver.shows(f"# Human cost: harm {100 - cost.score:.0f} of 100, history")
    finally:
        pygame.display.quit()


def test_the_debrief_shows_the_same_verdict_in_the_window_and_in_html(finished):
    debrief = build_debrief(finished)
    page = render_html(debrief, ("1928-Q4", "1941-Q2"))
    text = section_text(debrief, "Verdict")
    for axis in debrief.verdict.axes:
        assert f"# {axis.title}: {axis.figure}, history {axis.shown_history:.0f}" in text
        assert f">{axis.title}<br><small>{axis.figure} · history" in page
    assert debrief.verdict.price in text
    assert "The verdict, beside history" in page


def test_a_campaign_stopped_early_is_judged_so_far(campaign_scenario):
    from game.core.campaign import Campaign
    from game.core.orders import Orders

    campaign = Campaign(campaign_scenario, 3)
    for _ in range(3):
        events = campaign.submit(Orders())
        campaign.answer({event.id: options[0] for event, options in events})
    debrief = build_debrief(campaign)
    assert "The verdict so far" in render_html(debrief, ("1928-Q4", "1941-Q2"))
    # The content note comes first, then the verdict so far.
    shown = section_text(debrief, "Verdict")
    assert shown.startswith("Content note.") and "\n\nThe verdict so far" in shown


def test_the_class_report_compares_the_verdicts_axis_by_axis(campaign_scenario, tmp_path):
    for seed in (1, 2, 3):
        campaign = play_campaign(campaign_scenario, seed, RandomPolicy())
        summary = student_summary(campaign, f"student {seed}")
        (tmp_path / f"s{seed}.json").write_text(json.dumps(summary), encoding="utf-8")
    scores = [json.loads((tmp_path / f"s{s}.json").read_text())["verdict"] for s in (1, 2, 3)]
    # A summary a student edited by hand: its verdict is left out, not a crash.
    edited = dict(student_summary(campaign, "edited"), verdict={"security": "won"})
    (tmp_path / "edited.json").write_text(json.dumps(edited), encoding="utf-8")
    report = render_class_report(collect(tmp_path))
    assert "The verdict across the class" in report
    mean = sum(s["security"]["score"] for s in scores) / 3
    assert f'<td>Security</td><td class="num">{mean:.0f}</td>' in report
    assert '<td class="num">3</td></tr>' in report  # three campaigns scored, not four


def open_end_screen(campaign, folder, size=(1280, 720), colour_blind=False, scale=1.0) -> Driver:
    app = App(folder, size=size)
    app.settings = app.settings.with_(colour_blind=colour_blind, scale=scale)
    app.relayout()
    app.session = Session(campaign, app.saves)
    app.apply(Push(EndScene(app)))
    return Driver(app)


def test_each_axis_carries_the_campaigns_arc_quarter_by_quarter(finished):
    verdict = read(finished.scenario, finished.state)
    arc = arcs(finished)
    for axis in verdict.axes:
        # A point before the first quarter and one after each, ending on the verdict.
        assert len(arc[axis.id]) == len(finished.records) + 1
        assert arc[axis.id][-1] == pytest.approx(axis.shown)
    # The human cost reads as harm all the way: it starts near none and grows.
    assert arc["human_cost"][0] < 10 < arc["human_cost"][-1]


@pytest.mark.parametrize(
    "size, scale",
    [((1280, 720), 1.0), ((1920, 1080), 1.0), ((1280, 720), 2.0), ((1920, 1080), 2.0)],
)
def test_the_end_screen_draws_each_arc_beside_its_bar(finished, tmp_path, size, scale):
    d = open_end_screen(finished, tmp_path / "saves", size, scale=scale)
    try:
        # At a projector's scale too, the price line in people is never cut.
        assert d.overflowing() == []
        assert d.shows(read(finished.scenario, finished.state).price)
        theme, screen = d.app.theme, d.app.screen
        verdict = read(finished.scenario, finished.state)
        rows = {w.words[0]: w for w in d.scene.widgets if isinstance(w, Painter) and w.words}
        for axis in verdict.axes:
            chart = arc_rect(rows[axis.title].rect, theme)
            colour = theme.palette.accent if axis.cost else theme.palette.ink
            # The arc ends on the right edge at the axis's final figure.
            y = round(chart.bottom - axis.shown / FULL_MARKS * chart.height)
            end = [tuple(screen.get_at((chart.right - 2, y + dy)))[:3] for dy in (-2, 0, 2)]
            assert colour in end, (axis.title, end)
            # And it is a line across the chart, not a dot: the colour shows at the start.
            start = [
                tuple(screen.get_at((chart.x + 1, yy)))[:3]
                for yy in range(chart.y - 3, chart.bottom + 1)
            ]
            assert colour in start, axis.title
    finally:
        pygame.display.quit()


def test_save_poster_writes_a_png_of_the_stated_size_and_says_where(finished, tmp_path):
    d = open_end_screen(finished, tmp_path / "saves")
    try:
        d.click("Save poster")
        [path] = list((tmp_path / "saves").glob("poster-*.png"))
        assert d.shows(f"Poster saved: {path}")
        assert path.name == "poster-ussr1928-1941-Q2-seed7.png"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert pygame.image.load(str(path)).get_size() == POSTER_SIZE == (1600, 900)
        assert d.overflowing() == []
    finally:
        pygame.display.quit()
    # The poster is composed off screen: a larger window saves the same picture.
    first = pygame.image.load(str(path))
    d = open_end_screen(finished, tmp_path / "wide", size=(1920, 1080))
    try:
        d.click("Save poster")
        second = pygame.image.load(str(tmp_path / "wide" / path.name))
        assert pygame.image.tobytes(first, "RGB") == pygame.image.tobytes(second, "RGB")
    finally:
        pygame.display.quit()


def test_a_poster_that_cannot_be_written_is_reported_not_a_crash(finished, tmp_path):
    blocked = tmp_path / "saves"
    d = open_end_screen(finished, blocked)
    try:
        if blocked.is_dir():
            blocked.rmdir()
        blocked.write_text("a file where the folder should be", encoding="utf-8")
        d.click("Save poster")
        assert d.scene.name == "end"
        assert any(t.startswith("The poster could not be written") for t in d.scene.texts())
    finally:
        pygame.display.quit()


@pytest.mark.parametrize("colour_blind", [False, True])
def test_the_poster_names_the_ending_the_axes_and_the_price_with_no_text_cut_or_overlapping(
    finished, colour_blind
):
    poster = compose(finished, colour_blind)
    verdict = read(finished.scenario, finished.state)
    shown = " ".join(placed.text for placed in poster.texts)
    assert finished.ending.title.render(finished.scenario, finished.state) in shown
    assert "Spring 1941, after 51 quarters" in shown and finished.scenario.title in shown
    assert verdict.price in shown and "GREAT TURN" in shown
    # The human cost first: its title stands above every other axis's.
    tops = {p.text: p.rect.y for p in poster.texts if p.text in [a.title for a in verdict.axes]}
    assert tops["Human cost"] == min(tops.values())
    for axis in verdict.axes:
        assert any(axis.figure in p.text and axis.comparison in p.text for p in poster.texts)
    assert poster.cut == []
    frame = poster.surface.get_rect()
    for placed in poster.texts:
        assert frame.contains(placed.rect), placed.text
    overlaps = [
        (a.text, b.text)
        for i, a in enumerate(poster.texts)
        for b in poster.texts[i + 1 :]
        if a.rect.colliderect(b.rect)
    ]
    assert overlaps == []
