"""The modding guide (scenarios/README.md), followed as a new modder would.

The guide's example mod is taken from the guide's own text: each block after a line
"File `PATH`:" is written to PATH, in the order the guide gives them; after each line
"The checker prints:" the real checker runs on what has been written so far and must
print what the guide shows; a "Broken file `PATH`:" is a deliberate mistake, written
for the next check only. At the end the mod plays to an ending.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from game.cli import _parser, main
from game.content.loader import load_scenario
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy
from tests.conftest import ROOT
from tests.helpers import play_quarters

GUIDE = ROOT / "scenarios" / "README.md"
MOD = "scenarios/my_first_mod"

# A marker line, a blank line, then a fenced block.
_STEP = re.compile(
    r"^(?P<marker>File|Broken file) `(?P<path>[^`]+)`:\n\n```yaml\n(?P<body>.*?)^```\n"
    r"|^The checker prints:\n\n```text\n(?P<output>.*?)^```\n",
    re.MULTILINE | re.DOTALL,
)


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _steps() -> list[re.Match]:
    return list(_STEP.finditer(_guide()))


def _expected(line: str) -> re.Pattern:
    """A line the guide shows; '...' stands for what the guide leaves out."""
    return re.compile("^" + ".*".join(re.escape(part) for part in line.split("...")) + "$")


def _check(capsys) -> tuple[int, list[str]]:
    """Run the checker as the guide says (`validate my_first_mod`), from the game folder."""
    capsys.readouterr()
    status = main(["validate", MOD])
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    # Given by id the scenario is named by its id; here it is given by its folder.
    return status, [re.sub(rf"^{MOD}: ", "my_first_mod: ", line) for line in lines]


def _write(root: Path, path: str, body: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")


def test_the_guide_marks_its_example_mod_and_the_checkers_answers():
    steps = _steps()
    files = [m["path"] for m in steps if m["marker"] == "File"]
    assert f"{MOD}/scenario.yaml" in files and len(files) >= 5
    assert all(path.startswith(f"{MOD}/") for path in files)
    assert sum(1 for m in steps if m["output"] is not None) >= 3
    assert any(m["marker"] == "Broken file" for m in steps)


def test_following_the_guide_gives_a_mod_that_the_checker_accepts_and_that_plays(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    broken: tuple[str, str] | None = None
    checks = 0
    for step in _steps():
        if step["marker"] == "File":
            _write(tmp_path, step["path"], step["body"])
            continue
        if step["marker"] == "Broken file":
            original = (tmp_path / step["path"]).read_text(encoding="utf-8")
            broken = (step["path"], original)
            _write(tmp_path, step["path"], step["body"])
            continue
        status, printed = _check(capsys)
        shown = step["output"].splitlines()
        for line in shown:
            pattern = _expected(line)
            assert any(pattern.match(p) for p in printed), (
                f"the guide shows {line!r}; the checker printed:\n" + "\n".join(printed)
            )
        assert len(printed) == len(shown), "\n".join(printed)
        assert status == (1 if any("error[" in line for line in shown) else 0)
        checks += 1
        if broken:
            _write(tmp_path, *broken)
            broken = None
    assert checks >= 3

    status, printed = _check(capsys)
    assert status == 0 and " 0 warnings" in printed[0], "\n".join(printed)
    mod = load_scenario(tmp_path / MOD)
    campaign = play_campaign(mod, 11, HeuristicPolicy())
    assert campaign.is_over and campaign.ending is not None


def test_the_guides_event_chain_follows_the_choice_it_describes(tmp_path):
    for step in _steps():
        if step["marker"] == "File":
            _write(tmp_path, step["path"], step["body"])
    mod = load_scenario(tmp_path / MOD)
    base = load_scenario("ussr1928")
    ids = {event.id for event in mod.events}
    assert {"industrialisation_loan", "bonds_fall_due"} <= ids and "stakhanovites" not in ids
    assert "sell_hermitage_paintings" in {d.id for d in mod.decisions}
    initial = {v.name: v.initial for v in mod.layout.declared()}
    base_initial = {v.name: v.initial for v in base.layout.declared()}
    assert (base_initial["economy.valuta"], initial["economy.valuta"]) == (30, 60)

    def answer(choice):
        return lambda event, options: choice if choice in options else options[0]

    pushed = play_quarters(mod, 51, seed=2, choose=answer("subscription_drive"))
    left = play_quarters(mod, 51, seed=2, choose=answer("voluntary_loan"))
    fired = [{e for record in c.records for e in record.fired} for c in (pushed, left)]
    assert "industrialisation_loan" in fired[0] and "industrialisation_loan" in fired[1]
    assert "bonds_fall_due" in fired[0] and "bonds_fall_due" not in fired[1]


def test_the_guides_ways_of_silencing_a_warning_silence_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    steps = _steps()
    for step in steps:
        if step["marker"] == "File":
            _write(tmp_path, step["path"], step["body"])
    forgotten = next(
        m for m in steps if m["marker"] == "Broken file" and m["path"].endswith("loan_due.yaml")
    )
    _write(tmp_path, forgotten["path"], forgotten["body"])
    status, printed = _check(capsys)
    assert status == 0 and any("warning[option-no-effect]" in line for line in printed)

    command = re.search(r"^    python -m game (validate .* --allow .*)$", _guide(), re.M)
    args = shlex.split(command[1].replace("my_first_mod", MOD, 1))
    capsys.readouterr()
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "warning[" not in out and " 0 warnings" in out

    silenced = next(
        block
        for block in re.findall(r"^```yaml\n(.*?)^```", _guide(), re.MULTILINE | re.DOTALL)
        if "silence:" in block
    )
    _write(tmp_path, f"{MOD}/scenario.yaml", silenced)
    status, printed = _check(capsys)
    assert status == 0, "\n".join(printed)
    assert not any("warning[" in line for line in printed) and " 0 warnings" in printed[0]


@pytest.mark.parametrize("index", range(len(re.findall(r"^```yaml\n", _guide(), re.M))))
def test_every_yaml_block_in_the_guide_parses(index):
    block = re.findall(r"^```yaml\n(.*?)^```", _guide(), re.MULTILINE | re.DOTALL)[index]
    assert isinstance(yaml.safe_load(block), dict)


def test_every_command_the_guide_gives_is_one_the_game_knows():
    text = _guide()
    spans = re.findall(r"`python -m game ([^`]*)`", text)
    lines = re.findall(r"^    python -m game ([^#\n]*)", text, re.MULTILINE)
    commands = [command.strip() for command in spans + lines]
    assert len(commands) >= 8
    for command in commands:
        args = shlex.split(command)
        if args[:1] in (["--help"], ["-h"]):
            continue
        try:
            _parser().parse_args(args)
        except SystemExit as exit_:
            raise AssertionError(f"the guide gives 'python -m game {command}'") from exit_
