"""Every text true to its campaign (design pillar 7): what a text says about persons in
office, trials held, treaties signed, famines and purges holds in the campaign that shows
it; a repeated event does not repeat its words; dated turning points keep their dates.

Contrasting campaigns are played headlessly (the historical policy, restraint, the
revolution first, the cautious Western line, the shipped scripts, the heuristic and
random players) and every text they show is read as the player read it, in the state it
was shown in (tests/shown_texts.py), then checked against the claims of tests/claims.py.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from game.content.loader import load_scenario
from game.sim.policies import make_policy
from tests.claims import CLAIMS
from tests.conftest import ROOT
from tests.contrasting_strategies import ussr1928_strategies
from tests.shown_texts import Shown, play_and_read

SEEDS = list(range(1, 9))
SCENARIOS = ("ussr1928", "collective_security", "trotsky1927")


def _strategies(scenario):
    if scenario.id == "ussr1928":
        return ussr1928_strategies(scenario)
    return {name: make_policy(name, scenario) for name in ("historical", "heuristic", "random")}


@pytest.fixture(scope="module", params=SCENARIOS)
def shown(request) -> list[Shown]:
    """Every text the contrasting campaigns of one scenario show."""
    scenario = load_scenario(ROOT / "scenarios" / request.param)
    return [
        text
        for name, policy in _strategies(scenario).items()
        for text in play_and_read(scenario, policy, SEEDS, name)
    ]


def test_every_text_shown_holds_in_the_campaign_that_shows_it(shown):
    scenario = shown[0].world.scenario.id
    claims = [c for c in CLAIMS if scenario in c.scenarios]
    false: dict[tuple[str, str], list[str]] = defaultdict(list)
    for text in shown:
        for claim in claims:
            if claim.matches(text.words) and not claim.holds(text.world):
                false[(claim.pattern, claim.needs)].append(str(text))
    report = [
        f"'{pattern}' shown without {needs}, {len(where)} times, e.g. {'; '.join(where[:3])}"
        for (pattern, needs), where in false.items()
    ]
    assert not report, "\n".join(report)
