"""The in-game menu (Esc): resume, save, load, settings, help, quit."""

from __future__ import annotations

import pygame

from game.ui.scene import Pop, Push, Quit, Scene
from game.ui.scenes.common import button_column
from game.ui.theme import Theme
from game.ui.widgets import Label


class GameMenuScene(Scene):
    name = "menu"
    opaque = False

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        width = t.px(340)
        x = area.centerx - width // 2
        classroom = self.app.session is not None and self.app.session.classroom
        self.box = pygame.Rect(x - t.px(24), area.centery - t.px(280), width + t.px(48), t.px(560))
        self.add(
            Label(
                pygame.Rect(x, self.box.y + t.px(16), width, t.px(40)),
                text="Menu",
                font=Theme.heading,
                align="center",
            )
        )
        items = [
            ("Resume", lambda: Pop(), "Back to the campaign (Esc)."),
            ("Save", self.save, "Save to a named slot."),
            (
                "Load",
                None if classroom else self.load,
                "Open a saved campaign." if not classroom else "Switched off in classroom mode.",
            ),
            (
                "Debrief so far",
                self.debrief,
                "What has happened, why, and how it compares with history.",
            ),
            ("Settings", self.settings, ""),
            ("How to play", self.help, ""),
            ("Quit to title", self.to_title, "The campaign is autosaved; Continue takes you back."),
            ("Quit the game", lambda: Quit(), "The campaign is autosaved."),
        ]
        button_column(self, x, self.box.y + t.px(70), width, items)

    def draw_background(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 120))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, self.theme.palette.panel, self.box)
        pygame.draw.rect(surface, self.theme.palette.accent, self.box, width=self.theme.px(3))

    def key(self, event: pygame.event.Event):
        if event.key == pygame.K_ESCAPE:
            return Pop()
        return None

    def save(self):
        from game.ui.scenes.saveload import SaveLoadScene

        return Push(SaveLoadScene(self.app, saving=True))

    def load(self):
        from game.ui.scenes.saveload import SaveLoadScene

        return Push(SaveLoadScene(self.app, saving=False))

    def debrief(self):
        from game.ui.scenes.debrief import DebriefScene

        return Push(DebriefScene(self.app))

    def settings(self):
        from game.ui.scenes.settings import SettingsScene

        return Push(SettingsScene(self.app))

    def help(self):
        from game.ui.scenes.help import HelpScene

        return Push(HelpScene(self.app))

    def to_title(self):
        self.app.keep_campaign()
        self.app.session = None
        return Pop(len(self.app.stack))
