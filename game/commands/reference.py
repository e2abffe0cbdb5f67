"""python -m game reference: the modders' reference, generated from the format itself."""

from __future__ import annotations

from pathlib import Path

from game.commands.output import print_or_write
from game.content.reference import build_reference


def run_reference(out: Path | None) -> int:
    return print_or_write(build_reference(), out)
