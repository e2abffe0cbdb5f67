"""The map's geometry: the regions of 1928-1941 from the Atlantic to the Pacific.

`assets/map/europe_asia.json` is derived once from Natural Earth by
`assets/map/derive.py`; this module only reads it. Scenarios name its regions and say
who owns them; the window draws them. Coordinates are whole units of a frame
`size` wide and high, y downwards; `view` is the part every window must show, `inset`
the part a small window shows again, larger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ASSET = Path(__file__).resolve().parent.parent.parent / "assets" / "map" / "europe_asia.json"


@dataclass(frozen=True, eq=False)
class Region:
    """One region of the map: its modern-or-period name, a point to label it at, and its
    outlines (each an (n, 2) array of frame units)."""

    id: str
    name: str
    label: tuple[int, int]
    rings: tuple[np.ndarray, ...]


@dataclass(frozen=True, eq=False)
class Atlas:
    """Regions in drawing order: larger first, so an enclave drawn later stays visible."""

    size: tuple[int, int]
    view: tuple[int, int, int, int]
    inset: tuple[int, int, int, int]  # central and eastern Europe, drawn larger
    regions: tuple[Region, ...]
    by_id: dict[str, Region]

    def region(self, region_id: str) -> Region:
        return self.by_id[region_id]


def read_atlas(path: Path) -> Atlas:
    data = json.loads(path.read_text(encoding="utf-8"))
    regions = []
    for entry in data["regions"]:
        rings = []
        for flat in entry["rings"]:
            ring = np.asarray(flat, dtype=np.float32).reshape(-1, 2)
            ring.setflags(write=False)
            rings.append(ring)
        regions.append(
            Region(entry["id"], entry["name"], tuple(entry["label"]), tuple(rings))  # type: ignore[arg-type]
        )
    width, height = data["size"]
    x, y, w, h = data["view"]
    ix, iy, iw, ih = data["inset"]
    by_id = {r.id: r for r in regions}
    return Atlas((width, height), (x, y, w, h), (ix, iy, iw, ih), tuple(regions), by_id)


@lru_cache(maxsize=1)
def load_atlas() -> Atlas:
    """The shipped map, read once per process."""
    return read_atlas(ASSET)
