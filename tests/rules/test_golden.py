"""Golden playthroughs: whole campaigns kept as readable text in
tests/fixtures/golden/playthroughs/. A change in the engine's rules, arithmetic or random
stream shows up as the first quarter that plays differently.

When a change is meant (new content, a deliberate rule change), regenerate them with

    GREAT_TURN_REGENERATE=1 .venv/bin/python -m pytest tests/rules/test_golden.py

and read the diff in git before committing: every save game replays through these rules.
"""

from __future__ import annotations

import difflib
import os

import pytest

from game.content.loader import load_scenario
from game.sim.batch import play_campaign
from game.sim.policies import make_policy
from tests.conftest import FIXTURES, ROOT
from tests.rules.playthrough import first_difference, render

PLAYTHROUGHS = FIXTURES / "golden" / "playthroughs"
REGENERATE = os.environ.get("GREAT_TURN_REGENERATE") == "1"

# (scenario folder, policy, seed). The golden fixture's two were the digests pinned before.
CASES = [
    (FIXTURES / "golden", "random", 1),
    (FIXTURES / "golden", "heuristic", 7),
    *[
        (ROOT / "scenarios" / name, policy, 1)
        for name in ("ussr1928", "collective_security", "trotsky1927")
        for policy in ("historical", "heuristic")
    ],
]


@pytest.mark.parametrize(
    "folder, policy_name, seed", CASES, ids=[f"{c[0].name}-{c[1]}-{c[2]}" for c in CASES]
)
def test_the_campaign_plays_as_its_golden_playthrough(folder, policy_name, seed):
    scenario = load_scenario(folder)
    campaign = play_campaign(scenario, seed, make_policy(policy_name, scenario))
    actual = render(campaign, f"{scenario.title}: the {policy_name} policy")
    path = PLAYTHROUGHS / f"{folder.name}-{policy_name}-{seed}.txt"
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    difference = first_difference(expected, actual)
    if difference is not None:
        heading, before, after = difference
        diff = "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"{path.name} (golden)",
                tofile="this run",
            )
        )
        pytest.fail(
            f"{path.name}: the campaign first plays differently at {heading}\n{diff}\n"
            "If the change is meant: GREAT_TURN_REGENERATE=1 pytest tests/rules/test_golden.py",
            pytrace=False,
        )
