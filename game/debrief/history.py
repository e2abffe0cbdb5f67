"""A campaign's variables over time, rebuilt from its ledger of changes."""

from __future__ import annotations

from game.core.campaign import Campaign


def series(campaign: Campaign, name: str) -> list[float]:
    """The value at the start and after each recorded quarter."""
    layout = campaign.scenario.layout
    value = layout.variables[layout.col(name)].initial
    values = [value]
    for record in campaign.records:
        value += sum(change.delta for change in record.changes if change.var == name)
        values.append(value)
    return values


def value_at(campaign: Campaign, name: str, turn: int) -> float | None:
    """The value at the end of that turn, or None if the campaign never reached it."""
    values = series(campaign, name)
    if turn < 0 or turn + 1 >= len(values):
        return None
    return values[turn + 1]
