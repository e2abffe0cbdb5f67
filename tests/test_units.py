"""Units: every value and every change is written in what it counts.

A variable declares a unit, a scale (stored number times scale = the real quantity) and
a phrase; "Executions +2.0" becomes "+2,000 people shot"."""

from __future__ import annotations

import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.layout import Variable
from game.core.preview import preview_option
from game.core.units import (
    describe_change,
    format_amount,
    format_change,
    format_delta,
    format_number,
    format_value,
    is_negligible,
    title,
)
from game.debrief.analysis import build_debrief
from game.ui import describe
from tests.conftest import BASE_SCENARIO, write_scenario
from tests.helpers import play_quarters

MINUS = "\u2212"

SHOT = Variable(
    "security.terror_deaths", "security", 0, 3000, 0, unit="people", scale=1000,
    phrase="people shot",
)  # fmt: skip
FAMINE = Variable(
    "society.famine_deaths", "society", 0, 30000, 0, unit="people", scale=1000,
    phrase="deaths from famine",
)  # fmt: skip
VALUTA = Variable(
    "economy.valuta", "economy", 0, 200, 30, unit="gold roubles", scale=10_000_000,
    label="Valuta",
)  # fmt: skip
SHARE = Variable("economy.collectivised", "economy", 0, 100, 3, unit="per cent")
INDUSTRY = Variable("economy.heavy_industry", "economy", 0, 1500, 100, label="Heavy industry")
LINE = Variable(
    "comintern.line", "comintern", 0, 2, 0, kind="level",
    labels=("Class against class", "United front", "Popular front"),
)  # fmt: skip
PACT = Variable("treaty.franco_soviet", "treaty", 0, 1, 0, kind="flag", label="Franco-Soviet pact")
TANKS = Variable("army.tanks", "army", 0, 80, 0.1, unit="count", scale=1000, phrase="tanks")


# -- counts of people, written in full ---------------------------------------------------


def test_people_stored_in_thousands_read_as_people():
    assert format_change(SHOT, 2) == "+2,000 people shot"
    assert format_value(SHOT, 0.64) == "640 people shot"
    assert format_value(SHOT, 682) == "682,000 people shot"


def test_past_a_million_a_count_reads_in_millions():
    assert format_value(FAMINE, 9570) == "9.6 million deaths from famine"
    assert format_value(FAMINE, 2000) == "2 million deaths from famine"
    assert format_number(FAMINE, 1_500_000) == "1.5 billion"


def test_large_counts_keep_three_significant_figures():
    assert format_value(SHOT, 15.678) == "15,700 people shot"


def test_people_come_whole_and_too_small_a_change_shows_as_nothing():
    assert format_change(SHOT, 0.0032) == "+3 people shot"
    assert format_change(SHOT, 0.0002) == "\u00b10"


def test_a_negative_change_carries_a_minus_sign():
    assert format_change(SHOT, -1.5) == f"{MINUS}1,500 people shot"
    assert format_change(VALUTA, -12) == f"{MINUS}120 million gold roubles"
    assert format_change(INDUSTRY, -3.5) == f"{MINUS}3.5 points"


def test_money_reads_in_gold_roubles_at_its_scale():
    assert format_value(VALUTA, 30) == "300 million gold roubles"
    assert format_amount(VALUTA, 12) == "120 million gold roubles"


def test_a_count_is_named_by_its_phrase():
    assert format_value(TANKS, 23.1) == "23,100 tanks"
    assert format_change(TANKS, 0.4) == "+400 tanks"


# -- shares, indices, levels and flags ----------------------------------------------------


def test_a_share_reads_in_per_cent_and_changes_in_percentage_points():
    assert format_value(SHARE, 23) == "23%"
    assert format_value(SHARE, 3.25) == "3.2%"
    assert format_change(SHARE, 5) == "+5 percentage points"


