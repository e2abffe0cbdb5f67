"""The game state: one (batch, n_vars) array plus each row's seed, both read-only."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from game.core.layout import ENDING, TURN, StateLayout


@dataclass(frozen=True)
class State:
    """A batch of campaigns. Row i is one campaign; all rows share the layout."""

    layout: StateLayout
    values: np.ndarray
    seeds: np.ndarray

    def __post_init__(self) -> None:
        # Column-major: the engine reads and writes one variable across the whole batch at
        # a time, and a row-major batch of thousands touched a cache line per row for it.
        if not self.values.flags.f_contiguous:
            object.__setattr__(self, "values", np.asfortranarray(self.values))
        # A state is a value: the arrays are frozen, and whoever built it from an array
        # it still holds (the pipeline's working copy) lets go of it.
        for array in (self.values, self.seeds):
            array.setflags(write=False)

    @classmethod
    def initial(cls, layout: StateLayout, seeds: list[int] | np.ndarray) -> State:
        seeds_array = np.array(seeds, dtype=np.uint64).reshape(-1)
        # Built column-major in one pass (tiling builds it row-major, then it is copied).
        values = np.empty((len(seeds_array), len(layout.initial)), order="F")
        values[:] = layout.initial
        return cls(layout, values, seeds_array)

    @property
    def batch(self) -> int:
        return self.values.shape[0]

    def column(self, name: str) -> np.ndarray:
        return self.values[:, self.layout.col(name)]

    def get(self, name: str, row: int = 0) -> float:
        return float(self.values[row, self.layout.col(name)])

    @property
    def turn(self) -> int:
        """The turn of the rows still playing (all rows move in lockstep)."""
        return int(self.values[:, self.layout.col(TURN)].max())

    def ending_index(self, row: int = 0) -> int:
        return int(self.values[row, self.layout.col(ENDING)])

    def ended(self) -> np.ndarray:
        return self.values[:, self.layout.col(ENDING)] >= 0

    def row(self, i: int) -> State:
        return State(
            self.layout, self.values[i : i + 1].copy(order="F"), self.seeds[i : i + 1].copy()
        )

    def digest(self, row: int = 0) -> str:
        """A fingerprint of one campaign's exact state, bit for bit."""
        h = hashlib.sha256()
        h.update(np.ascontiguousarray(self.values[row], dtype="<f8").tobytes())
        h.update(int(self.seeds[row]).to_bytes(8, "little"))
        return h.hexdigest()
