"""Dispatches: the happenings of a quarter that asked the player nothing, with what each
changed.

An event that needs no decision (fewer than two options, or marked `dispatch: true`)
applies its effects as it fires; the player learns of it from the dispatches panel, the
quarterly report, terminal play and the debrief, each reading these lines, so all say
the same: the event's title as it read then, and its changes in their units.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.cause import CauseKind
from game.core.model import EventDef, Scenario
from game.core.records import TurnRecord
from game.core.units import describe_change, is_negligible


@dataclass(frozen=True)
class Dispatch:
    event: EventDef
    # (variable, net change) in the order the changes were made; negligible ones left out.
    changes: tuple[tuple[str, float], ...]

    def effects_text(self, scenario: Scenario) -> str:
        """'Heavy industry +3.5 points, +2,000 people shot', or '' when nothing moved."""
        layout = scenario.layout
        return ", ".join(
            describe_change(layout.variables[layout.col(var)], delta) for var, delta in self.changes
        )

    def line(self, scenario: Scenario, title: str) -> str:
        """The dispatch as one line, under the title the player read."""
        effects = self.effects_text(scenario)
        return f"{title}: {effects}." if effects else f"{title}."


def dispatches(scenario: Scenario, record: TurnRecord) -> list[Dispatch]:
    """The quarter's events that asked nothing, in the order they fired, each with the
    net change it made to every variable (its own effects and its standing answer's)."""
    layout = scenario.layout
    found = []
    for event_id in record.fired:
        if event_id in record.choices:
            continue
        net: dict[str, float] = {}
        for change in record.changes:
            if change.cause.kind is CauseKind.EVENT and change.cause.id == event_id:
                net[change.var] = net.get(change.var, 0.0) + change.delta
        changes = tuple(
            (var, delta)
            for var, delta in net.items()
            if not is_negligible(layout.variables[layout.col(var)], delta)
        )
        found.append(Dispatch(scenario.event(event_id), changes))
    return found
