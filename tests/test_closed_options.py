"""Closed options say why: an option, decision or policy its condition closes is shown
greyed with the modder's hint or a reason generated from the condition, in the window
and in terminal play; an event whose options can all close at once is a checker error."""

from __future__ import annotations

import json

import pygame
import pytest

from game.commands.play import TerminalGame
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.explain import variable_label, why_closed
from game.core.layout import Variable, decision_columns, event_columns
from game.core.orders import Orders
from game.core.pipeline import ChoiceRefused
from game.core.state import State
from game.ui.app import App
from game.ui.scene import Push
from game.ui.scenes.event_dialog import EventDialogScene
from game.ui.session import Session
from game.ui.widgets import Painter
from tests.conftest import BASE_SCENARIO, write_scenario
from tests.test_checker import validate  # noqa: F401  (the fixture)
from tests.test_play import scripted
from tests.uidriver import Driver

LABELLED = BASE_SCENARIO.replace(
    "party.control: {group: party,", "party.control: {group: party, label: Party control,"
).replace(
    "flag.treaty: {group: diplomacy,", "flag.treaty: {group: diplomacy, label: Berlin treaty,"
)

# One decision per kind of condition; the campaign starts in 1930-Q1 with party control
# at 50, valuta 20, output 100, no treaty and the pace steady.
DECISIONS = {
    "at_least": {"at_least": {"var": "party.control", "value": 60}},
    "below": {"below": {"var": "economy.valuta", "value": 10}},
    "computed": {"at_least": {"var": "economy.valuta", "value": {"sum": ["economy.output", -50]}}},
    "level": {"equals": {"var": "policy.pace", "value": 2}},
    "flag": {"flag": "flag.treaty"},
    "not_flag": {"not": {"flag": "flag.treaty"}},
    "all": {
        "all": [
            {"at_least": {"var": "party.control", "value": 60}},
            {"at_most": {"var": "society.unrest", "value": 50}},
            {"after": "1931-Q1"},
        ]
    },
    "any": {"any": [{"at_least": {"var": "party.control", "value": 60}}, {"flag": "flag.treaty"}]},
    "count": {
        "count": {
            "at_least": 2,
            "of": [{"flag": "flag.treaty"}, {"above": {"var": "party.control", "value": 70}}],
        }
    },
    "after": {"after": "1931-Q2"},
    "until": {"not": {"after": "1929-Q3"}},
    "between": {"between": {"from": "1931-Q1", "to": "1931-Q4"}},
    "fired": {"fired": "treaty"},
    "not_fired": {"not": {"fired": "crisis"}},
    "fired_within": {"fired_within": {"event": "treaty", "quarters": 4}},
    "chose": {"chose": {"event": "treaty", "option": "sign"}},
    "decided": {"decided": "loan"},
    "chance": {"chance": 0},
    "holds": {"at_least": {"var": "party.control", "value": 10}},
}

EXPECTED = {
    "at_least": "needs party control at least 60; it stands at 50",
    "below": "needs valuta below 10; it stands at 20",
    "computed": "needs valuta at least 50; it stands at 20",
    "level": "needs pace at crash; it stands at steady",
    "flag": "needs “Berlin treaty”",
    "all": "needs party control at least 60 (now 50); only from 1931-Q1",
    "any": "needs one of: party control at least 60 (now 50), “Berlin treaty”",
    "count": "needs at least 2 of “Berlin treaty” and party control above 70 (now 50) (0 now hold)",
    "after": "only from 1931-Q2",
    "until": "only until 1929-Q2",
    "between": "only from 1931-Q1 to 1931-Q4",
    "fired": "only after A treaty",
    "fired_within": "only if A treaty came within the last 4 quarters",
    "chose": "only if “Sign.” was the answer to A treaty",
    "decided": "only once Loan is done",
    "chance": "depends on chance",
    "holds": "",
}


def decisions_yaml() -> str:
    lines = ["decisions:"]
    for name, when in DECISIONS.items():
        lines.append(f"  - {{id: {name}, title: {name}, text: x, when: {json.dumps(when)}}}")
    lines.append("  - {id: loan, title: Loan, text: Ask for credits.}")
    lines.append(POLICY)
    return "\n".join(lines) + "\n"


