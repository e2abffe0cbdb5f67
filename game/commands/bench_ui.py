"""UI measurements, each run in a fresh process by `bench` so they do not disturb each other.

python -m game.commands.bench_ui startup|frames|memory SAVES_DIR
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
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
        )
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
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=target))
            buttons = [
                b
                for b in app.top.buttons()
                if b.enabled and b.text not in ("End turn", "Menu", "Save", "Report", "Diplomacy")
            ]
        started = time.perf_counter()
        app.step()
        times.append(time.perf_counter() - started)
    times.sort()
    return {
        "p50_ms": 1000 * statistics.median(times),
        "p99_ms": 1000 * times[int(len(times) * 0.99) - 1],
        "frames": len(times),
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
    print(json.dumps({"startup": startup, "frames": frames, "memory": memory}[kind](folder)))
