"""Derive the game's map asset from Natural Earth, once, by hand.

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    pip install shapely
    python assets/map/derive.py /tmp/atlas/node_modules/world-atlas/countries-50m.json

writes `assets/map/europe_asia.json`: the regions of 1928-1941 from the Atlantic to the
Pacific, projected (equidistant conic), clipped to the frame, simplified and rounded to
whole units of a 4000-wide frame. The game reads only that file; neither shapely nor the
atlas is needed to play. Modern countries are cut into the period's regions by the
outlines in `period_lines.json` (each with its origin); a modern country not named below
becomes a region of its own, under its modern name.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, box
from shapely import transform
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent
WIDTH = 4000
TOLERANCE = 2.0  # frame units: half a pixel on a 1920-wide window
MIN_AREA = 30.0  # islands smaller than this (frame units squared) are dropped

# The projection: equidistant conic, true to scale on two parallels across the Union.
LON0, LAT1, LAT2 = 70.0, 35.0, 62.0
# The view, in degrees: the places a window must show (Ireland and Portugal in the
# west, Sakhalin and Japan in the east, the Arctic coast and the Himalaya). The asset
# covers a margin around it, so a window of another shape shows more, never an edge.
VIEW_POINTS = [
    (-10.5, 36.0),
    (-10.5, 58.0),
    (150.0, 52.0),
    (146.0, 33.0),
    (70.0, 74.0),
    (70.0, 27.0),
]
MARGIN = 0.25  # of the view's width, on each side
# The inset: central and eastern Europe, where most borders of the period moved.
INSET_POINTS = [(9.0, 44.5), (9.0, 60.5), (36.0, 44.5), (36.0, 60.5)]

# (region id, name, modern countries it comes from, outline it lies within or None).
# Order matters: a region takes what earlier ones have not, so a country's last region
# (with no outline) is what is left of it. Entries of one id are joined.
REGIONS: list[tuple[str, str, list[str], str | None]] = [
    ("german_east", "East Prussia, Pomerania and Silesia", ["Poland"], "german_east_1937"),
    ("east_prussia", "East Prussia", ["Poland", "Russia"], "east_prussia_1937"),
    ("germany", "Germany", ["Germany"], None),
    ("austria", "Austria", ["Austria"], None),
    ("west_belorussia", "Western Belorussia", ["Belarus"], "poland_kresy_1921"),
    ("west_ukraine", "Western Ukraine (Galicia and Volhynia)", ["Ukraine"], "poland_kresy_1921"),
    ("ruthenia", "Subcarpathian Ruthenia", ["Ukraine"], "ruthenia"),
    ("north_bukovina", "Northern Bukovina", ["Ukraine"], "north_bukovina"),
    ("bessarabia", "Bessarabia", ["Moldova", "Ukraine"], "bessarabia_1918"),
    ("vilna", "Vilna (Vilnius)", ["Lithuania"], "vilna_1922"),
    ("poland", "Poland", ["Poland"], None),
    ("lithuania", "Lithuania", ["Lithuania"], None),
    ("latvia", "Latvia", ["Latvia"], None),
    ("estonia", "Estonia", ["Estonia"], None),
    ("karelia", "Karelian Isthmus and Ladoga Karelia", ["Russia"], "karelia_1940"),
    ("salla", "Salla", ["Russia"], "salla_1940"),
    ("finland", "Finland", ["Russia"], "petsamo"),
    ("finland", "Finland", ["Finland", "Åland"], None),
    ("sudetenland", "Sudetenland", ["Czechia"], "sudeten_rim"),
    ("bohemia_moravia", "Bohemia and Moravia", ["Czechia"], None),
    ("slovakia", "Slovakia", ["Slovakia"], None),
    ("romania", "Romania", ["Romania"], None),
    ("south_sakhalin", "South Sakhalin (Karafuto)", ["Russia"], "south_sakhalin"),
    ("kuriles", "Kurile islands", ["Russia"], "kuriles"),
    (
        "ussr",
        "Soviet Union",
        [
            "Russia",
            "Belarus",
            "Ukraine",
            "Moldova",
            "Georgia",
            "Armenia",
            "Azerbaijan",
            "Kazakhstan",
            "Uzbekistan",
            "Turkmenistan",
            "Kyrgyzstan",
            "Tajikistan",
        ],
        "ussr_minus_kaliningrad",
    ),
    ("manchuria", "Manchuria", ["China"], "manchuria_1932"),
    ("jehol", "Jehol", ["China"], "jehol_1933"),
    ("occupied_china", "Northern and eastern China", ["China"], "japanese_china_1938"),
    ("canton", "Canton", ["China"], "canton_1938"),
    ("china", "China", ["China", "Macao"], None),
    ("korea", "Korea", ["North Korea", "South Korea"], None),
    (
        "yugoslavia",
        "Yugoslavia",
        ["Serbia", "Croatia", "Slovenia", "Bosnia and Herz.", "Montenegro", "Macedonia", "Kosovo"],
        None,
    ),
    ("hatay", "Alexandretta (Hatay)", ["Turkey"], "hatay"),
    ("turkey", "Turkey", ["Turkey"], None),
    ("syria_lebanon", "Syria and Lebanon", ["Syria", "Lebanon"], None),
    ("palestine", "Palestine and Transjordan", ["Israel", "Palestine", "Jordan"], None),
    (
        "british_india",
        "British India",
        ["India", "Pakistan", "Bangladesh", "Siachen Glacier"],
        None,
    ),
    ("indochina", "French Indochina", ["Vietnam", "Laos", "Cambodia"], None),
    ("ireland", "Ireland", ["Ireland"], None),
    ("britain", "Britain", ["United Kingdom", "Isle of Man", "Jersey", "Guernsey"], None),
    ("cyprus", "Cyprus", ["Cyprus", "N. Cyprus"], None),
    ("ethiopia", "Ethiopia", ["Ethiopia", "Eritrea"], None),
    ("somalia", "Somaliland", ["Somalia", "Somaliland", "Djibouti"], None),
    ("morocco", "Morocco", ["Morocco", "W. Sahara"], None),
]

NOT_PERIOD = {"Vatican", "San Marino", "Monaco", "Liechtenstein", "Andorra"}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def decode(topology: dict) -> dict[str, MultiPolygon]:
    """TopoJSON (quantised, delta-encoded arcs) to one shapely shape per country name."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part if not points else part[1:])
        # A ring across the antimeridian (Chukotka) is taken east of it, not round the world.
        if max(x for x, _ in points) - min(x for x, _ in points) > 180.0:
            points = [(x + 360.0 if x < 0 else x, y) for x, y in points]
        return points

    shapes: dict[str, MultiPolygon] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        polygons = []
        if geometry["type"] == "Polygon":
            groups = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            groups = geometry["arcs"]
        else:
            continue
        for rings in groups:
            outer = Polygon(ring(rings[0]), [ring(r) for r in rings[1:]]).buffer(0)
            polygons.append(outer)
        shapes[name] = unary_union(polygons)
    return shapes


