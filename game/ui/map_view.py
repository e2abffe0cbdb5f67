"""The map of Europe and Asia: the period's regions coloured by who holds them.

A power's regions take the colour of its relations with the player, of its treaties or
of the threat it poses (the player switches); the player's country is the accent colour,
other states and unlisted land are paper. The picture for one (size, palette, mode,
holdings) is drawn once and kept, so a frame only blits it; when the picture changes
(borders moved, relations changed, the mode switched) the new one fades in over the old.
Hover names a region's holder and its state; a click on a power's region opens it in
diplomacy; the places of last quarter's events are marked.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pygame

from game.content.atlas import Atlas, load_atlas
from game.core.campaign import Campaign
from game.core.judge import view
from game.core.model import PowerDef
from game.core.territory import owners
from game.ui import describe
from game.ui import text as txt
from game.ui.theme import Color, Theme
from game.ui.widgets import Widget

MODES = ("relations", "treaties", "threat")
MODE_TITLES = {"relations": "Relations", "treaties": "Treaties", "threat": "Threat"}
FADE_MS = 600


def modes_of(scenario) -> tuple[str, ...]:
    """The colourings a scenario can show: threat only if some power has a threat."""
    return MODES if any(p.threat for p in scenario.powers) else MODES[:2]


HOME = "home"


def _mix(a: Color, b: Color, k: float) -> Color:
    return tuple(int(x + (y - x) * k) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def sea_colour(theme: Theme) -> Color:
    return _mix(theme.palette.paper_dark, (120, 150, 170), 0.45)


def land_colour(theme: Theme) -> Color:
    return theme.palette.paper


def state_colour(theme: Theme) -> Color:
    return _mix(theme.palette.paper, theme.palette.neutral, 0.25)


def home_colour(theme: Theme) -> Color:
    # The accent, unless it is too close to the scale's ends (the colour-blind blue is
    # also "friendly"): then the Okabe-Ito reddish purple, which neither end uses.
    return (204, 121, 167) if theme.colour_blind else theme.palette.accent


def hostile_colour(theme: Theme) -> Color:
    # Not the standard palette's red, which is the player's own country on the map.
    return theme.palette.bad if theme.colour_blind else (72, 64, 60)


def relation_colour(theme: Theme, relation: float) -> Color:
    t = max(-1.0, min(1.0, relation / 100.0))
    end = theme.palette.good if t > 0 else hostile_colour(theme)
    return _mix(theme.palette.neutral, end, abs(t))


def in_force(campaign: Campaign, power: PowerDef) -> list[str]:
    return [flag for flag in power.treaties if campaign.value(flag) >= 0.5]


def power_colour(theme: Theme, campaign: Campaign, power: PowerDef, mode: str) -> Color:
    p = theme.palette
    if mode == "treaties":
        return _mix(p.neutral, p.good, 0.8) if in_force(campaign, power) else p.neutral
    if mode == "threat":
        level = campaign.value(power.threat) if power.threat else 0.0
        return _mix(p.neutral, hostile_colour(theme), max(0.0, min(level / 100.0, 1.0)))
    relation = campaign.value(power.relations) if power.relations else 0.0
    return relation_colour(theme, relation)


@dataclass(frozen=True)
class Picture:
    """What the map shows at one moment: a colour per region (in the atlas's drawing
    order), the powers' labels with a treaty ring or not, and the legend's mode."""

    fills: tuple[Color, ...]
    labels: tuple[tuple[str, str, bool, bool], ...]  # (region, text, treaty ring, a power)
    mode: str
    colour_blind: bool


def picture(
    campaign: Campaign, theme: Theme, mode: str, atlas: Atlas, held: dict[str, str]
) -> Picture:
    """What the map shows, given who holds each region (`territory.owners`)."""
    scenario = campaign.scenario
    powers = {p.id: p for p in scenario.powers}
    states = dict(scenario.map.states)
    colours: dict[str, Color] = {HOME: home_colour(theme)}
    colours.update({s: state_colour(theme) for s in states})
    colours.update({pid: power_colour(theme, campaign, p, mode) for pid, p in powers.items()})
    fills = tuple(colours.get(held.get(r.id, ""), land_colour(theme)) for r in atlas.regions)
    labels = []
    for owner in [HOME, *powers, *states]:
        region = _seat(owner, held, atlas)
        if region is None:
            continue  # a power that holds nothing (Czechoslovakia after Prague) has no label
        if owner == HOME:
            labels.append((region, scenario.map.home or "Home", False, True))
        elif owner in powers:
            ring = bool(in_force(campaign, powers[owner]))
            labels.append((region, powers[owner].name, ring, True))
        else:
            labels.append((region, states[owner], False, False))
    return Picture(fills, tuple(labels), mode, theme.colour_blind)


def _seat(owner: str, held: dict[str, str], atlas: Atlas) -> str | None:
    """Where a holder's name goes: its region of the same id, else its largest region."""
    own = [r.id for r in atlas.regions if held.get(r.id) == owner]  # largest first
    if not own:
        return None
    named = owner if owner != HOME else next(iter(own))
    return named if named in own else own[0]