POLICY = """\
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
    when: {after: 1931-Q1}
    hint: The plan is fixed until 1931."""


EVENTS = """\
events:
  - id: treaty
    title: A treaty
    text: Berlin offers credits.
    trigger: {at_least: {var: party.control, value: 90}}
    options:
      - {id: sign, text: Sign.}
      - {id: refuse, text: Refuse.}
  - id: crisis
    title: A crisis
    text: The harvest fails.
    date: 1930-Q1
    options:
      - id: paris
        text: Ask Paris for an alliance
        when: {at_least: {var: party.control, value: 80}}
      - id: berlin
        text: Ask Berlin for credits
        when: {flag: flag.treaty}
        hint: Berlin lends only to a treaty partner.
      - {id: alone, text: Go it alone}
"""


@pytest.fixture
def scenario(tmp_path):
    folder = write_scenario(
        tmp_path / "closed", {"decisions.yaml": decisions_yaml(), "events.yaml": EVENTS}, LABELLED
    )
    return load_scenario(folder)


def reason(scenario, decision_id: str, state: State | None = None) -> str:
    decision = scenario.decision(decision_id)
    state = state or State.initial(scenario.layout, [1])
    return why_closed(scenario, decision.available_op, decision.hint, state)


def with_values(scenario, **values: float) -> State:
    state = State.initial(scenario.layout, [1])
    array = state.values.copy()
    for name, value in values.items():
        array[0, scenario.layout.col(name.replace("__", "."))] = value
    return State(scenario.layout, array, state.seeds)


@pytest.mark.parametrize("decision_id", sorted(EXPECTED))
def test_each_kind_of_condition_says_what_it_needs(scenario, decision_id):
    assert reason(scenario, decision_id) == EXPECTED[decision_id]


def test_only_the_failing_parts_of_all_are_named(scenario):
    # Unrest at 10 meets "at most 50": the reason does not mention it.
    assert "unrest" not in reason(scenario, "all")
    later = with_values(scenario, turn=4, party__control=65)
    assert reason(scenario, "all", later) == ""


def test_a_condition_that_must_not_hold_says_what_must_change(scenario):
    signed = with_values(scenario, flag__treaty=1)
    assert reason(scenario, "not_flag", signed) == "only without “Berlin treaty”"
    struck = with_values(scenario, **{"_event__crisis__fired": 1})
    assert reason(scenario, "not_fired", struck) == "not after A crisis"


def test_a_computed_threshold_is_shown_as_its_value_now(scenario):
    richer = with_values(scenario, economy__output=130)
    assert reason(scenario, "computed", richer) == "needs valuta at least 80; it stands at 20"


def test_explaining_never_changes_the_state_or_its_dice(scenario):
    state = State.initial(scenario.layout, [7])
    before = state.digest()
    for decision in scenario.decisions:
        why_closed(scenario, decision.available_op, decision.hint, state)
    assert state.digest() == before


def test_a_hint_wins_over_the_generated_reason(scenario):
    crisis = scenario.event("crisis")
    state = State.initial(scenario.layout, [1])
    berlin, paris = crisis.option("berlin"), crisis.option("paris")
    assert why_closed(scenario, berlin.available_op, berlin.hint, state) == (
        "Berlin lends only to a treaty partner."
    )
    assert why_closed(scenario, paris.available_op, paris.hint, state) == (
        "needs party control at least 80; it stands at 50"
    )


def test_the_decision_list_gives_the_generated_reason(scenario, tmp_path):
    session = Session(Campaign(scenario, 1), tmp_path)
    assert session.toggle_decision("at_least") == "needs party control at least 60; it stands at 50"
    assert session.decisions == []


