"""Conditions: vectorised predicates over the state, one boolean per campaign."""

from __future__ import annotations

import numpy as np

from game.core.context import TurnContext
from game.core.layout import decision_columns, event_columns
from game.core.registry import Param, register
from game.core.scope import Condition, Scope, as_array

_CONDITIONS = Param("of", "conditions", "the conditions to combine")


@register(
    "condition",
    "all",
    "True when every listed condition holds.",
    [_CONDITIONS],
    {"all": [{"at_least": {"var": "party.control", "value": 50}}, {"after": "1930-Q1"}]},
    shorthand="of",
)
def _all(scope: Scope, of: list) -> Condition:
    parts = [scope.condition(c) for c in of]

    def holds(ctx: TurnContext) -> np.ndarray:
        result = np.ones(ctx.batch, dtype=bool)
        for part in parts:
            result &= part(ctx)
        return result

    return holds


@register(
    "condition",
    "any",
    "True when at least one listed condition holds.",
    [_CONDITIONS],
    {"any": [{"fired": "kirov_murder"}, {"at_least": {"var": "party.fear", "value": 70}}]},
    shorthand="of",
)
def _any(scope: Scope, of: list) -> Condition:
    parts = [scope.condition(c) for c in of]

    def holds(ctx: TurnContext) -> np.ndarray:
        result = np.zeros(ctx.batch, dtype=bool)
        for part in parts:
            result |= part(ctx)
        return result

    return holds


@register(
    "condition",
    "not",
    "True when the given condition does not hold.",
    [Param("condition", "condition", "the condition to negate")],
    {"not": {"fired": "treaty_of_rapallo"}},
    shorthand="condition",
)
def _not(scope: Scope, condition) -> Condition:
    part = scope.condition(condition)
    return lambda ctx: ~part(ctx)


@register(
    "condition",
    "count",
    "True when the number of listed conditions that hold lies within the bounds.",
    [
        _CONDITIONS,
        Param("at_least", "integer", "fewest that must hold", required=False),
        Param("at_most", "integer", "most that may hold", required=False),
    ],
    {
        "count": {
            "at_least": 2,
            "of": [
                {"flag": "treaty.franco_soviet"},
                {"flag": "treaty.czech"},
                {"flag": "league.member"},
            ],
        }
    },
)
def _count(scope: Scope, of: list, at_least: int | None = None, at_most: int | None = None):
    parts = [scope.condition(c) for c in of]
    low = -1 if at_least is None else at_least
    high = len(parts) + 1 if at_most is None else at_most

    def holds(ctx: TurnContext) -> np.ndarray:
        total = np.zeros(ctx.batch, dtype=np.int64)
        for part in parts:
            total += part(ctx)
        return (total >= low) & (total <= high)

    return holds


def _comparison(name: str, description: str, compare) -> None:
    @register(
        "condition",
        name,
        description,
        [
            Param("var", "variable", "the variable to compare"),
            Param("value", "quantity", "a number, another variable or a quantity"),
        ],
        {name: {"var": "economy.heavy_industry", "value": 40}},
    )
    def _compile(scope: Scope, var: str, value) -> Condition:
        column = scope.column(var)
        other = scope.quantity(value)
        return lambda ctx: as_array(compare(ctx.values[:, column], other(ctx)), ctx.batch)


_comparison(
    "at_least", "True when the variable is greater than or equal to the value.", np.greater_equal
)
_comparison("at_most", "True when the variable is less than or equal to the value.", np.less_equal)
_comparison("above", "True when the variable is strictly greater than the value.", np.greater)
_comparison("below", "True when the variable is strictly less than the value.", np.less)
_comparison(
    "equals", "True when the variable equals the value (for flags, levels, modes).", np.equal
)


@register(
    "condition",
    "flag",
    "True when a flag variable is set (not zero).",
    [Param("var", "variable", "the flag")],
    {"flag": "treaty.franco_soviet"},
    shorthand="var",
)
def _flag(scope: Scope, var: str) -> Condition:
    column = scope.column(var)
    return lambda ctx: ctx.values[:, column] != 0.0


def _date_condition(scope: Scope, date: str, compare) -> Condition:
    target = scope.calendar.turn_of(date)
    return lambda ctx: np.full(ctx.batch, bool(compare(ctx.turn, target)))


@register(
    "condition",
    "after",
    "True from the given quarter on (that quarter included).",
    [Param("date", "date", "the first quarter")],
    {"after": "1933-Q1"},
    shorthand="date",
)
def _after(scope: Scope, date: str) -> Condition:
    return _date_condition(scope, date, lambda turn, target: turn >= target)


@register(
    "condition",
    "before",
    "True until the given quarter (that quarter excluded).",
    [Param("date", "date", "the first quarter when it no longer holds")],
    {"before": "1939-Q3"},
    shorthand="date",
)
def _before(scope: Scope, date: str) -> Condition:
    return _date_condition(scope, date, lambda turn, target: turn < target)


@register(
    "condition",
    "between",
    "True from the first quarter to the last, both included.",
    [Param("from", "date", "the first quarter"), Param("to", "date", "the last quarter")],
    {"between": {"from": "1932-Q1", "to": "1933-Q4"}},
)
def _between(scope: Scope, **dates: str) -> Condition:
    first = scope.calendar.turn_of(dates["from"])
    last = scope.calendar.turn_of(dates["to"])
    return lambda ctx: np.full(ctx.batch, first <= ctx.turn <= last)


@register(
    "condition",
    "fired",
    "True once the event has fired (in an earlier or this turn).",
    [Param("event", "event", "the event")],
    {"fired": "shakhty_trial"},
    shorthand="event",
)
def _fired(scope: Scope, event: str) -> Condition:
    column = scope.column(event_columns(event)["fired"])
    return lambda ctx: ctx.values[:, column] > 0


@register(
    "condition",
    "fired_within",
    "True when the event fired within the last N quarters (this one included).",
    [Param("event", "event", "the event"), Param("quarters", "integer", "how many quarters back")],
    {"fired_within": {"event": "kirov_murder", "quarters": 4}},
)
def _fired_within(scope: Scope, event: str, quarters: int) -> Condition:
    column = scope.column(event_columns(event)["last"])

    def holds(ctx: TurnContext) -> np.ndarray:
        last = ctx.values[:, column]
        return (last >= 0) & (ctx.turn - last < quarters)

    return holds


@register(
    "condition",
    "chose",
    "True when the player chose this option of the event.",
    [Param("event", "event", "the event"), Param("option", "option", "the option's id")],
    {"chose": {"event": "dizzy_with_success", "option": "retreat"}},
)
def _chose(scope: Scope, event: str, option: str) -> Condition:
    column = scope.column(event_columns(event)["choice"])
    index = float(scope.options[event][option])
    return lambda ctx: ctx.values[:, column] == index


@register(
    "condition",
    "decided",
    "True once the decision has been taken (successfully).",
    [Param("decision", "decision", "the decision")],
    {"decided": "join_the_league"},
    shorthand="decision",
)
def _decided(scope: Scope, decision: str) -> Condition:
    column = scope.column(decision_columns(decision)["taken"])
    return lambda ctx: ctx.values[:, column] > 0


@register(
    "condition",
    "chance",
    "True at random with the given probability (0 to 1); a fresh draw every turn.",
    [Param("probability", "quantity", "the probability, from 0 to 1")],
    {"chance": 0.25},
    shorthand="probability",
)
def _chance(scope: Scope, probability) -> Condition:
    site = scope.allocate_site()
    p = scope.quantity(probability)
    return lambda ctx: ctx.uniform(site) < p(ctx)
