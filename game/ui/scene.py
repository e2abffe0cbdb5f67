"""Scenes and the actions they return: push, pop, replace, quit.

A scene lays out its widgets for the window's size, draws them, and answers input by
returning an action; it never reaches into the app's stack itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.theme import Theme
from game.ui.widgets import Button, Widget

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass(frozen=True)
class Push:
    scene: Scene


@dataclass(frozen=True)
class Pop:
    count: int = 1


@dataclass(frozen=True)
class Replace:
    scene: Scene


@dataclass(frozen=True)
class ResetTo:
    """Clear the stack down to the title screen and put this scene on top."""

    scene: Scene


@dataclass(frozen=True)
class Quit:
    pass


Action = Push | Pop | Replace | ResetTo | Quit


class Scene:
    """One screen. Subclasses fill `build` and may override `key` and `draw_background`."""

    opaque = True
    name = "scene"

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: list[Widget] = []
        self.size = (0, 0)

    @property
    def theme(self) -> Theme:
        return self.app.theme

    # -- layout -------------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        self.size = size
        self.widgets = []
        self.build(pygame.Rect(0, 0, *size))

    def refresh(self) -> None:
        """Lay out again after the state changed (keeps hover and scroll positions simple)."""
        self.layout(self.size)

    def build(self, area: pygame.Rect) -> None:
        raise NotImplementedError

    def add(self, widget: Widget) -> Widget:
        self.widgets.append(widget)
        return widget

    # -- input --------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Action | None:
        if event.type == pygame.KEYDOWN:
            action = self.key(event)
            if action is not None:
                return action
        for widget in reversed(self.widgets):
            result = widget.handle(event, self.theme)
            if result is not None and result is not True:
                return result
            if result is True:
                self.after_click()
                return None
        return None

    def after_click(self) -> None:
        """Called after a widget consumed an event; most scenes rebuild to show the change."""
        self.refresh()

    def key(self, event: pygame.event.Event) -> Action | None:
        return None

    # -- drawing ------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface)
        for widget in self.widgets:
            widget.draw(surface, self.theme)
        self.draw_tooltip(surface)

    def animating(self) -> bool:
        """True while something on it moves by itself, so the loop keeps drawing frames."""
        return False

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.palette.paper)

    def draw_tooltip(self, surface: pygame.Surface) -> None:
        from game.ui import text as txt

        position = pygame.mouse.get_pos()
        for widget in reversed(self.widgets):
            if (widget.tooltip or widget.more) and widget.rect.collidepoint(position):
                text = widget.tooltip_text()
                if not text:
                    return
                theme = self.theme
                font = theme.small()
                width = min(theme.px(360), surface.get_width() - theme.px(20))
                lines = txt.wrap(font, text, width - theme.px(16))
                height = len(lines) * font.get_linesize() + theme.px(12)
                box = pygame.Rect(
                    position[0] + theme.px(14), position[1] + theme.px(18), width, height
                )
                box.clamp_ip(surface.get_rect())
                pygame.draw.rect(surface, theme.palette.ink, box)
                for i, line in enumerate(lines):
                    surface.blit(
                        txt.render(font, line, theme.palette.on_accent),
                        (box.x + theme.px(8), box.y + theme.px(6) + i * font.get_linesize()),
                    )
                return

    # -- for tests and the fuzzer ------------------------------------------------------

    def texts(self) -> list[str]:
        return [t for widget in self.widgets for t in widget.texts() if t]

    def buttons(self) -> list[Button]:
        return [w for w in self.widgets if isinstance(w, Button)]

    def button(self, label: str) -> Button:
        for widget in self.buttons():
            if widget.text == label:
                return widget
        raise KeyError(f"no button '{label}' on {self.name}: {[b.text for b in self.buttons()]}")

    def overflowing(self) -> list[Any]:
        return [w for w in self.widgets if w.overflow]
