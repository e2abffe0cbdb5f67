"""The modders' reference (scenarios/REFERENCE.md), generated, never written by hand.

Its two halves come from the two places that define the format: the file sections and
their fields from the JSON Schema of the pydantic file models, and the conditions,
quantities and effects from the operation registry. A test regenerates it and fails when
the shipped file differs, so the reference cannot drift from what the loader accepts.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from game.content.atlas import load_atlas
from game.content.lint import ERRORS, WARNINGS
from game.content.schema import build_schema
from game.core.registry import KINDS, PARAM_TYPES, OpSpec, Param, operations
from game.core.units import UNITS

REGENERATE = "python -m game reference --out scenarios/REFERENCE.md"

_KIND_TITLES = {"condition": "Conditions", "quantity": "Quantities", "effect": "Effects"}
_KIND_INTROS = {
    "condition": (
        "A condition is a test that holds or not in each quarter. It is written wherever a "
        "field says *condition*: an event's `trigger`, an option's or a decision's `when`, "
        "an ending's `when`."
    ),
    "quantity": (
        "A quantity is a number computed from the state. Wherever a field or a parameter "
        "says *quantity* you may write a plain number (`5`), a variable's name "
        "(`economy.heavy_industry`) or one of these operations; they nest."
    ),
    "effect": (
        "An effect changes variables or schedules events. Effects are written as a list "
        "under `effects:` (of events, options, decisions and rules), `on_change:` of "
        "policies and `on_failure:` of decisions. Every change is kept within the "
        "variable's declared `min` and `max`, and recorded with its cause."
    ),
}

# Fields the file models leave undescribed because their meaning is the same everywhere.
_COMMON_FIELDS = {
    "id": "a unique name: lower-case letters, digits and _, starting with a letter",
    "title": "the name shown to the player",
    "text": "the text shown to the player",
    "name": "the name shown to the player",
    "description": "a longer explanation, shown in tooltips and help",
    "when": "only available (or only applies) while this holds",
    "effects": "what it changes, in order",
    "sources": "the source texts it rests on",
    "min": "the smallest value",
    "max": "the largest value",
    "initial": "the value at the start",
    "group": "the group (panel) it belongs to: an id from `groups:`",
    "once": "at most once per campaign",
    "cooldown": "quarters to wait before it can happen again",
    "unit": "the unit the figure is written in, in words, e.g. 'million tonnes'",
    "kind": "number, flag (0 or 1) or level (0, 1, 2, ... with labels)",
    "weight": "how likely the computer players pick it, relative to the others",
    "value": "the value",
    "var": "a variable's name",
    "date": "a quarter such as 1933-Q1",
    "step": "the rule step it runs in: one of the scenario's `steps`",
    "image": "a picture file, relative to the scenario folder",
    "tooltip": "extra text shown when the pointer rests on it",
    "historical": "what the real leadership chose (used by the debrief and the historical policy)",
    "epilogue": "what happened next, shown on the end screen",
    "levels": "the levels a player can choose, lowest first",
    "label": "the name of the level",
    "costs": "variable -> amount paid when taken",
    "ai_weight": "how much the computer players want it",
    "ai_preference": "the level the computer players prefer",
    "theme": "the debate it belongs to",
    "low": "the lowest plausible value",
    "high": "the highest plausible value",
    "start": "the first quarter, such as 1928-Q4",
    "end": "the last quarter, such as 1941-Q2",
    "trigger": "it can fire only while this holds",
    "options": (
        "the choices offered to the player; none (or one) for a happening that needs no "
        "decision, which arrives as a dispatch"
    ),
    "on_change": "effects applied when the player moves to another level",
    "on_failure": "effects applied when the odds fail",
    "max_decisions_per_turn": "how many decisions the player may take in one quarter",
    "key_indicators": (
        "the variables the main screen shows, in this order, and whose change one quarter on "
        "every preview shows; every other variable is in the window's ledger"
    ),
    "color": "its colour on the map",
    "home_position": "map position [x, y] of the player's country, 0..1 (the board drawn "
    "when the map has no regions)",
    "orders": "what the real leadership ordered, quarter by quarter",
    "figures": "real figures to compare the simulation with",
    "questions": "discussion questions, each asked when its condition holds",
}

# What each top-level section holds.
_SECTIONS = {
    "scenario": "the scenario itself: id, title, dates and rule steps (only in scenario.yaml)",
    "groups": "the groups (panels) that variables, events and decisions belong to",
    "variables": "every number the scenario keeps, by name, e.g. `economy.heavy_industry`",
    "powers": "foreign powers shown on the map and in diplomacy",
    "parties": "communist parties abroad, for the Comintern",
    "policies": "standing orders the player sets each quarter, each a level of a variable",
    "rules": "what happens every quarter, in the order of the scenario's `steps`",
    "events": "things that happen, with options for the player to choose",
    "decisions": "one-off actions the player may take when their condition holds",
    "endings": "how a campaign can end; one must have `at_end: true` and no `when`",
    "verdict": "the axes a campaign is judged on; each keeps its score, 0-100, in the "
    "read-only variable `verdict.<id>`, recomputed at the end of every quarter (after the "
    "events, before the end check) as the weighted mean of its measures, so endings and "
    "texts can read it",
    "record": "the historical record, for the debrief and the calibration check",
    "map": "the map: its regions and who holds them (see Map regions), the states that "
    "are not powers; or, without regions, a board of the powers' positions and links",
    "debrief": "what the classroom debrief charts, traces and asks",
    "music": "the score: which theme plays, and when it plays tense, as cues read in order "
    "after every quarter",
}

# Fields whose meaning depends on the model they are in, as "Model.field".
_MODEL_FIELDS = {
    "HistoricalOrdersModel.policies": "policy id -> the level the real leadership chose",
    "HistoricalOrdersModel.decisions": "the decisions the real leadership took that quarter",
    **{
        f"RemoveModel.{section}": f"the {section} to take out, by "
        + ("name" if section == "variables" else "id")
        for section in _SECTIONS
    },
}

# Fields every content item may carry for the debrief; listed after the item's own fields.
_LORE = ("sources", "history", "historiography")


def build_reference() -> str:
    """The whole reference as Markdown."""
    schema = build_schema()
    parts = [
        "# Great Turn modding reference",
        "",
        "<!-- Generated from the file models and the operation registry; do not edit. -->",
        f"<!-- Regenerate with: {REGENERATE} -->",
        "",
        "Everything a scenario file may hold, and every condition, quantity and effect, "
        "with its parameters and an example. The guide to writing scenarios is "
        "[README.md](README.md); editors that read the JSON Schema "
        "(`schema/great-turn.schema.json`) complete and check the same names as you type.",
        "",
        "## Contents",
        "",
        "- [File sections](#file-sections)",
        *[f"- [{_KIND_TITLES[kind]}](#{_slug(_KIND_TITLES[kind])})" for kind in KINDS],
        "- [Units](#units)",
        "- [Map regions](#map-regions)",
        "- [Parameter types](#parameter-types)",
        "- [Checker messages](#checker-messages)",
        "",
        *_file_sections(schema),
        *[line for kind in KINDS for line in _kind_section(kind)],
        *_units(),
        *_map_regions(),
        *_parameter_types(),
        *_checker_codes(),
    ]
    return "\n".join(parts).rstrip("\n") + "\n"


# -- units -------------------------------------------------------------------------------


def _units() -> list[str]:
    """The unit vocabulary, from the module that writes the numbers."""
    lines = [
        "## Units",
        "",
        "A variable's `unit:` says what its number measures, so every screen, the terminal "
        "game and the debrief write it the same way. `scale:` turns the stored number into "
        "the real quantity (famine deaths stored in thousands: `scale: 1000`), and "
        "`phrase:` says in words what it counts: with `unit: people`, `scale: 1000` and "
        '`phrase: people shot`, a change of 2 reads "+2,000 people shot" and a value of '
        '9,570 reads "9.6 million people shot". In a text, a placeholder such as '
        '`{security.terror_deaths}` writes the value without the phrase ("9.6 million '
        'people"), so that the sentence around it can say what happened to them. A variable '
        "without a unit reads as index points (a flag as yes or no, a level by its labels).",
        "",
        "| unit | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in UNITS.items()]
    return [*lines, ""]


# -- file sections ---------------------------------------------------------------------


def _file_sections(schema: dict[str, Any]) -> list[str]:
    defs = schema["$defs"]
    lines = [
        "## File sections",
        "",
        "A scenario is a folder with a `scenario.yaml` and any number of other `.yaml` files "
        "(in sub-folders too). Each file is a mapping of these sections; any section may "
        "appear in any file except `scenario:`, which belongs in `scenario.yaml`.",
        "",
    ]
    headings = _model_headings(schema)
    lines += _fields_table(schema, headings, _SECTIONS)
    for name, heading in headings.items():
        model = defs[name]
        lines += [f"### {heading}", ""]
        if model.get("description"):
            lines += [_one_line(model["description"]), ""]
        notes = {
            field: _MODEL_FIELDS.get(f"{name}.{field}") or _COMMON_FIELDS.get(field, "")
            for field in model.get("properties", {})
        }
        lines += _fields_table(model, headings, notes)
    return lines


def _model_headings(schema: dict[str, Any]) -> dict[str, str]:
    """Each file model's heading: where it is written (`events` > `options`), or, for a
    model written in several places (sources), its own name."""
    places: dict[str, list[tuple[str, ...]]] = {}
    queue: list[tuple[dict[str, Any], tuple[str, ...]]] = [(schema, ())]
    while queue:
        node, where = queue.pop(0)
        for field, spec in node.get("properties", {}).items():
            for ref in _model_refs(spec):
                if ref not in places:
                    queue.append((schema["$defs"][ref], (*where, field)))
                places.setdefault(ref, []).append((*where, field))
    return {
        ref: _model_name(ref) if len(found) > 1 else " > ".join(f"`{p}`" for p in found[0])
        for ref, found in places.items()
    }


def _model_name(ref: str) -> str:
    """SourceModel -> "source"; HistoricalOrdersModel -> "historical orders"."""
    words = re.findall(r"[A-Z][a-z]*", ref.removesuffix("Model"))
    return " ".join(words).lower()


def _model_refs(spec: Any) -> list[str]:
    """The file models a field's schema points to (operations are documented apart)."""
    found: list[str] = []
    if isinstance(spec, dict):
        ref = spec.get("$ref", "")
        if ref.startswith("#/$defs/") and ref.endswith("Model"):
            found.append(ref.rsplit("/", 1)[1])
        for value in spec.values():
            found += _model_refs(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _model_refs(value)
    return found


def _fields_table(
    model: dict[str, Any], headings: dict[str, str], notes: dict[str, str]
) -> list[str]:
    """One row per field; `notes` describe the fields the models leave undescribed."""
    required = set(model.get("required", []))
    rows = ["| field | type | required | description |", "| --- | --- | --- | --- |"]
    fields = model.get("properties", {})
    ordered = [f for f in fields if f not in _LORE] + [f for f in fields if f in _LORE]
    for field in ordered:
        spec = fields[field]
        description = spec.get("description") or notes.get(field, "")
        if "default" in spec and spec["default"] not in (None, "", [], {}):
            description += f" (default: {_yaml_inline(spec['default'])})"
        needed = "yes" if field in required else "no"
        rows.append(
            f"| `{field}` | {_type_name(spec, headings)} | {needed} | {_cell(description)} |"
        )
    return [*rows, ""]


def _type_name(spec: dict[str, Any], headings: dict[str, str]) -> str:
    if "anyOf" in spec:
        kinds = [s for s in spec["anyOf"] if s.get("type") != "null"]
        return " or ".join(_type_name(s, headings) for s in kinds)
    ref = spec.get("$ref", "")
    if ref:
        name = ref.rsplit("/", 1)[1]
        if name in headings:
            return f"[{_plain(headings[name])}](#{_slug(headings[name])})"
        kind = name.lower()
        return f"[{kind}](#{_slug(_KIND_TITLES[kind])})"
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type_name(spec.get('items', {}), headings)}"
    if kind == "object":
        values = next(iter(spec.get("patternProperties", {}).values()), None)
        if values is not None:
            return f"variable name → {_type_name(values, headings)}"
        values = spec.get("additionalProperties")
        if isinstance(values, dict):
            return f"name → {_type_name(values, headings)}"
        return "mapping"
    if kind == "string":
        return _string_kind(spec)
    return {"number": "number", "integer": "whole number", "boolean": "true or false"}.get(
        str(kind), "any"
    )