@dataclass(frozen=True)
class Fit:
    """A window of the atlas scaled into a rectangle of `size`, centred and fully shown."""

    size: tuple[int, int]
    scale: float
    offset: tuple[float, float]
    rings: tuple[tuple[list[tuple[int, int]], ...], ...]

    def point(self, x: float, y: float) -> tuple[int, int]:
        return (int(x * self.scale + self.offset[0]), int(y * self.scale + self.offset[1]))


@dataclass(frozen=True)
class Layout:
    """The whole view in a rectangle of `size`, and (when the continent is drawn too small
    to read Europe's borders) an inset of central and eastern Europe in its upper right."""

    main: Fit
    inset: pygame.Rect | None = None
    inset_fit: Fit | None = None
    inset_window: tuple[int, int, int, int] = (0, 0, 0, 0)

    def in_inset(self, x: float, y: float) -> bool:
        wx, wy, ww, wh = self.inset_window
        return self.inset is not None and wx <= x <= wx + ww and wy <= y <= wy + wh

    def point(self, x: float, y: float) -> tuple[int, int]:
        """Where a point of the atlas is drawn: in the inset if it shows it."""
        if self.in_inset(x, y) and self.inset_fit is not None and self.inset is not None:
            px, py = self.inset_fit.point(x, y)
            return (self.inset.x + px, self.inset.y + py)
        return self.main.point(x, y)


_fits: OrderedDict[tuple, Fit] = OrderedDict()
_layouts: OrderedDict[tuple, Layout] = OrderedDict()
_pictures: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_picks: OrderedDict[tuple, pygame.Surface] = OrderedDict()


def _remember(cache: OrderedDict, key: Any, make: Callable[[], Any], keep: int) -> Any:
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    cache[key] = value = make()
    while len(cache) > keep:
        cache.popitem(last=False)
    return value


def fit(
    atlas: Atlas, size: tuple[int, int], window: tuple[int, int, int, int] | None = None
) -> Fit:
    """The atlas's `window` (its view by default) scaled into `size`."""
    vx, vy, vw, vh = window or atlas.view

    def make() -> Fit:
        scale = min(size[0] / vw, size[1] / vh)
        ox = (size[0] - vw * scale) / 2 - vx * scale
        oy = (size[1] - vh * scale) / 2 - vy * scale
        rings = []
        for region in atlas.regions:
            shapes = []
            for ring in region.rings:
                points = np.rint(ring * scale + (ox, oy)).astype(np.int32)
                # Rings that fall wholly outside the rectangle are not drawn at all.
                if (points[:, 0].max() < 0 or points[:, 0].min() > size[0]) or (
                    points[:, 1].max() < 0 or points[:, 1].min() > size[1]
                ):
                    continue
                shapes.append([tuple(p) for p in points.tolist()])
            rings.append(tuple(shapes))
        return Fit(size, scale, (ox, oy), tuple(rings))

    return _remember(_fits, (size, vx, vy, vw, vh), make, 8)


def layout(atlas: Atlas, size: tuple[int, int], theme: Theme) -> Layout:
    def make() -> Layout:
        main = fit(atlas, size)
        bottom = size[1] - legend_height(theme, size[0]) - theme.px(6)
        # Over north-eastern Siberia, the part of the map where least is at stake.
        box = pygame.Rect(0, theme.px(6), int(size[0] * 0.38), int(bottom * 0.5))
        box.right = size[0] - theme.px(6)
        window = atlas.inset
        larger = min(box.width / window[2], box.height / window[3]) / main.scale
        # Only worth its room when it shows Europe at least half as large again.
        if box.width < theme.px(90) or larger < 1.5:
            return Layout(main)
        return Layout(main, box, fit(atlas, box.size, window), window)

    return _remember(_layouts, (size, theme.scale), make, 8)


def _draw_regions(surface: pygame.Surface, fitted: Fit, fills, edge: Color | None) -> None:
    for shapes, colour in zip(fitted.rings, fills, strict=True):
        for points in shapes:
            if len(points) > 2:
                pygame.draw.polygon(surface, colour, points)
                if edge is not None:
                    pygame.draw.lines(surface, edge, True, points)


