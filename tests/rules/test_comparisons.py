"""Comparisons exactly at their threshold: `at_least` and `at_most` include it, `above` and
`below` exclude it, `equals` holds only on it. Dates: `after` includes its quarter,
`before` excludes it, `between` includes both ends. party.control starts at 50."""

import pytest

from game.core.campaign import Campaign
from game.core.orders import Orders
from tests.rules.world import quiet, world


def probe(condition: str) -> str:
    """A rule that raises flag.a in each quarter where the condition holds."""
    return f"""
rules:
  - id: probe
    step: economy
    effects:
      - set: {{var: flag.a, value: 0}}
      - if: {{condition: {condition}, then: [{{set_flag: flag.a}}]}}
"""


@pytest.mark.parametrize(
    "comparison, value, holds",
    [
        ("at_least", 50, True),
        ("at_least", 50.5, False),
        ("at_least", 49.5, True),
        ("at_most", 50, True),
        ("at_most", 49.5, False),
        ("at_most", 50.5, True),
        ("above", 50, False),
        ("above", 49.5, True),
        ("above", 50.5, False),
        ("below", 50, False),
        ("below", 50.5, True),
        ("below", 49.5, False),
        ("equals", 50, True),
        ("equals", 50.5, False),
        ("equals", 49.5, False),
    ],
)
def test_a_comparison_at_and_beside_its_threshold(tmp_path, comparison, value, holds):
    condition = f"{{{comparison}: {{var: party.control, value: {value}}}}}"
    assert quiet(world(tmp_path, probe(condition)), 1).value("flag.a") == holds


@pytest.mark.parametrize(
    "comparison, holds", [("at_least", True), ("above", False), ("below", False)]
)
def test_a_comparison_with_another_variable_at_the_same_value(tmp_path, comparison, holds):
    # economy.output starts at 100; compare it with party.control doubled by a quantity.
    condition = f"{{{comparison}: {{var: economy.output, value: {{product: [party.control, 2]}}}}}}"
    assert quiet(world(tmp_path, probe(condition)), 1).value("flag.a") == holds


EARLY_EVENT = """
events:
  - id: shakhty
    title: Shakhty trial
    text: Engineers in the dock.
    trigger: {before: 1930-Q2}
"""


def quarters_holding(tmp_path, condition: str, quarters: int = 6) -> list[int]:
    campaign = Campaign(world(tmp_path, probe(condition) + EARLY_EVENT), 1)
    held = []
    for _ in range(quarters):
        record = campaign.play(Orders())
        if campaign.value("flag.a"):
            held.append(record.turn)
    return held


@pytest.mark.parametrize(
    "condition, turns",
    [
        ("{after: 1930-Q3}", [2, 3, 4, 5]),
        ("{before: 1930-Q3}", [0, 1]),
        ("{between: {from: 1930-Q2, to: 1930-Q4}}", [1, 2, 3]),
        (
            "{count: {at_least: 2, of: [{after: 1930-Q2}, {after: 1930-Q3}, {after: 1930-Q4}]}}",
            [2, 3, 4, 5],
        ),
        ("{fired_within: {event: shakhty, quarters: 2}}", [1]),
        ("{fired_within: {event: shakhty, quarters: 3}}", [1, 2]),
        ("{fired: shakhty}", [1, 2, 3, 4, 5]),
        (
            "{count: {at_most: 1, of: [{after: 1930-Q2}, {after: 1930-Q3}, {after: 1930-Q4}]}}",
            [0, 1],
        ),
    ],
)
def test_date_conditions_and_counts_at_their_boundaries(tmp_path, condition, turns):
    assert quarters_holding(tmp_path, condition) == turns