def _string_kind(spec: dict[str, Any]) -> str:
    pattern = spec.get("pattern", "")
    if "enum" in spec:
        return " or ".join(f"`{v}`" for v in spec["enum"])
    if pattern == r"^[a-z][a-z0-9_]*$":
        return "id"
    if pattern.startswith(r"^[a-z][a-z0-9_]*(\."):
        return "variable name"
    if r"Q[1-4]" in pattern:
        return "quarter (1933-Q1)"
    if pattern.startswith("^[A-Z]"):
        return "surname"
    if pattern.startswith("^(#"):
        return "colour (#rrggbb)"
    if pattern:
        words = re.findall(r"[a-z]+", pattern)
        return " or ".join(f"`{w}`" for w in words) if words else "text"
    return "text"


# -- operations ------------------------------------------------------------------------


def _kind_section(kind: str) -> list[str]:
    specs = operations(kind)
    lines = [f"## {_KIND_TITLES[kind]}", "", _KIND_INTROS[kind], ""]
    lines += [
        " · ".join(f"[`{name}`](#{_slug(_op_heading(spec))})" for name, spec in specs.items()),
        "",
    ]
    for spec in specs.values():
        lines += _op_section(spec)
    return lines


def _op_heading(spec: OpSpec) -> str:
    return f"`{spec.name}` ({spec.kind})"


