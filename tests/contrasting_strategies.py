"""Contrasting ways to play the 1928 campaign, for tests that read every text a campaign
shows: each takes the paths the historical leadership did not, so that a text written
for history meets the campaigns where history went otherwise.

Each is a deliberate strategy (`game.sim.strategy`): policy levels by period, decisions
taken or never taken, and preferred answers; the heuristic player fills the gaps.
"""

from __future__ import annotations

from pathlib import Path

from game.core.model import Scenario
from game.sim.policies import Policy, ScriptedPolicy, make_policy
from game.sim.search import search
from game.sim.search_settings import Settings
from game.sim.strategy import Strategy
from game.sim.strategy_policy import StrategyPolicy

# Restraint: no terror beyond the party's routine cleansing, a slow countryside, every
# trial closed, every victim spared, the NKVD kept in Yagoda's hands; the opposition is
# faced down, not shot (a leadership that gives ground is removed by 1935 and its later
# texts would go unread).
RESTRAINT = {
    "strategy": {
        "periods": [
            {
                "from": "1928-Q4",
                "policies": {"purge": 1, "procurement": 0, "collectivisation": 0, "investment": 1},
                # Not reining in the NKVD: the first trial may still come, to be closed.
                "decisions": {"rein_in_nkvd": 0, "specialist_show_trial": 0, "party_cleansing": 0},
            }
        ],
        "choices": {
            "shakhty_trial": "protect_specialists",
            "trotsky_expelled": "internal_exile",
            "right_deviation": "compromise",
            "dekulakisation": "spare",
            "famine": "cut_quota",
            "urals_siberian_method": "raise_prices",
            "notes_of_an_economist": "open_debate",
            "great_break": "voluntary",
            "bukharin_recants": "bring_back",
            "industrial_party_trial": "quietly_drop",
            "menshevik_trial": "drop_case",
            "ryutin_platform": "ignore_it",
            "metro_vickers": "drop_the_case",
            "congress_of_victors": "collective_leadership",
            "nkvd_created": "new_legality",
            "kirov_murder": "limited_inquiry",
            "great_terror": "contain",
            "yezhov_replaces_yagoda": "keep_yagoda",
            "pyatakov_trial": "spare_industry",
            "ordzhonikidze": "protect_managers",
            "census_1937": "publish",
            "order_00447": "no_quotas",
            "army_purge": "spare_the_army",
            "bukharin_trial": "spare_bukharin",
            "yezhov_falls": "end_mass_operations",
            "leadership_warning": "stand_firm",
            "katyn": "keep_prisoners",
            "aviators_arrested": "hear_them_out",
            "warnings_1941": "heed",
        },
    }
}

# The revolution first: lavish money, class against class, soviets in Spain, Molotov
# at the Foreign Ministry from 1930 and no deal with any capitalist power.
REVOLUTION = {
    "strategy": {
        "periods": [
            {
                "from": "1928-Q4",
                "policies": {"comintern_funding": 2, "comintern_line": 0},
                "decisions": {
                    "raise_comintern_budget": 1.0,
                    "fund_chinese_soviets": 1.0,
                    "tanks_for_spain": 1.0,
                    "advisers_for_ccp": 1.0,
                    "popular_front_funds": 1.0,
                    "aid_spain": 1.0,
                    "join_league": 0,
                    "credits_for_debts": 0,
                    "trade_agreement_britain": 0,
                    "trade_talks_germany": 0,
                },
            }
        ],
        "choices": {
            "chicherin_retires": "molotov",
            "wittorf_affair": "reinstate_thaelmann",
            "litvinov_protocol": "denounce_pact",
            "labour_government": "unconditional",
            "hague_conference": "stand_aside",
            "pyatakov_credits": "decline",
            "spanish_republic": "soviets_now",
            "japan_far_east": "arm_partisans",
            "china_relations": "back_the_soviets",
            "rapallo_ends": "roll_over",
            "us_recognition": "refuse",
            "seventh_congress": "keep_line",
            "frente_popular": "push_the_revolution",
            "front_populaire": "enter_government",
            "spanish_civil_war": "intervene",
            "barcelona_may_days": "let_the_revolution_run",
            "brigades_withdrawn": "fight_on",
            "pact_with_germany": "refuse",
            "imperialist_war": "anti_fascist_war",
            "national_parties": "keep_the_international",
            "kandelaki_mission": "recall_him",
        },
    }
}

