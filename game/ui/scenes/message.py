"""A screen that says one thing at length (a reload's checker errors, a crash) and offers
a way on: one or more buttons along the bottom, the first of them the default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.ui.scene import Pop, Scene
from game.ui.scenes.common import header
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, ScrollText

Choice = tuple[str, Callable[[], Any]]


class MessageScene(Scene):
    name = "message"

    def __init__(
        self, app, title: str, subtitle: str, text: str, choices: list[Choice] | None = None
    ) -> None:
        super().__init__(app)
        self.title, self.subtitle, self.text = title, subtitle, text
        self.choices = choices or [("Back", lambda: Pop())]

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(self, area, self.title, self.subtitle)
        frame = self.add(
            Frame(
                pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(80))
            )
        )
        self.add(ScrollText(frame.inner(t), text=self.text, font=Theme.body))
        x = area.right - t.px(24)
        for i, (label, action) in reversed(list(enumerate(self.choices))):
            width = t.px(276)
            x -= width
            self.add(
                Button(
                    pygame.Rect(x, area.bottom - t.px(60), width, t.px(40)),
                    text=label,
                    kind="primary" if i == 0 else "normal",
                    on_click=action,
                    hotkey=pygame.K_RETURN if i == 0 else None,
                )
            )
            x -= t.px(12)

    def key(self, event: pygame.event.Event):
        return self.choices[-1][1]() if event.key == pygame.K_ESCAPE else None
