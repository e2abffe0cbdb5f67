"""The alternative history 'trotsky1927', a mod of the 1928 campaign: it passes the
checker, takes out and adds what it says, plays to its endings, saves and loads back,
and its debrief asks the questions that fit each campaign."""

from __future__ import annotations

import json
import subprocess
import sys
from html import unescape

import numpy as np
import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.core import verdict
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.debrief.analysis import build_debrief
from game.saves import load_save, write_save
from game.sim.batch import play_campaign, run_batch
from game.sim.policies import HeuristicPolicy, RandomPolicy, ScriptedPolicy
from tests.conftest import ROOT
from tests.helpers import play_quarters

MOD = "trotsky1927"

# Base events whose premise is Stalin's victory (scenarios/trotsky1927/removals.yaml).
REMOVED_EVENTS = [
    "trotsky_expelled",
    "trotsky_assassination",
    "right_deviation",
    "bukharin_recants",
    "ryutin_platform",
    "congress_of_victors",
    "hundred_years_behind",
    "kirov_murder",
    "great_terror",
    "party_documents_check",
    "yezhov_replaces_yagoda",
    "pyatakov_trial",
    "ordzhonikidze",
    "order_00447",
    "bukharin_trial",
    "kpp_dissolved",
    "national_parties",
]
NEW_EVENTS = [
    "stalin_question",
    "apparatus_platform",
    "thermidor_plot",
    "centre_trial",
    "china_question",
    "right_centre_bloc",
    "unions_against_the_plan",
    "germany_key",
    "german_crisis",
    "german_soviet_republic",
    "german_october_crushed",
    "caught_red_handed",
    "powers_ultimatum",
]
NEW_DECISIONS = ["kulak_grain_loan", "new_course", "kpd_military_apparatus"]
NEW_ENDINGS = ["world_revolution", "isolated_and_invaded"]
NEW_VARIABLES = [
    "party.opposition_centre",
    "policy.revolution_abroad",
    "germany.revolution",
    "germany.workers_front",
    "germany.soviet_republic",
    "diplomacy.exposure",
    "war.crusade_lost",
]
# Base events kept but retold because their text named Stalin (or his ally Molotov) as
# the one deciding (scenarios/trotsky1927/events/retold.yaml).
RETOLD_EVENTS = [
    "six_conditions",
    "law_of_seven_eighths",
    "laval_communique",
    "boundary_treaty",
    "imperialist_war",
    "katyn",
    "fall_of_france",
    "sorge_reports",
    "matsuoka_station",
    "aviators_arrested",
    "chicherin_retires",
    "litvinov_dismissal",
    "molotov_in_berlin",
]


@pytest.fixture(scope="module")
def mod():
    return load_scenario(MOD)


def initial(scenario, name: str) -> float:
    return next(v.initial for v in scenario.layout.declared() if v.name == name)


def fired(campaign: Campaign) -> set[str]:
    return {event for record in campaign.records for event in record.fired}


def play_with(scenario, seed: int, preferred: list[str], orders: Orders) -> Campaign:
    """A whole campaign that gives the same orders each quarter (dropping decisions that
    cannot be taken) and answers each event with the first preferred option open."""
    campaign = Campaign(scenario, seed)
    while not campaign.is_over:
        given = orders if not campaign.validate(orders) else Orders(orders.policies, ())
        events = campaign.submit(given)
        campaign.answer(
            {
                event.id: next((option for option in preferred if option in open_ids), open_ids[0])
                for event, open_ids in events
            }
        )
    return campaign


# -- the checker ----------------------------------------------------------------------


def test_the_mod_passes_the_checker_without_warnings_and_says_what_it_changes(capsys):
    status = main(["validate", MOD])
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0].startswith("trotsky1927: OK: scenario 'trotsky1927', 51 turns")
    assert lines[0].endswith(", 0 warnings")
    changes = lines[1]
    assert changes.startswith("extends ussr1928: adds 3 decisions, 2 endings, 13 events")
    assert "replaces the debrief" in changes and "the record" in changes
    assert changes.endswith("removes 23 events")


# -- what the mod changes -------------------------------------------------------------


def test_what_the_mod_removes_is_gone_and_what_it_adds_is_there(mod, campaign_scenario):
    base_events = {e.id for e in campaign_scenario.events}
    events = {e.id for e in mod.events}
    for event_id in REMOVED_EVENTS:
        assert event_id in base_events and event_id not in events, event_id
    for event_id in NEW_EVENTS:
        assert event_id in events and event_id not in base_events, event_id
    base_decisions = {d.id for d in campaign_scenario.decisions}
    for decision_id in NEW_DECISIONS:
        assert decision_id not in base_decisions and mod.decision(decision_id).title
    base_endings = {e.id for e in campaign_scenario.endings}
    assert [e.id for e in mod.endings][-2:] == NEW_ENDINGS
    assert not set(NEW_ENDINGS) & base_endings
    assert "revolution_abroad" in {p.id for p in mod.policies}
    assert "revolution_abroad" not in {p.id for p in campaign_scenario.policies}
    declared = {v.name for v in mod.layout.declared()}
    base_declared = {v.name for v in campaign_scenario.layout.declared()}
    assert set(NEW_VARIABLES) <= declared and not set(NEW_VARIABLES) & base_declared


