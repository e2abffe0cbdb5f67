"""A few widgets, enough for every screen: labels, wrapped and scrolling text, buttons.

Each widget knows its rectangle, draws itself, and may answer an input event with a
result (usually an action for the scene stack). A widget that had to cut its text
says so in `overflow`, so tests can prove that nothing is clipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pygame

from game.ui import scrolling
from game.ui import text as txt
from game.ui.theme import Color, Theme

Click = Callable[[], Any]


@dataclass
class Widget:
    rect: pygame.Rect
    tooltip: str = ""
    # More for the tooltip, worked out only when it shows: what costs a few
    # milliseconds (a quarter run on a copy) is not paid for every widget on each layout.
    more: Callable[[], str] | None = None
    overflow: bool = field(default=False, init=False)

    def tooltip_text(self) -> str:
        if self.more is None:
            return self.tooltip
        extra = self.more()
        return f"{self.tooltip}\n{extra}" if self.tooltip and extra else self.tooltip or extra

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        raise NotImplementedError

    def handle(self, event: pygame.event.Event, theme: Theme) -> Any:
        return None

    def texts(self) -> list[str]:
        """The text a player sees in this widget (tests read screens through it)."""
        return []


@dataclass
class Label(Widget):
    text: str = ""
    font: Callable[[Theme], pygame.font.Font] = Theme.body
    color: Color | None = None
    align: str = "left"
    wrap: bool = False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        font = self.font(theme)
        color = self.color or theme.palette.ink
        if not self.wrap:
            line, self.overflow = txt.ellipsize(font, self.text, self.rect.width)
            image = txt.render(font, line, color)
            x = self.rect.x
            if self.align == "center":
                x = self.rect.centerx - image.get_width() // 2
            elif self.align == "right":
                x = self.rect.right - image.get_width()
            surface.blit(
                image, (x, self.rect.y + max(0, (self.rect.height - image.get_height()) // 2))
            )
            return
        lines = txt.wrap(font, self.text, self.rect.width)
        height = font.get_linesize()
        fitting = max(1, self.rect.height // height)
        self.overflow = len(lines) > fitting
        for i, line in enumerate(lines[:fitting]):
            image = txt.render(font, line, color)
            x = self.rect.x
            if self.align == "center":
                x = self.rect.centerx - image.get_width() // 2
            surface.blit(image, (x, self.rect.y + i * height))

    def texts(self) -> list[str]:
        return [self.text]


# The type sizes a scrolling text may use (logical pixels, bold), by the theme's names.
_SCROLL_TYPE = {
    Theme.body: (17, False),
    Theme.body_bold: (17, True),
    Theme.small: (14, False),
    Theme.small_bold: (14, True),
}


@dataclass
class ScrollText(Widget):
    """Long text that scrolls with the mouse wheel, the arrow keys or its scroll bar
    instead of being cut (see game.ui.scrolling)."""

    text: str = ""
    font: Callable[[Theme], pygame.font.Font] = Theme.body
    color: Color | None = None

    def _fonts(self, theme: Theme) -> tuple[pygame.font.Font, pygame.font.Font]:
        size, _ = _SCROLL_TYPE.get(self.font, (17, False))
        return self.font(theme), theme.font(size, bold=True)

    def panel(self, theme: Theme) -> scrolling.ScrollView:
        regular, heading = self._fonts(theme)
        size, bold = _SCROLL_TYPE.get(self.font, (17, False))
        style = (theme.scale, size, bold)
        return scrolling.view(
            self.rect, self.text, regular, heading, theme.px(10), theme.px(6), style
        )

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.rect.width > 0 and self.rect.height > 0:
            p = theme.palette
            regular, heading = self._fonts(theme)
            self.panel(theme).draw(
                surface, regular, heading, self.color or p.ink, p.paper_dark, p.ink_soft
            )

    def scroll(self, lines: int, theme: Theme) -> None:
        self.panel(theme).scroll_by(lines * theme.body().get_linesize())

    def handle(self, event: pygame.event.Event, theme: Theme) -> Any:
        if event.type == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(pygame.mouse.get_pos()):
                self.scroll(-3 * event.y, theme)
                return True
            return None
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            # A drag of the scroll bar goes on outside the text, until the button is let go.
            return True if self.panel(theme).handle(event) else None
        return None

    def texts(self) -> list[str]:
        return [self.text]


@dataclass
class Button(Widget):
    text: str = ""
    on_click: Click | None = None
    enabled: bool = True
    kind: str = "normal"  # normal, primary, toggle, quiet
    selected: bool = False
    hotkey: int | None = None
    font: Callable[[Theme], pygame.font.Font] = Theme.body_bold
    hovered: bool = False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        p = theme.palette
        radius = theme.px(3)
        if not self.enabled:
            fill, ink, border = p.paper_dark, p.disabled, p.disabled
        elif self.kind == "primary" or self.selected:
            fill = p.accent_dark if self.hovered else p.accent
            ink, border = p.on_accent, p.accent_dark
        elif self.kind == "quiet":
            fill = p.paper_dark if self.hovered else p.panel
            ink, border = p.ink, p.paper_dark
        else:
            fill = p.paper_dark if self.hovered else p.panel
            ink, border = p.ink, p.line
        pygame.draw.rect(surface, fill, self.rect, border_radius=radius)
        pygame.draw.rect(
            surface, border, self.rect, width=max(1, theme.px(1.5)), border_radius=radius
        )
        font = self.font(theme)
        pad = theme.px(8)
        width = self.rect.width - 2 * pad
        lines = txt.wrap(font, self.text, width)
        height = font.get_linesize()
        if len(lines) > 1 and len(lines) * height <= self.rect.height - theme.px(4):
            self.overflow = False
        else:
            line, self.overflow = txt.ellipsize(font, self.text, width)
            lines = (line,)
        top = self.rect.centery - len(lines) * height // 2
        for i, line in enumerate(lines):
            image = txt.render(font, line, ink)
            surface.blit(image, image.get_rect(midtop=(self.rect.centerx, top + i * height)))

    def handle(self, event: pygame.event.Event, theme: Theme) -> Any:
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.rect.collidepoint(event.pos)
            return None
        if not self.enabled or self.on_click is None:
            return None
        if (
            event.type == pygame.MOUSEBUTTONUP
            and event.button == 1
            and self.rect.collidepoint(event.pos)
        ):
            return self.on_click() or True
        if event.type == pygame.KEYDOWN and self.hotkey is not None and event.key == self.hotkey:
            return self.on_click() or True
        return None

    def texts(self) -> list[str]:
        return [self.text]


@dataclass
class Painter(Widget):
    """A widget drawn by a function: the map, charts, bars."""

    paint: Callable[[pygame.Surface, pygame.Rect, Theme], None] | None = None
    on_click: Click | None = None
    words: list[str] = field(default_factory=list)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.paint is not None:
            self.paint(surface, self.rect, theme)

    def handle(self, event: pygame.event.Event, theme: Theme) -> Any:
        if (
            self.on_click is not None
            and event.type == pygame.MOUSEBUTTONUP
            and event.button == 1
            and self.rect.collidepoint(event.pos)
        ):
            return self.on_click() or True
        return None

    def texts(self) -> list[str]:
        return list(self.words)


@dataclass
class Frame(Widget):
    """A panel with an optional title bar; `inner` is the area left for its content."""

    title: str = ""
    fill: Color | None = None

    def inner(self, theme: Theme) -> pygame.Rect:
        pad = theme.px(8)
        top = theme.px(30) if self.title else 0
        return pygame.Rect(
            self.rect.x + pad,
            self.rect.y + top + pad,
            self.rect.width - 2 * pad,
            self.rect.height - top - 2 * pad,
        )

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        p = theme.palette
        pygame.draw.rect(surface, self.fill or p.panel, self.rect)
        pygame.draw.rect(surface, p.line, self.rect, width=max(1, theme.px(1.5)))
        if not self.title:
            return
        bar = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, theme.px(30))
        pygame.draw.rect(surface, p.ink, bar)
        font = theme.small_bold()
        line, self.overflow = txt.ellipsize(font, self.title.upper(), bar.width - theme.px(16))
        image = txt.render(font, line, p.on_accent)
        surface.blit(image, (bar.x + theme.px(8), bar.centery - image.get_height() // 2))

    def texts(self) -> list[str]:
        return [self.title] if self.title else []
