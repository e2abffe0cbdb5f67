"""python -m game reference: the modders' reference, generated from the format itself."""

from __future__ import annotations

from pathlib import Path

from game.content.reference import build_reference


def run_reference(out: Path | None) -> int:
    text = build_reference()
    if out is None:
        print(text, end="")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0
