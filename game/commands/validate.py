"""python -m game validate PATH...: every problem at once, or a one-line summary."""

from __future__ import annotations

import json
import sys

from game.content.lint import silence_problem
from game.content.loader import check_scenario, extends_summary


def run_validate(paths: list[str], output: str = "text", allow: list[str] | None = None) -> int:
    """Check each scenario; `allow` names warning codes not to report (never errors)."""
    allow = allow or []
    refused = [(code, why) for code in allow if (why := silence_problem(code))]
    for code, why in refused:
        print(f"validate: --allow {code}: {why}", file=sys.stderr)
    if refused:
        return 2
    failed = False
    report = []
    for path in paths:
        scenario, diagnostics = check_scenario(path, allow)
        errors = [d for d in diagnostics if d.severity == "error"]
        warnings = [d for d in diagnostics if d.severity == "warning"]
        failed |= scenario is None
        if output == "json":
            report.append(
                {
                    "path": path,
                    "ok": scenario is not None,
                    "diagnostics": [d.to_dict() for d in diagnostics],
                }
            )
            continue
        for diagnostic in diagnostics:
            print(diagnostic)
        if scenario is None:
            print(f"{path}: {_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}")
        else:
            counts = [
                _count(len(scenario.layout.declared()), "variable"),
                _count(len(scenario.events), "event"),
                _count(len(scenario.decisions), "decision"),
                _count(len(scenario.policies), "policy"),
                _count(len(scenario.rules), "rule"),
                _count(len(scenario.endings), "ending"),
                _count(len(warnings), "warning"),
            ]
            print(
                f"{path}: OK: scenario '{scenario.id}', {_count(scenario.calendar.n_turns, 'turn')}, "
                + ", ".join(counts)
            )
            if extends_summary(scenario):
                print(extends_summary(scenario))
    if output == "json":
        print(json.dumps(report, indent=2))
    return 1 if failed else 0


def _count(n: int, noun: str) -> str:
    """'1 event', '2 events', '1 policy', '3 policies'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"
