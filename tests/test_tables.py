"""The tables a turn reads about every event and decision at once: built once per
scenario, and where the layout puts the columns evenly apart (it always does), read as
slices, so that a turn looks at the state's columns without copying them."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.layout import decision_columns, event_columns
from game.core.model import _evenly_spaced
from game.core.state import State


@pytest.mark.parametrize(
    ("columns", "is_slice"),
    [
        ([], False),
        ([7], False),
        ([3, 4], True),
        ([3, 5, 7, 9], True),
        ([2, 3, 4, 5], True),
        ([3, 5, 8], False),  # uneven
        ([9, 6, 3], False),  # falling
        ([4, 4, 4], False),  # the same column thrice
    ],
)
def test_columns_are_read_as_a_slice_exactly_when_they_are_evenly_spaced_and_rising(
    columns, is_slice
):
    row = np.arange(100, 120)
    at = _evenly_spaced(np.array(columns, dtype=np.int64))
    assert isinstance(at, slice) == is_slice
    assert list(row[at]) == list(row[columns])


def test_a_turn_reads_every_events_and_decisions_bookkeeping_as_a_view(campaign_scenario):
    scenario = campaign_scenario
    state = State.initial(scenario.layout, [1, 2])
    events, decisions = scenario.event_table, scenario.decision_table
    for name in ("fired", "last", "scheduled"):
        at = getattr(events, f"{name}_at")
        assert isinstance(at, slice), name
        wanted = [scenario.layout.col(event_columns(e.id)[name]) for e in scenario.events]
        assert np.array_equal(state.values[:, at], state.values[:, wanted])
        assert np.shares_memory(state.values[:, at], state.values)
    for name in ("taken", "last"):
        at = getattr(decisions, f"{name}_at")
        assert isinstance(at, slice), name
        wanted = [scenario.layout.col(decision_columns(d.id)[name]) for d in scenario.decisions]
        assert np.array_equal(state.values[:, at], state.values[:, wanted])


def test_the_rules_of_each_step_are_gathered_once_in_file_order(campaign_scenario):
    scenario = campaign_scenario
    for step in scenario.steps:
        rules = scenario.rules_of(step)
        assert rules == tuple(r for r in scenario.rules if r.step == step)
        assert scenario.rules_of(step) is rules, "built once, not every quarter"
    assert sum(len(scenario.rules_of(s)) for s in scenario.steps) == len(scenario.rules)
