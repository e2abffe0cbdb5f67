"""Sources a reader can check: each claim credited to whom its source text credits it,
borrowed words in quotation marks, and a bibliography that names the work meant for
every historian, in the game's Help and in the debrief."""

from __future__ import annotations

import re

import pygame
import pytest

from game.content.lint import SOURCES_ENV, sources_folder
from game.content.loader import check_scenario, load_scenario
from game.core.sources import surname
from game.debrief.analysis import build_debrief
from game.debrief.html import render_html
from game.sim.batch import run_batch
from game.sim.policies import HistoricalPolicy
from game.ui.app import App
from game.ui.scenes.debrief import section_text
from tests.conftest import BASE_SCENARIO, LIVE_CONTENT, ROOT, write_scenario
from tests.uidriver import Driver

SHIPPED = ["ussr1928", "collective_security", "trotsky1927"]
STRIKE = "events:\n  - id: strike\n    title: Strike\n    text: The mills stop.\n    mtth: 8\n"


def with_meta(extra: str) -> str:
    return BASE_SCENARIO.replace(
        "  max_decisions_per_turn: 2\n", "  max_decisions_per_turn: 2\n" + extra
    )


@pytest.fixture
def checked(tmp_path, monkeypatch):
    """The checker's findings on a scenario written to tmp_path, with only the source
    texts the test writes beside it."""
    shared = tmp_path / "sources"
    shared.mkdir()
    (shared / "notes.txt").write_text("What the strikers wanted.\n", encoding="utf-8")
    monkeypatch.setenv(SOURCES_ENV, str(shared))

    def check(meta: str, citation: str) -> list[str]:
        folder = write_scenario(
            tmp_path / "mod",
            {
                **LIVE_CONTENT,
                "carr.txt": "As Carr argues, the strike was a rising.\n",
                "events/e.yaml": STRIKE + "    sources:\n      - " + citation + "\n",
            },
            base=with_meta(meta),
        )
        scenario, diagnostics = check_scenario(folder)
        assert scenario is not None
        return [f"{d.code}: {d.message}" for d in diagnostics]

    return check


CARR = "  bibliography:\n    E. H. Carr: A History of Soviet Russia (1950-78)\n"


def test_a_historian_the_text_names_may_be_credited_with_its_claims(checked):
    assert (
        checked(CARR, "{file: carr.txt, historian: E. H. Carr, note: the strike as a rising}") == []
    )


def test_a_works_own_author_is_credited_through_the_title_the_scenario_gives_it(checked):
    # The monograph's file never names Jacobson; its title does, and that is enough.
    titled = CARR + "  source_titles:\n    notes.txt: E. H. Carr, The Strikes (1950)\n"
    assert checked(titled, "{file: notes.txt, historian: E. H. Carr, note: what they wanted}") == []


def test_a_claim_the_text_makes_in_its_own_name_cannot_be_credited_to_a_historian(checked):
    found = checked(CARR, "{file: notes.txt, historian: E. H. Carr, note: what they wanted}")
    assert found == [
        "unnamed-historian: this citation credits E. H. Carr, whom source 'notes.txt' never "
        "mentions: credit the claim to the text, or cite the work that makes it"
    ]


def test_a_name_that_only_contains_a_historians_name_is_no_citation_of_them(checked):
    assert checked(CARR, "{file: notes.txt, note: the Carriage works stop}") == []


def test_every_cited_historian_of_the_shipped_scenarios_has_a_work_in_the_bibliography():
    for scenario_id in SHIPPED:
        scenario = load_scenario(scenario_id)
        listed = {surname(h) for h in scenario.bibliography}
        cited = {s.historian for s in citations(scenario) if s.historian}
        assert cited and {h for h in cited if surname(h) not in listed} == set(), scenario_id
        assert all(work.strip() for work in scenario.bibliography.values())
        # The monograph is named by its work, as its content shows it to be.
        title = scenario.source_titles["001_0b16cb7bb43faa7c.txt"]
        assert "Jacobson" in title and "When the Soviet Union Entered World Politics" in title


