"""The Pareto front: the points no other point beats on every objective."""

from __future__ import annotations

import numpy as np


def non_dominated(points: np.ndarray) -> np.ndarray:
    """Indexes of the rows of `points` (n, objectives; higher is better) that no other row
    dominates (at least as good on every objective and better on one), in row order.
    Identical rows are all kept."""
    points = np.asarray(points, dtype=float)
    if points.size == 0:
        return np.zeros(0, dtype=np.int64)
    at_least = (points[:, None, :] >= points[None, :, :]).all(axis=2)
    better = (points[:, None, :] > points[None, :, :]).any(axis=2)
    dominated = (at_least & better).any(axis=0)
    return np.flatnonzero(~dominated)