def test_what_the_mod_replaces_keeps_its_place_with_new_content(mod, campaign_scenario):
    # The base's "removed from power" is this world's Thermidor, in the same place.
    assert campaign_scenario.ending("removed_from_power").title == "Removed from power"
    assert mod.ending("removed_from_power").title == "Thermidor"
    base_endings = [e.id for e in campaign_scenario.endings]
    assert [e.id for e in mod.endings][: len(base_endings)] == base_endings
    # The party and the Comintern start where a Left victory leaves them.
    assert (initial(campaign_scenario, "party.control"), initial(mod, "party.control")) == (55, 42)
    assert (initial(campaign_scenario, "comintern.line"), initial(mod, "comintern.line")) == (0, 1)
    # The plan is written in the Left's terms.
    assert [lv.label for lv in mod.policy("investment").levels] == [
        "NEP pace",
        "The Opposition's platform",
        "Super-industrialisation",
    ]
    # Events that named Stalin as the one deciding are retold, with the same options.
    for event_id in RETOLD_EVENTS:
        base, retold = campaign_scenario.event(event_id), mod.event(event_id)
        assert [o.id for o in retold.options] == [o.id for o in base.options], event_id
        shown = " ".join([retold.title, retold.text, *(o.text for o in retold.options)])
        assert "Stalin" not in shown and "Molotov" not in shown, event_id


# -- playing --------------------------------------------------------------------------


