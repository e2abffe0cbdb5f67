"""Every place a campaign is judged shows the same verdict: the end screen, the debrief
(in the window and as HTML), terminal play and the class report. The human cost comes
first, each axis stands beside history's score, and when the campaign cost lives the
verdict says so in people."""

from __future__ import annotations

import json

import pygame
import pytest

from game.core.verdict import read
from game.debrief.analysis import build_debrief
from game.debrief.classreport import collect, render_class_report
from game.debrief.html import render_html
from game.debrief.summary import student_summary
from game.sim.batch import play_campaign
from game.sim.policies import HistoricalPolicy, RandomPolicy
from game.ui.app import App
from game.ui.scene import Push
from game.ui.scenes.debrief import section_text
from game.ui.scenes.end import EndScene
from game.ui.session import Session
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
