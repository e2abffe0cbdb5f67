"""Text measured, wrapped and rendered once: rendered lines are cached by content."""

from __future__ import annotations

from functools import lru_cache

import pygame

Color = tuple[int, int, int]


# Rendered lines are kept for redraws; a few hundred cover the busiest screen, and a
# larger cache mostly holds surfaces of screens long gone (each a few tens of KB).
@lru_cache(maxsize=600)
def render(font: pygame.font.Font, text: str, color: Color) -> pygame.Surface:
    return font.render(text, True, color)


@lru_cache(maxsize=2048)
def wrap(font: pygame.font.Font, text: str, width: int) -> tuple[str, ...]:
    """Lines no wider than `width`; paragraphs kept; a word longer than a line is split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return tuple(lines)


def ellipsize(font: pygame.font.Font, text: str, width: int) -> tuple[str, bool]:
    """The text cut to fit `width` with an ellipsis; and whether it had to be cut."""
    if font.size(text)[0] <= width:
        return text, False
    cut = len(text)
    while cut > 0 and font.size(text[:cut] + "…")[0] > width:
        cut -= 1
    return text[:cut].rstrip() + "…", True
