"""A screen that says one thing at length (e.g. a reload's checker errors) and goes back."""

from __future__ import annotations

import pygame

from game.ui.scene import Pop, Scene
from game.ui.scenes.common import header
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, ScrollText


class MessageScene(Scene):
    name = "message"

    def __init__(self, app, title: str, subtitle: str, text: str, button: str = "Back") -> None:
        super().__init__(app)
        self.title, self.subtitle, self.text, self.button_text = title, subtitle, text, button

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(self, area, self.title, self.subtitle)
        frame = self.add(
            Frame(
                pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(80))
            )
        )
        self.add(ScrollText(frame.inner(t), text=self.text, font=Theme.body))
        self.add(
            Button(
                pygame.Rect(area.right - t.px(300), area.bottom - t.px(60), t.px(276), t.px(40)),
                text=self.button_text,
                kind="primary",
                on_click=lambda: Pop(),
                hotkey=pygame.K_RETURN,
            )
        )

    def key(self, event: pygame.event.Event):
        return Pop() if event.key == pygame.K_ESCAPE else None
