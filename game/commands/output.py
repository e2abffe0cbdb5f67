"""Where a command's generated text goes: the terminal, or a file named by --out."""

from __future__ import annotations

from pathlib import Path


def print_or_write(text: str, out: Path | None) -> int:
    """Print the text, or write it to `out` (making its folder) and say so."""
    if out is None:
        print(text, end="")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0
