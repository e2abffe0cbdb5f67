"""Scenarios that extend others: bases load first, mods add, replace and remove by id."""

from __future__ import annotations

import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.saves import SaveError, load_save, write_save
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy, RandomPolicy
from tests.conftest import BASE_SCENARIO, write_scenario
from tests.helpers import play_quarters

BASE_EVENTS = """\
events:
  - id: harvest
    title: Harvest
    text: The harvest is in.
    date: 1930-Q3
    effects: [{add: {var: economy.output, value: 5}}]
  - id: strike
    title: Strike
    text: The workers strike.
    date: 1931-Q1
    effects: [{add: {var: society.unrest, value: 5}}]
"""


def mod(scenario_id: str, extends: str, more: str = "") -> str:
    """A mod's scenario.yaml: only id, title and extends are needed."""
    return f"scenario:\n  id: {scenario_id}\n  title: {scenario_id.title()}\n  extends: {extends}\n{more}"


@pytest.fixture
def base(tmp_path):
    """A complete small scenario 'test' that mods in the same folder can extend by id."""
    return write_scenario(tmp_path / "test", {"events/base.yaml": BASE_EVENTS})


def validate(capsys, tmp_path, folder) -> tuple[int, list[str]]:
    """Run the real checker; its lines with the temporary folder cut from file names."""
    status = main(["validate", str(folder)])
    out = capsys.readouterr().out.replace(f"{tmp_path}/", "")
    return status, out.splitlines()


def coded(lines: list[str], code: str) -> list[str]:
    """The checker's lines of one code (other checks may add warnings of their own)."""
    return [line for line in lines if f"[{code}]" in line]


def after_ok(lines: list[str]) -> str:
    """The line the checker prints after a scenario's OK line."""
    ok = next(i for i, line in enumerate(lines) if ": OK: " in line)
    return lines[ok + 1]


# -- errors ------------------------------------------------------------------------------


def test_an_unknown_base_is_refused_with_a_suggestion(tmp_path, base, capsys):
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "tset"))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[0] == (
        "mod/scenario.yaml:4:12: error[unknown-base]: unknown base scenario 'tset' "
        "(did you mean 'test'?)"
    )


def test_cyclic_extends_is_refused_where_the_cycle_closes(tmp_path, base, capsys):
    write_scenario(tmp_path / "a", {}, mod("a", "b"))
    write_scenario(tmp_path / "b", {}, mod("b", "[test, a]"))
    status, lines = validate(capsys, tmp_path, tmp_path / "a")
    assert status == 1
    assert lines[0] == "b/scenario.yaml:4:19: error[extends-cycle]: cyclic extends: a -> b -> a"


def test_a_scenario_cannot_extend_itself(tmp_path, capsys):
    folder = write_scenario(tmp_path / "a", {}, mod("a", "a"))
    status, lines = validate(capsys, tmp_path, folder)
    assert lines[0] == "a/scenario.yaml:4:12: error[extends-cycle]: cyclic extends: a -> a"


def chain(tmp_path, length: int) -> None:
    """m1 extends m2 extends ... m<length> extends test."""
    for n in range(1, length + 1):
        below = f"m{n + 1}" if n < length else "test"
        write_scenario(tmp_path / f"m{n}", {}, mod(f"m{n}", below))


def test_a_chain_of_eight_bases_loads(tmp_path, base):
    chain(tmp_path, 8)  # m1 stands on m2..m8 and test: eight bases deep
    scenario = load_scenario(tmp_path / "m1")
    assert scenario.id == "m1"
    assert [e.id for e in scenario.events] == ["harvest", "strike"]


def test_a_chain_deeper_than_eight_is_refused(tmp_path, base, capsys):
    chain(tmp_path, 9)
    status, lines = validate(capsys, tmp_path, tmp_path / "m1")
    assert status == 1
    assert lines[0] == (
        "m9/scenario.yaml:4:12: error[extends-depth]: extends chain too deep: "
        "m1 -> m2 -> m3 -> m4 -> m5 -> m6 -> m7 -> m8 -> m9 -> test goes more than 8 "
        "scenarios down"
    )


def test_an_id_the_base_defines_needs_replace(tmp_path, base, capsys):
    files = {
        "events/mine.yaml": """\
        events:
          - id: strike
            title: A bigger strike
            text: The whole city stops.
        """,
        "variables.yaml": """\
        variables:
          society.unrest: {group: society, min: 0, max: 100, initial: 40}
        """,
    }
    folder = write_scenario(tmp_path / "mod", files, mod("mod", "test"))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[:2] == [
        "mod/events/mine.yaml:2:9: error[duplicate-id]: event 'strike' is defined twice "
        "(first in test/events/base.yaml:7); to replace it, add 'replace: true' here",
        "mod/variables.yaml:2:3: error[duplicate-id]: variable 'society.unrest' is declared "
        "twice (first in test/scenario.yaml:11); to replace it, add 'replace: true' here",
    ]


