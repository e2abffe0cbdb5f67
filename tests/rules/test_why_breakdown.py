"""Why? explains: a rule's change is split into the inputs it read, with their weights and
their values on the state of the moment it ran, and the terms add up to the change the
ledger shows; every change is named by what caused it, never by the variable's name."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_scenario
from game.core.breakdown import Breakdown, explain_changes, lines, rule_name, summary
from game.core.campaign import Campaign
from game.core.cause import CauseKind
from game.core.orders import Orders
from game.debrief.analysis import cause_text
from game.debrief.reading import replayed, states_at_start
from game.ui.scenes.report import report_sections
from game.ui.session import Session
from tests.conftest import BASE_SCENARIO, write_scenario
from tests.helpers import play_quarters


def adds_up(breakdown: Breakdown) -> bool:
    """Each effect's terms add up to what it did: to the change for `add`, to the new
    value for `set`; and the effects together make the whole change."""
    for step in breakdown.steps:
        total = sum(t.value for t in step.terms)
        target = step.after if step.verb == "set" else step.after - step.before
        if not math.isclose(total, target, rel_tol=1e-7, abs_tol=1e-7):
            return False
    first, last = breakdown.steps[0], breakdown.steps[-1]
    return math.isclose(last.after - first.before, breakdown.change, abs_tol=1e-9)


def only_quarter(scenario, campaign: Campaign, var: str):
    return explain_changes(scenario, states_at_start(campaign)[-1], campaign.records[-1], var)


def rule_file(*rules: str) -> dict[str, str]:
    return {"rules/r.yaml": "rules:\n" + "".join(rules)}


# -- the shipped campaign ----------------------------------------------------------------


def test_every_rule_change_of_the_1928_campaign_is_explained_and_adds_up(campaign_scenario):
    campaign = play_quarters(campaign_scenario, 14, seed=7)
    starts = states_at_start(campaign)
    explained = 0
    for record, start in zip(campaign.records, starts, strict=True):
        for var in {c.var for c in record.changes if c.cause.kind is CauseKind.RULE}:
            for change in explain_changes(campaign_scenario, start, record, var):
                if change.cause.kind is not CauseKind.RULE:
                    assert change.breakdown is None
                    continue
                assert change.breakdown is not None, (record.date, var, change.cause)
                assert change.breakdown.change == pytest.approx(change.delta, abs=1e-6)
                assert adds_up(change.breakdown)
                explained += 1
    assert explained > 500


def test_readiness_lists_each_input_with_its_weight_and_value(campaign_scenario):
    campaign = play_quarters(campaign_scenario, 3, seed=2)
    (change,) = only_quarter(campaign_scenario, campaign, "army.readiness")
    assert rule_name(change.breakdown.rule) == "Readiness for a great war"
    start = states_at_start(campaign)[-1]
    texts = [t.text for t in change.breakdown.terms]
    # equipment × 0.3, officers × 0.35: the value read, then the weight.
    equipment = start.get("army.equipment") + sum(
        c.delta for c in campaign.records[-1].changes_to("army.equipment")
    )
    assert texts[0] == f"modern tanks {equipment:.1f} \u00d7 0.3"
    assert change.breakdown.terms[0].value == pytest.approx(equipment * 0.3)
    assert texts[1].startswith("training ") and texts[1].endswith("\u00d7 0.35")
    assert any(t.startswith("(men under arms") and ", at most 5,000) × 0.002" in t for t in texts)
    assert any(t == "Triple alliance: no (0) \u00d7 6" for t in texts)
    # The rule sums eight inputs, the famine's dead among them: one term each.
    assert any(t.startswith("deaths from famine") or "famine" in t for t in texts)
    assert len(texts) == 8
    shown = lines(change.breakdown)
    assert shown[0].startswith("set to ") and "(was " in shown[0]
    assert summary(change.breakdown).startswith("set to ")


def test_the_quarterly_report_names_causes_not_the_indicator(campaign_scenario, tmp_path):
    campaign = play_quarters(campaign_scenario, 4, seed=11)
    changed, _, foreign = report_sections(Session(campaign, tmp_path), campaign.records[-1])
    lines_ = changed.splitlines()
    assert any(line.startswith("Army readiness: ") for line in lines_)
    causes = [line.strip() for line in lines_ if line.startswith("    ")]
    assert any(c.startswith("Readiness for a great war ") and "training +" in c for c in causes)
    # Not "Army readiness +0.5 (Readiness +0.5)": the rules' ids repeat the indicators.
    named_by_id = ("Peasant unrest ", "Readiness +", "Readiness \u2212", "Army readiness")
    assert not any(c.startswith(named_by_id) for c in causes)
    # The powers' moves too: "Relations with Germany −0.6 points (The dual policy)".
    for line in foreign.splitlines():
        assert line.endswith(")") and "(rule:" not in line


# -- small scenarios -----------------------------------------------------------------------


def test_a_sum_of_weighted_inputs_is_listed_input_by_input(scenario_from):
    scenario = scenario_from(
        rule_file("""
  - id: unrest
    step: economy
    text: Money calms the towns; control holds them down.
    effects:
      - add:
          var: society.unrest
          value: {sum: [{product: [economy.valuta, 0.5]}, {product: [party.control, -0.1]}, 3]}
