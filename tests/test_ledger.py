"""All that matters is visible: every figure the orders, events and rules trade on can be
seen in the window's ledger and opened to see why it moved; Nazi strength, valuta and the
opposition are on the main screen; hovering an order shows what it will do to the
indicators on screen one quarter on. Played through the real window (dummy driver)."""

from __future__ import annotations

import pygame
import pytest

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.core.references import traded_variables
from game.ui import describe
from game.ui.app import App
from game.ui.scene import ResetTo
from game.ui.scenes.campaign import CampaignScene
from game.ui.scenes.ledger import group_title
from game.ui.session import Session
from game.ui.widgets import Painter
from tests.conftest import ROOT
from tests.uidriver import Driver


def campaign_window(tmp_path, name: str, size=(1280, 720), scale: float = 1.0) -> Driver:
    """The campaign screen of a scenario after one quarter, so that figures have moved."""
    app = App(tmp_path / "saves", size=size)
    app.settings = app.settings.with_(scale=scale)
    app.relayout()
    scenario = load_scenario(ROOT / "scenarios" / name)
    campaign = Campaign(scenario, 1)
    events = campaign.submit(Orders())
    campaign.answer({event.id: options[0] for event, options in events})
    app.session = Session(campaign, app.saves)
    app.apply(ResetTo(CampaignScene(app)))
    return Driver(app)


def ledger_rows(d: Driver) -> dict[str, Painter]:
    return {w.words[0]: w for w in d.scene.widgets if isinstance(w, Painter) and w.on_click}


def find_row(d: Driver, group: str, label: str) -> Painter | None:
    """Turn to the figure's group, then page forward until its row shows."""
    button = next(b for b in d.scene.buttons() if b.text.startswith(f"{group_title(group)} ("))
    d.click_at(button.rect.center)
    while label not in ledger_rows(d):
        forward = next((b for b in d.scene.buttons() if b.text == "Next »"), None)
        if forward is None or not forward.enabled:
            return None
        d.click_at(forward.rect.center)
    return ledger_rows(d)[label]


@pytest.mark.parametrize("name", ["ussr1928", "collective_security", "trotsky1927"])
def test_every_figure_the_content_trades_on_can_be_seen_and_opened(tmp_path, name):
    d = campaign_window(tmp_path, name)
    scenario = d.app.session.scenario
    traded = traded_variables(scenario)
    assert "economy.valuta" in traded or "economy.reserves" in traded
    try:
        d.press(pygame.K_l)
        assert d.scene.name == "ledger"
        for var in sorted(traded):
            spec = describe.variable(scenario, var)
            label = describe.label(scenario, var)
            row = find_row(d, spec.group, label)
            assert row is not None, f"{var} ({label}) is nowhere in the ledger"
            assert describe.value(scenario, var, d.app.session.campaign.value(var)).startswith(
                row.words[1].split(" ")[0]
            ), f"{var}: the ledger shows {row.words[1]!r}"
            d.click_at(row.rect.center)
            assert d.scene.name == "why" and d.scene.var == var, f"{label} opens {d.scene}"
            d.press(pygame.K_ESCAPE)
            assert d.scene.name == "ledger"
        assert d.overflowing() == []
    finally:
        pygame.display.quit()


def test_nazi_strength_valuta_and_the_opposition_are_on_the_main_screen(tmp_path):
    d = campaign_window(tmp_path, "ussr1928")
    try:
        for label in ("Nazi strength", "Valuta", "The Right opposition", "The Left opposition"):
            assert any(
                isinstance(w, Painter) and w.words and w.words[0] == label for w in d.scene.widgets
            ), f"{label} is not on the main screen"
        d.click_painter("Nazi strength")
        assert d.scene.name == "why" and d.scene.var == "germany.nazi_strength"
        d.press(pygame.K_ESCAPE)
        assert d.overflowing() == []
    finally:
        pygame.display.quit()


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_indicators_that_do_not_fit_are_a_click_away(tmp_path, size):
    d = campaign_window(tmp_path, "ussr1928", size=size, scale=1.5)
    try:
        assert d.overflowing() == []
        d.click("All figures (L)")
        assert d.scene.name == "ledger" and d.overflowing() == []
    finally:
        pygame.display.quit()


def test_hovering_an_order_shows_the_indicators_on_screen_one_quarter_on(tmp_path):
    d = campaign_window(tmp_path, "ussr1928")
    session = d.app.session
    scenario = session.scenario
    before = session.campaign.state.digest()
    try:
        policy = scenario.policy("collectivisation")
        d.click(next(g["title"] for g in scenario.groups if g["id"] == policy.group))
        crash = next(level for level in policy.levels if level.label == "Crash")
        button = d.scene.button(crash.label)
        d.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=button.rect.center, rel=(0, 0), buttons=(0, 0, 0)
            )
        )
        pygame.mouse.set_pos(button.rect.center)
        d.app.draw()
        shown = button.tooltip_text()
        seen = session.outlooks().policy(Orders(), policy, crash.value)
        assert "One quarter on, against keeping" in shown
        assert describe.outlook(scenario, seen, "x").split(": ", 1)[1] in shown
        # Crash collectivisation shows up in the villages within the quarter.
        assert seen.difference["society.unrest"] > 0
        assert describe.label(scenario, "society.unrest") in shown
        assert session.campaign.state.digest() == before, "hovering changed the campaign"
    finally:
        pygame.display.quit()


def test_an_outlook_reads_in_people_with_what_is_left_to_chance_as_a_range():
    from game.core.preview import Outlook

    scenario = load_scenario(ROOT / "scenarios" / "ussr1928")
    seen = Outlook(
        after={},
        difference={
            "society.famine_deaths": 686.8,
            "society.unrest": 7.0,
            "army.readiness": 0.1,
            "economy.valuta": -2.0,
            "economy.heavy_industry": 0.02,
        },
        spread={
            "society.famine_deaths": (352.3, 738.7),
            "society.unrest": (6.94, 6.98),
            "economy.heavy_industry": (0.01, 0.03),
        },
    )
    text = describe.outlook(scenario, seen, "One quarter on, against keeping Slow")
    assert text == (
        "One quarter on, against keeping Slow: Harm: +352,000 to +739,000 deaths from famine"
        " (by chance); Unrest +7 points, Valuta \u221220 million gold roubles."
    ), (
        "the dead first, named as harm; a tenth of a point of readiness is not shown; "
        "unrest's tiny spread reads as one figure"
    )
    odds = Outlook({}, {}, if_it_succeeds=True)
    assert describe.outlook(scenario, odds, "One quarter on") == (
        "One quarter on (if it succeeds): no change to the indicators on screen."
    )