def test_a_locked_policy_gives_its_hint(scenario, tmp_path, monkeypatch):
    monkeypatch.setattr("game.saves.saves_dir", lambda: tmp_path)
    campaign = Campaign(scenario, 1)
    status = campaign.legal_orders().policies[0]
    assert status.reason == "The plan is fixed until 1931."
    shown: list[str] = []
    TerminalGame(campaign, ask=scripted(["p 1 3"]), say=shown.append).run()
    assert "Pace: The plan is fixed until 1931." in shown


# -- the checker ---------------------------------------------------------------------------

CLOSABLE = """\
events:
  - id: crisis
    title: A crisis
    text: The harvest fails.
    date: 1930-Q1
    options:
      - {id: paris, text: Paris., when: {at_least: {var: party.control, value: 60}}, effects: [{add: {var: party.control, value: 1}}]}
      - {id: berlin, text: Berlin., when: {flag: flag.treaty}, effects: [set_flag: flag.treaty]}
"""


def test_options_that_can_all_close_are_an_error(tmp_path, validate):  # noqa: F811
    from tests.conftest import LIVE_CONTENT

    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, "events/crisis.yaml": CLOSABLE})
    status, lines = validate("mod")
    assert status == 1
    (line,) = [text for text in lines if "closed-options" in text]
    # At the event's options: line, naming the options and a state where both close.
    assert line.startswith("mod/events/crisis.yaml:6:5: error[closed-options]: ")
    assert "every option of event 'crisis' ('paris', 'berlin') can be closed at once" in line
    assert "'paris' needs control at least 60; it stands at" in line
    assert "'berlin' needs “Treaty”" in line


@pytest.mark.parametrize(
    "options",
    [
        # Complementary conditions: one of them always holds.
        """\
      - {id: paris, text: Paris., when: {at_least: {var: party.control, value: 50}}, effects: [{add: {var: party.control, value: 1}}]}
      - {id: berlin, text: Berlin., when: {below: {var: party.control, value: 50}}, effects: [set_flag: flag.treaty]}
""",
        # An option without a condition is always a way on.
        """\
      - {id: paris, text: Paris., when: {at_least: {var: party.control, value: 60}}, effects: [{add: {var: party.control, value: 1}}]}
      - {id: berlin, text: Berlin., effects: [set_flag: flag.treaty]}
""",
        # A flag and its negation.
        """\
      - {id: paris, text: Paris., when: {flag: flag.treaty}, effects: [{add: {var: party.control, value: 1}}]}
      - {id: berlin, text: Berlin., when: {not: {flag: flag.treaty}}, effects: [set_flag: flag.treaty]}
""",
    ],
)
def test_options_that_cannot_all_close_pass(tmp_path, validate, options):  # noqa: F811
    from tests.conftest import LIVE_CONTENT

    event = CLOSABLE.split("    options:\n")[0] + "    options:\n" + options
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, "events/crisis.yaml": event})
    status, lines = validate("mod")
    assert [text for text in lines if "closed-options" in text] == []
    assert status == 0


def test_options_closed_only_after_the_events_own_effects_are_found(tmp_path, validate):  # noqa: F811
    from tests.conftest import LIVE_CONTENT

    # The option is open on the state before the event, but the event's own effect
    # closes it before the player chooses.
    event = """\
events:
  - id: crisis
    title: A crisis
    text: The harvest fails.
    date: 1930-Q1
    effects: [{set: {var: party.control, value: 0}}]
    options:
      - {id: paris, text: Paris., when: {at_least: {var: party.control, value: 10}}, effects: [{add: {var: party.control, value: 1}}]}
      - {id: berlin, text: Berlin., when: {flag: flag.treaty}, effects: [set_flag: flag.treaty]}
"""
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, "events/crisis.yaml": event})
    status, lines = validate("mod")
    assert status == 1 and any("closed-options" in text for text in lines)


def test_the_shipped_scenarios_have_no_event_that_can_close_every_option():
    for name in ("ussr1928", "collective_security", "trotsky1927"):
        scenario = load_scenario(name)
        for event in scenario.events:
            if event.options:
                assert any(option.available_op is None for option in event.options), event.id


# -- the window and the terminal ------------------------------------------------------------


