"""python -m game debrief: the classroom debrief of one campaign, or the class report."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from game.content.diagnostics import ContentError
from game.content.loader import load_scenario
from game.saves import SaveError, load_save, read_save_header


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def load_campaign(path: Path):
    header = read_save_header(path)
    scenario = load_scenario(str(header.get("scenario", "")))
    return load_save(path, scenario), header


def run_debrief(args: Namespace) -> int:
    if args.class_dir is not None:
        return _class_report(args)
    if args.save is None:
        print("error: give a save file, or --class DIR for the class report", file=sys.stderr)
        return 2
    if args.html is None and args.json is None:
        print(
            "error: say where to write the debrief: --html OUT.html and/or --json OUT.json",
            file=sys.stderr,
        )
        return 2
    try:
        campaign, header = load_campaign(args.save)
    except SaveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    from game.debrief.analysis import build_debrief
    from game.debrief.html import render_html
    from game.debrief.summary import student_summary

    if args.html is not None:
        calendar = campaign.scenario.calendar
        labels = (calendar.label(0), calendar.label(calendar.last_turn))
        write_text(args.html, render_html(build_debrief(campaign), labels))
        print(f"Wrote the debrief to {args.html}")
    if args.json is not None:
        import json

        summary = student_summary(campaign, header.get("name") or Path(args.save).stem)
        write_text(args.json, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        print(f"Wrote the student's summary to {args.json}")
    return 0


def _class_report(args: Namespace) -> int:
    from game.debrief.classreport import collect, render_class_report

    folder = Path(args.class_dir)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return 2
    if args.html is None:
        print("error: say where to write the class report: --html OUT.html", file=sys.stderr)
        return 2
    try:
        data = collect(folder)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    write_text(args.html, render_class_report(data))
    print(f"Wrote the class report for {len(data.students)} campaigns to {args.html}")
    for name, reason in data.skipped:
        print(f"  skipped {name}: {reason}")
    return 0
