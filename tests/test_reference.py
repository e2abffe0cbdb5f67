"""The modders' reference: up to date, complete, and every example in it loads."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from game.cli import main
from game.content.loader import load_scenario
from game.content.reference import REGENERATE, build_reference
from game.core.registry import KINDS, operations
from tests.conftest import ROOT

REFERENCE = ROOT / "scenarios" / "REFERENCE.md"
ALL_OPS = [(kind, name) for kind in KINDS for name in operations(kind)]


def _op_section(text: str, kind: str, name: str) -> str:
    """The part of the reference under the heading of one operation."""
    heading = f"### `{name}` ({kind})\n"
    assert heading in text, f"the reference has no section for the {kind} '{name}'"
    section = text.split(heading, 1)[1]
    return re.split(r"\n#{2,3} ", section, maxsplit=1)[0]


def test_the_shipped_reference_is_up_to_date():
    assert REFERENCE.read_text(encoding="utf-8") == build_reference(), (
        f"scenarios/REFERENCE.md is out of date; regenerate it with: {REGENERATE}"
    )


def test_the_reference_command_writes_the_same_text(tmp_path, capsys):
    out = tmp_path / "REFERENCE.md"
    assert main(["reference", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == build_reference()
    assert main(["reference"]) == 0
    assert capsys.readouterr().out.endswith(build_reference())


@pytest.mark.parametrize(("kind", "name"), ALL_OPS)
def test_every_operation_is_documented_with_its_parameters(kind, name):
    spec = operations(kind)[name]
    section = _op_section(REFERENCE.read_text(encoding="utf-8"), kind, name)
    assert spec.description in section
    for param in spec.params:
        required = "yes" if param.required else "no"
        row = f"| `{param.name}` | [{param.type}](#parameter-types) | {required} |"
        assert row in section, f"{kind} '{name}': no row for parameter '{param.name}'"
    assert "```yaml\n" in section, f"{kind} '{name}' has no example"


def test_every_file_section_and_field_is_documented():
    from game.content.models import EventModel, ScenarioFileModel

    text = REFERENCE.read_text(encoding="utf-8")
    for section in ScenarioFileModel.model_fields:
        assert f"| `{section}` |" in text, section
    events = text.split("### `events`\n", 1)[1].split("\n### ", 1)[0]
    for field, info in EventModel.model_fields.items():
        required = "yes" if info.is_required() else "no"
        assert re.search(rf"\| `{field}` \| [^|]+ \| {required} \|", events), field


# -- every example loads ---------------------------------------------------------------


_SINGULAR = {"conditions": "condition", "quantities": "quantity", "effects": "effect"}


class Names:
    """The variables, events (with options), decisions and endings an example refers to."""

    def __init__(self) -> None:
        self.variables: set[str] = set()
        self.events: dict[str, set[str]] = {}
        self.decisions: set[str] = set()
        self.endings: set[str] = set()

    def op(self, kind: str, raw: Any) -> None:
        if kind == "quantity" and not isinstance(raw, dict):
            if isinstance(raw, str):
                self.variables.add(raw)
            return
        (name, params), *_ = raw.items()
        spec = operations(kind)[name]
        names = {p.name for p in spec.params}
        if spec.shorthand and not (isinstance(params, dict) and params and set(params) <= names):
            params = {spec.shorthand: params}
        for param in spec.params:
            if param.name in params:
                self.param(param.type, params[param.name], params)

    def param(self, kind: str, value: Any, siblings: dict) -> None:
        if kind in ("condition", "quantity"):
            self.op(kind, value)
        elif kind in _SINGULAR:
            for item in value:
                self.op(_SINGULAR[kind], item)
        elif kind == "modifiers":
            for modifier in value:
                self.op("condition", modifier["when"])
        elif kind == "variable":
            self.variables.add(value)
        elif kind == "variables":
            self.variables.update(value)
        elif kind == "event":
            self.events.setdefault(value, set())
        elif kind == "option":
            self.events.setdefault(siblings["event"], set()).add(value)
        elif kind == "decision":
            self.decisions.add(value)
        elif kind == "ending":
            self.endings.add(value)


def _scenario_around(kind: str, example: Any, names: Names) -> dict[str, Any]:
    """A small scenario that declares everything the example names and uses it once."""
    sink = "test.sink"
    carrier: dict[str, Any] = {"id": "carrier", "title": "Carrier", "text": "Uses the example."}
    if kind == "condition":
        carrier["trigger"] = example
    elif kind == "quantity":
        carrier["effects"] = [{"add": {"var": sink, "value": example}}]
    else:
        carrier["effects"] = [example]
    events = [
        {
            "id": event,
            "title": event,
            "text": "Named by the example.",
            "options": [{"id": option, "text": option} for option in sorted(options)],
        }
        for event, options in sorted(names.events.items())
    ]
    endings = [
        {"id": ending, "title": ending, "when": {"flag": sink}} for ending in sorted(names.endings)
    ]
    variable = {"group": "test", "min": 0, "max": 100, "initial": 0}
    return {
        "scenario": {"id": "examples", "title": "Examples", "start": "1928-Q4", "end": "1941-Q2"},
        "variables": {name: dict(variable) for name in sorted(names.variables | {sink})},
        "events": [carrier, *events],
        "decisions": [{"id": d, "title": d, "text": "Named."} for d in sorted(names.decisions)],
        "endings": [*endings, {"id": "final", "title": "Final", "at_end": True}],
    }


@pytest.mark.parametrize(("kind", "name"), ALL_OPS)
def test_every_example_in_the_reference_is_accepted_by_the_loader(tmp_path, kind, name):
    section = _op_section(REFERENCE.read_text(encoding="utf-8"), kind, name)
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    example = yaml.safe_load(block)
    assert list(example) == [name], f"the example of {kind} '{name}' shows another operation"
    names = Names()
    names.op(kind, example)
    folder = tmp_path / "examples"
    folder.mkdir()
    scenario_yaml = yaml.safe_dump(_scenario_around(kind, example, names), sort_keys=False)
    (folder / "scenario.yaml").write_text(scenario_yaml, encoding="utf-8")
    scenario = load_scenario(folder)
    assert [e.id for e in scenario.events][0] == "carrier"
