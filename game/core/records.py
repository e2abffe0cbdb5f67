"""Turn records: what was ordered, chosen and changed in one quarter of one campaign.

The list of records is the causal ledger the UI opens, the debrief's timeline and the
save game's replay log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.cause import Cause
from game.core.layout import ENDING
from game.core.model import Scenario
from game.core.orders import Orders
from game.core.pipeline import TurnResult
from game.core.reasons import Refused

NOT_ENDED = ""


@dataclass(frozen=True)
class Change:
    var: str
    delta: float
    cause: Cause

    def to_list(self) -> list:
        return [self.var, self.delta, self.cause.key()]


@dataclass(frozen=True)
class TurnRecord:
    turn: int
    date: str
    orders: Orders
    decisions: dict[str, bool] = field(default_factory=dict)
    fired: tuple[str, ...] = ()
    choices: dict[str, str] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    ending: str = NOT_ENDED
    refused: tuple[Refused, ...] = ()
    # The option each dispatch with options took as its standing answer (not a choice).
    standing: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = {
            "turn": self.turn,
            "date": self.date,
            "orders": self.orders.to_dict(),
            "decisions": dict(self.decisions),
            "fired": list(self.fired),
            "choices": dict(self.choices),
            "changes": [c.to_list() for c in self.changes],
            "ending": self.ending,
        }
        if self.refused:  # most quarters have none; older saves never had the key
            data["refused"] = [r.to_dict() for r in self.refused]
        if self.standing:  # likewise
            data["standing"] = dict(self.standing)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> TurnRecord:
        return cls(
            turn=int(data["turn"]),
            date=str(data["date"]),
            orders=Orders.from_dict(data["orders"]),
            decisions={str(k): bool(v) for k, v in data.get("decisions", {}).items()},
            fired=tuple(str(e) for e in data.get("fired", [])),
            choices={str(k): str(v) for k, v in data.get("choices", {}).items()},
            changes=tuple(
                Change(str(var), float(delta), Cause.parse(str(cause)))
                for var, delta, cause in data.get("changes", [])
            ),
            ending=str(data.get("ending", NOT_ENDED)),
            refused=tuple(Refused.from_dict(r) for r in data.get("refused", [])),
            standing={str(k): str(v) for k, v in data.get("standing", {}).items()},
        )

    def changes_to(self, var: str) -> list[Change]:
        return [c for c in self.changes if c.var == var]

    @property
    def done(self) -> tuple[str, ...]:
        """The decisions carried out (successful or not), in the order they were given."""
        return tuple(d for d in self.orders.decisions if d in self.decisions)


def build_record(scenario: Scenario, result: TurnResult, row: int = 0) -> TurnRecord:
    """Extract one campaign's record from a resolved batch turn."""
    layout = scenario.layout
    events, succeeded = scenario.events, result.succeeded[row]
    decisions = {
        scenario.decisions[i].id: bool(succeeded[i]) for i in np.flatnonzero(result.taken[row])
    }
    fired = tuple(events[i].id for i in np.flatnonzero(result.fired[row]))
    chosen = result.choices[row]
    choices = {
        events[i].id: events[i].options[int(chosen[i])].id for i in np.flatnonzero(chosen >= 0)
    }
    # A dispatch's standing answer is in its choice column, written as it fired.
    standing = {}
    for i in np.flatnonzero(result.fired[row]):
        event = events[i]
        if event.options and not event.asks:
            taken = int(result.state.values[row, scenario.event_table.choice[i]])
            if taken >= 0:
                standing[event.id] = event.options[taken].id
    changes: tuple[Change, ...] = ()
    if result.ledger is not None:
        changes = tuple(Change(*entry) for entry in result.ledger.for_row(layout, row))
    ending_index = int(result.state.values[row, layout.col(ENDING)])
    ending = scenario.endings[ending_index].id if ending_index >= 0 else NOT_ENDED
    taken_orders = result.orders.for_row(scenario, row)
    refused = result.judgement.refused(row)
    return TurnRecord(
        turn=result.turn,
        date=scenario.calendar.label(result.turn),
        orders=taken_orders,
        decisions=decisions,
        fired=fired,
        choices=choices,
        changes=changes,
        ending=ending,
        refused=refused,
        standing=standing,
    )
