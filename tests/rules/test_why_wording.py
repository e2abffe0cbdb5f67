"""How a Why? breakdown is worded, as the player reads it: each form of a rule's quantity
written out with the values it read (brackets where a reader needs them), each effect
that is not a sum said in words (a factor, a cap, a floor, a flag), sizes to three
significant figures with their sign, and the one-line summary the quarterly report
prints beside the rule. In every world here control is 50, valuta 20 and unrest 10."""

from dataclasses import replace

import numpy as np
import pytest

from game.core.breakdown import (
    explain_axis,
    explain_changes,
    explain_rule,
    lines,
    moment,
    number,
    rule_name,
    signed,
    summary,
)
from game.core.cause import Cause
from game.core.layout import decision_columns
from game.core.orders import BatchOrders, Orders
from game.core.pipeline import begin_turn, finish_turn
from game.core.records import build_record
from game.core.state import State
from game.debrief.reading import states_at_start
from tests.rules.world import play, world


def why(scenario, campaign, var: str):
    """The breakdowns of the last quarter's changes to `var`, in the ledger's order."""
    start = states_at_start(campaign)[-1]
    return [c.breakdown for c in explain_changes(scenario, start, campaign.records[-1], var)]


def texts(breakdown) -> list[str]:
    return [t.text for t in breakdown.terms]


# -- effects that are not a sum -------------------------------------------------------------

ADJUSTMENTS = """
rules:
  - id: raise
    step: economy
    effects: [{set_flag: flag.b}]
  - id: adjust
    step: politics
    effects:
      - multiply: {var: society.unrest, value: {sum: [1, {product: [party.control, 0.01]}]}}
      - clamp: {var: society.unrest, max: 12}
      - add: {var: party.control, value: 2}
      - clamp: {var: party.control, min: 60}
      - clamp: {var: economy.output, min: 100, max: 100}
      - add: {var: economy.output, value: 5}
      - set_flag: flag.a
      - clear_flag: flag.b
"""


def test_a_factor_a_cap_and_a_floor_are_said_in_words(tmp_path):
    scenario = world(tmp_path, ADJUSTMENTS)
    campaign = play(scenario, None)
    (unrest,) = why(scenario, campaign, "society.unrest")
    # 10 x 1.5 = 15, then capped at 12: the factor is bracketed as a whole.
    assert lines(unrest) == [
        "      +5  10 \u00d7 (1 + control 50 \u00d7 0.01)",
        "      \u22123  capped at 12",
    ]
    assert [step.verb for step in unrest.steps] == ["adjust", "adjust"]
    (control,) = why(scenario, campaign, "party.control")
    # Two effects: the sum is headed by its own change, the floor follows it.
    assert lines(control) == ["+2, the sum of:", "      +2  a fixed 2", "      +8  raised to 60"]
    assert summary(control) == "clamp +8"


def test_bounds_the_value_already_meets_are_said_to_keep_it(tmp_path):
    scenario = world(tmp_path, ADJUSTMENTS)
    campaign = play(scenario, None)
    (output,) = why(scenario, campaign, "economy.output")
    # Output stands exactly at both bounds, 100: neither capped nor raised.
    assert lines(output) == [
        "      \u00b10  kept within bounds",
        "+5, the sum of:",
        "      +5  a fixed 5",
    ]
    assert lines(output, align=False) == [
        "\u00b10   kept within bounds",
        "+5, the sum of:",
        "+5   a fixed 5",
    ]


def test_a_flag_is_said_to_be_set_or_cleared(tmp_path):
    scenario = world(tmp_path, ADJUSTMENTS)
    campaign = play(scenario, None)
    (raised,) = why(scenario, campaign, "flag.a")
    assert lines(raised) == ["      +1  set"]
    _, cleared = why(scenario, campaign, "flag.b")
    assert lines(cleared) == ["      \u22121  cleared"]


# -- quantities written out -------------------------------------------------------------------

