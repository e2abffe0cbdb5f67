"""One campaign played turn by turn: what the UI, saves and replays drive.

It is the batch engine with a batch of one, so a lone campaign and row i of a batch
with the same seed follow exactly the same path.
"""

from __future__ import annotations

import numpy as np

from game.core.model import EndingDef, EventDef, Scenario
from game.core.orders import (
    BatchOrders,
    LegalOrders,
    OrderRefused,
    Orders,
    known_orders,
    legal_orders,
)
from game.core.orders import validate_orders as _validate
from game.core.pipeline import ChoiceRefused, PendingTurn, begin_turn, finish_turn
from game.core.records import TurnRecord, build_record
from game.core.state import State


class Campaign:
    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        state: State | None = None,
        records: list[TurnRecord] | None = None,
    ) -> None:
        self.scenario = scenario
        self.seed = int(seed)
        self.state = state if state is not None else State.initial(scenario.layout, [self.seed])
        self.records: list[TurnRecord] = list(records or [])
        self.pending: PendingTurn | None = None

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def date(self) -> str:
        return self.scenario.calendar.label(self.turn)

    @property
    def is_over(self) -> bool:
        return self.ending is not None

    @property
    def ending(self) -> EndingDef | None:
        index = self.state.ending_index()
        return self.scenario.endings[index] if index >= 0 else None

    def value(self, var: str) -> float:
        return self.state.get(var)

    def legal_orders(self, draft: Orders | None = None) -> LegalOrders:
        """What may be ordered beside the draft this quarter, and why not."""
        return legal_orders(self.scenario, self.state, draft=draft)

    def validate(self, orders: Orders) -> list[str]:
        """Every reason the orders would not be carried out as given ([] if they would)."""
        return _validate(self.scenario, self.state, orders)

    def submit(self, orders: Orders) -> list[tuple[EventDef, list[str]]]:
        """Resolve the quarter up to its events; returns the events that need a choice.

        Orders the rules do not allow now are not carried out; the turn record lists
        them with the reason. Orders that name no policy, level or decision of the
        scenario are refused outright (they come from a broken caller, not a player).
        """
        if self.pending is not None:
            raise OrderRefused(["this quarter's events are still waiting for answers"])
        if self.is_over:
            raise OrderRefused(["the campaign is over"])
        _, malformed = known_orders(self.scenario, orders)
        if malformed:
            raise OrderRefused(malformed)
        self.pending = begin_turn(
            self.scenario, self.state, BatchOrders.single(self.scenario, orders)
        )
        return self.open_events()

    def open_events(self) -> list[tuple[EventDef, list[str]]]:
        if self.pending is None:
            return []
        return [
            (event, [event.options[i].id for i in self.pending.open_options(event)])
            for event in self.pending.events_needing_choice()
        ]

    def answer(self, choices: dict[str, str]) -> TurnRecord:
        """Give the options chosen for this quarter's events and finish the quarter."""
        if self.pending is None:
            raise ChoiceRefused("there is no quarter waiting for answers")
        indices: dict[int, np.ndarray] = {}
        for event, open_ids in self.open_events():
            chosen = choices.get(event.id)
            if chosen not in open_ids:
                raise ChoiceRefused(
                    f"event '{event.id}' needs one of: {', '.join(open_ids)} (got {chosen!r})"
                )
            indices[event.index] = np.array([event.option(chosen).index])
        result = finish_turn(self.pending, indices)
        self.pending = None
        self.state = result.state
        record = build_record(self.scenario, result)
        self.records.append(record)
        return record

    def play(self, orders: Orders, choices: dict[str, str] | None = None) -> TurnRecord:
        self.submit(orders)
        return self.answer(choices or {})

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, records: list[TurnRecord]) -> Campaign:
        """Re-run recorded orders and choices from the start; raises if they no longer fit."""
        campaign = cls(scenario, seed)
        for record in records:
            if campaign.is_over:
                raise ChoiceRefused(f"the campaign ended before turn {record.turn}")
            if record.turn != campaign.turn:
                raise ChoiceRefused(f"record for turn {record.turn} found at turn {campaign.turn}")
            campaign.play(record.orders, record.choices)
        return campaign
