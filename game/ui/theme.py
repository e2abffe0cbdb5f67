"""Colours, type and sizes: a constructivist palette on paper, PT Sans throughout.

Sizes are written in logical pixels at scale 1.0 and multiplied by the UI scale, so
the same layout serves a laptop and a classroom projector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

FONTS = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
FONT_FILES = {
    (False, False): "PTSans-Regular.ttf",
    (True, False): "PTSans-Bold.ttf",
    (False, True): "PTSansNarrow-Regular.ttf",
    (True, True): "PTSansNarrow-Bold.ttf",
}

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    paper: Color
    paper_dark: Color
    ink: Color
    ink_soft: Color
    accent: Color
    accent_dark: Color
    good: Color
    bad: Color
    # Human cost: lives lost, people shot, imprisoned or deported. Never a "bad turn" of
    # the game's fortunes, so it has its own colour, darker than `bad`.
    harm: Color
    neutral: Color
    panel: Color
    line: Color
    highlight: Color
    disabled: Color
    on_accent: Color


# Red, black and cream of the 1920s posters; "good" and "bad" differ in lightness too.
STANDARD = Palette(
    paper=(241, 233, 216),
    paper_dark=(225, 214, 192),
    ink=(28, 26, 24),
    ink_soft=(92, 86, 78),
    accent=(190, 30, 45),
    accent_dark=(128, 18, 30),
    good=(38, 112, 66),
    bad=(178, 34, 34),
    harm=(150, 16, 24),
    neutral=(150, 140, 120),
    panel=(250, 246, 236),
    line=(60, 55, 50),
    highlight=(236, 192, 64),
    disabled=(170, 162, 150),
    on_accent=(255, 250, 240),
)

# Blue and orange instead of green and red: safe for the common colour-blindnesses.
COLOUR_BLIND = Palette(
    paper=(241, 236, 226),
    paper_dark=(222, 215, 200),
    ink=(20, 20, 24),
    ink_soft=(80, 80, 90),
    accent=(0, 90, 181),
    accent_dark=(0, 55, 120),
    good=(0, 114, 178),
    bad=(213, 94, 0),
    harm=(166, 60, 0),
    neutral=(150, 150, 150),
    panel=(250, 248, 242),
    line=(50, 50, 60),
    highlight=(240, 200, 60),
    disabled=(170, 170, 175),
    on_accent=(255, 255, 255),
)


@lru_cache(maxsize=256)
def _font(size: int, bold: bool, narrow: bool) -> pygame.font.Font:
    return pygame.font.Font(str(FONTS / FONT_FILES[(bold, narrow)]), max(6, size))


@dataclass(frozen=True)
class Theme:
    scale: float = 1.0
    colour_blind: bool = False

    @property
    def palette(self) -> Palette:
        return COLOUR_BLIND if self.colour_blind else STANDARD

    def px(self, logical: float) -> int:
        """A logical length in window pixels."""
        return int(round(logical * self.scale))

    def font(self, size: float, bold: bool = False, narrow: bool = False) -> pygame.font.Font:
        return _font(self.px(size), bold, narrow)

    # The type scale, in logical pixels.
    def title(self) -> pygame.font.Font:
        return self.font(40, bold=True)

    def heading(self) -> pygame.font.Font:
        return self.font(22, bold=True)

    def body(self) -> pygame.font.Font:
        return self.font(17)

    def body_bold(self) -> pygame.font.Font:
        return self.font(17, bold=True)

    def small(self) -> pygame.font.Font:
        return self.font(14)

    def small_bold(self) -> pygame.font.Font:
        return self.font(14, bold=True)

    def value_color(self, delta: float) -> Color:
        if delta > 0:
            return self.palette.good
        if delta < 0:
            return self.palette.bad
        return self.palette.ink_soft

    def relation_color(self, relation: float) -> Color:
        """-100 (hostile) .. 100 (friendly) as a colour between 'bad' and 'good'."""
        t = max(-1.0, min(1.0, relation / 100.0))
        base = self.palette.neutral
        end = self.palette.good if t > 0 else self.palette.bad
        k = abs(t)
        return tuple(int(b + (e - b) * k) for b, e in zip(base, end, strict=True))  # type: ignore[return-value]
