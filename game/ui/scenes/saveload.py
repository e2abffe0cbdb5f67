"""Save and load: named slots with a summary each, autosaves, and a clear message for a
damaged or incompatible save (which is listed, never opened half-way)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pygame

from game.saves import SaveError, load_save, read_save_header
from game.ui.scene import Pop, ResetTo, Scene
from game.ui.scenes.common import header, pager
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, Label, ScrollText

ROWS = 8


def list_saves(folder: Path) -> list[tuple[Path, dict | None, str]]:
    """Every save in the folder, newest first: (path, header or None, problem)."""
    found = []
    for path in folder.glob("*.json"):
        if path.name == "settings.json" or path.name.startswith("."):
            continue
        try:
            found.append((path, read_save_header(path), ""))
        except SaveError as error:
            found.append((path, None, str(error)))
    return sorted(found, key=lambda item: item[0].stat().st_mtime, reverse=True)


def summary(path: Path, data: dict | None, problem: str) -> str:
    if data is None:
        return f"{path.stem}: cannot be opened ({problem})"
    ending = f", ended: {data['ending']}" if data.get("ending") else ""
    name = data.get("name") or path.stem
    return f"{name}  ·  {data.get('scenario_title', data.get('scenario'))}, {data.get('date')}, turn {int(data.get('turn', 0)) + 1}{ending}  ·  saved {str(data.get('saved_at', ''))[:16].replace('T', ' ')}"


def open_save(app, path: Path):
    """Load a save and go to its campaign, or stay and say why not."""
    from game.content.diagnostics import ContentError
    from game.content.loader import load_scenario
    from game.ui.scenes.campaign import CampaignScene
    from game.ui.scenes.end import EndScene
    from game.ui.session import Session

    try:
        data = read_save_header(path)
        scenario = load_scenario(str(data.get("scenario", "")))
        campaign = load_save(path, scenario)
    except SaveError as error:
        app.message = str(error)
        app.top.refresh()
        return None
    except ContentError as error:
        app.message = f"{path.name}: its scenario cannot be loaded ({error.diagnostics[0]})"
        app.top.refresh()
        return None
    app.message = ""
    classroom = app.session.classroom if app.session else False
    app.session = Session(campaign, app.saves, classroom=classroom)
    return ResetTo(EndScene(app) if campaign.is_over else CampaignScene(app))


def quick_save(app) -> str:
    session = app.session
    try:
        path = session.save(app.saves / "quicksave.json", name="Quick save")
    except SaveError as error:
        return f"Not saved: {error}"
    return f"Saved to {path.name} (Ctrl+S)."


class SaveLoadScene(Scene):
    name = "saveload"

    def __init__(self, app, saving: bool) -> None:
        super().__init__(app)
        self.saving = saving
        self.selected: Path | None = None
        self.page = 0
        self.status = ""

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        title = "Save the campaign" if self.saving else "Load a campaign"
        subtitle = (
            "Choose a slot to overwrite, or save to a new one."
            if self.saving
            else "Choose a save. Damaged or incompatible saves are listed with the reason."
        )
        y = header(self, area, title, subtitle)
        saves = list_saves(self.app.saves)
        frame = self.add(
            Frame(
                pygame.Rect(
                    area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(80)
                ),
                title=f"Saves in {self.app.saves}",
            )
        )
        inner = frame.inner(t)
        row_h = t.px(56)
        rows = max(1, (inner.height - t.px(40)) // row_h)
        pages = max(1, -(-len(saves) // rows))
        self.page = min(self.page, pages - 1)
        shown = saves[self.page * rows : (self.page + 1) * rows]
        for i, (path, data, problem) in enumerate(shown):
            rect = pygame.Rect(inner.x, inner.y + i * row_h, inner.width, row_h - t.px(6))
            usable = data is not None and not (self.saving and path.name.startswith("autosave"))
            self.add(
                Button(
                    rect,
                    text=summary(path, data, problem),
                    kind="toggle",
                    selected=path == self.selected,
                    enabled=usable,
                    on_click=lambda p=path: self.select(p),
                    font=Theme.small_bold,
                    tooltip=problem or str(path),
                )
            )
        if not saves:
            self.add(
                Label(
                    pygame.Rect(inner.x, inner.y, inner.width, t.px(30)),
                    text="No saves yet.",
                    color=t.palette.ink_soft,
                )
            )
        if pages > 1:
            back = pygame.Rect(inner.x, inner.bottom - t.px(34), t.px(110), t.px(32))
            pager(self, back, self.page, pages, self.turn, ("« Newer", "Older »"))
        message = self.status or self.app.message
        if message:
            self.add(
                ScrollText(
                    pygame.Rect(
                        area.x + t.px(24), area.bottom - t.px(64), area.width - t.px(560), t.px(50)
                    ),
                    text=message,
                    font=Theme.small,
                    color=t.palette.bad
                    if "not" in message.lower() or "damaged" in message.lower()
                    else t.palette.ink,
                )
            )
        bottom = area.bottom - t.px(60)
        self.add(
            Button(
                pygame.Rect(area.right - t.px(160), bottom, t.px(136), t.px(40)),
                text="Back",
                on_click=self.back,
                hotkey=pygame.K_ESCAPE,
            )
        )
        if self.saving:
            self.add(
                Button(
                    pygame.Rect(area.right - t.px(330), bottom, t.px(160), t.px(40)),
                    text="Overwrite",
                    enabled=self.selected is not None,
                    on_click=self.overwrite,
                )
            )
            self.add(
                Button(
                    pygame.Rect(area.right - t.px(500), bottom, t.px(160), t.px(40)),
                    text="New save",
                    kind="primary",
                    on_click=self.save_new,
                    hotkey=pygame.K_RETURN,
                )
            )
        else:
            self.add(
                Button(
                    pygame.Rect(area.right - t.px(330), bottom, t.px(160), t.px(40)),
                    text="Load",
                    kind="primary",
                    enabled=self.selected is not None,
                    on_click=self.load,
                    hotkey=pygame.K_RETURN,
                )
            )

    def select(self, path: Path) -> None:
        self.selected = path

    def turn(self, step: int) -> None:
        self.page += step

    def back(self):
        self.app.message = ""
        return Pop()

    def _write(self, path: Path, name: str) -> None:
        try:
            self.app.session.save(path, name)
            self.status = f"Saved as '{name}'."
        except SaveError as error:
            self.status = f"Not saved: {error}"

    def save_new(self) -> None:
        campaign = self.app.session.campaign
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        name = f"{campaign.scenario.calendar.long_label(campaign.turn)} (saved {stamp})"
        slug = re.sub(
            r"[^a-z0-9]+", "-", f"{campaign.scenario.id}-{campaign.date}-{stamp}".lower()
        ).strip("-")
        self._write(self.app.saves / f"{slug}.json", name)

    def overwrite(self) -> None:
        if self.selected is not None:
            data = read_save_header(self.selected)
            self._write(self.selected, data.get("name") or self.selected.stem)

    def load(self):
        if self.selected is None:
            return None
        return open_save(self.app, self.selected)
