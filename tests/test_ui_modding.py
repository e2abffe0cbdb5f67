"""Modding in the game window: the scenarios screen (a mod manager with the checker's
verdicts) and developer mode's F5, which reloads content or keeps the last good one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

import game.content.files as files
from game.ui.app import App
from tests.uidriver import Driver

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A scenarios folder of our own: the one-lesson scenario, and a mod of it that
    refers to a variable nobody declared."""
    root = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS / "collective_security", root / "collective_security")
    shutil.copytree(SCENARIOS / "schema", root / "schema")
    broken = root / "broken_mod"
    broken.mkdir()
    (broken / "scenario.yaml").write_text(
        "scenario:\n  id: broken_mod\n  title: A broken mod\n  extends: collective_security\n"
        "events:\n  - id: typo\n    title: A typo\n    text: Look.\n"
        "    trigger: {above: {var: no.such_var, value: 1}}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(files, "scenarios_root", lambda: root)
    return root


@pytest.fixture
def driver(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    app.change_settings(app.settings.with_(guide=False))
    yield Driver(app)
    pygame.display.quit()


def test_the_scenarios_screen_lists_each_scenario_with_the_checkers_verdict(installed, driver):
    d = driver
    d.click("Scenarios")
    assert d.scene.name == "scenarios"
    labels = [b.text for b in d.scene.buttons()]
    assert any(label.startswith("A broken mod\n") and "error" in label for label in labels)
    good = next(label for label in labels if label.startswith("Collective Security"))
    assert good.endswith("\nOK")
    d.click(next(label for label in labels if label.startswith("A broken mod")))
    assert d.shows("broken_mod/scenario.yaml:9:28: error[unknown-variable]") and d.shows(
        "no.such_var"
    )
    assert not d.scene.button("Play this scenario").enabled
    # The modder fixes the file and checks again: the verdict follows the files.
    mod = installed / "broken_mod" / "scenario.yaml"
    mod.write_text(mod.read_text().replace("no.such_var", "comintern.credibility"))
    d.click("Check again")
    assert not d.shows("no.such_var")
    d.click(good)
    d.click("Play this scenario")
    assert d.scene.name == "new_campaign"
    d.click("Start")
    assert d.scene.name == "campaign" and d.app.session.scenario.id == "collective_security"
    assert d.overflowing() == []


def test_f5_in_developer_mode_reloads_content_or_keeps_the_last_good(installed, driver):
    d = driver
    d.app.change_settings(d.app.settings.with_(developer=True))
    d.click("New campaign")
    d.click(next(b.text for b in d.scene.buttons() if b.text.startswith("Collective Security")))
    d.click("Start")
    for _ in range(2):
        d.press(pygame.K_RETURN)
        for _ in range(20):
            if d.scene.name == "event":
                option = next(
                    w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words
                )
                d.click_at(option.rect.center)
            elif d.scene.name == "report":
                d.click("Continue")
            else:
                break
    campaign = d.app.session.campaign
    turn, digest = campaign.turn, campaign.state.digest()
    title = campaign.scenario.title

    # A broken edit: the game says what is wrong and keeps playing the content it has.
    main = installed / "collective_security" / "scenario.yaml"
    good_text = main.read_text(encoding="utf-8")
    main.write_text(good_text.replace("start:", "start_date:", 1), encoding="utf-8")
    d.press(pygame.K_F5)
    assert d.scene.name == "message" and d.shows("Reload failed")
    assert d.shows("collective_security/scenario.yaml:")
    d.click("Keep playing")
    assert d.app.session.campaign is campaign and campaign.turn == turn

    # A good edit: the content is read again and the quarters played are replayed on it.
    main.write_text(good_text.replace(title, "Collective security, revised", 1), encoding="utf-8")
    d.press(pygame.K_F5)
    reloaded = d.app.session.campaign
    assert reloaded is not campaign and reloaded.scenario.title == "Collective security, revised"
    assert reloaded.turn == turn and reloaded.state.digest() == digest
    assert d.shows(f"{turn} quarters replayed, 0 adjusted")


def test_f5_does_nothing_outside_developer_mode(installed, driver):
    d = driver
    d.click("New campaign")
    d.click(next(b.text for b in d.scene.buttons() if b.text.startswith("Collective Security")))
    d.click("Start")
    campaign = d.app.session.campaign
    d.press(pygame.K_F5)
    assert d.scene.name == "campaign" and d.app.session.campaign is campaign