""")
    )
    campaign = play_quarters(scenario, 1)
    (change,) = only_quarter(scenario, campaign, "society.unrest")
    terms = [(t.text, t.value) for t in change.breakdown.terms]
    assert terms == [("valuta 20 \u00d7 0.5", 10.0), ("control 50 \u00d7 \u22120.1", -5.0),
                     ("a fixed 3", 3.0)]  # fmt: skip
    assert change.delta == 8.0
    assert lines(change.breakdown) == [
        "     +10  valuta 20 \u00d7 0.5",
        "      \u22125  control 50 \u00d7 \u22120.1",
        "      +3  a fixed 3",
    ]
    assert summary(change.breakdown) == "valuta +10, control \u22125"


def test_a_cap_says_what_it_took_off(scenario_from):
    scenario = scenario_from(
        rule_file("""
  - id: cap
    step: economy
    effects:
      - set:
          var: society.unrest
          value: {clamp: {value: {sum: [{product: [party.control, 0.5]}, 10]}, max: 30}}
  - id: overflow
    step: politics
    effects: [{add: {var: economy.valuta, value: 95}}]
""")
    )
    campaign = play_quarters(scenario, 1)
    (unrest,) = only_quarter(scenario, campaign, "society.unrest")
    assert [(t.text, t.value) for t in unrest.breakdown.terms] == [
        ("control 50 \u00d7 0.5", 25.0),
        ("a fixed 10", 10.0),
        ("capped at 30", -5.0),
    ]
    (valuta,) = only_quarter(scenario, campaign, "economy.valuta")
    assert valuta.delta == 80.0  # 20 + 95 held at the top of the range, 100
    assert [(t.text, t.value) for t in valuta.breakdown.terms] == [
        ("a fixed 95", 95.0),
        ("capped at 100, the end of its range", -15.0),
    ]


def test_a_branch_says_which_condition_chose_it(scenario_from):
    scenario = scenario_from(
        {
            "policies.yaml": """
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
""",
            **rule_file("""
  - id: pace_unrest
    step: economy
    effects:
      - add:
          var: society.unrest
          value:
            if:
              condition: {equals: {var: policy.pace, value: 2}}
              then: 6
              else: {product: [economy.valuta, 0.1]}
"""),
        }
    )
    calm = play_quarters(scenario, 1)
    (change,) = only_quarter(scenario, calm, "society.unrest")
    (term,) = change.breakdown.terms
    assert term.text == "valuta 20 \u00d7 0.1 (pace other than crash (now steady))"
    crash = play_quarters(scenario, 1, orders=Orders(policies={"pace": 2}))
    (change,) = [c for c in only_quarter(scenario, crash, "society.unrest") if c.breakdown]
    (term,) = change.breakdown.terms
    assert (term.text, term.name) == ("a fixed 6 (pace at crash)", "pace")


def test_random_draws_are_read_back_as_the_turn_drew_them(scenario_from):
    # An event's option with a chance of its own draws before the rules are compiled:
    # the breakdown must find each rule's own draw sites, not the first free ones.
    scenario = scenario_from(
        {
            "events/e.yaml": """
