"""Each condition of the registry, checked by a rule that fires only when it holds."""

import pytest

from game.core.registry import REGISTRY, OpSpec, Param, operations, register
from tests.helpers import play_quarters, probe_rule


def flag_after_one_quarter(scenario_from, condition: str, extra: dict | None = None) -> bool:
    scenario = scenario_from({**probe_rule(condition), **(extra or {})})
    return play_quarters(scenario, 1).value("flag.treaty") == 1


@pytest.mark.parametrize(
    "condition, expected",
    [
        ("{at_least: {var: economy.output, value: 100}}", True),
        ("{at_least: {var: economy.output, value: 101}}", False),
        ("{at_most: {var: economy.output, value: 100}}", True),
        ("{above: {var: economy.output, value: 100}}", False),
        ("{below: {var: economy.valuta, value: 21}}", True),
        ("{equals: {var: policy.pace, value: 1}}", True),
        ("{above: {var: economy.output, value: economy.valuta}}", True),
        ("{at_least: {var: economy.valuta, value: {product: [economy.output, 0.2]}}}", True),
        ("{flag: flag.treaty}", False),
        ("{after: 1930-Q1}", True),
        ("{after: 1930-Q2}", False),
        ("{before: 1930-Q2}", True),
        ("{before: 1930-Q1}", False),
        ("{between: {from: 1929-Q1, to: 1930-Q1}}", True),
        ("{between: {from: 1930-Q2, to: 1931-Q1}}", False),
        ("{all: [{after: 1930-Q1}, {at_least: {var: party.control, value: 50}}]}", True),
        ("{all: [{after: 1930-Q1}, {at_least: {var: party.control, value: 51}}]}", False),
        ("{any: [{after: 1931-Q1}, {at_least: {var: party.control, value: 50}}]}", True),
        ("{any: [{after: 1931-Q1}, {flag: flag.treaty}]}", False),
        ("{not: {flag: flag.treaty}}", True),
        ("{not: {after: 1930-Q1}}", False),
        (
            "{count: {at_least: 2, of: [{after: 1930-Q1}, {flag: flag.treaty}, {below: {var: society.unrest, value: 50}}]}}",
            True,
        ),
        (
            "{count: {at_most: 1, of: [{after: 1930-Q1}, {flag: flag.treaty}, {below: {var: society.unrest, value: 50}}]}}",
            False,
        ),
        ("{chance: 1}", True),
        ("{chance: 0}", False),
    ],
)
def test_condition(scenario_from, condition, expected):
    assert flag_after_one_quarter(scenario_from, condition) is expected


EVENTS = {
    "events/e.yaml": """
events:
  - id: opening
    title: Opening
    text: It begins.
    date: 1930-Q1
    options:
      - {id: bold, text: Be bold}
      - {id: careful, text: Be careful}
"""
}


def test_fired_and_chose_see_the_previous_quarter(scenario_from):
    rule = probe_rule("{all: [{fired: opening}, {chose: {event: opening, option: careful}}]}")
    scenario = scenario_from({**rule, **EVENTS})
    careful = play_quarters(scenario, 2, choose=lambda e, opts: "careful")
    bold = play_quarters(scenario, 2, choose=lambda e, opts: "bold")
    assert careful.value("flag.treaty") == 1
    assert bold.value("flag.treaty") == 0


def test_fired_within_forgets_old_events(scenario_from):
    scenario = scenario_from(
        {
            **probe_rule(
                "{all: [{fired: opening}, {not: {fired_within: {event: opening, quarters: 2}}}]}"
            ),
            **EVENTS,
        }
    )
    campaign = play_quarters(scenario, 2)
    assert (
        campaign.value("flag.treaty") == 0
    )  # fired in turn 0, still within two quarters at turn 1
    campaign = play_quarters(scenario, 3)
    assert campaign.value("flag.treaty") == 1


def test_decided_sees_a_decision_taken(scenario_from):
    from game.core.orders import Orders

    files = {
        **probe_rule("{decided: sign}"),
        "decisions/d.yaml": """
decisions:
  - {id: sign, title: Sign, text: Sign it., once: true}
""",
    }
    scenario = scenario_from(files)
    assert play_quarters(scenario, 2).value("flag.treaty") == 0
    campaign = play_quarters(scenario, 1, orders=Orders(decisions=("sign",)))
    campaign.play(Orders())
    assert campaign.value("flag.treaty") == 1


def test_an_operation_is_declared_once_with_everything_the_loader_and_reference_read(
    monkeypatch,
):
    # A registry of its own for the test, so the declaration does not outlive it.
    monkeypatch.setitem(REGISTRY, "condition", dict(REGISTRY["condition"]))
    params = [Param("var", "variable", "the flag")]

    def compile_fn(scope, var):
        return lambda ctx: ctx.values[:, scope.column(var)] == 0

    returned = register(
        "condition",
        "unset",
        "True while the flag is down.",
        params,
        {"unset": "flag.treaty"},
        shorthand="var",
    )(compile_fn)
    spec = operations("condition")["unset"]
    assert returned is compile_fn and spec.compile is compile_fn
    assert spec.param("var") is params[0] and spec.param("colour") is None
    assert spec == OpSpec(
        "condition",
        "unset",
        "True while the flag is down.",
        tuple(params),
        {"unset": "flag.treaty"},
        compile_fn,
        "var",
    )
    with pytest.raises(ValueError, match="condition unset registered twice"):
        register("condition", "unset", "Again.", params, {})(compile_fn)
    assert operations("condition")["unset"] is spec, "the first declaration stands"


def test_a_parameter_of_an_unknown_type_is_refused_when_declared():
    with pytest.raises(ValueError, match="unknown parameter type colour"):
        Param("tint", "colour", "a colour")
