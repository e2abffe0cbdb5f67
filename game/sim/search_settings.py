"""The strategy search's settings, apart so that the command line can show its
defaults without importing the search."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """`budget`: strategies evaluated in all; `runs`: campaigns per strategy (seeds
    `seed`..`seed + runs - 1`); `population` survive each generation and `offspring`
    are made from them; `periods`: how many spans of the campaign a strategy's policy
    levels and decisions are set for."""

    budget: int = 720
    runs: int = 100
    seed: int = 1
    population: int = 24
    offspring: int = 48
    periods: int = 4
    jobs: int | None = None
