"""Loads a scenario folder: read every file, validate it, then assemble and compile.

Nothing is loaded half-way: either every file is valid and a compiled Scenario comes
back, or a ContentError carries every problem found in every file. A scenario that
`extends:` others is loaded with them: its bases' folders first, then its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from game.content.assemble import Assembler
from game.content.diagnostics import ContentError, Diagnostic, did_you_mean
from game.content.files import (
    display_name,
    find_base,
    known_scenario_ids,
    layered_content_hash,
    resolve_scenario,
    scenario_files,
)
from game.content.lint import review
from game.content.merge import Layer, describe_changes
from game.content.models import MetaModel, ScenarioFileModel
from game.content.pydantic_errors import translate
from game.content.yamlsource import Located, read_yaml
from game.core.model import Scenario

MAX_EXTENDS_DEPTH = 8

# What the checker says a mod changes, by content hash (the same files say the same).
_changes_by_hash: dict[str, str] = {}


def read_file(path: Path, folder: Path) -> tuple[tuple[Located, ScenarioFileModel] | None, list]:
    """One file, parsed and validated; None and its problems when it is not valid."""
    located, found = read_yaml(path, display_name(path, folder))
    if found:
        return None, found
    if located.data is None:
        located.data = {}
    if not isinstance(located.data, dict):
        return None, [
            located.diagnostic(
                (),
                "a scenario file holds a mapping of sections such as 'events:'",
                code="file-shape",
            )
        ]
    try:
        return (located, ScenarioFileModel.model_validate(located.data)), []
    except ValidationError as error:
        return None, translate(error, located, ScenarioFileModel)


class LoadOrder:
    """Walks a scenario's `extends:` to list its folders in load order: bases first,
    depth-first in the order listed, each once, the scenario itself last."""

    def __init__(self) -> None:
        self.layers: dict[Path, Layer] = {}
        self.ids: dict[Path, str] = {}
        self.problems: list[Diagnostic] = []

    def visit(self, folder: Path, chain: tuple[Path, ...]) -> Layer:
        """Read a folder after every scenario it extends; `chain` is the path to it from
        the scenario being loaded, itself included."""
        files = scenario_files(folder)
        parsed = self._read_folder(folder, files)
        ancestors: set[Path] = set()
        depth = 0
        main = parsed[0] if parsed and parsed[0][0].file == display_name(files[0], folder) else None
        if main is not None and main[1].scenario is not None:
            located, meta = main[0], main[1].scenario
            self.ids[folder] = meta.id
            if not meta.extends:
                self._check_dates(meta, located)
            for base, base_path in self._bases(meta.extends):
                where = ("scenario", "extends", *base_path)
                layer = self._base(base, folder, chain, located, where)
                if layer is not None:
                    ancestors |= {layer.folder, *layer.ancestors}
                    depth = max(depth, layer.depth + 1)
        layer = Layer(folder, files, parsed, frozenset(ancestors), depth)
        self.layers[folder] = layer
        return layer

    def _read_folder(
        self, folder: Path, files: list[Path]
    ) -> list[tuple[Located, ScenarioFileModel]]:
        parsed = []
        for path in files:
            result, found = read_file(path, folder)
            self.problems += found
            if result is not None:
                parsed.append(result)
        return parsed

    def _check_dates(self, meta: MetaModel, located: Located) -> None:
        """Only a scenario that extends another may leave out its dates: it inherits them."""
        for name in ("start", "end"):
            if getattr(meta, name) is None:
                self.problems.append(
                    located.diagnostic(
                        ("scenario",), f"missing required key '{name}'", code="missing-key"
                    )
                )

    @staticmethod
    def _bases(extends: str | list[str] | None) -> list[tuple[str, tuple[int, ...]]]:
        if extends is None:
            return []
        if isinstance(extends, str):
            return [(extends, ())]
        return [(base, (i,)) for i, base in enumerate(extends)]

    def _base(
        self,
        base_id: str,
        folder: Path,
        chain: tuple[Path, ...],
        located: Located,
        path: tuple,
    ) -> Layer | None:
        found = find_base(base_id, folder)
        if found is None:
            known = [name for name in known_scenario_ids(folder) if name != folder.name]
            self.problems.append(
                located.diagnostic(
                    path,
                    f"unknown base scenario '{base_id}'{did_you_mean(base_id, known)}",
                    code="unknown-base",
                )
            )
            return None
        names = [self.ids.get(p, p.name) for p in chain]
        if found in chain:
            cycle = " -> ".join([*names[chain.index(found) :], base_id])
            self.problems.append(
                located.diagnostic(path, f"cyclic extends: {cycle}", code="extends-cycle")
            )
            return None
        below = self.layers[found].depth if found in self.layers else 0
        if len(chain) + below > MAX_EXTENDS_DEPTH:
            self.problems.append(
                located.diagnostic(
                    path,
                    f"extends chain too deep: {' -> '.join([*names, base_id])}"
                    f"{' -> ...' if below else ''} goes more than {MAX_EXTENDS_DEPTH} "
                    "scenarios down",
                    code="extends-depth",
                )
            )
            return None
        if found in self.layers:
            return self.layers[found]
        return self.visit(found, (*chain, found))


def read_scenario(name_or_path: str | Path) -> list[Layer]:
    """Every folder the scenario is made of, read and validated, in load order."""
    folder = resolve_scenario(name_or_path)
    order = LoadOrder()
    order.visit(folder, (folder,))
    if order.problems:
        raise ContentError(order.problems)
    return list(order.layers.values())


def assemble(name_or_path: str | Path) -> tuple[Assembler, Scenario | None]:
    """Read a scenario with its bases and build it; the assembler holds what it found."""
    layers = read_scenario(name_or_path)
    root = layers[-1]
    parsed = [item for layer in layers for item in layer.parsed]
    content_hash = layered_content_hash([(layer.folder, layer.files) for layer in layers])
    assembler = Assembler(root.folder, parsed, content_hash, layers)
    scenario = assembler.build()
    if scenario is not None and len(layers) > 1:
        meta = root.meta
        assert meta is not None and meta.extends is not None
        bases = [meta.extends] if isinstance(meta.extends, str) else meta.extends
        _changes_by_hash[scenario.content_hash] = describe_changes(root, bases)
    return assembler, scenario


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load, check and compile a scenario; raises ContentError with every problem found."""
    assembler, scenario = assemble(name_or_path)
    if assembler.errors:
        raise ContentError(assembler.errors)
    assert scenario is not None
    return scenario


def check_scenario(
    name_or_path: str | Path, allow: Iterable[str] = ()
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Load a scenario and return it with its warnings (minus the codes allowed), or None
    with its errors."""
    try:
        assembler, scenario = assemble(name_or_path)
    except ContentError as error:
        return None, error.diagnostics
    if assembler.errors:
        return None, sorted(assembler.errors + assembler.warnings)
    assert scenario is not None
    found = review(assembler, allow, scenario)
    return (None if any(d.severity == "error" for d in found) else scenario), found


def extends_summary(scenario: Scenario) -> str:
    """What a scenario that extends others changes in them, in one line ("" for others)."""
    return _changes_by_hash.get(scenario.content_hash, "")
