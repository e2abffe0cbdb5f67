"""The turn is a value: a state cannot be written, and resolving a turn changes none of
its inputs, so the same pending turn finished twice gives the same result twice."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.orders import BatchOrders, Orders
from game.core.pipeline import begin_turn, finish_turn
from game.core.state import State
from game.sim.policies import HeuristicPolicy


def test_a_state_cannot_be_written(campaign_scenario):
    state = State.initial(campaign_scenario.layout, [1, 2])
    with pytest.raises(ValueError, match="read-only"):
        state.values[0, 0] = 5
    with pytest.raises(ValueError, match="read-only"):
        state.seeds[0] = 9


def test_the_callers_seed_array_is_left_writable(campaign_scenario):
    seeds = np.array([1, 2], dtype=np.uint64)
    State.initial(campaign_scenario.layout, seeds)
    seeds[0] = 3  # the state keeps its own copy


def test_finishing_a_pending_turn_twice_gives_the_same_result(campaign_scenario):
    scenario = campaign_scenario
    policy = HeuristicPolicy()
    state = State.initial(scenario.layout, list(range(8)))
    for _ in range(6):  # into the quarters where events ask for choices
        pending = begin_turn(scenario, state, policy.orders(scenario, state))
        before = pending.state.digest(0)
        choices = policy.choices(scenario, pending)
        first = finish_turn(pending, choices)
        second = finish_turn(pending, choices)
        assert pending.state.digest(0) == before, "finish_turn left the pending turn alone"
        assert [first.state.digest(r) for r in range(8)] == [
            second.state.digest(r) for r in range(8)
        ]
        assert first.turn == second.turn == pending.turn
        state = first.state


def test_begin_turn_leaves_its_state_and_orders_alone(campaign_scenario):
    scenario = campaign_scenario
    state = State.initial(scenario.layout, [4])
    digest = state.digest()
    orders = BatchOrders.single(scenario, Orders(decisions=(scenario.decisions[0].id,)))
    wanted = orders.decisions.copy()
    pending = begin_turn(scenario, state, orders)
    assert state.digest() == digest
    assert (orders.decisions == wanted).all()
    assert pending.before is state and pending.state is not state


def test_the_pending_turn_shows_the_changes_so_far(campaign_scenario):
    scenario = campaign_scenario
    state = State.initial(scenario.layout, [4])
    pending = begin_turn(scenario, state, BatchOrders.empty(scenario, 1))
    changes = pending.changes()
    assert changes, "the rules change the economy in the first quarter"
    for var, delta, _cause in changes:
        total = sum(d for v, d, _ in changes if v == var)
        moved = pending.state.get(var) - state.get(var)
        assert total == pytest.approx(moved, abs=1e-9), var
        assert delta != 0
