"""Every event is illustrated in one style, drawn by the game: a picture of its own that
is the same each time, in either palette, never under text; the recurring persons its
text names have their emblems beside it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pygame
import pytest

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.state import State
from game.ui import art
from game.ui.app import App
from game.ui.scene import Push
from game.ui.scenes.event_dialog import EventDialogScene
from game.ui.session import Session
from game.ui.theme import STANDARD, Theme
from game.ui.widgets import Label, ScrollText
from tests.conftest import write_scenario
from tests.test_checker import validate  # noqa: F401  (the fixture)

SCENARIOS = ("ussr1928", "collective_security", "trotsky1927")
SIZE = (828, 59)


def picture(scenario, event, theme: Theme, size=SIZE) -> pygame.Surface:
    group = next((g for g in scenario.groups if g["id"] == event.group), {})
    return art.event_picture(
        event,
        f"{event.title}\n{event.text}",
        f"{group.get('title', '')}\n{group.get('description', '')}",
        size,
        theme,
    )


def fingerprint(surface: pygame.Surface) -> str:
    return hashlib.sha256(pygame.image.tobytes(surface, "RGB")).hexdigest()


def colours(surface: pygame.Surface) -> set[tuple[int, int, int]]:
    small = pygame.transform.scale(surface, (SIZE[0] // 2, SIZE[1] // 2))
    raw = pygame.image.tobytes(small, "RGB")
    return {tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)}


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_event_has_a_picture_of_its_own(name):
    scenario = load_scenario(name)
    prints = {}
    for event in scenario.events:
        drawn = picture(scenario, event, Theme())
        # A composition, not a blank: the ground, the shapes and a motif on its plate.
        assert len(colours(drawn)) >= 3, event.id
        prints[event.id] = fingerprint(drawn)
    assert len(set(prints.values())) == len(prints)


def test_an_event_looks_the_same_every_time_it_is_drawn():
    scenario = load_scenario("ussr1928")
    for event in scenario.events[::10]:
        first = fingerprint(picture(scenario, event, Theme()))
        art._CACHE.clear()
        assert fingerprint(picture(scenario, event, Theme())) == first, event.id


def test_a_picture_is_drawn_once_per_event_size_and_palette():
    scenario = load_scenario("ussr1928")
    event = scenario.events[0]
    once = picture(scenario, event, Theme())
    assert picture(scenario, event, Theme()) is once
    assert picture(scenario, event, Theme(colour_blind=True)) is not once
    assert picture(scenario, event, Theme(), size=(600, 50)).get_size() == (600, 50)


def test_the_colour_blind_palette_has_no_red_in_the_pictures():
    scenario = load_scenario("ussr1928")
    for event in scenario.events[::7]:
        assert STANDARD.accent not in colours(picture(scenario, event, Theme(colour_blind=True)))


def test_the_motifs_follow_the_words_and_else_the_group():
    assert "train" in art.motifs_for("Deportation trains leave for the east")
    assert "grain" in art.motifs_for("The grain procurement falls short")
    # 'search' is not the sea, nor 'warning' a war.
    assert art.motifs_for("A search, a warning") == ["telegram"]
    assert art.motifs_for("Nothing here", fallback="Diplomacy: treaties and pacts") == ["document"]


def test_the_roster_holds_the_people_the_scenario_names_and_its_posts():
    roster = art.roster(load_scenario("ussr1928"))
    # From the lore's people ('Grigory Zinoviev (1883-1936) and Lev Kamenev ...') and from
    # the posts (who runs the foreign commissariat, the political police).
    for name in ("Zinoviev", "Kamenev", "Bukharin", "Tukhachevsky", "Litvinov", "Yezhov"):
        assert name in roster
    assert "Normal" not in roster and "Crash" not in roster
    assert art.actors(roster, "Molotov replaces Litvinov; Yezhov arrests") == [
        "Molotov",
        "Litvinov",
        "Yezhov",
    ]


def open_dialog(tmp_path: Path, scenario, event, colour_blind=False) -> App:
    app = App(tmp_path / "saves", size=(1280, 720))
    app.settings = app.settings.with_(colour_blind=colour_blind)
    app.relayout()
    app.session = Session(Campaign(scenario, 1), tmp_path / "saves")
    app.apply(Push(EventDialogScene(app, [(event, [o.id for o in event.options])], 0, {})))
    app.draw()
    return app


DIALOGS = [
    "geneva_disarmament",
    "shakhty_trial",
    "magnitogorsk",
    "border_deportations",
    "kirov_murder",
    "pyatakov_trial",
    "winter_war_lessons",
    "munich",
]


@pytest.mark.parametrize("colour_blind", [False, True])
def test_no_text_lies_on_the_picture_or_an_emblem(tmp_path, colour_blind):
    scenario = load_scenario("ussr1928")
    events = {e.id: e for e in scenario.events}
    for event_id in DIALOGS:
        app = open_dialog(tmp_path, scenario, events[event_id], colour_blind)
        scene = app.stack[-1]
        texts = [w for w in scene.widgets if isinstance(w, Label | ScrollText)]
        # The group's name sits on its band, not on the picture.
        band_labels = [w for w in texts if scene.band.contains(w.rect)]
        assert band_labels and band_labels[0].text == band_labels[0].text.upper()
        for widget in texts:
            assert not widget.rect.colliderect(scene.art), (event_id, widget)
            for face in scene.portraits:
                assert not widget.rect.colliderect(face), (event_id, widget)
        # The band's label and the names under the emblems fit.
        assert not [w for w in band_labels if w.overflow]
        names = [
            w
            for w in texts
            if any(w.rect.top == f.bottom + app.theme.px(2) for f in scene.portraits)
        ]
        assert len(names) == len(scene.portraits) and not [w for w in names if w.overflow]
        pygame.display.quit()


def test_the_dialog_shows_the_emblem_of_the_commissar_its_text_names(tmp_path):
    scenario = load_scenario("ussr1928")
    event = next(e for e in scenario.events if e.id == "geneva_disarmament")
    app = open_dialog(tmp_path, scenario, event)
    scene = app.stack[-1]
    assert "Litvinov" in scene.texts() and len(scene.portraits) == 1
    text = next(w for w in scene.widgets if isinstance(w, ScrollText))
    assert text.rect.right <= scene.portraits[0].left
    pygame.display.quit()


def test_the_emblem_follows_who_holds_the_post_in_the_campaign():
    scenario = load_scenario("ussr1928")
    event = next(e for e in scenario.events if e.title.startswith("Troops on the Rhine"))
    start = Campaign(scenario, 1).state
    values = start.values.copy()
    values[0, scenario.layout.col("treaty.league")] = 1
    roster = art.roster(scenario)
    seen = []
    for level in (1, 2):
        values[0, scenario.layout.col("nkid.commissar")] = level
        state = State(start.layout, values.copy(), start.seeds)
        seen.append(art.actors(roster, event.text.render(scenario, state)))
    assert seen == [["Litvinov"], ["Molotov"]]


def test_an_event_can_declare_the_persons_it_concerns(tmp_path):
    scenario = load_scenario("ussr1928")
    events = {e.id: e for e in scenario.events}
    assert events["kirov_murder"].actors == ("Kirov",)
    # Declared once, Trotsky is shown beside every text that names him.
    assert events["trotsky_expelled"].actors == ("Trotsky",)
    app = open_dialog(tmp_path, scenario, events["trotsky_assassination"])
    assert "Trotsky" in app.stack[-1].texts() and len(app.stack[-1].portraits) == 1
    pygame.display.quit()


def test_an_actor_that_is_not_a_name_is_a_located_error(tmp_path, validate):  # noqa: F811
    event = "events:\n  - id: riot\n    title: Riot\n    text: The town rises.\n    mtth: 4\n"
    write_scenario(tmp_path / "mod", {"events/e.yaml": event + "    actors: [the mayor]\n"})
    status, lines = validate("mod")
    assert status == 1 and any(line.startswith("mod/events/e.yaml:6:") for line in lines), lines