def _op_section(spec: OpSpec) -> list[str]:
    lines = [f"### {_op_heading(spec)}", "", spec.description, ""]
    lines += ["| parameter | type | required | description |", "| --- | --- | --- | --- |"]
    lines += [_param_row(param) for param in spec.params]
    lines.append("")
    if spec.shorthand:
        lines += [
            f"Shorthand: `{spec.name}: ...` may give `{spec.shorthand}` alone, without naming it.",
            "",
        ]
    lines += ["Example:", "", "```yaml", example_yaml(spec.example).rstrip("\n"), "```", ""]
    return lines


def _param_row(param: Param) -> str:
    description = param.description
    if param.default is not None:
        description += f" (default: {_yaml_inline(param.default)})"
    needed = "yes" if param.required else "no"
    return (
        f"| `{param.name}` | [{param.type}](#parameter-types) | {needed} | {_cell(description)} |"
    )


def example_yaml(example: Any) -> str:
    """An operation's example as a modder would write it: blocks outside, flow inside."""
    scalars_only = isinstance(example, dict) and not any(
        isinstance(v, dict | list) for v in example.values()
    )
    return yaml.safe_dump(
        example,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False if scalars_only else None,
    )


def _parameter_types() -> list[str]:
    lines = ["## Parameter types", "", "| type | what to write |", "| --- | --- |"]
    lines += [f"| {kind} | {_cell(text)} |" for kind, text in PARAM_TYPES.items()]
    return [*lines, ""]


