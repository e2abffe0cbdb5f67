"""Quantities: numbers computed from the state, one per campaign.

A quantity is a number, a variable's name, or one of these operations; they nest, so
a model such as "output grows by capital times productivity" is data, not code.
"""

from __future__ import annotations

from functools import reduce

import numpy as np

from game.core.context import TurnContext
from game.core.registry import Param, register
from game.core.scope import Quantity, Scope

_TERMS = Param("of", "quantities", "the quantities")


def _fold(name: str, description: str, combine, example) -> None:
    @register("quantity", name, description, [_TERMS], {name: example}, shorthand="of")
    def _compile(scope: Scope, of: list) -> Quantity:
        terms = [scope.quantity(term) for term in of]
        if len(terms) == 1:
            return terms[0]
        if len(terms) == 2:
            first, second = terms
            return lambda ctx: combine(first(ctx), second(ctx))
        return lambda ctx: reduce(combine, [term(ctx) for term in terms])


_fold(
    "sum",
    "The sum of the listed quantities.",
    np.add,
    ["economy.heavy_industry", "economy.light_industry", 5],
)
_fold("product", "The product of the listed quantities.", np.multiply, ["economy.capital", 0.04])
_fold("min", "The smallest of the listed quantities.", np.minimum, ["economy.grain", 100])
_fold("max", "The largest of the listed quantities.", np.maximum, [0, "society.unrest"])


@register(
    "quantity",
    "difference",
    "The first quantity minus the second.",
    [Param("of", "quantities", "exactly two quantities: [a, b] gives a - b")],
    {"difference": ["economy.plan_target", "economy.heavy_industry"]},
    shorthand="of",
)
def _difference(scope: Scope, of: list) -> Quantity:
    first, second = (scope.quantity(term) for term in of)
    return lambda ctx: np.subtract(first(ctx), second(ctx))


@register(
    "quantity",
    "ratio",
    "The first quantity divided by the second (0 where it is 0).",
    [Param("of", "quantities", "exactly two quantities: [a, b] gives a / b")],
    {"ratio": ["economy.heavy_industry", "economy.plan_target"]},
    shorthand="of",
)
def _ratio(scope: Scope, of: list) -> Quantity:
    numerator, denominator = (scope.quantity(term) for term in of)

    def value(ctx: TurnContext):
        top = np.asarray(numerator(ctx), dtype=np.float64)
        bottom = np.asarray(denominator(ctx), dtype=np.float64)
        safe = np.where(bottom == 0.0, 1.0, bottom)
        return np.where(bottom == 0.0, 0.0, top / safe)

    return value


@register(
    "quantity",
    "clamp",
    "A quantity kept within bounds.",
    [
        Param("value", "quantity", "the quantity"),
        Param("min", "number", "lower bound", required=False),
        Param("max", "number", "upper bound", required=False),
    ],
    {"clamp": {"value": {"difference": ["party.fear", 50]}, "min": 0}},
)
def _clamp(scope: Scope, value, min: float | None = None, max: float | None = None):  # noqa: A002
    inner = scope.quantity(value)
    low = -np.inf if min is None else min
    high = np.inf if max is None else max
    return lambda ctx: np.clip(inner(ctx), low, high)


@register(
    "quantity",
    "random",
    "A random number between min and max, drawn anew each turn.",
    [Param("min", "number", "smallest value"), Param("max", "number", "largest value")],
    {"random": {"min": -2, "max": 2}},
)
def _random(scope: Scope, min: float, max: float) -> Quantity:  # noqa: A002
    site = scope.allocate_site()
    return lambda ctx: min + (max - min) * ctx.uniform(site)


@register(
    "quantity",
    "if",
    "One quantity where a condition holds and another where it does not.",
    [
        Param("condition", "condition", "the test"),
        Param("then", "quantity", "the value where it holds"),
        Param("else", "quantity", "the value where it does not", required=False, default=0),
    ],
    {"if": {"condition": {"flag": "treaty.trade_britain"}, "then": 10, "else": 0}},
)
def _if(scope: Scope, condition, then, **rest) -> Quantity:
    test = scope.condition(condition)
    yes = scope.quantity(then)
    no = scope.quantity(rest.get("else", 0))
    return lambda ctx: np.where(test(ctx), yes(ctx), no(ctx))


@register(
    "quantity",
    "modified",
    "A base quantity multiplied by the factor of every modifier whose condition holds; "
    "the usual way to write a mean time to happen, a weight or odds that depend on "
    "the situation.",
    [
        Param("base", "quantity", "the value before modifiers"),
        Param("modifiers", "modifiers", "conditions and the factors they apply"),
    ],
    {
        "modified": {
            "base": 20,
            "modifiers": [
                {"when": {"at_least": {"var": "society.unrest", "value": 60}}, "factor": 0.5},
                {"when": {"flag": "treaty.trade_britain"}, "factor": 2},
            ],
        }
    },
)
def _modified(scope: Scope, base, modifiers: list) -> Quantity:
    value = scope.quantity(base)
    parts = [(scope.condition(m["when"]), float(m["factor"])) for m in modifiers]

    def compute(ctx: TurnContext):
        result = np.asarray(value(ctx), dtype=np.float64)
        for holds, factor in parts:
            result = np.where(holds(ctx), result * factor, result)
        return result

    return compute
