"""Whether a condition can hold and what a quantity can be, judged from declared ranges.

The checker uses this to find content that can never happen. What is known for certain:
every variable stays within its declared range (every write is clamped to it), a
variable that nothing changes keeps its initial value, a date condition is only tested
in certain quarters, and some events can never fire and some decisions never be taken.
A condition is judged "always", "never" or "maybe": the first two are certain, "maybe"
only means that nothing certain could be said.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from game.content.yamlsource import Located, Path_
from game.core.calendar import Calendar
from game.core.layout import TURN
from game.core.registry import Op

ALWAYS, NEVER, MAYBE = "always", "never", "maybe"
Interval = tuple[float, float]
ANYTHING: Interval = (-math.inf, math.inf)


@dataclass(frozen=True)
class Verdict:
    """Whether a condition holds, and for a certain answer why and where it is written."""

    outcome: str
    why: str = ""
    path: Path_ = ()

    @property
    def certain(self) -> bool:
        return self.outcome != MAYBE


@dataclass
class World:
    """What is known about a scenario before any campaign is played."""

    calendar: Calendar
    ranges: dict[str, Interval]
    constant: dict[str, float] = field(default_factory=dict)  # nothing changes these
    dead_events: set[str] = field(default_factory=set)
    dead_decisions: set[str] = field(default_factory=set)

    def range_of(self, name: str) -> Interval:
        if name in self.constant:
            return (self.constant[name], self.constant[name])
        return self.ranges.get(name, ANYTHING)

    def explain(self, name: str) -> str:
        """Why a variable's values are what they are, in words."""
        if name in self.constant:
            return f"nothing changes it from {self.constant[name]:g}"
        low, high = self.range_of(name)
        return f"its range is {low:g}..{high:g}"

    def judge(self, located: Located, turns: Interval) -> Judge:
        """A judge of the conditions written in this file, tested in these quarters."""
        return Judge(self, located, turns)


# name -> (words, holds for every pair of values, holds for no pair of values)
_COMPARISONS = {
    "at_least": ("at least", lambda v, q: v[0] >= q[1], lambda v, q: v[1] < q[0]),
    "at_most": ("at most", lambda v, q: v[1] <= q[0], lambda v, q: v[0] > q[1]),
    "above": ("above", lambda v, q: v[0] > q[1], lambda v, q: v[1] <= q[0]),
    "below": ("below", lambda v, q: v[1] < q[0], lambda v, q: v[0] >= q[1]),
    "equals": (
        "equal to",
        lambda v, q: v[0] == v[1] == q[0] == q[1],
        lambda v, q: v[1] < q[0] or v[0] > q[1],
    ),
}


