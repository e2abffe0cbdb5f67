"""Why an option, decision or policy is closed, in words a player reads.

A closed choice is never hidden: it is shown greyed with the modder's `hint:` or, without
one, a sentence generated from the part of its condition that fails ("needs heavy
industry at least 40; it stands at 31"). The condition tree is walked with the truth
value each part must take; only the parts that stand in the way are named. Every part is
evaluated on a private copy of one row of the state, so nothing here can change a
campaign or move its random stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.core.context import TurnContext
from game.core.layout import TURN, Variable
from game.core.model import Scenario
from game.core.registry import Op
from game.core.scope import Scope
from game.core.state import State
from game.core.text import Text
from game.core.units import title

# A comparison wanted false is its opposite wanted true.
_OPPOSITE = {
    "at_least": "below",
    "below": "at_least",
    "at_most": "above",
    "above": "at_most",
    "equals": "differs",
}
_COMPARE = {
    "at_least": np.greater_equal,
    "at_most": np.less_equal,
    "above": np.greater,
    "below": np.less,
    "equals": np.equal,
    "differs": np.not_equal,
}
_WORDS = {
    "at_least": "at least",
    "at_most": "at most",
    "above": "above",
    "below": "below",
}


@dataclass(frozen=True)
class Clause:
    """One thing that stands in the way: "needs" + what, "(now ...)" where a value is read."""

    lead: str
    body: str
    now: str = ""

    def alone(self) -> str:
        return f"{self.lead} {self.body}; it stands at {self.now}" if self.now else self.phrase()

    def phrase(self) -> str:
        return f"{self.lead} {self.body}"

    def inline(self) -> str:
        """As an item of a list: what is needed, with the value it has now."""
        lead = self.lead.removeprefix("needs").removeprefix("only").strip()
        text = f"{lead} {self.body}" if lead else self.body
        return f"{text} (now {self.now})" if self.now else text


def why_closed(scenario: Scenario, op: Op | None, hint: str, state: State, row: int = 0) -> str:
    """Why a choice guarded by this condition is closed in the state's row: "" when the
    condition holds, else the hint (its values filled in from the state), else a
    sentence built from what fails."""
    if op is None:
        return ""
    reader = _Reader(scenario, state, row)
    if reader.holds(op):
        return ""
    if hint:
        return hint.render(scenario, state, row) if isinstance(hint, Text) else hint
    return sentence(reader.clauses(op, True))


def condition_phrase(scenario: Scenario, op: Op, state: State, holds: bool, row: int = 0) -> str:
    """What a condition asks, put as the state meets it: "collectivisation at Crash pace
    (now Crash pace)" where it holds, the opposite where it does not."""
    text = _Reader(scenario, state, row).requirement(op, holds).inline()
    # "at Steady (now Steady)": where an equality holds its value need not be said twice.
    return re.sub(r" (at|at least|at most) ([^()]+?) \(now \2\)", r" \1 \2", text)


def sentence(clauses: list[Clause]) -> str:
    """Clauses joined as a player reads them: one alone keeps its own value
    ("...; it stands at 31"); several share their leads ("needs A (now 3) and B")."""
    if not clauses:
        return "not possible in the present situation"
    if len(clauses) == 1:
        return clauses[0].alone()
    needs = [c.inline() for c in clauses if c.lead == "needs"]
    others = [c.phrase() for c in clauses if c.lead != "needs"]
    return "; ".join(([f"needs {_and(needs)}"] if needs else []) + others)


def variable_label(var: Variable) -> str:
    """A variable's name inside a sentence: lower-cased where its first word is a plain
    word ("heavy industry", "talks with the West"), kept where it looks like a name
    ("Franco-Soviet pact", "French Communists", "NKVD")."""
    text = title(var)
    words = text.split()
    first = words[0] if words else ""
    plain = first[:1].isupper() and not any(ch.isupper() for ch in first[1:])
    if plain and (len(words) == 1 or words[1][:1].islower()):
        return text[:1].lower() + text[1:]
    return text


def _flag(var: Variable, want: bool) -> Clause:
    # A flag's name is often a sentence ("Hitler governs Germany"): quoted, it reads as
    # the state of affairs it names.
    return Clause("needs" if want else "only without", f"“{title(var)}”")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


