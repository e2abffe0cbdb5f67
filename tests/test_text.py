"""Text that reads the world: values quoted from the state with their units, variants that
follow the campaign, braces escaped, and every mistake in a text reported at its
file:line:col (dead variants as warnings)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.commands.play import TerminalGame
from game.content.loader import check_scenario
from game.core.campaign import Campaign
from game.core.layout import event_columns
from game.core.orders import Orders
from game.core.state import State
from game.core.text import Template, TemplateError, Text, scan
from game.debrief.analysis import build_debrief
from game.debrief.reading import events_state, replayed, states_at_events
from game.debrief.whatif import branch_points
from game.sim.batch import play_campaign
from game.sim.policies import RandomPolicy
from tests.conftest import LIVE_CONTENT, write_scenario
from tests.helpers import play_quarters
from tests.test_content_errors import errors_for

UNITS = """\
variables:
  army.purged: {group: army, min: 0, max: 200, initial: 35, unit: people, scale: 1000, phrase: officers discharged}
  nkid.commissar: {group: diplomacy, min: 0, max: 2, initial: 1, kind: level, labels: [Chicherin, Litvinov, Molotov]}
"""

# An offer, then a quarter later an aftermath whose wording remembers the answer.
CHAIN = """\
events:
  - id: offer
    title: Berlin's offer
    text: Credits for grain.
    date: 1930-Q1
    options:
      - {id: sign, text: Sign., effects: [set_flag: flag.treaty]}
      - {id: refuse, text: Refuse., effects: [{add: {var: party.control, value: -5}}]}
  - id: aftermath
    title:
      - when: {chose: {event: offer, option: sign}}
        text: A treaty kept
      - text: A refusal remembered
    text:
      - when: {flag: flag.treaty}
        text: "The credits arrive; the reserve stands at {economy.valuta}. {{Signed.}}"
      - text: Berlin remembers the refusal.
    date: 1930-Q2
    options:
      - id: go_on
        text:
          - {when: {flag: flag.treaty}, text: Spend the credits.}
          - {text: Do without.}
      - id: wait
        text: [{when: {flag: flag.treaty}, text: Hold the credits back.}, {text: Wait.}]
        effects: [{add: {var: party.control, value: -1}}]
"""


def at(scenario, **values: float) -> State:
    state = State.initial(scenario.layout, [1])
    values_row = state.values.copy()
    for name, value in values.items():
        values_row[0, scenario.layout.col(name.replace("__", "."))] = value
    return State(scenario.layout, values_row, state.seeds)


# -- values ----------------------------------------------------------------------------


def test_a_placeholder_shows_the_value_with_its_unit_and_a_level_its_label(scenario_from):
    files = {
        **LIVE_CONTENT,
        "variables.yaml": UNITS,
        "events/e.yaml": """\
events:
  - id: purge
    title: "{nkid.commissar} reports"
    text: "The purges discharged {army.purged} from the army; the treaty: {flag.treaty}."
    mtth: 4
    trigger: {at_least: {var: army.purged, value: 1}}
    options: [{id: ok, text: "Noted ({nkid.commissar})."}]
    effects: [{add: {var: army.purged, value: 0}}, {add: {var: nkid.commissar, value: 0}}]