class Judge:
    def __init__(self, world: World, located: Located, turns: Interval) -> None:
        self.world = world
        self.located = located
        self.turns = turns

    # -- conditions --------------------------------------------------------------------

    def condition(self, op: Op | None, path: Path_) -> Verdict:
        """Judge a condition written at `path` (None, an absent condition, always holds)."""
        if op is None:
            return Verdict(ALWAYS, "there is no condition", path)
        here = (*path, op.name)
        params = op.params
        if op.name in _COMPARISONS:
            return self._compare(op, here)
        if op.name in ("all", "any", "count"):
            parts = [
                self.condition(child, (*self._param(path, op, "of"), i))
                for i, child in enumerate(params["of"])
            ]
            return getattr(self, f"_{op.name}")(parts, here, params)
        if op.name == "not":
            inner = self.condition(params["condition"], self._param(path, op, "condition"))
            if not inner.certain:
                return Verdict(MAYBE)
            flipped = NEVER if inner.outcome == ALWAYS else ALWAYS
            return Verdict(
                flipped, f"the condition it negates {inner.outcome} holds: {inner.why}", here
            )
        if op.name == "flag":
            return self._flag(params["var"], here)
        if op.name in ("after", "before", "between"):
            return self._dates(op, here)
        if op.name in ("fired", "fired_within", "chose"):
            event = params["event"]
            if event in self.world.dead_events:
                return Verdict(NEVER, f"event '{event}' can never fire", here)
            return Verdict(MAYBE)
        if op.name == "decided":
            decision = params["decision"]
            if decision in self.world.dead_decisions:
                return Verdict(NEVER, f"decision '{decision}' can never be taken", here)
            return Verdict(MAYBE)
        if op.name == "chance":
            low, high = self.quantity(params["probability"], self._param(path, op, "probability"))
            if high <= 0:
                return Verdict(NEVER, "its probability is never above 0", here)
            if low >= 1:
                return Verdict(ALWAYS, "its probability is always 1 or more", here)
        return Verdict(MAYBE)

    def _all(self, parts: list[Verdict], here: Path_, params: dict) -> Verdict:
        never = next((p for p in parts if p.outcome == NEVER), None)
        if never is not None:
            return never
        if all(p.outcome == ALWAYS for p in parts):
            why = parts[0].why if len(parts) == 1 else "every condition in it always holds"
            return Verdict(ALWAYS, why, here)
        return Verdict(MAYBE)

    def _any(self, parts: list[Verdict], here: Path_, params: dict) -> Verdict:
        always = next((p for p in parts if p.outcome == ALWAYS), None)
        if always is not None:
            return always
        if all(p.outcome == NEVER for p in parts):
            if len(parts) == 1:
                return parts[0]
            if not parts:
                return Verdict(NEVER, "'any' of no conditions never holds", here)
            reasons = "; ".join(p.why for p in parts)
            return Verdict(NEVER, f"none of its {len(parts)} conditions can hold ({reasons})", here)
        return Verdict(MAYBE)

    def _count(self, parts: list[Verdict], here: Path_, params: dict) -> Verdict:
        surely = sum(p.outcome == ALWAYS for p in parts)
        possibly = surely + sum(p.outcome == MAYBE for p in parts)
        low = params.get("at_least")
        high = params.get("at_most")
        if low is not None and possibly < low:
            return Verdict(
                NEVER,
                f"at most {possibly} of its conditions can hold, and it needs at least {low}",
                here,
            )
        if high is not None and surely > high:
            return Verdict(
                NEVER,
                f"at least {surely} of its conditions always hold, and it allows at most {high}",
                here,
            )
        if (low is None or surely >= low) and (high is None or possibly <= high):
            return Verdict(ALWAYS, "its count always lies within its bounds", here)
        return Verdict(MAYBE)

    def _compare(self, op: Op, here: Path_) -> Verdict:
        var, value = op.params["var"], op.params["value"]
        words, always, never = _COMPARISONS[op.name]
        mine = self._range(var)
        other = self.quantity(value, (*here, "value"))
        target = self._describe(value, other)
        if never(mine, other):
            return Verdict(NEVER, f"'{var}' is never {words} {target}: {self._why(var)}", here)
        if always(mine, other):
            return Verdict(ALWAYS, f"'{var}' is always {words} {target}: {self._why(var)}", here)
        return Verdict(MAYBE)

    def _flag(self, var: str, here: Path_) -> Verdict:
        low, high = self._range(var)
        if low == high == 0:
            return Verdict(NEVER, f"flag '{var}' is never set: {self._why(var)}", here)
        if low > 0 or high < 0:
            return Verdict(ALWAYS, f"flag '{var}' is always set: {self._why(var)}", here)
        return Verdict(MAYBE)

    def _dates(self, op: Op, here: Path_) -> Verdict:
        calendar = self.world.calendar
        if op.name == "between":
            first = calendar.turn_of(op.params["from"])
            last = calendar.turn_of(op.params["to"])
            written = f"between {op.params['from']} and {op.params['to']}"
        else:
            date = op.params["date"]
            turn = calendar.turn_of(date)
            first, last = (turn, math.inf) if op.name == "after" else (-math.inf, turn - 1)
            written = f"{op.name} {date}"
        start, end = self.turns
        tested = (
            f"it is tested only from {calendar.label(int(start))} to {calendar.label(int(end))}"
        )
        if last < start or first > end or first > last:
            return Verdict(NEVER, f"'{written}' never holds: {tested}", here)
        if first <= start and end <= last:
            return Verdict(ALWAYS, f"'{written}' always holds: {tested}", here)
        return Verdict(MAYBE)

    # -- quantities --------------------------------------------------------------------

    def quantity(self, value: Any, path: Path_) -> Interval:
        """The values a quantity written at `path` can take."""
        if value is None:
            return (0.0, 0.0)
        if isinstance(value, int | float):
            return (float(value), float(value))
        if isinstance(value, str):
            return self._range(value)
        if not isinstance(value, Op):
            return ANYTHING
        params = value.params
        if value.name in _FOLDS:
            terms = [
                self.quantity(term, (*self._param(path, value, "of"), i))
                for i, term in enumerate(params["of"])
            ]
            result = terms[0]
            for term in terms[1:]:
                result = _FOLDS[value.name](result, term)
            return result
        if value.name in ("difference", "ratio"):
            first, second = (
                self.quantity(term, (*self._param(path, value, "of"), i))
                for i, term in enumerate(params["of"])
            )
            if value.name == "difference":
                return (first[0] - second[1], first[1] - second[0])
            return _divide(first, second)
        if value.name == "clamp":
            inner = self.quantity(params["value"], self._param(path, value, "value"))
            low = params.get("min")
            high = params.get("max")
            return (_clip(inner[0], low, high), _clip(inner[1], low, high))
        if value.name == "random":
            return (min(params["min"], params["max"]), max(params["min"], params["max"]))
        if value.name == "if":
            test = self.condition(params["condition"], self._param(path, value, "condition"))
            then = self.quantity(params["then"], self._param(path, value, "then"))
            other = self.quantity(params.get("else", 0), self._param(path, value, "else"))
            if test.outcome == ALWAYS:
                return then
            if test.outcome == NEVER:
                return other
            return (min(then[0], other[0]), max(then[1], other[1]))
        if value.name == "modified":
            result = self.quantity(params["base"], self._param(path, value, "base"))
            for i, modifier in enumerate(params["modifiers"]):
                where = (*self._param(path, value, "modifiers"), i, "when")
                holds = self.condition(modifier["when"], where).outcome
                factor = float(modifier["factor"])
                if holds == ALWAYS:
                    result = _multiply(result, (factor, factor))
                elif holds == MAYBE:
                    result = _multiply(result, (min(1.0, factor), max(1.0, factor)))
            return result
        return ANYTHING

    # -- helpers -----------------------------------------------------------------------

    def _param(self, path: Path_, op: Op, name: str) -> Path_:
        """Where a parameter is written: under its own key, or as the shorthand value."""
        written = (*path, op.name, name)
        return written if written in self.located.values else (*path, op.name)

    def _range(self, name: str) -> Interval:
        return self.turns if name == TURN else self.world.range_of(name)

    def _why(self, name: str) -> str:
        if name == TURN:
            start, end = (self.world.calendar.label(int(turn)) for turn in self.turns)
            return f"it is tested only from {start} to {end}"
        return self.world.explain(name)

    def _describe(self, value: Any, interval: Interval) -> str:
        if isinstance(value, int | float):
            return f"{value:g}"
        name = f"'{value}'" if isinstance(value, str) else f"'{value.name}: ...'"
        return f"{name} (which lies within {interval[0]:g}..{interval[1]:g})"


def _multiply(a: Interval, b: Interval) -> Interval:
    # 0 times an unbounded end stands for 0 times a large finite value: 0, not NaN.
    products = [0.0 if math.isnan(x * y) else x * y for x in a for y in b]
    return (min(products), max(products))


def _divide(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        return ANYTHING  # the engine gives 0 where the divisor is 0, anything near it
    return _multiply(a, (1 / b[1], 1 / b[0]))


def _clip(value: float, low: float | None, high: float | None) -> float:
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value


_FOLDS = {
    "sum": lambda a, b: (a[0] + b[0], a[1] + b[1]),
    "product": _multiply,
    "min": lambda a, b: (min(a[0], b[0]), min(a[1], b[1])),
    "max": lambda a, b: (max(a[0], b[0]), max(a[1], b[1])),
}