FORMS = """
variables:
  economy.sum: {group: economy, min: -1000, max: 100000, initial: 0}
rules:
  - id: forms
    step: economy
    effects:
      - add: {var: economy.sum, value: {product: [{sum: [party.control, economy.valuta]}, {difference: [party.control, 5]}, 0.01]}}
      - add: {var: economy.sum, value: {ratio: [party.control, {sum: [economy.valuta, 5]}]}}
      - add: {var: economy.sum, value: {ratio: [{product: [party.control, 2]}, economy.valuta]}}
      - add: {var: economy.sum, value: {min: [{sum: [party.control, 5]}, economy.valuta]}}
      - add: {var: economy.sum, value: {max: [party.control, economy.valuta, 1]}}
      - add: {var: economy.sum, value: {product: [{max: [party.control, 70, 60]}, 0.5]}}
      - add: {var: economy.sum, value: {product: [{min: [party.control, 40, 45]}, 0.5]}}
      - add: {var: economy.sum, value: {product: [economy.valuta, {min: [party.control, 40]}]}}
      - add: {var: economy.sum, value: {clamp: {value: party.control, min: 0, max: 30}}}
      - add: {var: economy.sum, value: {clamp: {value: party.control, min: 60}}}
      - add: {var: economy.sum, value: {clamp: {value: party.control, max: 20}}}
      - add: {var: economy.sum, value: {product: [{difference: [party.control, 5]}, 0.5]}}
      - add: {var: economy.sum, value: {product: [{ratio: [{sum: [party.control, economy.valuta]}, 2]}, 0.5]}}
      - add: {var: economy.sum, value: {clamp: {value: {sum: [party.control, -60]}, min: 0}}}
      - add: {var: economy.sum, value: {clamp: {value: {sum: [party.control, 60]}, max: 100}}}
      - add: {var: economy.sum, value: {if: {condition: {flag: flag.a}, then: 5}}}
"""


def test_each_form_of_a_quantity_reads_with_the_values_it_took(tmp_path):
    scenario = world(tmp_path, FORMS)
    (output,) = why(scenario, play(scenario, None), "economy.sum")
    assert texts(output) == [
        # Sums and differences inside a product are bracketed; a product inside a ratio is not.
        "(control 50 + valuta 20) \u00d7 (control 50 \u2212 5) \u00d7 0.01",
        "control 50 \u00f7 (valuta 20 + 5)",
        "control 50 \u00d7 2 \u00f7 valuta 20",
        # Two inputs compared: which one the rule took, and what it came to.
        "the smaller of (control 50 + 5) and valuta 20: 20",
        "the larger of control 50 and valuta 20 and 1: 50",
        # One input and fixed limits: the limit that binds (the highest floor, the lowest cap).
        "(control 50, at least 70) \u00d7 0.5",
        "(control 50, at most 40) \u00d7 0.5",
        "valuta 20 \u00d7 (control 50, at most 40)",
        "control 50, from 0 to 30",
        "control 50, at least 60",
        "control 50, at most 20",
        # A gap from a fixed threshold, or a ratio of a sum, is bracketed before its weight.
        "(control 50 \u2212 5) \u00d7 0.5",
        "(control 50 + valuta 20) \u00f7 2 \u00d7 0.5",
        # A sum held at a bound says by how much.
        "control 50",
        "a fixed \u221260",
        "raised to 0",
        "control 50",
        "a fixed 60",
        "capped at 100",
        # A branch not written adds nothing, and says why.
        "a fixed 0 (without \u201cA\u201d)",
    ]
    # A term is named by the first input it read, for the summary's tight place.
    assert [t.name for t in output.terms] == [
        *["control"] * 7,
        "valuta",
        *["control"] * 6,
        "a fixed amount",
        "raised to 0",
        "control",
        "a fixed amount",
        "capped at 100",
        "A",
    ]


