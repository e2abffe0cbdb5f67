"""The game through its real window: a whole campaign by mouse and keyboard, screens that
fit at every size and scale, and thousands of random inputs without a crash."""

from __future__ import annotations

import json
import random

import pygame
import pytest

from game.saves import load_save
from game.ui import describe
from game.ui.app import App
from game.ui.widgets import Painter, ScrollText
from tests.uidriver import Driver


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    yield Driver(app)
    pygame.display.quit()


def start_campaign(d: Driver, seed: str = "1941") -> None:
    d.click("New campaign")
    assert d.scene.name == "new_campaign"
    d.press(pygame.K_BACKSPACE)
    for _ in range(9):
        d.press(pygame.K_BACKSPACE)
    d.type_digits(seed)
    assert d.shows(seed)
    d.click("Start")
    assert d.scene.name == "campaign"


def answer_events_and_report(d: Driver) -> None:
    """After End turn: answer every event by clicking its first option, then the report."""
    for _ in range(20):
        if d.scene.name == "event":
            option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
            d.click_at(option.rect.center)
        elif d.scene.name == "report":
            d.click("Continue")
        else:
            return


def test_a_whole_campaign_through_the_interface(driver):
    d = driver
    assert d.scene.name == "title" and d.shows("GREAT TURN")
    assert not d.scene.button("Continue").enabled
    start_campaign(d)
    assert d.shows("Autumn 1928") and d.shows("turn 1 of 51")
    campaign = d.app.session.campaign
    scenario = campaign.scenario

    # Orders on every panel: a policy level on each tab that has one, a decision where open.
    for group in scenario.groups:
        d.click(group["title"])
        policies = [p for p in scenario.policies if p.group == group["id"]]
        if policies:
            level = policies[0].levels[-1]
            d.click(level.label)
            assert (
                d.app.session.policies.get(policies[0].id) == level.value
                or campaign.value(policies[0].var) == level.value
            )
    d.click("NKID")
    open_decisions = [
        s for s in d.app.session.legal().decisions if s.allowed and s.decision.group == "nkid"
    ]
    if open_decisions:
        title = open_decisions[0].decision.title
        d.click(next(b.text for b in d.scene.buttons() if b.text.startswith(title)))
        assert open_decisions[0].decision.id in d.app.session.decisions

    d.press(pygame.K_RETURN)  # End turn
    assert d.scene.name in ("event", "report")
    answer_events_and_report(d)
    assert d.scene.name == "campaign" and campaign.turn == 1
    record = campaign.records[0]
    assert record.orders.policies  # the policies set by mouse reached the engine

    # Why? on an indicator, then back.
    d.click_painter(describe.label(scenario, scenario.key_indicators[0]))
    assert d.scene.name == "why" and d.shows("Why?")
    d.press(pygame.K_ESCAPE)

    # Diplomacy and the report browser.
    d.click("Diplomacy")
    assert d.scene.name == "diplomacy" and d.shows("Proposals")
    d.press(pygame.K_ESCAPE)
    d.click("Report")
    assert d.scene.name == "report"
    d.press(pygame.K_ESCAPE)

    # Play on; save by Ctrl+S and to a named slot on turn 4, then reload it from the menu.
    while campaign.turn < 4:
        d.press(pygame.K_RETURN)
        answer_events_and_report(d)
    d.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert (d.app.saves / "quicksave.json").exists()
    d.click("Save")
    d.click("New save")
    assert d.shows("Saved as")
    d.press(pygame.K_ESCAPE)
    digest = campaign.state.digest()
    d.press(pygame.K_ESCAPE)
    assert d.scene.name == "menu"
    d.click("Load")
    slot = next(
        b
        for b in d.scene.buttons()
        if "Winter 1930" in b.text or "1929-Q4" in b.text or "turn 5" in b.text
    )
    d.click_at(slot.rect.center)
    d.click("Load")
    assert d.scene.name == "campaign"
    reloaded = d.app.session.campaign
    assert reloaded is not campaign and reloaded.state.digest() == digest

    # To the end, by keyboard.
    for _ in range(60):
        if d.scene.name == "end":
            break
        d.press(pygame.K_RETURN)
        answer_events_and_report(d)
    assert d.scene.name == "end"
    ending = reloaded.ending
    assert ending is not None and d.shows(ending.title)
    autosave = load_save(d.app.saves / "autosave-1.json", scenario)
    assert autosave.is_over and autosave.ending.id == ending.id
    d.click("Debrief: what happened and why")
    assert d.scene.name == "debrief" and d.shows(f"Debrief: {ending.title}")
    for tab in ("Charts", "Causes", "You and history", "Questions", "What if?"):
        d.click(tab)
        assert d.overflowing() == []
    first = next(b for b in d.scene.buttons() if "  " in b.text and b.kind == "quiet")
    d.click_at(first.rect.center)
    alternative = next(
        b
        for b in d.scene.buttons()
        if b.text not in ("Back to the list", "Back", "Save as a web page")
        and b.kind == "normal"
        and b.text
        not in ("Timeline", "Charts", "Causes", "You and history", "Questions", "What if?")
    )
    d.click_at(alternative.rect.center)
    assert d.shows("What if:") and any("as played" in t for t in d.scene.texts())
    d.click("Save as a web page")
    assert list(d.app.saves.glob("debrief-*.html"))