def cuts(shapes: dict[str, MultiPolygon]) -> dict[str, Polygon]:
    data = json.loads((HERE / "period_lines.json").read_text(encoding="utf-8"))
    found = {key: Polygon(entry["ring"]).buffer(0) for key, entry in data["cuts"].items()}
    found["ussr_minus_kaliningrad"] = box(-180, -90, 180, 90).difference(found["kaliningrad"])
    czechia = shapes["Czechia"]
    # The Sudeten German districts ringed Bohemia and Moravia: a rim of the country's
    # border, west of the Moravian-Slovak hills.
    found["sudeten_rim"] = czechia.difference(czechia.buffer(-0.33)).intersection(
        box(11.0, 48.0, 18.3, 52.0)
    )
    return found


def project(lon: float, lat: float) -> tuple[float, float]:
    p1, p2 = math.radians(LAT1), math.radians(LAT2)
    n = (math.cos(p1) - math.cos(p2)) / (p2 - p1)
    g = math.cos(p1) / n + p1
    rho = g - math.radians(lat)
    theta = n * math.radians(lon - LON0)
    return rho * math.sin(theta), -rho * math.cos(theta)


def projected(shape):
    return transform(shape, lambda points: [project(x, y) for x, y in points])


def main(atlas: str) -> None:
    topology = json.loads(Path(atlas).read_text(encoding="utf-8"))
    shapes = decode(topology)
    outlines = cuts(shapes)
    taken: dict[str, list] = {}
    regions: list[tuple[str, str, object]] = []
    for region_id, name, countries, outline in REGIONS:
        parts = []
        for country in countries:
            rest = shapes[country]
            if taken.get(country):
                rest = rest.difference(unary_union(taken[country]))
            part = rest.intersection(outlines[outline]) if outline else rest
            if not part.is_empty:
                taken.setdefault(country, []).append(part)
                parts.append(part)
        if regions and regions[-1][0] == region_id:
            parts.append(regions.pop()[2])
        regions.append((region_id, name, unary_union(parts)))
    named = {c for _, _, countries, _ in REGIONS for c in countries}
    for country, shape in sorted(shapes.items()):
        if country in named or country in NOT_PERIOD:
            continue
        regions.append((slug(country), country, shape))

    corners = [project(lon, lat) for lon, lat in VIEW_POINTS]
    vx0, vx1 = min(x for x, _ in corners), max(x for x, _ in corners)
    vy0, vy1 = min(y for _, y in corners), max(y for _, y in corners)
    pad = MARGIN * (vx1 - vx0)
    x0, x1, y0, y1 = vx0 - pad, vx1 + pad, vy0 - pad, vy1 + pad
    k = WIDTH / (x1 - x0)
    height = round((y1 - y0) * k)
    view = [
        round((vx0 - x0) * k),
        round((y1 - vy1) * k),
        round((vx1 - vx0) * k),
        round((vy1 - vy0) * k),
    ]
    corners = [project(lon, lat) for lon, lat in INSET_POINTS]
    ix0, ix1 = min(x for x, _ in corners), max(x for x, _ in corners)
    iy0, iy1 = min(y for _, y in corners), max(y for _, y in corners)
    inset = [
        round((ix0 - x0) * k),
        round((y1 - iy1) * k),
        round((ix1 - ix0) * k),
        round((iy1 - iy0) * k),
    ]
    frame = box(0, 0, WIDTH, height)
    pieces = []
    for region_id, name, shape in regions:
        # Cut to the hemisphere around the frame first: far shapes would fold over.
        flat = projected(shape.buffer(0).intersection(box(-60.0, -10.0, 200.0, 89.0))).buffer(0)
        # Frame units with y downwards, as a window draws.
        flat = affinity.affine_transform(flat, [k, 0, 0, -k, -x0 * k, y1 * k])
        flat = flat.intersection(frame).simplify(TOLERANCE, preserve_topology=True)
        polygons = [flat] if isinstance(flat, Polygon) else list(getattr(flat, "geoms", []))
        rings = []
        for polygon in polygons:
            if not isinstance(polygon, Polygon) or polygon.area < MIN_AREA:
                continue
            coords = [round(v) for point in polygon.exterior.coords[:-1] for v in point]
            rings.append(coords)
        if not rings:
            continue
        largest = max(polygons, key=lambda p: p.area if isinstance(p, Polygon) else 0)
        label = largest.representative_point()
        area = sum(p.area for p in polygons if isinstance(p, Polygon))
        pieces.append(
            {
                "id": region_id,
                "name": name,
                "label": [round(label.x), round(label.y)],
                "area": round(area),
                "rings": rings,
            }
        )
    # Larger regions first, so an enclave drawn later stays visible.
    pieces.sort(key=lambda piece: -piece["area"])
    asset = {
        "about": "Regions of 1928-1941 derived by assets/map/derive.py from Natural Earth "
        "1:50m admin-0 countries (public domain) via the npm package world-atlas 2.0.2 "
        "(ISC licence), cut by assets/map/period_lines.json.",
        "projection": {"kind": "equidistant conic", "lon0": LON0, "lat1": LAT1, "lat2": LAT2},
        "size": [WIDTH, height],
        "view": view,
        "inset": inset,
        "regions": pieces,
    }
    out = HERE / "europe_asia.json"
    out.write_text(json.dumps(asset, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    points = sum(len(r) // 2 for p in pieces for r in p["rings"])
    print(f"{out}: {len(pieces)} regions, {points} points, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
