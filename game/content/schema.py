"""JSON Schema for scenario files, generated from the file models and the op registry."""

from __future__ import annotations

from typing import Any

from game.content.models import OP_MARKER, ScenarioFileModel
from game.core.registry import OpSpec, Param, operations

SCHEMA_ID = "great-turn.schema.json"

_DEF_NAMES = {"condition": "Condition", "quantity": "Quantity", "effect": "Effect"}


def _ref(kind: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{_DEF_NAMES[kind]}"}


def param_schema(param: Param) -> dict[str, Any]:
    kind = param.type
    if kind == "number":
        schema: dict[str, Any] = {"type": "number"}
    elif kind == "integer":
        schema = {"type": "integer"}
    elif kind == "date":
        schema = {"type": "string", "pattern": r"^\d{4}-Q[1-4]$"}
    elif kind in ("quantity", "condition"):
        schema = _ref(kind)
    elif kind == "quantities":
        schema = {"type": "array", "items": _ref("quantity"), "minItems": 1}
    elif kind == "conditions":
        schema = {"type": "array", "items": _ref("condition")}
    elif kind == "modifiers":
        schema = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"when": _ref("condition"), "factor": {"type": "number"}},
                "required": ["when", "factor"],
                "additionalProperties": False,
            },
        }
    elif kind == "variables":
        schema = {"type": "array", "items": {"type": "string"}, "minItems": 1}
    elif kind == "matrix":
        schema = {"type": "array", "items": {"type": "array", "items": {"type": "number"}}}
    elif kind == "effects":
        schema = {"type": "array", "items": _ref("effect")}
    else:  # text and references by name
        schema = {"type": "string"}
    return {**schema, "description": param.description}


def op_schema(spec: OpSpec) -> dict[str, Any]:
    params: dict[str, Any] = {
        "type": "object",
        "properties": {p.name: param_schema(p) for p in spec.params},
        "required": [p.name for p in spec.params if p.required],
        "additionalProperties": False,
    }
    if spec.shorthand:
        shorthand = spec.param(spec.shorthand)
        assert shorthand is not None
        params = {"anyOf": [params, param_schema(shorthand)]}
    return {
        "type": "object",
        "description": spec.description,
        "properties": {spec.name: params},
        "required": [spec.name],
        "additionalProperties": False,
    }


def _link_ops(node: Any) -> Any:
    """Replace the file models' placeholders with references to the operation schemas."""
    if isinstance(node, dict):
        if OP_MARKER in node:
            linked = {k: v for k, v in node.items() if k != OP_MARKER}
            return {**linked, "$ref": f"#/$defs/{node[OP_MARKER]}"}
        return {k: _link_ops(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_link_ops(v) for v in node]
    return node


def build_schema() -> dict[str, Any]:
    schema = _link_ops(ScenarioFileModel.model_json_schema(ref_template="#/$defs/{model}"))
    defs = schema.setdefault("$defs", {})
    defs["Condition"] = {
        "description": "A condition: a one-key mapping naming the test.",
        "oneOf": [op_schema(s) for s in operations("condition").values()],
    }
    defs["Effect"] = {
        "description": "An effect: a one-key mapping naming the change.",
        "oneOf": [op_schema(s) for s in operations("effect").values()],
    }
    defs["Quantity"] = {
        "description": "A number, a variable's name, or a one-key quantity operation.",
        "anyOf": [
            {"type": "number"},
            {"type": "string", "description": "a variable's name"},
            *[op_schema(s) for s in operations("quantity").values()],
        ],
    }
    # A scenario needs its dates unless it extends another, whose dates it inherits.
    defs["MetaModel"]["if"] = {"not": {"required": ["extends"]}}
    defs["MetaModel"]["then"] = {"required": ["start", "end"]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Great Turn scenario file"
    return schema