def test_continue_takes_up_the_latest_autosave(driver):
    d = driver
    start_campaign(d, "77")
    d.press(pygame.K_RETURN)
    answer_events_and_report(d)
    turn = d.app.session.campaign.turn
    d.press(pygame.K_ESCAPE)
    d.click("Quit to title")
    assert d.scene.name == "title"
    d.click("Continue")
    assert d.scene.name == "campaign" and d.app.session.campaign.turn == turn


def test_a_damaged_save_gets_a_message_and_nothing_is_lost(driver):
    d = driver
    d.app.saves.mkdir(parents=True, exist_ok=True)
    (d.app.saves / "broken.json").write_text(
        '{"format": "great-turn-save", "version": 1, "recor', encoding="utf-8"
    )
    d.click("Load")
    assert d.shows("cannot be opened") and d.shows("damaged")
    assert (d.app.saves / "broken.json").exists()


def test_settings_change_scale_and_palette_and_are_kept(driver, tmp_path):
    d = driver
    d.click("Settings")
    d.click("Projector 120%")
    d.click("Colour-blind safe")
    assert d.app.settings.scale == 1.2 and d.app.settings.colour_blind
    kept = json.loads((d.app.saves / "settings.json").read_text())
    assert kept["scale"] == 1.2 and kept["colour_blind"] is True
    assert d.overflowing() == []


def test_resizing_the_window_lays_the_screens_out_again(driver):
    d = driver
    start_campaign(d)
    d.app.screen = pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    d.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    assert d.scene.size == (1920, 1080)
    assert d.overflowing() == []


SCREENS = [
    "title",
    "new",
    "campaign",
    "tabs",
    "event",
    "report",
    "why",
    "diplomacy",
    "menu",
    "settings",
    "help",
    "save",
    "end",
]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 2.0])
def test_no_screen_clips_its_text(tmp_path, size, scale):
    app = App(tmp_path / "saves", size=size)
    app.settings = app.settings.with_(scale=scale)
    app.relayout()
    d = Driver(app)
    problems = d.overflowing()
    start_campaign(d)
    for group in app.session.scenario.groups:
        d.click(group["title"])
        problems += d.overflowing()
    d.press(pygame.K_RETURN)
    problems += d.overflowing()
    answer_events_and_report(d)
    for opener in ("Diplomacy", "Report", "Save", "All figures (L)"):
        d.click(opener)
        problems += d.overflowing()
        d.press(pygame.K_ESCAPE)
    d.press(pygame.K_ESCAPE)
    problems += d.overflowing()
    d.click("How to play")
    problems += d.overflowing()
    pygame.display.quit()
    assert problems == []


