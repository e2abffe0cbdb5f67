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
from game.sim.batch import run_batch
from game.sim.policies import ScriptedPolicy, make_policy
from tests.claims import CLAIMS
from tests.conftest import FIXTURES, ROOT
from tests.contrasting_strategies import ussr1928_strategies
from tests.shown_texts import Shown, play_and_read

SEEDS = list(range(1, 9))
SCENARIOS = ("ussr1928", "collective_security", "trotsky1927")


def _strategies(scenario):
    if scenario.id == "ussr1928":
        return ussr1928_strategies(scenario)
    policies = {name: make_policy(name, scenario) for name in ("historical", "heuristic", "random")}
    # The deliberate strategies the scenario's own tests play (revolution, terror, pact...).
    for script in sorted((FIXTURES / "strategies" / scenario.id).glob("*.json")):
        policies[script.stem] = ScriptedPolicy.from_file(script, scenario)
    return policies


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


def test_an_event_that_fires_again_does_not_repeat_its_words(shown):
    """A repeatable event (a border clash, a revolt, a famine) reads differently each time
    it comes back in one campaign: by how often it came, or by what changed since."""
    told: dict[tuple[str, int, str], list[Shown]] = defaultdict(list)
    for text in shown:
        if text.where == f"event {text.source} text":
            told[(text.strategy, text.seed, text.source)].append(text)
    repeated = []
    for (strategy, seed, event), texts in told.items():
        words = [t.words for t in texts]
        if len(set(words)) < len(words):
            dates = ", ".join(t.date for t in texts)
            repeated.append(f"{event} ({strategy}, seed {seed}: {dates})")
    assert not repeated, "the same words again: " + "; ".join(sorted(repeated))


# The 1928 campaign's dated turning points and the quarter they came in history.
TURNING_POINTS = {
    "trotsky_expelled": "1929-Q1",  # deported to Turkey, February 1929
    "right_deviation": "1929-Q2",  # condemned at the April plenum
    "great_break": "1929-Q4",  # "The Year of the Great Break", 7 November 1929
    "dizzy_with_success": "1930-Q1",  # Pravda, 2 March 1930
    "chicherin_retires": "1930-Q3",  # Litvinov appointed, July 1930
    "manchuria": "1931-Q3",  # the Mukden incident, 18 September 1931
    "hitler_chancellor": "1933-Q1",  # 30 January 1933
    "reichstag_fire": "1933-Q1",  # 27 February 1933
    "us_recognition": "1933-Q4",  # 16 November 1933
    "congress_of_victors": "1934-Q1",  # January-February 1934
    "kirov_murder": "1934-Q4",  # 1 December 1934
    "seventh_congress": "1935-Q3",  # the Popular Front, July-August 1935
    "spanish_civil_war": "1936-Q3",  # the generals rose on 17-18 July 1936
    "great_terror": "1936-Q3",  # the Zinoviev-Kamenev trial, August 1936
    "pyatakov_trial": "1937-Q1",  # January 1937
    "ordzhonikidze": "1937-Q1",  # died 18 February 1937
    "army_purge": "1937-Q2",  # Tukhachevsky shot, 12 June 1937
    "order_00447": "1937-Q3",  # signed 30 July 1937
    "marco_polo_bridge": "1937-Q3",  # 7 July 1937
    "bukharin_trial": "1938-Q1",  # March 1938
    "anschluss": "1938-Q1",  # 12-13 March 1938
    "yezhov_falls": "1938-Q3",  # Beria Yezhov's first deputy, August 1938
    "munich": "1938-Q3",  # 29-30 September 1938
    "lake_khasan": "1938-Q3",  # July-August 1938
    "chestnuts_speech": "1939-Q1",  # 10 March 1939
    "litvinov_dismissal": "1939-Q2",  # 3 May 1939
    "pact_with_germany": "1939-Q3",  # 23 August 1939
    "war_in_europe": "1939-Q3",  # 1 September 1939
    "winter_war": "1939-Q4",  # 30 November 1939
    "fall_of_france": "1940-Q2",  # June 1940
    "bukovina": "1940-Q2",  # the ultimatum of 26 June 1940
    "molotov_in_berlin": "1940-Q4",  # 12-13 November 1940
    "matsuoka_station": "1941-Q2",  # 13 April 1941
    "warnings_1941": "1941-Q2",
}


@pytest.fixture(scope="module")
def historical_firings():
    """(event, quarter) for every firing in campaigns of the historical policy."""
    scenario = load_scenario(ROOT / "scenarios" / "ussr1928")
    played = run_batch(
        scenario, list(range(1, 17)), make_policy("historical", scenario), record=True
    )
    return [(event, r.date) for records in played.records for r in records for event in r.fired]


def test_the_turning_points_keep_their_real_dates_under_the_historical_policy(historical_firings):
    off = sorted(
        {
            f"{event} in {date} (history: {TURNING_POINTS[event]})"
            for event, date in historical_firings
            if event in TURNING_POINTS and date != TURNING_POINTS[event]
        }
    )
    assert not off, "turning points off their dates: " + "; ".join(off)
    # Each of them does happen on the historical path.
    assert set(TURNING_POINTS) <= {event for event, _ in historical_firings}
