"""Sound: the themes and effects the project synthesises, the mixer under the dummy and
disk drivers, the score a scenario writes, volumes and mute kept in Settings, and a game
that plays silent without a sound device."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pygame
import pytest

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.judge import view
from game.core.music import Mood, mood
from game.core.orders import Orders
from game.core.state import State
from game.ui.app import App
from game.ui.scene import ResetTo
from game.ui.scenes.campaign import CampaignScene
from game.ui.session import Session
from game.ui.settings import Settings
from game.ui.sound.notation import parse
from game.ui.sound.pieces import EFFECTS, MUSIC_PEAK, THEMES, render_effect, render_theme
from game.ui.sound.synth import RATE
from tests.conftest import ROOT
from tests.uidriver import Driver


def level_db(samples: np.ndarray) -> float:
    values = samples.astype(np.float64) / 32768
    return 20 * np.log10(np.sqrt(np.mean(values**2)) + 1e-12)


# -- what the project synthesises ----------------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("tense", [False, True])
def test_each_theme_is_a_short_loop_under_full_scale(name, tense):
    piece = THEMES[name]
    lengths = {parse(part.notes)[1] for part in piece.parts + piece.tension}
    assert lengths == {piece.beats}, "every part of a loop lasts as long as the loop"
    samples = render_theme(name, tense)
    seconds = len(samples) / RATE
    assert 10 <= seconds <= 45 and seconds == pytest.approx(piece.beats * 60 / piece.bpm, abs=0.01)
    assert np.abs(samples).max() <= MUSIC_PEAK * 32767 + 1
    assert -30 < level_db(samples) < -12, "audible, and quieter than full scale"
    assert abs(float(samples.mean())) < 0.002 * 32767, "no offset that thumps as it starts"
    # The end joins the start: no step where the loop wraps.
    assert abs(int(samples[0]) - int(samples[-1])) < 0.02 * 32767


def test_danger_changes_the_music_not_only_its_volume():
    for name in THEMES:
        calm, tense = render_theme(name, False), render_theme(name, True)
        assert len(calm) == len(tense)
        difference = calm.astype(np.float64) - tense.astype(np.float64)
        assert level_db(difference) > -35, f"{name}: the tense variant sounds different"


@pytest.mark.parametrize("name", EFFECTS)
def test_each_effect_is_short_and_starts_and_ends_without_a_click(name):
    samples = render_effect(name)
    assert 0.05 < len(samples) / RATE <= 4.5
    assert np.abs(samples[:3]).max() < 0.02 * 32767 and np.abs(samples[-3:]).max() < 0.02 * 32767
    assert level_db(samples) > -40


# -- the score a scenario writes ------------------------------------------------------------

MUSIC = """\
music:
  - theme: alarm
    when: {after: 1932-Q1}
  - theme: march
    when: {after: 1930-Q3}
    tense: {at_least: {var: society.unrest, value: 50}}
  - theme: chorale
"""


def test_the_first_cue_that_holds_plays_and_danger_makes_it_tense(scenario_from):
    scenario = scenario_from({"music.yaml": MUSIC})
    campaign = Campaign(scenario, 1)
    assert mood(scenario.music, view(scenario, campaign.state)) == Mood("chorale")
    for _ in range(2):
        campaign.answer({e.id: o[0] for e, o in campaign.submit(Orders())})
    assert mood(scenario.music, view(scenario, campaign.state)) == Mood("march")
    values = campaign.state.values.copy()
    values[0, scenario.layout.col("society.unrest")] = 60
    tense = State(scenario.layout, values, campaign.state.seeds.copy())
    assert mood(scenario.music, view(scenario, tense)) == Mood("march", tense=True)
    while campaign.turn < 8:
        campaign.answer({e.id: o[0] for e, o in campaign.submit(Orders())})
    assert mood(scenario.music, view(scenario, campaign.state)).theme == "alarm"


def test_a_scenario_without_a_score_is_silent(scenario_from):
    scenario = scenario_from()
    assert mood(scenario.music, view(scenario, Campaign(scenario, 1).state)) is None


def test_the_shipped_campaign_moves_from_the_chorale_to_the_march_to_war(campaign_scenario):
    """Under standing orders: NEP's end, then the Plan, then the approach of war."""
    scenario = campaign_scenario
    campaign = Campaign(scenario, 3)
    heard: list[str] = []
    while not campaign.is_over:
        events = campaign.submit(Orders())
        campaign.answer({e.id: o[0] for e, o in events})
        found = mood(scenario.music, view(scenario, campaign.state))
        if not heard or heard[-1] != found.theme:
            heard.append(found.theme)
    assert heard[0] == "chorale" and heard[-1] == "alarm" and "march" in heard


# -- the mixer ------------------------------------------------------------------------------


