"""The screen shown after an unexpected error: what was kept and where the report is."""

from __future__ import annotations

from game.ui.scene import Quit, ResetTo
from game.ui.scenes.message import MessageScene


class CrashScene(MessageScene):
    name = "crash"

    def __init__(self, app, message: str) -> None:
        super().__init__(
            app,
            "Something went wrong",
            "The game hit an error it did not expect.",
            message,
            [("Back to the title screen", self.title), ("Quit", lambda: Quit())],
        )

    def key(self, event):
        return None  # Esc must not quit by surprise; the buttons say what happens

    def title(self):
        from game.ui.scenes.title import TitleScene

        self.app.session = None
        return ResetTo(TitleScene(self.app))
