"""Where a piece of content comes from, and the works a reader can look up."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where a piece of content comes from: a source text, the historian it names, a note."""

    file: str
    historian: str = ""
    note: str = ""


def surname(historian: str) -> str:
    """The name a text uses for a historian: the last word of the name ('Conquest')."""
    words = historian.split()
    return words[-1] if words else ""


def names(text: str, surname_: str) -> bool:
    """Does the text name the historian, as a whole word ('Reese', not 'Reesen')?"""
    return bool(surname_) and re.search(rf"\b{re.escape(surname_)}\b", text) is not None


def bibliography_lines(titles: Mapping[str, str], works: Mapping[str, str]) -> list[str]:
    """The source texts by title, then each historian the content names with the work
    meant, alphabetically by surname: what a reader needs to look a claim up."""
    lines = []
    if titles:
        lines.append("The source texts")
        lines += [f"    {title}" for _, title in sorted(titles.items())]
    if works:
        if lines:
            lines.append("")
        lines.append("The historians they and the game name, with the work meant")
        for historian in sorted(works, key=lambda h: (surname(h), h)):
            lines.append(f"    {historian}: {works[historian]}")
    return lines