def test_a_factor_that_applies_is_written_beside_its_base_and_one_that_does_not_is_left_out(
    tmp_path,
):
    scenario = world(
        tmp_path,
        """
variables:
  economy.sum: {group: economy, min: -1000, max: 100000, initial: 0}
rules:
  - id: factors
    step: economy
    effects:
      - add: {var: economy.sum, value: {modified: {base: economy.valuta, modifiers: [{when: {flag: flag.a}, factor: 3}, {when: {below: {var: party.control, value: 90}}, factor: 0.5}]}}}
      - add: {var: economy.sum, value: {product: [{modified: {base: economy.valuta, modifiers: [{when: {below: {var: party.control, value: 90}}, factor: 0.5}]}}, society.unrest]}}
      - add: {var: economy.sum, value: {product: [{modified: {base: 4, modifiers: [{when: {flag: flag.a}, factor: 3}]}}, economy.valuta]}}
      - add: {var: economy.sum, value: {product: [{if: {condition: {flag: flag.a}, then: party.control, else: economy.valuta}}, society.unrest]}}
      - add: {var: economy.sum, value: {product: [{if: {condition: {below: {var: party.control, value: 90}}, then: {sum: [party.control, 5]}}}, society.unrest]}}
      - add: {var: economy.sum, value: {product: [{if: {condition: {flag: flag.a}, then: party.control}}, society.unrest, 2]}}
      - add: {var: economy.sum, value: {product: [economy.valuta, {clamp: {value: party.control, max: 40}}]}}
      - add: {var: economy.sum, value: {modified: {base: {sum: [economy.valuta, 5]}, modifiers: [{when: {below: {var: party.control, value: 90}}, factor: 0.5}]}}}
      - add: {var: economy.sum, value: {difference: [party.control, economy.valuta]}}
""",
    )
    (output,) = why(scenario, play(scenario, None), "economy.sum")
    assert texts(output) == [
        "valuta 20 \u00d7 0.5",
        "(valuta 20 \u00d7 0.5) \u00d7 unrest 10",
        "4 \u00d7 valuta 20",
        "valuta 20 (without \u201cA\u201d) \u00d7 unrest 10",
        # The branch taken, bracketed where it is a sum; a branch not written is nothing.
        "(control 50 + 5) (control below 90 (now 50)) \u00d7 unrest 10",
        "0 (without \u201cA\u201d) \u00d7 unrest 10 \u00d7 2",
        "valuta 20 \u00d7 (control 50, at most 40)",
        "(valuta 20 + 5) \u00d7 0.5",
        # A difference of two inputs is both inputs, the second taken away.
        "control 50",
        "minus valuta 20",
    ]


def test_a_rule_that_reads_the_variable_it_changes_names_it_its_own_level(tmp_path):
    scenario = world(
        tmp_path,
        """
rules:
  - id: decay
    step: economy
    effects: [{add: {var: society.unrest, value: {product: [society.unrest, -0.1]}}}]
""",
    )
    (unrest,) = why(scenario, play(scenario, None), "society.unrest")
    assert [(t.text, t.name) for t in unrest.terms] == [
        ("unrest 10 \u00d7 \u22120.1", "its own level")
    ]
    assert summary(unrest) == "its own level \u22121"


def test_a_random_draw_is_named_chance_and_a_chance_says_whether_it_was_won(tmp_path):
    scenario = world(
        tmp_path,
        """
rules:
  - id: luck
    step: economy
    effects:
      - add: {var: party.control, value: {product: [{random: {min: 1, max: 3}}, 2]}}
      - chance: {probability: 0.5, then: [{add: {var: flag.b, value: 1}}], else: [{add: {var: economy.valuta, value: -2}}]}
""",
    )
    won = set()
    for seed in range(1, 9):
        campaign = play(scenario, None, seed=seed)
        (control,) = why(scenario, campaign, "party.control")
        (term,) = control.terms
        drawn = number(term.value / 2)
        assert term.text == f"a random draw of {drawn} (from 1 to 3) \u00d7 2"
        assert term.name == "chance" and summary(control).startswith("chance +")
        # The branch the chance took is the one the breakdown reads, and says so.
        flag, valuta = why(scenario, campaign, "flag.b"), why(scenario, campaign, "economy.valuta")
        if campaign.value("flag.b") == 1:
            assert (flag[0].because, texts(flag[0]), valuta) == (
                "won a 50% chance",
                ["a fixed 1"],
                [],
            )
        else:
            assert (valuta[0].because, texts(valuta[0]), flag) == (
                "lost a 50% chance",
                ["a fixed \u22122"],
                [],
            )
        won.add(campaign.value("flag.b") == 1)
    assert won == {True, False}


def test_each_effect_of_a_rule_is_a_step_of_its_own_a_branch_among_them(tmp_path):
    scenario = world(
        tmp_path,
        """
rules:
  - id: steps
    step: economy
    effects:
      - add: {var: society.unrest, value: 2}
      - if:
          condition: {below: {var: party.control, value: 60}}
          then: [{add: {var: society.unrest, value: -1}}, {clamp: {var: society.unrest, max: 10.5}}]
""",
    )
    (unrest,) = why(scenario, play(scenario, None), "society.unrest")
    assert [s.verb for s in unrest.steps] == ["add", "add", "adjust"]
    assert lines(unrest) == [
        "(the rule applies while control below 60 (now 50))",
        "+2, the sum of:",
        "      +2  a fixed 2",
        "\u22121, the sum of:",
        "      \u22121  a fixed \u22121",
        "    \u22120.5  capped at 10.5",
    ]


