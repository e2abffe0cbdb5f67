"""Parses conditions, quantities and effects against the operation registry.

Each operation is written as a one-key mapping, `{name: parameters}`; an operation
with a shorthand parameter may give that parameter alone (`fired: kirov_murder`).
Every problem is reported with its file, line and column; references to variables,
events, options, decisions and endings are checked with "did you mean" hints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.yamlsource import Located, Path_
from game.core.calendar import Calendar, DateError
from game.core.registry import Op, OpSpec, Param, operations

KIND_NAMES = {"condition": "condition", "quantity": "quantity", "effect": "effect"}


@dataclass
class Refs:
    """The names content may refer to."""

    calendar: Calendar
    variables: set[str]
    writable: set[str]
    events: dict[str, list[str]]
    decisions: set[str]
    endings: set[str]


@dataclass
class OpParser:
    located: Located
    refs: Refs
    problems: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path_, message: str, code: str, key: bool = False) -> None:
        self.problems.append(self.located.diagnostic(path, message, key=key, code=code))

    def condition(self, raw: Any, path: Path_) -> Op | None:
        return self._op("condition", raw, path)

    def conditions(self, raw: Any, path: Path_) -> list[Op]:
        return self._list(raw, path, self.condition, "conditions")

    def effects(self, raw: Any, path: Path_) -> list[Op]:
        return self._list(raw, path, lambda item, p: self._op("effect", item, p), "effects")

    def quantity(self, raw: Any, path: Path_) -> Any:
        if isinstance(raw, bool):
            self.error(path, "expected a number, a variable or a quantity, not true/false", "type")
            return None
        if isinstance(raw, int | float):
            return float(raw)
        if isinstance(raw, str):
            return self.variable(raw, path)
        return self._op("quantity", raw, path)

    def variable(self, name: Any, path: Path_, write: bool = False) -> str | None:
        if not isinstance(name, str):
            self.error(path, f"expected a variable name, got {_show(name)}", "type")
            return None
        if name not in self.refs.variables:
            self.error(
                path,
                f"unknown variable '{name}'{did_you_mean(name, self.refs.variables)}",
                "unknown-variable",
            )
            return None
        if write and name not in self.refs.writable:
            self.error(
                path,
                f"'{name}' is kept by the engine and cannot be changed by effects",
                "read-only",
            )
            return None
        return name

    def _list(self, raw: Any, path: Path_, parse_item, what: str) -> list[Op]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.error(path, f"expected a list of {what}, got {_show(raw)}", "type")
            return []
        parsed = [parse_item(item, (*path, i)) for i, item in enumerate(raw)]
        return [op for op in parsed if op is not None]

    def _op(self, kind: str, raw: Any, path: Path_) -> Op | None:
        specs = operations(kind)
        if not isinstance(raw, dict) or len(raw) != 1:
            example = next(iter(specs))
            self.error(
                path,
                f"expected one {kind} written as a one-key mapping such as "
                f"'{example}: ...', got {_show(raw)}",
                "op-shape",
            )
            return None
        name, params = next(iter(raw.items()))
        spec = specs.get(name)
        if spec is None:
            hint = did_you_mean(name, specs)
            self.error((*path, name), f"unknown {kind} '{name}'{hint}", f"unknown-{kind}", key=True)
            return None
        return self._params(spec, params, (*path, name))

    def _params(self, spec: OpSpec, raw: Any, path: Path_) -> Op | None:
        names = {p.name for p in spec.params}
        if spec.shorthand and not (isinstance(raw, dict) and raw and set(raw) <= names):
            raw, shorthand = {spec.shorthand: raw}, True
        else:
            shorthand = False
        if not isinstance(raw, dict):
            self.error(
                path,
                f"'{spec.name}' takes parameters {_param_list(spec)}, got {_show(raw)}",
                "type",
            )
            return None
        params: dict[str, Any] = {}
        ok = True
        for key in raw:
            if key not in names:
                self.error(
                    (*path, key),
                    f"'{spec.name}' has no parameter '{key}'{did_you_mean(key, names)}; it takes {_param_list(spec)}",
                    "unknown-parameter",
                    key=True,
                )
                ok = False
        for param in spec.params:
            param_path = path if shorthand else (*path, param.name)
            if param.name not in raw:
                if param.required:
                    self.error(
                        path,
                        f"'{spec.name}' needs the parameter '{param.name}' ({param.description})",
                        "missing-parameter",
                    )
                    ok = False
                continue
            before = len(self.problems)
            value = self._param(spec, param, raw[param.name], param_path, raw)
            # A parameter with a problem spoils the operation, even one written as null.
            if len(self.problems) > before or (value is None and raw[param.name] is not None):
                ok = False
            params[param.name] = value
        return Op(spec.name, params) if ok else None

    def _param(self, spec: OpSpec, param: Param, raw: Any, path: Path_, siblings: dict) -> Any:
        kind = param.type
        if kind == "condition":
            return self.condition(raw, path)
        if kind == "conditions":
            items = self.conditions(raw, path)
            return items if isinstance(raw, list) and len(items) == len(raw) else None
        if kind == "effects":
            items = self.effects(raw, path)
            return items if isinstance(raw, list) and len(items) == len(raw) else None
        if kind == "quantity":
            return self.quantity(raw, path)
        if kind == "modifiers":
            return self._modifiers(raw, path)
        if kind == "variables":
            return self._variables(raw, path, write=spec.kind == "effect" and param.name == "into")
        if kind == "matrix":
            return self._matrix(raw, path, siblings)
        if kind == "quantities":
            return self._quantities(spec, raw, path)
        if kind == "variable":
            return self.variable(raw, path, write=spec.kind == "effect")
        if kind in ("number", "integer"):
            return self._number(raw, path, kind)
        if kind == "date":
            return self._date(raw, path)
        if kind == "text":
            if isinstance(raw, str):
                return raw
            self.error(path, f"expected text, got {_show(raw)}", "type")
            return None
        return self._reference(kind, raw, path, siblings)

    def _quantities(self, spec: OpSpec, raw: Any, path: Path_) -> list | None:
        if not isinstance(raw, list) or not raw:
            self.error(path, f"'{spec.name}' takes a list of quantities, got {_show(raw)}", "type")
            return None
        if spec.name in ("difference", "ratio") and len(raw) != 2:
            self.error(path, f"'{spec.name}' takes exactly two quantities, got {len(raw)}", "arity")
            return None
        items = [self.quantity(item, (*path, i)) for i, item in enumerate(raw)]
        return None if any(item is None for item in items) else items

    def _variables(self, raw: Any, path: Path_, write: bool) -> list | None:
        if not isinstance(raw, list) or not raw:
            self.error(path, f"expected a list of variable names, got {_show(raw)}", "type")
            return None
        names = [self.variable(item, (*path, i), write=write) for i, item in enumerate(raw)]
        return None if any(name is None for name in names) else names

    def _matrix(self, raw: Any, path: Path_, siblings: dict) -> list | None:
        size = (
            len(siblings.get("outputs") or []) if isinstance(siblings.get("outputs"), list) else 0
        )
        rows_ok = isinstance(raw, list) and all(isinstance(row, list) for row in raw)
        if not rows_ok or len(raw) != size or any(len(row) != size for row in raw):
            self.error(
                path,
                f"expected a {size} by {size} matrix (one row of {size} numbers per output), got {_show(raw)}",
                "matrix",
            )
            return None
        cells = [
            [self._number(v, (*path, i, j), "number") for j, v in enumerate(row)]
            for i, row in enumerate(raw)
        ]
        return None if any(v is None for row in cells for v in row) else cells

    def _modifiers(self, raw: Any, path: Path_) -> list | None:
        if not isinstance(raw, list):
            self.error(
                path,
                f"expected a list of modifiers ({{when: ..., factor: ...}}), got {_show(raw)}",
                "type",
            )
            return None
        parsed = []
        for i, item in enumerate(raw):
            item_path = (*path, i)
            if not isinstance(item, dict) or set(item) != {"when", "factor"}:
                self.error(
                    item_path,
                    f"a modifier is a mapping with exactly 'when' and 'factor', got {_show(item)}",
                    "type",
                )
                return None
            when = self.condition(item["when"], (*item_path, "when"))
            factor = self._number(item["factor"], (*item_path, "factor"), "number")
            if when is None or factor is None:
                return None
            parsed.append({"when": when, "factor": factor})
        return parsed

    def _number(self, raw: Any, path: Path_, kind: str) -> float | int | None:
        if kind == "integer" and isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if kind == "number" and isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        self.error(
            path,
            f"expected {'a whole number' if kind == 'integer' else 'a number'}, got {_show(raw)}",
            "type",
        )
        return None

    def _date(self, raw: Any, path: Path_) -> str | None:
        if not isinstance(raw, str):
            self.error(path, f"expected a quarter date such as 1933-Q1, got {_show(raw)}", "date")
            return None
        try:
            self.refs.calendar.turn_of(raw)
        except DateError as exc:
            self.error(path, str(exc), "date")
            return None
        return raw

    def _reference(self, kind: str, raw: Any, path: Path_, siblings: dict) -> str | None:
        if not isinstance(raw, str):
            self.error(
                path,
                f"expected the id of {'an' if kind[0] in 'aeio' else 'a'} {kind}, got {_show(raw)}",
                "type",
            )
            return None
        if kind == "option":
            event = siblings.get("event")
            known = self.refs.events.get(event, []) if isinstance(event, str) else []
            if isinstance(event, str) and event in self.refs.events and raw not in known:
                choices = ", ".join(known) or "none"
                self.error(
                    path,
                    f"event '{event}' has no option '{raw}'{did_you_mean(raw, known)}; its options: {choices}",
                    "unknown-option",
                )
                return None
            return raw
        known_ids = {
            "event": self.refs.events,
            "decision": self.refs.decisions,
            "ending": self.refs.endings,
        }[kind]
        if raw not in known_ids:
            self.error(
                path, f"unknown {kind} '{raw}'{did_you_mean(raw, known_ids)}", f"unknown-{kind}"
            )
            return None
        return raw


def _param_list(spec: OpSpec) -> str:
    return ", ".join(p.name + ("" if p.required else "?") for p in spec.params)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."
