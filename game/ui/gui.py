"""The thin layer over pygame_gui: long, scrolling text drawn by its UITextBox.

pygame_gui lays out text-heavy widgets well (wrapping, bold runs, a draggable scroll
bar) but brings its own manager, theme format and screen coordinates. This module hides
all three from the screens: each text panel gets a manager the size of its rectangle
with a theme made from ours, mouse positions are shifted into that rectangle, and
panels are cached by size and content so that laying a screen out again does not
rebuild them (and keeps their scroll position). No other module imports pygame_gui.
"""

from __future__ import annotations

import ctypes
import html
import sys
import warnings
from collections import OrderedDict, deque
from dataclasses import dataclass

import pygame
import pygame_gui

from game.ui.theme import FONT_FILES, FONTS, Color, Theme

# A few screens' worth of panels are kept. pygame_gui renders a text box's whole text
# into surfaces as tall as the text, so a long debrief timeline costs tens of megabytes:
# the cache is bounded by that estimate as well as by count.
CACHE_SIZE = 6
CACHE_BYTES = 16 * 1024 * 1024
FONT_NAME = "ptsans"


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


_LIBC = _glibc()


def keep_heap_small() -> None:
    """Text boxes allocate and free many surfaces of a few hundred kilobytes. glibc's
    adaptive mmap threshold soon serves such blocks from the heap, which then fragments
    and never shrinks (a whole campaign grew by ~60 MB). A fixed threshold keeps them
    in mmap, handed back to the system when freed."""
    if _LIBC is not None:
        _LIBC.mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD


def _give_back_freed_memory() -> None:
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


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
    """A manager whose (0, 0) is the drawn panel's top-left corner on the screen."""

    origin: tuple[int, int] = (0, 0)

    def calculate_scaled_mouse_position(self, position: tuple[int, int]) -> tuple[int, int]:
        return (int(position[0]) - self.origin[0], int(position[1]) - self.origin[1])


# One manager per style for the life of the game: a manager loads its own fonts and
# theme (megabytes each), so panels share them and only the text boxes come and go.
MANAGER_SIZE = (7680, 4320)
_managers: dict[TextStyle, _PanelManager] = {}


def _manager(style: TextStyle) -> _PanelManager:
    manager = _managers.get(style)
    if manager is None:
        manager = _PanelManager(MANAGER_SIZE, _theme_dict(style))
        _managers[style] = manager
    return manager


class TextPanel:
    """One UITextBox at (0, 0) of its style's manager, drawn into a rectangle of our
    screen. Panels of one style share the manager: the one being drawn or handling
    input is the only one shown in it at that moment."""

    def __init__(self, size: tuple[int, int], markup: str, style: TextStyle) -> None:
        with warnings.catch_warnings():
            # pygame_gui reminds about fonts it loads lazily; ours are all in the theme.
            warnings.simplefilter("ignore", UserWarning)
            self.manager = _manager(style)
            self.box = pygame_gui.elements.UITextBox(
                markup, pygame.Rect((0, 0), size), manager=self.manager
            )
            self._activate()

    def _activate(self) -> None:
        """Show this panel's box alone in the shared manager."""
        for panel in _panels.values():
            if panel is not self and panel.manager is self.manager and panel.box.visible:
                panel.box.hide()
        if not self.box.visible:
            self.box.show()
        self.manager.update(0.0)

    def close(self) -> None:
        """Remove the box and free its memory now. pygame_gui's elements hold each other
        in reference cycles (box, scroll bar, buttons, containers), which only Python's
        occasional full collection frees, and a full collection here takes ~100 ms:
        without this, megabytes of dead text surfaces pile up between collections. Once
        killed, nothing outside the dead elements refers to them, so emptying them
        breaks the cycles and reference counting frees everything at once."""
        self.box.kill()
        root = self.manager.get_root_container()
        dead: list[object] = [self.box]
        seen = {id(self.box), id(root)}
        while dead:
            part = dead.pop()
            for value in list(vars(part).values()):
                items = value if isinstance(value, list | tuple | deque) else (value,)
                for item in items:
                    if _is_gui_part(item) and id(item) not in seen:
                        seen.add(id(item))
                        dead.append(item)
            vars(part).clear()

    @property
    def cost(self) -> int:
        """Bytes of the surfaces behind the box, roughly: the text layout and the box."""
        width, height = self.box.rect.size
        return 4 * width * (height + self.content_height)

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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            self._activate()
            self.manager.origin = origin
            return bool(self.manager.process_events(event))

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            self._activate()
            self.manager.origin = rect.topleft
            self.manager.update(1 / 60)
            self.manager.draw_ui(surface.subsurface(rect.clip(surface.get_rect())))


_panels: OrderedDict[tuple, TextPanel] = OrderedDict()


_GUI_PARTS = (
    pygame_gui.core.UIElement,
    pygame_gui.core.UIContainer,
    pygame_gui.core.text.TextBoxLayout,
    pygame_gui.core.text.TextBoxLayoutRow,
    pygame_gui.core.text.TextLayoutRect,
)


def _is_gui_part(value: object) -> bool:
    """An element, container or piece of text layout (never the shared manager, its
    theme or its fonts, which live on)."""
    return isinstance(value, _GUI_PARTS)


def text_panel(size: tuple[int, int], text: str, style: TextStyle) -> TextPanel:
    """The panel for this size, text and style: built once, then reused."""
    key = (size, text, style)
    panel = _panels.get(key)
    if panel is None:
        panel = TextPanel(size, to_markup(text), style)
        _panels[key] = panel
        while len(_panels) > 1 and (
            len(_panels) > CACHE_SIZE or sum(p.cost for p in _panels.values()) > CACHE_BYTES
        ):
            _, old = _panels.popitem(last=False)
            old.close()
            _give_back_freed_memory()
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
