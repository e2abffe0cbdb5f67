"""How the scenarios of a load order combine: entries added, replaced and removed by id.

A scenario that extends others is read after them: its bases first, depth-first in the
order listed, each once. Every section (events, variables, ...) is then a ledger of
entries by id, which each file in that order adds to, replaces in (`replace: true`) or
takes out of (`remove:`). Whether an entry may be replaced or removed is judged by what
the scenario itself builds on, as if it were loaded alone; when two scenarios neither of
which extends the other touch the same id, that is a conflict: a warning, and the later
one in the load order wins.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from game.content.diagnostics import did_you_mean
from game.content.models import MetaModel, ScenarioFileModel
from game.content.yamlsource import Located, Path_

T = TypeVar("T")

# Sections a scenario gives at most once; a later scenario's replaces its base's whole.
SINGLE_SECTIONS = ("record", "map", "debrief", "music")

VERBS = {"define": "defines", "replace": "replaces", "remove": "removes"}


@dataclass(eq=False)
class Layer:
    """One scenario folder in a load order: its files and the scenarios it builds on."""

    folder: Path
    files: list[Path]
    parsed: list[tuple[Located, ScenarioFileModel]]
    ancestors: frozenset[Path] = frozenset()
    depth: int = 0  # how many scenarios its longest chain of bases holds
    changes: Counter = field(default_factory=Counter)  # (verb, kind) -> how many

    @property
    def meta(self) -> MetaModel | None:
        return self.parsed[0][1].scenario if self.parsed else None

    @property
    def id(self) -> str:
        meta = self.meta
        return meta.id if meta else self.folder.name

    def builds_on(self, other: Layer) -> bool:
        """True for itself and for every scenario it extends, directly or through others."""
        return other is self or other.folder in self.ancestors


@dataclass
class Touch:
    """One scenario defining, replacing or removing an id, and where it says so."""

    layer: Layer
    action: str  # "define", "replace" or "remove"
    located: Located
    path: Path_
    key: bool = False

    def place(self) -> str:
        line, _ = self.located.where(self.path, key=self.key)
        return f"{self.located.file}:{line}"


class Reporter(Protocol):
    def error(
        self, located: Located, path: Path_, message: str, code: str, key: bool = False
    ) -> None: ...

    def warn(
        self, located: Located, path: Path_, message: str, code: str, key: bool = False
    ) -> None: ...


class Ledger(Generic[T]):
    """The entries of one section by id, as the files of the load order change them."""

    def __init__(self, kind: str, report: Reporter, verb: str = "defined") -> None:
        self.kind = kind
        self.verb = verb
        self.report = report
        self.current: dict[str, T] = {}
        self.touches: dict[str, list[Touch]] = {}

    def define(self, name: str, item: T, touch: Touch) -> bool:
        """Add an entry, or replace one when touch.action is "replace"; False if refused."""
        own = self._as_seen_by(touch.layer, name)
        exists = own is not None and own.action != "remove"
        self._check_conflict(name, touch)
        if touch.action == "replace" and not exists:
            self.report.error(
                touch.located,
                touch.path,
                f"there is no {self.kind} '{name}' to replace{did_you_mean(name, self.current)}; "
                "without 'replace: true' it is added as a new one",
                "replace-nothing",
                key=touch.key,
            )
            return False
        if touch.action == "define" and exists:
            assert own is not None
            hint = (
                "; to replace it, add 'replace: true' here" if own.layer is not touch.layer else ""
            )
            self.report.error(
                touch.located,
                touch.path,
                f"{self.kind} '{name}' is {self.verb} twice (first in {own.place()}){hint}",
                "duplicate-id",
                key=touch.key,
            )
            return False
        verb = "replaces" if name in self.current else "adds"
        touch.layer.changes[(verb, self.kind)] += 1
        self.current[name] = item
        self.touches.setdefault(name, []).append(touch)
        return True

    def remove(self, name: str, touch: Touch) -> None:
        own = self._as_seen_by(touch.layer, name)
        self._check_conflict(name, touch)
        if own is None or own.action == "remove":
            self.report.error(
                touch.located,
                touch.path,
                f"there is no {self.kind} '{name}' to remove{did_you_mean(name, self.current)}",
                "remove-nothing",
            )
            return
        if self.current.pop(name, None) is not None:
            touch.layer.changes[("removes", self.kind)] += 1
        self.touches.setdefault(name, []).append(touch)

    def _as_seen_by(self, layer: Layer, name: str) -> Touch | None:
        """The last touch of an id by this scenario or one it builds on: what it would see
        if it were loaded alone."""
        for touch in reversed(self.touches.get(name, [])):
            if layer.builds_on(touch.layer):
                return touch
        return None

    def _check_conflict(self, name: str, touch: Touch) -> None:
        earlier = self.touches.get(name)
        if not earlier or touch.layer.builds_on(earlier[-1].layer):
            return
        other = earlier[-1]
        self.report.warn(
            touch.located,
            touch.path,
            f"'{touch.layer.id}' {VERBS[touch.action]} {self.kind} '{name}', which "
            f"'{other.layer.id}' also {VERBS[other.action]} ({other.place()}), and neither "
            f"extends the other: '{touch.layer.id}' comes later in the load order and wins",
            "conflict",
            key=touch.key,
        )


def describe_changes(layer: Layer, bases: list[str]) -> str:
    """One line for the checker: what a scenario that extends others changes in them."""
    parts = []
    for verb in ("adds", "replaces", "removes"):
        counts = [
            _count(n, kind) for (v, kind), n in sorted(layer.changes.items()) if v == verb and n
        ]
        if counts:
            parts.append(f"{verb} {', '.join(counts)}")
    return f"extends {', '.join(bases)}: {'; '.join(parts) or 'changes nothing'}"


def singular(section: str) -> str:
    """'policies' -> 'policy', 'events' -> 'event': how one entry of a section is named."""
    return section[:-3] + "y" if section.endswith("ies") else section.removesuffix("s")


def _count(n: int, kind: str) -> str:
    if kind in SINGLE_SECTIONS:
        return f"the {kind}"
    if n == 1:
        return f"1 {kind}"
    return f"{n} {kind[:-1]}ies" if kind.endswith("y") else f"{n} {kind}s"
