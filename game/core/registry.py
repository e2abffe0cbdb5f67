"""The one registry of conditions, quantities and effects.

Each operation declares its typed parameters and a description; the content loader
builds its validation models from these declarations, the schema command turns them
into JSON Schema and the reference generator into documentation, so the three cannot
drift apart. Each operation also names the function that compiles it into a
vectorised callable over the state array.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Parameter types a modder can write. References are checked by the loader.
PARAM_TYPES = {
    "number": "a number",
    "integer": "a whole number",
    "text": "a piece of text",
    "date": "a quarter date such as 1933-Q1",
    "variable": "the name of a declared variable",
    "event": "the id of an event",
    "decision": "the id of a decision",
    "ending": "the id of an ending",
    "option": "the id of one of the event's options",
    "quantity": "a number, a variable name, or a quantity operation",
    "quantities": "a list of quantities",
    "condition": "a condition",
    "conditions": "a list of conditions",
    "effects": "a list of effects",
    "modifiers": "a list of {when: condition, factor: number}",
    "variables": "a list of variable names",
    "matrix": "a list of rows, each a list of numbers",
}

KINDS = ("condition", "quantity", "effect")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    required: bool = True
    default: Any = None

    def __post_init__(self) -> None:
        if self.type not in PARAM_TYPES:
            raise ValueError(f"unknown parameter type {self.type}")


@dataclass(frozen=True)
class Op:
    """A parsed operation: its name and parameters, nested operations already parsed."""

    name: str
    params: dict[str, Any]


@dataclass(frozen=True)
class OpSpec:
    kind: str
    name: str
    description: str
    params: tuple[Param, ...]
    example: Any
    compile: Callable[..., Any] = field(compare=False)
    shorthand: str | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


REGISTRY: dict[str, dict[str, OpSpec]] = {kind: {} for kind in KINDS}


def register(
    kind: str,
    name: str,
    description: str,
    params: list[Param],
    example: Any,
    shorthand: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare an operation; the decorated function compiles its parameters."""

    def decorate(compile_fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in REGISTRY[kind]:
            raise ValueError(f"{kind} {name} registered twice")
        REGISTRY[kind][name] = OpSpec(
            kind, name, description, tuple(params), example, compile_fn, shorthand
        )
        return compile_fn

    return decorate


def operations(kind: str) -> dict[str, OpSpec]:
    """All operations of one kind, importing the modules that declare them."""
    from game.core import conditions, effects, quantities  # noqa: F401  (they register)

    return REGISTRY[kind]