def test_a_rule_that_reads_a_choice_and_may_end_the_campaign_is_read_back(tmp_path):
    scenario = world(
        tmp_path,
        """
events:
  - id: strike
    title: A strike
    text: The works stop.
    date: 1930-Q1
    options:
      - {id: concede, text: Concede.}
      - {id: crush, text: Crush it.}
rules:
  - id: memory
    step: economy
    effects:
      - if:
          condition: {chose: {event: strike, option: crush}}
          then: [{add: {var: society.unrest, value: 5}}]
      - if:
          condition: {at_least: {var: society.unrest, value: 99}}
          then: [{end: fallen}]
""",
        endings="""
endings:
  - id: fallen
    title: Fallen
    when: {flag: flag.a}
  - id: survived
    title: Survived
    at_end: true
""",
    )
    campaign = play(scenario, None, None, choices={"strike": "crush"})
    (unrest,) = why(scenario, campaign, "society.unrest")
    assert texts(unrest) == ["a fixed 5"]
    assert unrest.because == "if \u201cCrush it.\u201d was the answer to A strike"


def test_a_value_held_at_the_end_of_its_range_says_so(tmp_path):
    spent = _summed(tmp_path, "-30", "economy.valuta")
    assert [(t.text, t.name) for t in spent.terms] == [
        ("a fixed \u221230", "a fixed amount"),
        ("held at 0, the end of its range", "the end of its range"),
    ]
    assert lines(spent)[1] == "     +10  held at 0, the end of its range"


def test_a_name_with_a_plus_in_it_is_bracketed_before_its_weight(tmp_path):
    breakdown = _summed(
        tmp_path,
        "{product: [economy.coal, 0.5]}",
        extra="""
variables:
  economy.coal: {group: economy, min: 0, max: 100, initial: 40, label: Coal + steel}
""",
    )
    assert texts(breakdown) == ["(Coal + steel 40) \u00d7 0.5"]


def test_an_input_output_row_reads_each_sector_times_what_it_keeps(tmp_path):
    scenario = world(
        tmp_path,
        """
rules:
  - id: balance
    step: economy
    effects:
      - input_output:
          outputs: [economy.output, party.control]
          coefficients: [[0.1, 0.2], [0.3, 0.05]]
          into: [economy.valuta, society.unrest]
""",
    )
    (valuta,) = why(scenario, play(scenario, None), "economy.valuta")
    assert lines(valuta) == [
        "set to 80 (was 20), the sum of:",
        "     +90  output 100 \u00d7 0.9",
        "     \u221210  control 50 \u00d7 \u22120.2",
    ]
    assert summary(valuta) == "set to 80: output +90, control \u221210"
    (unrest,) = why(scenario, play(scenario, None), "society.unrest")
    assert summary(unrest) == "set to 17.5: control +47.5, output \u221230"


# -- the summary --------------------------------------------------------------------------------


def _summed(tmp_path, value: str, var: str = "economy.output", extra: str = ""):
    scenario = world(
        tmp_path,
        f"""
{extra}
rules:
  - id: summed
    step: economy
    effects: [{{add: {{var: {var}, value: {value}}}}}]
""",
    )
    (breakdown,) = why(scenario, play(scenario, None), var)
    return breakdown


def test_the_summary_names_the_three_biggest_inputs_and_marks_the_rest(tmp_path):
    four = "{sum: [{product: [party.control, 1]}, {product: [economy.valuta, -2]}, society.unrest, {product: [flag.b, 5]}, {product: [party.control, 0.1]}]}"
    # flag.b is 0: an input that added nothing is not among the inputs worth naming.
    assert summary(_summed(tmp_path, four)) == "control +50, valuta \u221240, unrest +10, \u2026"
    three = "{sum: [{product: [party.control, 1]}, {product: [economy.valuta, -2]}, society.unrest, {product: [flag.b, 5]}]}"
    assert summary(_summed(tmp_path, three)) == "control +50, valuta \u221240, unrest +10"