@pytest.fixture
def window(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    yield Driver(app)
    app.audio.close()
    pygame.display.quit()


def open_campaign(d: Driver, name: str = "ussr1928") -> Campaign:
    campaign = Campaign(load_scenario(ROOT / "scenarios" / name), 7)
    d.app.session = Session(campaign, d.app.saves)
    d.app.apply(ResetTo(CampaignScene(d.app)))
    d.app.step()
    d.app.audio.wait()
    return campaign


def test_the_title_plays_music_and_a_campaign_its_own_score(window):
    d = window
    d.app.step()
    d.app.audio.wait()
    assert d.app.audio.available, d.app.audio.problem
    assert d.app.audio.playing == Mood("march") and d.app.audio.music_busy()
    open_campaign(d)
    assert d.app.audio.playing == Mood("chorale") and d.app.audio.music_busy()


@pytest.mark.parametrize("effect", EFFECTS)
def test_every_effect_loads_and_plays(window, effect):
    channel = window.app.audio.play(effect)
    assert channel is not None and channel.get_busy() and pygame.mixer.get_busy()


def test_dispatches_tap_in_and_the_new_quarter_rings_a_bell(window):
    d = window
    campaign = open_campaign(d)
    audio = d.app.audio
    d.press(pygame.K_RETURN)
    assert d.scene.name == "event" and audio._last["dispatch"].get_busy()
    while d.scene.name == "event":
        d.press(pygame.K_1)
        assert "decision" in audio._last, "an answer is stamped"
    assert campaign.turn == 1 and audio._last["quarter"].get_busy()


def test_muting_music_and_effects_in_settings_silences_them_and_is_kept(window):
    d = window
    open_campaign(d)
    assert d.app.audio.music_busy()
    d.press(pygame.K_ESCAPE)
    d.click("Settings")
    d.click("Music: on")
    assert not d.app.audio.music_busy(), "muted music stops at once"
    d.click("Effects: on")
    assert d.app.audio.play("decision") is None
    kept = json.loads((d.app.saves / "settings.json").read_text())
    assert kept["music_on"] is False and kept["effects_on"] is False
    d.click("Music: off")
    d.app.audio.wait()
    assert d.app.audio.music_busy(), "unmuted, the campaign's music comes back"


def test_volumes_apply_to_the_mixer_and_persist(window, tmp_path):
    d = window
    open_campaign(d)
    d.press(pygame.K_ESCAPE)
    d.click("Settings")
    buttons = [b for b in d.scene.buttons() if b.text == "40%"]
    d.click_at(buttons[0].rect.center)  # the music's row comes first
    d.click_at([b for b in d.scene.buttons() if b.text == "20%"][1].rect.center)
    assert d.app.settings.music_volume == 0.4 and d.app.settings.effects_volume == 0.2
    assert d.app.audio.music_volume() == pytest.approx(0.4, abs=0.01)
    again = Settings.load(d.app.saves)
    assert (again.music_volume, again.effects_volume) == (0.4, 0.2)


def test_damaged_volumes_in_the_settings_file_fall_back_to_sane_ones(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "settings.json").write_text(
        json.dumps({"music_volume": 7, "effects_volume": -1, "scale": 1.5}), encoding="utf-8"
    )
    settings = Settings.load(tmp_path)
    assert (settings.music_volume, settings.effects_volume) == (1.0, 0.0)
    assert settings.scale == 1.2, "an older, larger size becomes the largest offered"


# -- without a device, and measured from the mixer's own output ------------------------------

SILENT_RUN = textwrap.dedent(
    """
    import tempfile
    from pathlib import Path
    import pygame
    from game.ui.app import App
    from tests.uidriver import Driver
    app = App(Path(tempfile.mkdtemp()), size=(1280, 720))
    d = Driver(app)
    app.step()
    d.click("New campaign")
    d.click("Start")
    d.press(pygame.K_RETURN)
    app.audio.play("verdict")
    d.click("Settings") if app.top.name == "title" else None
    print("available", app.audio.available, "scene", app.top.name)
    """
)


def test_the_game_plays_silent_without_a_sound_device():
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "no_such_device"}
    result = subprocess.run(
        [sys.executable, "-c", SILENT_RUN], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "available False" in result.stdout


DISK_RUN = textwrap.dedent(
    """
    import time, tempfile
    from pathlib import Path
    from game.ui.app import App
    app = App(Path(tempfile.mkdtemp()), size=(1280, 720))
    app.settings = app.settings.with_(music_volume=1.0, effects_volume=1.0)
    app.audio.apply(app.settings)
    app.step()
    app.audio.wait()
    started = time.monotonic()
    time.sleep(1.5)
    print("effect at", time.monotonic() - started)
    app.audio.play("dispatch")
    time.sleep(1.0)
    """
)


def test_music_and_effects_mix_without_clipping_in_the_mixers_output(tmp_path):
    """SDL's disk driver writes what the speakers would get: the march alone, then the
    telegraph over it, at full volume both."""
    out = tmp_path / "out.raw"
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "disk",
        "SDL_DISKAUDIOFILE": str(out),
    }
    result = subprocess.run(
        [sys.executable, "-c", DISK_RUN], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    samples = np.fromfile(out, dtype=np.int16)
    assert len(samples) / RATE >= 2.0, "the mixer ran for the whole run"
    assert np.abs(samples).max() < 32767, "nothing clipped"
    # The music plays before the effect; with it, the level rises for a moment.
    music = samples[int(0.3 * RATE) : int(1.3 * RATE)]
    assert level_db(music) > -35
    windows = [samples[i : i + RATE // 10] for i in range(0, len(samples) - RATE // 10, RATE // 10)]
    loudest = max(windows, key=level_db)
    assert level_db(loudest) > level_db(music) + 3, "the telegraph is heard over the music"


def test_the_sound_command_writes_every_theme_and_effect_as_wav(tmp_path, capsys):
    import wave

    from game.cli import main

    assert main(["sound", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    files = sorted(tmp_path.glob("*.wav"))
    assert len(files) == 2 * len(THEMES) + len(EFFECTS)
    for path in files:
        with wave.open(str(path)) as wav:
            assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (RATE, 1, 2)
            assert wav.getnframes() > 0
    assert "nocturne-tense" in printed and "peak dBFS" in printed
