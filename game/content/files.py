"""Finds a scenario's folder and its files, never reaching outside that folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.content.diagnostics import ContentError, Diagnostic

SCENARIO_FILE = "scenario.yaml"
MAX_FILES = 2000


def scenarios_root() -> Path:
    """The scenarios/ folder beside the game package."""
    return Path(__file__).resolve().parent.parent.parent / "scenarios"


def resolve_scenario(name_or_path: str | Path) -> Path:
    """A scenario id under scenarios/ or a path to a folder (or to its scenario.yaml)."""
    candidate = Path(name_or_path)
    if candidate.is_file() and candidate.name == SCENARIO_FILE:
        candidate = candidate.parent
    if candidate.is_dir():
        return candidate.resolve()
    by_id = scenarios_root() / str(name_or_path)
    if by_id.is_dir() and (by_id / SCENARIO_FILE).exists():
        return by_id.resolve()
    known = sorted(p.name for p in scenarios_root().glob("*") if (p / SCENARIO_FILE).exists())
    hint = f"; installed scenarios: {', '.join(known)}" if known else ""
    raise ContentError(
        [
            Diagnostic(
                str(name_or_path),
                1,
                1,
                "error",
                f"no scenario folder or id '{name_or_path}'{hint}",
                "no-scenario",
            )
        ]
    )


def find_base(base_id: str, beside: Path) -> Path | None:
    """The folder of the scenario with this id that a scenario in `beside` extends.

    Looked up by id, never by path: first among the extending scenario's neighbours (for
    an installed mod that is scenarios/ itself; for a folder of mods elsewhere, that
    folder), then under scenarios/.
    """
    for root in (beside.parent, scenarios_root()):
        candidate = root / base_id
        if (candidate / SCENARIO_FILE).is_file():
            return candidate.resolve()
    return None


def known_scenario_ids(beside: Path) -> list[str]:
    """Every scenario id `find_base` could find from `beside`, for "did you mean"."""
    found = {
        path.name
        for root in (beside.parent, scenarios_root())
        for path in root.glob("*")
        if (path / SCENARIO_FILE).is_file()
    }
    return sorted(found)


def scenario_files(folder: Path) -> list[Path]:
    """scenario.yaml first, then every other .yaml file in sorted order (a fixed load order)."""
    main = folder / SCENARIO_FILE
    if not main.is_file():
        raise ContentError(
            [
                Diagnostic(
                    str(folder / SCENARIO_FILE),
                    1,
                    1,
                    "error",
                    f"a scenario folder needs a {SCENARIO_FILE}",
                    "no-scenario",
                )
            ]
        )
    others: list[Path] = []
    problems: list[Diagnostic] = []
    for path in sorted(folder.rglob("*.yaml")):
        if path == main:
            continue
        resolved = path.resolve()
        if not resolved.is_relative_to(folder):
            problems.append(
                Diagnostic(
                    display_name(path, folder),
                    1,
                    1,
                    "error",
                    "file links outside the scenario folder and is not read",
                    "outside",
                )
            )
            continue
        others.append(path)
    if len(others) > MAX_FILES:
        problems.append(
            Diagnostic(
                str(folder),
                1,
                1,
                "error",
                f"too many files ({len(others)}; the limit is {MAX_FILES})",
                "file-count",
            )
        )
    if problems:
        raise ContentError(problems)
    return [main, *others]


def display_name(path: Path, folder: Path) -> str:
    """How a file is named in messages: relative to the working directory when possible."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def content_hash(folder: Path, files: list[Path]) -> str:
    """A fingerprint of the scenario's content, so saves know which content made them."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def layered_content_hash(layers: list[tuple[Path, list[Path]]]) -> str:
    """The fingerprint of a scenario with its bases: every folder's files in load order.

    A scenario without bases keeps the fingerprint of its own folder alone, so saves of
    it stay valid.
    """
    if len(layers) == 1:
        return content_hash(*layers[0])
    digest = hashlib.sha256()
    for folder, files in layers:
        digest.update(folder.name.encode())
        digest.update(b"\0")
        digest.update(content_hash(folder, files).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def scenario_summary(folder: Path) -> dict[str, str]:
    """Title, description, dates and base of a scenario, read from its scenario.yaml alone
    (for lists of scenarios; nothing is checked or compiled, and a broken file gives {})."""
    from game.content.yamlsource import read_yaml

    located, problems = read_yaml(folder / SCENARIO_FILE, str(folder / SCENARIO_FILE))
    meta = located.data.get("scenario") if isinstance(located.data, dict) else None
    if problems or not isinstance(meta, dict):
        return {}
    fields = ("title", "description", "start", "end", "extends")
    return {
        key: ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        for key in fields
        if (value := meta.get(key)) is not None
    }
