"""Small charts drawn straight onto the screen: sparklines and line charts with axes."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import text as txt
from game.ui.theme import Color, Theme


def sparkline(
    surface: pygame.Surface, rect: pygame.Rect, values: list[float], color: Color
) -> None:
    if len(values) < 2:
        return
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = rect.width / (len(values) - 1)
    points = [
        (rect.x + i * step, rect.bottom - (v - low) / span * rect.height)
        for i, v in enumerate(values)
    ]
    pygame.draw.lines(surface, color, False, points, 2)


def line_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    values: list[float],
    labels: list[str],
    bounds: tuple[float, float],
    marks=(),
    number: Callable[[float], str] = lambda value: f"{value:.0f}",
    color: Color | None = None,
) -> None:
    """A chart of one variable over the quarters, with its range on the left axis written
    by `number` (the variable's unit: '9.6 million', '23%'), drawn in `color` (the
    accent by default; the harm colour for a count of people harmed)."""
    p = theme.palette
    line = color or p.accent
    font = theme.small()
    pygame.draw.rect(surface, p.panel, rect)
    plot = pygame.Rect(rect.x, rect.y + theme.px(8), rect.width, rect.height - theme.px(34))
    # Scale to the data with some margin, within the variable's declared range, so that
    # a movement of a few points is visible and not flattened against the full range.
    marked = [m for m in marks if 0 <= m.turn < len(values)]
    low = min([*values, *(m.low for m in marked)])
    high = max([*values, *(m.high for m in marked)])
    margin = max((high - low) * 0.15, abs(high) * 0.05, 1.0)
    low, high = max(bounds[0], low - margin), min(bounds[1], high + margin)
    if high <= low:
        low, high = low - 1, high + 1
    ticks = [
        (fraction, txt.render(font, number(low + fraction * (high - low)), p.ink_soft))
        for fraction in (0.0, 0.5, 1.0)
    ]
    # The axis is as wide as its widest number: "9.6 million" needs more room than "45".
    left_pad = max(theme.px(48), max(image.get_width() for _, image in ticks) + theme.px(12))
    plot.update(rect.x + left_pad, plot.y, rect.width - left_pad - theme.px(12), plot.height)
    for fraction, image in ticks:
        y = plot.bottom - fraction * plot.height
        pygame.draw.line(surface, p.paper_dark, (plot.x, y), (plot.right, y), 1)
        surface.blit(image, (plot.x - image.get_width() - theme.px(6), y - image.get_height() // 2))
    pygame.draw.line(surface, p.line, plot.bottomleft, plot.bottomright, 1)
    if len(values) >= 2:
        step = plot.width / (len(values) - 1)
        points = [
            (
                plot.x + i * step,
                plot.bottom - (min(max(v, low), high) - low) / (high - low) * plot.height,
            )
            for i, v in enumerate(values)
        ]
        pygame.draw.lines(surface, line, False, points, max(2, theme.px(2.5)))
        pygame.draw.circle(surface, line, points[-1], theme.px(4))
        # The record in a colour the campaign's line does not share: in the colour-blind
        # palette the line itself is blue, so the record is drawn in ink.
        history = p.ink if theme.colour_blind else (31, 95, 139)
        for mark in marked:
            x = plot.x + mark.turn * step
            top = plot.bottom - (min(max(mark.high, low), high) - low) / (high - low) * plot.height
            bottom = (
                plot.bottom - (min(max(mark.low, low), high) - low) / (high - low) * plot.height
            )
            pygame.draw.line(surface, history, (x, top), (x, bottom), max(2, theme.px(3)))
            y = plot.bottom - (min(max(mark.value, low), high) - low) / (high - low) * plot.height
            pygame.draw.circle(surface, history, (x, y), theme.px(4))
    if labels:
        first = txt.render(font, labels[0], p.ink_soft)
        last = txt.render(font, labels[-1], p.ink_soft)
        surface.blit(first, (plot.x, plot.bottom + theme.px(6)))
        surface.blit(last, (plot.right - last.get_width(), plot.bottom + theme.px(6)))


def arc_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    theme: Theme,
    values: list[float],
    history: float | None,
    color: Color,
    width: int = 2,
) -> None:
    """One verdict axis quarter by quarter on its full 0-100 scale (every axis on the
    same scale, so arcs compare at a glance), with history's final score as a dashed
    line: where the campaign ran above or below the real path's reckoning."""
    p = theme.palette
    pygame.draw.rect(surface, p.panel, rect)
    pygame.draw.line(surface, p.line, rect.bottomleft, rect.bottomright, 1)
    if history is not None:
        y = rect.bottom - max(0.0, min(history, 100.0)) / 100 * rect.height
        dash = max(4, theme.px(6))
        for x in range(rect.x, rect.right, 2 * dash):
            end = min(x + dash, rect.right)
            pygame.draw.line(surface, p.ink_soft, (x, y), (end, y), max(1, width // 2))
    if len(values) < 2:
        return
    step = rect.width / (len(values) - 1)
    points = [
        (rect.x + i * step, rect.bottom - max(0.0, min(v, 100.0)) / 100 * rect.height)
        for i, v in enumerate(values)
    ]
    pygame.draw.lines(surface, color, False, points, width)
    pygame.draw.circle(surface, color, points[-1], width + 2)
