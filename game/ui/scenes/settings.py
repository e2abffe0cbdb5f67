"""Settings: window or full screen, UI scale, colours, motion, music and sound effects."""

from __future__ import annotations

import math

import pygame

from game.ui.app import LOGICAL_MIN
from game.ui.scene import Scene
from game.ui.scenes.common import back_button, header
from game.ui.settings import SCALE_NAMES, SCALES, VOLUMES
from game.ui.theme import Theme
from game.ui.widgets import Button, Label


class SettingsScene(Scene):
    name = "settings"

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(self, area, "Settings", "Changes apply at once and are kept for next time.")
        margin = t.px(24)
        width = (area.width - 3 * margin) // 2
        left = pygame.Rect(area.x + margin, y, width, area.bottom - y)
        right = pygame.Rect(left.right + margin, y, width, area.bottom - y)
        bottom = max(self._display(left), self._sound(right))
        self.add(
            Label(
                pygame.Rect(left.x, bottom, area.width - 2 * margin - t.px(170), t.px(48)),
                text="Keys: Enter ends the turn, Esc opens the menu, F1 help, Ctrl+S saves.",
                wrap=True,
                font=Theme.small,
                color=t.palette.ink_soft,
            )
        )
        back_button(self, area)

    # -- the left column: how the game looks ---------------------------------------------

    def _display(self, column: pygame.Rect) -> int:
        t = self.theme
        settings = self.app.settings
        x, y = column.x, self._heading(column, column.y, "Display")
        self._pair(x, y, column.width, ("Window", "Full screen"), settings.fullscreen, "fullscreen")
        y = self._heading(column, y + t.px(56), "Size of text and controls")
        gap = t.px(8)
        width = (column.width - gap * (len(SCALES) - 1)) // len(SCALES)
        normal = self.app.scale_for(1.0)
        for i, scale in enumerate(SCALES):
            percent = round(100 * self.app.scale_for(scale) / normal)
            self.add(
                Button(
                    pygame.Rect(x + i * (width + gap), y, width, t.px(40)),
                    text=f"{SCALE_NAMES[scale]} {percent}%",
                    kind="toggle",
                    selected=settings.scale == scale,
                    on_click=lambda s=scale: self.set(scale=s),
                    tooltip=f"{SCALE_NAMES[scale]}: text and controls {int(round(scale * 100))}% "
                    "of the size this window gives them.",
                )
            )
        y += t.px(44)
        cramped = [
            scale
            for scale in SCALES
            if round(100 * self.app.scale_for(scale) / normal) < round(100 * scale)
        ]
        if cramped:
            width_needed, height_needed = (math.ceil(n * max(cramped)) for n in LOGICAL_MIN)
            names = " and ".join(SCALE_NAMES[scale] for scale in cramped)
            self.add(
                Label(
                    pygame.Rect(x, y, column.width, t.px(40)),
                    text=f"This window is too small for {names}: it needs {width_needed}x"
                    f"{height_needed} or more. Enlarge it or go full screen.",
                    wrap=True,
                    font=Theme.small,
                    color=t.palette.ink_soft,
                )
            )
        y = self._heading(column, y + t.px(40), "Colours")
        self._pair(
            x,
            y,
            column.width,
            ("Posters (red and green)", "Colour-blind safe"),
            settings.colour_blind,
            "colour_blind",
            tooltips=("", "Blue and orange instead of green and red."),
        )
        y = self._heading(column, y + t.px(56), "Motion")
        self._pair(
            x,
            y,
            column.width,
            ("Figures count, dates turn", "Reduce motion"),
            settings.reduce_motion,
            "reduce_motion",
            tooltips=(
                "After a quarter the figures count to their new values and the date turns over.",
                "Figures and the date change at once, without moving.",
            ),
        )
        return y + t.px(56)

    # -- the right column: what the game sounds like -------------------------------------

    def _sound(self, column: pygame.Rect) -> int:
        t = self.theme
        settings = self.app.settings
        y = column.y
        for title, switch_name, on, volume, on_key, volume_key, what in (
            (
                "Music",
                "Music",
                settings.music_on,
                settings.music_volume,
                "music_on",
                "music_volume",
                "A score that follows the era and the danger of your campaign.",
            ),
            (
                "Sound effects",
                "Effects",
                settings.effects_on,
                settings.effects_volume,
                "effects_on",
                "effects_volume",
                "Orders, decisions, dispatches, the turn of the quarter and the verdict.",
            ),
        ):
            y = self._heading(column, y, title)
            switch = t.px(96)
            self.add(
                Button(
                    pygame.Rect(column.x, y, switch, t.px(40)),
                    text=f"{switch_name}: {'on' if on else 'off'}",
                    kind="toggle",
                    selected=on,
                    on_click=lambda k=on_key, v=on: self.set(**{k: not v}),
                    tooltip=what,
                    font=lambda th: th.font(15, bold=True, narrow=True),
                )
            )
            gap = t.px(6)
            rest = column.width - switch - t.px(12)
            width = (rest - gap * (len(VOLUMES) - 1)) // len(VOLUMES)
            for i, level in enumerate(VOLUMES):
                self.add(
                    Button(
                        pygame.Rect(
                            column.x + switch + t.px(12) + i * (width + gap), y, width, t.px(40)
                        ),
                        text=f"{int(level * 100)}%",
                        kind="toggle",
                        selected=on and abs(volume - level) < 0.01,
                        on_click=lambda k=volume_key, o=on_key, v=level: self.set(
                            **{k: v, o: True}
                        ),
                        tooltip=f"{title} at {int(level * 100)}% of full volume.",
                        font=lambda th: th.font(15, bold=True, narrow=True),
                    )
                )
            y += t.px(56)
        if not self.app.audio.available and self.app.audio.started:
            self.add(
                Label(
                    pygame.Rect(column.x, y - t.px(12), column.width, t.px(36)),
                    text="No sound device was found: the game plays silent.",
                    wrap=True,
                    font=Theme.small,
                    color=t.palette.ink_soft,
                )
            )
            y += t.px(28)
        y = self._heading(column, y, "Modding")
        self.add(
            Button(
                pygame.Rect(column.x, y, min(column.width, t.px(300)), t.px(40)),
                text=f"Developer mode: {'on' if settings.developer else 'off'}",
                kind="toggle",
                selected=settings.developer,
                on_click=lambda: self.set(developer=not self.app.settings.developer),
                tooltip="F5 reads the scenario's files again while you play; with errors the last good content stays.",
            )
        )
        return y + t.px(56)

    # -- pieces ---------------------------------------------------------------------------

    def _heading(self, column: pygame.Rect, y: int, text: str) -> int:
        t = self.theme
        self.add(
            Label(pygame.Rect(column.x, y, column.width, t.px(28)), text=text, font=Theme.body_bold)
        )
        return y + t.px(32)

    def _pair(
        self,
        x: int,
        y: int,
        width: int,
        labels: tuple[str, str],
        second: bool,
        key: str,
        tooltips: tuple[str, str] = ("", ""),
    ) -> None:
        """Two toggles for a yes-or-no setting: the first for no, the second for yes."""
        t = self.theme
        half = (width - t.px(10)) // 2
        for i, (label, tooltip) in enumerate(zip(labels, tooltips, strict=True)):
            self.add(
                Button(
                    pygame.Rect(x + i * (half + t.px(10)), y, half, t.px(40)),
                    text=label,
                    kind="toggle",
                    selected=second == bool(i),
                    on_click=lambda v=bool(i): self.set(**{key: v}),
                    tooltip=tooltip,
                )
            )

    def set(self, **changes) -> None:
        self.app.change_settings(self.app.settings.with_(**changes))
