"""Standing orders the world changed: a policy variable that an event, an option's
consequence or a rule moved during a quarter, so the level in force is no longer the one
the player set. The player must be told; this finds them in a quarter's record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.core.cause import Cause, CauseKind
from game.core.model import PolicyDef, Scenario
from game.core.records import TurnRecord


@dataclass(frozen=True)
class Override:
    """One standing order changed by something other than the player's own order."""

    policy: PolicyDef
    before: float  # the level in force before the events and rules of the quarter
    now: float  # the level in force at the end of the quarter
    causes: tuple[Cause, ...]  # what moved it, biggest first

    def level_label(self, value: float) -> str:
        level = self.policy.level(value)
        return level.label if level is not None else f"{value:g}"


def overrides(
    scenario: Scenario, record: TurnRecord, after: Callable[[str], float]
) -> list[Override]:
    """The standing orders this quarter's events and rules changed, in the scenario's
    order of policies. `after` reads a variable at the end of the quarter."""
    found = []
    for policy in scenario.policies:
        moved: dict[Cause, float] = {}
        for change in record.changes:
            if change.var == policy.var and change.cause.kind is not CauseKind.POLICY:
                moved[change.cause] = moved.get(change.cause, 0.0) + change.delta
        total = sum(moved.values())
        if not moved or abs(total) < 1e-9:
            continue
        now = after(policy.var)
        causes = tuple(sorted(moved, key=lambda c: -abs(moved[c])))
        found.append(Override(policy, now - total, now, causes))
    return found
