"""python -m game schema: the JSON Schema editors use to check scenario files."""

from __future__ import annotations

import json
from pathlib import Path

from game.commands.output import print_or_write
from game.content.schema import build_schema


def run_schema(out: Path | None) -> int:
    return print_or_write(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n", out)
