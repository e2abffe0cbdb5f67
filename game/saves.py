"""Versioned JSON save games: written atomically, checked when loaded.

A save holds the scenario id and content hash, the seed, every turn record (the
replay log) and a snapshot of the final state with its digest, under a checksum.
Loading restores the snapshot once the checksum, the digest and the records agree, so
a damaged or tampered save is refused with a clear message instead of loading a wrong
campaign; `replay=True` also plays the records again from the start.

Format 1 had a first edition, written by the game before saves carried a checksum and
the raw state (up to commit d2ef118): such a save is loaded the way that game loaded
it, by replaying its records to the digest it recorded. When the format changes
again, raise SAVE_VERSION and teach `_read_campaign_data` the older layout.

Format 2 (the one judge of orders) adds to a turn record the orders that were refused,
with their reasons. A format 1 save has none to list (the game then dropped them
silently) and loads as it is: everything else is laid out the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from game import __version__
from game.core.campaign import Campaign
from game.core.layout import ENDING, TURN
from game.core.model import Scenario
from game.core.orders import OrderRefused
from game.core.pipeline import ChoiceRefused
from game.core.records import TurnRecord
from game.core.state import State

SAVE_FORMAT = "great-turn-save"
SAVE_VERSION = 2
MAX_SAVE_BYTES = 50_000_000

# What every version of the game wrote in a save's header, which lists of saves (the
# load screen, the class report) read without loading the campaign.
_HEADER_FIELDS: dict[str, type] = {
    "game_version": str,
    "name": str,
    "saved_at": str,
    "scenario": str,
    "scenario_title": str,
    "turn": int,
    "date": str,
    "ending": str,
}

# Anything a damaged or edited save can make the parsing of its contents raise.
_BAD_CONTENT = (KeyError, TypeError, ValueError, AttributeError, OverflowError, IndexError)


class SaveError(Exception):
    """A save that cannot be written or loaded; the message is for the player."""


def saves_dir() -> Path:
    """The default folder for save games: saves/ beside the game package, unless the
    GREAT_TURN_SAVES environment variable names another (a shared classroom drive)."""
    override = os.environ.get("GREAT_TURN_SAVES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "saves"


def save_data(campaign: Campaign, name: str = "") -> dict[str, Any]:
    state = campaign.state
    ending = campaign.ending
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "game_version": __version__,
        "name": name,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scenario": campaign.scenario.id,
        "scenario_title": campaign.scenario.title,
        "content_hash": campaign.scenario.content_hash,
        "seed": campaign.seed,
        "turn": campaign.turn,
        "date": campaign.date,
        "ending": ending.id if ending else "",
        "records": [r.to_dict() for r in campaign.records],
        "snapshot": {
            "digest": state.digest(),
            "values": {v.name: state.get(v.name) for v in state.layout.declared()},
            "state": state.values[0].tolist(),
        },
    }


def checksum(data: dict[str, Any]) -> str:
    """A fingerprint of everything that decides the campaign, to detect damage."""
    decisive = {
        key: data.get(key)
        for key in ("version", "scenario", "content_hash", "seed", "records", "snapshot")
    }
    text = json.dumps(decisive, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_save(campaign: Campaign, path: Path, name: str = "") -> Path:
    """Write atomically: a failed or interrupted write never replaces a good save.

    The text goes to a temporary file beside the slot, is flushed to the disk, and
    only then renamed over the slot, which the file system does in one step.
    """
    if campaign.pending is not None:
        raise SaveError("finish answering this quarter's events before saving")
    path = Path(path)
    try:
        data = save_data(campaign, name)
        data["checksum"] = checksum(data)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _sync_folder(path.parent)
    except OSError as exc:
        raise SaveError(f"could not write the save {path}: {exc.strerror or exc}") from exc
    return path


def _sync_folder(folder: Path) -> None:
    """Make a rename durable across a power cut (POSIX); elsewhere there is no need."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_save_header(path: Path) -> dict[str, Any]:
    """The save's JSON after the format and header checks, without loading the campaign."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{path.name} is too large to be a save ({size:,} bytes)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SaveError(f"there is no save at {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path.name} cannot be read as a save: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(
            f"{path.name} is damaged (not valid JSON at line {exc.lineno}); it may have been cut short"
        ) from exc
    except (ValueError, RecursionError) as exc:
        # Numbers of thousands of digits, or lists nested thousands deep: no save has them.
        raise SaveError(f"{path.name} is damaged (its JSON is not the shape of a save)") from exc
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{path.name} is not a Great Turn save")
    version = data.get("version")
    if type(version) is not int:
        raise SaveError(f"{path.name} is damaged: it has no format version")
    made_by = data.get("game_version")
    made_by = f"Great Turn {made_by}" if isinstance(made_by, str) else "another version of the game"
    if version > SAVE_VERSION:
        raise SaveError(
            f"{path.name} was made by a newer version of the game ({made_by}, save format {version}; this game reads up to {SAVE_VERSION}); update the game to open it"
        )
    if version < 1:
        raise SaveError(f"{path.name} is damaged: there is no save format {version}")
    for key, kind in _HEADER_FIELDS.items():
        value = data.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise SaveError(f"{path.name} is damaged: its '{key}' is missing or not {_KIND[kind]}")
    if data["turn"] < 0:
        raise SaveError(f"{path.name} is damaged: its turn is negative")
    # The game loads the scenario a save names, so that name must be an id, never a path.
    if not _SCENARIO_ID.fullmatch(data["scenario"]):
        raise SaveError(f"{path.name} is damaged: '{data['scenario']}' is not a scenario id")
    return data


_KIND = {str: "text", int: "a whole number"}
_SCENARIO_ID = re.compile(r"[a-z][a-z0-9_]*")


def load_save(path: Path, scenario: Scenario, *, replay: bool = False) -> Campaign:
    """Rebuild the campaign from a save; refuses a save of other content or a damaged one.

    The state is restored from the snapshot after the checksum proves the file intact.
    With replay=True the records are also played again from the start and must reach
    the same state: slower, and proof that the save was made by these rules.
    """
    data = read_save_header(path)
    name = Path(path).name
    if data["scenario"] != scenario.id:
        raise SaveError(f"{name} is a save of scenario '{data['scenario']}', not '{scenario.id}'")
    if data.get("content_hash") != scenario.content_hash:
        raise SaveError(
            f"{name} was made by Great Turn {data['game_version']} with a different version of scenario '{scenario.id}' (its files have changed since), so it cannot be continued exactly; open it with the version of the game that made it, or start a new campaign"
        )
    first_edition = "checksum" not in data and _is_mapping_without(data.get("snapshot"), "state")
    if not first_edition and data.get("checksum") != checksum(data):
        raise SaveError(
            f"{name} is damaged: its contents do not match their checksum (the file was cut short or edited)"
        )
    try:
        seed = data["seed"]
        if type(seed) is not int:
            raise TypeError("the seed is not a whole number")
        if not isinstance(data["records"], list):
            raise TypeError("the records are not a list")
        records = [TurnRecord.from_dict(r) for r in data["records"]]
        digest = str(data["snapshot"]["digest"])
    except _BAD_CONTENT as exc:
        raise SaveError(f"{name} is damaged: its contents are incomplete ({exc})") from exc
    if not 0 <= seed < 2**64:
        raise SaveError(f"{name} is damaged: the seed is out of range")
    problem = _record_problem(records, scenario)
    if problem:
        raise SaveError(f"{name} is damaged: {problem}")
    if first_edition:
        return _replayed(name, scenario, seed, records, digest)
    try:
        values = np.asarray(data["snapshot"]["state"], dtype=np.float64)
    except _BAD_CONTENT as exc:
        raise SaveError(f"{name} is damaged: its state is not a list of numbers") from exc
    if values.shape != (len(scenario.layout),) or not np.all(np.isfinite(values)):
        raise SaveError(f"{name} is damaged: its state does not fit scenario '{scenario.id}'")
    state = State(scenario.layout, values.reshape(1, -1), np.array([seed], dtype=np.uint64))
    if state.digest() != digest:
        raise SaveError(f"{name} is damaged: its state does not match its fingerprint")
    problem = _state_problem(state, scenario, records, data["turn"])
    if problem:
        raise SaveError(f"{name} is damaged: {problem}")
    if not replay:
        return Campaign(scenario, seed, state, records)
    return _replayed(name, scenario, seed, records, digest)


def _is_mapping_without(value: object, key: str) -> bool:
    return isinstance(value, dict) and key not in value


def _replayed(
    name: str, scenario: Scenario, seed: int, records: list[TurnRecord], digest: str
) -> Campaign:
    try:
        campaign = Campaign.replay(scenario, seed, records)
    except (OrderRefused, ChoiceRefused, *_BAD_CONTENT) as exc:
        raise SaveError(f"{name} is damaged: its turns no longer replay ({exc})") from exc
    if campaign.state.digest() != digest:
        raise SaveError(f"{name} is damaged: replaying it does not reach the saved state")
    return campaign


def _record_problem(records: list[TurnRecord], scenario: Scenario) -> str:
    """Why the records cannot belong to this scenario, or "" when they can.

    The history screens and the debrief read the records by name, so a record that
    names no variable, event or decision of the scenario is damage, not history.
    """
    events = {e.id: {o.id for o in e.options} for e in scenario.events}
    decisions = {d.id for d in scenario.decisions}
    levels = {p.id: {lvl.value for lvl in p.levels} for p in scenario.policies}
    variables = scenario.layout.index
    endings = {e.id for e in scenario.endings} | {""}
    for expected, record in enumerate(records):
        where = f"the record of turn {expected}"
        if record.turn != expected:
            return f"{where} is numbered {record.turn}"
        if record.ending not in endings:
            return f"{where} names an unknown ending '{record.ending}'"
        for policy, value in record.orders.policies.items():
            if value not in levels.get(policy, ()):
                return f"{where} orders an unknown policy level ({policy} = {value})"
        for decision in (*record.orders.decisions, *record.decisions):
            if decision not in decisions:
                return f"{where} names an unknown decision '{decision}'"
        for event in record.fired:
            if event not in events:
                return f"{where} names an unknown event '{event}'"
        for event, option in (*record.choices.items(), *record.standing.items()):
            if option not in events.get(event, ()):
                return f"{where} names an unknown choice '{event}: {option}'"
        for change in record.changes:
            if change.var not in variables or not math.isfinite(change.delta):
                return f"{where} holds an impossible change of '{change.var}'"
    return ""


def _state_problem(
    state: State, scenario: Scenario, records: list[TurnRecord], header_turn: int
) -> str:
    """Why the snapshot cannot be a state this game reached, or "" when it can."""
    layout = scenario.layout
    values = state.values[0]
    outside = (values < layout.minimum) | (values > layout.maximum)
    if outside.any():
        column = int(np.flatnonzero(outside)[0])
        return f"its value of '{layout.variables[column].name}' is outside its range"
    turn = values[layout.col(TURN)]
    ending = values[layout.col(ENDING)]
    if turn != int(turn) or turn > scenario.calendar.n_turns or turn != header_turn:
        return "its turn does not fit its state"
    if ending != int(ending) or not -1 <= ending < len(scenario.endings):
        return "its ending is not one of the scenario's"
    played = int(turn) + (1 if ending >= 0 else 0)
    if len(records) != played:
        return f"it holds {len(records)} turn records for {played} turns played"
    return ""


def autosave(campaign: Campaign, folder: Path | None = None, keep: int = 3) -> Path:
    """Write autosave-1.json, shifting older autosaves down and keeping the last few.

    Every slot holds a whole save at every moment, even if the game is killed half-way:
    the new save is written in full first, each older one is copied down before the
    slot above is replaced, and autosave-1.json is replaced last, in one rename.
    """
    folder = Path(folder) if folder else saves_dir()
    newest = folder / "autosave-1.json"
    temp = write_save(campaign, folder / ".autosave-new.json", name="Autosave")
    try:
        for i in range(keep - 1, 0, -1):
            older = folder / f"autosave-{i}.json"
            if older.exists():
                _copy_over(older, folder / f"autosave-{i + 1}.json")
        os.replace(temp, newest)
        _sync_folder(folder)
    except OSError as exc:
        raise SaveError(f"could not write the autosave in {folder}: {exc.strerror or exc}") from exc
    return newest


def _copy_over(source: Path, target: Path) -> None:
    """Replace target with source in one rename, leaving source in place: a hard link
    where the file system has them, a flushed copy where it has not (FAT drives)."""
    staging = target.with_name(f".{target.name}.copy")
    staging.unlink(missing_ok=True)
    try:
        os.link(source, staging)
    except OSError:
        shutil.copyfile(source, staging)
        with open(staging, "rb+") as stream:
            os.fsync(stream.fileno())
    try:
        os.replace(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise
