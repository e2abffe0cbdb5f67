"""Which music a campaign calls for: the scenario's cues read against the state.

A scenario lists cues in order; the first whose condition holds names the theme, and its
`tense` condition says whether danger darkens it. The themes themselves are the front
end's (game.ui.sound); the engine only knows their names, so the loader can check them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.registry import Op
from game.core.scope import Condition

# The themes the game can play, by what they sound like, not by what a scenario uses
# them for: a slow chorale, a brass march, a sparse piano, bells over drums.
THEMES = ("chorale", "march", "nocturne", "alarm")


@dataclass(frozen=True)
class CueDef:
    theme: str
    when: Condition
    tense: Condition
    when_op: Op | None = None
    tense_op: Op | None = None


@dataclass(frozen=True)
class Mood:
    """What should be playing: a theme, calm or tense."""

    theme: str
    tense: bool = False


def mood(cues: tuple[CueDef, ...], ctx) -> Mood | None:
    """The first cue whose condition holds in row 0 of the context, or None (silence)."""
    for cue in cues:
        if cue.when_op is None or bool(np.asarray(cue.when(ctx))[0]):
            tense = cue.tense_op is not None and bool(np.asarray(cue.tense(ctx))[0])
            return Mood(cue.theme, tense)
    return None
