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
            print(
                f"{path}: {len(errors)} error{'s' if len(errors) != 1 else ''}, {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
            )
        else:
            print(
                f"{path}: OK: scenario '{scenario.id}', {scenario.calendar.n_turns} turns, "
                f"{len(scenario.layout.declared())} variables, {len(scenario.events)} events, "
                f"{len(scenario.decisions)} decisions, {len(scenario.policies)} policies, "
                f"{len(scenario.rules)} rules, {len(scenario.endings)} endings, "
                f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
            )
            if extends_summary(scenario):
                print(extends_summary(scenario))
    if output == "json":
        print(json.dumps(report, indent=2))
    return 1 if failed else 0
