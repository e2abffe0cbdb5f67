"""Event illustrations and portraits, drawn by the game itself in the constructivist
style of the title screen: a field of flat colour, a great circle, a red wedge, bold
blocks on the diagonal, and the event's motifs (a factory, grain, a train, wire...) as
flat geometric figures in the palette.

Everything comes from the content: the motifs from words of the event's title and text
(and of its group's title and description when the text names none), the placement
from a hash of its id and place, so no two events look alike and one event always looks
the same. The persons shown are the recurring people the scenario itself names. Nothing
is loaded from disk; a picture is rendered once per (event, size, palette) and kept.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable

import pygame

from game.ui.theme import Color, Palette, Theme

Box = pygame.Rect
Motif = Callable[[pygame.Surface, Box, Color, Color], None]

# How many rendered pictures are kept: a quarter's dialogs at two sizes in two palettes.
KEEP = 64


def _seeded(*parts: str) -> Callable[[int], int]:
    """A stream of small integers from the parts: the same parts, the same picture."""
    base = zlib.crc32("\x1f".join(parts).encode())

    def draw(n: int, _state=[base]) -> int:  # noqa: B006 - the stream's own position
        _state[0] = (_state[0] * 1103515245 + 12345) & 0x7FFFFFFF
        return (_state[0] >> 8) % max(1, n)

    return draw


# --- motifs: each draws itself flat inside its box, in one colour on another ---------


def _factory(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    base = b.y + b.height * 0.55
    teeth = 3
    step = b.width * 0.7 / teeth
    points = [(b.x, b.bottom), (b.x, base)]
    for i in range(teeth):
        x = b.x + i * step
        points += [(x + step, base - b.height * 0.18), (x + step, base)]
    points += [(b.x + b.width * 0.7, base), (b.right, base), (b.right, b.bottom)]
    pygame.draw.polygon(s, fg, points)
    for i, k in enumerate((0.74, 0.88)):
        stack = pygame.Rect(
            b.x + b.width * k, b.y + b.height * (0.1 + 0.08 * i), b.width * 0.08, b.height
        )
        pygame.draw.rect(s, fg, stack)
        pygame.draw.circle(
            s, fg, (stack.centerx - b.width * 0.1, stack.y - b.height * 0.02), b.width * 0.06
        )
    for i in range(3):
        win = pygame.Rect(
            b.x + b.width * (0.08 + 0.2 * i), base + b.height * 0.12, b.width * 0.1, b.height * 0.14
        )
        pygame.draw.rect(s, bg, win)


def _grain(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    for i, lean in enumerate((-0.18, 0.0, 0.18)):
        foot = (b.centerx, b.bottom)
        head = (b.centerx + lean * b.width * 1.6, b.y + b.height * (0.12 + 0.05 * abs(i - 1)))
        pygame.draw.line(s, fg, foot, head, max(2, b.width // 30))
        for j in range(4):
            k = 0.1 + j * 0.09
            x = head[0] + (foot[0] - head[0]) * k
            y = head[1] + (foot[1] - head[1]) * k
            pygame.draw.ellipse(
                s, fg, (x - b.width * 0.07, y - b.height * 0.035, b.width * 0.07, b.height * 0.07)
            )
            pygame.draw.ellipse(s, fg, (x, y - b.height * 0.035, b.width * 0.07, b.height * 0.07))


def _tractor(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.3, b.y + b.height * 0.42, b.width * 0.55, b.height * 0.25)
    )
    pygame.draw.rect(
        s,
        fg,
        (b.x + b.width * 0.1, b.y + b.height * 0.2, b.width * 0.28, b.height * 0.45),
        width=max(2, b.width // 25),
    )
    pygame.draw.line(
        s,
        fg,
        (b.x + b.width * 0.7, b.y + b.height * 0.42),
        (b.x + b.width * 0.7, b.y + b.height * 0.15),
        max(2, b.width // 25),
    )
    rear = (b.x + b.width * 0.26, b.y + b.height * 0.72)
    pygame.draw.circle(s, fg, rear, b.height * 0.27)
    pygame.draw.circle(s, bg, rear, b.height * 0.1)
    front = (b.x + b.width * 0.78, b.y + b.height * 0.82)
    pygame.draw.circle(s, fg, front, b.height * 0.16)
    pygame.draw.circle(s, bg, front, b.height * 0.06)


def _train(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.05, b.y + b.height * 0.38, b.width * 0.6, b.height * 0.32)
    )
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.62, b.y + b.height * 0.2, b.width * 0.3, b.height * 0.5)
    )
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.12, b.y + b.height * 0.16, b.width * 0.1, b.height * 0.24)
    )
    for k in (0.15, 0.35, 0.55, 0.8):
        pygame.draw.circle(s, fg, (b.x + b.width * k, b.y + b.height * 0.78), b.height * 0.1)
    pygame.draw.line(
        s, fg, (b.x, b.y + b.height * 0.9), (b.right, b.y + b.height * 0.9), max(2, b.height // 18)
    )
    pygame.draw.rect(
        s, bg, (b.x + b.width * 0.68, b.y + b.height * 0.28, b.width * 0.16, b.height * 0.14)
    )


def _ship(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    hull = [
        (b.x, b.y + b.height * 0.6),
        (b.right, b.y + b.height * 0.6),
        (b.x + b.width * 0.85, b.y + b.height * 0.85),
        (b.x + b.width * 0.12, b.y + b.height * 0.85),
    ]
    pygame.draw.polygon(s, fg, hull)
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.25, b.y + b.height * 0.42, b.width * 0.45, b.height * 0.2)
    )
    for k in (0.35, 0.52):
        pygame.draw.polygon(
            s,
            fg,
            [
                (b.x + b.width * k, b.y + b.height * 0.42),
                (b.x + b.width * (k + 0.04), b.y + b.height * 0.15),
                (b.x + b.width * (k + 0.11), b.y + b.height * 0.15),
                (b.x + b.width * (k + 0.1), b.y + b.height * 0.42),
            ],
        )
    for i in range(3):
        y = b.y + b.height * (0.9 + 0.05 * i)
        pygame.draw.line(s, fg, (b.x + b.width * 0.1 * i, y), (b.right - b.width * 0.1 * i, y), 1)


def _tank(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    track = pygame.Rect(b.x + b.width * 0.05, b.y + b.height * 0.6, b.width * 0.9, b.height * 0.26)
    pygame.draw.rect(s, fg, track, border_radius=int(track.height // 2))
    for i in range(5):
        pygame.draw.circle(
            s,
            bg,
            (track.x + track.height * 0.5 + i * (track.width - track.height) / 4, track.centery),
            track.height * 0.28,
        )
    pygame.draw.polygon(
        s,
        fg,
        [
            (b.x + b.width * 0.12, b.y + b.height * 0.6),
            (b.x + b.width * 0.2, b.y + b.height * 0.42),
            (b.x + b.width * 0.85, b.y + b.height * 0.42),
            (b.x + b.width * 0.92, b.y + b.height * 0.6),
        ],
    )
    pygame.draw.rect(
        s,
        fg,
        (b.x + b.width * 0.35, b.y + b.height * 0.26, b.width * 0.3, b.height * 0.18),
        border_radius=max(1, b.height // 12),
    )
    pygame.draw.line(
        s,
        fg,
        (b.x + b.width * 0.6, b.y + b.height * 0.33),
        (b.right, b.y + b.height * 0.22),
        max(2, b.height // 14),
    )


def _aircraft(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    nose = (b.right, b.y + b.height * 0.35)
    tail = (b.x, b.y + b.height * 0.65)
    pygame.draw.line(s, fg, tail, nose, max(3, b.height // 8))
    pygame.draw.polygon(
        s,
        fg,
        [
            (b.x + b.width * 0.45, b.y + b.height * 0.05),
            (b.x + b.width * 0.62, b.y + b.height * 0.05),
            (b.x + b.width * 0.6, b.y + b.height * 0.95),
            (b.x + b.width * 0.4, b.y + b.height * 0.95),
        ],
    )
    pygame.draw.polygon(
        s,
        fg,
        [
            (b.x, b.y + b.height * 0.4),
            (b.x + b.width * 0.12, b.y + b.height * 0.62),
            (b.x, b.y + b.height * 0.8),
        ],
    )


def _flag(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    pole = b.x + b.width * 0.2
    pygame.draw.line(s, fg, (pole, b.bottom), (pole, b.y), max(2, b.width // 20))
    cloth = [
        (pole, b.y + b.height * 0.05),
        (b.x + b.width * 0.55, b.y + b.height * 0.14),
        (b.right, b.y + b.height * 0.04),
        (b.x + b.width * 0.88, b.y + b.height * 0.3),
        (b.right, b.y + b.height * 0.52),
        (b.x + b.width * 0.55, b.y + b.height * 0.6),
        (pole, b.y + b.height * 0.5),
    ]
    pygame.draw.polygon(s, fg, cloth)


def _crowd(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    for row, (y, r) in enumerate(((0.5, 0.09), (0.66, 0.11))):
        n = 5 - row
        for i in range(n):
            x = b.x + b.width * (0.1 + (i + 0.5 * row) * 0.8 / (n - 0.5))
            cy = b.y + b.height * y
            pygame.draw.circle(s, fg, (x, cy), b.width * r * 0.6)
            pygame.draw.ellipse(
                s, fg, (x - b.width * r, cy + b.width * r * 0.55, b.width * r * 2, b.height)
            )
    fist = (b.x + b.width * 0.62, b.y + b.height * 0.08)
    pygame.draw.line(
        s, fg, fist, (b.x + b.width * 0.55, b.y + b.height * 0.5), max(2, b.width // 22)
    )
    pygame.draw.circle(s, fg, fist, b.width * 0.05)


def _wire(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    for k in (0.12, 0.5, 0.88):
        x = b.x + b.width * k
        pygame.draw.line(s, fg, (x, b.y + b.height * 0.05), (x, b.bottom), max(2, b.width // 18))
    for row in (0.25, 0.5, 0.75):
        y = b.y + b.height * row
        points = [
            (b.x + b.width * i / 8, y + (b.height * 0.05 if i % 2 else -b.height * 0.05))
            for i in range(9)
        ]
        pygame.draw.lines(s, fg, False, points, max(1, b.width // 40))
        for px, py in points[1::2]:
            pygame.draw.line(s, fg, (px - 3, py - 3), (px + 3, py + 3), 1)
            pygame.draw.line(s, fg, (px - 3, py + 3), (px + 3, py - 3), 1)


def _trial(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    pygame.draw.polygon(
        s, fg, [(b.x, b.y + b.height * 0.3), (b.centerx, b.y), (b.right, b.y + b.height * 0.3)]
    )
    for i in range(4):
        x = b.x + b.width * (0.1 + 0.25 * i)
        pygame.draw.rect(s, fg, (x, b.y + b.height * 0.36, b.width * 0.1, b.height * 0.46))
    pygame.draw.rect(s, fg, (b.x, b.y + b.height * 0.86, b.width, b.height * 0.14))


def _telegram(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    sheet = pygame.Rect(b.x + b.width * 0.05, b.y + b.height * 0.15, b.width * 0.7, b.height * 0.8)
    pygame.draw.rect(s, fg, sheet)
    for i in range(4):
        y = sheet.y + sheet.height * (0.2 + 0.18 * i)
        end = sheet.right - sheet.width * (0.12 + 0.15 * (i % 2))
        pygame.draw.line(s, bg, (sheet.x + sheet.width * 0.12, y), (end, y), max(1, b.height // 20))
    bolt = [
        (b.x + b.width * 0.78, b.y),
        (b.x + b.width * 0.92, b.y + b.height * 0.2),
        (b.x + b.width * 0.84, b.y + b.height * 0.25),
        (b.right, b.y + b.height * 0.5),
        (b.x + b.width * 0.8, b.y + b.height * 0.3),
        (b.x + b.width * 0.87, b.y + b.height * 0.26),
    ]
    pygame.draw.polygon(s, fg, bolt)


def _border(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    points = [
        (b.x, b.y + b.height * 0.7),
        (b.x + b.width * 0.3, b.y + b.height * 0.45),
        (b.x + b.width * 0.55, b.y + b.height * 0.6),
        (b.right, b.y + b.height * 0.2),
    ]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        steps = 5
        for i in range(0, steps, 1):
            a, c = i / steps, (i + 0.55) / steps
            pygame.draw.line(
                s,
                fg,
                (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                (x0 + (x1 - x0) * c, y0 + (y1 - y0) * c),
                max(2, b.height // 12),
            )
    pin = (b.x + b.width * 0.42, b.y + b.height * 0.3)
    pygame.draw.circle(s, fg, pin, b.height * 0.14)
    pygame.draw.polygon(
        s,
        fg,
        [
            (pin[0] - b.height * 0.12, pin[1] + b.height * 0.06),
            (pin[0], b.y + b.height * 0.62),
            (pin[0] + b.height * 0.12, pin[1] + b.height * 0.06),
        ],
    )
    pygame.draw.circle(s, bg, pin, b.height * 0.05)


def _church(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.22, b.y + b.height * 0.5, b.width * 0.56, b.height * 0.5)
    )
    pygame.draw.rect(
        s, fg, (b.x + b.width * 0.38, b.y + b.height * 0.32, b.width * 0.24, b.height * 0.2)
    )
    pygame.draw.circle(s, fg, (b.centerx, b.y + b.height * 0.3), b.width * 0.14)
    pygame.draw.polygon(
        s,
        fg,
        [
            (b.centerx - b.width * 0.1, b.y + b.height * 0.24),
            (b.centerx, b.y + b.height * 0.06),
            (b.centerx + b.width * 0.1, b.y + b.height * 0.24),
        ],
    )
    pygame.draw.line(s, fg, (b.centerx, b.y), (b.centerx, b.y + b.height * 0.08), 2)
    pygame.draw.line(s, fg, (b.centerx - 4, b.y + 3), (b.centerx + 4, b.y + 3), 2)
    pygame.draw.rect(
        s, bg, (b.centerx - b.width * 0.06, b.y + b.height * 0.72, b.width * 0.12, b.height * 0.28)
    )


def _document(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    for i, k in enumerate((0.05, 0.35)):
        sheet = pygame.Rect(
            b.x + b.width * k, b.y + b.height * (0.05 + 0.1 * i), b.width * 0.55, b.height * 0.8
        )
        pygame.draw.rect(s, fg, sheet)
        pygame.draw.rect(s, bg, sheet, width=max(1, b.width // 40))
        for j in range(3):
            y = sheet.y + sheet.height * (0.2 + 0.2 * j)
            pygame.draw.line(
                s,
                bg,
                (sheet.x + sheet.width * 0.15, y),
                (sheet.right - sheet.width * 0.15, y),
                max(1, b.height // 24),
            )
    pygame.draw.circle(s, bg, (b.x + b.width * 0.78, b.y + b.height * 0.75), b.height * 0.12)
    pygame.draw.circle(s, fg, (b.x + b.width * 0.78, b.y + b.height * 0.75), b.height * 0.07)


def _rifle(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    for lean in (-1, 1):
        top = (b.centerx + lean * b.width * 0.35, b.y)
        foot = (b.centerx - lean * b.width * 0.3, b.bottom)
        pygame.draw.line(s, fg, top, foot, max(2, b.width // 16))
        stock = (foot[0] + lean * b.width * 0.05, foot[1] - b.height * 0.25)
        pygame.draw.polygon(s, fg, [foot, stock, (foot[0] + lean * b.width * 0.12, foot[1])])
    _star(
        s,
        pygame.Rect(
            b.centerx - b.width * 0.16, b.y + b.height * 0.32, b.width * 0.32, b.width * 0.32
        ),
        fg,
    )


def _star(s: pygame.Surface, b: Box, fg: Color, bg: Color | None = None) -> None:
    r_out, r_in = min(b.width, b.height) / 2, min(b.width, b.height) / 5
    points = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((b.centerx + r * math.cos(angle), b.centery + r * math.sin(angle)))
    pygame.draw.polygon(s, fg, points)


def _coins(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    for col, n in enumerate((3, 5, 4)):
        for i in range(n):
            rect = pygame.Rect(
                b.x + b.width * (0.05 + 0.31 * col),
                b.bottom - b.height * (0.14 + 0.13 * i),
                b.width * 0.28,
                b.height * 0.12,
            )
            pygame.draw.ellipse(s, fg, rect)
            pygame.draw.ellipse(s, bg, rect, width=1)


def _hunger(s: pygame.Surface, b: Box, fg: Color, bg: Color) -> None:
    """An empty bowl under bare, broken stalks: the famine."""
    pygame.draw.ellipse(
        s, fg, (b.x + b.width * 0.1, b.y + b.height * 0.55, b.width * 0.8, b.height * 0.4)
    )
    pygame.draw.rect(s, bg, (b.x, b.y + b.height * 0.45, b.width, b.height * 0.28))
    pygame.draw.line(
        s,
        fg,
        (b.x + b.width * 0.1, b.y + b.height * 0.73),
        (b.right - b.width * 0.1, b.y + b.height * 0.73),
        max(2, b.height // 14),
    )
    for k, bend in ((0.3, 0.2), (0.5, -0.15), (0.7, 0.25)):
        knee = (b.x + b.width * k, b.y + b.height * 0.25)
        pygame.draw.line(
            s, fg, (b.x + b.width * k, b.y + b.height * 0.5), knee, max(1, b.width // 30)
        )
        pygame.draw.line(
            s,
            fg,
            knee,
            (knee[0] + b.width * bend, knee[1] + b.height * 0.12),
            max(1, b.width // 30),
        )


# The motifs and the words that call them up (the start of a word is enough).
MOTIFS: dict[str, tuple[Motif, tuple[str, ...]]] = {
    "factory": (
        _factory,
        (
            "factor",
            "industr",
            "plant",
            "plan",
            "steel",
            "magnitogorsk",
            "mill",
            "works",
            "engineer",
            "machine",
            "output",
            "dam",
        ),
    ),
    "grain": (
        _grain,
        (
            "grain",
            "harvest",
            "procure",
            "kolkhoz",
            "collectiv",
            "peasant",
            "kulak",
            "farm",
            "bread",
            "quota",
        ),
    ),
    "hunger": (_hunger, ("famine", "hunger", "starv", "ration")),
    "tractor": (_tractor, ("tractor", "mts", "livestock", "sowing")),
    "train": (_train, ("train", "rail", "deport", "exile", "transport", "railway")),
    "ship": (_ship, ("ship", "navy", "naval", "port", "sea", "fleet", "cargo")),
    "tank": (_tank, ("tank", "armour", "armor", "mechani", "panzer")),
    "aircraft": (_aircraft, ("aircraft", "air", "plane", "bomber", "pilot", "flight")),
    "flag": (
        _flag,
        (
            "flag",
            "revolution",
            "comintern",
            "party",
            "parties",
            "front",
            "congress",
            "anniversary",
            "banner",
        ),
    ),
    "crowd": (
        _crowd,
        (
            "crowd",
            "strike",
            "worker",
            "unrest",
            "rising",
            "revolt",
            "masses",
            "volunteer",
            "demonstrat",
        ),
    ),
    "wire": (
        _wire,
        (
            "prison",
            "camp",
            "gulag",
            "arrest",
            "wire",
            "labour",
            "nkvd",
            "ogpu",
            "shot",
            "terror",
            "purge",
            "execut",
        ),
    ),
    "trial": (
        _trial,
        (
            "trial",
            "court",
            "dock",
            "confess",
            "prosecut",
            "judge",
            "verdict",
            "wrecker",
            "charge",
            "league",
            "geneva",
        ),
    ),
    "telegram": (
        _telegram,
        (
            "telegram",
            "cable",
            "dispatch",
            "report",
            "intelligence",
            "warning",
            "message",
            "spy",
            "agent",
        ),
    ),
    "border": (
        _border,
        (
            "border",
            "frontier",
            "map",
            "territor",
            "annex",
            "partition",
            "occup",
            "invad",
            "invasion",
            "line",
        ),
    ),
    "church": (_church, ("church", "priest", "relig", "bell", "monaster", "faith")),
    "document": (
        _document,
        (
            "treaty",
            "pact",
            "agreement",
            "credit",
            "recogni",
            "signed",
            "negotiat",
            "protocol",
            "note",
            "diplomat",
        ),
    ),
    "rifle": (
        _rifle,
        (
            "army",
            "officer",
            "marshal",
            "war",
            "soldier",
            "military",
            "defence",
            "defense",
            "troops",
            "mobilis",
        ),
    ),
    "coins": (
        _coins,
        ("valuta", "gold", "export", "currency", "loan", "money", "trade", "price", "debt"),
    ),
}

WORD = re.compile(r"[a-z]+")


def _calls(word: str, stem: str) -> bool:
    """A long stem calls up every word it begins ('collectiv': collectivisation); a
    short one only itself and its plural, so 'sea' is not 'search' nor 'war' 'warning'."""
    if len(stem) <= 4:
        return word in (stem, stem + "s")
    return word.startswith(stem)


def motifs_for(words: str, fallback: str = "") -> list[str]:
    """The motifs the words call up, the most called first; the fallback words (the
    group's title and description) when they call up none."""
    counts: dict[str, int] = {}
    for text, weight in ((words, 1), (fallback, 0)):
        if counts:
            break
        tokens = WORD.findall(text.lower())
        for name, (_, stems) in MOTIFS.items():
            hits = sum(1 for t in tokens for stem in stems if _calls(t, stem))
            if hits:
                counts[name] = hits + weight
    return sorted(counts, key=lambda name: (-counts[name], name))


# --- the composition ------------------------------------------------------------------


def _contrast(p: Palette, ground: Color) -> Color:
    return p.paper if sum(ground) < 300 else p.ink


def compose(
    surface: pygame.Surface, rect: Box, palette: Palette, key: str, motifs: list[str], place: str
) -> None:
    """Draw one event's picture into `rect`: the same key and motifs, the same picture."""
    roll = _seeded(key, place)
    p = palette
    old_clip = surface.get_clip()
    surface.set_clip(rect)
    w, h = rect.width, rect.height
    ground = (p.ink, p.paper_dark, p.accent_dark)[roll(3)]
    surface.fill(ground, rect)
    # The great circle, off-centre, part of it out of the frame.
    cx = rect.x + w * (0.15 + roll(70) / 100)
    radius = h * (0.7 + roll(60) / 100)
    circle = (p.accent, p.paper, p.ink)[roll(3)]
    if circle == ground:
        circle = p.accent if ground != p.accent else p.paper
    pygame.draw.circle(surface, circle, (cx, rect.centery + h * (roll(60) - 30) / 100), radius)
    # The wedge from one edge, and a bold bar on the diagonal.
    wedge = p.accent if circle != p.accent else p.ink
    from_left = roll(2) == 0
    edge = rect.x if from_left else rect.right
    tip = (rect.x + w * (0.3 + roll(40) / 100), rect.y + h * (0.2 + roll(60) / 100))
    pygame.draw.polygon(
        surface, wedge, [(edge, rect.y - h * 0.1), tip, (edge, rect.y + h * (0.5 + roll(60) / 100))]
    )
    slope = h * (0.6 + roll(80) / 100)
    bar_x = rect.x + w * (0.05 + roll(85) / 100)
    bar_w = max(4, h * (0.12 + roll(15) / 100))
    bar_colour = (p.paper, p.ink, p.highlight)[roll(3)]
    pygame.draw.polygon(
        surface,
        bar_colour,
        [
            (bar_x, rect.bottom),
            (bar_x + bar_w, rect.bottom),
            (bar_x + bar_w + slope, rect.y),
            (bar_x + slope, rect.y),
        ],
    )
    for _ in range(1 + roll(3)):
        y = rect.y + h * (0.15 + roll(70) / 100)
        x = rect.x + w * (roll(90) / 100)
        pygame.draw.line(
            surface, _contrast(p, ground), (x, y), (x + w * 0.2, y - h * 0.35), max(1, h // 40)
        )
    # Bold blocks, like the bars of a poster's lettering, stacked in one corner.
    bars_left = roll(2) == 0
    for i in range(2 + roll(2)):
        length = w * (0.06 + 0.04 * ((i + roll(3)) % 3))
        y = rect.y + h * (0.18 + 0.22 * i)
        x = rect.x + w * 0.02 if bars_left else rect.right - w * 0.02 - length
        pygame.draw.rect(surface, _contrast(p, ground), (x, y, length, max(2, h * 0.1)))
    # The motifs, each on a plate of its own so it reads over the shapes.
    shown = list(motifs[:3])
    if place and "border" not in shown:
        shown = [*shown[:2], "border"]
    size = int(h * 0.86)
    slots = max(1, len(shown))
    span = w * 0.7
    start = rect.x + w * (0.2 + roll(6) / 100)
    shift = roll(3)
    for i, name in enumerate(shown):
        x = int(start + (i + 0.5) * span / slots - size / 2)
        y = rect.y + (h - size) // 2
        plate = pygame.Rect(x, y, size, size)
        plates = [c for c in (p.paper, p.ink, p.accent) if c != ground]
        plate_colour = plates[(shift + i) % len(plates)]
        figure = _contrast(p, plate_colour) if plate_colour != p.accent else p.on_accent
        if (shift + i) % 2:
            pygame.draw.rect(surface, plate_colour, plate)
        else:
            pygame.draw.circle(surface, plate_colour, plate.center, size * 0.56)
        MOTIFS[name][0](surface, plate.inflate(-size // 6, -size // 6), figure, plate_colour)
    surface.set_clip(old_clip)


# --- persons ----------------------------------------------------------------------------


def portrait(surface: pygame.Surface, rect: Box, palette: Palette, name: str) -> None:
    """A stylised head and shoulders for a named person, as the posters drew them: a face
    half in light and half in shadow before a disc, with a cap, spectacles, a moustache or
    a beard chosen by the name, so each recurring person is recognisable and none is
    taken for a likeness."""
    roll = _seeded("person", name)
    p = palette
    old_clip = surface.get_clip()
    surface.set_clip(rect)
    ground = (p.paper_dark, p.accent)[roll(2)]
    surface.fill(ground, rect)
    s = min(rect.width, rect.height)
    disc = p.accent if ground != p.accent else p.paper
    pygame.draw.circle(surface, disc, (rect.x + s * 0.32, rect.y + s * 0.36), s * 0.32)
    head = (rect.centerx, rect.y + s * 0.44)
    # The tunic, and its collar.
    pygame.draw.polygon(
        surface,
        p.ink,
        [
            (rect.x + s * 0.06, rect.bottom),
            (rect.x + s * 0.18, rect.y + s * 0.74),
            (rect.right - s * 0.18, rect.y + s * 0.74),
            (rect.right - s * 0.06, rect.bottom),
        ],
    )
    pygame.draw.polygon(
        surface,
        p.paper,
        [
            (head[0] - s * 0.09, rect.y + s * 0.74),
            (head[0], rect.y + s * 0.86),
            (head[0] + s * 0.09, rect.y + s * 0.74),
        ],
    )
    # The face: the light side, then the shadow side cut on the vertical.
    face = pygame.Rect(head[0] - s * 0.16, head[1] - s * 0.2, s * 0.32, s * 0.4)
    pygame.draw.ellipse(surface, p.paper, face)
    shadow = pygame.Surface(face.size, pygame.SRCALPHA)
    pygame.draw.ellipse(shadow, (*p.ink, 255), shadow.get_rect())
    shadow.fill((0, 0, 0, 0), (0, 0, face.width // 2 + roll(3), face.height))
    surface.blit(shadow, face)
    pygame.draw.ellipse(surface, p.ink, face, width=max(1, s // 40))
    line = max(1, s // 32)
    features = roll(16)
    if features & 1:  # a peaked cap
        pygame.draw.rect(
            surface, p.ink, (face.x - s * 0.04, face.y - s * 0.02, face.width + s * 0.08, s * 0.12)
        )
        pygame.draw.rect(
            surface, p.ink, (face.x - s * 0.08, face.y + s * 0.08, face.width * 0.7, s * 0.04)
        )
    else:  # hair
        pygame.draw.ellipse(surface, p.ink, (face.x, face.y - s * 0.03, face.width, s * 0.14))
    eyes_y = face.y + face.height * 0.45
    for dx, colour in ((-0.075, p.ink), (0.075, p.paper)):
        eye = (head[0] + s * dx, eyes_y)
        if features & 2:  # spectacles
            pygame.draw.circle(surface, colour, eye, s * 0.05, width=line)
        else:
            pygame.draw.circle(surface, colour, eye, max(1, s * 0.018))
    if features & 4:  # a moustache
        pygame.draw.rect(
            surface, p.ink, (head[0] - s * 0.08, face.y + face.height * 0.66, s * 0.16, s * 0.035)
        )
    if features & 8:  # a beard
        pygame.draw.polygon(
            surface,
            p.ink,
            [
                (face.x + face.width * 0.2, face.y + face.height * 0.72),
                (head[0], face.bottom + s * 0.06),
                (face.right - face.width * 0.2, face.y + face.height * 0.72),
            ],
        )
    surface.set_clip(old_clip)


NAME_YEARS = re.compile(r"\s*\([^)]*\)")


def surnames(full_names: Iterable[str]) -> list[str]:
    """'Grigory Zinoviev (1883-1936) and Lev Kamenev (1883-1936)' -> Zinoviev, Kamenev."""
    found: list[str] = []
    for full in full_names:
        for one in NAME_YEARS.sub("", full).split(" and "):
            words = one.split()
            if words and words[-1][:1].isupper() and words[-1] not in found:
                found.append(words[-1])
    return found


def roster(scenario) -> tuple[str, ...]:
    """The persons a scenario names: everyone its lore introduces or an event's `actors:`
    declares, and the holders of its
    posts (a level variable whose description begins 'Who ...' and whose labels are
    single names: who runs the foreign commissariat, the political police)."""
    people = [
        person.name
        for item in (*scenario.events, *scenario.decisions)
        for person in item.lore.people
    ]
    names = surnames(people)
    for event in scenario.events:
        names += [actor for actor in event.actors if actor not in names]
    for var in scenario.layout.variables:
        labels = getattr(var, "labels", ()) or ()
        described = getattr(var, "description", "") or ""
        if (
            described.startswith("Who ")
            and labels
            and all(len(label.split()) == 1 and label[:1].isupper() for label in labels)
        ):
            names += [label for label in labels if label not in names]
    return tuple(names)


def actors(names: Iterable[str], text: str, limit: int = 3) -> list[str]:
    """The persons of the roster the text names, in the order it first names them."""
    places = []
    for name in names:
        match = re.search(rf"\b{re.escape(name)}\b", text)
        if match:
            places.append((match.start(), name))
    return [name for _, name in sorted(places)[:limit]]


# --- the cache ----------------------------------------------------------------------------

_CACHE: OrderedDict[tuple, pygame.Surface] = OrderedDict()


def _kept(key: tuple, make: Callable[[], pygame.Surface]) -> pygame.Surface:
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    picture = make()
    _CACHE[key] = picture
    while len(_CACHE) > KEEP:
        _CACHE.popitem(last=False)
    return picture


def event_picture(
    event, words: str, fallback: str, size: tuple[int, int], theme: Theme
) -> pygame.Surface:
    """The event's illustration at this size in this palette, drawn once and kept."""

    def make() -> pygame.Surface:
        picture = pygame.Surface(size)
        compose(
            picture,
            picture.get_rect(),
            theme.palette,
            event.id,
            motifs_for(words, fallback),
            event.place,
        )
        return picture

    return _kept(("event", event.id, zlib.crc32(words.encode()), size, theme.colour_blind), make)


def person_picture(name: str, size: tuple[int, int], theme: Theme) -> pygame.Surface:
    """A person's emblem at this size in this palette, drawn once and kept."""

    def make() -> pygame.Surface:
        picture = pygame.Surface(size)
        portrait(picture, picture.get_rect(), theme.palette, name)
        return picture

    return _kept(("person", name, size, theme.colour_blind), make)