@pytest.fixture
def dialog(scenario, tmp_path):
    app = App(tmp_path / "saves", size=(1280, 720))
    app.session = Session(Campaign(scenario, 1), tmp_path / "saves")
    events = app.session.end_turn()
    app.apply(Push(EventDialogScene(app, events, 0, {})))
    yield Driver(app)
    pygame.display.quit()


CRISIS_OPTIONS = {"Ask Paris for an alliance", "Ask Berlin for credits", "Go it alone"}


def option_widgets(d: Driver) -> dict[str, Painter]:
    return {
        w.words[0]: w
        for w in d.scene.widgets
        if isinstance(w, Painter) and w.words and w.words[0] in CRISIS_OPTIONS
    }


def test_the_dialog_shows_a_closed_option_greyed_with_its_reason(dialog):
    d = dialog
    assert d.scene.name == "event" and d.scene.event.id == "crisis"
    options = option_widgets(d)
    assert set(options) == CRISIS_OPTIONS
    paris = options["Ask Paris for an alliance"]
    assert paris.on_click is None
    assert "Closed: needs party control at least 80; it stands at 50" in paris.words
    assert (
        "Closed: Berlin lends only to a treaty partner." in options["Ask Berlin for credits"].words
    )
    assert options["Go it alone"].on_click is not None
    # Greyed: the closed option's box is drawn in the theme's disabled colour.
    d.app.draw()
    screen = pygame.display.get_surface()
    theme = d.app.theme
    border = screen.get_at((paris.rect.x + theme.px(20), paris.rect.y))[:3]
    assert border == theme.palette.disabled[:3]
    assert d.overflowing() == []


def test_clicking_or_pressing_the_number_of_a_closed_option_does_nothing(dialog):
    d = dialog
    options = option_widgets(d)
    d.click_at(options["Ask Paris for an alliance"].rect.center)
    assert d.scene.name == "event" and d.app.session.campaign.pending is not None
    numbers = [w.words[0] for w in d.scene.widgets if isinstance(w, Painter) and w.words]
    shown = [text for text in numbers if text in options]
    paris = shown.index("Ask Paris for an alliance")
    d.press(pygame.K_1 + paris, unicode=str(paris + 1))
    assert d.scene.name == "event"
    alone = shown.index("Go it alone")
    d.press(pygame.K_1 + alone, unicode=str(alone + 1))
    assert d.scene.name != "event"
    assert d.app.session.campaign.records[-1].choices == {"crisis": "alone"}


def test_terminal_play_lists_a_closed_option_and_refuses_it(scenario, tmp_path, monkeypatch):
    monkeypatch.setattr("game.saves.saves_dir", lambda: tmp_path)
    campaign = Campaign(scenario, 1)
    # The open option comes first; the closed ones follow, as written.
    paris, alone = "2", "1"
    shown: list[str] = []
    TerminalGame(campaign, ask=scripted(["", paris, alone]), say=shown.append).run()
    text = "\n".join(shown)
    assert (
        f"  ({paris}) Ask Paris for an alliance — closed: needs party control at least 80; "
        "it stands at 50"
    ) in text
    assert "Ask Berlin for credits — closed: Berlin lends only to a treaty partner." in text
    assert f"  {alone}. Go it alone" in text
    assert "Closed: needs party control at least 80; it stands at 50." in text
    assert campaign.records[0].choices == {"crisis": "alone"}
    # Closed decisions are listed too, with what they need.
    assert "at_least  -- needs party control at least 60; it stands at 50" in text


def test_the_engine_refuses_a_closed_option(scenario):
    campaign = Campaign(scenario, 3)
    events = dict((event.id, open_ids) for event, open_ids in campaign.submit(Orders()))
    assert events == {"crisis": ["alone"]}
    with pytest.raises(ChoiceRefused):
        campaign.answer({"crisis": "paris"})


# -- the words of each kind of reason ----------------------------------------------------------

