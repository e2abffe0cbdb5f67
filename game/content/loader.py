"""Loads a scenario folder: read every file, validate it, then assemble and compile.

Nothing is loaded half-way: either every file is valid and a compiled Scenario comes
back, or a ContentError carries every problem found in every file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from game.content.assemble import Assembler
from game.content.diagnostics import ContentError, Diagnostic
from game.content.files import content_hash, display_name, resolve_scenario, scenario_files
from game.content.models import ScenarioFileModel
from game.content.pydantic_errors import translate
from game.content.yamlsource import Located, read_yaml
from game.core.model import Scenario


def read_files(folder: Path) -> tuple[list[tuple[Located, ScenarioFileModel]], list[Diagnostic]]:
    parsed: list[tuple[Located, ScenarioFileModel]] = []
    problems: list[Diagnostic] = []
    for path in scenario_files(folder):
        located, found = read_yaml(path, display_name(path, folder))
        if found:
            problems += found
            continue
        if located.data is None:
            located.data = {}
        if not isinstance(located.data, dict):
            problems.append(
                located.diagnostic(
                    (),
                    "a scenario file holds a mapping of sections such as 'events:'",
                    code="file-shape",
                )
            )
            continue
        try:
            parsed.append((located, ScenarioFileModel.model_validate(located.data)))
        except ValidationError as error:
            problems += translate(error, located, ScenarioFileModel)
    return parsed, problems


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load, check and compile a scenario; raises ContentError with every problem found."""
    folder = resolve_scenario(name_or_path)
    parsed, problems = read_files(folder)
    if problems:
        raise ContentError(problems)
    files = scenario_files(folder)
    assembler = Assembler(folder, parsed, content_hash(folder, files))
    scenario = assembler.build()
    if assembler.errors:
        raise ContentError(assembler.errors)
    assert scenario is not None
    return scenario


def check_scenario(name_or_path: str | Path) -> tuple[Scenario | None, list[Diagnostic]]:
    """Load a scenario and return it with its warnings, or None with its errors."""
    try:
        folder = resolve_scenario(name_or_path)
        parsed, problems = read_files(folder)
        if problems:
            return None, sorted(problems)
        assembler = Assembler(folder, parsed, content_hash(folder, scenario_files(folder)))
        scenario = assembler.build()
    except ContentError as error:
        return None, error.diagnostics
    if assembler.errors:
        return None, sorted(assembler.errors + assembler.warnings)
    return scenario, sorted(assembler.warnings)