def render(atlas: Atlas, size: tuple[int, int], shown: Picture, theme: Theme) -> pygame.Surface:
    """The map as a surface of `size` (kept for the next frames)."""

    def make() -> pygame.Surface:
        placed = layout(atlas, size, theme)
        surface = pygame.Surface(size)
        surface.fill(sea_colour(theme))
        edge = _mix(theme.palette.line, theme.palette.paper, 0.55)
        _draw_regions(surface, placed.main, shown.fills, edge)
        if placed.inset is not None and placed.inset_fit is not None:
            inset = surface.subsurface(placed.inset)
            inset.fill(sea_colour(theme))
            _draw_regions(inset, placed.inset_fit, shown.fills, edge)
            pygame.draw.rect(surface, theme.palette.ink, placed.inset, max(1, theme.px(1.5)))
        _draw_labels(surface, atlas, placed, shown, theme)
        _draw_legend(surface, shown, theme)
        return surface

    return _remember(_pictures, (size, shown, theme.scale), make, 6)


def _draw_labels(
    surface: pygame.Surface, atlas: Atlas, placed: Layout, shown: Picture, theme: Theme
) -> None:
    p = theme.palette
    bold, plain = theme.font(12, bold=True), theme.font(11)
    taken: list[pygame.Rect] = []
    if placed.inset is not None:
        taken.append(placed.inset)
    # The inset's names first (inside it), then the rest of the map's powers around it.
    ordered = sorted(
        shown.labels, key=lambda label: not placed.in_inset(*atlas.region(label[0]).label)
    )
    for region_id, text, ring, power in ordered:
        point = atlas.region(region_id).label
        inside = placed.in_inset(*point)
        if not power and not inside and placed.inset is not None:
            continue  # with an inset, other states are named only in it
        x, y = placed.point(*point)
        image = txt.render(bold if power else plain, text, p.ink if power else p.ink_soft)
        box = image.get_rect(midtop=(x, y + theme.px(4)))
        box.clamp_ip(placed.inset if inside and placed.inset else surface.get_rect())
        if not inside and placed.inset is not None and box.colliderect(placed.inset):
            box.right = placed.inset.left - theme.px(2)  # beside the inset, not under it
        others = taken[1:] if inside else taken
        if any(box.colliderect(other) for other in others):
            continue
        taken.append(box)
        if power:
            dot = theme.px(3)
            pygame.draw.circle(surface, p.ink, (x, y), dot)
            if ring:
                pygame.draw.circle(surface, p.ink, (x, y), dot + theme.px(3), max(1, theme.px(1.5)))
        halo = pygame.Surface(box.size, pygame.SRCALPHA)
        halo.fill((*p.panel, 150))
        surface.blit(halo, box)
        surface.blit(image, box)


def legend_entries(mode: str, theme: Theme) -> list[tuple[Color | None, str]]:
    p = theme.palette
    entries: list[tuple[Color | None, str]] = [(home_colour(theme), "you")]
    if mode == "relations":
        entries += [(hostile_colour(theme), "hostile"), (p.neutral, "cool"), (p.good, "friendly")]
    elif mode == "treaties":
        entries += [(_mix(p.neutral, p.good, 0.8), "treaty in force"), (p.neutral, "none")]
    else:
        entries += [(p.neutral, "no threat"), (hostile_colour(theme), "grave threat")]
    entries += [(state_colour(theme), "other states"), (None, "ring: treaty")]
    return entries


def _legend_rows(mode: str, theme: Theme, width: int) -> list[list]:
    font = theme.font(12)
    pad, swatch = theme.px(5), theme.px(10)
    items = []
    for colour, text in legend_entries(mode, theme):
        image = txt.render(font, text, theme.palette.ink)
        items.append((colour, image, swatch + theme.px(4) + image.get_width()))
    rows: list[list] = [[]]
    used = 0
    for item in items:
        if rows[-1] and used + item[2] + pad * 2 > width - 2 * pad:
            rows.append([])
            used = 0
        rows[-1].append(item)
        used += item[2] + pad * 2
    return rows


def _legend_line(theme: Theme) -> int:
    return max(theme.font(12).get_linesize(), theme.px(10)) + theme.px(2)


def legend_height(theme: Theme, width: int) -> int:
    """The legend's height: the same for every mode, so the map does not jump."""
    rows = max(len(_legend_rows(mode, theme, width)) for mode in MODES)
    return rows * _legend_line(theme) + theme.px(5)


