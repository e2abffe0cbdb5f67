"""The counter-based random stream: a draw is a pure function of (seed, counter, site,
stream), the same for a row of a batch as for a lone campaign, and the numbers never
change from one version to the next (saves replay their campaigns by drawing again)."""

from __future__ import annotations

import numpy as np

from game.core import rng

SEEDS = np.array([1, 2, 2**63 + 7], dtype=np.uint64)
COUNTERS = np.array([0.0, 5.0, 50.0])

# Drawn by the first version of the stream; a change here changes every saved campaign.
PINNED = {
    (0, rng.GAME_STREAM): ("0x1.4e0dba5e9a32fp-1", "0x1.daeb4200bddbep-1", "0x1.d99445449108dp-1"),
    (134, rng.GAME_STREAM): ("0x1.98b464184aac9p-1", "0x1.5287c11c3d71ap-2", "0x1.c2c3a22593112p-2"),
    (20_003, rng.POLICY_STREAM): ("0x1.cb413e26f5e52p-2", "0x1.95c3a278f7060p-2", "0x1.365bdfe4275a8p-2"),
}  # fmt: skip


def test_the_stream_draws_the_numbers_it_always_drew():
    for (site, stream), expected in PINNED.items():
        drawn = rng.uniform(SEEDS, COUNTERS, site, stream)
        assert tuple(float(x).hex() for x in drawn) == expected


def test_a_row_of_a_batch_draws_what_it_draws_alone():
    batch = rng.Draws(SEEDS, COUNTERS).at(77)
    alone = [rng.Draws(SEEDS[i : i + 1], COUNTERS[i : i + 1]).at(77)[0] for i in range(3)]
    assert batch.tolist() == alone


def test_a_grid_of_sites_draws_what_each_site_draws():
    draws = rng.Draws(SEEDS, COUNTERS, rng.POLICY_STREAM)
    grid = draws.grid(5, 10_000)
    assert grid.shape == (3, 5)
    for j in range(5):
        assert np.array_equal(grid[:, j], draws.at(10_000 + j))


def test_sites_streams_and_counters_each_give_other_numbers_in_the_unit_interval():
    base = rng.uniform(SEEDS, COUNTERS, 3)
    for other in (
        rng.uniform(SEEDS, COUNTERS, 4),
        rng.uniform(SEEDS, COUNTERS, 3, rng.POLICY_STREAM),
        rng.uniform(SEEDS, COUNTERS + 1, 3),
    ):
        assert not np.any(other == base)
    many = rng.Draws(np.arange(1000, dtype=np.uint64), np.zeros(1000)).grid(20)
    assert many.min() >= 0.0 and many.max() < 1.0
    assert abs(many.mean() - 0.5) < 0.01