events:
  - id: luck
    title: Luck
    text: A gamble.
    trigger: {at_least: {var: party.control, value: 99}}
    options:
      - id: go
        text: Go.
        effects: [{chance: {probability: 0.5, then: [{add: {var: economy.output, value: 1}}]}}]
""",
            **rule_file("""
  - id: noise
    step: economy
    text: Rumours spread or die down.
    effects:
      - add: {var: society.unrest, value: {sum: [{random: {min: -3, max: 3}}, 1]}}
      - add: {var: party.control, value: {random: {min: 0, max: 5}}}
"""),
        }
    )
    for seed in range(5):
        campaign = play_quarters(scenario, 3, seed=seed)
        for var in ("society.unrest", "party.control"):
            (change,) = only_quarter(scenario, campaign, var)
            assert change.breakdown is not None
            assert change.breakdown.change == pytest.approx(change.delta)
            assert "a random draw of" in change.breakdown.terms[0].text


def test_an_untitled_rule_is_named_by_its_text_and_a_titled_one_by_its_title(scenario_from):
    scenario = scenario_from(
        rule_file(
            """
  - id: peasant_unrest
    step: economy
    text: Unrest rises with hunger; fear holds it down.
    effects: [{add: {var: society.unrest, value: 1}}]
""",
            """
  - id: control
    title: The apparatus
    step: politics
    text: The apparatus tightens its grip.
    effects: [{add: {var: party.control, value: 1}}]
