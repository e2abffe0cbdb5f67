"""The verdict drawn as a panel: one bar per axis beside history's mark, the human cost
first, the campaign's arc on each axis quarter by quarter, and the line that says what
the campaign's gains were bought with."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pygame

from game.core.verdict import FULL_MARKS, AxisReading, VerdictReading, axis_variable
from game.debrief.history import series
from game.ui import text as txt
from game.ui.charts import arc_chart
from game.ui.scene import Scene
from game.ui.theme import Theme
from game.ui.widgets import Label, Painter

if TYPE_CHECKING:
    from game.core.campaign import Campaign

ROW_HEIGHT = 58  # logical pixels per axis: a title line and a bar
MIN_ROW_HEIGHT = 48  # a row closed up to its title line and bar
ARC_ROW_HEIGHT = 74  # with the arc: the bar and the chart beside it need the extra height
ARC_SHARE = 0.36  # of a row's width, the arc chart's


def arcs(campaign: Campaign) -> dict[str, list[float]]:
    """Each axis's figure at the start and after every quarter, as a player reads it
    (harm for the human cost, like its bar), from the campaign's records."""
    return {
        axis.id: [
            FULL_MARKS - v if axis.cost else v for v in series(campaign, axis_variable(axis.id))
        ]
        for axis in campaign.scenario.verdict
    }


def axis_tooltip(axis: AxisReading) -> str:
    """The question an axis asks, what it says of this campaign, and its measures."""
    lines = [axis.question, axis.text, ""] if axis.question else [axis.text, ""]
    lines += [m.line for m in axis.measures]
    lines += ["", "Click for how each measure scored."]
    return "\n".join(lines).strip()


def add_verdict(
    scene: Scene,
    rect: pygame.Rect,
    verdict: VerdictReading,
    on_open: Callable[[AxisReading], Any] | None = None,
    arcs: Mapping[str, Sequence[float]] | None = None,
) -> None:
    """Lay out the verdict inside `rect`: a row per axis (clicking one calls `on_open`
    with it: the end screen opens its Why? page) with, given `arcs` (see `arcs()`), the
    axis's path quarter by quarter beside its bar; then the price line."""
    t = scene.theme
    y = rect.y
    rows = max(1, len(verdict.axes))
    # The price line in people is never cut: at a projector's scale it takes a smaller
    # type before it loses a word, the arcs take only the room it leaves, and the rows
    # close up to their title and bar.
    price_font, price_height = Theme.body_bold, 0
    for candidate in (Theme.body_bold, Theme.small_bold):
        font = candidate(t)
        lines = txt.wrap(font, verdict.price, rect.width) if verdict.price else ()
        price_font, price_height = candidate, (len(lines) + 1) * font.get_linesize()
        if rows * t.px(ROW_HEIGHT) + price_height <= rect.height:
            break
    tallest = t.px(ARC_ROW_HEIGHT if arcs else ROW_HEIGHT)
    height = max(t.px(MIN_ROW_HEIGHT), min(tallest, (rect.height - price_height) // rows))
    for axis in verdict.axes:
        row = pygame.Rect(rect.x, y, rect.width, height)
        arc = list(arcs[axis.id]) if arcs and axis.id in arcs else None
        scene.add(
            Painter(
                row,
                tooltip=axis_tooltip(axis),
                paint=_axis_painter(axis, arc),
                on_click=None if on_open is None else (lambda a=axis: on_open(a)),
                words=[axis.title, axis.figure, axis.comparison],
            )
        )
        y += height
    if verdict.price:
        scene.add(
            Label(
                pygame.Rect(rect.x, y + t.px(6), rect.width, rect.bottom - y - t.px(6)),
                text=verdict.price,
                font=price_font,
                color=t.palette.accent_dark,
                wrap=True,
            )
        )


def arc_rect(row: pygame.Rect, theme: Theme) -> pygame.Rect:
    """Where an axis row draws its arc: the right of the row, below its title line."""
    width = round(row.width * ARC_SHARE)
    return pygame.Rect(row.right - width, row.y + theme.px(24), width, row.height - theme.px(30))


def _axis_painter(axis: AxisReading, arc: list[float] | None = None):
    def paint(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
        p = theme.palette
        title = txt.render(theme.body_bold(), axis.title, p.accent_dark if axis.cost else p.ink)
        surface.blit(title, (rect.x, rect.y))
        history = "" if axis.history is None else f"history {axis.shown_history:.0f} · "
        note = f"{axis.figure} · {history}{axis.comparison}".rstrip(" ·")
        side = txt.render(theme.small(), note, p.ink_soft)
        surface.blit(side, (rect.right - side.get_width(), rect.y + theme.px(3)))
        bar = pygame.Rect(rect.x, rect.y + theme.px(26), rect.width, theme.px(14))
        if arc is not None:
            chart = arc_rect(rect, theme)
            bar.width = chart.x - rect.x - theme.px(14)
            colour = p.accent if axis.cost else p.ink
            arc_chart(surface, chart, theme, arc, axis.shown_history, colour, max(2, theme.px(2)))
        pygame.draw.rect(surface, p.paper_dark, bar)
        filled = bar.copy()
        filled.width = round(bar.width * max(0.0, min(axis.shown, 100.0)) / 100)
        pygame.draw.rect(surface, p.accent if axis.cost else p.ink, filled)
        if axis.shown_history is not None:
            x = bar.x + round(bar.width * max(0.0, min(axis.shown_history, 100.0)) / 100)
            pygame.draw.line(
                surface,
                p.highlight,
                (x, bar.y - theme.px(4)),
                (x, bar.bottom + theme.px(4)),
                max(2, theme.px(3)),
            )
        pygame.draw.rect(surface, p.line, bar, width=1)

    return paint
