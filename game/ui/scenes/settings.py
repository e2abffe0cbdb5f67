"""Settings: window or full screen, UI scale (up to projector sizes), colour-blind palette."""

from __future__ import annotations

import pygame

from game.ui.scene import Scene
from game.ui.scenes.common import back_button, header
from game.ui.settings import SCALE_NAMES, SCALES
from game.ui.theme import Theme
from game.ui.widgets import Button, Label


class SettingsScene(Scene):
    name = "settings"

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        settings = self.app.settings
        y = header(self, area, "Settings", "Changes apply at once and are kept for next time.")
        x = area.x + t.px(24)
        self.add(
            Label(pygame.Rect(x, y, t.px(400), t.px(28)), text="Display", font=Theme.body_bold)
        )
        y += t.px(32)
        self.add(
            Button(
                pygame.Rect(x, y, t.px(200), t.px(40)),
                text="Window",
                kind="toggle",
                selected=not settings.fullscreen,
                on_click=lambda: self.set(fullscreen=False),
            )
        )
        self.add(
            Button(
                pygame.Rect(x + t.px(210), y, t.px(200), t.px(40)),
                text="Full screen",
                kind="toggle",
                selected=settings.fullscreen,
                on_click=lambda: self.set(fullscreen=True),
            )
        )
        y += t.px(60)
        self.add(
            Label(
                pygame.Rect(x, y, t.px(600), t.px(28)),
                text="Size of text and controls",
                font=Theme.body_bold,
            )
        )
        y += t.px(32)
        width = min(t.px(190), (area.width - t.px(48) - t.px(30)) // len(SCALES))
        for i, scale in enumerate(SCALES):
            self.add(
                Button(
                    pygame.Rect(x + i * (width + t.px(10)), y, width, t.px(40)),
                    text=f"{SCALE_NAMES[scale]}",
                    kind="toggle",
                    selected=settings.scale == scale,
                    on_click=lambda s=scale: self.set(scale=s),
                    tooltip=f"{int(scale * 100)}%",
                )
            )
        y += t.px(46)
        if self.app.effective_scale < settings.scale:
            note = (
                f"This window is too small for {int(settings.scale * 100)}%: the game uses "
                f"{int(self.app.effective_scale * 100)}%. Enlarge the window or go full screen for more."
            )
            self.add(
                Label(
                    pygame.Rect(x, y, area.width - t.px(48), t.px(40)),
                    text=note,
                    wrap=True,
                    font=Theme.small,
                    color=t.palette.ink_soft,
                )
            )
        y += t.px(44)
        self.add(
            Label(pygame.Rect(x, y, t.px(600), t.px(28)), text="Colours", font=Theme.body_bold)
        )
        y += t.px(32)
        self.add(
            Button(
                pygame.Rect(x, y, t.px(300), t.px(40)),
                text="Posters (red and green)",
                kind="toggle",
                selected=not settings.colour_blind,
                on_click=lambda: self.set(colour_blind=False),
            )
        )
        self.add(
            Button(
                pygame.Rect(x + t.px(310), y, t.px(300), t.px(40)),
                text="Colour-blind safe",
                kind="toggle",
                selected=settings.colour_blind,
                on_click=lambda: self.set(colour_blind=True),
                tooltip="Blue and orange instead of green and red.",
            )
        )
        y += t.px(60)
        self.add(
            Label(pygame.Rect(x, y, t.px(600), t.px(28)), text="Modding", font=Theme.body_bold)
        )
        y += t.px(32)
        self.add(
            Button(
                pygame.Rect(x, y, t.px(300), t.px(40)),
                text=f"Developer mode: {'on' if settings.developer else 'off'}",
                kind="toggle",
                selected=settings.developer,
                on_click=lambda: self.set(developer=not self.app.settings.developer),
                tooltip="F5 reads the scenario's files again while you play; with errors the last good content stays.",
            )
        )
        y += t.px(60)
        self.add(
            Label(
                pygame.Rect(x, y, area.width - t.px(48), t.px(48)),
                text="The game has no sound. Keys: Enter ends the turn, Esc opens the menu, F1 help, Ctrl+S saves.",
                wrap=True,
                font=Theme.small,
                color=t.palette.ink_soft,
            )
        )
        back_button(self, area)

    def set(self, **changes) -> None:
        self.app.change_settings(self.app.settings.with_(**changes))
