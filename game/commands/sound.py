"""python -m game sound: every theme and effect written as a WAV file, with its levels.

The game synthesises its sound as it plays (game.ui.sound); this writes the same samples
to files to listen to, and prints what a mixing desk would show: length, peak, loudness.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from game.ui.sound.pieces import EFFECTS, THEMES, render_effect, render_theme
from game.ui.sound.synth import RATE


def levels(samples: np.ndarray) -> tuple[float, float, float]:
    """(seconds, peak dBFS, RMS dBFS) of 16-bit samples."""
    values = samples.astype(np.float64) / 32768
    peak = 20 * np.log10(np.abs(values).max() + 1e-12)
    rms = 20 * np.log10(np.sqrt(np.mean(values**2)) + 1e-12)
    return len(samples) / RATE, peak, rms


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.ascontiguousarray(samples, dtype="<i2").tobytes())


def run_sound(out: Path | None) -> int:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    print(f"{'sound':<18} {'seconds':>8} {'peak dBFS':>10} {'RMS dBFS':>9}")
    pieces = [(f"{n}{'-tense' if t else ''}", n, t) for n in THEMES for t in (False, True)]
    for name, theme, tense in pieces:
        _report(name, render_theme(theme, tense), out)
    for name in EFFECTS:
        _report(name, render_effect(name), out)
    if out is not None:
        print(f"wrote {len(pieces) + len(EFFECTS)} files to {out}")
    return 0


def _report(name: str, samples: np.ndarray, out: Path | None) -> None:
    seconds, peak, rms = levels(samples)
    print(f"{name:<18} {seconds:>8.2f} {peak:>10.1f} {rms:>9.1f}")
    if out is not None:
        write_wav(out / f"{name}.wav", samples)
