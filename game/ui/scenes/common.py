"""Pieces several screens share: the screen title bar, a column of menu buttons, art."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.ui.scene import Scene
from game.ui.theme import Theme
from game.ui.widgets import Button, Label


def header(scene: Scene, area: pygame.Rect, title: str, subtitle: str = "") -> int:
    """A title and subtitle at the top of a screen; returns the y below them."""
    t = scene.theme
    scene.add(
        Label(
            pygame.Rect(area.x + t.px(24), area.y + t.px(16), area.width - t.px(48), t.px(48)),
            text=title,
            font=Theme.title,
        )
    )
    y = area.y + t.px(66)
    if subtitle:
        scene.add(
            Label(
                pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), t.px(24)),
                text=subtitle,
                font=Theme.body,
                color=t.palette.ink_soft,
            )
        )
        y += t.px(30)
    return y


def button_column(
    scene: Scene, x: int, y: int, width: int, items: list[tuple[str, Callable[[], Any] | None, str]]
) -> int:
    """Buttons stacked vertically; an item with no callback is shown disabled."""
    t = scene.theme
    height, gap = t.px(44), t.px(10)
    for label, on_click, tooltip in items:
        scene.add(
            Button(
                pygame.Rect(x, y, width, height),
                tooltip=tooltip,
                text=label,
                on_click=on_click,
                enabled=on_click is not None,
            )
        )
        y += height + gap
    return y


def back_button(scene: Scene, area: pygame.Rect, label: str = "Back") -> Button:
    from game.ui.scene import Pop

    t = scene.theme
    rect = pygame.Rect(area.right - t.px(160), area.bottom - t.px(60), t.px(136), t.px(40))
    return scene.add(Button(rect, text=label, on_click=lambda: Pop(), hotkey=pygame.K_ESCAPE))  # type: ignore[return-value]


def draw_wedge(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
    """A red wedge into a black circle: the constructivist emblem of the title screen."""
    p = theme.palette
    radius = min(rect.width, rect.height) // 3
    centre = (rect.centerx + radius // 2, rect.centery)
    pygame.draw.circle(surface, p.ink, centre, radius)
    tip = (centre[0] - radius // 4, centre[1])
    base_top = (rect.x, rect.centery - radius)
    base_bottom = (rect.x, rect.centery + radius // 3)
    pygame.draw.polygon(surface, p.accent, [base_top, tip, base_bottom])
    pygame.draw.line(
        surface,
        p.ink,
        (rect.x, rect.bottom - theme.px(8)),
        (rect.right, rect.bottom - theme.px(8)),
        theme.px(6),
    )


def pager(
    scene: Scene,
    first: pygame.Rect,
    page: int,
    pages: int,
    turn: Callable[[int], Any],
    labels: tuple[str, str] = ("« Earlier", "Later »"),
    gap: int = 10,
    keys: bool = False,
) -> None:
    """Two buttons that page back and forth: `first` is the back button's place, the
    forward one follows `gap` logical pixels to its right; `turn(step)` moves by ±1.
    With `keys`, the left and right arrows page too."""
    forward = first.move(first.width + scene.theme.px(gap), 0)
    for rect, label, step, enabled, key in (
        (first, labels[0], -1, page > 0, pygame.K_LEFT),
        (forward, labels[1], 1, page < pages - 1, pygame.K_RIGHT),
    ):
        scene.add(
            Button(
                rect,
                text=label,
                enabled=enabled,
                on_click=lambda step=step: turn(step),
                hotkey=key if keys else None,
            )
        )
