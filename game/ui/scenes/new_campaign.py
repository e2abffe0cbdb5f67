"""New campaign: which scenario, which world (seed), classroom mode; then start."""

from __future__ import annotations

import random

import pygame

from game.content import files
from game.content.files import SCENARIO_FILE, scenario_summary
from game.ui.scene import Pop, ResetTo, Scene
from game.ui.scenes.common import header
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, Label, ScrollText

MAX_SEED_DIGITS = 9


def installed_scenarios() -> list[tuple[str, str]]:
    """(id, title) of the scenarios under scenarios/, read without loading them."""
    return [
        (folder.name, scenario_summary(folder).get("title", folder.name))
        for folder in sorted(files.scenarios_root().iterdir())
        if (folder / SCENARIO_FILE).is_file()
    ]


class NewCampaignScene(Scene):
    name = "new_campaign"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.scenarios = installed_scenarios()
        self.chosen = (
            "ussr1928"
            if any(s == "ussr1928" for s, _ in self.scenarios)
            else (self.scenarios[0][0] if self.scenarios else "")
        )
        self.seed = str(random.SystemRandom().randrange(1, 1_000_000))
        self.classroom = False
        self.minutes = 0
        self.error = ""
        self._about: dict[str, str] = {}

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(self, area, "New campaign", "Choose the scenario and the world you play in.")
        left = area.x + t.px(24)
        width = area.width - t.px(48)
        frame = self.add(
            Frame(
                pygame.Rect(left, y, width, t.px(54) + t.px(46) * max(3, len(self.scenarios))),
                title="Scenario",
            )
        )
        inner = frame.inner(t)
        list_w = min(inner.width, t.px(520))
        about = pygame.Rect(
            inner.x + list_w + t.px(16),
            inner.y,
            inner.right - inner.x - list_w - t.px(16),
            inner.height,
        )
        if about.width > t.px(200) and self.chosen:
            self.add(ScrollText(about, text=self.about(self.chosen), font=Theme.small))
        for i, (scenario_id, title) in enumerate(self.scenarios):
            rect = pygame.Rect(inner.x, inner.y + i * t.px(46), list_w, t.px(38))
            self.add(
                Button(
                    rect,
                    text=title,
                    kind="toggle",
                    selected=scenario_id == self.chosen,
                    on_click=lambda s=scenario_id: self.choose(s),
                    tooltip=f"Scenario folder: scenarios/{scenario_id}",
                )
            )
        y = frame.rect.bottom + t.px(16)
        self.add(
            Label(
                pygame.Rect(left, y, t.px(300), t.px(36)),
                text="World (seed):",
                font=Theme.body_bold,
            )
        )
        self.add(
            Button(
                pygame.Rect(left + t.px(160), y, t.px(180), t.px(36)),
                text=self.seed or "type a number",
                kind="quiet",
                tooltip="Type digits to choose the world; the same seed and choices always give the same history.",
            )
        )
        self.add(
            Button(
                pygame.Rect(left + t.px(352), y, t.px(160), t.px(36)),
                text="Another world",
                on_click=self.reroll,
            )
        )
        y += t.px(52)
        self.add(
            Button(
                pygame.Rect(left, y, t.px(340), t.px(40)),
                text=f"Classroom mode: {'on' if self.classroom else 'off'}",
                kind="toggle",
                selected=self.classroom,
                on_click=self.toggle_classroom,
                tooltip="Every student with the same seed starts from the same world; loading older saves is switched off.",
            )
        )
        if self.classroom:
            for i, minutes in enumerate((0, 20, 40)):
                text = "No time limit" if minutes == 0 else f"{minutes} minutes"
                self.add(
                    Button(
                        pygame.Rect(left + t.px(350) + i * t.px(150), y, t.px(140), t.px(40)),
                        text=text,
                        kind="toggle",
                        selected=self.minutes == minutes,
                        on_click=lambda m=minutes: self.set_minutes(m),
                        tooltip="When the time is up, play stops and the debrief of the campaign so far opens.",
                    )
                )
        y += t.px(48)
        code = f"Class code: {self.chosen}-{self.seed or '?'}  (everyone who chooses this scenario and world starts from the same state)"
        self.add(
            Label(
                pygame.Rect(left, y, width, t.px(26)),
                text=code,
                font=Theme.small_bold,
                color=t.palette.ink_soft,
            )
        )
        y += t.px(34)
        if self.error:
            self.add(
                Label(
                    pygame.Rect(left, y, width, area.bottom - y - t.px(80)),
                    text=self.error,
                    color=t.palette.bad,
                    wrap=True,
                    font=Theme.small,
                )
            )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(320), area.bottom - t.px(60), t.px(136), t.px(40)),
                text="Back",
                on_click=lambda: Pop(),
                hotkey=pygame.K_ESCAPE,
            )
        )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(170), area.bottom - t.px(60), t.px(146), t.px(40)),
                text="Start",
                kind="primary",
                on_click=self.start,
                enabled=bool(self.chosen and self.seed),
                hotkey=pygame.K_RETURN,
            )
        )

    def about(self, scenario_id: str) -> str:
        """What the chosen scenario is, in a few lines: its span and its description."""
        if scenario_id not in self._about:
            summary = scenario_summary(files.scenarios_root() / scenario_id)
            span = (
                f"{summary['start']} to {summary['end']}"
                if "start" in summary and "end" in summary
                else ""
            )
            based = f"a mod of {summary['extends']}" if "extends" in summary else ""
            head = " · ".join(part for part in (span, based) if part)
            lines = [f"# {head}"] if head else []
            lines.append(summary.get("description", ""))
            self._about[scenario_id] = "\n".join(line for line in lines if line)
        return self._about[scenario_id]

    def choose(self, scenario_id: str) -> None:
        self.chosen = scenario_id

    def reroll(self) -> None:
        self.seed = str(random.SystemRandom().randrange(1, 1_000_000))

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes

    def toggle_classroom(self) -> None:
        self.classroom = not self.classroom

    def key(self, event: pygame.event.Event):
        if event.unicode and event.unicode.isdigit() and len(self.seed) < MAX_SEED_DIGITS:
            self.seed = (self.seed + event.unicode).lstrip("0") or "0"
            self.refresh()
            return None
        if event.key == pygame.K_BACKSPACE:
            self.seed = self.seed[:-1]
            self.refresh()
        return None

    def start(self):
        from game.content.diagnostics import ContentError
        from game.content.loader import load_scenario
        from game.core.campaign import Campaign
        from game.ui.scenes.campaign import CampaignScene
        from game.ui.session import Session

        try:
            scenario = load_scenario(self.chosen)
        except ContentError as error:
            lines = [str(d) for d in error.diagnostics[:6]]
            more = len(error.diagnostics) - len(lines)
            self.error = (
                "This scenario has errors and cannot be played:\n"
                + "\n".join(lines)
                + (f"\n... and {more} more" if more > 0 else "")
            )
            return None
        import time

        from game.ui.guide import Guide

        deadline = time.monotonic() + 60 * self.minutes if self.classroom and self.minutes else None
        self.app.session = Session(
            Campaign(scenario, int(self.seed)),
            self.app.saves,
            classroom=self.classroom,
            deadline=deadline,
            guide=Guide() if self.app.settings.guide else None,
        )
        return ResetTo(CampaignScene(self.app))
