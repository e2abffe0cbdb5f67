"""What the search maximises for each campaign: its score on each axis of the verdict."""

from __future__ import annotations

import numpy as np

from game.core.model import Scenario
from game.core.state import State


def axis_scores(scenario: Scenario, state: State) -> dict[str, np.ndarray]:
    """Each axis of the scenario's verdict: the score (0-100, higher is better) of every
    row of a batch of finished campaigns; empty for a scenario with no verdict."""
    if not getattr(scenario, "verdict", ()):
        return {}
    from game.core.verdict import scores

    return scores(scenario, state)
