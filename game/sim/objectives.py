"""The axes of the verdict the search's targets single out."""

from __future__ import annotations

from game.core.model import Scenario


def main_axis(scenario: Scenario) -> str | None:
    """The axis the campaign is chiefly about: the first that is not a human cost
    (security in the 1928 campaign)."""
    return next((a.id for a in scenario.verdict if not a.cost), None)


def cost_axis(scenario: Scenario) -> str | None:
    """The human-cost axis (the first marked `cost: true`)."""
    return next((a.id for a in scenario.verdict if a.cost), None)
