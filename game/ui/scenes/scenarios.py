"""The installed scenarios and what the checker says of each, like a mod manager.

Every folder under scenarios/ with a scenario.yaml is listed with the result of the
same check `python -m game validate` runs; the one selected shows its description,
what it extends and changes, and every error and warning at file:line:col. A scenario
that checks clean can be started from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.content import files
from game.content.diagnostics import Diagnostic
from game.content.loader import check_scenario, extends_summary
from game.core.model import Scenario
from game.ui.scene import Pop, Push, Scene
from game.ui.scenes.common import header
from game.ui.scenes.new_campaign import installed_scenarios
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, ScrollText


@dataclass(frozen=True)
class CheckedScenario:
    id: str
    title: str
    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)

    @property
    def verdict(self) -> str:
        if self.errors:
            return f"{self.errors} error{'s' if self.errors != 1 else ''}"
        if self.warnings:
            return f"OK, {self.warnings} warning{'s' if self.warnings != 1 else ''}"
        return "OK"

    def details(self) -> str:
        lines = [f"# {self.title}", f"Folder: scenarios/{self.id}"]
        scenario = self.scenario
        if scenario is not None:
            calendar = scenario.calendar
            lines += [
                f"{calendar.label(0)} to {calendar.label(calendar.n_turns - 1)}, "
                f"{calendar.n_turns} quarters; {len(scenario.events)} events, "
                f"{len(scenario.decisions)} decisions, {len(scenario.endings)} endings.",
            ]
            if extends_summary(scenario):
                lines.append(extends_summary(scenario))
            if scenario.description:
                lines += ["", scenario.description]
        lines += ["", f"# The checker: {self.verdict}"]
        if not self.diagnostics:
            lines.append("No errors and no warnings.")
        lines += [str(d) for d in self.diagnostics]
        return "\n".join(lines)


def check_all() -> list[CheckedScenario]:
    checked = []
    for scenario_id, title in installed_scenarios():
        scenario, diagnostics = check_scenario(files.scenarios_root() / scenario_id)
        checked.append(CheckedScenario(scenario_id, title, scenario, tuple(diagnostics)))
    return checked


class ScenariosScene(Scene):
    name = "scenarios"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.checked = check_all()
        self.selected = 0

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(
            self,
            area,
            "Scenarios",
            "Installed in scenarios/ and checked as `python -m game validate` checks them.",
        )
        left = area.x + t.px(24)
        list_w = t.px(360)
        bottom = area.bottom - t.px(80)
        row_h = t.px(56)
        for i, item in enumerate(self.checked[: max(1, (bottom - y) // row_h)]):
            self.add(
                Button(
                    pygame.Rect(left, y + i * row_h, list_w, row_h - t.px(8)),
                    text=f"{item.title}\n{item.verdict}",
                    kind="toggle",
                    selected=i == self.selected,
                    on_click=lambda i=i: self.select(i),
                    font=Theme.small_bold,
                    tooltip=f"scenarios/{item.id}",
                )
            )
        details = self.add(
            Frame(
                pygame.Rect(
                    left + list_w + t.px(12), y, area.right - left - list_w - t.px(36), bottom - y
                )
            )
        )
        item = self.checked[self.selected] if self.checked else None
        text = item.details() if item else "No scenarios are installed in scenarios/."
        self.add(ScrollText(details.inner(t), text=text, font=Theme.body))
        buttons_y = area.bottom - t.px(60)
        self.add(
            Button(
                pygame.Rect(left, buttons_y, t.px(220), t.px(40)),
                text="Check again",
                on_click=self.check_again,
                hotkey=pygame.K_F5,
                tooltip="Read every scenario's files again (F5).",
            )
        )
        playable = item is not None and item.scenario is not None
        self.add(
            Button(
                pygame.Rect(area.right - t.px(460), buttons_y, t.px(250), t.px(40)),
                text="Play this scenario",
                kind="primary",
                enabled=playable,
                on_click=self.play,
            )
        )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(200), buttons_y, t.px(176), t.px(40)),
                text="Back",
                on_click=lambda: Pop(),
                hotkey=pygame.K_ESCAPE,
            )
        )

    def select(self, index: int) -> None:
        self.selected = index

    def check_again(self) -> None:
        chosen = self.checked[self.selected].id if self.checked else ""
        self.checked = check_all()
        ids = [c.id for c in self.checked]
        self.selected = ids.index(chosen) if chosen in ids else 0

    def play(self):
        from game.ui.scenes.new_campaign import NewCampaignScene

        scene = NewCampaignScene(self.app)
        scene.choose(self.checked[self.selected].id)
        return Push(scene)

    def key(self, event: pygame.event.Event):
        if event.key in (pygame.K_UP, pygame.K_DOWN) and self.checked:
            step = 1 if event.key == pygame.K_DOWN else -1
            self.selected = (self.selected + step) % len(self.checked)
            self.refresh()
        return None