""",
        )
    )
    campaign = play_quarters(scenario, 1)
    causes = {c.var: c.cause for c in campaign.records[0].changes}
    assert cause_text(scenario, causes["society.unrest"])[0] == "Unrest rises with hunger"
    assert cause_text(scenario, causes["party.control"])[0] == "The apparatus"


def test_the_start_of_each_quarter_is_rebuilt_as_the_replay_finds_it(campaign_scenario):
    campaign = play_quarters(campaign_scenario, 6, seed=4)
    rebuilt, replay = states_at_start(campaign), replayed(campaign, starts=True)
    for mine, theirs in zip(rebuilt, replay, strict=True):
        for var in campaign_scenario.layout.declared():
            assert mine.get(var.name) == pytest.approx(theirs.get(var.name), abs=1e-9)


# -- any expression ------------------------------------------------------------------------

_VARS = ["economy.output", "economy.valuta", "party.control", "policy.pace", "flag.treaty"]
_numbers = st.sampled_from([0, 1, 2.5, -0.4, 0.03, 10, -7])
_leaf = st.one_of(_numbers, st.sampled_from(_VARS))
_condition = st.sampled_from(
    [
        {"at_least": {"var": "economy.valuta", "value": 30}},
        {"flag": "flag.treaty"},
        {"equals": {"var": "policy.pace", "value": 1}},
        {"not": {"below": {"var": "party.control", "value": 40}}},
    ]
)


def _compound(inner):
    pair = st.lists(inner, min_size=2, max_size=2)
    many = st.lists(inner, min_size=1, max_size=4)
    weight = st.sampled_from([0.5, -0.3, 2, 0.07, -1])
    return st.one_of(
        # Weighted sums, the usual form of a rule, drawn as often as all the rest.
        st.builds(lambda xs, w: {"sum": [{"product": [x, w]} for x in xs]}, many, weight),
        st.builds(lambda x, w: {"product": [w, x, 3]}, inner, weight),
        st.builds(lambda xs, w: {"difference": [{"product": [x, w]} for x in xs]}, pair, weight),
        st.builds(lambda xs: {"sum": xs}, many),
        st.builds(lambda xs: {"product": xs}, many),
        st.builds(lambda xs: {"min": xs}, many),
        st.builds(lambda xs: {"max": xs}, many),
        st.builds(lambda xs: {"difference": xs}, pair),
        st.builds(lambda xs: {"ratio": xs}, pair),
        st.builds(
            lambda x, lo: {"clamp": {"value": x, "min": lo, "max": lo + 20}}, inner, _numbers
        ),
        st.builds(
            lambda c, a, b: {"if": {"condition": c, "then": a, "else": b}}, _condition, inner, inner
        ),
        st.builds(lambda x: {"sum": [x, {"random": {"min": -2, "max": 2}}]}, inner),
        st.builds(
            lambda x, c: {"modified": {"base": x, "modifiers": [{"when": c, "factor": 0.5}]}},
            inner,
            _condition,
        ),
    )


expressions = st.recursive(_leaf, _compound, max_leaves=8)
_UNREST = "society.unrest"
_simple_effects = st.one_of(
    st.builds(lambda verb, x: {verb: {"var": _UNREST, "value": x}}, st.sampled_from(["add", "set"]), expressions),
    st.builds(lambda x: {"multiply": {"var": _UNREST, "value": x}}, st.sampled_from([0.9, 1.2])),
    st.just({"clamp": {"var": _UNREST, "max": 40}}),
    # An effect on another variable in between: the state it leaves is what follows reads.
    st.builds(lambda x: {"add": {"var": "economy.valuta", "value": x}}, expressions),
)  # fmt: skip
effects = st.recursive(
    _simple_effects,
    lambda inner: st.one_of(
        st.builds(
            lambda c, a, b: {"if": {"condition": c, "then": a, "else": b}},
            _condition,
            st.lists(inner, min_size=1, max_size=2),
            st.lists(inner, max_size=2),
        ),
        st.builds(
            lambda a, b: {"chance": {"probability": 0.5, "then": a, "else": b}},
            st.lists(inner, min_size=1, max_size=2),
            st.lists(inner, max_size=2),
        ),
    ),
    max_leaves=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    probe=st.lists(effects, min_size=1, max_size=3),
    initial=st.tuples(st.integers(0, 200), st.integers(0, 100), st.integers(0, 100)),
    seed=st.integers(0, 1000),
)
def test_any_rule_breaks_down_into_terms_that_add_up(probe, initial, seed):
    output, valuta, control = initial
    base = (
        BASE_SCENARIO.replace(
            "min: 0, max: 200, initial: 100", f"min: 0, max: 200, initial: {output}"
        )
        .replace("min: 0, max: 100, initial: 20", f"min: 0, max: 100, initial: {valuta}")
        .replace("min: 0, max: 100, initial: 50", f"min: 0, max: 100, initial: {control}")
    )
    rule = {
        "rules": [
            {"id": "before", "step": "economy", "effects": [{"add": {"var": "party.control", "value": {"random": {"min": -5, "max": 5}}}}]},
            {"id": "probe", "step": "politics", "effects": probe},
        ]
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        scenario = load_scenario(
            write_scenario(Path(folder), {"rules/r.yaml": json.dumps(rule)}, base)
        )
    campaign = play_quarters(scenario, 2, seed=seed)
    for change in only_quarter(scenario, campaign, "society.unrest"):
        assert change.breakdown is not None
        assert change.breakdown.change == pytest.approx(change.delta, abs=1e-6)
        assert adds_up(change.breakdown)
        assert all(line.strip() for line in lines(change.breakdown))


# -- where the player reads it ---------------------------------------------------------------


def test_terminal_why_shows_the_last_quarter_input_by_input(campaign_scenario, tmp_path):
    from game.commands.play import TerminalGame

    campaign = play_quarters(campaign_scenario, 2, seed=5)
    shown: list[str] = []
    game = TerminalGame(campaign, ask=lambda prompt: "", say=shown.append)
    game.command("why army readiness")
    text = "\n".join(shown)
    assert "from Readiness for a great war" in text
    assert "set to " in text and "training " in text and "\u00d7 0.35" in text
    # The quarter before, in a line: the rule, its change and its biggest inputs.
    assert "Readiness for a great war +" in text and ": set to " in text


def test_the_debrief_says_how_a_rule_read_its_inputs(campaign_scenario):
    from game.debrief.analysis import chain

    campaign = play_quarters(campaign_scenario, 6, seed=3)
    link = chain(campaign, "army.readiness", depth=1)
    (rule,) = [c for c in link.children if c.label == "Readiness for a great war"]
    assert rule.detail.startswith(f"{campaign.records[-1].date}: set to ")
    assert "training +" in rule.detail


def test_a_rule_that_applies_only_sometimes_says_when(scenario_from):
    scenario = scenario_from(
        rule_file("""
  - id: crackdown
    step: economy
    text: The police hold the towns down when unrest runs high.
    when: {at_least: {var: society.unrest, value: 5}}
    effects:
      - if:
          condition: {below: {var: party.control, value: 60}}
          then: [{add: {var: society.unrest, value: -2}}]
