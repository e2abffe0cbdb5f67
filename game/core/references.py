"""Which variables an operation reads and writes: the links of the causal chains the
debrief follows from an outcome back to the decisions that made it."""

from __future__ import annotations

from typing import Any

from game.core.model import Scenario
from game.core.registry import Op, operations


def _walk(value: Any, kind: str, reads: set[str], writes: set[str]) -> None:
    if isinstance(value, str) and kind in ("quantity", "quantities"):
        reads.add(value)
    elif isinstance(value, list):
        for item in value:
            _walk(item, kind, reads, writes)
    elif isinstance(value, Op):
        spec = next(
            (
                ops[value.name]
                for k in ("condition", "quantity", "effect")
                if value.name in (ops := operations(k)) and _matches(ops[value.name], value)
            ),
            None,
        )
        if spec is None:
            return
        for param in spec.params:
            inner = value.params.get(param.name)
            if inner is None:
                continue
            if param.type == "variable":
                (writes if spec.kind == "effect" else reads).add(inner)
            elif param.type == "variables":
                (writes if spec.kind == "effect" and param.name == "into" else reads).update(inner)
            elif param.type == "modifiers":
                for modifier in inner:
                    _walk(modifier["when"], "condition", reads, writes)
            else:
                _walk(inner, param.type, reads, writes)


def _matches(spec, op: Op) -> bool:
    return set(op.params) <= {p.name for p in spec.params}


def variables_of(ops: list[Op] | tuple[Op, ...] | Op | None) -> tuple[set[str], set[str]]:
    """(variables read, variables written) by these operations."""
    reads: set[str] = set()
    writes: set[str] = set()
    if ops is None:
        return reads, writes
    for op in ops if isinstance(ops, list | tuple) else [ops]:
        _walk(op, "condition", reads, writes)
    return reads, writes


def traded_variables(scenario: Scenario) -> set[str]:
    """Every declared variable an option, decision, policy or rule reads or changes:
    what the player must be able to see to weigh an order."""
    ops: list[Op] = []
    named: set[str] = set()
    for event in scenario.events:
        for option in event.options:
            ops += option.effect_ops
    for decision in scenario.decisions:
        ops += [*decision.effect_ops, *decision.failure_ops]
        named.update(cost.var for cost in decision.costs)
    for policy in scenario.policies:
        ops += policy.effect_ops
        named.add(policy.var)
    for rule in scenario.rules:
        ops += rule.effect_ops
    reads, writes = variables_of(ops)
    declared = {v.name for v in scenario.layout.declared()}
    return (reads | writes | named) & declared