# Two counted variables beside the base ones: gold in tens of millions of gold roubles
# and exiles in thousands of people.
WORDED = LABELLED.replace(
    "  flag.treaty:",
    "  economy.gold: {group: economy, min: 0, max: 100, initial: 30, unit: gold roubles,"
    " scale: 10000000, label: Gold reserve}\n"
    "  society.exiles: {group: society, min: 0, max: 100, initial: 5, unit: people,"
    " scale: 1000, label: Exiles}\n"
    "  flag.treaty:",
)

CONTROL_60 = {"at_least": {"var": "party.control", "value": 60}}
GOLD_50 = {"at_least": {"var": "economy.gold", "value": 50}}
TREATY = {"flag": "flag.treaty"}
CONTROL_40 = {"at_least": {"var": "party.control", "value": 40}}
EXILES_8 = {"above": {"var": "society.exiles", "value": 8}}

WORDED_DECISIONS = {
    "at_most": {"at_most": {"var": "society.unrest", "value": 5}},
    "above": {"above": {"var": "party.control", "value": 70}},
    "equals": {"equals": {"var": "party.control", "value": 60}},
    "differs": {"not": {"equals": {"var": "party.control", "value": 50}}},
    "not_at_least": {"not": {"at_least": {"var": "party.control", "value": 40}}},
    "not_at_most": {"not": {"at_most": {"var": "party.control", "value": 50}}},
    "gold": GOLD_50,
    "exiles": {"at_most": {"var": "society.exiles", "value": 2}},
    "flag_equals_1": {"equals": {"var": "flag.treaty", "value": 1}},
    "flag_equals_0": {"equals": {"var": "flag.treaty", "value": 0}},
    "flag_below_1": {"below": {"var": "flag.treaty", "value": 1}},
    "three_failing": {
        "all": [CONTROL_60, GOLD_50, {"above": {"var": "society.exiles", "value": 8}}]
    },
    "not_needs_only": {"all": [{"after": "1931-Q1"}, {"fired": "treaty"}]},
    "any_of_three": {"any": [CONTROL_60, GOLD_50, TREATY]},
    "any_of_all": {"any": [{"all": [CONTROL_60, GOLD_50]}, TREATY]},
    "any_of_any": {"any": [{"any": [CONTROL_60, GOLD_50]}, TREATY]},
    "any_of_not": {"any": [{"not": {"at_most": {"var": "party.control", "value": 50}}}, TREATY]},
    "any_of_not_flag": {"any": [CONTROL_60, {"not": {"flag": "flag.treaty"}}]},
    "any_of_count": {"any": [{"count": {"at_least": 2, "of": [CONTROL_60, GOLD_50]}}, TREATY]},
    "count_at_most": {
        "count": {
            "at_most": 1,
            "of": [
                {"at_least": {"var": "party.control", "value": 40}},
                {"at_least": {"var": "economy.gold", "value": 20}},
                TREATY,
            ],
        }
    },
    "count_range": {"count": {"at_least": 2, "at_most": 3, "of": [CONTROL_60, GOLD_50, TREATY]}},
    "not_count": {"not": {"count": {"at_least": 1, "of": [CONTROL_40, TREATY]}}},
    "flag_at_least_1": {"at_least": {"var": "flag.treaty", "value": 1}},
    "any_of_any_of_three": {"any": [{"any": [CONTROL_60, GOLD_50, EXILES_8]}, TREATY]},
    "any_of_any_of_one": {"any": [{"any": [CONTROL_60]}, TREATY]},
    "not_all_of_not_flag": {"not": {"all": [CONTROL_40, {"not": {"flag": "flag.treaty"}}]}},
    "not_chose": {"not": {"chose": {"event": "treaty", "option": "sign"}}},
    "not_fired_within": {"not": {"fired_within": {"event": "treaty", "quarters": 1}}},
    "once_only": {"not": {"decided": "once_only"}},
    "before": {"before": "1929-Q3"},
    "not_before": {"not": {"before": "1931-Q1"}},
    "not_between": {"not": {"between": {"from": "1929-Q1", "to": "1930-Q4"}}},
}


