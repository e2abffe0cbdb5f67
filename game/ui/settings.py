"""Player settings, kept in saves/settings.json; a damaged file falls back to defaults."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

SCALES = (1.0, 1.25, 1.5, 2.0)
SCALE_NAMES = {1.0: "Normal", 1.25: "Large", 1.5: "Projector", 2.0: "Projector, huge"}


@dataclass(frozen=True)
class Settings:
    fullscreen: bool = False
    scale: float = 1.0
    colour_blind: bool = False
    window: tuple[int, int] = (1280, 720)
    guide: bool = True  # show the guided first turn in the next new campaign
    developer: bool = False  # F5 reloads the scenario's files while playing

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    @classmethod
    def load(cls, folder: Path) -> Settings:
        try:
            data = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
            settings = cls(
                fullscreen=bool(data.get("fullscreen", False)),
                scale=float(data.get("scale", 1.0)),
                colour_blind=bool(data.get("colour_blind", False)),
                window=tuple(int(v) for v in data.get("window", (1280, 720)))[:2],  # type: ignore[arg-type]
                guide=bool(data.get("guide", True)),
                developer=bool(data.get("developer", False)),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()
        if settings.scale not in SCALES:
            settings = settings.with_(scale=1.0)
        width, height = settings.window
        return settings.with_(window=(max(800, min(width, 7680)), max(600, min(height, 4320))))

    def save(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            data = asdict(self)
            data["window"] = list(self.window)
            (folder / "settings.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
        except OSError:
            pass  # settings are a convenience; failing to keep them must not stop the game