""",
    }
    scenario = scenario_from(files)
    event = scenario.event("purge")
    assert event.title.render(scenario, at(scenario)) == "Litvinov reports"
    state = at(scenario, army__purged=35, nkid__commissar=2)
    assert event.text.render(scenario, state) == (
        "The purges discharged 35,000 people from the army; the treaty: no."
    )
    assert event.title.render(scenario, state) == "Molotov reports"
    assert event.options[0].text.render(scenario, state) == "Noted (Molotov)."
    # Where no campaign is at hand (lists across many campaigns) a value is an ellipsis.
    assert str(event.text) == "The purges discharged … from the army; the treaty: …."


def test_doubled_braces_write_braces_and_plain_text_is_itself():
    assert scan("a {{b}} c") == ["a {b} c"]
    assert Text.plain("no state here").follows_state is False


@pytest.mark.parametrize(
    "source, message",
    [
        ("Valuta {economy.valuta", "unclosed '{'"),
        ("A lone } brace", "a lone '}'"),
        ("{ economy.valuta }", "malformed placeholder"),
        ("{}", "malformed placeholder"),
        ("{a {b}}", "unclosed '{'"),
    ],
)
def test_a_malformed_template_says_what_and_where(source, message):
    with pytest.raises(TemplateError) as caught:
        scan(source)
    assert caught.value.message.startswith(message)
    assert str(caught.value) == caught.value.message, "printed, it reads as its message"
    assert source[caught.value.offset] in "{}"


# -- variants follow the campaign ----------------------------------------------------------


def _aftermath(scenario, answers: tuple[str, ...], monkeypatch, saves) -> tuple[str, list[str]]:
    """Play the offer with this answer, then the aftermath in the terminal game; what the
    player read of the aftermath, and the debrief's timeline of the campaign."""
    shown: list[str] = []

    def ask(prompt: str) -> str:
        if not prompt.startswith("Choose"):
            return ""  # no orders: end the quarter
        listed = [line.strip() for line in shown[-6:] if line.strip()[:2] in ("1.", "2.")]
        return next(line[0] for line in listed if any(a in line for a in answers))

    monkeypatch.setattr("game.saves.saves_dir", lambda: saves)
    campaign = play_quarters(scenario, 0)
    game = TerminalGame(campaign, ask=ask, say=shown.append)
    game.quarter()
    game.quarter()
    read = "\n".join(shown)
    debrief = build_debrief(campaign)
    timeline = [item.text for quarter in debrief.timeline for item in quarter.items]
    return read, timeline


def test_the_player_reads_the_variant_their_choice_made(scenario_from, monkeypatch, tmp_path):
    scenario = scenario_from({**LIVE_CONTENT, "events/chain.yaml": CHAIN})
    signed, signed_timeline = _aftermath(
        scenario, ("Sign.", "Spend the credits."), monkeypatch, tmp_path
    )
    assert "A TREATY KEPT" in signed
    # The value is the reserve when the aftermath fired, after two quarters of trade.
    assert "The credits arrive; the reserve stands at 22. {Signed.}" in signed
    assert "Spend the credits." in signed and "Do without." not in signed
    refused, refused_timeline = _aftermath(
        scenario, ("Refuse.", "Do without."), monkeypatch, tmp_path
    )
    assert "A REFUSAL REMEMBERED" in refused and "Berlin remembers the refusal." in refused
    assert "Do without." in refused and "credits arrive" not in refused
    # The debrief tells each campaign's story in the words its player read.
    assert "A treaty kept: \u201cSpend the credits.\u201d" in signed_timeline
    assert "A refusal remembered: \u201cDo without.\u201d" in refused_timeline


def test_what_if_offers_the_choices_in_the_words_the_player_read(scenario_from):
    scenario = scenario_from({**LIVE_CONTENT, "events/chain.yaml": CHAIN})
    campaign = play_quarters(
        scenario, 2, choose=lambda e, opts: "sign" if "sign" in opts else opts[0]
    )
    aftermath = next(p for p in branch_points(campaign) if p.subject == "aftermath")
    assert (aftermath.title, aftermath.chosen) == ("A treaty kept", "Spend the credits.")
    assert aftermath.alternatives == (("wait", "Hold the credits back."),)


def _same_reading(a: State, b: State) -> bool:
    """Whether two states read the same to every condition and placeholder: equal up to
    rounding, leaving out what no condition reads (when events are next scheduled, and
    the ending an event's `end` effect may already have set)."""
    unread = ("_ending",)
    kept = [
        i
        for i, v in enumerate(a.layout.variables)
        if not v.name.endswith(".scheduled") and v.name not in unread
    ]
    return bool(np.allclose(a.values[0, kept], b.values[0, kept], rtol=1e-9, atol=1e-9))


