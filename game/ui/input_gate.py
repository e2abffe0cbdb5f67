"""One press acts on one screen: the gate between input events and the scene stack.

On a loaded machine a single Enter could start a campaign *and* end its first turn:
the events queued while the campaign screen was being built (a second KEYDOWN from key
repeat, a double click) were handed to the new screen the player had not yet seen.
The gate drops, after every change of screen:

- input that arrived before the new screen was drawn (the player could not have meant it
  for a screen they had not seen);
- the key repeats of a key still held from the screen before, until that key is released;
- a mouse button released over the new screen that was pressed on the old one.
"""

from __future__ import annotations

import pygame

# Events a player makes with the keyboard and the mouse (motion only moves hover).
KEYS = (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT)
BUTTONS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL)
INPUT = KEYS + BUTTONS


class InputGate:
    def __init__(self) -> None:
        self.screen = 0  # counts changes of screen; each screen gets its own number
        self.unseen = False  # the screen changed and the new one is not drawn yet
        self._held: set[int] = set()  # keys down now
        self._stale: set[int] = set()  # keys that were down when the screen changed
        self._pressed: dict[int, int] = {}  # mouse button -> the screen it was pressed on

    def changed_screen(self) -> None:
        """The scene on top changed: what was pressed so far belongs to the old one."""
        self.screen += 1
        self.unseen = True
        self._stale |= self._held

    def shown(self) -> None:
        """The new screen is on the display: input from now on is meant for it. Input
        that queued up while it was being built and drawn is dropped."""
        if not self.unseen:
            return
        for event in pygame.event.get(INPUT):
            self.admits(event)
        self.unseen = False

    def admits(self, event: pygame.event.Event) -> bool:
        """Whether this event reaches the scene on top (always keeps track of keys)."""
        kind = event.type
        blind = self.unseen and kind in INPUT
        if kind == pygame.KEYDOWN:
            key = getattr(event, "key", None)
            self._held.add(key)
            if blind:
                self._stale.add(key)  # its repeats must not reach the new screen either
            return not blind and key not in self._stale
        if kind == pygame.KEYUP:
            key = getattr(event, "key", None)
            self._held.discard(key)
            if key in self._stale:
                self._stale.discard(key)
                return False
        elif kind == pygame.MOUSEBUTTONDOWN:
            self._pressed[getattr(event, "button", 0)] = -1 if blind else self.screen
        elif kind == pygame.MOUSEBUTTONUP:
            pressed_on = self._pressed.pop(getattr(event, "button", 0), None)
            if pressed_on != self.screen:
                return False
        return not blind