def test_every_character_on_screen_has_a_glyph(driver):
    d = driver
    start_campaign(d)
    d.press(pygame.K_RETURN)
    font = d.app.theme.body()
    missing_box = font.metrics("\u25c0")[0]  # a character PT Sans does not have
    texts = set(d.scene.texts())
    answer_events_and_report(d)
    texts |= set(d.scene.texts())
    bad = {ch for text in texts for ch in text if ch.strip() and font.metrics(ch)[0] == missing_box}
    assert not bad


def test_thousands_of_random_inputs_never_crash(tmp_path):
    rng = random.Random(20261123)
    app = App(tmp_path / "saves", size=(1280, 720))
    d = Driver(app)
    keys = [
        pygame.K_RETURN,
        pygame.K_ESCAPE,
        pygame.K_F1,
        pygame.K_1,
        pygame.K_2,
        pygame.K_3,
        pygame.K_4,
        pygame.K_UP,
        pygame.K_DOWN,
        pygame.K_LEFT,
        pygame.K_RIGHT,
        pygame.K_BACKSPACE,
        pygame.K_5,
        pygame.K_d,
        pygame.K_r,
        pygame.K_s,
    ]
    sizes = [(1280, 720), (1920, 1080), (800, 600), (1024, 768)]
    for _ in range(3000):
        # The crash screen catches errors so a player never loses a campaign; here any
        # error is a failure.
        assert d.scene.name != "crash", getattr(app, "crash_message", "")
        if not app.running:
            app = App(tmp_path / "saves", size=(1280, 720))
            d = Driver(app)
        roll = rng.random()
        if roll < 0.55:
            buttons = [
                b
                for b in d.scene.buttons()
                if b.enabled and b.text not in ("Quit", "Quit the game")
            ]
            if buttons and rng.random() < 0.8:
                d.click_at(rng.choice(buttons).rect.center)
            else:
                d.click_at((rng.randrange(app.size[0]), rng.randrange(app.size[1])))
        elif roll < 0.9:
            key = rng.choice(keys)
            d.press(
                key,
                unicode=chr(key) if key < 128 and chr(key).isdigit() else "",
                mod=pygame.KMOD_CTRL if rng.random() < 0.1 else 0,
            )
        elif roll < 0.97:
            d.post(
                pygame.event.Event(
                    pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False
                )
            )
        else:
            size = rng.choice(sizes)
            app.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            d.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
    assert not list((tmp_path / "saves").glob("crash-*.txt"))
    pygame.display.quit()


def test_classroom_mode_gives_a_class_code_and_stops_at_the_time_limit(driver):
    d = driver
    d.click("New campaign")
    d.click("Classroom mode: off")
    d.click("20 minutes")
    assert any("Class code: ussr1928-" in t for t in d.scene.texts())
    d.click("Start")
    session = d.app.session
    assert session.classroom and session.minutes_left() == 20 and d.shows("20 min left")
    d.press(pygame.K_ESCAPE)
    assert not d.scene.button("Load").enabled  # no rewinding in classroom mode
    d.press(pygame.K_ESCAPE)
    session.deadline = 0.0  # the lesson's time has run out
    d.press(pygame.K_RETURN)
    assert d.scene.name == "debrief" and session.campaign.turn == 0


