"""The game's music and sound effects, written out as notes and rendered by game.ui.sound.synth.

Four themes, each a short loop with a tense variant that danger calls for (a low string
tremolo and a kettle-drum heartbeat under the same music):

- chorale: a slow four-part chorale in D minor for voices or harmonium, with a distant
  bell; the old Russia the great turn swept away;
- march: a brass march in C major with field drums, two beats to the bar; the Plan;
- nocturne: a sparse piano in E minor, three beats to the bar, long silences; the Terror;
- alarm: bells tolling over low strings and a horn call in C minor; war coming.

Effects: a typewriter key (an order), a rubber stamp (a decision), a telegraph's
dit-dit-dah (a dispatch), a bell stroke with a turning page (the quarter turns over) and a
brass chord over a drum roll (the verdict).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from game.ui.sound import synth
from game.ui.sound.notation import parse
from game.ui.sound.synth import RATE

# Each at -6 dB: music and an effect both at full volume peak together at full scale, so
# the mixer never clips whatever the volumes.
MUSIC_PEAK = 0.5
EFFECT_PEAK = 0.5


@dataclass(frozen=True)
class Part:
    voice: str
    gain: float
    notes: str


@dataclass(frozen=True)
class Piece:
    bpm: float
    parts: tuple[Part, ...]
    tension: tuple[Part, ...]  # added when the theme is tense
    room: float = 0.22  # how much of the echo is heard

    @property
    def beats(self) -> float:
        return max(parse(part.notes)[1] for part in self.parts)


def _bars(pattern: str, times: int) -> str:
    """A pattern repeated; held notes are written a bar at a time (a bow change), which
    also keeps each note's samples, and so the memory rendering takes, small."""
    return " ".join([pattern] * times)


CHORALE = Piece(
    bpm=72,
    parts=(
        Part(
            "choir",
            0.9,
            "A4:2 Bb4:2 | C5:2 C5:2 | D5:2 Bb4:2 | D5:2 C#5:2 | D5:2 C5:2 | Bb4:2 A4:2 "
            "| G4:2 G4:2 | F4:4",
        ),
        Part(
            "choir",
            0.7,
            "F4:2 G4:2 | E4:2 F4:2 | F4:2 D4:2 | E4:4 | F4:2 F4:2 | D4:2 F4:2 | D4:2 E4:2 | D4:4",
        ),
        Part(
            "choir",
            0.7,
            "A3:2 D4:2 | G3:2 A3:2 | Bb3:2 G3:2 | A3:4 | A3:2 A3:2 | G3:2 A3:2 | Bb3:2 C#4:2 "
            "| A3:4",
        ),
        Part(
            "choir",
            0.85,
            "D3:2 Bb2:2 | C3:2 F3:2 | Bb2:2 G2:2 | A2:4 | D3:2 C3:2 | Bb2:2 A2:2 | G2:2 A2:2 "
            "| D3:4",
        ),
        Part("bell", 0.5, "D3:16 D3:16"),
    ),
    tension=(
        Part("strings", 0.55, _bars("D2+A2:4", 8)),
        Part("timpani", 0.8, _bars("D2:2 D2:1.5 D2:0.5", 8)),
    ),
    room=0.3,
)

_MARCH_CHORDS = ["C", "C", "C", "C", "F", "G", "G", "C", "C", "C", "F", "F", "C", "G", "C", "C"]
_TRIADS = {
    "C": ("C3", "G2", "E4+G4+C5"),
    "F": ("F2", "C3", "F4+A4+C5"),
    "G": ("G2", "D3", "D4+G4+B4"),
}