def test_an_index_changes_by_points_and_costs_points_of_its_name():
    assert format_value(INDUSTRY, 245.3) == "245"
    assert format_change(INDUSTRY, 1) == "+1 point"
    assert describe_change(INDUSTRY, 3.5) == "Heavy industry +3.5 points"
    assert format_amount(INDUSTRY, 5) == "5 points of heavy industry"


def test_an_index_shows_a_change_from_a_twentieth_of_a_point_rounded_to_a_tenth():
    assert format_change(INDUSTRY, 0.05) == "+0.1 points"
    assert format_change(INDUSTRY, -0.05) == f"{MINUS}0.1 points"
    assert format_change(INDUSTRY, 0.04) == "\u00b10"


def test_a_level_reads_by_its_label():
    assert format_value(LINE, 2) == "Popular front"
    assert format_change(LINE, 1) == "+1 level"


def test_a_level_counted_from_one_reads_its_first_label_at_one_and_a_number_past_its_last():
    commissar = Variable(
        "nkid.commissar", "diplomacy", 1, 3, 1, kind="level",
        labels=("Chicherin", "Litvinov", "Molotov"),
    )  # fmt: skip
    assert [format_value(commissar, v) for v in (1, 2, 3)] == ["Chicherin", "Litvinov", "Molotov"]
    assert format_value(commissar, 4) == "4"


def test_a_level_moved_from_a_known_value_reads_by_its_new_label():
    assert describe_change(LINE, 2, before=0) == "Line: Popular front"


def test_a_policy_preview_names_the_level_it_moves_to(ussr1928):
    campaign = Campaign(ussr1928, 1)
    text = describe.effects(ussr1928, {"policy.purge": 3.0}, None, campaign.value)
    assert text == "How far the purges reach: Mass operations"


def test_a_flag_reads_yes_or_no():
    assert format_value(PACT, 1) == "yes" and format_value(PACT, 0) == "no"
    assert describe_change(PACT, 1) == "Franco-Soviet pact: yes"
    assert describe_change(PACT, -1) == "Franco-Soviet pact: no"


def test_a_phrase_says_what_moved_without_the_label():
    assert describe_change(SHOT, 2) == "+2,000 people shot"
    assert format_delta(SHOT, 2) == "+2,000"


def test_beside_its_name_a_value_keeps_its_unit_but_not_its_phrase():
    assert format_value(FAMINE, 9570, phrase=False) == "9.6 million people"
    assert format_value(VALUTA, 30, phrase=False) == "300 million gold roubles"


def test_describe_value_is_the_same_as_format_value():
    assert SHOT.describe_value(2) == format_value(SHOT, 2) == "2,000 people shot"


# -- the shipped campaign ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ussr1928():
    return load_scenario("ussr1928")


def test_every_shipped_variable_declares_its_unit():
    for name in ("ussr1928", "collective_security", "trotsky1927"):
        scenario = load_scenario(name)
        undeclared = [v.name for v in scenario.layout.declared() if not v.unit]
        assert undeclared == [], f"{name}: {undeclared}"


def test_a_terror_choice_previews_in_people_shot(ussr1928):
    campaign = Campaign(ussr1928, 1)
    option = ussr1928.event("kirov_murder").option("emergency_law")
    preview = preview_option(ussr1928, campaign.state, option)
    text = describe.effects(ussr1928, preview.changes, preview.uncertain)
    assert "+6,000 people shot" in text
    assert "Terror deaths +6" not in text and "+6.0" not in text


def test_a_decision_cost_reads_in_gold_roubles(ussr1928):
    decision = next(
        d for d in ussr1928.decisions if any(c.var == "economy.valuta" for c in d.costs)
    )
    cost = next(c for c in decision.costs if c.var == "economy.valuta")
    shown = describe.amount(ussr1928, cost.var, cost.amount)
    assert shown == f"{cost.amount * 10:g} million gold roubles"


def test_the_debrief_traces_a_count_in_its_unit(ussr1928):
    campaign = play_quarters(ussr1928, 24, seed=3)
    debrief = build_debrief(campaign)
    famine = next(s for s in debrief.series if s.var == "society.famine_deaths")
    assert famine.number(9570) == "9.6 million"
    figure = next(f for f in debrief.figures if f.title.lower().startswith("famine"))
    assert "million" in figure.history and "thousand" not in figure.history