class _Reader:
    """Evaluates parts of a condition on one row, read-only, and says why they fail."""

    def __init__(self, scenario: Scenario, state: State, row: int) -> None:
        self.scenario = scenario
        self.layout = scenario.layout
        self.calendar = scenario.calendar
        values = np.array(state.values[row : row + 1], dtype=np.float64)  # a private copy
        turn = int(values[0, self.layout.col(TURN)])
        self.ctx = TurnContext(self.layout, values, state.seeds[row : row + 1], turn, None)
        self.scope = Scope(
            self.layout,
            self.calendar,
            {e.id: e.index for e in scenario.events},
            {e.id: {o.id: o.index for o in e.options} for e in scenario.events},
            {d.id: d.index for d in scenario.decisions},
            {e.id: e.index for e in scenario.endings},
        )

    # -- evaluation --------------------------------------------------------------------

    def holds(self, op: Op) -> bool:
        return bool(np.asarray(self.scope.condition(op)(self.ctx)).reshape(-1)[0])

    def quantity(self, value: Any) -> float:
        return float(np.asarray(self.scope.quantity(value)(self.ctx)).reshape(-1)[0])

    def var(self, name: str) -> Variable:
        return self.layout.variables[self.layout.col(name)]

    # -- words -------------------------------------------------------------------------

    def clauses(self, op: Op, want: bool) -> list[Clause]:
        """What stands in the way of `op` being `want`, given that it is not."""
        name, params = op.name, op.params
        if name == "not":
            return self.clauses(params["condition"], not want)
        if name in ("all", "any"):
            conjunction = (name == "all") == want
            parts: list[Op] = params["of"]
            if conjunction:
                # Every part must take the wanted value: name only those that do not.
                failing = [p for p in parts if self.holds(p) != want]
                return [c for p in failing for c in self.clauses(p, want)]
            # One part would do: offer them all.
            items = [self.requirement(p, want).inline() for p in parts]
            return [Clause("needs one of:", ", ".join(items))]
        if name == "count":
            return [self._count(params, want)]
        return [self.requirement(op, want)]

    def requirement(self, op: Op, want: bool) -> Clause:
        """What `op` taking the value `want` asks for, whether or not it does now."""
        name, params = op.name, op.params
        if name in _WORDS or name == "equals":
            return self._comparison(name if want else _OPPOSITE[name], params)
        if name == "flag":
            return _flag(self.var(params["var"]), want)
        if name in ("after", "before", "between"):
            return self._dates(name, params, want)
        if name == "fired":
            title = self._event_title(params["event"])
            return Clause("only after" if want else "not after", title)
        if name == "fired_within":
            quarters = int(params["quarters"])
            span = "this quarter" if quarters == 1 else f"the last {quarters} quarters"
            title = self._event_title(params["event"])
            return Clause("only if" if want else "not if", f"{title} came within {span}")
        if name == "chose":
            event = self.scenario.event(params["event"])
            option = event.option(params["option"])
            body = f"“{option.text}” was the answer to {event.title}"
            return Clause("only if" if want else "not if", body)
        if name == "decided":
            title = self.scenario.decision(params["decision"]).title
            return Clause("only once" if want else "not once", f"{title} is done")
        if name == "chance":
            return Clause("depends", "on chance")
        if name in ("all", "any", "not", "count"):
            return Clause("needs", self._listed(op, want))
        return Clause("needs", name.replace("_", " "))

    def _listed(self, op: Op, want: bool) -> str:
        """A compound condition as one item of a list."""
        if op.name == "not":
            return self.requirement(op.params["condition"], not want).inline()
        if op.name == "count":
            return self._count(op.params, want).body
        items = [self.requirement(p, want).inline() for p in op.params["of"]]
        return (_and if (op.name == "all") == want else _or)(items)

    def _comparison(self, name: str, params: dict[str, Any]) -> Clause:
        var = self.var(params["var"])
        target = self.quantity(params["value"])
        if var.kind == "flag":
            # A flag compared with a number is a flag that must be set, or must not be.
            wants_set = _COMPARE[name](1.0, target) and not _COMPARE[name](0.0, target)
            return _flag(var, bool(wants_set))
        now = var.describe_value(float(self.ctx.values[0, self.layout.col(var.name)]))
        label = variable_label(var)
        shown = var.describe_value(target)
        if name == "equals":
            body = f"{label} at {shown}"
        elif name == "differs":
            body = f"{label} other than {shown}"
        else:
            body = f"{label} {_WORDS[name]} {shown}"
        return Clause("needs", body, now)

    def _dates(self, name: str, params: dict[str, Any], want: bool) -> Clause:
        label = self.calendar.label
        if name == "between":
            first = self.calendar.turn_of(params["from"])
            last = self.calendar.turn_of(params["to"])
            if want:
                return Clause("only", f"from {label(first)} to {label(last)}")
            return Clause("not", f"from {label(first)} to {label(last)}")
        target = self.calendar.turn_of(params["date"])
        # "after X" holds from X on; "before X" holds until the quarter before X.
        from_target = (name == "after") == want
        if from_target:
            return Clause("only", f"from {label(target)}")
        return Clause("only", f"until {label(target - 1)}")

    def _count(self, params: dict[str, Any], want: bool) -> Clause:
        parts: list[Op] = params["of"]
        holding = sum(self.holds(p) for p in parts)
        low, high = params.get("at_least"), params.get("at_most")
        if low is not None and high is not None:
            bound = f"from {low} to {high}"
        elif low is not None:
            bound = f"at least {low}"
        else:
            bound = f"at most {high}"
        items = _and([self.requirement(p, True).inline() for p in parts])
        lead = "needs" if want else "not with"
        verb = "holds" if holding == 1 else "hold"
        return Clause(lead, f"{bound} of {items} ({holding} now {verb})")

    def _event_title(self, event_id: str) -> str:
        return self.scenario.event(event_id).title
