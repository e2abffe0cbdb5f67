"""The thin layer over pygame_gui: long, scrolling text drawn by its UITextBox.

pygame_gui lays out text-heavy widgets well (wrapping, bold runs, a draggable scroll
bar) but brings its own manager, theme format and screen coordinates. This module hides
all three from the screens: each text panel gets a manager the size of its rectangle
with a theme made from ours, mouse positions are shifted into that rectangle, and
panels are cached by size and content so that laying a screen out again does not
rebuild them (and keeps their scroll position). No other module imports pygame_gui.
"""

from __future__ import annotations

import html
import warnings
from collections import OrderedDict
from dataclasses import dataclass

import pygame
import pygame_gui

from game.ui.theme import FONT_FILES, FONTS, Color, Theme

# A few screens' worth of panels; each holds a surface the size of its rectangle.
CACHE_SIZE = 12
FONT_NAME = "ptsans"


def _hex(color: Color) -> str:
    return "#{:02X}{:02X}{:02X}".format(*color)


def to_markup(text: str) -> str:
    """Plain text as pygame_gui's HTML subset: escaped, newlines kept, and a line that
    starts with '# ' set in bold as a heading."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("# "):
            lines.append(f"<b>{html.escape(line[2:], quote=False)}</b>")
        else:
            lines.append(html.escape(line, quote=False))
    return "<br>".join(lines)


@dataclass(frozen=True)
class TextStyle:
    """What a panel looks like: type size and weight, ink, and the scroll bar's colours."""

    size: int
    bold: bool
    ink: Color
    bar: Color
    thumb: Color
    line_spacing: float = 1.15


def _theme_dict(style: TextStyle) -> dict:
    regular = str(FONTS / FONT_FILES[(False, False)])
    bold = str(FONTS / FONT_FILES[(True, False)])
    font = {
        "name": FONT_NAME,
        "size": str(style.size),
        "bold": "1" if style.bold else "0",
        "regular_path": regular,
        "bold_path": bold,
        "italic_path": str(FONTS / "PTSans-Italic.ttf"),
        "bold_italic_path": bold,
    }
    # The box is transparent: it lies on whatever panel the screen drew beneath it.
    plain = {"dark_bg": "#00000000", "normal_border": "#00000000"}
    return {
        "defaults": {"colours": {**plain, "normal_text": _hex(style.ink)}},
        "text_box": {
            "colours": {**plain, "normal_text": _hex(style.ink)},
            "font": font,
            "misc": {
                "border_width": "0",
                "shadow_width": "0",
                "padding": "0,0",
                "line_spacing": str(style.line_spacing),
            },
        },
        "vertical_scroll_bar": {
            "colours": {
                "dark_bg": _hex(style.bar),
                "normal_bg": _hex(style.thumb),
                "hovered_bg": _hex(style.ink),
                "active_bg": _hex(style.ink),
                "normal_border": _hex(style.bar),
                "hovered_border": _hex(style.bar),
                "active_border": _hex(style.bar),
                "normal_text": _hex(style.bar),
                "hovered_text": _hex(style.bar),
                "active_text": _hex(style.bar),
            },
            "misc": {"border_width": "0", "shadow_width": "0"},
        },
    }


class _PanelManager(pygame_gui.UIManager):
    """A manager whose (0, 0) is the panel's top-left corner on the screen."""

    origin: tuple[int, int] = (0, 0)

    def calculate_scaled_mouse_position(self, position: tuple[int, int]) -> tuple[int, int]:
        return (int(position[0]) - self.origin[0], int(position[1]) - self.origin[1])


class TextPanel:
    """One UITextBox in its own manager, drawn into a rectangle of our screen."""

    def __init__(self, size: tuple[int, int], markup: str, style: TextStyle) -> None:
        with warnings.catch_warnings():
            # pygame_gui reminds about fonts it loads lazily; ours are all in the theme.
            warnings.simplefilter("ignore", UserWarning)
            self.manager = _PanelManager(size, _theme_dict(style))
            self.box = pygame_gui.elements.UITextBox(
                markup, pygame.Rect((0, 0), size), manager=self.manager
            )
            self.manager.update(0.0)

    @property
    def content_height(self) -> int:
        layout = self.box.text_box_layout
        return int(layout.layout_rect.height) if layout is not None else 0

    @property
    def scrolls(self) -> bool:
        return self.box.scroll_bar is not None

    @property
    def scroll_fraction(self) -> float:
        bar = self.box.scroll_bar
        return float(bar.start_percentage) if bar is not None else 0.0

    def scroll_by(self, pixels: int) -> None:
        bar = self.box.scroll_bar
        height = self.content_height
        if bar is None or height <= 0:
            return
        limit = max(0.0, 1.0 - bar.visible_percentage)
        fraction = min(limit, max(0.0, bar.start_percentage + pixels / height))
        bar.set_scroll_from_start_percentage(fraction)

    def handle(self, event: pygame.event.Event, origin: tuple[int, int]) -> bool:
        self.manager.origin = origin
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return bool(self.manager.process_events(event))

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        self.manager.origin = rect.topleft
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            self.manager.update(1 / 60)
            self.manager.draw_ui(surface.subsurface(rect.clip(surface.get_rect())))


_panels: OrderedDict[tuple, TextPanel] = OrderedDict()


def text_panel(size: tuple[int, int], text: str, style: TextStyle) -> TextPanel:
    """The panel for this size, text and style: built once, then reused."""
    key = (size, text, style)
    panel = _panels.get(key)
    if panel is None:
        panel = TextPanel(size, to_markup(text), style)
        _panels[key] = panel
        while len(_panels) > CACHE_SIZE:
            _panels.popitem(last=False)
    else:
        _panels.move_to_end(key)
    return panel


def style_for(theme: Theme, size: float, bold: bool, ink: Color | None = None) -> TextStyle:
    p = theme.palette
    return TextStyle(
        size=theme.px(size),
        bold=bold,
        ink=ink or p.ink,
        bar=p.paper_dark,
        thumb=p.ink_soft,
    )
