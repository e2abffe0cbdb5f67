"""Long text that scrolls, laid out with the project's own wrapping and drawn line by line.

Only the lines in view are drawn, each rendered once (game.ui.text keeps them), so a
long debrief costs what its visible lines cost and no surface as tall as the text is
ever made. Where a text was scrolled to, and a drag of its scroll bar, are kept by the
text's size, words and type: a screen laid out again (after every click) keeps the
reader's place.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.ui import text as txt

# Scroll positions kept: a few screens' worth of texts.
KEPT = 32

Key = tuple
_offsets: OrderedDict[Key, int] = OrderedDict()
# The drag under way, if any (one mouse): the text's key, where the thumb was grabbed
# and the offset then.
_drag: tuple[Key, int, int] | None = None


@lru_cache(maxsize=64)
def _lines(
    regular: pygame.font.Font, heading: pygame.font.Font, text: str, width: int
) -> tuple[tuple[tuple[str, bool, int], ...], int]:
    """(line, is heading, top) for each line, and the height of them all. A paragraph
    that starts with '# ' is a heading, set in bold."""
    lines: list[tuple[str, bool, int]] = []
    top = 0
    for paragraph in text.split("\n"):
        is_heading = paragraph.startswith("# ")
        font = heading if is_heading else regular
        for line in txt.wrap(font, paragraph[2:] if is_heading else paragraph, width):
            lines.append((line, is_heading, top))
            top += font.get_linesize()
    return tuple(lines), top


@dataclass(frozen=True)
class ScrollView:
    """One text laid out in a rectangle: its lines, whether and where it scrolls."""

    key: Key
    rect: pygame.Rect
    lines: tuple[tuple[str, bool, int], ...]
    content_height: int
    bar_width: int

    @property
    def scrolls(self) -> bool:
        return self.content_height > self.rect.height

    @property
    def limit(self) -> int:
        return max(0, self.content_height - self.rect.height)

    @property
    def offset(self) -> int:
        return min(self.limit, _offsets.get(self.key, 0))

    @property
    def scroll_fraction(self) -> float:
        """How far down the text the view starts, as a share of the whole text."""
        return self.offset / self.content_height if self.content_height else 0.0

    def scroll_to(self, offset: int) -> None:
        _offsets[self.key] = max(0, min(self.limit, int(offset)))
        _offsets.move_to_end(self.key)
        while len(_offsets) > KEPT:
            _offsets.popitem(last=False)

    def scroll_by(self, pixels: int) -> None:
        self.scroll_to(self.offset + pixels)

    @property
    def track(self) -> pygame.Rect:
        return pygame.Rect(
            self.rect.right - self.bar_width, self.rect.y, self.bar_width, self.rect.height
        )

    @property
    def thumb(self) -> pygame.Rect:
        """The scroll bar's thumb, on the screen: as tall as the share of text in view."""
        track = self.track
        height = max(track.width * 2, track.height * track.height // max(1, self.content_height))
        room = track.height - height
        top = track.y + (room * self.offset // self.limit if self.limit else 0)
        return pygame.Rect(track.x, top, track.width, height)

    def draw(
        self,
        surface: pygame.Surface,
        regular: pygame.font.Font,
        heading: pygame.font.Font,
        ink: tuple[int, int, int],
        bar: tuple[int, int, int],
        thumb: tuple[int, int, int],
    ) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip))
        offset = self.offset
        for line, is_heading, top in self.lines:
            y = self.rect.y + top - offset
            if y >= self.rect.bottom:
                break
            font = heading if is_heading else regular
            if y + font.get_linesize() > self.rect.y and line:
                surface.blit(txt.render(font, line, ink), (self.rect.x, y))
        surface.set_clip(clip)
        if self.scrolls:
            pygame.draw.rect(surface, bar, self.track)
            pygame.draw.rect(surface, thumb, self.thumb)

    def handle(self, event: pygame.event.Event) -> bool:
        """A press, drag or release on the scroll bar; True when a press was taken."""
        global _drag
        if not self.scrolls:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            thumb = self.thumb
            if thumb.collidepoint(event.pos):
                _drag = (self.key, event.pos[1], self.offset)
                return True
            if self.track.collidepoint(event.pos):
                page = self.rect.height * (1 if event.pos[1] > thumb.centery else -1)
                self.scroll_by(page)
                return True
        elif event.type == pygame.MOUSEMOTION and _drag is not None and _drag[0] == self.key:
            if not event.buttons[0]:  # let go where another widget took the release
                _drag = None
                return False
            _, grabbed, start = _drag
            room = max(1, self.track.height - self.thumb.height)
            self.scroll_to(start + (event.pos[1] - grabbed) * self.limit // room)
        elif event.type == pygame.MOUSEBUTTONUP and _drag is not None and _drag[0] == self.key:
            _drag = None
        return False


def view(
    rect: pygame.Rect,
    text: str,
    regular: pygame.font.Font,
    heading: pygame.font.Font,
    bar_width: int,
    gap: int,
    style: tuple,
) -> ScrollView:
    """The text laid out in `rect`: the whole width when it fits, else beside a scroll bar."""
    key = (rect.size, text, style)
    lines, height = _lines(regular, heading, text, rect.width)
    if height > rect.height:
        lines, height = _lines(regular, heading, text, max(1, rect.width - bar_width - gap))
    return ScrollView(key, pygame.Rect(rect), lines, height, bar_width)