def test_long_text_scrolls_by_wheel_keys_and_scroll_bar(driver):
    """Scrolling text is the project's own widget (game.ui.scrolling): it must really scroll."""
    d = driver
    d.app.settings = d.app.settings.with_(scale=2.0)
    d.app.relayout()
    d.click("How to play")
    d.click("The rules")
    text = next(w for w in d.scene.widgets if isinstance(w, ScrollText))
    panel = text.panel(d.app.theme)
    assert panel.scrolls, "the rules at projector scale are longer than their frame"
    before = pygame.Surface.copy(d.app.screen)
    centre = text.rect.center
    pygame.mouse.set_pos(centre)
    d.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(
            pygame.MOUSEWHEEL, x=0, y=-2, flipped=False, precise_x=0.0, precise_y=-2.0
        ),
    )
    after_wheel = text.panel(d.app.theme).scroll_fraction
    assert after_wheel > 0
    d.app.draw()
    assert pygame.image.tobytes(before, "RGB") != pygame.image.tobytes(d.app.screen, "RGB")
    # Dragging the scroll bar's thumb to the bottom shows the end of the text.
    thumb = text.panel(d.app.theme).thumb
    pygame.mouse.set_pos(thumb.center)
    d.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=thumb.center, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=thumb.center),
    )
    bottom = (thumb.centerx, text.rect.bottom + 50)
    d.post(pygame.event.Event(pygame.MOUSEMOTION, pos=bottom, rel=(0, 50), buttons=(1, 0, 0)))
    d.app.draw()
    release = (thumb.centerx, text.rect.bottom - 1)
    d.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=release))
    at_the_end = text.panel(d.app.theme)
    assert at_the_end.scroll_fraction > after_wheel
    assert at_the_end.offset == at_the_end.limit, "dragged to the bottom, the text shows its end"
    # A press on the bar's track above the thumb goes back up a page.
    above_thumb = (thumb.centerx, text.rect.top + 2)
    d.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=above_thumb))
    assert text.panel(d.app.theme).offset == at_the_end.limit - text.rect.height


def test_scrolling_text_needs_no_gui_toolkit():
    """pygame_gui was dropped for the project's own scrolling widget (issue 14): it cost
    ~7 MB and ~0.2 s to import, ~10 MB and ~0.25 s per long text laid out."""
    from pathlib import Path

    game = Path(__file__).resolve().parent.parent / "game"
    importers = sorted(
        str(path.relative_to(game))
        for path in game.rglob("*.py")
        if "pygame_gui" in path.read_text(encoding="utf-8")
    )
    assert importers == []


def test_an_indicators_tooltip_reads_as_sentences(driver):
    start_campaign(driver)
    tooltips = [
        w.tooltip
        for w in driver.scene.widgets
        if isinstance(w, Painter) and w.tooltip.endswith("Click for why it moved.")
    ]
    assert tooltips and not [t for t in tooltips if ".." in t], tooltips


def test_the_guided_first_turn_points_at_each_part_in_turn(driver):
    """A first campaign starts with the guide; each step ends when the player does what
    it asks, the guide follows into the event dialog and the report, and once done it
    is not shown again (until asked for from Help)."""
    d = driver

    def step_shown() -> str:
        texts = [t for t in d.scene.texts() if t.startswith("Guided first turn")]
        return texts[0] if texts else ""

    start_campaign(d)
    assert "step 1 of 8" in step_shown()
    assert d.shows("Click one to see exactly why it moved")
    d.click_painter("Heavy industry")
    assert d.scene.name == "why"
    d.press(pygame.K_ESCAPE)
    assert "step 2 of 8" in step_shown()
    d.click("Politburo and NKVD")
    assert "step 3 of 8" in step_shown()
    d.click("Gosplan")  # going back to a tab is not what step 3 asks
    assert "step 3 of 8" in step_shown()
    d.click("Steady")
    assert "step 4 of 8" in step_shown()
    # On a tab without decisions, step 4 says where to find them instead of vanishing.
    for group in d.app.session.scenario.groups:
        d.click(group["title"])
        assert "step 4 of 8" in step_shown()
        if "decision" not in d.scene.anchors:
            assert d.shows("This tab has no decisions this quarter")
    d.click("Gosplan")
    d.click("Buy a whole factory")
    assert "step 5 of 8" in step_shown()
    d.click_region("germany")  # the map opens diplomacy, as step 5 asks
    assert d.scene.name == "diplomacy"
    d.press(pygame.K_ESCAPE)
    assert "step 6 of 8" in step_shown() and d.shows("press End turn")
    assert d.overflowing() == []
    d.press(pygame.K_RETURN)
    assert d.scene.name == "event" and "step 7 of 8" in step_shown()
    sources = [t for t in d.scene.texts() if t.startswith("Source: ")]
    # Sources are named by their titles, never by the file names players cannot open.
    assert sources and all(".txt" not in t for t in sources)
    assert d.overflowing() == []
    answer_events_and_report_until_report(d)
    assert "step 8 of 8" in step_shown()
    d.click("Continue")
    assert d.scene.name == "campaign" and step_shown() == ""
    assert json.loads((d.app.saves / "settings.json").read_text())["guide"] is False
    # From Help, the guide can be had again.
    d.press(pygame.K_F1)
    d.click("Guide me through a turn")
    assert d.scene.name == "campaign" and "step 1 of 8" in step_shown()
    d.click("Skip the guide")
    assert step_shown() == ""


