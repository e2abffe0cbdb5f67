"""Why a rule moved a variable: the inputs it read, their weights and their values.

"Army readiness +0.5 — Readiness" tells a player nothing. This module takes the rule's
own operation tree and evaluates it again on the state of the moment the rule ran in
that quarter (rebuilt from the quarter's start and the changes recorded before the
rule), and splits the result into terms that add up to it: a sum into its parts, a
product of one input and fixed weights into that input times the weights, a clamp into
its inside and what the cap took off, an `if` into the branch that applied and why.
What cannot be split (two inputs multiplied, a ratio, a random draw) stays one term,
written out in full. The operations are recompiled from the rule's first random-draw
site, so a draw reads the very number the turn drew; the result is checked against the
recorded change and not offered when they disagree. An axis of the verdict, weighed
again as each quarter ends, is split the same way into its measures.

Everything runs on a private copy of one row: nothing here can change a campaign or move
its random stream.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from game.core import units
from game.core.cause import Cause, CauseKind
from game.core.context import TurnContext
from game.core.explain import condition_phrase, variable_label
from game.core.layout import COUNTER, TURN, Variable, decision_columns
from game.core.model import RuleDef, Scenario
from game.core.records import TurnRecord
from game.core.registry import Op, operations
from game.core.scope import Scope
from game.core.state import State

_MINUS = "\u2212"
# A breakdown is offered only when it reproduces the recorded change this closely: sums
# of a ledger's deltas drift from the real values in the last bits.
_TOLERANCE = 1e-6
_NAME_WORDS = 14
_FIXED = "a fixed amount"


@dataclass(frozen=True)
class Term:
    """One input of a rule's result: how the rule read it, and what it added."""

    text: str  # "equipment 45 × 0.3"
    value: float  # what it adds to the result, in the changed variable's stored units
    name: str  # the input alone, for tight places: "equipment"


@dataclass(frozen=True)
class Step:
    """One effect of the rule on the variable: `add` (the terms add up to the change),
    `set` (they add up to the new value) or `adjust` (a cap, a flag, a factor)."""

    verb: str
    terms: tuple[Term, ...]
    before: float
    after: float


@dataclass(frozen=True)
class Breakdown:
    var: Variable
    rule: RuleDef | None  # None for an axis of the verdict, weighed from its measures
    steps: tuple[Step, ...]
    before: float
    after: float
    because: str = ""  # the rule's own condition, as it held: "purges at Mass operations"

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for step in self.steps for t in step.terms)


@dataclass(frozen=True)
class Explained:
    """A recorded change with the breakdown of the rule that made it (None when it was
    not a rule's, or the rule cannot be read back exactly)."""

    var: str
    delta: float
    cause: Cause
    breakdown: Breakdown | None = None


def rule_name(rule: RuleDef) -> str:
    """A rule as a cause: its title, else the opening clause of its text ("Readiness
    for a great war"), never its id, which usually repeats the variable's own name."""
    if rule.title:
        return rule.title
    text = " ".join(rule.text.split())
    for stop in (". ", ": ", "; ", " (", " \u2014 "):
        text = text.split(stop)[0]
    text = text.rstrip(".")
    words = text.split()
    if len(words) > _NAME_WORDS:
        # A long clause is cut at its first comma that leaves a phrase of its own.
        head = text.split(", ")[0]
        text = head if 3 <= len(head.split()) <= _NAME_WORDS else " ".join(words[:10]) + "\u2026"
    return text or rule.id.replace("_", " ").capitalize()


