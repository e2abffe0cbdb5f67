"""The verdict as a poster a player would share: the ending, the five axes beside
history, the campaign's arc on each, the price in people, in the title screen's red
wedge and black circle.

The poster is composed on an off-screen surface of a fixed size, whatever the window,
and every text placed on it is recorded with its box, so a test can check that the
ending title is there and that no line is cut or runs over another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core.verdict import read as read_verdict
from game.ui import text as txt
from game.ui.charts import arc_chart
from game.ui.scenes.common import draw_wedge
from game.ui.theme import Color, Theme
from game.ui.verdict_panel import arcs

if TYPE_CHECKING:
    from game.core.campaign import Campaign

POSTER_SIZE = (1600, 900)
MARGIN = 60
FOOTER = 64
GAME_NAME = "GREAT TURN"
GAME_LINE = "The Soviet Union from the great turn of 1928 to June 1941"


@dataclass(frozen=True)
class PlacedText:
    """One line of text on the poster and the box it occupies."""

    text: str
    rect: pygame.Rect


@dataclass
class Poster:
    """A composed poster: the image, every line placed on it, and the lines that did not
    fit in their space (a layout fault a test reports; never cut silently)."""

    surface: pygame.Surface
    texts: list[PlacedText] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)

    def put(
        self, font: pygame.font.Font, text: str, color: Color, at: tuple[int, int], width: int
    ) -> pygame.Rect:
        """One line at `at`, noted as cut if wider than `width`."""
        image = txt.render(font, text, color)
        rect = self.surface.blit(image, at)
        if image.get_width() > width:
            self.cut.append(text)
        self.texts.append(PlacedText(text, pygame.Rect(at, image.get_size())))
        return rect

    def put_right(
        self, font: pygame.font.Font, text: str, color: Color, right: int, y: int
    ) -> pygame.Rect:
        image = txt.render(font, text, color)
        at = (right - image.get_width(), y)
        self.surface.blit(image, at)
        self.texts.append(PlacedText(text, pygame.Rect(at, image.get_size())))
        return pygame.Rect(at, image.get_size())

    def paragraph(
        self,
        fonts: list[pygame.font.Font],
        text: str,
        color: Color,
        box: pygame.Rect,
    ) -> int:
        """`text` wrapped in `box` in the largest of `fonts` whose lines all fit in its
        height; returns the y below the last line."""
        for font in fonts:
            lines = txt.wrap(font, text, box.width)
            if len(lines) * font.get_linesize() <= box.height:
                break
        else:
            self.cut.append(text)
        y = box.y
        for line in lines:
            self.put(font, line, color, (box.x, y), box.width)
            y += font.get_linesize()
        return y


def compose(campaign: Campaign, colour_blind: bool = False) -> Poster:
    """The poster of a finished (or stopped) campaign, in the chosen palette."""
    pygame.font.init()  # a poster can be made without a window (the command line, tests)
    theme = Theme(1.0, colour_blind)
    p = theme.palette
    width, height = POSTER_SIZE
    poster = Poster(pygame.Surface(POSTER_SIZE))
    surface = poster.surface
    surface.fill(p.paper)
    scenario, state = campaign.scenario, campaign.state
    verdict = read_verdict(scenario, state)
    calendar = scenario.calendar

    # The emblem, top right: the title screen's red wedge into the black circle.
    emblem = pygame.Rect(width - MARGIN - 420, 28, 420, 190)
    draw_wedge(surface, emblem, theme)

    text_width = emblem.x - MARGIN - 30
    ending = campaign.ending
    title = ending.title.render(scenario, state) if ending else "The campaign so far"
    big = [theme.font(size, bold=True) for size in (54, 46, 40, 34)]
    y = poster.paragraph(big, title, p.ink, pygame.Rect(MARGIN, 36, text_width, 124))
    quarters = len(campaign.records)
    when = f"ended {calendar.long_label(campaign.turn)}" if ending else "so far"
    subtitle = f"{scenario.title} · {when}, after {quarters} quarters"
    y = poster.paragraph(
        [theme.font(22), theme.font(19)],
        subtitle,
        p.ink_soft,
        pygame.Rect(MARGIN, y + 8, text_width, 60),
    )

    # The axes: bar beside history on the left, the arc quarter by quarter on the right.
    top = max(y + 24, emblem.bottom + 16)
    chart_x = MARGIN + 900
    label = theme.font(15, bold=True)
    poster.put(label, "THE VERDICT, BESIDE HISTORY", p.accent_dark, (MARGIN, top), 840)
    span = f"{calendar.label(0)} to {calendar.label(campaign.turn)}"
    poster.put(
        label,
        f"THE CAMPAIGN'S ARC, {span}",
        p.accent_dark,
        (chart_x, top),
        width - MARGIN - chart_x,
    )
    top += 30
    price_room = 86
    legend_room = 26
    rows = max(1, len(verdict.axes))
    row_height = min(96, (height - FOOTER - price_room - legend_room - 12 - top) // rows)
    head, note_font = theme.font(22, bold=True), theme.font(17)
    series = arcs(campaign)
    for i, axis in enumerate(verdict.axes):
        row_y = top + i * row_height
        ink = p.accent_dark if axis.cost else p.ink
        poster.put(head, axis.title, ink, (MARGIN, row_y), 300)
        history = "" if axis.history is None else f"history {axis.shown_history:.0f} · "
        note = f"{axis.figure} · {history}{axis.comparison}".rstrip(" ·")
        note_rect = poster.put_right(note_font, note, p.ink_soft, MARGIN + 840, row_y + 4)
        if note_rect.x < MARGIN + 310:
            poster.cut.append(note)
        bar = pygame.Rect(MARGIN, row_y + 36, 840, 20)
        pygame.draw.rect(surface, p.paper_dark, bar)
        filled = bar.copy()
        filled.width = round(bar.width * max(0.0, min(axis.shown, 100.0)) / 100)
        pygame.draw.rect(surface, p.accent if axis.cost else p.ink, filled)
        if axis.shown_history is not None:
            x = bar.x + round(bar.width * max(0.0, min(axis.shown_history, 100.0)) / 100)
            pygame.draw.line(surface, p.highlight, (x, bar.y - 6), (x, bar.bottom + 6), 5)
        pygame.draw.rect(surface, p.line, bar, width=1)
        chart = pygame.Rect(chart_x, row_y + 4, width - MARGIN - chart_x, row_height - 20)
        arc_chart(
            surface,
            chart,
            theme,
            series.get(axis.id, []),
            axis.shown_history,
            p.accent if axis.cost else p.ink,
            3,
        )
    legend_y = top + rows * row_height
    poster.put(
        theme.font(14),
        "Bars: this campaign, the upright mark history's score · Arcs: the score each"
        " quarter, the dashed line history's · Human cost is shown as harm: more is worse",
        p.ink_soft,
        (MARGIN, legend_y),
        width - 2 * MARGIN,
    )

    # The price in people: the human cost said as harm, never as a score.
    if verdict.price:
        poster.paragraph(
            [theme.font(24, bold=True), theme.font(20, bold=True), theme.font(17, bold=True)],
            verdict.price,
            p.harm,
            pygame.Rect(MARGIN, legend_y + legend_room + 8, width - 2 * MARGIN, price_room - 8),
        )

    # The footer: the game's name on a red band, and the world it was played in.
    band = pygame.Rect(0, height - FOOTER, width, FOOTER)
    pygame.draw.rect(surface, p.accent, band)
    pygame.draw.polygon(
        surface, p.ink, [(0, band.y), (220, band.y), (160, band.bottom), (0, band.bottom)]
    )
    name_font = theme.font(30, bold=True)
    name = poster.put(name_font, GAME_NAME, p.on_accent, (MARGIN, band.y + 12), 400)
    poster.put(theme.font(18), GAME_LINE, p.on_accent, (name.right + 90, band.y + 21), 700)
    poster.put_right(
        theme.font(18), f"world (seed) {campaign.seed}", p.on_accent, width - MARGIN, band.y + 21
    )
    return poster


def poster_name(campaign: Campaign) -> str:
    """A file name that says which campaign: scenario, the quarter it ended, the seed."""
    quarter = campaign.scenario.calendar.label(campaign.turn)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", f"poster-{campaign.scenario.id}-{quarter}")
    return f"{stem}-seed{campaign.seed}.png"


def save_poster(campaign: Campaign, folder: Path, colour_blind: bool = False) -> Path:
    """Write the campaign's poster as a PNG into `folder` and return its path. The image
    is written beside its final name and moved into place, so a failed write never
    leaves half a poster."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / poster_name(campaign)
    partial = path.with_name(path.stem + ".partial.png")
    pygame.image.save(compose(campaign, colour_blind).surface, str(partial))
    partial.replace(path)
    return path
