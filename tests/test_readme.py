"""The README's own examples work as written."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readmes_mod_example_validates_and_plays(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n# scenarios/my_mod/scenario.yaml\n(.*?)```", text, re.S)
    assert block, "the README's mod example is missing"
    mod = tmp_path / "my_mod"
    mod.mkdir()
    (mod / "scenario.yaml").write_text(block.group(1), encoding="utf-8")
    assert main(["validate", str(mod)]) == 0
    out = capsys.readouterr().out
    assert "0 warnings" in out and "extends ussr1928: replaces 1 variable; removes 1 event" in out
    assert main(["simulate", str(mod), "--runs", "3"]) == 0
    assert "Endings:" in capsys.readouterr().out


def test_the_readmes_strategy_script_plays_the_1928_campaign(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    block = re.search(r'```json\n(\{"strategy".*?)```', text, re.S)
    assert block, "the README's strategy script is missing"
    script = tmp_path / "strategy.json"
    script.write_text(block.group(1), encoding="utf-8")
    args = ["simulate", "ussr1928", "--policy", "scripted", "--script", str(script)]
    assert main([*args, "--runs", "5", "--jobs", "1"]) == 0
    assert "Simulated 5 campaigns" in capsys.readouterr().out
