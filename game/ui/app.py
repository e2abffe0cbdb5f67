"""The window, the scene stack and the event loop.

The loop sleeps in `pygame.event.wait` while nothing happens, so an idle screen costs
no CPU, and redraws only after input or a resize. Tests drive the same app by posting
real events and calling `step`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.input_gate import InputGate
from game.ui.scene import Action, Pop, Push, Quit, Replace, ResetTo, Scene
from game.ui.settings import Settings
from game.ui.sound.player import READY, Audio
from game.ui.theme import Theme

if TYPE_CHECKING:
    # The campaign (and numpy under it) is imported when one is opened, not before the
    # title screen: about a third of the start-up time on a loaded machine.
    from game.ui.session import Session

MIN_SIZE = (800, 600)
LOGICAL_MIN = (1024, 600)
BASE_SIZE = (1280, 720)
IDLE_WAIT_MS = 1000
FRAME_MS = 16  # while something moves: about 60 frames a second
# What a scene sounds as it opens: a dispatch arriving, the verdict.
OPENING_SOUNDS = {"event": "dispatch", "end": "verdict"}
TITLE_THEME = "march"  # before any campaign: the march the title's poster calls for


class GameCrashed(Exception):
    """The game failed even while showing its crash screen; carries the message."""


class App:
    def __init__(self, saves: Path, size: tuple[int, int] | None = None) -> None:
        self.saves = Path(saves)
        self.settings = Settings.load(self.saves)
        if size is not None:
            self.settings = self.settings.with_(window=size, fullscreen=False)
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Great Turn")
        pygame.key.set_repeat(400, 40)
        self.screen = self._open_window()
        self.audio = Audio(self.settings)
        # The campaign the music last followed: (its id, its quarter, ended), None for none.
        self._scored: tuple[int, int, bool] | None | bool = False
        self.session: Session | None = None
        self.message = ""
        self.running = True
        self.dirty = True
        self.gate = InputGate()
        from game.ui.scenes.title import TitleScene

        self.stack: list[Scene] = []
        self._push(TitleScene(self))

    # -- window -------------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.settings.window, pygame.RESIZABLE)

    @property
    def theme(self) -> Theme:
        return Theme(self.effective_scale, self.settings.colour_blind)

    @property
    def effective_scale(self) -> float:
        """The chosen UI scale on top of the window's own: a bigger window than BASE_SIZE
        draws everything bigger (a 1920x1080 screen looks like 1280x720, only crisper).
        It is reduced if the window is too small to hold the layout at it: every screen
        is laid out for at least LOGICAL_MIN logical pixels."""
        return self.scale_for(self.settings.scale)

    def scale_for(self, scale: float) -> float:
        """The scale a chosen size gives in this window (see `effective_scale`)."""
        width, height = self.size
        window = max(1.0, min(width / BASE_SIZE[0], height / BASE_SIZE[1]))
        fits = min(width / LOGICAL_MIN[0], height / LOGICAL_MIN[1])
        return round(min(scale * window, max(fits, 0.5)), 3)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def change_settings(self, settings: Settings) -> None:
        window_changed = settings.fullscreen != self.settings.fullscreen
        self.settings = settings
        settings.save(self.saves)
        self.audio.apply(settings)
        if window_changed:
            self.screen = self._open_window()
        self.relayout()

    def guide_finished(self) -> None:
        """The guided first turn was done or skipped: do not show it to this player again."""
        if self.settings.guide:
            self.change_settings(self.settings.with_(guide=False))

    def relayout(self) -> None:
        for scene in self.stack:
            scene.layout(self.size)
        self.dirty = True

    # -- the stack ----------------------------------------------------------------------

    @property
    def top(self) -> Scene:
        return self.stack[-1]

    def _push(self, scene: Scene) -> None:
        scene.layout(self.size)
        self.stack.append(scene)
        if scene.name in OPENING_SOUNDS:
            self.audio.play(OPENING_SOUNDS[scene.name], after="decision")

    def apply(self, action: Action | None) -> None:
        if action is None:
            return
        self.dirty = True
        if not isinstance(action, Quit):
            self.gate.changed_screen()
        if isinstance(action, Push):
            self._push(action.scene)
        elif isinstance(action, Pop):
            for _ in range(min(action.count, len(self.stack) - 1)):
                self.stack.pop()
            self.top.refresh()
        elif isinstance(action, Replace):
            self.stack.pop()
            self._push(action.scene)
        elif isinstance(action, ResetTo):
            del self.stack[1:]
            self._push(action.scene)
        elif isinstance(action, Quit):
            self.quit()

    def quit(self) -> None:
        self.keep_campaign()
        self.running = False

    def keep_campaign(self) -> bool:
        """Autosave a campaign in progress (not halfway through a quarter's events);
        True when it was written."""
        session = self.session
        if session is not None and session.campaign.pending is None and session.campaign.records:
            from game.saves import SaveError, autosave

            with contextlib.suppress(SaveError):
                autosave(session.campaign, self.saves)
                return True
        return False

    # -- events -------------------------------------------------------------------------

    def process(self, event: pygame.event.Event) -> None:
        try:
            self._process(event)
        except Exception as error:  # noqa: BLE001 - any failure must keep the campaign
            self.crashed(error)

    def crashed(self, error: Exception) -> None:
        """Keep the campaign, write a crash report beside the saves, and say so on screen.
        A second failure while showing that screen ends the game with the same message."""
        from game.ui.crash import write_crash_report
        from game.ui.scenes.crash import CrashScene

        mid_quarter = self.session is not None and self.session.campaign.pending is not None
        try:
            saved = self.keep_campaign()
        except Exception:  # noqa: BLE001 - the report must still be written
            saved = False
        report = write_crash_report(self.saves, error, self.session)
        lines = [f"The error: {type(error).__name__}: {error}", ""]
        if saved:
            lines.append("Your campaign was saved: Continue on the title screen takes it up.")
        elif mid_quarter:
            lines.append(
                "Your campaign was halfway through a quarter, so the autosave from the start "
                "of that quarter is kept: Continue on the title screen takes it up from there."
            )
        elif self.session is not None and not self.session.campaign.records:
            lines.append(
                "Your campaign had not played a quarter yet, so there was nothing to keep."
            )
        elif self.session is not None:
            lines.append("Your campaign could not be saved; the last autosave is kept.")
        if report is not None:
            lines += [
                "",
                f"A report of what happened was written to {report}.",
                "Please send it to whoever looks after the game.",
            ]
        self.crash_message = "\n".join(lines)
        if self.top.name == "crash":
            raise GameCrashed(self.crash_message) from error
        self.stack.append(CrashScene(self, self.crash_message))
        self.gate.changed_screen()
        self.top.layout(self.size)
        self.dirty = True

    def _process(self, event: pygame.event.Event) -> None:
        if event.type == READY:  # a theme finished rendering; nothing on screen changes
            self.audio.poll()
            return
        self.dirty = True
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            if not self.settings.fullscreen:
                width, height = self.screen.get_size()
                if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
                    self.screen = pygame.display.set_mode(
                        (max(width, MIN_SIZE[0]), max(height, MIN_SIZE[1])), pygame.RESIZABLE
                    )
                self.settings = self.settings.with_(window=self.screen.get_size())
                self.settings.save(self.saves)
            self.relayout()
            return
        if not self.gate.admits(event):
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1 and self.top.name != "help":
            from game.ui.scenes.help import HelpScene

            self.apply(Push(HelpScene(self)))
            return
        self.apply(self.top.handle(event))

    def step(self) -> None:
        """Handle every queued event, then draw if anything changed (or moves)."""
        for event in pygame.event.get():
            self.process(event)
            if not self.running:
                return
        try:
            self.score()
        except Exception as error:  # noqa: BLE001 - any failure must keep the campaign
            self.crashed(error)
        if self.animating():
            self.dirty = True
        if self.dirty:
            try:
                self.draw()
            except Exception as error:  # noqa: BLE001 - any failure must keep the campaign
                self.crashed(error)
                self.draw()

    def score(self) -> None:
        """Music that follows the campaign: its scenario's cues read after every quarter,
        a bell when the quarter turns, silence when it has ended; the title's own theme
        when no campaign is open."""
        from game.core.judge import view
        from game.core.music import Mood, mood

        session = self.session
        if session is None:
            key = None
        else:
            campaign = session.campaign
            key = (id(campaign), campaign.turn, campaign.is_over)
        if key == self._scored:
            return
        before, self._scored = self._scored, key
        if key is None:
            self.audio.follow(Mood(TITLE_THEME))
            return
        if isinstance(before, tuple) and before[0] == key[0] and key[1] > before[1]:
            self.audio.play("quarter")
        if campaign.is_over:
            self.audio.follow(None)
            return
        scenario = session.scenario
        self.audio.follow(mood(scenario.music, view(scenario, campaign.state)))

    def animating(self) -> bool:
        first = max((i for i, scene in enumerate(self.stack) if scene.opaque), default=0)
        return any(scene.animating() for scene in self.stack[first:])

    def draw(self) -> None:
        first = max((i for i, scene in enumerate(self.stack) if scene.opaque), default=0)
        for scene in self.stack[first:]:
            scene.draw(self.screen)
        pygame.display.flip()
        self.gate.shown()
        self.dirty = False

    def run(self) -> int:
        try:
            return self._run()
        except GameCrashed as crash:
            print(crash, file=sys.stderr)
            pygame.quit()
            return 1

    def _run(self) -> int:
        self.draw()
        self.score()  # the mixer starts once the title is on screen, not before
        while self.running:
            event = pygame.event.wait(FRAME_MS if self.animating() else IDLE_WAIT_MS)
            if event.type != pygame.NOEVENT:
                self.process(event)
            if self.running:
                self.step()
        self.audio.close()
        pygame.quit()
        return 0


# SDL's stand-ins when no screen answers: a window on them is invisible, and a game
# opened there waits forever for a player who cannot see it.
HEADLESS_DRIVERS = ("offscreen", "dummy")
NO_SCREEN = (
    "No screen to open the window on (no display was found). Play in this terminal "
    "instead with: python -m game play --text ussr1928"
)


def has_screen() -> bool:
    """Whether the window would be seen: a driver asked for by name (tests ask for
    'dummy') is taken at its word; otherwise SDL must have found a real display."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    pygame.display.init()
    found = pygame.display.get_driver() not in HEADLESS_DRIVERS
    pygame.display.quit()
    return found


def run_game(saves: Path | None = None) -> int:
    from game.saves import saves_dir

    if not has_screen():
        print(NO_SCREEN, file=sys.stderr)
        return 1
    os.environ.setdefault("SDL_VIDEO_CENTERED", "1")
    app = App(saves or saves_dir())
    return app.run()