def _draw_legend(surface: pygame.Surface, shown: Picture, theme: Theme) -> None:
    p = theme.palette
    pad, swatch = theme.px(5), theme.px(10)
    line_h = _legend_line(theme)
    box = pygame.Rect(0, 0, surface.get_width(), legend_height(theme, surface.get_width()))
    box.bottom = surface.get_height()
    back = pygame.Surface(box.size, pygame.SRCALPHA)
    back.fill((*p.panel, 215))
    surface.blit(back, box)
    y = box.y + pad // 2
    for row in _legend_rows(shown.mode, theme, surface.get_width()):
        x = box.x + pad
        for colour, image, w in row:
            square = pygame.Rect(x, y + (line_h - swatch) // 2, swatch, swatch)
            if colour is None:
                pygame.draw.circle(
                    surface, p.ink, square.center, swatch // 2, max(1, theme.px(1.5))
                )
            else:
                pygame.draw.rect(surface, colour, square)
                pygame.draw.rect(surface, p.line, square, 1)
            surface.blit(image, (x + swatch + theme.px(4), y + (line_h - image.get_height()) // 2))
            x += w + pad * 2
        y += line_h


def pick_surface(atlas: Atlas, size: tuple[int, int], theme: Theme) -> pygame.Surface:
    """Each region filled with its index + 1 as a colour, inset included: the exact
    shapes the player sees."""

    def make() -> pygame.Surface:
        placed = layout(atlas, size, theme)
        surface = pygame.Surface(size)
        surface.fill((0, 0, 0))
        codes = [(code >> 8 & 255, code & 255, 0) for code in range(1, len(atlas.regions) + 1)]
        _draw_regions(surface, placed.main, codes, None)
        if placed.inset is not None and placed.inset_fit is not None:
            inset = surface.subsurface(placed.inset)
            inset.fill((0, 0, 0))
            _draw_regions(inset, placed.inset_fit, codes, None)
        return surface

    return _remember(_picks, (size, theme.scale), make, 4)


def region_at(atlas: Atlas, size: tuple[int, int], theme: Theme, x: int, y: int) -> str | None:
    """The region under a point of a map of `size` (relative to its corner), or None."""
    if not (0 <= x < size[0] and 0 <= y < size[1]):
        return None
    colour = pick_surface(atlas, size, theme).get_at((x, y))
    code = (colour.r << 8) + colour.g
    return atlas.regions[code - 1].id if code else None


@dataclass
class Fade:
    """The picture shown last in a rectangle of one size, and the one it fades from."""

    current: tuple | None = None
    previous: pygame.Surface | None = None
    since: int = 0
    campaign: Campaign | None = None


_fades: dict[tuple[int, int], Fade] = {}


@dataclass
class MapWidget(Widget):
    """The map in a rectangle of the campaign screen (see the module's docstring)."""

    campaign: Campaign | None = None
    theme: Theme = field(default_factory=Theme)
    mode: str = "relations"
    on_power: Callable[[str], Any] | None = None
    places: dict[str, list[str]] = field(default_factory=dict)
    # Whether the player is looking at the map (its scene on top): under a dialog or a
    # report it keeps the picture the player last saw, so the change fades in before
    # their eyes when they come back to it.
    active: Callable[[], bool] | None = None

    def __post_init__(self) -> None:
        assert self.campaign is not None
        self.atlas = load_atlas()
        scenario = self.campaign.scenario
        self.held = owners(scenario.map, view(scenario, self.campaign.state))
        self.shown = picture(self.campaign, self.theme, self.mode, self.atlas, self.held)
        self.more = self.describe_hovered

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        size = self.rect.size
        key = (size, self.shown, theme.scale)
        fade = _fades.setdefault(size, Fade())
        # The process's clock, not SDL's: pygame's ticks stay at 0 until its timer is
        # initialised, which nothing else in the game needs (the text toolkit once did it).
        now = int(time.monotonic() * 1000)
        seen = _pictures.get(fade.current) if fade.campaign is self.campaign else None
        if seen is not None and fade.current != key and self.active and not self.active():
            surface.blit(seen, self.rect)
            return
        image = render(self.atlas, size, self.shown, theme)
        if fade.current != key:
            # Only the same campaign's last picture fades out: not another campaign's.
            same = fade.campaign is self.campaign and fade.current is not None
            fade.previous = _pictures.get(fade.current) if same else None
            fade.current, fade.since, fade.campaign = key, now, self.campaign
        surface.blit(image, self.rect)
        if fade.previous is not None and now - fade.since < FADE_MS:
            # The old picture over the new, more transparent each frame.
            fade.previous.set_alpha(int(255 * (1 - (now - fade.since) / FADE_MS)))
            surface.blit(fade.previous, self.rect)
            fade.previous.set_alpha(None)
        elif fade.previous is not None:
            fade.previous = None
        self._draw_places(surface, theme, now)

    def _draw_places(self, surface: pygame.Surface, theme: Theme, now: int) -> None:
        placed = layout(self.atlas, self.rect.size, theme)
        p = theme.palette
        pulse = theme.px(5) + int(theme.px(3) * (1 + np.sin(now / 250.0)) / 2)
        for region_id in self.places:
            x, y = placed.point(*self.atlas.region(region_id).label)
            centre = (self.rect.x + x, self.rect.y + y - theme.px(10))
            diamond = [
                (centre[0], centre[1] - pulse),
                (centre[0] + pulse, centre[1]),
                (centre[0], centre[1] + pulse),
                (centre[0] - pulse, centre[1]),
            ]
            pygame.draw.polygon(surface, p.highlight, diamond)
            pygame.draw.polygon(surface, p.ink, diamond, max(1, theme.px(1.5)))

    def region_at(self, position: tuple[int, int]) -> str | None:
        return region_at(
            self.atlas,
            self.rect.size,
            self.theme,
            position[0] - self.rect.x,
            position[1] - self.rect.y,
        )

    def holder_at(self, position: tuple[int, int]) -> str | None:
        region = self.region_at(position)
        return self.held.get(region) if region else None

    def handle(self, event: pygame.event.Event, theme: Theme) -> Any:
        if (
            event.type == pygame.MOUSEBUTTONUP
            and event.button == 1
            and self.rect.collidepoint(event.pos)
        ):
            holder = self.holder_at(event.pos)
            powers = {p.id for p in self.campaign.scenario.powers}  # type: ignore[union-attr]
            if holder in powers and self.on_power is not None:
                return self.on_power(holder) or True
            return True
        return None

    def describe_hovered(self) -> str:
        position = pygame.mouse.get_pos()
        if not self.rect.collidepoint(position):
            return ""
        region = self.region_at(position)
        return describe_region(self.campaign, self.atlas, region, self.held, self.places)  # type: ignore[arg-type]

    def texts(self) -> list[str]:
        return [text for _, text, _, power in self.shown.labels if power]


def describe_region(
    campaign: Campaign,
    atlas: Atlas,
    region: str | None,
    held: dict[str, str],
    places: dict[str, list[str]],
) -> str:
    """The tooltip of a region: who holds it and, for a power, its state towards you."""
    if region is None:
        return ""
    scenario = campaign.scenario
    name = atlas.region(region).name
    holder = held.get(region)
    lines = []
    powers = {p.id: p for p in scenario.powers}
    if holder == HOME:
        lines.append(f"{name}: your country.")
    elif holder in powers:
        power = powers[holder]
        lines.append(name if name == power.name else f"{name}, held by {power.name}")
        lines.extend(power_lines(campaign, power))
        lines.append(f"Click to open {power.name} in diplomacy.")
    elif holder is not None:
        state = dict(scenario.map.states).get(holder, holder)
        lines.append(name if name == state else f"{name}, held by {state}")
    else:
        lines.append(name)
    for title in places.get(region, []):
        lines.append(f"Last quarter: {title}")
    return "\n".join(lines)


def relation_word(relation: float) -> str:
    """The legend's words for a relation of -100..100."""
    if relation <= -40:
        return "hostile"
    if relation < 25:
        return "cool"
    return "friendly"


def power_lines(campaign: Campaign, power: PowerDef) -> list[str]:
    """A power's standing with you in words: relations, trust, threat, treaties, intentions."""
    scenario = campaign.scenario
    lines = []
    for label, var in (
        ("Relations", power.relations),
        ("Trust", power.trust),
        ("Threat", power.threat),
    ):
        if var:
            amount = campaign.value(var)
            word = f" ({relation_word(amount)})" if var == power.relations else ""
            lines.append(f"{label}: {describe.value(scenario, var, amount)}{word}")
    treaties = [describe.label(scenario, flag) for flag in in_force(campaign, power)]
    lines.append("Treaties: " + (", ".join(treaties) if treaties else "none in force"))
    ctx = view(scenario, campaign.state)
    intention = next((text for condition, text in power.intentions if condition(ctx)[0]), "")
    if intention:
        lines.append(intention)
    return lines
