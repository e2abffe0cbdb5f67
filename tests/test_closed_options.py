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
from game.core.explain import why_closed
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