def _map_regions() -> list[str]:
    """The regions a scenario's `map.regions` and an event's `place` may name."""
    atlas = load_atlas()
    lines = [
        "## Map regions",
        "",
        "The map (`assets/map/europe_asia.json`, derived from Natural Earth by "
        "`assets/map/derive.py`) is cut into the regions of 1928-1941. `map.regions` "
        "says who holds each at the start and which conditions move it to another holder "
        "(the last change whose condition holds wins); a region the scenario does not list "
        "is drawn as land nobody in it holds. An event's `place` marks one on the map.",
        "",
        "| region | name |",
        "| --- | --- |",
        *[f"| `{r.id}` | {_cell(r.name)} |" for r in sorted(atlas.regions, key=lambda r: r.id)],
        "",
    ]
    return lines


def _checker_codes() -> list[str]:
    lines = [
        "## Checker messages",
        "",
        "`python -m game validate` reports each problem as "
        "`file:line:col: error|warning[code]: message`. A warning's code may be silenced "
        "for a scenario with `silence: [code, ...]` in its `scenario:` section, or for "
        "one run with `validate --allow code`; errors cannot be silenced.",
        "",
        "| warning | what it means |",
        "| --- | --- |",
        *[f"| `{code}` | {_cell(meaning)} |" for code, meaning in sorted(WARNINGS.items())],
        "",
        "Error codes: " + ", ".join(f"`{code}`" for code in sorted(ERRORS)) + ".",
        "",
    ]
    return lines


# -- text helpers ----------------------------------------------------------------------


def _yaml_inline(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
    return f"`{text.removesuffix('...').strip()}`"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _plain(heading: str) -> str:
    return heading.replace("`", "")


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return text.replace(" ", "-")
