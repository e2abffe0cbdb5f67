"""Reads one YAML file safely, keeping the line and column of every key and value.

Built on the C parser's event stream rather than a constructor, so that nothing but
plain mappings, lists and scalars can come out: tags, anchors and aliases are refused
(no alias bombs, no object construction), duplicate keys are errors, and scalars are
resolved by YAML 1.2 core rules (no dates, no "no" meaning false).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.content.diagnostics import Diagnostic

MAX_FILE_BYTES = 1_000_000

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

Path_ = tuple[Any, ...]


@dataclass
class Located:
    """A parsed file: plain data plus where each part of it was written."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of a path, falling back to its nearest recorded ancestor."""
        path = tuple(path)
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def diagnostic(
        self, path: Path_, message: str, key: bool = False, code: str = ""
    ) -> Diagnostic:
        line, column = self.where(path, key)
        return Diagnostic(self.file, line, column, "error", message, code)


def _scalar(event: yaml.ScalarEvent) -> Any:
    value = event.value
    if event.style:  # quoted or block: always text
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _pos(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Diagnostic] = []

    def problem(self, event: yaml.Event, message: str, code: str) -> None:
        line, column = _pos(event)
        self.problems.append(Diagnostic(self.located.file, line, column, "error", message, code))

    def check_node(self, event: yaml.Event) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.problem(
                event, f"anchors (&{anchor}) are not allowed; write the content out", "yaml-anchor"
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.problem(event, f"YAML tags ({tag}) are not allowed", "yaml-tag")

    def value(self, events: Any, event: yaml.Event, path: Path_) -> Any:
        self.located.values[path] = _pos(event)
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                event,
                f"aliases (*{event.anchor}) are not allowed; write the content out",
                "yaml-alias",
            )
            return None
        self.check_node(event)
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.value(events, child, (*path, len(items))))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                key = self.key(events, key_event, path)
                value_event = next(events)
                if key is None:
                    self.value(events, value_event, (*path, "?"))
                    continue
                if key in mapping:
                    first = self.located.keys[(*path, key)]
                    self.problem(
                        key_event,
                        f"duplicate key '{key}' (first written at line {first[0]})",
                        "duplicate-key",
                    )
                    self.value(events, value_event, (*path, key, "#duplicate"))
                    continue
                self.located.keys[(*path, key)] = _pos(key_event)
                mapping[key] = self.value(events, value_event, (*path, key))
        raise yaml.YAMLError("unexpected YAML event")

    def key(self, events: Any, event: yaml.Event, path: Path_) -> str | None:
        if isinstance(event, yaml.ScalarEvent):
            self.check_node(event)
            return str(event.value)
        self.problem(event, "a key must be plain text, not a list or mapping", "yaml-key")
        self.value(events, event, (*path, "?"))
        return None


def read_yaml(path: Path, display: str) -> tuple[Located, list[Diagnostic]]:
    """Parse a file; returns the located data and every problem found in it."""
    located = Located(display, None)

    def fail(
        message: str, line: int = 1, column: int = 1, code: str = "yaml"
    ) -> tuple[Located, list[Diagnostic]]:
        return located, [Diagnostic(display, line, column, "error", message, code)]

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(
                f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                code="file-size",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return fail(f"cannot read file: {exc.strerror or exc}", code="file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return fail("file is not UTF-8 text (save it as UTF-8)", line, column, "encoding")
    if text.startswith("\ufeff"):
        text = text[1:]
    builder = _Builder(located)
    try:
        events = iter(yaml.parse(text, Loader=yaml.CSafeLoader))
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return fail(
                        "a file holds one YAML document; remove the extra '---'",
                        *_pos(event),
                        "yaml",
                    )
                body = next(events)
                if isinstance(body, yaml.DocumentEndEvent):
                    continue
                located.data = builder.value(events, body, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = (
                f"{exc.context}: {message}"
                if "while" not in exc.context
                else f"{message} ({exc.context})"
            )
        return fail(f"invalid YAML: {message}{_hint(exc.problem or '')}", line, column, "yaml")
    except (yaml.YAMLError, StopIteration, RecursionError) as exc:
        return fail(f"invalid YAML: {exc or 'structure too deep'}", code="yaml")
    return located, builder.problems


# What a beginner should do about the YAML mistakes they make most; the parser's own
# words ("block mapping", "context") do not say.
_HINTS = {
    "found a tab character": "indent with spaces, never tabs",
    "mapping values are not allowed": (
        "a text holding ': ' must be put in quotes; otherwise check this line's indentation"
    ),
    "did not find expected": (
        "check this line's indentation: the keys of one entry, and the '- ' items of one "
        "list, each start in the same column"
    ),
}


def _hint(problem: str) -> str:
    return next((f"; {hint}" for start, hint in _HINTS.items() if problem.startswith(start)), "")
