"""Each effect of the registry, applied by a rule in the first quarter."""

import pytest

from tests.helpers import play_quarters


def after_one_quarter(scenario_from, effects: str, var: str, extra: dict | None = None) -> float:
    files = {
        "rules/r.yaml": f"""
rules:
  - id: change
    step: economy
    when: {{before: 1930-Q2}}
    effects: {effects}
""",
        **(extra or {}),
    }
    return play_quarters(scenario_from(files), 1).value(var)


@pytest.mark.parametrize(
    "effects, var, expected",
    [
        ("[{set: {var: economy.output, value: 42}}]", "economy.output", 42),
        ("[{add: {var: economy.output, value: 7}}]", "economy.output", 107),
        ("[{add: {var: economy.output, value: -7}}]", "economy.output", 93),
        ("[{multiply: {var: economy.output, value: 0.5}}]", "economy.output", 50),
        ("[{add: {var: economy.output, value: 500}}]", "economy.output", 200),
        ("[{add: {var: economy.output, value: -500}}]", "economy.output", 0),
        ("[{clamp: {var: economy.output, max: 80}}]", "economy.output", 80),
        ("[{clamp: {var: economy.output, min: 120}}]", "economy.output", 120),
        ("[{set_flag: flag.treaty}]", "flag.treaty", 1),
        ("[{set_flag: flag.treaty}, {clear_flag: flag.treaty}]", "flag.treaty", 0),
        (
            "[{if: {condition: {after: 1930-Q1}, then: [{add: {var: party.control, value: 5}}], else: [{add: {var: party.control, value: -5}}]}}]",
            "party.control",
            55,
        ),
        (
            "[{if: {condition: {after: 1931-Q1}, then: [{add: {var: party.control, value: 5}}], else: [{add: {var: party.control, value: -5}}]}}]",
            "party.control",
            45,
        ),
        (
            "[{chance: {probability: 1, then: [{add: {var: party.control, value: 1}}]}}]",
            "party.control",
            51,
        ),
        (
            "[{chance: {probability: 0, then: [{add: {var: party.control, value: 1}}], else: [{add: {var: party.control, value: -1}}]}}]",
            "party.control",
            49,
        ),
    ],
)
def test_effect(scenario_from, effects, var, expected):
    assert after_one_quarter(scenario_from, effects, var) == pytest.approx(expected)


def test_end_stops_the_campaign_with_that_ending(scenario_from):
    scenario = scenario_from(
        {
            "rules/r.yaml": """
rules:
  - id: doom
    step: politics
    when: {after: 1930-Q3}
    effects: [{end: collapse}]
"""
        }
    )
    campaign = play_quarters(scenario, 20)
    assert campaign.ending.id == "collapse"
    assert campaign.date == "1930-Q3"
    assert len(campaign.records) == 3


LATER = {
    "events/later.yaml": """
events:
  - id: aftermath
    title: Aftermath
    text: Only when scheduled.
    effects: [{add: {var: society.unrest, value: 10}}]
"""
}


@pytest.mark.parametrize(
    "effect, fired_turn", [("{fire: aftermath}", 0), ("{schedule: {event: aftermath, in: 3}}", 3)]
)
def test_fire_and_schedule_from_a_rule_make_an_event_happen_now_or_later(
    scenario_from, effect, fired_turn
):
    scenario = scenario_from(
        {
            "rules/r.yaml": f"""
rules:
  - id: start
    step: economy
    when: {{before: 1930-Q2}}
    effects: [{effect}]
""",
            **LATER,
        }
    )
    campaign = play_quarters(scenario, 6)
    fired = [r.turn for r in campaign.records if "aftermath" in r.fired]
    assert fired == [fired_turn]
    assert campaign.value("society.unrest") == 20


def test_cancel_removes_a_scheduled_event(scenario_from):
    scenario = scenario_from(
        {
            "rules/r.yaml": """
rules:
  - id: start
    step: economy
    when: {before: 1930-Q2}
    effects: [{schedule: {event: aftermath, in: 2}}]
  - id: stop
    step: politics
    when: {between: {from: 1930-Q2, to: 1930-Q2}}
    effects: [{cancel: aftermath}]
""",
            **LATER,
        }
    )
    campaign = play_quarters(scenario, 6)
    assert not any("aftermath" in r.fired for r in campaign.records)


def test_every_change_is_in_the_ledger_with_its_cause(scenario_from):
    scenario = scenario_from(
        {
            "rules/r.yaml": """
rules:
  - id: growth
    step: economy
    effects: [{add: {var: economy.output, value: 3}}]
  - id: unrest
    step: politics
    effects: [{add: {var: society.unrest, value: 1}}, {add: {var: economy.output, value: 500}}]
"""
        }
    )
    record = play_quarters(scenario, 1).records[0]
    assert [(c.var, c.delta, c.cause.key()) for c in record.changes] == [
        ("economy.output", 3.0, "rule:growth"),
        ("society.unrest", 1.0, "rule:unrest"),
        ("economy.output", 97.0, "rule:unrest"),  # clamped at the variable's maximum of 200
    ]


def test_input_output_nets_out_what_the_sectors_use_of_each_other(scenario_from):
    files = {
        "rules/r.yaml": """
rules:
  - id: balance
    step: economy
    effects:
      - input_output:
          outputs: [economy.output, party.control]
          coefficients: [[0.25, 0.5], [0.1, 0.2]]
          into: [economy.valuta, society.unrest]
"""
    }
    campaign = play_quarters(scenario_from(files), 1)
    # x = (100, 50): net = x - A x = (100 - 25 - 25, 50 - 10 - 10)
    assert campaign.value("economy.valuta") == pytest.approx(50)
    assert campaign.value("society.unrest") == pytest.approx(30)


def test_input_output_checks_the_shape_of_its_matrix(tmp_path):
    from tests.test_content_errors import errors_for

    found = errors_for(
        tmp_path,
        {
            "rules/r.yaml": """
rules:
  - id: balance
    step: economy
    effects:
      - input_output: {outputs: [economy.output, party.control], coefficients: [[0.25, 0.5]], into: [economy.valuta, society.unrest]}
"""
        },
    )
    assert any("expected a 2 by 2 matrix" in line for line in found), found
