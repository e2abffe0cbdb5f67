"""The simulation core imports numpy and the standard library only."""

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "game" / "core"


def test_core_imports_neither_pygame_nor_yaml():
    modules = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")
    imports = "; ".join(f"import game.core.{m}" for m in modules)
    code = f"import sys; {imports}; bad = [m for m in ('pygame', 'yaml', 'pydantic') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_source_has_no_forbidden_imports():
    for path in CORE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in ("pygame", "yaml", "pydantic"):
            assert f"import {name}" not in text and f"from {name}" not in text, path.name
