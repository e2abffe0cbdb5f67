"""Effects: column updates applied where a mask of campaigns holds.

Every write goes through the context, which clamps to the variable's declared range
and logs the change with its cause in the ledger.
"""

from __future__ import annotations

import numpy as np

from game.core.context import TurnContext
from game.core.layout import event_columns
from game.core.registry import Param, register
from game.core.scope import Effect, Scope

_VAR = Param("var", "variable", "the variable to change")
_VALUE = Param("value", "quantity", "a number, a variable or a quantity")


def _update(name: str, description: str, combine, example) -> None:
    @register("effect", name, description, [_VAR, _VALUE], {name: example})
    def _compile(scope: Scope, var: str, value) -> Effect:
        column = scope.column(var)
        amount = scope.quantity(value)

        def apply(ctx: TurnContext, mask: np.ndarray) -> None:
            ctx.write(column, combine(ctx.values[:, column], amount(ctx)), mask)

        return apply


_update(
    "set",
    "Set the variable to the value.",
    lambda old, new: new,
    {"var": "nkid.commissar", "value": 2},
)
_update(
    "add",
    "Add the value to the variable (a negative value subtracts).",
    np.add,
    {"var": "economy.heavy_industry", "value": 5},
)
_update(
    "multiply",
    "Multiply the variable by the value.",
    np.multiply,
    {"var": "army.officer_quality", "value": 0.8},
)


@register(
    "effect",
    "clamp",
    "Keep the variable within tighter bounds than its declared range.",
    [
        _VAR,
        Param("min", "number", "lower bound", required=False),
        Param("max", "number", "upper bound", required=False),
    ],
    {"clamp": {"var": "society.unrest", "max": 80}},
)
def _clamp(scope: Scope, var: str, min: float | None = None, max: float | None = None):  # noqa: A002
    column = scope.column(var)
    low = -np.inf if min is None else min
    high = np.inf if max is None else max

    def apply(ctx: TurnContext, mask: np.ndarray) -> None:
        ctx.write(column, np.clip(ctx.values[:, column], low, high), mask)

    return apply


@register(
    "effect",
    "set_flag",
    "Set a flag variable to 1.",
    [Param("var", "variable", "the flag")],
    {"set_flag": "treaty.franco_soviet"},
    shorthand="var",
)
def _set_flag(scope: Scope, var: str) -> Effect:
    column = scope.column(var)
    return lambda ctx, mask: ctx.write(column, 1.0, mask)


@register(
    "effect",
    "clear_flag",
    "Set a flag variable to 0.",
    [Param("var", "variable", "the flag")],
    {"clear_flag": "league.member"},
    shorthand="var",
)
def _clear_flag(scope: Scope, var: str) -> Effect:
    column = scope.column(var)
    return lambda ctx, mask: ctx.write(column, 0.0, mask)


def _scheduler(scope: Scope, event: str, delay: int | None) -> Effect:
    """Set the event's one pending firing `delay` quarters on (None: at the next events
    step, this quarter for orders and rules, next quarter once events are judged)."""
    column = scope.column(event_columns(event)["scheduled"])

    def apply(ctx: TurnContext, mask: np.ndarray) -> None:
        # An earlier firing already scheduled stands: otherwise a rule that schedules an
        # event every quarter would push it back a quarter each time, and it never fired.
        quarters = (1 if ctx.events_judged else 0) if delay is None else delay
        wanted = float(ctx.turn + quarters)
        scheduled = ctx.values[:, column]
        earliest = np.where((scheduled >= 0) & (scheduled < wanted), scheduled, wanted)
        ctx.write_internal(column, earliest, mask)

    return apply


@register(
    "effect",
    "fire",
    "Make the event fire at the next events step, whatever its trigger says: this quarter "
    "when a decision or a rule fires it (they resolve before the events), next quarter "
    "when an event or an option does. An event has one firing pending at most: the "
    "earliest stands.",
    [Param("event", "event", "the event")],
    {"fire": "great_terror"},
    shorthand="event",
)
def _fire(scope: Scope, event: str) -> Effect:
    return _scheduler(scope, event, None)


@register(
    "effect",
    "schedule",
    "Make the event fire after the given number of quarters (at least 1). An event has "
    "one firing pending at most: the earliest stands, so a rule that schedules it every "
    "quarter does not put it off.",
    [
        Param("event", "event", "the event"),
        Param("in", "integer", "quarters from now (1 = next quarter)"),
    ],
    {"schedule": {"event": "famine", "in": 2}},
)
def _schedule(scope: Scope, event: str, **rest: int) -> Effect:
    return _scheduler(scope, event, max(1, int(rest["in"])))


