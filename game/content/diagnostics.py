"""Problems found in content, each pinned to file:line:col, and "did you mean" hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        tag = f"{self.severity}[{self.code}]" if self.code else self.severity
        return f"{self.file}:{self.line}:{self.column}: {tag}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class ContentError(Exception):
    """A scenario that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A suffix such as " (did you mean 'party.control'?)", or "" when nothing is close."""
    matches = difflib.get_close_matches(str(name), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