def simulate(tmp_path, policy: str, runs: int) -> dict:
    out = tmp_path / f"{policy}.json"
    assert main(["simulate", MOD, "--runs", str(runs), "--policy", policy, "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_heuristic_player_reaches_several_endings_none_of_them_most_of_the_time(
    tmp_path, capsys
):
    summary = simulate(tmp_path, "heuristic", 400)
    endings = summary["endings"]
    assert sum(e["count"] for e in endings.values()) == 400
    reached = {name for name, e in endings.items() if e["count"]}
    assert {"world_revolution", "isolated_and_invaded", "removed_from_power"} <= reached
    assert len(reached) >= 5
    assert max(e["share"] for e in endings.values()) <= 0.65


def test_the_random_player_plays_every_campaign_to_an_ending(tmp_path, capsys):
    summary = simulate(tmp_path, "random", 400)
    endings = summary["endings"]
    assert sum(e["count"] for e in endings.values()) == 400
    assert all(endings[name]["count"] for name in NEW_ENDINGS)
    assert endings["removed_from_power"]["count"] > 0


def test_a_german_october_wins_or_is_crushed_and_a_crushed_one_brings_hitler(mod):
    """Arms and advisers abroad, the KPD's military apparatus, a united front, then the
    rising: it ends some campaigns in a Soviet Germany and leaves others to Hitler."""
    orders = Orders({"revolution_abroad": 2}, ("kpd_military_apparatus",))
    preferred = ["workers_front", "call_the_rising", "arms_and_grain"]
    campaigns = [play_with(mod, seed, preferred, orders) for seed in range(1, 13)]
    won = [c for c in campaigns if c.ending.id == "world_revolution"]
    crushed = [c for c in campaigns if "german_october_crushed" in fired(c)]
    assert won and crushed
    for campaign in won:
        assert campaign.date <= "1933-Q2" and campaign.value("germany.soviet_republic") == 1
        assert "hitler_chancellor" not in fired(campaign)
    for campaign in crushed:
        assert "hitler_chancellor" in fired(campaign)
        assert campaign.value("germany.soviet_republic") == 0


# -- saves ----------------------------------------------------------------------------


def test_a_save_of_the_mod_loads_back_mid_campaign_and_at_its_end(tmp_path, mod):
    halfway = play_quarters(mod, 20, seed=7)
    finished = play_campaign(mod, 7, HeuristicPolicy())
    for name, campaign in (("halfway", halfway), ("finished", finished)):
        path = write_save(campaign, tmp_path / f"{name}.json")
        loaded = load_save(path, load_scenario(MOD))
        assert loaded.state.digest() == campaign.state.digest()
        assert (loaded.turn, loaded.is_over) == (campaign.turn, campaign.is_over)
    assert finished.is_over and finished.ending is not None


# -- the debrief ----------------------------------------------------------------------


def expected_questions(campaign: Campaign) -> set[str]:
    """Which of the mod's questions fit the campaign, worked out from its own record."""
    value, events = campaign.value, fired(campaign)
    chose = {e: o for record in campaign.records for e, o in record.choices.items()}
    front, hitler = value("germany.workers_front") == 1, value("germany.hitler_in_power") == 1
    fits = {
        "springboard_taken": value("germany.soviet_republic") == 1,
        "october_crushed": "german_october_crushed" in events,
        "breathing_space": value("policy.revolution_abroad") == 0,
        "front_and_hitler": front and hitler,
        "front_without_hitler": front and not hitler,
        "terror_anyway": value("security.terror_deaths") >= 100,
        "terror_restrained": value("security.terror_deaths") < 50,
        "famine_anyway": value("society.famine_deaths") >= 1000,
        "stalin_deported": chose.get("stalin_question") == "expel_and_deport",
        "apparatus_strong": value("party.opposition_centre") >= 50,
        "crusade": value("war.crusade_lost") == 1,
        "caught": "caught_red_handed" in events,
        "june_1941": campaign.records[-1].date == "1941-Q2",
        "internal_external": True,
    }
    return {question for question, fit in fits.items() if fit}


def test_the_debrief_asks_the_questions_that_fit_each_campaign(mod):
    by_text = {q.text: q.id for q in mod.debrief.questions}
    asked_somewhere: set[str] = set()
    for policy in (HeuristicPolicy(), RandomPolicy()):
        batch = run_batch(mod, list(range(1, 11)), policy, record=True)
        for row, seed in enumerate(batch.seeds):
            campaign = batch.campaign(row)
            debrief = build_debrief(campaign)
            asked = {by_text[q.text] for q in debrief.questions}
            assert asked == expected_questions(campaign), (seed, policy.name)
            asked_somewhere |= asked
            assert debrief.ending_title == campaign.ending.title
            # "You and history" sets the campaign beside what really happened.
            assert any(c.topic == "The Shakhty verdicts" for c in debrief.comparisons)
    assert len(asked_somewhere) >= 8


def test_the_debrief_of_a_saved_campaign_from_the_command_line(tmp_path):
    save, page = tmp_path / "student.json", tmp_path / "debrief.html"
    for args in (
        [
            "simulate",
            MOD,
            "--runs",
            "1",
            "--seed",
            "3",
            "--policy",
            "heuristic",
            "--save",
            str(save),
        ],
        ["debrief", str(save), "--html", str(page)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT
        )
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    text = unescape(page.read_text(encoding="utf-8"))
    assert "Permanent Revolution: Trotsky 1927" in text
    assert "4. Questions for discussion" in text
    assert "Trotsky's whole case was the reverse" in text


# -- the verdict ----------------------------------------------------------------------


def test_the_verdict_judges_the_left_by_its_own_promises(mod, campaign_scenario):
    axes = {axis.id: axis for axis in mod.verdict}
    base = {axis.id: axis for axis in campaign_scenario.verdict}
    assert list(axes) == list(base)
    # The revolution is the German October and the Chinese party, not the campaign's
    # Spanish party; power is the Left's hold against Stalin's apparatus.
    assert {m.var for m in axes["revolution"].measures} >= {
        "germany.soviet_republic",
        "germany.revolution",
        "comintern.ccp",
    }
    assert "comintern.pce" not in {m.var for m in axes["revolution"].measures}
    assert "party.opposition_centre" in {m.var for m in axes["power"].measures}
    # Human cost is judged as in the campaign, against the same real figures.
    assert axes["human_cost"].measures == base["human_cost"].measures
    assert axes["human_cost"].cost


STRATEGIES = ROOT / "tests" / "fixtures" / "strategies" / MOD


def test_no_deliberate_strategy_is_best_on_every_axis(mod):
    # Four scripts `simulate --policy scripted` replays: the revolution carried abroad
    # with arms, a breathing space with no terror, the iron hand, and a fortress.
    means = {}
    for path in sorted(STRATEGIES.glob("*.json")):
        result = run_batch(mod, list(range(1, 151)), ScriptedPolicy.from_file(path))
        scores = verdict.scores(mod, result.state)
        means[path.stem] = {axis: float(np.mean(values)) for axis, values in scores.items()}
    assert len(means) == 4
    best = {axis: max(means, key=lambda name: means[name][axis]) for axis in means["fortress"]}
    assert len(set(best.values())) >= 3, best
    # Terror holds the party and costs every life the verdict counts.
    assert best["power"] == "iron_hand" and means["iron_hand"]["human_cost"] < 10
    assert best["human_cost"] == "breathing_space"


def test_the_german_october_says_what_it_cost_at_home(mod):
    ending = mod.ending("world_revolution")
    result = run_batch(mod, list(range(1, 301)), HeuristicPolicy())
    rows = np.flatnonzero(result.endings == ending.index)
    assert rows.size
    for row in rows[:5]:
        text = ending.text.render(mod, result.state, int(row))
        assert "dead of hunger" in text and "shot" in text and "in the camps" in text