def answer_events_and_report_until_report(d: Driver) -> None:
    for _ in range(20):
        if d.scene.name != "event":
            return
        option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
        d.click_at(option.rect.center)


def test_an_unexpected_error_keeps_the_campaign_and_writes_a_crash_report(driver, monkeypatch):
    d = driver
    start_campaign(d)
    d.click("Skip the guide")
    d.press(pygame.K_RETURN)
    answer_events_and_report(d)
    turn = d.app.session.campaign.turn
    (d.app.saves / "autosave-1.json").unlink()

    from game.ui.scenes.campaign import CampaignScene

    def broken(self):
        raise RuntimeError("a bug in the diplomacy screen")

    monkeypatch.setattr(CampaignScene, "diplomacy", broken)
    d.app.relayout()
    d.click("Diplomacy")
    assert d.scene.name == "crash"
    assert d.shows("RuntimeError: a bug in the diplomacy screen")
    assert d.shows("Your campaign was saved")
    reports = list(d.app.saves.glob("crash-*.txt"))
    assert len(reports) == 1 and d.shows(str(reports[0]))
    report = reports[0].read_text(encoding="utf-8")
    assert "a bug in the diplomacy screen" in report and "seed: 1941" in report
    kept = load_save(d.app.saves / "autosave-1.json", d.app.session.scenario)
    assert kept.turn == turn
    # The player goes on: back to the title screen, and Continue takes the campaign up.
    d.click("Back to the title screen")
    d.click("Continue")
    assert d.scene.name == "campaign" and d.app.session.campaign.turn == turn


def test_the_new_campaign_screen_says_what_each_scenario_is(driver):
    d = driver
    d.click("New campaign")
    assert d.shows("# 1928-Q4 to 1941-Q2") and d.shows("Autumn 1928. The New Economic Policy")
    d.click("Collective Security, 1934-1939")
    assert d.shows("# 1934-Q1 to 1939-Q3")
    d.click("Permanent Revolution: Trotsky 1927")
    assert d.shows("a mod of ussr1928")
    assert d.overflowing() == []


def test_number_keys_choose_the_option_shown_under_that_number(driver):
    d = driver
    start_campaign(d)
    d.click("Skip the guide")
    d.press(pygame.K_RETURN)
    assert d.scene.name == "event"
    event = d.scene.event
    shown = [w.words[0] for w in d.scene.widgets if getattr(w, "on_click", None) and w.words]
    d.press(pygame.K_2, unicode="2")
    assert d.scene.name != "crash"
    for _ in range(20):
        if d.scene.name != "event":
            break
        d.press(pygame.K_1, unicode="1")
    assert d.scene.name == "report"
    record = d.app.session.campaign.records[-1]
    assert event.option(record.choices[event.id]).text == shown[1]
