"""Compiles parsed operations into vectorised callables, with the names they refer to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.core.calendar import Calendar
from game.core.context import TurnContext
from game.core.layout import StateLayout
from game.core.registry import Op, operations

Condition = Callable[[TurnContext], np.ndarray]
Quantity = Callable[[TurnContext], "np.ndarray | float"]
Effect = Callable[[TurnContext, np.ndarray], None]


@dataclass
class Scope:
    """Everything an operation may refer to, and the allocator of random-draw sites."""

    layout: StateLayout
    calendar: Calendar
    events: dict[str, int]
    options: dict[str, dict[str, int]]
    decisions: dict[str, int]
    endings: dict[str, int]
    next_site: int = 0

    def __post_init__(self) -> None:
        # Sites below this are reserved: one per event (random timing) and per decision (odds).
        self.next_site = max(self.next_site, len(self.events) + len(self.decisions))

    def allocate_site(self) -> int:
        site = self.next_site
        self.next_site += 1
        return site

    def column(self, name: str) -> int:
        return self.layout.col(name)

    def condition(self, op: Op | None) -> Condition:
        if op is None:
            return always
        return operations("condition")[op.name].compile(self, **op.params)

    def quantity(self, value: Any) -> Quantity:
        if isinstance(value, bool):
            constant = 1.0 if value else 0.0
            return lambda ctx: constant
        if isinstance(value, int | float):
            constant = float(value)
            return lambda ctx: constant
        if isinstance(value, str):
            column = self.column(value)
            return lambda ctx: ctx.values[:, column]
        return operations("quantity")[value.name].compile(self, **value.params)

    def effects(self, ops: list[Op] | None) -> Effect:
        compiled = [operations("effect")[op.name].compile(self, **op.params) for op in ops or []]
        if not compiled:
            return no_effect
        if len(compiled) == 1:
            return compiled[0]

        def run_all(ctx: TurnContext, mask: np.ndarray) -> None:
            for effect in compiled:
                effect(ctx, mask)

        return run_all


def always(ctx: TurnContext) -> np.ndarray:
    return np.ones(ctx.batch, dtype=bool)


def no_effect(ctx: TurnContext, mask: np.ndarray) -> None:
    return None


def as_array(value: np.ndarray | float, batch: int) -> np.ndarray:
    if isinstance(value, np.ndarray):
        return value
    return np.full(batch, value, dtype=np.float64)
