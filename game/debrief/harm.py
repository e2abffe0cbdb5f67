"""The human cost of one quarter in words: every rise in a count of people harmed (the
dead, the shot, the imprisoned, the deported), with what caused it. The quarterly report
in the window and in the terminal both read it, so neither can leave a death out."""

from __future__ import annotations

from dataclasses import dataclass

from game.core import units
from game.core.cause import Cause
from game.core.model import Scenario
from game.core.records import TurnRecord
from game.debrief.analysis import cause_text


@dataclass(frozen=True)
class HarmRise:
    """One count of people harmed that rose in a quarter, and the causes that raised it."""

    var: str
    total: float  # the net change, in the variable's stored units
    causes: tuple[tuple[Cause, float], ...]  # each cause's rise, largest first

    def line(self, scenario: Scenario) -> str:
        """'+36,000 people shot. Caused by: Order No. 00447: you chose "Sign it…"
        (+30,000); Regional quotas of arrests (+6,000).'"""
        spec = scenario.layout.variables[scenario.layout.col(self.var)]
        caused = "; ".join(
            f"{cause_text(scenario, cause)[0]} ({units.format_delta(spec, size)})"
            for cause, size in self.causes
        )
        return f"{units.describe_change(spec, self.total)}. Caused by: {caused}."


def harm_rises(scenario: Scenario, record: TurnRecord) -> list[HarmRise]:
    """Every harm variable that rose in the quarter, in the scenario's order of variables,
    each with the causes of its rise (a fall in one cause never hides a rise in another)."""
    rises = []
    for spec in scenario.layout.variables:
        if not spec.harm:
            continue
        changes = record.changes_to(spec.name)
        total = sum(c.delta for c in changes)
        if total <= 0 or units.is_negligible(spec, total):
            continue
        by_cause: dict[Cause, float] = {}
        for change in changes:
            if change.delta > 0:
                by_cause[change.cause] = by_cause.get(change.cause, 0.0) + change.delta
        causes = tuple(
            (cause, size)
            for cause, size in sorted(by_cause.items(), key=lambda kv: -kv[1])
            if not units.is_negligible(spec, size)
        )
        rises.append(HarmRise(spec.name, total, causes))
    return rises


def harm_report(scenario: Scenario, record: TurnRecord) -> str:
    """The quarter's human cost as lines of text, or '' when no one was harmed."""
    return "\n".join(rise.line(scenario) for rise in harm_rises(scenario, record))
