"""Where a piece of content comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a piece of content comes from: a source text, the historian it names, a note."""

    file: str
    historian: str = ""
    note: str = ""
