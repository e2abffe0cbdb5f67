"""Human cost told straight: famine, terror, forced labour and deportations are counted in
people and shown as harm wherever they change; the quarterly report names every rise
with its cause; the debrief never ticks a death toll; the Terror's victims are people
with names; the camps cost the economy instead of paying it. Played through the loader,
headless campaigns and the real window under the dummy driver."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.core.preview import preview_option
from game.core.state import State
from game.debrief.analysis import build_debrief
from game.debrief.harm import harm_report
from game.debrief.html import render_html
from game.sim.batch import play_campaign, run_batch
from game.sim.policies import HistoricalPolicy
from game.ui import describe
from game.ui.app import App
from game.ui.scene import Push, ResetTo
from game.ui.scenes.campaign import CampaignScene
from game.ui.scenes.debrief import section_text
from game.ui.scenes.report import TurnReportScene
from game.ui.session import Session
from game.ui.widgets import Painter
from tests.conftest import BASE_SCENARIO, ROOT, write_scenario
from tests.uidriver import Driver

HARM = (
    "society.famine_deaths",
    "security.terror_deaths",
    "society.forced_labour",
    "society.deported",
    "society.camp_deaths",
)


def historical_choice(event, open_ids):
    """What the real leadership chose, where the event records it; else the first."""
    chosen = next((o.id for o in event.options if o.historical and o.id in open_ids), None)
    return chosen or open_ids[0]


def play_until(scenario, stop, seed: int = 3) -> Campaign:
    """A campaign with the historical answers, played until `stop(campaign)` holds."""
    campaign = Campaign(scenario, seed)
    while not campaign.is_over and not (campaign.records and stop(campaign)):
        events = campaign.submit(Orders())
        campaign.answer({e.id: historical_choice(e, options) for e, options in events})
    return campaign


@pytest.fixture(scope="module")
def ussr1928():
    return load_scenario(ROOT / "scenarios" / "ussr1928")


# -- the format: a count of people harmed says so ------------------------------------------


def test_the_campaigns_counts_of_the_dead_the_shot_the_imprisoned_and_deported_are_harm(
    ussr1928,
):
    for name in HARM:
        spec = describe.variable(ussr1928, name)
        assert spec.harm and spec.unit == "people", name
    assert not describe.variable(ussr1928, "economy.heavy_industry").harm
    shot = load_scenario(ROOT / "scenarios" / "collective_security")
    assert describe.variable(shot, "security.terror_deaths").harm


def test_the_checker_refuses_harm_on_a_number_that_does_not_count_people(
    tmp_path, capsys, monkeypatch
):
    base = BASE_SCENARIO.replace("initial: 10}", "initial: 10, harm: true}")
    write_scenario(tmp_path / "mod", {}, base)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "mod"]) == 1
    out = capsys.readouterr().out
    assert "error[unit]: 'society.unrest': harm counts people harmed" in out
    assert "Traceback" not in out


def test_a_preview_names_the_harm_first_and_as_harm(ussr1928):
    changes = {"party.control": 3.0, "security.terror_deaths": 76.0}
    text = describe.effects(ussr1928, changes)
    assert text.startswith("Harm: +76,000 people shot; ")
    assert text.endswith("; Control +3 points")
    # Fewer people in the camps is not harm.
    assert not describe.effects(ussr1928, {"society.forced_labour": -60.0}).startswith("Harm")


def test_order_00447s_preview_is_on_the_scale_of_its_history_card(ussr1928):
    event = ussr1928.event("order_00447")
    sign = event.option("sign_the_limits")
    state = State.initial(ussr1928.layout, [1])
    shown = describe.effects(ussr1928, preview_option(ussr1928, state, sign).changes)
    assert "+76,000 people shot" in shown and "+186,000 people in camps" in shown
    assert "76,000" in event.lore.history and "387,000" in event.lore.history
    assert "76,000 to be shot" in sign.tooltip


# -- the window shows a rise in the dead in the harm colour --------------------------------


def campaign_window(tmp_path, campaign: Campaign, colour_blind: bool = False) -> Driver:
    app = App(tmp_path / "saves", size=(1280, 720))
    app.settings = app.settings.with_(colour_blind=colour_blind)
    app.relayout()
    app.session = Session(campaign, app.saves)
    app.apply(ResetTo(CampaignScene(app)))
    return Driver(app)


def colours_in(rect: pygame.Rect) -> set[tuple[int, int, int]]:
    surface = pygame.display.get_surface()
    return {
        tuple(surface.get_at((x, y)))[:3]
        for x in range(rect.left, rect.right)
        for y in range(rect.top, rect.bottom)
    }


@pytest.mark.parametrize("colour_blind", [False, True])
def test_a_rise_in_famine_deaths_is_drawn_in_the_harm_colour(tmp_path, ussr1928, colour_blind):
    def famine_rose(c: Campaign) -> bool:
        return sum(ch.delta for ch in c.records[-1].changes_to("society.famine_deaths")) > 1

    campaign = play_until(ussr1928, famine_rose)
    d = campaign_window(tmp_path, campaign, colour_blind)
    try:
        label = describe.label(ussr1928, "society.famine_deaths")
        row = next(w for w in d.scene.widgets if isinstance(w, Painter) and w.words[:1] == [label])
        d.app.draw()
        palette = d.app.theme.palette
        seen = colours_in(row.rect)
        assert palette.harm in seen
        assert palette.harm != palette.good
        # Heavy industry's row, which is no count of people, never shows it.
        other = describe.label(ussr1928, "economy.heavy_industry")
        row = next(w for w in d.scene.widgets if isinstance(w, Painter) and w.words[:1] == [other])
        assert palette.harm not in colours_in(row.rect)
    finally:
        pygame.display.quit()


# -- the quarterly report names every rise, with its cause ---------------------------------


def test_the_report_after_the_kirov_decree_names_the_executions_it_caused(tmp_path, ussr1928):
    campaign = play_until(ussr1928, lambda c: "kirov_murder" in c.records[-1].fired)
    record = campaign.records[-1]
    assert record.choices["kirov_murder"] == "emergency_law"
    report = harm_report(ussr1928, record)
    line = next(line for line in report.splitlines() if "people shot" in line)
    assert line.startswith("+") and "A shot in the Smolny: you chose" in line
    assert "law of 1 December" in line
    d = campaign_window(tmp_path, campaign)
    try:
        d.app.apply(Push(TurnReportScene(d.app, record=record)))
        assert d.scene.name == "report"
        assert d.shows("The human cost") and d.shows("A shot in the Smolny: you chose")
        assert d.overflowing() == []
    finally:
        pygame.display.quit()


def test_every_rise_in_a_count_of_people_harmed_is_in_the_report(ussr1928):
    campaign = play_campaign(ussr1928, 5, HistoricalPolicy(ussr1928))
    for record in campaign.records:
        report = harm_report(ussr1928, record)
        for name in HARM:
            spec = describe.variable(ussr1928, name)
            rise = sum(c.delta for c in record.changes_to(name))
            if rise * spec.scale >= 1:
                assert spec.phrase in report, (record.date, name, report)


# -- the debrief sets a death toll beside history, never as a success -----------------------


def test_the_debriefs_figures_never_tick_a_death_toll(ussr1928):
    campaign = play_campaign(ussr1928, 7, HistoricalPolicy(ussr1928))
    debrief = build_debrief(campaign)
    harm_rows = [f for f in debrief.figures if f.harm]
    assert {f.variable.name for f in harm_rows} >= {
        "society.famine_deaths",
        "security.terror_deaths",
        "society.forced_labour",
    }
    assert any(f.beside_history == "as in history" for f in harm_rows)
    page = render_html(debrief, ("1928-Q4", "1941-Q2"))
    for row in page.split('<tr class="harm">')[1:]:
        row = row.split("</tr>")[0]
        assert "✓" not in row and "within" not in row
        assert any(words in row for words in ("as in history", "more than", "fewer than"))
    assert "Content note." in page.split("<h2>")[0]
    assert "Content note." in section_text(debrief, "Verdict")
    shown = section_text(debrief, "You and history")
    assert "Executions" in shown or "shot" in shown.lower()
    assert "✓" not in shown


# -- the Terror's victims are people, its charges were fabricated ---------------------------

VICTIMS = {
    "army_purge": ("Mikhail Tukhachevsky", "1957"),
    "great_terror": ("Grigory Zinoviev", "1988"),
    "bukharin_trial": ("Nikolai Bukharin", "1988"),
    "industrial_party_trial": ("Nikolai Kondratiev", "1987"),
    "lake_khasan": ("Vasily Blyukher", "1956"),
    "physical_pressure": ("Isaac Babel", "1954"),
}


@pytest.mark.parametrize("event_id", sorted(VICTIMS))
def test_where_the_terror_strikes_the_event_names_whom_it_destroyed(ussr1928, event_id):
    name, rehabilitated = VICTIMS[event_id]
    event = ussr1928.event(event_id)
    person = next(p for p in event.lore.people if p.name.startswith(name))
    assert rehabilitated in person.note
    assert len(person.note.split()) <= 90  # a few lines, not an essay


@pytest.mark.parametrize(
    "scenario, event_id",
    [
        ("ussr1928", "great_terror"),
        ("ussr1928", "army_purge"),
        ("ussr1928", "bukharin_trial"),
        ("collective_security", "moscow_trials"),
        ("collective_security", "tukhachevsky_affair"),
    ],
)
def test_the_trials_and_the_military_case_are_stated_as_fabricated(scenario, event_id):
    event = load_scenario(ROOT / "scenarios" / scenario).event(event_id)
    told = f"{event.lore.history} " + " ".join(p.note for p in event.lore.people)
    assert "fabricated" in told or "invention" in told
    assert "1957" in told or "1988" in told
    assert "many did not" not in told


def test_the_army_purges_dialog_shows_tukhachevsky(tmp_path, ussr1928):
    campaign = play_until(ussr1928, lambda c: c.records[-1].date == "1937-Q1")
    d = campaign_window(tmp_path, campaign)
    try:
        d.click("End turn")
        for _ in range(12):
            if d.scene.name != "event" or d.shows("Mikhail Tukhachevsky (1893-1937)"):
                break
            option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
            d.click_at(option.rect.center)
        assert d.shows("Mikhail Tukhachevsky (1893-1937)")
        assert d.shows(describe.PEOPLE_HEADING)
    finally:
        pygame.display.quit()


# -- the missing episodes, at their real dates ----------------------------------------------

EPISODES = {
    "godless_law": "1929-Q2",
    "torgsin_and_the_hermitage": "1931-Q2",
    "kazakh_famine": "1931-Q4",
    "ukraine_decrees": "1932-Q4",
    "famine_denied_abroad": "1933-Q1",
    "socialist_realism": "1934-Q3",
    "border_deportations": "1936-Q2",
    "national_operations": "1937-Q3",
    "short_course": "1938-Q4",
    "physical_pressure": "1939-Q1",
    "gestapo_handover": "1940-Q1",
}


def test_each_missing_episode_fires_under_the_historical_policy_at_its_date(ussr1928):
    result = run_batch(ussr1928, list(range(1, 21)), HistoricalPolicy(ussr1928), record=True)
    for event_id, date in EPISODES.items():
        dates = [
            next((r.date for r in records if event_id in r.fired), None)
            for records in result.records
        ]
        assert dates.count(date) >= 18, (event_id, dates)


def test_the_episodes_count_their_victims_in_people(ussr1928):
    state = State.initial(ussr1928.layout, [1])

    def preview(event_id: str, option_id: str) -> str:
        option = ussr1928.event(event_id).option(option_id)
        return describe.effects(ussr1928, preview_option(ussr1928, state, option).changes)

    shown = preview("national_operations", "sign_and_deport")
    assert shown.startswith("Harm: ")
    assert "+111,000 people shot" in shown and "+172,000 people deported" in shown
    assert "+350 people deported" in preview("gestapo_handover", "hand_them_over")


# -- the camps cost the economy ---------------------------------------------------------------


def test_more_prisoners_cost_heavy_industry_and_readiness_instead_of_paying(tmp_path):
    spec = describe.variable(
        load_scenario(ROOT / "scenarios" / "ussr1928"), "society.forced_labour"
    )
    mod = tmp_path / "more_camps"
    write_scenario(
        mod,
        {},
        base=f"""
        scenario: {{id: more_camps, extends: ussr1928, title: More camps}}
        variables:
          society.forced_labour:
            replace: true
            group: society
            min: 0
            max: {spec.maximum:g}
            unit: people
            scale: 1000
            phrase: {spec.phrase}
            initial: {spec.initial + 1000:g}
            harm: true
        """,
    )
    (tmp_path / "ussr1928").symlink_to(ROOT / "scenarios" / "ussr1928")
    base, more = load_scenario(ROOT / "scenarios" / "ussr1928"), load_scenario(mod)
    seeds = list(range(1, 61))
    turns = [base.calendar.turn_of("1937-Q4"), base.calendar.turn_of("1940-Q4")]
    means = {}
    for scenario in (base, more):
        result = run_batch(scenario, seeds, HistoricalPolicy(scenario), keep_turns=turns)
        means[scenario.id] = {
            (turn, name): float(np.nanmean(result.snapshots[turn][:, scenario.layout.col(name)]))
            for turn in turns
            for name in ("economy.heavy_industry", "army.readiness")
        }
    for turn in turns:
        # A million more prisoners: guards, convoys and lost free workers cost more than
        # the canals and mines return.
        industry = ("economy.heavy_industry",)
        assert means["more_camps"][(turn, *industry)] < means["ussr1928"][(turn, *industry)] - 5
        readiness = (turn, "army.readiness")
        assert means["more_camps"][readiness] <= means["ussr1928"][readiness]
