"""Versioned JSON save games: written atomically, checked by replay when loaded.

A save holds the scenario id and content hash, the seed, every turn record (the
replay log) and a snapshot of the final state with its digest. Loading replays the
records from the start and checks that they reach the snapshot, so a tampered or
damaged save is refused with a clear message instead of loading a wrong campaign.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from game import __version__
from game.core.campaign import Campaign
from game.core.model import Scenario
from game.core.orders import OrderRefused
from game.core.pipeline import ChoiceRefused
from game.core.records import TurnRecord
from game.core.state import State

SAVE_FORMAT = "great-turn-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 50_000_000


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
    """Write atomically: a failed write never replaces a good save."""
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
    except OSError as exc:
        raise SaveError(f"could not write the save {path}: {exc.strerror or exc}") from exc
    return path


def read_save_header(path: Path) -> dict[str, Any]:
    """The save's JSON after the format checks, without replaying it."""
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
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{path.name} is not a Great Turn save")
    version = data.get("version")
    if not isinstance(version, int):
        raise SaveError(f"{path.name} is damaged: it has no format version")
    if version > SAVE_VERSION:
        raise SaveError(
            f"{path.name} was made by a newer version of the game (save format {version}; this game reads up to {SAVE_VERSION}); update the game to open it"
        )
    return data


def load_save(path: Path, scenario: Scenario, *, replay: bool = False) -> Campaign:
    """Rebuild the campaign from a save; refuses a save of other content or a damaged one.

    The state is restored from the snapshot after the checksum proves the file intact.
    With replay=True the records are also played again from the start and must reach
    the same state: slower, and proof that the save was made by these rules.
    """
    data = read_save_header(path)
    name = Path(path).name
    if data.get("scenario") != scenario.id:
        raise SaveError(
            f"{name} is a save of scenario '{data.get('scenario')}', not '{scenario.id}'"
        )
    if data.get("content_hash") != scenario.content_hash:
        raise SaveError(
            f"{name} was made with a different version of scenario '{scenario.id}' (its files have changed since), so it cannot be replayed exactly"
        )
    if data.get("checksum") != checksum(data):
        raise SaveError(
            f"{name} is damaged: its contents do not match their checksum (the file was cut short or edited)"
        )
    try:
        seed = int(data["seed"])
        records = [TurnRecord.from_dict(r) for r in data["records"]]
        digest = str(data["snapshot"]["digest"])
        values = np.asarray(data["snapshot"]["state"], dtype=np.float64)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(
            f"{name} is damaged: its contents are incomplete ({type(exc).__name__}: {exc})"
        ) from exc
    if not 0 <= seed < 2**64:
        raise SaveError(f"{name} is damaged: the seed is out of range")
    if values.shape != (len(scenario.layout),) or not np.all(np.isfinite(values)):
        raise SaveError(f"{name} is damaged: its state does not fit scenario '{scenario.id}'")
    state = State(scenario.layout, values.reshape(1, -1), np.array([seed], dtype=np.uint64))
    if state.digest() != digest:
        raise SaveError(f"{name} is damaged: its state does not match its fingerprint")
    if not replay:
        return Campaign(scenario, seed, state, records)
    try:
        campaign = Campaign.replay(scenario, seed, records)
    except (OrderRefused, ChoiceRefused, ValueError) as exc:
        raise SaveError(f"{name} is damaged: its turns no longer replay ({exc})") from exc
    if campaign.state.digest() != digest:
        raise SaveError(f"{name} is damaged: replaying it does not reach the saved state")
    return campaign


def autosave(campaign: Campaign, folder: Path | None = None, keep: int = 3) -> Path:
    """Write autosave-1.json, shifting older autosaves down and keeping the last few."""
    folder = Path(folder) if folder else saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    newest = folder / "autosave-1.json"
    temp = write_save(campaign, folder / ".autosave-new.json", name="Autosave")
    for i in range(keep - 1, 0, -1):
        older = folder / f"autosave-{i}.json"
        if older.exists():
            os.replace(older, folder / f"autosave-{i + 1}.json")
    os.replace(temp, newest)
    return newest