def test_a_rule_of_fixed_amounts_is_summed_up_by_its_amounts_that_count(tmp_path):
    breakdown = _summed(tmp_path, "{sum: [3, 0]}")
    assert texts(breakdown) == ["a fixed 3", "a fixed 0"]
    assert summary(breakdown) == "+3"


def test_a_rule_that_sets_a_value_from_nothing_says_only_what_it_set(tmp_path):
    scenario = world(
        tmp_path,
        """
rules:
  - id: reset
    step: economy
    effects: [{set: {var: party.control, value: 0}}]
""",
    )
    (control,) = why(scenario, play(scenario, None), "party.control")
    assert lines(control) == ["set to 0 (was 50), the sum of:", "      \u00b10  a fixed 0"]
    assert summary(control) == "set to 0"


def test_a_value_set_below_one_or_below_zero_reads_to_three_figures(tmp_path):
    scenario = world(
        tmp_path,
        """
variables:
  economy.balance: {group: economy, min: -100, max: 100, initial: 10}
rules:
  - id: deficit
    step: economy
    effects: [{set: {var: economy.balance, value: {product: [party.control, -0.1]}}}]
  - id: trickle
    step: politics
    effects: [{set: {var: society.unrest, value: {product: [party.control, 0.01]}}}]
""",
    )
    campaign = play(scenario, None)
    (balance,) = why(scenario, campaign, "economy.balance")
    assert lines(balance)[0] == "set to \u22125 (was 10), the sum of:"
    (unrest,) = why(scenario, campaign, "society.unrest")
    assert lines(unrest)[0] == "set to 0.5 (was 10), the sum of:"


def test_a_count_kept_in_thousands_is_set_to_its_real_number(tmp_path):
    deaths = """
variables:
  society.deaths: {group: society, min: 0, max: 100000, initial: 0, unit: people, scale: 1000, phrase: deaths from hunger}
"""
    scenario = world(
        tmp_path,
        deaths
        + """
rules:
  - id: hunger
    step: economy
    effects: [{set: {var: society.deaths, value: {product: [society.unrest, 2]}}}]
""",
    )
    (dead,) = why(scenario, play(scenario, None), "society.deaths")
    assert lines(dead) == [
        "(the rule counts deaths in units of 1,000)",
        "set to 20 (was 0), the sum of:",
        "     +20  unrest 10 \u00d7 2",
    ]
    assert summary(dead) == "set to 20,000: unrest +20,000"


def test_a_rule_reading_a_count_kept_in_thousands_shows_its_real_number_in_its_unit(tmp_path):
    scenario = world(
        tmp_path,
        """
variables:
  society.deaths: {group: society, min: 0, max: 100000, initial: 20, unit: people, scale: 1000, phrase: deaths from hunger}
rules:
  - id: grief
    step: economy
    effects: [{add: {var: society.unrest, value: {product: [society.deaths, 0.1]}}}]
""",
    )
    (unrest,) = why(scenario, play(scenario, None), "society.unrest")
    assert texts(unrest) == ["deaths 20 (20,000 people) \u00d7 0.1"]


def test_a_rule_runs_on_the_quarters_start_plus_the_changes_made_before_it(tmp_path):
    scenario = world(
        tmp_path,
        """
decisions:
  - id: reform
    title: Reform
    text: A reform of the apparatus.
    effects: [{add: {var: economy.output, value: 1}}]
rules:
  - id: first
    step: economy
    effects: [{add: {var: party.control, value: 5}}]
  - id: second
    step: politics
    effects: [{add: {var: society.unrest, value: party.control}}]
""",
    )
    campaign = play(scenario, ("reform",))
    start, record = states_at_start(campaign)[-1], campaign.records[-1]
    values, seeds = moment(scenario, start, record, Cause.rule("second"))
    assert values[0, scenario.layout.col("party.control")] == 55
    assert values[0, scenario.layout.col("society.unrest")] == 10
    # The decisions of the quarter were carried out before any rule ran.
    taken, last = decision_columns("reform").values()
    assert values[0, scenario.layout.col(taken)] == 1
    assert values[0, scenario.layout.col(last)] == record.turn
    assert seeds.tolist() == start.seeds.tolist()