def moment(
    scenario: Scenario, start: State, record: TurnRecord, cause: Cause, row: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """One row of the state as it stood when `cause` first wrote in the record's quarter:
    the quarter's start plus every change recorded before it. Causes run one after
    another (orders, then the rules in their order), so the changes listed before a
    cause's first one are exactly those made before it ran. Returns the values (one
    row, a private copy) and the row's seed."""
    layout = scenario.layout
    values = np.array(start.values[row : row + 1], dtype=np.float64)
    values[0, layout.col(TURN)] = values[0, layout.col(COUNTER)] = float(record.turn)
    # Decisions are carried out before any rule, and a rule may ask whether one was.
    for decision_id, success in record.decisions.items():
        columns = decision_columns(decision_id)
        values[0, layout.col(columns["taken"])] += success
        values[0, layout.col(columns["last"])] = record.turn
    for change in record.changes:
        if change.cause == cause:
            break
        if change.var in layout.index:  # a save's variable the content has since dropped
            values[0, layout.col(change.var)] += change.delta
    return values, start.seeds[row : row + 1]


def explain_changes(
    scenario: Scenario, start: State, record: TurnRecord, var: str, row: int = 0
) -> list[Explained]:
    """The record's changes to `var`, each rule's (and each axis of the verdict's) with
    its breakdown. `start` is the state at the start of the record's quarter."""
    out = []
    for change in record.changes_to(var):
        breakdown = None
        if change.cause.kind is CauseKind.RULE:
            breakdown = explain_rule(scenario, start, record, change.cause.id, var, row)
        elif change.cause.kind is CauseKind.VERDICT:
            breakdown = explain_axis(scenario, start, record, change.cause.id, row)
        if breakdown is not None and not math.isclose(
            breakdown.change, change.delta, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE
        ):
            breakdown = None
        out.append(Explained(var, change.delta, change.cause, breakdown))
    return out


def explain_rule(
    scenario: Scenario, start: State, record: TurnRecord, rule_id: str, var: str, row: int = 0
) -> Breakdown | None:
    """How the rule changed `var` in the record's quarter (None if it did not run)."""
    rule = next((r for r in scenario.rules if r.id == rule_id), None)
    if rule is None:
        return None
    values, seeds = moment(scenario, start, record, Cause.rule(rule_id), row)
    return _Walker(scenario, rule, values, seeds, record.turn).explain(var)


def explain_axis(
    scenario: Scenario, start: State, record: TurnRecord, axis_id: str, row: int = 0
) -> Breakdown | None:
    """How an axis of the verdict was weighed at the end of the record's quarter: each
    measure's variable, the score it earns between its worst and best values, and its
    share of the axis (the terms add up to the axis's score)."""
    axis = next((a for a in scenario.verdict if a.id == axis_id), None)
    if axis is None:
        return None
    layout = scenario.layout
    values, _ = moment(scenario, start, record, Cause.verdict(axis_id), row)
    total = sum(m.weight for m in axis.measures)
    terms = []
    for measure, value, score in axis.breakdown(values[0]):
        var = layout.variables[measure.column]
        label = _label(var)
        worst, best = (units.format_number(var, v) for v in (measure.worst, measure.best))
        # No weight multiplies the stored number here: the value reads in its real units.
        read = (
            _reading(var, value, label)
            if units.unit_of(var) in (units.FLAG, units.LEVEL)
            else f"{label}: {units.format_value(var, value, phrase=False)}"
        )
        text = (
            f"{read}, scoring {number(round(score, 1))} "
            f"(0 at {worst}, 100 at {best}) \u00d7 {number(measure.weight / total)}"
        )
        terms.append(Term(text, score * measure.weight / total, label))
    target = layout.variables[axis.column]
    before = float(values[0, axis.column])
    after = float(np.clip(axis.compute(values)[0], target.minimum, target.maximum))
    steps = (Step("set", tuple(terms), before, after),)
    return Breakdown(target, None, steps, before, after)


# -- reading a rule back -----------------------------------------------------------------


class _Unreadable(Exception):
    """The terms found do not make the change the effect made."""


class _Tracing(Scope):
    """A scope that keeps what it compiled for each operation and the draw site each got."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.compiled: dict[int, Any] = {}
        self.sites: dict[int, int] = {}
        self._compiling: list[Op] = []

    def allocate_site(self) -> int:
        site = super().allocate_site()
        if self._compiling:
            self.sites[id(self._compiling[-1])] = site
        return site

    def _compile(self, kind: str, op: Op):
        self._compiling.append(op)
        try:
            compiled = operations(kind)[op.name].compile(self, **op.params)
        finally:
            self._compiling.pop()
        self.compiled[id(op)] = compiled
        return compiled

    def quantity(self, value: Any):
        if isinstance(value, Op):
            return self._compile("quantity", value)
        return super().quantity(value)

    def condition(self, op: Op | None):
        return super().condition(None) if op is None else self._compile("condition", op)

    def effects(self, ops: list[Op] | None):
        compiled = [self._compile("effect", op) for op in ops or []]

        def run_all(ctx: TurnContext, mask: np.ndarray) -> None:
            for effect in compiled:
                effect(ctx, mask)

        return run_all


@dataclass
class _Part:
    """A term while it is being built: `text` times `weight` adds `raw * weight`."""

    text: str
    raw: float
    name: str
    weight: float = 1.0
    because: list[str] = field(default_factory=list)

    def scaled(self, factor: float) -> _Part:
        return replace(self, weight=self.weight * factor, because=list(self.because))

    def term(self) -> Term:
        text = self.text
        if self.weight == -1.0:
            text = f"minus {text}"
        elif self.weight != 1.0:
            text = f"{_grouped(text)} \u00d7 {number(self.weight)}"
        if self.because:
            text += f" ({'; '.join(self.because)})"
        return Term(text, self.raw * self.weight, self.name)


class _Walker:
    def __init__(
        self, scenario: Scenario, rule: RuleDef, values: np.ndarray, seeds, turn: int
    ) -> None:
        self.scenario = scenario
        self.layout = scenario.layout
        self.rule = rule
        self.scope = _Tracing(
            self.layout,
            scenario.calendar,
            {e.id: e.index for e in scenario.events},
            {e.id: {o.id: o.index for o in e.options} for e in scenario.events},
            {d.id: d.index for d in scenario.decisions},
            {e.id: e.index for e in scenario.endings},
            next_site=rule.site,
        )
        # The order the content compiler used, so that every draw gets its own site back.
        self.scope.condition(rule.when_op)
        self.scope.effects(list(rule.effect_ops))
        self.ctx = TurnContext(self.layout, values, seeds, turn, None)
        self.everywhere = np.ones(1, dtype=bool)
        self.target: Variable | None = None
        # Why the effects that moved the variable applied: the rule's own condition and
        # the branches taken on the way to them.
        self.reasons: list[str] = []

    # -- evaluation ------------------------------------------------------------------------

    def value(self, node: Any) -> float:
        if isinstance(node, bool | int | float):
            return float(node)
        if isinstance(node, str):
            return float(self.ctx.values[0, self.layout.col(node)])
        return float(np.asarray(self.scope.compiled[id(node)](self.ctx)).reshape(-1)[0])

    def holds(self, op: Op) -> bool:
        return bool(np.asarray(self.scope.compiled[id(op)](self.ctx)).reshape(-1)[0])

    def reason(self, op: Op, holds: bool) -> str:
        state = State(self.layout, self.ctx.values.copy(), self.ctx.seeds)
        return condition_phrase(self.scenario, op, state, holds)

    def variable(self, name: str) -> Variable:
        return self.layout.variables[self.layout.col(name)]

    def label(self, name: str) -> str:
        return _label(self.variable(name))

    # -- the effects ------------------------------------------------------------------------

    def explain(self, var: str) -> Breakdown | None:
        if self.rule.when_op is not None:
            if not self.holds(self.rule.when_op):
                return None
            self.reasons.append(self.reason(self.rule.when_op, True))
        column = self.layout.col(var)
        self.target = self.variable(var)
        before = float(self.ctx.values[0, column])
        try:
            steps = self.effects(list(self.rule.effect_ops), column)
        except _Unreadable:
            return None
        if not steps:
            return None
        after = float(self.ctx.values[0, column])
        because = "; ".join(dict.fromkeys(self.reasons))
        return Breakdown(self.variable(var), self.rule, tuple(steps), before, after, because)

    def effects(self, ops: list[Op], column: int) -> list[Step]:
        steps: list[Step] = []
        for op in ops:
            if op.name in ("if", "chance"):
                if op.name == "if":
                    holds = self.holds(op.params["condition"])
                    reason = self.reason(op.params["condition"], holds)
                else:
                    odds = self.value(op.params["probability"])
                    holds = float(self.ctx.uniform(self.scope.sites[id(op)])[0]) < odds
                    reason = f"{'won' if holds else 'lost'} a {odds:.0%} chance"
                branch = op.params["then"] if holds else op.params.get("else")
                found = self.effects(list(branch or []), column)
                if found:
                    self.reasons.append(reason)
                steps += found
                continue
            step = self.effect(op, column)
            if step is not None:
                steps.append(step)
        return steps

    def effect(self, op: Op, column: int) -> Step | None:
        """Apply one effect to the private row; the step it made to `column`, if any."""
        target = self.layout.variables[column]
        writes = op.params.get("var") == target.name or (
            op.name == "input_output" and target.name in op.params["into"]
        )
        before = float(self.ctx.values[0, column])
        parts: list[_Part] = []
        verb = "adjust"
        if writes:
            if op.name in ("add", "set"):
                verb = op.name
                parts = self.parts(op.params["value"])
            elif op.name == "input_output":
                verb = "set"
                parts = self.balance(op.params, target.name)
        self.scope.compiled[id(op)](self.ctx, self.everywhere)
        after = float(self.ctx.values[0, column])
        if not writes and after == before:
            return None
        terms = [p.term() for p in parts]
        intended = sum(t.value for t in terms) + (before if verb == "add" else 0.0)
        if not parts:
            terms = [Term(self.adjustment(op, target, before), after - before, op.name)]
        elif not math.isclose(intended, after, rel_tol=1e-9, abs_tol=1e-9):
            # Only the variable's own range may stand between the terms and the result;
            # anything else means the terms are wrong, and no breakdown is better.
            bound = target.maximum if intended > after else target.minimum
            if after != bound:
                raise _Unreadable(op.name)
            words = "capped at" if intended > after else "held at"
            shown = units.format_number(target, bound)
            name = "the end of its range"
            terms.append(Term(f"{words} {shown}, {name}", after - intended, name))
        return Step(verb, tuple(terms), before, after)

    def adjustment(self, op: Op, target: Variable, before: float) -> str:
        params = op.params
        if op.name == "multiply":
            return f"{number(before)} \u00d7 {self.inline(params['value'], True)}"
        if op.name == "clamp":
            low, high = params.get("min"), params.get("max")
            if high is not None and before > high:
                return f"capped at {number(high)}"
            if low is not None and before < low:
                return f"raised to {number(low)}"
            return "kept within bounds"
        if op.name in ("set_flag", "clear_flag"):
            return "set" if op.name == "set_flag" else "cleared"
        return op.name.replace("_", " ")

    def balance(self, params: dict[str, Any], target: str) -> list[_Part]:
        """An input-output row: each sector's output times what this sector keeps of it."""
        i = params["into"].index(target)
        leontief = np.eye(len(params["outputs"])) - np.asarray(params["coefficients"])
        return [
            _Part(self.inline(source), self.value(source), self.name(source), float(leontief[i, j]))
            for j, source in enumerate(params["outputs"])
        ]

    # -- quantities as terms ---------------------------------------------------------------

    def parts(self, node: Any) -> list[_Part]:
        """Terms that add up to the quantity's value."""
        if _constant(node):
            return [_Part(f"a fixed {number(float(node))}", float(node), _FIXED)]
        if not isinstance(node, Op):
            return [_Part(self.inline(node), self.value(node), self.name(node))]
        name, params = node.name, node.params
        if name == "sum":
            return [p for term in params["of"] for p in self.parts(term)]
        if name == "difference" and not any(_constant(t) for t in params["of"]):
            # A gap from a fixed threshold ("50 - living standards") is one input; a
            # difference of two computed things is split into both.
            first, second = params["of"]
            return self.parts(first) + [p.scaled(-1.0) for p in self.parts(second)]
        if name == "product":
            fixed = [f for f in params["of"] if _constant(f)]
            varying = [f for f in params["of"] if not _constant(f)]
            if len(varying) == 1:
                weight = math.prod(float(f) for f in fixed)
                return [p.scaled(weight) for p in self.parts(varying[0])]
        if name == "clamp":
            inside = self.parts(params["value"])
            raw = sum(p.raw * p.weight for p in inside)
            kept = self.value(node)
            if kept != raw:
                if len(inside) == 1:
                    # One input held at a bound: "(army size 1,200 − 1,500, kept at 0)".
                    return [_Part(self.inline(node), kept, inside[0].name)]
                words = f"capped at {number(kept)}" if kept < raw else f"raised to {number(kept)}"
                inside.append(_Part(words, kept - raw, words))
            return inside
        if name == "if":
            holds = self.holds(params["condition"])
            branch = params["then"] if holds else params.get("else", 0)
            parts = self.parts(branch)
            # The innermost test that chose a branch says why; the outer ones it sits
            # in only repeat that it was not something else.
            reason = self.reason(params["condition"], holds)
            named = self.name(params["condition"])
            for p in parts:
                if not p.because:
                    p.because.append(reason)
                    if p.name == _FIXED:
                        p.name = named
            return parts
        return [_Part(self.inline(node), self.value(node), self.name(node))]

    def name(self, node: Any) -> str:
        """The input a term is about, in a word or two ("its own level" when a rule reads
        the variable it changes: decay, or a pull towards a target)."""
        if isinstance(node, str):
            if self.target is not None and node == self.target.name:
                return "its own level"
            return self.label(node)
        if isinstance(node, Op):
            index = self.layout.index
            read = [n for n in _leaves(node) if isinstance(n, str) and n in index and n != TURN]
            if node.name == "random":
                return "chance"
            if read:
                return self.label(read[0])
        return _FIXED

    def inline(self, node: Any, nested: bool = False) -> str:
        """The quantity written out with the values it read: "equipment 45 × 0.3"."""
        if isinstance(node, bool | int | float):
            return number(float(node))
        if isinstance(node, str):
            return self.reading(node)
        name, params = node.name, node.params
        text: str
        if name in ("sum", "product", "difference", "ratio"):
            sign = {"sum": " + ", "product": " \u00d7 ", "difference": f" {_MINUS} "}
            joiner = sign.get(name, " \u00f7 ")
            text = joiner.join(self.inline(t, True) for t in params["of"])
            return f"({text})" if nested and name != "product" else text
        if name in ("min", "max"):
            text = self.bounded(node)
            return f"({text})" if nested else text
        if name == "clamp":
            low, high = params.get("min"), params.get("max")
            if low is not None and high is not None:
                bounds = f"from {number(low)} to {number(high)}"
            else:
                bounds = f"at least {number(low)}" if low is not None else f"at most {number(high)}"
            text = f"{self.inline(params['value'])}, {bounds}"
            return f"({text})" if nested else text
        if name == "if":
            holds = self.holds(params["condition"])
            branch = params["then"] if holds else params.get("else", 0)
            reason = self.reason(params["condition"], holds)
            return f"{self.inline(branch, True)} ({reason})"
        if name == "random":
            value = number(self.value(node))
            return f"a random draw of {value} (from {number(params['min'])} to {number(params['max'])})"
        if name == "modified":
            factors = [
                f"\u00d7 {number(float(m['factor']))}"
                for m in params["modifiers"]
                if self.holds(m["when"])
            ]
            text = " ".join([self.inline(params["base"], True), *factors])
            return f"({text})" if nested and factors else text
        return f"{name.replace('_', ' ')} {number(self.value(node))}"

    def bounded(self, node: Op) -> str:
        """min/max of an input and fixed bounds: "army size 4,800, at most 5,000" (what it
        came to is the term's value, beside it)."""
        terms = node.params["of"]
        varying = [t for t in terms if not _constant(t)]
        fixed = [float(t) for t in terms if _constant(t)]
        chosen = self.value(node)
        if len(varying) == 1 and fixed:
            limit = min(fixed) if node.name == "min" else max(fixed)
            words = "at most" if node.name == "min" else "at least"
            return f"{self.inline(varying[0])}, {words} {number(limit)}"
        which = "smaller" if node.name == "min" else "larger"
        listed = " and ".join(self.inline(t, True) for t in terms)
        return f"the {which} of {listed}: {number(chosen)}"

    def reading(self, name: str) -> str:
        return _reading(self.variable(name), self.value(name), self.label(name))


def _label(var: Variable) -> str:
    """A variable inside a sentence; a flag keeps its capitals, for its title is often a
    sentence of its own ("Hitler governs Germany")."""
    return units.title(var) if units.unit_of(var) == units.FLAG else variable_label(var)


def _reading(var: Variable, stored: float, label: str) -> str:
    """A variable as a rule read it: "equipment 45", "grain 45 (33 million tonnes)",
    "collectivisation: Crash pace (2)"."""
    shown = units.format_number(var, stored)
    if units.unit_of(var) in (units.FLAG, units.LEVEL):
        return f"{label}: {shown} ({number(stored)})"
    if var.scale != 1.0:
        return f"{label} {number(stored)} ({units.format_value(var, stored, phrase=False)})"
    return f"{label} {shown}"


def _grouped(text: str) -> str:
    """A sum, a difference or a bounded input written out, bracketed before it is
    multiplied: "(unrest 36 − 50, at least 0) × −0.06"."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and (text[i : i + 3] in (" + ", f" {_MINUS} ") or text[i : i + 2] == ", "):
            return f"({text})"
    return text


def _constant(node: Any) -> bool:
    return isinstance(node, bool | int | float)


def _leaves(node: Any):
    if isinstance(node, Op):
        for value in node.params.values():
            yield from _leaves(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _leaves(item)
    else:
        yield node


def number(value: float) -> str:
    """A weight or a value inside a sum, to four significant figures: '0.0062', '1,500',
    '\u22120.08'."""
    # From 999.95 up four figures are a whole number with its commas ("1,000", not "1000").
    if abs(value) >= 999.95:
        text = f"{value:,.0f}"
    elif value == 0:
        text = "0"
    else:
        text = f"{value:.4g}"
        if "e" in text:
            text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace("-", _MINUS)


# -- words -----------------------------------------------------------------------------


def lines(breakdown: Breakdown, align: bool = True) -> list[str]:
    """The breakdown as a player reads it: one line per term with what it added; the
    terms of an `add` add up to the change, those of a `set` to the new value, which a
    head line gives. Terms count in the variable's stored units (the weights apply to
    those), which a line says where they differ from the units shown. `align` pads the
    sizes into a column, for a fixed-width terminal."""
    var = breakdown.var
    out: list[str] = []
    if var.scale != 1.0:
        size = units.format_quantity(units.unit_of(var), var.scale)
        out.append(f"(the rule counts {variable_label(var)} in units of {size})")
    several = len(breakdown.steps) > 1
    if breakdown.because:
        out.append(f"(the rule applies while {breakdown.because})")
    for step in breakdown.steps:
        if step.verb == "set":
            out.append(f"set to {_level(step.after)} (was {_level(step.before)}), the sum of:")
        elif step.verb == "add" and several:
            out.append(f"{signed(step.after - step.before)}, the sum of:")
        for term in step.terms:
            size = signed(term.value)
            out.append(f"{size:>8}  {term.text}" if align else f"{size}   {term.text}")
    return out


def summary(breakdown: Breakdown, limit: int = 3) -> str:
    """The biggest inputs in a phrase: 'fear \u22121.4, procurement quota +2.6, \u2026'; for a
    rule that sets the value, what it is made of: 'set to 32: equipment +13.5, \u2026'. A
    rule whose amounts are all fixed is explained by when it applies."""
    var = breakdown.var
    # Fixed amounts are part of the rule, not inputs a player can move.
    shown = [t for t in breakdown.terms if signed(t.value) != "\u00b10" and t.name != _FIXED]
    biggest = sorted(shown, key=lambda t: -abs(t.value))[:limit]
    parts = [f"{t.name} {_amount(var, t.value)}" for t in biggest]
    if len(shown) > limit:
        parts.append("\u2026")
    if not parts:
        # Nothing a player moves: the fixed amounts, and when the rule applies.
        fixed = [t for t in breakdown.terms if signed(t.value) != "\u00b10"]
        parts = [_amount(var, t.value) for t in fixed[:limit]]
    if breakdown.because:
        parts.append(f"while {breakdown.because}")
    text = ", ".join(parts)
    if breakdown.steps[-1].verb == "set":
        after = breakdown.after
        head = f"set to {_level(after) if var.scale == 1.0 else units.format_number(var, after)}"
        return f"{head}: {text}" if text else head
    return text


def signed(value: float) -> str:
    """A term's size to three significant figures with its sign: '+13.5', '−0.08'."""
    if abs(value) < 0.0005:
        return "\u00b10"
    size = abs(value)
    # From 999.5 up three figures are a whole number with its commas ("1,000", never
    # "1e+03"); below it `g` writes them plainly down to the 0.0005 cut above.
    text = f"{size:,.0f}" if size >= 999.5 else f"{size:.3g}"
    return ("+" if value > 0 else _MINUS) + text


def _amount(var: Variable, value: float) -> str:
    """A term's size in a phrase: in the variable's real units where it counts in
    bigger ones (famine deaths in thousands read '+1.2 million')."""
    return signed(value) if var.scale == 1.0 else units.format_delta(var, value)


def _level(value: float) -> str:
    """A value a rule set, to three significant figures like its terms: '26.8'."""
    return signed(value)[1:] if value > 0 else signed(value).replace("\u00b10", "0")
