"""UI measurements, each run in a fresh process by `bench` so they do not disturb each other.

python -m game.commands.bench_ui startup|frames|clicks|memory SAVES_DIR
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def startup(saves: Path) -> dict:
    from game.ui.app import App

    app = App(saves, size=(1280, 720))
    app.draw()
    return {"ready": True, "scene": app.top.name}


def _play_to(app, turns: int) -> None:
    import pygame

    from game.content.loader import load_scenario
    from game.core.campaign import Campaign
    from game.ui.scene import ResetTo
    from game.ui.scenes.campaign import CampaignScene
    from game.ui.session import Session

    app.session = Session(Campaign(load_scenario("ussr1928"), 7), app.saves)
    app.apply(ResetTo(CampaignScene(app)))
    for _ in range(400):
        if app.top.name == "end" or (
            app.top.name == "campaign" and app.session.campaign.turn >= turns
        ):
            break
        key = pygame.K_1 if app.top.name == "event" else pygame.K_RETURN
        # Pressed and released, as a keyboard does: the input gate takes a key still held
        # across a change of screen for a repeat and drops it.
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        )
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
        app.step()


def frames(saves: Path) -> dict:
    """Frame times on the campaign screen mid-campaign: hovering, and clicking tabs and levels."""
    import pygame

    from game.ui.app import App

    app = App(saves, size=(1280, 720))
    _play_to(app, 12)
    app.audio.wait()  # the quarter's theme rendered: the frames measured are the screen's
    scene = app.top
    times = []
    cpu = []
    buttons = [
        b
        for b in scene.buttons()
        if b.enabled and b.text not in ("End turn", "Menu", "Save", "Report", "Diplomacy")
    ]
    for i in range(600):
        x, y = (i * 37) % 1280, (i * 53) % 720
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(1, 1), buttons=(0, 0, 0))
        )
        if i % 20 == 0 and buttons:
            target = buttons[(i // 20) % len(buttons)].rect.center
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=target))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=target))
            buttons = [
                b
                for b in app.top.buttons()
                if b.enabled and b.text not in ("End turn", "Menu", "Save", "Report", "Diplomacy")
            ]
        started, started_cpu = time.perf_counter(), time.process_time()
        app.step()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    times.sort()
    cpu.sort()
    return {
        "p50_ms": 1000 * statistics.median(times),
        "p99_ms": 1000 * times[int(len(times) * 0.99) - 1],
        # User and system CPU time: what a loaded machine disturbs less than the clock.
        "cpu_p50_ms": 1000 * statistics.median(cpu),
        "cpu_p99_ms": 1000 * cpu[int(len(cpu) * 0.99) - 1],
        "frames": len(times),
    }


def _order_buttons(app) -> list:
    """The campaign screen's order buttons: policy levels and decisions, as a player clicks."""
    return [
        b
        for b in app.top.buttons()
        if b.enabled and b.kind == "toggle" and b.rect.width > 0 and not b.selected
    ]


def clicks(saves: Path) -> dict:
    """Handling one click on an order of the campaign screen mid-campaign (the event
    handled, before the frame is drawn): policies set, decisions taken and given back."""
    import pygame

    from game.ui.app import App

    app = App(saves, size=(1280, 720))
    _play_to(app, 12)
    app.audio.wait()
    app.step()
    times, cpu = [], []
    tabs = [b for b in app.top.buttons() if b.text in {app.top._tab_title(t) for t in app.top.tabs}]
    for i in range(120):
        if i % 10 == 0 and tabs:
            target = tabs[(i // 10) % len(tabs)].rect.center
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=target))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=target))
            app.step()
            tabs = [
                b
                for b in app.top.buttons()
                if b.text in {app.top._tab_title(t) for t in app.top.tabs}
            ]
        buttons = _order_buttons(app)
        if not buttons:
            continue
        target = buttons[i % len(buttons)].rect.center
        # A release counts only after its press on the same screen (the input gate drops
        # a lone release), and buttons act on the release: that is the click timed.
        app.process(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=target))
        press = pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=target)
        started, started_cpu = time.perf_counter(), time.process_time()
        app.process(press)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        app.draw()
    return {
        "median_ms": 1000 * statistics.median(times),
        "max_ms": 1000 * max(times),
        "cpu_median_ms": 1000 * statistics.median(cpu),
        "clicks": len(times),
    }


def memory(saves: Path) -> dict:
    """Peak memory over a whole campaign played in the window, its music playing."""
    from game.ui.app import App

    app = App(saves, size=(1280, 720))
    _play_to(app, 60)
    app.audio.wait()
    return {
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ended": app.top.name == "end",
        # The music played on the way (under the dummy audio driver, mixed all the same).
        "music": [f"{m.theme}{' (tense)' if m.tense else ''}" for m in app.audio.heard],
    }


if __name__ == "__main__":
    kind, folder = sys.argv[1], Path(sys.argv[2])
    print(
        json.dumps(
            {"startup": startup, "frames": frames, "clicks": clicks, "memory": memory}[kind](folder)
        )
    )