@pytest.fixture
def worded(tmp_path):
    lines = ["decisions:"]
    for name, when in WORDED_DECISIONS.items():
        lines.append(f"  - {{id: {name}, title: {name}, text: x, when: {json.dumps(when)}}}")
    files = {"decisions.yaml": "\n".join(lines) + "\n", "events.yaml": EVENTS}
    return load_scenario(write_scenario(tmp_path / "worded", files, WORDED))


def test_at_most_names_the_ceiling(worded):
    assert reason(worded, "at_most") == "needs unrest at most 5; it stands at 10"


def test_above_names_the_floor_it_must_pass(worded):
    assert reason(worded, "above") == "needs party control above 70; it stands at 50"


def test_equals_on_a_number_names_the_value_it_must_have(worded):
    assert reason(worded, "equals") == "needs party control at 60; it stands at 50"


def test_a_value_that_must_not_be_equalled_reads_other_than(worded):
    assert reason(worded, "differs") == "needs party control other than 50; it stands at 50"


def test_a_comparison_that_must_not_hold_reads_as_its_opposite(worded):
    assert reason(worded, "not_at_least") == "needs party control below 40; it stands at 50"
    assert reason(worded, "not_at_most") == "needs party control above 50; it stands at 50"


def test_money_is_compared_in_gold_roubles(worded):
    assert reason(worded, "gold") == (
        "needs gold reserve at least 500 million gold roubles; it stands at 300 million gold roubles"
    )


def test_people_are_compared_in_people(worded):
    assert (
        reason(worded, "exiles") == "needs exiles at most 2,000 people; it stands at 5,000 people"
    )


def test_a_flag_compared_with_one_reads_as_the_flag_needed(worded):
    assert reason(worded, "flag_equals_1") == "needs “Berlin treaty”"


def test_a_flag_compared_with_zero_reads_as_the_flag_refused(worded):
    signed = with_values(worded, flag__treaty=1)
    assert reason(worded, "flag_equals_0", signed) == "only without “Berlin treaty”"
    assert reason(worded, "flag_below_1", signed) == "only without “Berlin treaty”"


def test_several_failing_parts_share_one_needs_and_keep_their_values(worded):
    assert reason(worded, "three_failing") == (
        "needs party control at least 60 (now 50), gold reserve at least 500 million gold"
        " roubles (now 300 million gold roubles) and exiles above 8,000 people (now 5,000 people)"
    )


def test_parts_that_are_not_needs_are_joined_each_with_its_own_lead(worded):
    assert reason(worded, "not_needs_only") == "only from 1931-Q1; only after A treaty"


def test_any_of_several_offers_every_part(worded):
    assert reason(worded, "any_of_three") == (
        "needs one of: party control at least 60 (now 50), gold reserve at least 500 million"
        " gold roubles (now 300 million gold roubles), “Berlin treaty”"
    )


def test_an_all_inside_any_joins_its_parts_with_and(worded):
    assert reason(worded, "any_of_all") == (
        "needs one of: party control at least 60 (now 50) and gold reserve at least 500"
        " million gold roubles (now 300 million gold roubles), “Berlin treaty”"
    )


def test_an_any_inside_any_joins_its_parts_with_or(worded):
    assert reason(worded, "any_of_any") == (
        "needs one of: party control at least 60 (now 50) or gold reserve at least 500"
        " million gold roubles (now 300 million gold roubles), “Berlin treaty”"
    )


def test_a_not_inside_any_reads_as_its_opposite(worded):
    assert reason(worded, "any_of_not") == (
        "needs one of: party control above 50 (now 50), “Berlin treaty”"
    )


def test_a_refused_flag_inside_a_list_reads_without(worded):
    signed = with_values(worded, flag__treaty=1)
    assert reason(worded, "any_of_not_flag", signed) == (
        "needs one of: party control at least 60 (now 50), without “Berlin treaty”"
    )


def test_a_count_inside_any_reads_as_its_bound(worded):
    assert reason(worded, "any_of_count") == (
        "needs one of: at least 2 of party control at least 60 (now 50) and gold reserve at"
        " least 500 million gold roubles (now 300 million gold roubles) (0 now hold),"
        " “Berlin treaty”"
    )