MARCH = Piece(
    bpm=116,
    parts=(
        Part(
            "brass",
            1.0,
            "G4:0.75 G4:0.25 C5:1 | C5:0.5 D5:0.5 E5:1 | E5:0.5 D5:0.5 C5:0.5 E5:0.5 | G5:2 "
            "| A5:0.75 G5:0.25 F5:0.5 E5:0.5 | D5:1 G4:1 | A4:0.5 B4:0.5 C5:0.5 D5:0.5 "
            "| E5:1.5 r:0.5 | G4:0.75 G4:0.25 C5:1 | C5:0.5 D5:0.5 E5:1 "
            "| F5:0.5 E5:0.5 D5:0.5 C5:0.5 | A5:2 | G5:0.75 E5:0.25 C5:0.5 E5:0.5 "
            "| D5:0.75 B4:0.25 G4:0.5 B4:0.5 | C5:1 G4:0.5 E4:0.5 | C5:1.5 r:0.5",
        ),
        # The tuba's oom on each beat and the horns' pah after it.
        Part(
            "brass",
            0.75,
            " ".join(f"{_TRIADS[c][0]}:1 {_TRIADS[c][1]}:1" for c in _MARCH_CHORDS),
        ),
        Part(
            "brass",
            0.22,
            " ".join(
                f"r:0.5 {_TRIADS[c][2]}:0.3 r:0.7 {_TRIADS[c][2]}:0.3 r:0.2" for c in _MARCH_CHORDS
            ),
        ),
        Part(
            "snare",
            0.22,
            _bars("C1:0.5 C#1:0.25 D1:0.25 D#1:0.5 E1:0.5", 7)
            + " F1:0.25 F#1:0.25 G1:0.25 G#1:0.25 A1:0.25 A#1:0.25 B1:0.25 C2:0.25 "
            + _bars("C1:0.5 C#1:0.25 D1:0.25 D#1:0.5 E1:0.5", 7)
            + " F1:0.25 F#1:0.25 G1:0.25 G#1:0.25 A1:0.5 r:0.5",
        ),
    ),
    tension=(
        Part("timpani", 0.9, _bars("C2:1 G1:1", 16)),
        Part("strings", 0.35, "C2+G2:8 F1+C2:8 C2+G2:8 G1+D2:8"),
    ),
    room=0.15,
)

NOCTURNE = Piece(
    bpm=54,
    parts=(
        Part(
            "piano",
            0.8,
            "r:1 B4:1 G4:1 | F#4:3 | r:1 E4:1 F#4:1 | G4:2 A4:1 | B4:3 | r:1 C5:1 B4:1 "
            "| A#4:3 | r:3 | E5:1 D5:1 B4:1 | C5:2 A4:1 | B4:2 D#4:1 | E4:3",
        ),
        Part(
            "piano",
            0.6,
            "E2+B2:3 | D#2+A2:3 | C2+G2:3 | A1+E2:3 | E2+B2:3 | A1+E2:3 | F#1+C#2:3 "
            "| B1+F#2:3 | C2+G2:3 | A1+E2:3 | B1+F#2:3 | E2+B2:3",
        ),
    ),
    tension=(
        Part("strings", 0.4, _bars("E2+B2:3", 6) + " " + _bars("E2+A#2:3", 6)),
        Part("timpani", 0.7, _bars("E2:1 E2:2", 12)),
    ),
    room=0.35,
)

ALARM = Piece(
    bpm=60,
    parts=(
        Part("bell", 0.9, _bars("C3:4", 6)),
        Part(
            "bell",
            0.35,
            "r:8 G5:0.5 Eb5:0.5 C5:0.5 G4:0.5 G5:0.5 Eb5:0.5 C5:0.5 G4:0.5 r:4 "
            "G5:0.5 Eb5:0.5 C5:0.5 G4:0.5 G5:0.5 Eb5:0.5 C5:0.5 G4:0.5 r:4",
        ),
        Part("strings", 0.6, "C3+G3:4 Ab2+Eb3:4 F2+C3:4 G2+D3:4 C3+Eb3:4 G2+B2:4"),
        Part("brass", 0.45, "r:4 G3:1 C4:0.5 Eb4:2.5 | r:8 | G3:1 C4:0.5 D4:0.5 B3:2 | r:4"),
    ),
    tension=(Part("timpani", 0.9, _bars("C2:0.5 C2:0.5 r:1 G1:1 r:1", 6)),),
    room=0.25,
)

THEMES: dict[str, Piece] = {
    "chorale": CHORALE,
    "march": MARCH,
    "nocturne": NOCTURNE,
    "alarm": ALARM,
}


