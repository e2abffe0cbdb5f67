"""Counter-based random numbers, drawn vectorised across a batch.

A draw is a pure hash of (seed, counter, site): no generator object carries hidden
state, so row i of a batch draws exactly what a lone campaign with the same seed draws,
and the stream's position (the counter) lives in the game state like any variable.
"""

from __future__ import annotations

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_SITE = np.uint64(0xD1B54A32D192ED03)
_STREAM = np.uint64(0xABC98388FB8FAC03)
_TO_UNIT = 1.0 / float(1 << 53)

GAME_STREAM = 0
POLICY_STREAM = 1


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: a bijection on 64-bit integers with good avalanche."""
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def uniform(
    seeds: np.ndarray, counters: np.ndarray, site: int, stream: int = GAME_STREAM
) -> np.ndarray:
    """One float in [0, 1) per row, determined by the row's seed and counter and the site."""
    with np.errstate(over="ignore"):
        key = _mix(seeds.astype(np.uint64) * _GOLDEN + np.uint64(stream) * _STREAM)
        z = key ^ _mix(counters.astype(np.uint64) * _GOLDEN + np.uint64(site) * _SITE)
        z = _mix(z + _GOLDEN)
    return (z >> np.uint64(11)).astype(np.float64) * _TO_UNIT
