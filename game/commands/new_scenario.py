"""python -m game new-scenario NAME [--extends ID] [--dir DIR]: a scenario folder that
validates without warnings and plays to an ending, for a modder to grow from.

It never overwrites anything: an existing folder or an invalid name is refused before a
single file is written.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from game.content.diagnostics import did_you_mean
from game.content.files import display_name, find_base, known_scenario_ids, scenarios_root
from game.content.loader import check_scenario
from game.content.schema import SCHEMA_ID
from game.core.layout import Variable
from game.core.model import Scenario

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def run_new_scenario(name: str, extends: str | None, parent: Path | None) -> int:
    folder = (parent if parent is not None else scenarios_root()) / name
    refusal = _refusal(name, folder, extends)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    if extends is None:
        files = scenario_files(name)
    else:
        base, problem = _base(extends, folder)
        if base is None:
            print(problem, file=sys.stderr)
            return 1
        files = mod_files(name, base)
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except OSError as error:
        print(f"cannot create {folder}: {error.strerror}", file=sys.stderr)
        return 1
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_schema_line(path) + text, encoding="utf-8")
        print(f"created {display_name(path, folder)}")
    shown = display_name(folder, folder)
    print(f"check it:  python -m game validate {shown}")
    print(f"play it:   python -m game play --text {shown}")
    return 0


def _refusal(name: str, folder: Path, extends: str | None) -> str | None:
    """Why the scenario cannot be made, or None."""
    if not _ID.match(name):
        suggestion = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
        if suggestion and not suggestion[0].isalpha():
            suggestion = f"s_{suggestion}"
        hint = f" (for example '{suggestion}')" if suggestion else ""
        return (
            f"'{name}' cannot be a scenario id: use lower-case letters, digits and _, "
            f"starting with a letter{hint}"
        )
    if extends is not None and extends == name:
        return f"a scenario cannot extend itself: choose a name other than '{extends}'"
    if folder.exists():
        return (
            f"{display_name(folder, folder)} already exists; new-scenario never overwrites "
            "anything: choose another name, or --dir for another place"
        )
    return None


def _base(base_id: str, folder: Path) -> tuple[Scenario | None, str]:
    """The installed scenario a mod extends, loaded, or None and why not."""
    base_folder = find_base(base_id, folder)
    if base_folder is None:
        known = known_scenario_ids(folder)
        hint = did_you_mean(base_id, known) or (
            f"; installed scenarios: {', '.join(known)}" if known else ""
        )
        return None, f"no installed scenario '{base_id}' to extend{hint}"
    scenario, diagnostics = check_scenario(base_folder)
    if scenario is None:
        errors = "\n".join(str(d) for d in diagnostics)
        return None, f"{errors}\nthe scenario '{base_id}' has errors; a mod needs a base that loads"
    return scenario, ""


def _schema_line(path: Path) -> str:
    """The first line of every file: where editors find the JSON Schema."""
    schema = scenarios_root() / "schema" / SCHEMA_ID
    try:
        target = Path(os.path.relpath(schema, path.parent)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        target = schema.as_uri()
    return f"# yaml-language-server: $schema={target}\n"


def _text(value: str) -> str:
    """A YAML scalar for any text (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# -- a new scenario --------------------------------------------------------------------


def scenario_files(name: str) -> dict[str, str]:
    """The files of a small scenario of its own: relative path -> text (without the schema line)."""
    title = name.replace("_", " ").capitalize()
    return {
        "scenario.yaml": f"""\
# A Great Turn scenario. The guide to writing one is scenarios/README.md; every section,
# condition and effect is listed in scenarios/REFERENCE.md.
# Check it with: python -m game validate {name}
scenario:
  id: {name}
  title: {_text(title)}
  description: >-
    Two or three sentences that tell the player what they face and what they must
    achieve.
  start: 1934-Q1
  end: 1936-Q4
  key_indicators: [economy.output, society.unrest]

groups:
  - id: economy
    title: Economy
    description: Output and the mood of the country.

variables:
  economy.output:
    group: economy
    label: Output
    description: Industrial output, 100 at the start.
    min: 0
    max: 300
    initial: 100
    better: higher
  society.unrest:
    group: economy
    label: Unrest
    description: How close the country is to open revolt, from 0 to 100.
    min: 0
    max: 100
    initial: 20
    better: lower

endings:
  - id: the_end
    title: The end of the scenario
    text: Three years have passed.
    at_end: true
    epilogue: What actually happened next, in a few sentences.
""",
        f"events/{name}.yaml": """\
events:
  - id: first_choice
    title: A first choice
    text: >-
      What the player reads when the event fires. Give the player a real dilemma: each
      option should cost something.
    group: economy
    date: 1934-Q2
    options:
      - id: build
        text: Build faster.
        effects:
          - add: {var: economy.output, value: 15}
          - add: {var: society.unrest, value: 10}
      - id: wait
        text: Let the country rest.
        effects:
          - add: {var: society.unrest, value: -5}
""",
    }


# -- a mod of an installed scenario ----------------------------------------------------


def mod_files(name: str, base: Scenario) -> dict[str, str]:
    """The files of a mod of `base`: one added event and commented examples of changes."""
    variable = _example_variable(base)
    declared = ""
    if variable is None:  # a base without a plain number: the mod brings its own
        variable = Variable(f"{name}.support", name, 0.0, 100.0, 50.0, label="Support")
        declared = _variable_yaml(variable, variable.initial, replace=False) + "\n\n"
    step = _step(variable)
    changed = (
        variable.initial + step
        if variable.initial + step <= variable.maximum
        else variable.initial - step
    )
    replace_example = (
        ""
        if declared
        else f"""
# To change something '{base.id}' defines, write it again in full, with the same id
# (or name) and `replace: true`. For example, to start with another value of
# {variable.name}, take away the '# ' in front of these lines:
#
{_commented(_variable_yaml(variable, changed))}
#"""
    )
    remove_example = base.events[-1].id if base.events else "some_event"
    event_id = _unused(f"{name}_news", {event.id for event in base.events})
    return {
        "scenario.yaml": f"""\
# A mod of '{base.id}': the game loads everything '{base.id}' defines, then this folder's
# files. The guide is scenarios/README.md; every section, condition and effect is listed
# in scenarios/REFERENCE.md. Check it with: python -m game validate {name}
scenario:
  id: {name}
  extends: {base.id}
  title: {_text(name.replace("_", " ").capitalize())}
  description: {_text(f"A mod of {base.title}.")}
{replace_example}
# To take something out, list it by id under `remove:` (anything that still refers to
# it is then reported by validate, with its file and line):
#
# remove:
#   events: [{remove_example}]
""",
        f"events/{name}.yaml": f"""\
{declared}events:
  - id: {event_id}
    title: News from the mod
    text: >-
      An event this mod adds to '{base.id}'. It fires in the first quarter; give it a
      'trigger' or an 'mtth' to make it wait for its moment.
    date: {base.calendar.label(0)}
    options:
      - id: welcome
        text: Welcome the news.
        effects:
          - add: {{var: {variable.name}, value: {step:g}}}
      - id: ignore
        text: Ignore it.
        effects:
          - add: {{var: {variable.name}, value: {-step:g}}}
""",
    }


def _example_variable(base: Scenario) -> Variable | None:
    """A plain number of the base's to use in examples: a key indicator if there is one."""
    numbers = [v for v in base.layout.declared() if v.kind == "number" and v.maximum > v.minimum]
    by_name = {v.name: v for v in numbers}
    for name in base.key_indicators:
        if name in by_name:
            return by_name[name]
    return numbers[0] if numbers else None


def _step(variable: Variable) -> float:
    """A change that shows but does not overturn the balance: about 5% of its start."""
    scale = abs(variable.initial) or (variable.maximum - variable.minimum)
    step = scale / 20
    return float(round(step)) if step >= 1 else round(step, 2) or 0.01


def _unused(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}_{n}", n + 1
    return candidate


def _variable_yaml(variable: Variable, initial: float, replace: bool = True) -> str:
    lines = ["variables:", f"  {variable.name}:"]
    if replace:
        lines.append("    replace: true")
    lines.append(f"    group: {variable.group}")
    if variable.label:
        lines.append(f"    label: {_text(variable.label)}")
    if variable.description:
        lines.append(f"    description: {_text(variable.description)}")
    lines += [
        f"    min: {variable.minimum:g}",
        f"    max: {variable.maximum:g}",
        f"    initial: {initial:g}",
    ]
    if variable.unit:
        lines.append(f"    unit: {_text(variable.unit)}")
    if variable.better:
        lines.append(f"    better: {variable.better}")
    return "\n".join(lines)


def _commented(text: str) -> str:
    return "\n".join(f"# {line}" for line in text.splitlines())
