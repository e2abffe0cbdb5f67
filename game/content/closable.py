"""The checker's pass for events that can leave the player no way on.

When an event fires, each of its options is open or closed by its condition. An event
whose every option has a condition may find all of them closed at once; the engine does
not guess a way out, so the checker refuses such an event at its `options:` line.

Whether every option can close at once is decided by sampling, with the vectorised
engine itself: thousands of states at once, each variable drawn within its declared range
or set at (or just beside) a threshold that the event's conditions compare it with, the
bookkeeping of events and decisions drawn as fired or not, taken or not, at each quarter
where the event's dates can change the answer. Rows where the event's trigger holds
have its effects applied, as when it fires; then if some row has every option closed,
that row is the example the error gives. Reachability is not asked: a state the
campaign may never reach still counts, and the fix is always the same, an option
without a condition.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from game.content.assemble import Assembler, Entry
from game.content.diagnostics import Diagnostic
from game.core.context import TurnContext
from game.core.explain import why_closed
from game.core.layout import COUNTER, ENDING, TURN, decision_columns, event_columns
from game.core.model import EventDef, Scenario
from game.core.registry import Op
from game.core.state import State

ROWS = 2048  # states sampled per quarter tried
_COMPARISONS = frozenset({"at_least", "at_most", "above", "below", "equals"})
_DATES = frozenset({"after", "before"})
# Stand-in bounds for a variable declared without finite ones.
_FAR = 1e6


def closable_events(assembler: Assembler, scenario: Scenario) -> list[Diagnostic]:
    """An error for every event whose options can all be closed when it fires."""
    problems = []
    for entry in assembler.gathered["events"]:
        model = entry.model
        if not model.options or any(option.when is None for option in model.options):
            continue
        event = scenario.event(model.id)
        parser = assembler.parser(entry.located)
        trigger = (
            parser.condition(model.trigger, entry.where("trigger"))
            if model.trigger is not None
            else None
        )
        options = [option.available_op for option in event.options]
        example = _all_closed(scenario, event, [op for op in (trigger, *options) if op])
        if example is not None:
            problems.append(_diagnostic(scenario, entry, event, example))
    return problems


def _diagnostic(scenario: Scenario, entry: Entry, event: EventDef, example: State) -> Diagnostic:
    line, column = entry.located.where(entry.where("options"), key=True)
    date = scenario.calendar.label(example.turn)
    reasons = "; ".join(
        f"'{option.id}' {why_closed(scenario, option.available_op, '', example)}"
        for option in event.options
    )
    names = ", ".join(f"'{option.id}'" for option in event.options)
    message = (
        f"every option of event '{event.id}' ({names}) can be closed at once, which would "
        f"leave the player no way on; e.g. in {date}: {reasons}. Give one option no "
        "condition"
    )
    return Diagnostic(entry.located.file, line, column, "error", message, "closed-options")


def _all_closed(scenario: Scenario, event: EventDef, ops: list[Op]) -> State | None:
    """A state (one row) where the event fires with every option closed, if sampling
    finds one; `ops` are the trigger's and the options' conditions, whose thresholds
    and dates the samples gather at."""
    # The same draws for the same content: the checker's verdict never varies.
    rng = np.random.default_rng(len(scenario.layout) * 7919 + event.index)
    for turn in _turns(scenario, event, ops, rng):
        values, seeds = _sample(scenario, ops, turn, rng)
        ctx = TurnContext(scenario.layout, values, seeds, turn, None)
        _as_if_not_yet_fired(scenario, event, ctx)
        fires = np.asarray(event.trigger(ctx), dtype=bool)
        if not fires.any():
            continue
        _fire(scenario, event, ctx, fires)
        open_any = np.zeros(ctx.batch, dtype=bool)
        for option in event.options:
            open_any |= np.asarray(option.available(ctx), dtype=bool)
        stuck = np.flatnonzero(fires & ~open_any)
        if stuck.size:
            row = int(stuck[0])
            return State(scenario.layout, ctx.values[row : row + 1].copy(), seeds[row : row + 1])
    return None


def _walk(value: Any) -> Iterator[Op]:
    """Every operation inside a parsed condition or quantity."""
    if isinstance(value, Op):
        yield value
        for inner in value.params.values():
            yield from _walk(inner)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)


def _thresholds(ops: list[Op]) -> dict[str, set[float]]:
    """Each variable compared with a constant, and the values at and beside it."""
    found: dict[str, set[float]] = {}
    for op in _walk(ops):
        if op.name in _COMPARISONS and isinstance(op.params.get("value"), int | float):
            value = float(op.params["value"])
            step = max(1e-6, abs(value) * 1e-6)
            found.setdefault(op.params["var"], set()).update({value - step, value, value + step})
        elif op.name == "flag":
            found.setdefault(op.params["var"], set()).update({0.0, 1.0})
    return found


def _turns(scenario: Scenario, event: EventDef, ops: list[Op], rng) -> list[int]:
    """Quarters to try: the event's first and last, each side of every date its options
    name, and a few drawn between."""
    last_turn = scenario.calendar.last_turn
    first, last = max(event.window[0], 0), min(event.window[1], last_turn)
    if first > last:
        return []
    turns = {first, last, *(int(t) for t in rng.integers(first, last + 1, size=4))}
    for op in _walk(ops):
        dates = [op.params["date"]] if op.name in _DATES else []
        if op.name == "between":
            dates = [op.params["from"], op.params["to"]]
        for date in dates:
            target = scenario.calendar.turn_of(date)
            turns.update(t for t in (target - 1, target, target + 1) if first <= t <= last)
    return sorted(turns)


def _sample(scenario: Scenario, ops: list[Op], turn: int, rng) -> tuple[np.ndarray, np.ndarray]:
    layout = scenario.layout
    thresholds = _thresholds(ops)
    values = np.tile(layout.initial, (ROWS, 1)).astype(np.float64)
    for var in layout.declared():
        low = var.minimum if np.isfinite(var.minimum) else -_FAR
        high = var.maximum if np.isfinite(var.maximum) else _FAR
        whole = var.kind in ("flag", "level") or bool(var.labels)
        if whole:
            drawn = rng.integers(int(np.ceil(low)), int(np.floor(high)) + 1, size=ROWS)
        else:
            drawn = rng.uniform(low, high, ROWS)
        special = [v for v in (low, high, *thresholds.get(var.name, ())) if low <= v <= high]
        # Half the rows sit at the edges or at the thresholds the conditions compare with.
        at_special = rng.random(ROWS) < 0.5
        picked = np.asarray(special)[rng.integers(0, len(special), size=ROWS)]
        values[:, layout.col(var.name)] = np.where(at_special, picked, drawn)
    values[:, layout.col(TURN)] = turn
    values[:, layout.col(COUNTER)] = 0.0
    values[:, layout.col(ENDING)] = -1.0
    for other in scenario.events:
        columns = event_columns(other.id)
        fired = rng.random(ROWS) < 0.5
        values[:, layout.col(columns["fired"])] = fired
        values[:, layout.col(columns["last"])] = np.where(
            fired, rng.integers(0, turn + 1, size=ROWS), -1.0
        )
        values[:, layout.col(columns["scheduled"])] = -1.0
        choice = rng.integers(0, max(len(other.options), 1), size=ROWS)
        values[:, layout.col(columns["choice"])] = np.where(fired & bool(other.options), choice, -1)
    for decision in scenario.decisions:
        columns = decision_columns(decision.id)
        taken = rng.random(ROWS) < 0.5
        values[:, layout.col(columns["taken"])] = taken
        values[:, layout.col(columns["last"])] = np.where(
            taken, rng.integers(0, turn + 1, size=ROWS), -1.0
        )
    seeds = rng.integers(0, 2**63, size=ROWS, dtype=np.uint64)
    return values, seeds


def _as_if_not_yet_fired(scenario: Scenario, event: EventDef, ctx: TurnContext) -> None:
    """An event that fires once is judged before it has ever fired."""
    if not event.once:
        return
    columns = event_columns(event.id)
    ctx.values[:, scenario.layout.col(columns["fired"])] = 0.0
    ctx.values[:, scenario.layout.col(columns["last"])] = -1.0
    ctx.values[:, scenario.layout.col(columns["choice"])] = -1.0


def _fire(scenario: Scenario, event: EventDef, ctx: TurnContext, mask: np.ndarray) -> None:
    """What firing does before the options are judged: the event's bookkeeping, then
    its own effects."""
    layout = scenario.layout
    columns = event_columns(event.id)
    fired = layout.col(columns["fired"])
    ctx.write_internal(fired, ctx.values[:, fired] + 1, mask)
    ctx.write_internal(layout.col(columns["last"]), float(ctx.turn), mask)
    event.effects(ctx, mask)