""")
    )
    campaign = play_quarters(scenario, 1)
    (change,) = only_quarter(scenario, campaign, "society.unrest")
    assert change.breakdown.because == ("unrest at least 5 (now 10); control below 60 (now 50)")
    assert summary(change.breakdown) == (
        "\u22122, while unrest at least 5 (now 10); control below 60 (now 50)"
    )


def test_a_count_kept_in_thousands_is_summed_in_its_own_units_and_told_in_people(
    scenario_from,
):
    base = BASE_SCENARIO.replace(
        "variables:\n",
        "variables:\n  society.deaths: {group: society, min: 0, max: 100000, initial: 0,"
        " unit: people, scale: 1000, phrase: deaths from hunger}\n",
    )
    scenario = scenario_from(
        rule_file("""
  - id: hunger
    step: economy
    text: Where unrest turns to hunger, people die.
    effects: [{add: {var: society.deaths, value: {product: [society.unrest, 12]}}}]
"""),
        base,
    )
    campaign = play_quarters(scenario, 1)
    (change,) = only_quarter(scenario, campaign, "society.deaths")
    assert lines(change.breakdown) == [
        "(the rule counts deaths in units of 1,000)",
        "    +120  unrest 10 \u00d7 12",
    ]
    assert summary(change.breakdown) == "unrest +120,000"


def test_the_window_why_page_and_report_show_the_breakdown(tmp_path):
    import pygame

    from game.ui.app import App
    from tests.test_ui import answer_events_and_report, start_campaign
    from tests.uidriver import Driver

    d = Driver(App(tmp_path / "saves", size=(1280, 720)))
    try:
        start_campaign(d)
        d.press(pygame.K_RETURN)  # End turn
        for _ in range(20):  # the events, answered with their first option
            if d.scene.name != "event":
                break
            option = next(w for w in d.scene.widgets if getattr(w, "on_click", None) and w.words)
            d.click_at(option.rect.center)
        assert d.scene.name == "report"
        assert d.shows("Readiness for a great war +") and d.shows(": set to ")
        answer_events_and_report(d)
        d.click_painter("Army readiness")
        assert d.scene.name == "why"
        assert d.shows("Readiness for a great war") and d.shows(", the sum of:")
        assert d.shows("training ") and d.shows("\u00d7 0.35")
        assert not d.overflowing()
        # Any variable can be asked why, an axis of the verdict too.
        from game.ui.scene import Push
        from game.ui.scenes.why import WhyScene

        d.app.apply(Push(WhyScene(d.app, "verdict.security")))
        d.app.draw()
        assert d.shows("The verdict, weighed again: Security") and d.shows(", scoring ")
    finally:
        pygame.display.quit()


def test_an_axis_of_the_verdict_is_explained_by_its_measures(campaign_scenario):
    campaign = play_quarters(campaign_scenario, 8, seed=1)
    start, record = states_at_start(campaign)[-1], campaign.records[-1]
    for axis in campaign_scenario.verdict:
        changes = explain_changes(campaign_scenario, start, record, axis.variable)
        for change in changes:
            assert change.cause.kind is CauseKind.VERDICT and change.breakdown is not None
            assert adds_up(change.breakdown)
            assert change.breakdown.after == pytest.approx(campaign.value(axis.variable))
            assert len(change.breakdown.terms) == len(axis.measures)
    (human,) = explain_changes(campaign_scenario, start, record, "verdict.human_cost")
    # Told in people: "terror deaths: 22,000 people, scoring 98.5 (0 at 1.5 million, …".
    assert any(
        t.text.startswith("terror deaths: ")
        and " people, scoring " in t.text
        and "(0 at 1.5 million, 100 at 0)" in t.text
        for t in human.breakdown.terms
    )
