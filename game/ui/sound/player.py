"""The mixer: music that follows the campaign's mood, effects on top, volumes from Settings.

Without a sound device (or with SDL_AUDIODRIVER set to one that is missing) the mixer
does not start and every call here does nothing: the game plays silent, never fails.
The mixer starts on first use, not at start-up, and the music's modules are imported
then too, so the title screen is not kept waiting.

A theme takes a fraction of a second to render, so it is rendered on a worker thread;
the thread posts READY to wake the event loop, which then calls `poll` to start it.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.ui.settings import Settings
from game.ui.sound.synth import RATE

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from game.core.music import Mood

READY = pygame.event.custom_type()
FADE_MS = 1800


class Audio:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.started = False
        self.available = False
        self.problem = ""
        self.wanted: Mood | None = None  # what the campaign calls for
        self.playing: Mood | None = None
        self.heard: list[Mood] = []  # every theme started, in order (for bench and tests)
        # Only the theme playing is kept here (the mixer holds one fading out itself);
        # render_theme keeps the last two rendered, so a return to one is quick.
        self._music: pygame.mixer.Sound | None = None
        self._effects: dict[str, pygame.mixer.Sound] = {}
        self._last: dict[str, pygame.mixer.Channel] = {}  # where each effect last played
        self._rendering: tuple[Mood, Future] | None = None
        self._effects_ready: Future | None = None  # the effects, rendered on the worker
        self._worker: ThreadPoolExecutor | None = None
        self._music_channel = 0

    # -- the device ---------------------------------------------------------------------

    def ensure(self) -> bool:
        """Start the mixer once; False (and silence) when there is no sound device."""
        if self.started:
            return self.available
        self.started = True
        try:
            # No allowed changes: SDL converts to the device's own rate, so a loop made at
            # 22,050 Hz never plays at the wrong speed on a 48 kHz card.
            pygame.mixer.init(RATE, -16, 1, 1024, allowedchanges=0)
            pygame.mixer.set_num_channels(10)
            pygame.mixer.set_reserved(2)  # two music channels, cross-faded in turn
        except pygame.error as error:
            self.problem = str(error)
            return False
        self.available = True
        # The effects are rendered now, off the event loop, so that the first click of
        # a game does not wait for its sound.
        self._effects_ready = self._work(_render_effects)
        return True

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None
        if self.available:
            pygame.mixer.quit()
        self.available = self.started = False
        self._music = None
        self._effects.clear()
        self._last.clear()
        self.playing = None

    # -- settings -----------------------------------------------------------------------

    def apply(self, settings: Settings) -> None:
        """New volumes take effect at once; muted music stops, unmuted music resumes."""
        self.settings = settings
        if not self.available:
            return
        # Volumes are the sounds' own: a channel's volume is what its fades move.
        for sound in self._effects.values():
            sound.set_volume(settings.effects_volume)
        if self._music is not None:
            self._music.set_volume(settings.music_volume)
        if not settings.music_on and self.playing is not None:
            self._stop_music(fade=False)
        elif settings.music_on and self.playing is None:
            self.follow(self.wanted)

    # -- effects ------------------------------------------------------------------------

    def play(self, effect: str, after: str = "") -> pygame.mixer.Channel | None:
        """Play one effect (order, decision, dispatch, quarter, verdict) if effects are on;
        `after`: wait for that effect to finish if it is still sounding (a dispatch after
        the stamp that answered the one before)."""
        from game.ui.sound.pieces import EFFECTS, render_effect

        if effect not in EFFECTS:
            raise KeyError(f"no sound effect '{effect}'")
        if not self.settings.effects_on or not self.ensure():
            return None
        sound = self._effects.get(effect)
        if sound is None:
            ready = self._effects_ready
            if ready is not None and ready.done():
                samples = ready.result()[effect]
            else:
                samples = render_effect(effect)
            sound = self._effects[effect] = self._sound(samples)
        sound.set_volume(self.settings.effects_volume)
        before = self._last.get(after)
        if before is not None and before.get_busy():
            before.queue(sound)
            channel: pygame.mixer.Channel | None = before
        else:
            channel = sound.play()
        if channel is not None:
            self._last[effect] = channel
        return channel

    # -- music --------------------------------------------------------------------------

    def follow(self, mood: Mood | None) -> None:
        """Ask for the music of this mood (None: silence); it starts once rendered."""
        self.wanted = mood
        if mood is None:
            self._stop_music(fade=True)
            return
        if not self.settings.music_on or mood == self.playing or not self.ensure():
            return
        if self._rendering is not None and self._rendering[0] == mood:
            return
        from game.ui.sound.pieces import render_theme

        future = self._work(render_theme, mood.theme, mood.tense)
        future.add_done_callback(lambda _: _wake())
        self._rendering = (mood, future)

    def _work(self, job, *args) -> Future:
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sound")
        return self._worker.submit(job, *args)

    def poll(self) -> None:
        """Start a theme the worker has finished, if it is still the one wanted."""
        if self._rendering is None or not self._rendering[1].done():
            return
        mood, future = self._rendering
        self._rendering = None
        if mood == self.wanted and self.settings.music_on:
            self._start(mood, self._sound(future.result()))
        else:
            self.follow(self.wanted)

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the wanted music plays (for tests and measurements)."""
        while self._rendering is not None:
            self._rendering[1].result(timeout)
            self.poll()

    def music_busy(self) -> bool:
        return self.available and any(pygame.mixer.Channel(i).get_busy() for i in (0, 1))

    def music_volume(self) -> float:
        """The volume the playing theme is mixed at (0 when none plays)."""
        sound = self._music
        return sound.get_volume() if sound is not None and self.music_busy() else 0.0

    def _start(self, mood: Mood, sound: pygame.mixer.Sound) -> None:
        self._music = sound
        old = pygame.mixer.Channel(self._music_channel)
        old.fadeout(FADE_MS)
        self._music_channel = 1 - self._music_channel
        channel = pygame.mixer.Channel(self._music_channel)
        sound.set_volume(self.settings.music_volume)
        channel.play(sound, loops=-1, fade_ms=FADE_MS if self.playing is not None else 400)
        self.playing = mood
        self.heard.append(mood)

    def _stop_music(self, fade: bool) -> None:
        if self.available:
            for index in (0, 1):
                channel = pygame.mixer.Channel(index)
                if fade:
                    channel.fadeout(FADE_MS)
                else:
                    channel.stop()
        self.playing = None
        self._music = None

    def _sound(self, samples: np.ndarray) -> pygame.mixer.Sound:
        import pygame.sndarray

        channels = (pygame.mixer.get_init() or (RATE, -16, 1))[2]
        if channels > 1:
            samples = np.repeat(samples[:, None], channels, axis=1)
        return pygame.sndarray.make_sound(np.ascontiguousarray(samples))


def _render_effects() -> dict[str, np.ndarray]:
    from game.ui.sound.pieces import EFFECTS, render_effect

    return {name: render_effect(name) for name in EFFECTS}


def _wake() -> None:
    """Wake the event loop from the worker thread (SDL's event queue is thread-safe)."""
    # Once the window has closed nothing is waiting for the music.
    with contextlib.suppress(pygame.error):
        pygame.event.post(pygame.event.Event(READY))
