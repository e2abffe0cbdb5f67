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
# What-if runs of a quarter for previews: never the campaign's own dice (see preview.py).
PREVIEW_STREAM = 3


_MASK = (1 << 64) - 1


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: a bijection on 64-bit integers with good avalanche.

    It works in place on `z`, which must be a fresh array (every caller's is)."""
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


class Draws:
    """The uniforms of a batch at one position of its streams, for any sites.

    The part of the hash that depends only on each row's seed and counter is computed
    once here, so that each site costs only what depends on the site."""

    def __init__(self, seeds: np.ndarray, counters: np.ndarray, stream: int = GAME_STREAM) -> None:
        stream_term = np.uint64((stream * int(_STREAM)) & _MASK)
        with np.errstate(over="ignore"):
            self._keys = _mix(seeds.astype(np.uint64) * _GOLDEN + stream_term)
            self._counters = counters.astype(np.uint64) * _GOLDEN

    def at(self, site: int) -> np.ndarray:
        """One float in [0, 1) per row, determined by the row's seed and counter and the site."""
        with np.errstate(over="ignore"):
            z = self._keys ^ _mix(self._counters + np.uint64((site * int(_SITE)) & _MASK))
            z += _GOLDEN
            z = _mix(z)
        return _to_unit(z)

    def grid(self, sites: int, first: int = 0) -> np.ndarray:
        """A (batch, sites) array: column j is `at(first + j)`."""
        site_terms = np.arange(first, first + sites, dtype=np.uint64)[None, :] * _SITE
        with np.errstate(over="ignore"):
            z = self._keys[:, None] ^ _mix(self._counters[:, None] + site_terms)
            z += _GOLDEN
            z = _mix(z)
        return _to_unit(z)


def _to_unit(z: np.ndarray) -> np.ndarray:
    z >>= np.uint64(11)
    return z.astype(np.float64) * _TO_UNIT


def uniform(
    seeds: np.ndarray, counters: np.ndarray, site: int, stream: int = GAME_STREAM
) -> np.ndarray:
    """One float in [0, 1) per row, determined by the row's seed and counter and the site."""
    return Draws(seeds, counters, stream).at(site)