def test_a_decision_taken_again_counts_again_in_the_moment_a_rule_ran(tmp_path):
    scenario = world(
        tmp_path,
        """
decisions:
  - id: reform
    title: Reform
    text: A reform of the apparatus.
    effects: [{add: {var: economy.output, value: 1}}]
rules:
  - id: second
    step: politics
    effects: [{add: {var: society.unrest, value: 1}}]
""",
    )
    campaign = play(scenario, ("reform",), ("reform",))
    start, record = states_at_start(campaign)[-1], campaign.records[-1]
    values, _ = moment(scenario, start, record, Cause.rule("second"))
    assert values[0, scenario.layout.col(decision_columns("reform")["taken"])] == 2


def test_a_share_in_per_cent_is_summed_up_to_three_figures(tmp_path):
    share = """
variables:
  society.share: {group: society, min: 0, max: 100, initial: 10, unit: per cent}
"""
    breakdown = _summed(tmp_path, "{product: [party.control, 0.0123]}", "society.share", share)
    assert summary(breakdown) == "control +0.615"


# -- sizes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, shown",
    [
        (0, "\u00b10"),
        (0.0004, "\u00b10"),
        (0.0005, "+0.0005"),
        (-0.0005, "\u22120.0005"),
        (0.5, "+0.5"),
        (-0.08, "\u22120.08"),
        (0.12345, "+0.123"),
        (13.5, "+13.5"),
        (999.4, "+999"),
        (999.5, "+1,000"),
        (1000, "+1,000"),
        (1500, "+1,500"),
        (-2500.6, "\u22122,501"),
    ],
)
def test_a_size_reads_to_three_figures_with_its_sign(value, shown):
    assert signed(value) == shown


@pytest.mark.parametrize(
    "value, shown",
    [
        (0, "0"),
        (1, "1"),
        (2.5, "2.5"),
        (0.0062, "0.0062"),
        (-0.08, "\u22120.08"),
        (0.123456, "0.1235"),
        (999.94, "999.9"),
        (999.95, "1,000"),
        (1000, "1,000"),
        (-1000, "\u22121,000"),
        (12345.6, "12,346"),
        (0.00005, "0.00005"),
        (-0.00005, "\u22120.00005"),
        (1e-7, "0"),
    ],
)
def test_a_weight_or_a_value_in_a_sum_reads_to_four_figures(value, shown):
    assert number(value) == shown


# -- a rule's name ----------------------------------------------------------------------------------

_LONG = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"


@pytest.mark.parametrize(
    "title, text, name",
    [
        ("The apparatus", "The apparatus tightens its grip.", "The apparatus"),
        ("", "Money calms the towns.", "Money calms the towns"),
        ("", "Money calms the towns. Fear holds them.", "Money calms the towns"),
        ("", "Money calms the towns: for a while", "Money calms the towns"),
        ("", "Money calms the towns; fear holds them", "Money calms the towns"),
        ("", "Money calms the towns (for a while)", "Money calms the towns"),
        ("", "Money calms the towns \u2014 for a while", "Money calms the towns"),
        ("", "Purchases under Credit Agreement XX.", "Purchases under Credit Agreement XX"),
        # Fourteen words are a name; a longer clause is cut at a comma that leaves one.
        ("", " ".join(_LONG.split()[:14]), " ".join(_LONG.split()[:14])),
        (
            "",
            "Money calms, " + " ".join(_LONG.split()[:12]),
            "Money calms, " + " ".join(_LONG.split()[:12]),
        ),
        ("", "Money calms the towns, " + _LONG, "Money calms the towns"),
        ("", "Money calms towns, " + _LONG, "Money calms towns"),
        ("", "Money calms, " + _LONG, "Money calms, one two three four five six seven eight\u2026"),
        ("", " ".join(_LONG.split()[:14]) + ", and more besides", " ".join(_LONG.split()[:14])),
        ("", _LONG, "one two three four five six seven eight nine ten\u2026"),
        ("", "", "Peasant unrest"),
    ],
)
def test_a_rule_is_named_by_its_title_else_the_opening_clause_of_its_text(
    tmp_path, title, text, name
):
    scenario = world(
        tmp_path,
        """
rules:
  - id: peasant_unrest
    step: economy
    effects: [{add: {var: society.unrest, value: 1}}]
""",
    )
    assert rule_name(replace(scenario.rules[0], title=title, text=text)) == name


