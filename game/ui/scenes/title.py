"""The title screen: new campaign, continue, load, settings, help, quit."""

from __future__ import annotations

import pygame

from game.ui.scene import Push, Quit, Scene
from game.ui.scenes.common import button_column, draw_wedge
from game.ui.theme import Theme
from game.ui.widgets import Label, Painter


class TitleScene(Scene):
    name = "title"

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        left = area.x + t.px(60)
        width = min(t.px(420), area.width - t.px(120))
        self.add(
            Label(
                pygame.Rect(left, area.y + t.px(50), area.width - t.px(120), t.px(56)),
                text="GREAT TURN",
                font=lambda th: th.font(54, bold=True),
                color=t.palette.accent,
            )
        )
        self.add(
            Label(
                pygame.Rect(left, area.y + t.px(112), area.width - t.px(120), t.px(28)),
                text="The Soviet Union from the great turn of 1928 to June 1941",
                font=Theme.heading,
            )
        )
        autosave = self.app.saves / "autosave-1.json"
        continue_action = (lambda: self.continue_campaign()) if autosave.exists() else None
        items = [
            (
                "New campaign",
                lambda: self.new_campaign(),
                "Choose a scenario and a world (seed), and start.",
            ),
            (
                "Continue",
                continue_action,
                "Go on with the campaign you played last (the latest autosave).",
            ),
            ("Load", lambda: self.load(), "Open a saved campaign."),
            (
                "Scenarios",
                lambda: self.scenarios(),
                "The installed scenarios and mods, and what the checker says of each.",
            ),
            (
                "Settings",
                lambda: self.settings(),
                "Window, UI scale for projectors, colour-blind palette.",
            ),
            (
                "How to play",
                lambda: self.help(),
                "A guided first turn and the rules in plain words.",
            ),
            ("Quit", lambda: Quit(), "Leave the game."),
        ]
        bottom = button_column(self, left, area.y + t.px(180), width, items)
        art_left = left + width + t.px(40)
        if area.right - art_left > t.px(260):
            art = pygame.Rect(
                art_left,
                area.y + t.px(180),
                area.right - art_left - t.px(60),
                max(t.px(200), bottom - area.y - t.px(190)),
            )
            self.add(Painter(art, paint=draw_wedge))
        if self.app.message:
            self.add(
                Label(
                    pygame.Rect(left, bottom + t.px(10), area.width - t.px(120), t.px(60)),
                    text=self.app.message,
                    color=t.palette.bad,
                    wrap=True,
                    font=Theme.body,
                )
            )
        self.add(
            Label(
                pygame.Rect(left, area.bottom - t.px(34), area.width - t.px(120), t.px(22)),
                text="Enter or click to choose  ·  F1 help  ·  the game autosaves every quarter",
                font=Theme.small,
                color=t.palette.ink_soft,
            )
        )

    def key(self, event: pygame.event.Event):
        if event.key == pygame.K_RETURN:
            return (
                self.continue_campaign()
                if (self.app.saves / "autosave-1.json").exists()
                else self.new_campaign()
            )
        if event.key == pygame.K_ESCAPE:
            return Quit()
        return None

    def new_campaign(self):
        from game.ui.scenes.new_campaign import NewCampaignScene

        return Push(NewCampaignScene(self.app))

    def continue_campaign(self):
        from game.ui.scenes.saveload import open_save

        return open_save(self.app, self.app.saves / "autosave-1.json")

    def load(self):
        from game.ui.scenes.saveload import SaveLoadScene

        return Push(SaveLoadScene(self.app, saving=False))

    def scenarios(self):
        from game.ui.scenes.scenarios import ScenariosScene

        return Push(ScenariosScene(self.app))

    def settings(self):
        from game.ui.scenes.settings import SettingsScene

        return Push(SettingsScene(self.app))

    def help(self):
        from game.ui.scenes.help import HelpScene

        return Push(HelpScene(self.app))