def test_a_mods_bibliography_adds_its_own_historians_to_its_bases():
    trotsky, base = load_scenario("trotsky1927"), load_scenario("ussr1928")
    assert "Isaac Deutscher" in trotsky.bibliography and "Isaac Deutscher" not in base.bibliography
    assert {h: trotsky.bibliography[h] for h in base.bibliography} == base.bibliography


def test_the_shipped_scenarios_credit_no_one_their_source_never_names():
    for scenario_id in SHIPPED:
        _, diagnostics = check_scenario(ROOT / "scenarios" / scenario_id)
        assert [d for d in diagnostics if "historian" in d.code] == [], scenario_id


def test_the_monograph_is_cited_for_the_1930s_only_as_their_1920s_background():
    # Jacobson's book ends in 1929; what it says of the 1930s is Litvinov's doctrine.
    checked = 0
    for scenario_id in SHIPPED:
        scenario = load_scenario(scenario_id)
        calendar = scenario.calendar
        thirties = calendar.turn_of("1930-Q1") if calendar.label(0) < "1930" else 0
        dated = [e for e in scenario.events if e.window[0] >= max(thirties, 1)]
        for event in dated:
            for source in event.lore.sources:
                if source.file.startswith("001_"):
                    checked += 1
                    note = source.note
                    assert any(s in note for s in ("1920s", "Litvinov", "1934", "text ends")), (
                        scenario_id,
                        event.id,
                        note,
                    )
    assert checked >= 30


def citations(scenario):
    for item in (*scenario.events, *scenario.decisions, *scenario.policies, *scenario.endings):
        yield from item.lore.sources
    for figure in scenario.record.figures:
        yield from figure.sources
    for question in scenario.debrief.questions:
        yield from question.sources


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


RUN = 6  # words in a row that no paraphrase shares with its source by chance


def test_every_run_of_six_words_a_note_borrows_from_its_source_is_in_quotation_marks():
    shared = sources_folder()
    if shared is None:
        pytest.skip("the shared source texts are not on this machine")
    borrowed = set()
    for path in shared.glob("*.txt"):
        w = words(path.read_text(encoding="utf-8"))
        borrowed |= {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}
    unquoted = []
    for scenario_id in SHIPPED:
        for source in citations(load_scenario(scenario_id)):
            outside = re.sub(r'"[^"]*"|“[^”]*”', " | ", source.note)
            for part in outside.split("|"):
                w = words(part)
                runs = [" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)]
                unquoted += [(scenario_id, r) for r in runs if tuple(r.split()) in borrowed]
    assert unquoted == []


def test_the_debrief_lists_every_historian_with_the_work_meant(campaign_scenario):
    result = run_batch(campaign_scenario, [3], HistoricalPolicy(campaign_scenario), record=True)
    debrief = build_debrief(result.campaign(0))
    labels = (campaign_scenario.calendar.label(0), campaign_scenario.calendar.label(50))
    html = render_html(debrief, labels)
    text = section_text(debrief, "Questions")
    assert "<h2>Sources</h2>" in html
    for historian, work in campaign_scenario.bibliography.items():
        assert f"<b>{historian}</b>" in html
        assert f"{historian}: {work}" in text
    assert "When the Soviet Union Entered World Politics (1994)" in html
    assert "Russia&#x27;s War (1997)" in html and "Russia's War (1997)" in text
    # Each real figure names the archival work its range comes from.
    for figure in campaign_scenario.record.figures:
        row = next(row for row in debrief.figures if row.title == figure.title)
        assert f"range: {figure.range_from}" in row.sources


def test_help_shows_the_campaigns_sources_and_the_work_meant_for_each_historian(tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    d = Driver(app)
    try:
        d.click("New campaign")
        d.click("Start")
        assert d.scene.name == "campaign"
        d.press(pygame.K_F1)
        assert d.scene.name == "help"
        d.click("Sources")
        shown = "\n".join(d.scene.texts())
        scenario = app.session.scenario
        for historian in scenario.bibliography:
            assert historian in shown
        assert "The Great Terror: Stalin's Purge of the Thirties (1968)" in shown
        assert "Jon Jacobson, When the Soviet Union Entered World Politics (1994)" in shown
        assert d.overflowing() == []
    finally:
        pygame.display.quit()
