"""python -m game new-scenario: a folder that validates without warnings and plays to an
ending, for a new scenario and for a mod; nothing is ever overwritten."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy, RandomPolicy
from tests.conftest import ROOT

SCHEMA = (ROOT / "scenarios" / "schema" / "great-turn.schema.json").resolve()


def _validate(folder: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["validate", str(folder)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _assert_points_at_the_schema(folder: Path) -> None:
    files = sorted(folder.rglob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == SCHEMA, path


def _plays_to_an_ending(folder: Path) -> None:
    scenario = load_scenario(folder)
    for policy in (HeuristicPolicy(), RandomPolicy()):
        campaign = play_campaign(scenario, 7, policy)
        assert campaign.is_over and campaign.ending is not None


def test_a_new_scenario_validates_without_warnings_and_plays_to_its_ending(tmp_path, capsys):
    assert main(["new-scenario", "my_lesson", "--dir", str(tmp_path)]) == 0
    folder = tmp_path / "my_lesson"
    out = capsys.readouterr().out
    assert "scenario.yaml" in out and "validate" in out
    _assert_points_at_the_schema(folder)
    status, report = _validate(folder, capsys)
    assert status == 0, report
    assert "OK: scenario 'my_lesson'" in report and "0 warnings" in report
    # Its one event and one ending are counted in the singular.
    assert ", 1 event, " in report and ", 1 ending, " in report
    scenario = load_scenario(folder)
    assert len(scenario.events) == 1 and len(scenario.events[0].options) == 2
    assert len(scenario.layout.declared()) >= 2 and len(scenario.endings) == 1
    _plays_to_an_ending(folder)


def test_a_new_mod_adds_an_event_to_its_base_and_plays_to_an_ending(tmp_path, capsys):
    assert main(["new-scenario", "my_mod", "--extends", "ussr1928", "--dir", str(tmp_path)]) == 0
    folder = tmp_path / "my_mod"
    _assert_points_at_the_schema(folder)
    status, report = _validate(folder, capsys)
    assert status == 0, report
    assert "0 warnings" in report
    assert "extends ussr1928: adds 1 event" in report
    scenario = load_scenario(folder)
    base = load_scenario("ussr1928")
    assert len(scenario.events) == len(base.events) + 1
    campaign = play_campaign(scenario, 3, HeuristicPolicy())
    assert campaign.is_over and campaign.ending is not None


def test_the_mods_commented_examples_work_once_uncommented(tmp_path, capsys):
    assert main(["new-scenario", "my_mod", "--extends", "ussr1928", "--dir", str(tmp_path)]) == 0
    main_file = tmp_path / "my_mod" / "scenario.yaml"
    text = main_file.read_text(encoding="utf-8")
    assert "replace: true" in text and "remove:" in text
    replace_block = text.split("#\n# variables:", 1)[1].split("\n#\n", 1)[0]
    uncommented = "variables:" + "\n".join(
        line.removeprefix("# ") for line in replace_block.splitlines()
    )
    main_file.write_text(text + "\n" + uncommented + "\n", encoding="utf-8")
    status, report = _validate(tmp_path / "my_mod", capsys)
    assert status == 0, report
    assert "replaces 1 variable" in report
    base, mod = load_scenario("ussr1928"), load_scenario(tmp_path / "my_mod")
    name = uncommented.splitlines()[1].strip(" :")
    assert _initial(mod, name) != _initial(base, name)


def _initial(scenario, name: str) -> float:
    return next(v.initial for v in scenario.layout.declared() if v.name == name)


def test_a_mod_of_a_base_without_plain_numbers_brings_its_own_variable(tmp_path, capsys):
    base = tmp_path / "tiny"
    base.mkdir()
    (base / "scenario.yaml").write_text(
        textwrap.dedent(
            """\
            scenario: {id: tiny, title: Tiny, start: 1930-Q1, end: 1930-Q4}
            variables:
              flag.done: {group: misc, min: 0, max: 1, initial: 0, kind: flag}
            events:
              - id: finish
                title: Finish
                text: Done.
                date: 1930-Q2
                effects: [{set_flag: flag.done}]
            endings:
              - {id: over, title: Over, at_end: true}
            """
        ),
        encoding="utf-8",
    )
    assert main(["new-scenario", "tiny_mod", "--extends", "tiny", "--dir", str(tmp_path)]) == 0
    status, report = _validate(tmp_path / "tiny_mod", capsys)
    assert status == 0, report
    assert "extends tiny: adds 1 event" in report
    _plays_to_an_ending(tmp_path / "tiny_mod")


def test_the_default_place_is_the_scenarios_folder(tmp_path, monkeypatch, capsys):
    import game.commands.new_scenario as command

    monkeypatch.setattr(command, "scenarios_root", lambda: tmp_path)
    assert main(["new-scenario", "classroom"]) == 0
    assert (tmp_path / "classroom" / "scenario.yaml").is_file()


def test_an_existing_folder_is_refused_and_left_untouched(tmp_path, capsys):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "scenario.yaml").write_text("my own work\n", encoding="utf-8")
    assert main(["new-scenario", "taken", "--dir", str(tmp_path)]) == 1
    message = capsys.readouterr().err
    assert "already exists" in message and "never overwrites" in message
    assert (folder / "scenario.yaml").read_text(encoding="utf-8") == "my own work\n"
    assert sorted(p.name for p in folder.iterdir()) == ["scenario.yaml"]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("My Mod", "my_mod"), ("1941", "s_1941"), ("trotsky-1927", "trotsky_1927"), ("../up", "up")],
)
def test_an_invalid_name_is_refused_with_a_suggestion(tmp_path, capsys, name, suggestion):
    assert main(["new-scenario", name, "--dir", str(tmp_path)]) == 1
    message = capsys.readouterr().err
    assert "cannot be a scenario id" in message and f"'{suggestion}'" in message
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_base_is_refused_with_did_you_mean(tmp_path, capsys):
    assert main(["new-scenario", "my_mod", "--extends", "ussr1929", "--dir", str(tmp_path)]) == 1
    message = capsys.readouterr().err
    assert "no installed scenario 'ussr1929'" in message and "did you mean 'ussr1928'" in message
    assert "Traceback" not in message
    assert list(tmp_path.iterdir()) == []


def test_a_mod_cannot_extend_itself(tmp_path, capsys):
    assert main(["new-scenario", "loop", "--extends", "loop", "--dir", str(tmp_path)]) == 1
    assert "cannot extend itself" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