# -- the loader ------------------------------------------------------------------------------


def test_content_without_units_still_loads_and_reads_as_index_points(tmp_path):
    scenario = load_scenario(write_scenario(tmp_path / "old", {}))
    output = scenario.layout.variables[scenario.layout.col("economy.output")]
    assert format_change(output, 2) == "+2 points"
    pace = scenario.layout.variables[scenario.layout.col("policy.pace")]
    assert format_value(pace, 2) == "crash"


def test_declared_units_load_with_their_scale_and_phrase(tmp_path):
    base = BASE_SCENARIO.replace(
        "initial: 10}",
        "initial: 10, unit: people, scale: 1000, phrase: people in revolt}",
    )
    scenario = load_scenario(write_scenario(tmp_path / "mod", {}, base))
    unrest = scenario.layout.variables[scenario.layout.col("society.unrest")]
    assert format_value(unrest, 10) == "10,000 people in revolt"


def test_the_checker_refuses_an_unknown_unit_where_it_is_written(tmp_path, capsys, monkeypatch):
    base = BASE_SCENARIO.replace("initial: 10}", "initial: 10, unit: souls}")
    write_scenario(tmp_path / "mod", {}, base)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "mod"]) == 1
    out = capsys.readouterr().out
    assert "mod/scenario.yaml:11:73: error[unit]" in out
    assert "error[unit]: 'society.unrest': unknown unit 'souls'" in out
    assert "Traceback" not in out


# -- the edges of each unit --------------------------------------------------------------------

CAMPS = Variable("security.camps", "security", 0, 3000, 0, unit="count", scale=1000)
CONTROL = Variable("party.control", "party", 0, 100, 50, label="Party control")
# An index stored in tenths and a share stored in per mille: the scale makes them whole.
PRODUCTION = Variable("economy.production", "economy", 0, 1000, 100, label="Production", scale=0.1)
FARMS = Variable(
    "economy.farms", "economy", 0, 1000, 30, unit="per cent", scale=0.1,
    label="Collectivised farms",
)  # fmt: skip
PURGES = Variable("policy.purges", "policy", 0, 3, 0, kind="level", label="Purges")
POLITBURO = Variable("party.pb", "party", 0, 100, 50, label="PB")


def test_a_count_without_a_phrase_is_a_bare_number():
    assert format_value(CAMPS, 23.1) == "23,100"
    assert format_change(CAMPS, 0.4) == "+400"


def test_a_share_costs_percentage_points_of_its_lower_cased_name():
    assert format_amount(FARMS, 50) == "5 percentage points of collectivised farms"


def test_an_index_costs_one_point_or_several_points():
    assert format_amount(CONTROL, 1) == "1 point of party control"
    assert format_amount(CONTROL, 2) == "2 points of party control"


def test_an_index_cost_is_counted_at_its_scale():
    assert format_amount(PRODUCTION, 50) == "5 points of production"
    assert format_amount(PRODUCTION, 10) == "1 point of production"


def test_an_index_change_of_one_point_at_its_scale_is_singular():
    assert format_change(PRODUCTION, 10) == "+1 point"
    assert format_change(PRODUCTION, 1) == "+0.1 points"


def test_a_change_of_several_levels_is_plural():
    assert format_change(LINE, 2) == "+2 levels"
    assert format_change(LINE, -2) == f"{MINUS}2 levels"


def test_a_name_that_looks_like_an_acronym_is_kept_inside_a_sentence():
    assert format_amount(POLITBURO, 3) == "3 points of PB"


def test_a_one_letter_name_is_lower_cased_inside_a_sentence():
    letter = Variable("economy.x", "economy", 0, 100, 0, label="X")
    assert format_amount(letter, 3) == "3 points of x"


def test_half_a_step_of_a_flag_or_level_counts_and_less_does_not():
    assert not is_negligible(PACT, 0.5) and is_negligible(PACT, 0.49)
    assert not is_negligible(LINE, -0.5) and is_negligible(LINE, 0.49)


