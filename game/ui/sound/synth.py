"""Instruments made of sines: a piano, a bell, brass, a choir, drums and strings.

Every instrument is additive synthesis in numpy: a note is a sum of partials under an
envelope, so there is nothing to filter and nothing to load. Notes are added into a
circular buffer the length of the loop: a note that rings past the end sounds at the
start, so the loop joins without a click or a gap. Arrays are float32 and one note long
at a time, so rendering a theme keeps memory to a few megabytes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

RATE = 22050  # samples a second: enough for these timbres, half the memory of 44.1 kHz

Voice = Callable[[float, float, float], np.ndarray]


def midi_hz(note: int) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12)


def _time(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * RATE), dtype=np.float32) / RATE


def _partials(
    freq: float, t: np.ndarray, amps: list[float], ratios: list[float], decays: list[float]
) -> np.ndarray:
    out = np.zeros_like(t)
    for amp, ratio, decay in zip(amps, ratios, decays, strict=True):
        f = freq * ratio
        if f >= RATE / 2:  # above Nyquist a partial would fold back as a false tone
            continue
        out += amp * np.exp(-decay * t) * np.sin(2 * np.pi * f * t, dtype=np.float32)
    return out


def noise(length: int, seed: int) -> np.ndarray:
    """White noise, the same for the same seed: an integer hash of each sample's index
    (numpy's random module would cost the game 7 MB of memory just to import)."""
    x = (
        np.arange(length, dtype=np.uint32) + np.uint32(seed * 0x9E3779B9 & 0xFFFFFFFF)
    ) * np.uint32(0x045D9F3B)
    x ^= x >> np.uint32(16)
    x *= np.uint32(0x045D9F3B)
    x ^= x >> np.uint32(16)
    uniform = x.astype(np.float32) / np.float32(2**32) - np.float32(0.5)
    return uniform * np.float32(3.46)  # unit variance, like a normal's


def fade(sound: np.ndarray, attack: float, release: float) -> np.ndarray:
    """Soft edges: a note that starts or stops on a non-zero sample clicks."""
    a, r = max(1, int(attack * RATE)), max(1, int(release * RATE))
    if len(sound) > a:
        sound[:a] *= np.linspace(0, 1, a, dtype=np.float32)
    if len(sound) > r:
        sound[-r:] *= np.linspace(1, 0, r, dtype=np.float32)
    return sound


def piano(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """A struck string: slightly stretched partials (inharmonicity), the high ones dying
    first, and a damper that stops the note a little after it is released."""
    t = _time(seconds + 0.8)
    ks = range(1, 8)
    ratios = [k * np.sqrt(1 + 0.0004 * k * k) for k in ks]
    amps = [1.0 / k**1.4 for k in ks]
    base = 1.2 + freq / 400
    decays = [base * (0.6 + 0.5 * k) for k in ks]
    out = _partials(freq, t, amps, ratios, decays)
    held = int(seconds * RATE)
    out[held:] *= np.exp(-np.arange(len(out) - held, dtype=np.float32) / (0.12 * RATE))
    return velocity * fade(out, 0.004, 0.05)


def bell(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """A church bell after Risset: inharmonic partials, the low hum ringing longest."""
    t = _time(min(max(seconds, 3.5), 6.0))  # by six seconds even the hum has died away
    ratios = [0.56, 0.92, 1.19, 1.71, 2.0, 2.74, 3.0, 3.76, 4.07]
    amps = [1.0, 0.67, 1.0, 1.8, 2.67, 1.67, 1.46, 1.33, 1.33]
    decays = [0.55, 0.8, 1.1, 1.4, 1.7, 2.4, 2.9, 3.6, 4.2]
    out = _partials(freq, t, [a / 8 for a in amps], ratios, decays)
    return velocity * fade(out, 0.002, 0.3)


def brass(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """A horn or trumpet: many harmonics whose brightness swells with the attack."""
    t = _time(seconds + 0.12)
    vibrato = 1 + 0.003 * np.sin(2 * np.pi * 5.2 * t) * np.clip(t * 3, 0, 1)
    phase = 2 * np.pi * freq * np.cumsum(vibrato, dtype=np.float32) / RATE
    out = np.zeros_like(t)
    swell = np.clip(t / 0.06, 0, 1)
    for k in range(1, 9):
        if freq * k >= RATE / 2:
            break
        out += (1.0 / k) * swell ** (1 + k * 0.4) * np.sin(k * phase)
    return velocity * fade(out * 0.55, 0.02, 0.1)


def choir(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """Voices or a harmonium: a slow swell, vibrato, and two voices a few cents apart."""
    t = _time(seconds + 0.35)
    out = np.zeros_like(t)
    for detune in (-0.0025, 0.0025):
        vibrato = 1 + detune + 0.004 * np.sin(2 * np.pi * (4.8 + 40 * detune) * t)
        phase = 2 * np.pi * freq * np.cumsum(vibrato, dtype=np.float32) / RATE
        for k, amp in ((1, 1.0), (2, 0.45), (3, 0.3), (4, 0.12), (5, 0.08)):
            out += amp * np.sin(k * phase)
    return velocity * fade(out * 0.3, 0.18, 0.35)


def strings(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """Low strings in tremolo: the bow's quick strokes are an amplitude flutter."""
    t = _time(seconds + 0.3)
    tremolo = 0.65 + 0.35 * np.sin(2 * np.pi * 9.0 * t)
    out = np.zeros_like(t)
    for k in range(1, 7):
        out += (0.9**k / k) * np.sin(2 * np.pi * freq * k * t)
    return velocity * fade(out * tremolo * 0.5, 0.25, 0.3)


def timpani(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """A kettle drum: a pitched boom that sags a little, over a felt thud."""
    t = _time(1.6)
    pitch = freq * (1 + 0.04 * np.exp(-t * 12))
    phase = 2 * np.pi * np.cumsum(pitch, dtype=np.float32) / RATE
    out = np.exp(-t * 3.2) * (np.sin(phase) + 0.35 * np.sin(1.5 * phase))
    # A moving average of noise (a running sum, differenced): low, not a hiss.
    running = np.cumsum(noise(len(t) + 24, int(freq)))
    felt = (running[24:] - running[:-24]) / np.float32(24)
    out += 1.2 * felt * np.exp(-t * 40)
    return velocity * fade(out * 0.8, 0.001, 0.2)


def snare(freq: float, seconds: float, velocity: float = 1.0) -> np.ndarray:
    """A field drum: a snap of noise with a short tone under it (freq sets the noise seed
    so that a roll does not repeat one stroke)."""
    t = _time(0.25)
    hiss = noise(len(t), int(freq))
    hiss[1:] -= hiss[:-1] * 0.6  # brighter
    out = hiss * np.exp(-t * 22) * 0.35 + np.sin(2 * np.pi * 190 * t) * np.exp(-t * 30) * 0.5
    return velocity * fade(out, 0.001, 0.03)


VOICES: dict[str, Voice] = {
    "piano": piano,
    "bell": bell,
    "brass": brass,
    "choir": choir,
    "strings": strings,
    "timpani": timpani,
    "snare": snare,
}


def mix_into(buffer: np.ndarray, sound: np.ndarray, start: int, gain: float = 1.0) -> None:
    """Add a note at `start`, wrapping what rings past the end to the buffer's start."""
    n = len(buffer)
    start %= n
    while len(sound):
        room = min(len(sound), n - start)
        buffer[start : start + room] += gain * sound[:room]
        sound, start = sound[room:], 0


ROOM_TAPS = ((0.043, 1.0), (0.071, 0.5), (0.113, 0.33), (0.167, 0.25))


def mix_with_room(
    buffer: np.ndarray, sound: np.ndarray, start: int, gain: float, room: float
) -> None:
    """A note and its early reflections off the walls, each wrapping round the loop. Taps
    per note, not a second pass over the buffer: rendering a theme needs no second copy."""
    mix_into(buffer, sound, start, gain)
    for delay, level in ROOM_TAPS:
        mix_into(buffer, sound, start + int(delay * RATE), gain * room * level)


def finish(buffer: np.ndarray, peak: float) -> np.ndarray:
    """Scale to a peak below full scale (in place) and convert to 16-bit samples."""
    top = max(float(buffer.max()), -float(buffer.min())) or 1.0
    np.multiply(buffer, peak * 32767 / top, out=buffer)
    return buffer.astype(np.int16)