def test_the_debrief_reads_each_quarter_in_the_state_its_events_fired_in(scenario_from):
    scenario = scenario_from({**LIVE_CONTENT, "events/chain.yaml": CHAIN})
    campaign = Campaign(scenario, 5)
    seen = []
    for _ in range(3):
        events = campaign.submit(Orders())
        seen.append(events_state(campaign))  # what the dialog was drawn on
        campaign.answer({e.id: "sign" if "sign" in opts else "wait" for e, opts in events})
    read = states_at_events(campaign)
    assert all(_same_reading(a, b) for a, b in zip(read, seen, strict=True))
    assert read[1].get("flag.treaty") == 1.0  # the aftermath was read after the signing


@pytest.mark.parametrize("seed", [3, 11])
def test_the_states_rebuilt_from_the_records_are_those_a_replay_gives(campaign_scenario, seed):
    scenario = campaign_scenario
    campaign = play_campaign(scenario, seed, RandomPolicy())
    rebuilt, exact = states_at_events(campaign), replayed(campaign)
    for record, a, b in zip(campaign.records, rebuilt, exact, strict=True):
        assert _same_reading(a, b), record.date
        for event in map(scenario.event, record.fired):
            texts = [event.title, event.text, *(o.text for o in event.options)]
            assert [t.render(scenario, a) for t in texts] == [t.render(scenario, b) for t in texts]


def test_records_whose_ledger_does_not_add_up_are_replayed_instead(campaign_scenario):
    import dataclasses

    campaign = play_campaign(campaign_scenario, 3, RandomPolicy())
    first = campaign.records[0]
    short = dataclasses.replace(first, changes=first.changes[1:])  # one change lost
    tampered = Campaign(campaign_scenario, 3, campaign.state, [short, *campaign.records[1:]])
    exact = replayed(campaign)
    assert [s.digest() for s in states_at_events(tampered)] == [s.digest() for s in exact]


def test_the_shipped_campaign_no_longer_assumes_the_historical_path(campaign_scenario):
    scenario = campaign_scenario
    rhineland = scenario.event("rhineland").text
    joined = at(scenario, treaty__league=1, nkid__commissar=2)
    assert "and Molotov has the floor" in rhineland.render(scenario, joined)
    outside = at(scenario, treaty__league=0, nkid__commissar=1)
    assert "outside the League" in rhineland.render(scenario, outside)
    assert "Litvinov" not in rhineland.render(scenario, outside)
    costly = scenario.ending("reckoning_costly").text
    unpurged = costly.render(scenario, at(scenario, army__officers_discharged=0))
    assert "kept their commands" in unpurged and "new to their" not in unpurged
    purged = costly.render(scenario, at(scenario, army__officers_discharged=35))
    assert "discharged 35,000 people from the officer corps" in purged and "new to their" in purged
    order = scenario.event("order_00447").text
    choice = event_columns("yezhov_replaces_yagoda")["choice"]
    options = scenario.event("yezhov_replaces_yagoda")
    kept_yagoda = at(scenario, **{choice: options.option("keep_yagoda").index})
    assert "The NKVD's Order No. 00447" in order.render(scenario, kept_yagoda)
    assert "Yezhov" not in order.render(scenario, kept_yagoda)
    # Appointing Yezhov puts him at the head of the NKVD, which is what the order reads.
    appointed = {choice: options.option("appoint_yezhov").index, "security__nkvd_chief": 1}
    assert "Yezhov's Order No. 00447" in order.render(scenario, at(scenario, **appointed))
    plan = scenario.event("second_plan_targets").text
    assert "After the famine" not in plan.render(scenario, at(scenario))
    starved = plan.render(scenario, at(scenario, society__famine_deaths=5000))
    assert "killed 5 million people" in starved


# -- the checker -----------------------------------------------------------------------------


def _event(text_yaml: str) -> dict[str, str]:
    return {
        "events/e.yaml": "events:\n  - id: a\n    title: A\n    date: 1930-Q1\n"
        + text_yaml
        + "    options: [{id: ok, text: Ok.}]\n"
    }


