"""The screen shown after an unexpected error: what was kept and where the report is."""

from __future__ import annotations

import pygame

from game.ui.scene import Quit, ResetTo, Scene
from game.ui.scenes.common import header
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, ScrollText


class CrashScene(Scene):
    name = "crash"

    def __init__(self, app, message: str) -> None:
        super().__init__(app)
        self.message = message

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(self, area, "Something went wrong", "The game hit an error it did not expect.")
        frame = self.add(
            Frame(
                pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(80))
            )
        )
        self.add(ScrollText(frame.inner(t), text=self.message, font=Theme.body))
        bottom = area.bottom - t.px(60)
        self.add(
            Button(
                pygame.Rect(area.x + t.px(24), bottom, t.px(260), t.px(40)),
                text="Back to the title screen",
                kind="primary",
                on_click=self.title,
                hotkey=pygame.K_RETURN,
            )
        )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(200), bottom, t.px(176), t.px(40)),
                text="Quit",
                on_click=lambda: Quit(),
            )
        )

    def title(self):
        from game.ui.scenes.title import TitleScene

        self.app.session = None
        return ResetTo(TitleScene(self.app))
