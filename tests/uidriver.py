"""Drive the real game window under the dummy video driver with real input events."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.widgets import Painter  # noqa: E402


class Driver:
    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def scene(self):
        return self.app.top

    def post(self, *events: pygame.event.Event) -> None:
        # A player acts on what is on the screen: a scene a test pushed is drawn first.
        if self.app.gate.unseen:
            self.app.draw()
        for event in events:
            pygame.event.post(event)
        self.app.step()

    def click_at(self, position: tuple[int, int]) -> None:
        self.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=position),
            pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=position),
        )

    def click(self, label: str) -> None:
        button = self.scene.button(label)
        assert button.enabled, f"'{label}' is disabled on {self.scene.name}"
        self.click_at(button.rect.center)

    def click_painter(self, word: str) -> None:
        for widget in self.scene.widgets:
            if (
                isinstance(widget, Painter)
                and widget.on_click
                and any(word in w for w in widget.words)
            ):
                self.click_at(widget.rect.center)
                return
        raise KeyError(f"nothing clickable showing '{word}' on {self.scene.name}")

    def map_widget(self):
        from game.ui.map_view import MapWidget

        return next(w for w in self.scene.widgets if isinstance(w, MapWidget))

    def region_point(self, region: str) -> tuple[int, int]:
        """A pixel of the window inside the region as the map draws it."""
        import numpy as np

        from game.ui.map_view import pick_surface

        widget = self.map_widget()
        atlas = widget.atlas
        code = 1 + [r.id for r in atlas.regions].index(region)
        pixels = pygame.surfarray.pixels3d(pick_surface(atlas, widget.rect.size, widget.theme))
        found = (pixels[:, :, 0].astype(int) << 8) + pixels[:, :, 1] == code
        del pixels
        xs, ys = np.nonzero(found)
        assert len(xs), f"region '{region}' is not visible on the map"
        middle = len(xs) // 2
        return (widget.rect.x + int(xs[middle]), widget.rect.y + int(ys[middle]))

    def click_region(self, region: str) -> None:
        self.click_at(self.region_point(region))

    def press(self, key: int, unicode: str = "", mod: int = 0) -> None:
        """A whole key press, down and up, as a keyboard sends it."""
        self.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, unicode=unicode, mod=mod, scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, unicode=unicode, mod=mod, scancode=0),
        )

    def type_digits(self, digits: str) -> None:
        for digit in digits:
            self.press(pygame.K_0 + int(digit), unicode=digit)

    def shows(self, text: str) -> bool:
        return any(text in shown for scene in self.app.stack for shown in scene.texts())

    def overflowing(self) -> list[str]:
        self.app.draw()
        return [
            f"{scene.name}: {type(w).__name__} {w.texts()[:1]}"
            for scene in self.app.stack
            for w in scene.overflowing()
        ]