def test_replacing_what_no_base_defines_is_an_error_with_a_suggestion(tmp_path, base, capsys):
    files = {
        "events/mine.yaml": """\
        events:
          - id: strikes
            replace: true
            title: A bigger strike
            text: The whole city stops.
        """
    }
    folder = write_scenario(tmp_path / "mod", files, mod("mod", "test"))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[0] == (
        "mod/events/mine.yaml:2:9: error[replace-nothing]: there is no event 'strikes' to "
        "replace (did you mean 'strike'?); without 'replace: true' it is added as a new one"
    )


def test_removing_what_no_base_defines_is_an_error_at_the_list_item(tmp_path, base, capsys):
    more = "remove:\n  events: [harvest, strik]\n  variables: [economy.outptu]\n"
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "test", more))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[:2] == [
        "mod/scenario.yaml:6:21: error[remove-nothing]: there is no event 'strik' to remove "
        "(did you mean 'strike'?)",
        "mod/scenario.yaml:7:15: error[remove-nothing]: there is no variable 'economy.outptu' "
        "to remove (did you mean 'economy.output'?)",
    ]


def test_what_still_refers_to_a_removed_thing_is_an_unknown_reference(tmp_path, base, capsys):
    more = "remove:\n  variables: [society.unrest]\n"
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "test", more))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[:2] == [
        "test/events/base.yaml:11:27: error[unknown-variable]: unknown variable 'society.unrest'",
        "test/scenario.yaml:18:28: error[unknown-variable]: unknown variable 'society.unrest'",
    ]


@pytest.mark.parametrize("extends", ["", "  extends: []\n"], ids=["no extends", "empty list"])
def test_a_scenario_without_bases_still_needs_its_dates(tmp_path, capsys, extends):
    no_end = BASE_SCENARIO.replace("  end: 1932-Q4\n", extends)
    folder = write_scenario(tmp_path / "solo", {}, no_end)
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[0] == "solo/scenario.yaml:2:3: error[missing-key]: missing required key 'end'"


def test_a_base_is_named_by_id_never_by_path(tmp_path, base, capsys):
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "../test"))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 1
    assert lines[0].startswith("mod/scenario.yaml:4:12: error[format]: '../test' is not a valid id")


# -- what a mod does -----------------------------------------------------------------------


def test_a_mod_inherits_the_fields_it_leaves_out_and_overrides_the_others(tmp_path, base):
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "test", "  end: 1931-Q4\n"))
    scenario = load_scenario(folder)
    assert (scenario.id, scenario.title) == ("mod", "Mod")
    assert scenario.calendar.label(0) == "1930-Q1"  # inherited
    assert scenario.calendar.n_turns == 8  # 1930-Q1 to 1931-Q4, overridden
    assert scenario.steps == ("economy", "politics")
    assert scenario.root == str(folder.resolve())


def test_replace_keeps_the_entrys_place_and_remove_takes_it_out(tmp_path, base):
    files = {
        "events/mine.yaml": """\
        events:
          - id: famine
            title: Famine
            text: The villages starve.
            date: 1932-Q1
          - id: harvest
            replace: true
            title: A record harvest
            text: The granaries overflow.
            date: 1930-Q3
        """,
    }
    more = "remove:\n  events: [strike]\n"
    scenario = load_scenario(write_scenario(tmp_path / "mod", files, mod("mod", "test", more)))
    assert [e.id for e in scenario.events] == ["harvest", "famine"]
    assert scenario.event("harvest").title == "A record harvest"


SOVIET_MOD = """\
scenario:
  id: gold_standard
  extends: ussr1928
  title: "The Great Turn, with Kolyma gold"
remove:
  events: [harvest_failure]
variables:
  economy.valuta:
    replace: true
    group: economy
    label: Valuta
    min: 0
    max: 200
    initial: 90
    better: higher
"""

SOVIET_MOD_EVENT = """\
events:
  - id: kolyma_gold
    title: Gold on the Kolyma
    text: Prospectors of Dalstroi report rich gold placers on the Kolyma.
    date: 1929-Q1
    effects:
      - add: {var: economy.valuta, value: 10}
"""


