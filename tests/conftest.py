"""Shared helpers: small scenarios written to a temporary folder and loaded for real."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.content.loader import load_scenario  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--slow", action="store_true", help="also run the tests marked slow (minutes each)"
    )


def pytest_collection_modifyitems(config, items):
    """Slow tests measure the content (the search's targets), not a rule of the code;
    they run when asked, so that the suite stays a few minutes long."""
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with pytest --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

BASE_SCENARIO = """\
scenario:
  id: test
  title: Test scenario
  start: 1930-Q1
  end: 1932-Q4
  steps: [economy, politics]
  max_decisions_per_turn: 2
variables:
  economy.output: {group: economy, min: 0, max: 200, initial: 100}
  economy.valuta: {group: economy, min: 0, max: 100, initial: 20}
  society.unrest: {group: society, min: 0, max: 100, initial: 10}
  party.control: {group: party, min: 0, max: 100, initial: 50}
  flag.treaty: {group: diplomacy, min: 0, max: 1, initial: 0, kind: flag}
  policy.pace: {group: economy, min: 0, max: 2, initial: 1, kind: level, labels: [slow, steady, crash]}
endings:
  - id: collapse
    title: Collapse
    when: {at_least: {var: society.unrest, value: 90}}
  - id: survived
    title: Survived
    at_end: true
"""

# Content that uses every variable and ending of BASE_SCENARIO, so that the checker finds
# nothing dead in the two together; a test adds one mistake and sees only its warning.
LIVE_CONTENT = {
    "rules/live.yaml": """\
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
rules:
  - id: growth
    step: economy
    effects:
      - add: {var: economy.output, value: policy.pace}
      - add: {var: society.unrest, value: {difference: [policy.pace, 1]}}
      - add: {var: economy.valuta, value: {product: [economy.output, 0.01]}}
  - id: trade
    step: politics
    when: {flag: flag.treaty}
    effects: [{add: {var: party.control, value: 1}}]
events:
  - id: treaty
    title: A treaty
    text: Berlin offers credits.
    trigger: {all: [{at_least: {var: economy.valuta, value: 30}}, {above: {var: party.control, value: 20}}]}
    options:
      - {id: sign, text: Sign., effects: [set_flag: flag.treaty]}
      - {id: refuse, text: Refuse., effects: [{add: {var: party.control, value: -5}}]}
"""
}


def write_scenario(folder: Path, files: dict[str, str], base: str = BASE_SCENARIO) -> Path:
    """Write a scenario folder: scenario.yaml (the base unless given) plus other files."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"scenario.yaml": base, **files}
    for name, text in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def scenario_from(tmp_path):
    """Load a scenario made of the base file and the given content files."""

    def build(files: dict[str, str] | None = None, base: str = BASE_SCENARIO):
        return load_scenario(write_scenario(tmp_path / "scenario", files or {}, base))

    return build


@pytest.fixture(scope="session")
def campaign_scenario():
    return load_scenario(ROOT / "scenarios" / "ussr1928")
