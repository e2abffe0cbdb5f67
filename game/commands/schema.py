"""python -m game schema: the JSON Schema editors use to check scenario files."""

from __future__ import annotations

import json
from pathlib import Path

from game.content.schema import build_schema


def run_schema(out: Path | None) -> int:
    text = json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        print(text, end="")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0