@pytest.fixture
def soviet_mod(tmp_path):
    return write_scenario(
        tmp_path / "gold_standard", {"events/gold.yaml": SOVIET_MOD_EVENT}, SOVIET_MOD
    )


def test_a_mod_of_the_campaign_validates_and_says_what_it_changes(tmp_path, soviet_mod, capsys):
    status, lines = validate(capsys, tmp_path, soviet_mod)
    assert status == 0
    assert any(line.startswith("gold_standard: OK: scenario 'gold_standard'") for line in lines)
    assert after_ok(lines) == (
        "extends ussr1928: adds 1 event; replaces 1 variable; removes 1 event"
    )


def test_a_mod_of_the_campaign_plays_to_an_ending(soviet_mod, campaign_scenario):
    scenario = load_scenario(soviet_mod)
    events = [e.id for e in scenario.events]
    assert "harvest_failure" not in events and events[-1] == "kolyma_gold"
    assert len(events) == len(campaign_scenario.events)
    valuta = next(v for v in scenario.layout.declared() if v.name == "economy.valuta")
    assert valuta.initial == 90
    campaign = play_campaign(scenario, 3, HeuristicPolicy())
    assert campaign.is_over and campaign.ending is not None
    fired = [event for record in campaign.records for event in record.fired]
    assert "kolyma_gold" in fired and "harvest_failure" not in fired


def test_a_save_of_a_mod_loads_back_and_is_refused_once_its_base_changes(tmp_path, base):
    files = {"events/mine.yaml": "events:\n  - id: famine\n    title: F\n    text: t\n"}
    folder = write_scenario(tmp_path / "mod", files, mod("mod", "test"))
    scenario = load_scenario(folder)
    campaign = play_quarters(scenario, 5, seed=4)
    path = write_save(campaign, tmp_path / "mod-save.json")
    loaded = load_save(path, load_scenario(folder))
    assert loaded.state.digest() == campaign.state.digest()
    assert loaded.turn == campaign.turn
    base_events = base / "events" / "base.yaml"
    base_events.write_text(BASE_EVENTS.replace("value: 5}}]\n", "value: 6}}]\n", 1))
    with pytest.raises(SaveError, match="different version of scenario 'mod'"):
        load_save(path, load_scenario(folder))


def test_the_content_hash_covers_the_bases_files(tmp_path, base):
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "test"))
    before = load_scenario(folder).content_hash
    alone = load_scenario(base).content_hash
    assert before != alone
    (base / "events" / "base.yaml").write_text(BASE_EVENTS.replace("Harvest", "Harvest!"))
    after = load_scenario(folder).content_hash
    assert after != before
    assert load_scenario(folder).content_hash == after  # the same files, the same hash


# -- several bases ----------------------------------------------------------------------


def two_bases(tmp_path, p_events: str, q_events: str) -> None:
    write_scenario(tmp_path / "p", {"events/p.yaml": p_events}, mod("p", "test"))
    write_scenario(tmp_path / "q", {"events/q.yaml": q_events}, mod("q", "test"))


def test_a_diamond_loads_the_shared_base_once_in_a_fixed_order(tmp_path, base, capsys):
    two_bases(
        tmp_path,
        "events:\n  - id: from_p\n    title: P\n    text: t\n",
        "events:\n  - id: from_q\n    title: Q\n    text: t\n",
    )
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "[p, q]"))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 0, lines
    assert coded(lines, "conflict") == []
    assert after_ok(lines) == "extends p, q: changes nothing"
    scenario = load_scenario(folder)
    assert [e.id for e in scenario.events] == ["harvest", "strike", "from_p", "from_q"]
    swapped = write_scenario(tmp_path / "swapped", {}, mod("swapped", "[q, p]"))
    assert [e.id for e in load_scenario(swapped).events][2:] == ["from_q", "from_p"]


def test_two_bases_touching_the_same_id_conflict_and_the_later_wins(tmp_path, base, capsys):
    replaced = "events:\n  - id: strike\n    replace: true\n    title: {title}\n    text: t\n"
    two_bases(tmp_path, replaced.format(title="P's strike"), replaced.format(title="Q's strike"))
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "[p, q]"))
    status, lines = validate(capsys, tmp_path, folder)
    assert status == 0
    assert coded(lines, "conflict") == [
        "q/events/q.yaml:2:9: warning[conflict]: 'q' replaces event 'strike', which 'p' also "
        "replaces (p/events/p.yaml:2), and neither extends the other: 'q' comes later in the "
        "load order and wins"
    ]
    assert load_scenario(folder).event("strike").title == "Q's strike"


