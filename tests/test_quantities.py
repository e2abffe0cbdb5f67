"""Each quantity of the registry, computed into a variable by a rule."""

import pytest

from tests.helpers import play_quarters


@pytest.mark.parametrize(
    "quantity, expected",
    [
        ("12", 12),
        ("economy.valuta", 20),
        ("{sum: [economy.valuta, 5, party.control]}", 75),
        ("{product: [economy.valuta, 0.5]}", 10),
        ("{difference: [party.control, economy.valuta]}", 30),
        ("{ratio: [party.control, economy.valuta]}", 2.5),
        ("{ratio: [party.control, flag.treaty]}", 0),
        ("{min: [party.control, economy.valuta]}", 20),
        ("{max: [party.control, economy.valuta]}", 50),
        ("{clamp: {value: {difference: [economy.valuta, party.control]}, min: 0}}", 0),
        ("{if: {condition: {flag: flag.treaty}, then: 1, else: 2}}", 2),
        ("{if: {condition: {after: 1930-Q1}, then: {sum: [1, 2]}}}", 3),
        (
            "{modified: {base: 10, modifiers: [{when: {after: 1930-Q1}, factor: 3},"
            " {when: {flag: flag.treaty}, factor: 100}, {when: {before: 1931-Q1}, factor: 0.5}]}}",
            15,
        ),
    ],
)
def test_quantity(scenario_from, quantity, expected):
    scenario = scenario_from(
        {
            "rules/r.yaml": f"""
rules:
  - id: compute
    step: economy
    effects: [{{set: {{var: society.unrest, value: {quantity}}}}}]
"""
        }
    )
    assert play_quarters(scenario, 1).value("society.unrest") == pytest.approx(expected)


def test_random_stays_within_its_bounds_and_varies_by_seed(scenario_from):
    scenario = scenario_from(
        {
            "rules/r.yaml": """
rules:
  - id: noise
    step: economy
    effects: [{set: {var: society.unrest, value: {random: {min: 10, max: 20}}}}]
"""
        }
    )
    values = {play_quarters(scenario, 1, seed=seed).value("society.unrest") for seed in range(20)}
    assert all(10 <= v < 20 for v in values)
    assert len(values) > 15