# The cautious Western line: the League, pacts with Paris and Prague, Litvinov kept,
# the Pact refused, the Comintern starved and the Popular Front from the start.
WESTERN = {
    "strategy": {
        "periods": [
            {
                "from": "1928-Q4",
                "policies": {"comintern_funding": 0, "comintern_line": 2},
                "decisions": {
                    "join_league": 1.0,
                    "franco_soviet_pact": 1.0,
                    "czech_pact": 1.0,
                    "stand_by_prague": 1.0,
                    "alliance_talks_west": 1.0,
                    "trade_agreement_britain": 1.0,
                    "credits_for_debts": 1.0,
                    "nonaggression_poland": 1.0,
                    "trade_talks_germany": 0,
                    "tanks_for_spain": 0,
                    "fund_chinese_soviets": 0,
                },
            }
        ],
        "choices": {
            "chicherin_retires": "litvinov",
            "hague_conference": "debts_for_credits",
            "pyatakov_credits": "decline",
            "may_day_berlin": "unity_from_below",
            "rhineland": "demand_action",
            "spanish_civil_war": "non_intervention",
            "kandelaki_mission": "recall_him",
            "munich": "keep_trying",
            "chestnuts_speech": "collective_security",
            "litvinov_dismissal": "keep_litvinov",
            "drax_mission": "sign_without_passage",
            "pact_with_germany": "refuse",
            "alliance_called": "honour",
            "fall_of_france": "breathing_space_over",
            "matsuoka_station": "divisions_west",
            "churchill_warning": "answer_london",
        },
    }
}

DELIBERATE = {"restraint": RESTRAINT, "revolution": REVOLUTION, "western": WESTERN}

SCRIPTS = Path(__file__).resolve().parent.parent / "scenarios" / "ussr1928" / "strategies"


# A search small enough for a test (a few seconds): its strategies are what a player
# optimising one axis or chasing one ending would do, which no one wrote by hand.
SMALL_SEARCH = Settings(budget=48, runs=8, seed=1, population=12, offspring=24, jobs=1)


def searched_strategies(scenario: Scenario, settings: Settings = SMALL_SEARCH) -> dict[str, Policy]:
    """The strategy search's picks: the best on each axis of the verdict, the one that
    reaches each ending most often, and the head of the Pareto front."""
    result = search(scenario, settings)
    picks = {f"search: best on {axis}": result.best_on(axis) for axis in result.axes}
    for ending in scenario.endings:
        picks[f"search: most often {ending.id}"] = result.best_for_ending(ending.index)
    for rank, candidate in enumerate(result.front()[:4], 1):
        picks[f"search: front {rank}"] = candidate
    chosen: dict[str, Policy] = {}
    seen: set[int] = set()
    for name, candidate in picks.items():
        if candidate.number not in seen:
            seen.add(candidate.number)
            chosen[name] = StrategyPolicy([candidate.strategy])
    return chosen


def ussr1928_strategies(scenario: Scenario) -> dict[str, Policy]:
    """The historical policy, the three deliberate lines above, the heuristic and
    random players, the scripts shipped with the scenario and the search's picks."""
    policies: dict[str, Policy] = {
        "historical": make_policy("historical", scenario),
        "heuristic": make_policy("heuristic", scenario),
        "random": make_policy("random", scenario),
    }
    for name, data in DELIBERATE.items():
        policies[name] = StrategyPolicy([Strategy.from_json(scenario, data)])
    for script in sorted(SCRIPTS.glob("*.json")):
        policies[script.stem] = ScriptedPolicy.from_file(script, scenario)
    policies.update(searched_strategies(scenario))
    return policies
