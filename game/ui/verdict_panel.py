"""The verdict drawn as a panel: one bar per axis beside history's mark, the human cost
first, and the line that says what the campaign's gains were bought with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.core.verdict import AxisReading, VerdictReading
from game.ui import text as txt
from game.ui.scene import Scene
from game.ui.theme import Theme
from game.ui.widgets import Label, Painter

ROW_HEIGHT = 58  # logical pixels per axis: a title line and a bar


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
) -> None:
    """Lay out the verdict inside `rect`: a row per axis (clicking one calls `on_open`
    with it: the end screen opens its Why? page), then the price line."""
    t = scene.theme
    y = rect.y
    for axis in verdict.axes:
        row = pygame.Rect(rect.x, y, rect.width, t.px(ROW_HEIGHT))
        scene.add(
            Painter(
                row,
                tooltip=axis_tooltip(axis),
                paint=_axis_painter(axis),
                on_click=None if on_open is None else (lambda a=axis: on_open(a)),
                words=[axis.title, axis.figure, axis.comparison],
            )
        )
        y += t.px(ROW_HEIGHT)
    if verdict.price:
        scene.add(
            Label(
                pygame.Rect(rect.x, y + t.px(6), rect.width, rect.bottom - y - t.px(6)),
                text=verdict.price,
                font=Theme.body_bold,
                color=t.palette.accent_dark,
                wrap=True,
            )
        )


def _axis_painter(axis: AxisReading):
    def paint(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
        p = theme.palette
        title = txt.render(theme.body_bold(), axis.title, p.accent_dark if axis.cost else p.ink)
        surface.blit(title, (rect.x, rect.y))
        history = "" if axis.history is None else f"history {axis.shown_history:.0f} · "
        note = f"{axis.figure} · {history}{axis.comparison}".rstrip(" ·")
        side = txt.render(theme.small(), note, p.ink_soft)
        surface.blit(side, (rect.right - side.get_width(), rect.y + theme.px(3)))
        bar = pygame.Rect(rect.x, rect.y + theme.px(26), rect.width, theme.px(14))
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