ERROR_CASES = [
    (
        "an unknown variable in a placeholder, with a suggestion",
        '    text: "Reserve: {economy.valuat}"\n',
        "events/e.yaml:5:11: unknown variable 'economy.valuat' in placeholder "
        "'{economy.valuat}' (did you mean 'economy.valuta'?)",
    ),
    (
        "an unclosed brace",
        '    text: "Reserve: {economy.valuta"\n',
        "events/e.yaml:5:11: unclosed '{' (write '{{' for a brace), at character 10 of the text",
    ),
    (
        "a malformed placeholder",
        '    text: "Reserve: {Economy Valuta}"\n',
        "events/e.yaml:5:11: malformed placeholder '{Economy Valuta}': a placeholder is a "
        "variable name in braces, such as {economy.valuta}, at character 10 of the text",
    ),
    (
        "a variant without a condition before the last",
        "    text:\n      - {text: Plain.}\n      - {when: {flag: flag.treaty}, text: Signed.}\n"
        "      - {text: Default.}\n",
        "events/e.yaml:6:9: only the last variant may leave out 'when' (it is the default); "
        "the variants after it could never show",
    ),
    (
        "variants without a default",
        "    text:\n      - {when: {flag: flag.treaty}, text: Signed.}\n",
        "events/e.yaml:6:7: a list of variants ends with a default: a last entry with 'text' "
        "and no 'when', shown when no other variant holds",
    ),
    (
        "a variant whose condition is misspelt",
        "    text:\n      - {when: {flagg: flag.treaty}, text: Signed.}\n      - {text: No.}\n",
        "events/e.yaml:6:17: unknown condition 'flagg' (did you mean 'flag'?)",
    ),
    (
        "a text that is neither a string nor variants",
        "    text: {when: {flag: flag.treaty}}\n",
        "events/e.yaml:5:11: expected text or a list of variants ({when, text}), got a mapping",
    ),
]


