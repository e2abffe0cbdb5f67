"""A click on the campaign screen does only the work the player sees.

The screen shows a few dozen orders, each with a preview of what it would change; the
player reads one at a time, in the tooltip of the order under the mouse. So laying out
the screen works out no preview, hovering an order works out that order's alone (once,
however many frames the tooltip is drawn), and a click on a policy is answered from
the legal orders already known for this quarter.
"""

from __future__ import annotations

import pygame
import pytest

from game.core.preview import preview_decision, preview_policy
from game.ui import describe
from game.ui.app import App
from tests.test_ui import answer_events_and_report, start_campaign
from tests.uidriver import Driver


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    d = Driver(app)
    start_campaign(d)
    yield d
    pygame.display.quit()


def _tab_of(d: Driver, group: str) -> None:
    d.click(next(g["title"] for g in d.app.session.scenario.groups if g["id"] == group))


def _hover(d: Driver, button) -> str:
    pygame.mouse.set_pos(button.rect.center)
    d.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=button.rect.center, rel=(0, 0), buttons=(0, 0, 0)
        )
    )
    d.app.draw()
    return button.tooltip_text()


def test_laying_out_the_screen_works_out_no_preview(driver):
    d = driver
    session = d.app.session
    for group in session.scenario.groups:
        _tab_of(d, group["id"])
    assert len(session.previews()) == 0


def test_hovering_a_policy_level_previews_that_level_alone(driver):
    d = driver
    session = d.app.session
    scenario = session.scenario
    policy = scenario.policy("collectivisation")
    _tab_of(d, policy.group)
    crash = next(level for level in policy.levels if level.label == "Crash")
    shown = _hover(d, d.scene.button(crash.label))
    for _ in range(5):
        d.app.draw()
    assert len(session.previews()) == 1
    direct = preview_policy(scenario, session.campaign.state, policy, crash.value)
    effect = describe.effects(scenario, direct.changes, direct.uncertain, session.campaign.value)
    assert f"If chosen now: {effect}." in shown
    assert shown.startswith(f"{crash.label}. {crash.description}\n")


def test_hovering_a_decision_shows_what_it_changes_and_what_it_costs(driver):
    d = driver
    session = d.app.session
    scenario = session.scenario
    legal = session.legal()
    status = next(s for s in legal.decisions if s.allowed and s.decision.costs)
    decision = status.decision
    _tab_of(d, decision.group)
    while not [
        b
        for b in d.scene.buttons()
        if b.text.startswith(decision.title.render(scenario, session.campaign.state))
    ]:
        d.click("Next »")
    button = next(
        b
        for b in d.scene.buttons()
        if b.text.startswith(decision.title.render(scenario, session.campaign.state))
    )
    shown = _hover(d, button)
    direct = preview_decision(scenario, session.campaign.state, decision)
    effect = describe.effects(scenario, direct.changes, direct.uncertain, session.campaign.value)
    assert "Costs: " in shown
    assert f"If it succeeds: {effect}." in shown
    assert len(session.previews()) == 1


def test_a_click_on_a_policy_is_answered_from_the_quarters_legal_orders(driver):
    d = driver
    session = d.app.session
    policy = session.scenario.policy("collectivisation")
    _tab_of(d, policy.group)
    known = session.legal()
    d.click("Crash")
    assert session.policy_value("collectivisation") == next(
        level.value for level in policy.levels if level.label == "Crash"
    )
    assert session.legal() is known


def test_the_legal_orders_follow_the_draft_and_the_quarter(driver):
    d = driver
    session = d.app.session
    before = session.legal()
    allowed = before.allowed_decisions()
    session.toggle_decision(allowed[0])
    taken = session.legal()
    assert taken is not before
    assert taken == session.campaign.legal_orders(session.orders())
    session.toggle_decision(allowed[0])
    assert session.legal() is before
    d.click("End turn")
    answer_events_and_report(d)
    assert session.campaign.turn == 1
    assert session.legal() is not before
    assert session.legal() == session.campaign.legal_orders(session.orders())


def test_a_proposal_in_diplomacy_is_previewed_when_hovered(driver):
    d = driver
    session = d.app.session
    scenario = session.scenario
    d.click("Diplomacy")
    assert len(session.previews()) == 0
    titles = {
        s.decision.title.render(scenario, session.campaign.state): s.decision
        for s in session.legal().decisions
    }
    proposal = next(b for b in d.scene.buttons() if b.text.split("  ·  ")[0] in titles)
    decision = titles[proposal.text.split("  ·  ")[0]]
    shown = _hover(d, proposal)
    direct = preview_decision(scenario, session.campaign.state, decision)
    effect = describe.effects(scenario, direct.changes, direct.uncertain, session.campaign.value)
    assert f"If accepted: {effect}." in shown
    assert len(session.previews()) == 1