@register(
    "effect",
    "cancel",
    "Cancel a scheduled firing of the event.",
    [Param("event", "event", "the event")],
    {"cancel": "famine"},
    shorthand="event",
)
def _cancel(scope: Scope, event: str) -> Effect:
    column = scope.column(event_columns(event)["scheduled"])
    return lambda ctx, mask: ctx.write_internal(column, -1.0, mask)


@register(
    "effect",
    "end",
    "End the campaign with this ending at the end of the quarter.",
    [Param("ending", "ending", "the ending")],
    {"end": "removed_from_power"},
    shorthand="ending",
)
def _end(scope: Scope, ending: str) -> Effect:
    from game.core.layout import ENDING

    column = scope.column(ENDING)
    index = float(scope.endings[ending])

    def apply(ctx: TurnContext, mask: np.ndarray) -> None:
        unset = ctx.values[:, column] < 0
        ctx.write_internal(column, index, mask & unset)

    return apply


@register(
    "effect",
    "if",
    "Apply some effects where a condition holds, others where it does not.",
    [
        Param("condition", "condition", "the test"),
        Param("then", "effects", "effects where it holds"),
        Param("else", "effects", "effects where it does not", required=False),
    ],
    {
        "if": {
            "condition": {"at_least": {"var": "society.unrest", "value": 60}},
            "then": [{"add": {"var": "party.control", "value": -5}}],
        }
    },
)
def _if(scope: Scope, condition, then, **rest) -> Effect:
    test = scope.condition(condition)
    yes = scope.effects(then)
    no = scope.effects(rest.get("else"))

    def apply(ctx: TurnContext, mask: np.ndarray) -> None:
        holds = test(ctx)
        yes(ctx, mask & holds)
        no(ctx, mask & ~holds)

    return apply


@register(
    "effect",
    "chance",
    "Apply effects at random with the given probability (0 to 1).",
    [
        Param("probability", "quantity", "the probability, from 0 to 1"),
        Param("then", "effects", "effects if the draw succeeds"),
        Param("else", "effects", "effects if it fails", required=False),
    ],
    {"chance": {"probability": 0.3, "then": [{"fire": "border_clash"}]}},
)
def _chance(scope: Scope, probability, then, **rest) -> Effect:
    site = scope.allocate_site()
    p = scope.quantity(probability)
    yes = scope.effects(then)
    no = scope.effects(rest.get("else"))

    def apply(ctx: TurnContext, mask: np.ndarray) -> None:
        success = ctx.uniform(site) < p(ctx)
        yes(ctx, mask & success)
        no(ctx, mask & ~success)

    return apply


@register(
    "effect",
    "input_output",
    "An input-output (material balance) step: each sector's net output is its gross output "
    "minus what all sectors consume of it, net_i = x_i - sum_j a_ij x_j, computed as one "
    "matrix product over the whole batch.",
    [
        Param("outputs", "variables", "gross output of each sector, x"),
        Param("coefficients", "matrix", "a_ij: units of sector i used up per unit of sector j"),
        Param("into", "variables", "where each sector's net output goes (same order)"),
    ],
    {
        "input_output": {
            "outputs": ["economy.heavy_industry", "economy.agriculture"],
            "coefficients": [[0.3, 0.1], [0.05, 0.2]],
            "into": ["economy.heavy_net", "economy.agriculture_net"],
        }
    },
)
def _input_output(scope: Scope, outputs: list, coefficients: list, into: list) -> Effect:
    sources = [scope.column(name) for name in outputs]
    targets = [scope.column(name) for name in into]
    leontief = np.eye(len(sources)) - np.asarray(coefficients, dtype=np.float64)

    def apply(ctx: TurnContext, mask: np.ndarray) -> None:
        # Not `x @ leontief.T`: BLAS sums in a different order for one row than for many,
        # so a lone campaign drifted from the same seed in a batch in the last bits, and
        # a balance report's campaign might not replay alone. Summing the few sectors in
        # a fixed order gives every row the same arithmetic whatever the batch size.
        x = ctx.values[:, sources]
        for i, column in enumerate(targets):
            net = x[:, 0] * leontief[i, 0]
            for j in range(1, len(sources)):
                net = net + x[:, j] * leontief[i, j]
            ctx.write(column, net, mask)

    return apply