@pytest.mark.parametrize("name, text_yaml, expected", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_a_mistake_in_a_text_is_an_error_at_its_place(tmp_path, name, text_yaml, expected):
    assert errors_for(tmp_path, _event(text_yaml)) == [expected]


def test_a_placeholder_error_in_the_real_command_is_located_never_a_traceback(tmp_path, capsys):
    from game.cli import main

    folder = write_scenario(tmp_path / "mod", {**LIVE_CONTENT, **_event('    text: "{x"\n')})
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "events/e.yaml:5:11: error[placeholder]: unclosed '{'" in out.out


DEAD = """\
events:
  - id: a
    title: A
    date: 1930-Q1
    until: 1931-Q1
    mtth: 2
    text:
      - {when: {after: 1935-Q1}, text: Too late.}
      - {when: {flag: flag.treaty}, text: Signed.}
      - {when: {flag: flag.treaty}, text: Signed again.}
      - {when: {at_least: {var: party.control, value: 0}}, text: Always.}
      - {when: {flag: flag.treaty}, text: Shadowed.}
      - {text: Default.}
    options: [{id: ok, text: Ok.}]
"""


def test_variants_that_can_never_show_are_warnings_at_their_place(tmp_path):
    folder = write_scenario(tmp_path / "mod", {**LIVE_CONTENT, "events/dead.yaml": DEAD})
    scenario, found = check_scenario(folder)
    assert scenario is not None
    lines = [f"{d.line}:{d.column}: {d.code}: {d.message}" for d in found]
    assert lines == [
        "8:17: dead-variant: this variant can never show: its condition never holds where "
        "the text is read: 'after 1935-Q1' never holds: it is tested only from 1930-Q1 to 1931-Q1",
        "10:10: dead-variant: this variant can never show: it repeats the condition of "
        "variant 2, which shows first",
        "12:10: dead-variant: this variant can never show: variant 4 before it always holds "
        "there ('party.control' is always at least 0: its range is 0..100)",
        "13:9: dead-variant: this variant can never show: variant 4 always holds there "
        "('party.control' is always at least 0: its range is 0..100)",
    ]


def test_a_variable_only_a_text_quotes_is_read(tmp_path):
    quoted = LIVE_CONTENT["rules/live.yaml"].replace(
        "text: Berlin offers credits.", 'text: "Berlin offers credits; {army.purged} purged."'
    )
    files = {"rules/live.yaml": quoted, "variables.yaml": UNITS.split("  nkid")[0]}
    files["rules/purge.yaml"] = (
        "rules:\n  - {id: purge, step: politics, effects: [{add: {var: army.purged, value: 1}}]}\n"
    )
    _scenario, found = check_scenario(write_scenario(tmp_path / "mod", files))
    assert [d.code for d in found] == []


# -- rendering never fails ---------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_template_of_declared_variables_renders_on_any_state(campaign_scenario, data):
    scenario = campaign_scenario
    declared = [v.name for v in scenario.layout.declared()]
    # (as written, what it must read as): a placeholder, or words with braces escaped
    pieces = data.draw(
        st.lists(
            st.one_of(
                st.sampled_from(declared).map(lambda name: (f"{{{name}}}", None)),
                st.text(max_size=12).map(lambda s: (s.replace("{", "{{").replace("}", "}}"), s)),
            ),
            max_size=6,
        )
    )
    template = "".join(written for written, _ in pieces)
    layout = scenario.layout
    values = layout.initial.copy()
    for written, words in pieces:
        if words is None:  # a placeholder: its variable anywhere in (or beyond) its range
            column = layout.col(written[1:-1])
            values[column] = data.draw(st.floats(allow_nan=False, allow_infinity=False))
    values = np.clip(values, layout.minimum, layout.maximum)[None, :]
    state = State(layout, values, np.array([7], dtype=np.uint64))
    parts = tuple(p if isinstance(p, str) else layout.col(p.name) for p in scan(template))
    rendered = Text(Template(parts)).render(scenario, state)
    position = 0
    for _written, words in pieces:
        if words:
            position = rendered.index(words, position) + len(words)


def test_the_window_shows_the_variant_in_the_dialog_the_report_and_the_dispatches(
    scenario_from, tmp_path
):
    import pygame

    from game.ui.app import App
    from game.ui.scene import ResetTo
    from game.ui.scenes.campaign import CampaignScene
    from game.ui.session import Session
    from tests.uidriver import Driver

    scenario = scenario_from({**LIVE_CONTENT, "events/chain.yaml": CHAIN})
    d = Driver(App(tmp_path / "saves", size=(1280, 720)))
    try:
        d.app.session = Session(Campaign(scenario, 1), d.app.saves)
        d.app.apply(ResetTo(CampaignScene(d.app)))
        d.press(pygame.K_RETURN)  # End turn: Berlin's offer
        assert d.scene.name == "event" and d.shows("Berlin's offer")
        d.click_painter("Sign.")
        if d.scene.name == "report":
            d.click("Continue")
        d.press(pygame.K_RETURN)  # the aftermath, worded for a signed treaty
        assert d.scene.name == "event"
        assert d.shows("A treaty kept") and d.shows("the reserve stands at 22. {Signed.}")
        assert d.shows("Spend the credits.") and not d.shows("Do without.")
        d.click_painter("Spend the credits.")
        assert d.scene.name == "report" and d.shows("A treaty kept")
        d.click("Continue")
        assert d.scene.name == "campaign" and d.shows("A treaty kept")
    finally:
        pygame.display.quit()


def test_a_loaded_campaign_shows_its_past_quarters_as_they_were_read(scenario_from, tmp_path):
    from game.ui.session import Session

    scenario = scenario_from({**LIVE_CONTENT, "events/chain.yaml": CHAIN})
    played = play_quarters(
        scenario, 4, choose=lambda e, opts: "sign" if "sign" in opts else opts[0]
    )
    loaded = Campaign(scenario, 1, played.state, played.records)  # as a save restores it
    session = Session(loaded, tmp_path)
    aftermath = scenario.event("aftermath").text
    assert played.state.get("economy.valuta") > 23  # the reserve has grown since
    assert "the reserve stands at 22." in session.shown(aftermath, turn=1)


# -- hints ------------------------------------------------------------------------------

HINTED = """\
decisions:
  - id: credits
    title: Ask for credits
    text: Berlin lends against gold.
    when: {at_least: {var: economy.valuta, value: 50}}
    hint: "The Reichsbank wants a reserve; we hold {economy.valuta}."
    effects: [{add: {var: economy.output, value: 1}}]
"""


def test_a_hint_quotes_the_state_it_is_read_in(scenario_from):
    scenario = scenario_from({**LIVE_CONTENT, "decisions/d.yaml": HINTED})
    status = Campaign(scenario, 1).legal_orders().decision("credits")
    assert not status.allowed
    assert status.reason == "The Reichsbank wants a reserve; we hold 20."


def test_a_hint_naming_an_unknown_variable_is_an_error_at_its_place(tmp_path):
    broken = HINTED.replace("{economy.valuta}", "{economy.valutta}")
    [error] = errors_for(tmp_path, {**LIVE_CONTENT, "decisions/d.yaml": broken})
    assert error.startswith("decisions/d.yaml:6:11: unknown variable 'economy.valutta'")
    assert "did you mean 'economy.valuta'" in error


def test_a_variant_left_to_chance_reads_its_own_dice(scenario_from):
    # The same chance, rolled by a rule and by a text: each campaign reads its text the
    # same way every time, about half read each wording, and the text's roll is not the
    # game's (it neither moves nor mirrors the dice the campaign plays with).
    scenario = scenario_from(
        {
            **LIVE_CONTENT,
            "rules/roll.yaml": """\
rules:
  - id: roll
    step: economy
    when: {chance: 0.5}
    effects: [set_flag: flag.treaty]
""",
            "events/rumour.yaml": """\
events:
  - id: rumour
    title: A rumour
    text: [{when: {chance: 0.5}, text: Rain is coming.}, {text: The sun will hold.}]
    date: 1935-Q1
    options: [{id: listen, text: Listen.}]
""",
        }
    )
    text = scenario.event("rumour").text
    seeds = list(range(400))
    state = State.initial(scenario.layout, seeds)
    rain = [text.render(scenario, state, row) == "Rain is coming." for row in range(400)]
    assert rain == [text.render(scenario, state, row) == "Rain is coming." for row in range(400)]
    assert 0.4 < np.mean(rain) < 0.6
    rolled = [play_quarters(scenario, 1, seed=s).value("flag.treaty") == 1 for s in seeds[:100]]
    agree = np.mean([r == t for r, t in zip(rolled, rain[:100], strict=True)])
    assert 0.3 < agree < 0.7


def test_each_campaign_of_a_batch_reads_its_own_wording(scenario_from):
    # Two campaigns side by side, one signed and one not: each reads the aftermath
    # its own state calls for, whether the caller hands the scenario or its layout.
    scenario = scenario_from({**LIVE_CONTENT, "events/chain.yaml": CHAIN})
    text = scenario.event("aftermath").text
    values = np.repeat(State.initial(scenario.layout, [1]).values, 2, axis=0)
    values[1, scenario.layout.col("flag.treaty")] = 1
    values[1, scenario.layout.col("economy.valuta")] = 31
    batch = State(scenario.layout, values, np.array([1, 2], dtype=np.uint64))
    refused = "Berlin remembers the refusal."
    signed = "The credits arrive; the reserve stands at 31. {Signed.}"
    assert [text.render(scenario, batch, row) for row in (0, 1)] == [refused, signed]
    assert [text.render(scenario.layout, batch, row) for row in (0, 1)] == [refused, signed]


def test_a_wording_can_follow_the_date(scenario_from):
    scenario = scenario_from(
        {
            **LIVE_CONTENT,
            "events/plan.yaml": """\
events:
  - id: plan
    title: The plan
    text: [{when: {after: 1931-Q1}, text: The second plan., }, {text: The first plan.}]
    date: 1935-Q1
    options: [{id: go, text: Go on.}]
""",
        }
    )
    text = scenario.event("plan").text
    assert text.render(scenario, at(scenario)) == "The first plan."
    assert text.render(scenario, at(scenario, turn=4)) == "The second plan."