def test_a_removal_and_a_replacement_by_unrelated_bases_conflict(tmp_path, base, capsys):
    write_scenario(tmp_path / "p", {}, mod("p", "test", "remove:\n  events: [strike]\n"))
    replaced = "events:\n  - id: strike\n    replace: true\n    title: Q\n    text: t\n"
    write_scenario(tmp_path / "q", {"events/q.yaml": replaced}, mod("q", "test"))
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "[q, p]"))
    status, lines = validate(capsys, tmp_path, folder)
    assert coded(lines, "conflict") == [
        "p/scenario.yaml:6:12: warning[conflict]: 'p' removes event 'strike', which 'q' also "
        "replaces (q/events/q.yaml:2), and neither extends the other: 'p' comes later in the "
        "load order and wins"
    ]
    assert "strike" not in [e.id for e in load_scenario(folder).events]


def test_a_mod_may_settle_its_bases_conflict_by_replacing_again(tmp_path, base, capsys):
    replaced = "events:\n  - id: strike\n    replace: true\n    title: {title}\n    text: t\n"
    two_bases(tmp_path, replaced.format(title="P"), replaced.format(title="Q"))
    files = {"events/mine.yaml": replaced.format(title="Mine")}
    folder = write_scenario(tmp_path / "mod", files, mod("mod", "[p, q]"))
    status, lines = validate(capsys, tmp_path, folder)
    conflicts = coded(lines, "conflict")
    assert len(conflicts) == 1 and conflicts[0].startswith("q/")  # the mod's is no conflict
    assert load_scenario(folder).event("strike").title == "Mine"


def test_a_mod_plays_the_same_campaign_for_the_same_seed(tmp_path, base):
    files = {"events/mine.yaml": "events:\n  - id: famine\n    title: F\n    text: t\n"}
    folder = write_scenario(tmp_path / "mod", files, mod("mod", "test"))
    first = play_campaign(load_scenario(folder), 11, RandomPolicy())
    again = play_campaign(load_scenario(folder), 11, RandomPolicy())
    assert first.state.digest() == again.state.digest()


def test_a_mods_section_replaces_its_bases_and_unrelated_bases_conflict(tmp_path, base, capsys):
    board = "map:\n  home: {home}\n"
    write_scenario(tmp_path / "p", {"map.yaml": board.format(home="P")}, mod("p", "test"))
    write_scenario(tmp_path / "q", {"map.yaml": board.format(home="Q")}, mod("q", "test"))
    folder = write_scenario(tmp_path / "mod", {}, mod("mod", "[p, q]"))
    status, lines = validate(capsys, tmp_path, folder)
    assert coded(lines, "conflict") == [
        "q/map.yaml:1:1: warning[conflict]: 'q' gives the 'map' section, which 'p' also gives "
        "(p/map.yaml), and neither extends the other: 'q' comes later in the load order and wins"
    ]
    assert load_scenario(folder).map.home == "Q"
    own = write_scenario(tmp_path / "own", {"map.yaml": board.format(home="Mine")}, mod("own", "p"))
    status, lines = validate(capsys, tmp_path, own)
    assert (status, after_ok(lines)) == (0, "extends p: replaces the map")
    assert load_scenario(own).map.home == "Mine"


def test_the_editor_schema_accepts_a_mod_and_still_wants_dates_without_extends():
    import jsonschema
    import yaml

    from game.content.schema import build_schema

    validator = jsonschema.Draft202012Validator(build_schema())
    mod_file = yaml.safe_load(SOVIET_MOD)
    assert list(validator.iter_errors(mod_file)) == []
    assert list(validator.iter_errors(yaml.safe_load(SOVIET_MOD_EVENT))) == []
    no_dates = {"scenario": {"id": "solo", "title": "Solo"}}
    reasons = [c.message for e in validator.iter_errors(no_dates) for c in e.context]
    assert "'start' is a required property" in reasons


def test_a_mods_source_titles_add_to_its_bases(tmp_path):
    from game.content.loader import load_scenario

    mod = tmp_path / "titled"
    mod.mkdir()
    (mod / "scenario.yaml").write_text(
        "scenario:\n  id: titled\n  extends: ussr1928\n  title: Titled\n"
        "  source_titles:\n    my_notes.txt: My own notes\n",
        encoding="utf-8",
    )
    titles = load_scenario(mod).source_titles
    base = load_scenario("ussr1928").source_titles
    assert titles == {**base, "my_notes.txt": "My own notes"} and len(base) == 4