# -- an axis of the verdict ---------------------------------------------------------------------

AXIS = """
verdict:
  - id: welfare
    title: Welfare
    measures:
      - {var: economy.output, weight: 1, worst: 0, best: 300}
      - {var: society.unrest, weight: 3, worst: 100, best: 0}
      - {var: policy.pace, weight: 1, worst: 0, best: 2}
"""


GROWTH = """
rules:
  - id: growth
    step: economy
    effects: [{add: {var: economy.output, value: {product: [economy.output, 0.1]}}}]
"""


def test_an_axis_reads_each_measure_its_score_and_its_share(tmp_path):
    scenario = world(tmp_path, AXIS)
    campaign = play(scenario, None)
    start, record = states_at_start(campaign)[-1], campaign.records[-1]
    axis = explain_axis(scenario, start, record, "welfare")
    # A level reads its label and its stored number; a score is rounded to a tenth.
    assert [(t.text, t.name) for t in axis.terms] == [
        ("output: 100, scoring 33.3 (0 at 0, 100 at 300) \u00d7 0.2", "output"),
        ("unrest: 10, scoring 90 (0 at 100, 100 at 0) \u00d7 0.6", "unrest"),
        ("pace: steady (1), scoring 50 (0 at slow, 100 at crash) \u00d7 0.2", "pace"),
    ]
    assert axis.after == pytest.approx(100 / 3 * 0.2 + 90 * 0.6 + 50 * 0.2)
    assert explain_axis(scenario, start, record, "prosperity") is None


def test_an_axis_and_a_rule_are_read_on_the_row_of_their_own_campaign(tmp_path):
    scenario = world(tmp_path, AXIS + GROWTH)
    first = State.initial(scenario.layout, [1, 2])
    values = np.array(first.values)
    values[1, scenario.layout.col("economy.output")] = 150
    start = State(scenario.layout, values, first.seeds)
    single = BatchOrders.single(scenario, Orders())
    orders = BatchOrders(
        np.repeat(single.policy_values, 2, axis=0), np.repeat(single.decisions, 2, axis=0)
    )
    result = finish_turn(begin_turn(scenario, start, orders), {})
    record = build_record(scenario, result, 1)
    axis = explain_axis(scenario, start, record, "welfare", row=1)
    # Output 150 grew by a tenth before the quarter ended.
    assert axis.terms[0].text == "output: 165, scoring 55 (0 at 0, 100 at 300) \u00d7 0.2"
    rule = explain_rule(scenario, start, record, "growth", "economy.output", row=1)
    assert [t.text for t in rule.terms] == ["output 150 \u00d7 0.1"]


def test_the_changes_of_a_batchs_row_are_explained_on_that_row(tmp_path):
    scenario = world(tmp_path, AXIS + GROWTH)
    first = State.initial(scenario.layout, [1, 2])
    values = np.array(first.values)
    values[1, scenario.layout.col("economy.output")] = 150
    start = State(scenario.layout, values, first.seeds)
    single = BatchOrders.single(scenario, Orders())
    orders = BatchOrders(
        np.repeat(single.policy_values, 2, axis=0), np.repeat(single.decisions, 2, axis=0)
    )
    result = finish_turn(begin_turn(scenario, start, orders), {})
    record = build_record(scenario, result, 1)
    explained = explain_changes(scenario, start, record, "economy.output", row=1)
    assert [t.text for c in explained for t in c.breakdown.terms] == ["output 150 \u00d7 0.1"]
    (axis,) = explain_changes(scenario, start, record, "verdict.welfare", row=1)
    assert axis.breakdown.terms[0].text.startswith("output: 165, ")


def test_a_rule_is_read_back_on_the_first_campaign_unless_told_and_a_dropped_rule_not_at_all(
    tmp_path,
):
    """A save may name a rule the content has since dropped: it is not explained."""
    scenario = world(tmp_path, GROWTH)
    campaign = play(scenario, None)
    start, record = states_at_start(campaign)[-1], campaign.records[-1]
    rule = explain_rule(scenario, start, record, "growth", "economy.output")
    assert [t.text for t in rule.terms] == ["output 100 \u00d7 0.1"]
    assert explain_rule(scenario, start, record, "vanished", "economy.output") is None