def test_a_count_with_a_ceiling_says_at_most(worded):
    assert reason(worded, "count_at_most") == (
        "needs at most 1 of party control at least 40 (now 50), gold reserve at least 200"
        " million gold roubles (now 300 million gold roubles) and “Berlin treaty” (2 now hold)"
    )


def test_a_count_with_both_bounds_says_from_and_to(worded):
    assert reason(worded, "count_range") == (
        "needs from 2 to 3 of party control at least 60 (now 50), gold reserve at least 500"
        " million gold roubles (now 300 million gold roubles) and “Berlin treaty” (0 now hold)"
    )


def test_a_count_that_must_not_hold_names_what_holds_now(worded):
    # One part holding is one too many: the reason says so in the singular.
    assert reason(worded, "not_count") == (
        "not with at least 1 of party control at least 40 (now 50) and “Berlin treaty”"
        " (1 now holds)"
    )


def test_a_flag_that_must_reach_one_reads_as_the_flag_needed(worded):
    assert reason(worded, "flag_at_least_1") == "needs “Berlin treaty”"


def test_three_alternatives_inside_any_are_listed_with_commas_and_or(worded):
    assert reason(worded, "any_of_any_of_three") == (
        "needs one of: party control at least 60 (now 50), gold reserve at least 500 million"
        " gold roubles (now 300 million gold roubles) or exiles above 8,000 people"
        " (now 5,000 people), “Berlin treaty”"
    )
    assert reason(worded, "any_of_any_of_one") == (
        "needs one of: party control at least 60 (now 50), “Berlin treaty”"
    )


def test_a_refused_flag_that_must_not_stay_refused_reads_as_the_flag_needed(worded):
    # Closed because control holds and the treaty is missing: either undoes it.
    assert reason(worded, "not_all_of_not_flag") == (
        "needs one of: party control below 40 (now 50), “Berlin treaty”"
    )


def test_what_was_done_that_must_not_have_been_reads_not(worded):
    # This quarter the treaty came, was signed, and the once-only decision was taken.
    state = State.initial(worded.layout, [1])
    values = state.values.copy()
    for column, value in [
        (event_columns("treaty")["fired"], 1),
        (event_columns("treaty")["last"], 0),
        (event_columns("treaty")["choice"], 0),
        (decision_columns("once_only")["taken"], 1),
    ]:
        values[0, worded.layout.col(column)] = value
    after = State(worded.layout, values, state.seeds)
    assert reason(worded, "not_chose", after) == "not if “Sign.” was the answer to A treaty"
    assert reason(worded, "not_fired_within", after) == "not if A treaty came within this quarter"
    assert reason(worded, "once_only", after) == "not once once_only is done"


def test_before_a_date_reads_until_the_quarter_before(worded):
    assert reason(worded, "before") == "only until 1929-Q2"


def test_not_before_a_date_reads_from_that_date(worded):
    assert reason(worded, "not_before") == "only from 1931-Q1"


def test_a_span_that_must_not_hold_reads_not_from_to(worded):
    assert reason(worded, "not_between") == "not from 1929-Q1 to 1930-Q4"


# -- a variable's name inside a sentence ------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "inside"),
    [
        ("Heavy industry", "heavy industry"),
        ("Talks with the West", "talks with the West"),
        ("Unrest", "unrest"),
        ("Franco-Soviet pact", "Franco-Soviet pact"),
        ("French Communists", "French Communists"),
        ("NKVD", "NKVD"),
        ("NKVD troops", "NKVD troops"),
        ("US recognition", "US recognition"),
    ],
)
def test_a_plain_label_is_lower_cased_inside_a_sentence_and_a_name_is_kept(label, inside):
    assert variable_label(Variable("x.y", "x", 0, 1, 0, label=label)) == inside


def test_a_choice_without_a_condition_is_never_closed(scenario):
    loan = scenario.decision("loan")
    assert loan.available_op is None
    assert why_closed(scenario, None, "", State.initial(scenario.layout, [1])) == ""
