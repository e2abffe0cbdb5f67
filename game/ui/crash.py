"""When the game itself fails: a report beside the saves, and the campaign kept.

An unexpected error must never lose a player's campaign or vanish without a word. The
app catches it, autosaves the campaign (unless it is halfway through a quarter, when
the autosave of the quarter's start stands), writes what happened to a text file a
teacher can send in, and shows a screen that says both.
"""

from __future__ import annotations

import platform
import sys
import time
import traceback
from pathlib import Path

from game.ui.session import Session

MAX_REPORTS = 20  # older reports are removed so a crashing loop cannot fill the disk


def write_crash_report(folder: Path, error: BaseException, session: Session | None) -> Path | None:
    """Write crash-YYYYMMDD-HHMMSS.txt into the saves folder; None if even that fails."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    lines = [
        "Great Turn crash report",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S')}",
        f"python: {sys.version.split()[0]}  platform: {platform.platform()}",
    ]
    if session is not None:
        campaign = session.campaign
        lines += [
            f"scenario: {campaign.scenario.id}  seed: {campaign.seed}  turn: {campaign.turn}",
            f"content hash: {campaign.scenario.content_hash}",
            f"mid-quarter: {campaign.pending is not None}",
        ]
    lines += ["", *traceback.format_exception(error)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
        for old in sorted(folder.glob("crash-*.txt"))[:-MAX_REPORTS]:
            old.unlink(missing_ok=True)
    except OSError:
        return None
    return path