def test_an_index_or_share_change_below_a_twentieth_shows_as_nothing():
    assert format_change(INDUSTRY, 0.04) == "\u00b10"
    assert format_change(INDUSTRY, 0.3) == "+0.3 points"
    assert format_change(SHARE, -0.04) == "\u00b10"
    assert format_change(SHARE, -0.3) == f"{MINUS}0.3 percentage points"


def test_a_change_of_less_than_half_a_person_shows_as_nothing():
    assert format_change(SHOT, 0.0004) == "\u00b10"
    assert format_change(TANKS, -0.0004) == "\u00b10"


def test_a_level_moved_from_an_unknown_value_reads_as_a_number_of_levels():
    assert describe_change(LINE, 1) == "Line +1 level"


def test_a_level_without_labels_reads_as_a_number_of_levels_even_from_a_known_value():
    assert describe_change(PURGES, 1, before=1) == "Purges +1 level"


def test_a_negligible_change_of_a_phrased_variable_still_names_the_variable():
    assert describe_change(SHOT, 0.0001) == "Terror deaths \u00b10"


def test_money_past_a_billion_reads_in_billions():
    assert format_value(VALUTA, 250) == "2.5 billion gold roubles"
    assert format_change(VALUTA, -150) == f"{MINUS}1.5 billion gold roubles"


def test_a_share_below_ten_keeps_one_decimal_and_a_minus_sign():
    assert format_change(SHARE, -3.5) == f"{MINUS}3.5 percentage points"
    assert format_number(SHARE, 100) == "100%"


GRAIN = Variable("economy.grain_stock", "economy", 0, 100, 10, unit="tonnes")


def test_a_count_reaching_a_million_reads_in_millions():
    assert format_value(SHOT, 1000) == "1 million people shot"
    assert format_value(SHOT, 999.5) == "1 million people shot"


def test_a_hundred_millions_and_more_drop_the_decimal():
    assert format_value(VALUTA, 12.34) == "123 million gold roubles"
    assert format_value(VALUTA, 10.04) == "100 million gold roubles"
    assert format_value(VALUTA, 9.84) == "98.4 million gold roubles"


def test_a_weight_from_ten_up_is_whole():
    assert format_value(GRAIN, 10.4) == "10 tonnes"
    assert format_value(GRAIN, 2.5) == "2.5 tonnes"


def test_beside_its_name_a_count_without_a_phrase_is_a_bare_number():
    assert format_value(TANKS, 23.1, phrase=False) == "23,100"


@pytest.mark.parametrize(
    ("description", "name"),
    [
        ("Grain procured by the state; in millions of tonnes", "Grain procured by the state"),
        ("grain procured (in tonnes)", "Grain procured"),
        ("Grain procured. Counted each quarter", "Grain procured"),
        ("Grain procured, counted each quarter", "Grain procured"),
        ("Grain procured.", "Grain procured"),
        ("x" * 40, "X" + "x" * 39),
        ("x" * 41, "Officer quality"),
    ],
)
def test_a_variable_without_a_label_is_named_by_the_opening_of_its_description(description, name):
    variable = Variable("army.reserve.officer_quality", "army", 0, 1, 0, description=description)
    assert title(variable) == name


def test_a_variable_without_label_or_description_is_named_by_its_last_part():
    assert title(Variable("army.reserve.officer_quality", "army", 0, 1, 0)) == "Officer quality"


def test_exactly_half_a_person_is_too_small_to_show():
    """Numbers of people are written whole, rounding half to even: half a person would
    read '+0 people shot', so it is shown as no change at all."""
    from game.core.layout import Variable
    from game.core.units import format_delta, is_negligible

    shot = Variable("security.shot", "security", 0, 1e6, 0, unit="people", phrase="people shot")
    assert is_negligible(shot, 0.5) and format_delta(shot, 0.5) == "\u00b10"
    assert not is_negligible(shot, 0.51)
