"""Player settings, kept in saves/settings.json; a damaged file falls back to defaults."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

# Every screen is laid out for at least 1024x600 logical pixels, so a 16:9 window can grow
# its text by 20% at most over the size it already gets from the window: larger steps all
# came out at 120% in the default window. These three differ in every 16:9 window.
SCALES = (1.0, 1.1, 1.2)
SCALE_NAMES = {1.0: "Normal", 1.1: "Large", 1.2: "Projector"}
VOLUMES = (0.2, 0.4, 0.6, 0.8, 1.0)


def nearest_scale(scale: float) -> float:
    """A scale kept by an older version (1.25, 1.5, 2.0) becomes the nearest one offered."""
    return min(SCALES, key=lambda s: (abs(s - scale), -s))


def _volume(value: object, default: float) -> float:
    volume = float(value)  # type: ignore[arg-type]
    return min(1.0, max(0.0, volume)) if volume == volume else default


@dataclass(frozen=True)
class Settings:
    fullscreen: bool = False
    scale: float = 1.0
    colour_blind: bool = False
    window: tuple[int, int] = (1280, 720)
    guide: bool = True  # show the guided first turn in the next new campaign
    developer: bool = False  # F5 reloads the scenario's files while playing
    music_on: bool = True
    music_volume: float = 0.8
    effects_on: bool = True
    effects_volume: float = 1.0
    reduce_motion: bool = False  # figures and the date change at once, without animation

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
                music_on=bool(data.get("music_on", True)),
                music_volume=_volume(data.get("music_volume", 0.8), 0.8),
                effects_on=bool(data.get("effects_on", True)),
                effects_volume=_volume(data.get("effects_volume", 1.0), 1.0),
                reduce_motion=bool(data.get("reduce_motion", False)),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()
        if settings.scale not in SCALES:
            settings = settings.with_(
                scale=nearest_scale(settings.scale) if settings.scale > 0 else 1.0
            )
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
