"""The guided first turn: a callout that points at one part of the screen at a time.

The guide walks a new player through one whole quarter (read an indicator's causes,
open an instrument, set a policy, consider a decision, look at the map, end the turn,
answer an event, read the report). Each step ends when the player does what it asks,
or with Next; Skip ends the guide. It starts on a player's first campaign and again
from Help. It only reads the screen's layout and never gives orders itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from game.core.model import Scenario
from game.ui import text as txt
from game.ui.theme import Theme
from game.ui.widgets import Button, Label, Painter


@dataclass(frozen=True)
class GuideStep:
    anchor: str  # the part of the screen it points at (scenes name their parts)
    text: str
    until: str  # what the player does to finish it; "next" means only the Next button
    # Where to point, and what to add, when this screen does not show the anchor now.
    fallback: str = ""
    fallback_text: str = ""


STEPS = (
    GuideStep(
        "indicators",
        "This column is the state of the Union: each indicator, its change since last "
        "quarter and a small chart. Click one to see exactly why it moved.",
        "why",
    ),
    GuideStep(
        "tabs",
        "These tabs are your four instruments: the plan, the party and police, the "
        "parties abroad, diplomacy. Open another one (or press 1 to 4).",
        "tab",
    ),
    GuideStep(
        "policy",
        "Each row is a standing policy; the highlighted level is in force. Hover over a "
        "level to see what it would change, then click one to set it.",
        "policy",
    ),
    GuideStep(
        "decision",
        "Decisions are one-off actions, a few a quarter. Hover over one to see its cost, "
        "odds and effects; click to take it, click again to drop it.",
        "decision",
        fallback="tabs",
        fallback_text="This tab has no decisions this quarter: open another tab (Gosplan has "
        "some) to find them, or press Next.",
    ),
    GuideStep(
        "map",
        "The map shows the powers, coloured by their relations with you, and the borders "
        "as they move. Click a power's land for diplomacy: its trust, threat, treaties "
        "and intentions.",
        "diplomacy",
    ),
    GuideStep(
        "end_turn",
        "When your orders are set, press End turn (or Enter). The quarter resolves; an "
        "event may ask you to choose (one at most this first quarter, three later), and "
        "news that needs no decision arrives as a dispatch.",
        "end_turn",
    ),
    GuideStep(
        "options",
        "An event. Its source is named under the text. Each option lists what it would "
        "change: pick one (or press its number).",
        "choice",
    ),
    GuideStep(
        "continue",
        "The report: what changed and why, and what the powers did. Continue to the next "
        "quarter; F1 brings this help back.",
        "continue",
    ),
)


@dataclass
class Guide:
    step: int = 0
    finished: bool = False

    @property
    def current(self) -> GuideStep | None:
        return None if self.finished else STEPS[self.step]

    def saw(self, action: str) -> None:
        """The player did something; if it is what the current step asks, go on."""
        step = self.current
        if step is not None and step.until == action:
            self.next()

    def next(self) -> None:
        if self.step + 1 < len(STEPS):
            self.step += 1
        else:
            self.finished = True

    def skip(self) -> None:
        self.finished = True


class Callout(Painter):
    """The callout's box: a press or a click on it stops there, so nothing beneath it (a
    map, a text that selects on a drag) reacts to a click on the guide."""

    def handle(self, event: pygame.event.Event, theme: Theme) -> Any:
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and self.rect.collidepoint(
            event.pos
        ):
            return True
        return None


def closing_words(scenario: Scenario) -> str:
    """What the end of the campaign judges, from the scenario's verdict: the guide's last
    words, so a new player knows what the quarters add up to."""
    if not scenario.verdict:
        return ""
    calendar = scenario.calendar
    titles = [axis.title for axis in scenario.verdict]
    counts = ", ".join(titles[:-1]) + f" and {titles[-1]}" if len(titles) > 1 else titles[0]
    words = (
        f"After {calendar.long_label(calendar.last_turn)} the campaign ends and is judged "
        f"on {counts}, each beside what history did."
    )
    costs = [axis.title for axis in scenario.verdict if axis.cost]
    if costs:
        words += f" {costs[0]} is counted in people and weighs against all the rest."
    return words


def _controls(scene) -> list[pygame.Rect]:
    """What the player can click on this screen: the callout should not cover it."""
    return [
        w.rect
        for w in scene.widgets
        if isinstance(w, Button | Painter) and getattr(w, "on_click", None) is not None
    ]


def add_callout(scene, guide: Guide, anchors: dict[str, pygame.Rect], on_end) -> None:
    """Point at the current step's part of the screen, if this scene shows it.

    `on_end` is called when the guide is finished or skipped (to remember that)."""
    step = guide.current
    if step is None:
        return
    anchor, text = step.anchor, step.text
    if anchor not in anchors and step.fallback in anchors:
        anchor, text = step.fallback, step.fallback_text
    if anchor not in anchors:
        return
    if guide.step + 1 == len(STEPS):
        text = f"{text} {closing_words(scene.app.session.scenario)}".strip()
    t: Theme = scene.theme
    target = anchors[anchor]
    screen = pygame.Rect((0, 0), scene.size)
    width = min(t.px(340), screen.width - t.px(24))
    pad = t.px(12)
    font = t.body()
    lines = txt.wrap(font, text, width - 2 * pad)
    button_h = t.px(34)
    height = t.px(22) + len(lines) * font.get_linesize() + t.px(10) + button_h + 2 * pad
    box = _place(pygame.Rect(0, 0, width, height), target, screen, t.px(14), _controls(scene))

    def paint(surface: pygame.Surface, rect: pygame.Rect, th: Theme) -> None:
        p = th.palette
        pygame.draw.rect(surface, p.highlight, target.inflate(th.px(6), th.px(6)), th.px(4))
        pygame.draw.rect(surface, p.ink, rect, border_radius=th.px(4))
        pygame.draw.rect(surface, p.highlight, rect, th.px(2), border_radius=th.px(4))

    def advance() -> None:
        guide.next()
        if guide.finished:
            on_end()

    def skip() -> None:
        guide.skip()
        on_end()

    # Clicking the callout itself does nothing, but must not reach what lies beneath it.
    scene.add(Callout(box, paint=paint))
    scene.add(
        Label(
            pygame.Rect(box.x + pad, box.y + pad, width - 2 * pad, t.px(20)),
            text=f"Guided first turn  ·  step {guide.step + 1} of {len(STEPS)}",
            font=Theme.small_bold,
            color=t.palette.highlight,
        )
    )
    text_top = box.y + pad + t.px(22)
    scene.add(
        Label(
            pygame.Rect(box.x + pad, text_top, width - 2 * pad, len(lines) * font.get_linesize()),
            text=text,
            color=t.palette.on_accent,
            wrap=True,
        )
    )
    buttons_y = box.bottom - pad - button_h
    half = (width - 2 * pad - t.px(8)) // 2
    scene.add(
        Button(
            pygame.Rect(box.x + pad, buttons_y, half, button_h),
            text="Skip the guide",
            kind="quiet",
            on_click=skip,
        )
    )
    last = guide.step + 1 == len(STEPS)
    scene.add(
        Button(
            pygame.Rect(box.right - pad - half, buttons_y, half, button_h),
            text="Done" if last else "Next",
            kind="primary",
            on_click=advance,
        )
    )


def _place(
    box: pygame.Rect,
    target: pygame.Rect,
    screen: pygame.Rect,
    gap: int,
    controls: Sequence[pygame.Rect] = (),
) -> pygame.Rect:
    """Beside the target if there is room (right, left, below, above), else in a corner
    of the screen: never covering the target, always on the screen, and covering as
    few of the screen's other controls as can be (the player may need them next)."""
    # Beside the target: level with its top, or halfway down a column taller than the box.
    middle = target.y
    if target.height > box.height:
        middle = target.centery - box.height // 2
    beside = [
        box.move(target.right + gap, middle),
        box.move(target.x - gap - box.width, middle),
        box.move(target.x, target.bottom + gap),
        box.move(target.right - box.width, target.bottom + gap),
        box.move(target.x, target.y - gap - box.height),
        box.move(target.right - box.width, target.y - gap - box.height),
    ]
    inset = screen.inflate(-2 * gap, -2 * gap)
    corners = [
        box.move(inset.right - box.width, inset.bottom - box.height),
        box.move(inset.x, inset.bottom - box.height),
        box.move(inset.right - box.width, inset.y),
        box.move(inset.x, inset.y),
    ]
    others = [c for c in controls if not target.contains(c)]
    placed = [c.clamp(screen) for c in beside + corners]
    free = [c for c in placed if not c.colliderect(target)]
    if not free:
        return beside[0].clamp(screen)
    # The first place with the fewest controls under it: beside the target when that
    # covers no more than a corner would.
    return min(free, key=lambda c: len(c.collidelistall(others)))