@functools.lru_cache(maxsize=2)
def render_theme(name: str, tense: bool = False) -> np.ndarray:
    """One loop of a theme as 16-bit mono samples; its end joins its start. The last two
    are kept (read-only): a theme comes back often, and every window in a process shares
    them."""
    piece = THEMES[name]
    beat_seconds = 60.0 / piece.bpm
    buffer = np.zeros(int(piece.beats * beat_seconds * RATE), dtype=np.float32)
    for part in piece.parts + (piece.tension if tense else ()):
        voice = synth.VOICES[part.voice]
        notes, _ = parse(part.notes)
        for note in notes:
            sound = voice(synth.midi_hz(note.midi), note.beats * beat_seconds, 1.0)
            start = int(note.beat * beat_seconds * RATE)
            synth.mix_with_room(buffer, sound, start, part.gain, piece.room)
    samples = synth.finish(buffer, MUSIC_PEAK)
    samples.flags.writeable = False
    return samples


def _blank(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


def _place(out: np.ndarray, sound: np.ndarray, at: float, gain: float = 1.0) -> None:
    start = int(at * RATE)
    room = min(len(sound), len(out) - start)
    out[start : start + room] += gain * sound[:room]


def _noise(seconds: float, seed: int, decay: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE), dtype=np.float32) / RATE
    return synth.noise(len(t), seed) * np.exp(-decay * t)


def order() -> np.ndarray:
    """A typewriter key: a hard click and the typebar's short ring."""
    out = _blank(0.12)
    click = _noise(0.03, 1, 160)
    click[1:] -= 0.8 * click[:-1]
    _place(out, click, 0, 0.6)
    t = np.arange(len(out), dtype=np.float32) / RATE
    out += 0.25 * np.sin(2 * np.pi * 2350 * t) * np.exp(-t * 70)
    return out


def decision() -> np.ndarray:
    """A rubber stamp: a dull thump on the desk and the slap of rubber on paper."""
    out = _blank(0.35)
    t = np.arange(len(out), dtype=np.float32) / RATE
    out += np.sin(2 * np.pi * (70 + 50 * np.exp(-t * 30)) * t) * np.exp(-t * 18)
    slap = _noise(0.08, 2, 55)
    thud = np.cumsum(slap)  # summed noise is low and papery; it must end where it began
    thud -= np.linspace(0, thud[-1], len(thud), dtype=np.float32)
    _place(out, thud * 0.02, 0.004, 1.0)
    _place(out, slap, 0.002, 0.2)
    return out


def dispatch() -> np.ndarray:
    """A telegraph sounder tapping dit-dit-dah."""
    out = _blank(0.75)
    for at, length in ((0.0, 0.07), (0.14, 0.07), (0.28, 0.22)):
        t = np.arange(int(length * RATE), dtype=np.float32) / RATE
        tone = np.sin(2 * np.pi * 760 * t) + 0.3 * np.sin(2 * np.pi * 1520 * t)
        _place(out, synth.fade(tone.astype(np.float32), 0.005, 0.01), at, 0.5)
        _place(out, _noise(0.015, 3, 300), at, 0.25)  # the armature's tap
    return out


def quarter() -> np.ndarray:
    """The quarter turns over: a page turned, then one stroke of a low bell."""
    out = _blank(3.2)
    swish = _noise(0.35, 4, 0.0)
    swish *= np.sin(np.linspace(0, np.pi, len(swish), dtype=np.float32)) ** 2
    swish[1:] -= 0.9 * swish[:-1]
    _place(out, swish, 0, 0.12)
    _place(out, synth.bell(synth.midi_hz(50), 3.0), 0.22, 1.0)
    return out


def verdict() -> np.ndarray:
    """The verdict: a drum roll swelling into a held brass chord and a bell."""
    out = _blank(4.0)
    for i in range(24):
        _place(out, synth.snare(40 + i, 0.1), i * 0.045, 0.25 + i * 0.02)
    for midi in (48, 55, 60, 63, 67):
        _place(out, synth.brass(synth.midi_hz(midi), 2.2), 1.08, 0.5)
    _place(out, synth.timpani(synth.midi_hz(36), 1.0), 1.08, 1.0)
    _place(out, synth.bell(synth.midi_hz(60), 2.8), 1.1, 0.6)
    return out


EFFECTS = {
    "order": order,
    "decision": decision,
    "dispatch": dispatch,
    "quarter": quarter,
    "verdict": verdict,
}


def render_effect(name: str) -> np.ndarray:
    """An effect as 16-bit mono samples, its edges softened so that it never clicks."""
    return synth.finish(synth.fade(EFFECTS[name](), 0.002, 0.02), EFFECT_PEAK)
