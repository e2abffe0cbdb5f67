"""The state vector's columns: declared variables plus the engine's own bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.units import format_value

INTERNAL_PREFIX = "_"
TURN = "turn"
COUNTER = "_rng.counter"
ENDING = "_ending"
NO_ENDING = -1.0
NEVER = -1.0


@dataclass(frozen=True)
class Variable:
    """One column of the state: a number, a flag (0/1) or a level (small integer)."""

    name: str
    group: str
    minimum: float
    maximum: float
    initial: float
    description: str = ""
    kind: str = "number"
    labels: tuple[str, ...] = ()
    unit: str = ""
    better: str = ""
    label: str = ""
    scale: float = 1.0
    phrase: str = ""
    # A count of people harmed: shown as harm wherever it changes, never as a score.
    harm: bool = False

    @property
    def internal(self) -> bool:
        return self.name.startswith(INTERNAL_PREFIX)

    def describe_value(self, value: float) -> str:
        """A value as a player reads it, in its unit: '2.4 million deaths from famine'."""
        return format_value(self, value)


def event_columns(event_id: str) -> dict[str, str]:
    """Names of the bookkeeping columns that follow one event."""
    base = f"{INTERNAL_PREFIX}event.{event_id}"
    return {
        "fired": f"{base}.fired",
        "last": f"{base}.last",
        "scheduled": f"{base}.scheduled",
        "choice": f"{base}.choice",
    }


def decision_columns(decision_id: str) -> dict[str, str]:
    """Names of the bookkeeping columns that follow one decision."""
    base = f"{INTERNAL_PREFIX}decision.{decision_id}"
    return {"taken": f"{base}.taken", "last": f"{base}.last"}


def _internal(name: str, initial: float) -> Variable:
    return Variable(name, "engine", -np.inf, np.inf, initial, "engine bookkeeping")


@dataclass(frozen=True)
class StateLayout:
    """Compiled once per scenario: column order, ranges and initial values."""

    variables: tuple[Variable, ...]
    index: dict[str, int] = field(init=False)
    minimum: np.ndarray = field(init=False)
    maximum: np.ndarray = field(init=False)
    initial: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {v.name: i for i, v in enumerate(self.variables)})
        lo = np.array([v.minimum for v in self.variables], dtype=np.float64)
        hi = np.array([v.maximum for v in self.variables], dtype=np.float64)
        init = np.array([v.initial for v in self.variables], dtype=np.float64)
        for array in (lo, hi, init):
            array.setflags(write=False)
        object.__setattr__(self, "minimum", lo)
        object.__setattr__(self, "maximum", hi)
        object.__setattr__(self, "initial", init)

    @classmethod
    def build(
        cls, declared: list[Variable], event_ids: list[str], decision_ids: list[str]
    ) -> StateLayout:
        columns = [Variable(TURN, "calendar", 0, np.inf, 0, "turn index, 0 = first quarter")]
        columns += declared
        columns += [_internal(COUNTER, 0), _internal(ENDING, NO_ENDING)]
        for event_id in event_ids:
            names = event_columns(event_id)
            columns += [
                _internal(names["fired"], 0),
                _internal(names["last"], NEVER),
                _internal(names["scheduled"], NEVER),
                _internal(names["choice"], NEVER),
            ]
        for decision_id in decision_ids:
            names = decision_columns(decision_id)
            columns += [_internal(names["taken"], 0), _internal(names["last"], NEVER)]
        return cls(tuple(columns))

    def __len__(self) -> int:
        return len(self.variables)

    def col(self, name: str) -> int:
        return self.index[name]

    def declared(self) -> list[Variable]:
        """The variables a player or modder sees (not the engine's bookkeeping)."""
        return [v for v in self.variables if not v.internal and v.name != TURN]
