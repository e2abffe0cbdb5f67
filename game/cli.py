"""The command line: python -m game {play, validate, simulate, search, schema, bench, ...}."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from game.content.diagnostics import ContentError
from game.sim.search_settings import Settings

DEFAULT_SCENARIO = "ussr1928"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="great-turn",
        description="Great Turn: the USSR from the great turn of 1928 to June 1941.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="open the game window (the default command)")
    play.add_argument(
        "--text", action="store_true", help="play in the terminal instead of a window"
    )
    play.add_argument(
        "scenario", nargs="?", default=DEFAULT_SCENARIO, help="with --text: scenario id or folder"
    )
    play.add_argument(
        "--seed", type=int, default=None, help="with --text: seed of the world (random if omitted)"
    )
    play.add_argument("--load", type=Path, help="with --text: continue from a save file")

    validate = commands.add_parser("validate", help="check scenarios and report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario ids or folders")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="CODE",
        help="do not report this warning code (repeatable); errors cannot be silenced",
    )

    simulate = commands.add_parser("simulate", help="play many campaigns headless with a policy")
    simulate.add_argument("scenario", metavar="SCENARIO", help="scenario id or folder")
    simulate.add_argument("--runs", type=int, default=100, help="number of campaigns (default 100)")
    simulate.add_argument("--seed", type=int, default=1, help="seed of the first campaign")
    simulate.add_argument(
        "--policy", default="heuristic", help="random, heuristic, historical or scripted"
    )
    simulate.add_argument("--script", type=Path, help="JSON script for the scripted policy")
    simulate.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: one per core; 1 plays every campaign in this process)",
    )
    simulate.add_argument("--json", type=Path, metavar="OUT", help="write the summary as JSON")
    simulate.add_argument(
        "--save",
        type=Path,
        metavar="OUT.json",
        help="with --runs 1: write the campaign as a save game",
    )
    simulate.add_argument(
        "--report",
        type=Path,
        metavar="OUT.html",
        help="write the balance report (endings, events, decisions, key variables) as one HTML page",
    )

    search = commands.add_parser(
        "search",
        help="search deliberate strategies: the best on each axis of the verdict, the "
        "Pareto front, each ending's likeliest path",
    )
    search.add_argument("scenario", metavar="SCENARIO", help="scenario id or folder")
    search.add_argument(
        "--budget",
        type=int,
        default=Settings.budget,
        metavar="N",
        help=f"strategies to evaluate (default {Settings.budget})",
    )
    search.add_argument(
        "--runs",
        type=int,
        default=Settings.runs,
        metavar="N",
        help=f"campaigns per strategy, seeds S..S+N-1 (default {Settings.runs})",
    )
    search.add_argument(
        "--seed",
        type=int,
        default=Settings.seed,
        help="seed of the search and of the first campaign",
    )
    search.add_argument(
        "--periods",
        type=int,
        default=Settings.periods,
        metavar="N",
        help=f"spans of the campaign a strategy sets its levels for (default {Settings.periods})",
    )
    search.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: one per core; the result is the same for any number)",
    )
    search.add_argument("--json", type=Path, metavar="OUT", help="write the whole result as JSON")
    search.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write each strategy named (best per axis, the front, per ending) as a script",
    )

    debrief = commands.add_parser(
        "debrief", help="the classroom debrief of a save, or the class report"
    )
    debrief.add_argument(
        "save",
        nargs="?",
        type=Path,
        metavar="SAVE",
        help="a save game (e.g. saves/autosave-1.json)",
    )
    debrief.add_argument(
        "--html", type=Path, metavar="OUT.html", help="write the report as one HTML file"
    )
    debrief.add_argument(
        "--json",
        type=Path,
        metavar="OUT.json",
        help="write the student's summary for the class report",
    )
    debrief.add_argument(
        "--class",
        dest="class_dir",
        type=Path,
        metavar="DIR",
        help="a folder of students' saves or summaries",
    )

    whatif = commands.add_parser(
        "whatif", help="replay a save with one choice taken differently, and compare"
    )
    whatif.add_argument("save", type=Path, metavar="SAVE")
    whatif.add_argument(
        "--turn", type=int, help="the turn (0 = the first quarter) of the choice to change"
    )
    whatif.add_argument(
        "--choose", metavar="EVENT=OPTION", help="take this option of that event instead"
    )
    whatif.add_argument("--skip", metavar="DECISION", help="do not take this decision")
    whatif.add_argument("--take", metavar="DECISION", help="take this decision too")

    schema = commands.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.add_argument("--out", type=Path, help="write it to a file instead")

    reference = commands.add_parser(
        "reference", help="print the modders' reference (scenarios/REFERENCE.md)"
    )
    reference.add_argument("--out", type=Path, help="write it to a file instead")

    new_scenario = commands.add_parser(
        "new-scenario", help="make a new scenario folder that validates and plays"
    )
    new_scenario.add_argument("name", metavar="NAME", help="the new scenario's id and folder name")
    new_scenario.add_argument(
        "--extends", metavar="ID", help="make a mod of this installed scenario"
    )
    new_scenario.add_argument(
        "--dir", type=Path, metavar="DIR", help="make the folder in DIR (default: scenarios/)"
    )

    soak = commands.add_parser(
        "soak", help="play thousands of campaigns, checking the state after every turn"
    )
    soak.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, help="scenario id or folder")
    soak.add_argument(
        "--runs", type=int, default=10_000, help="campaigns per policy (default 10000)"
    )
    soak.add_argument(
        "--policy",
        default="random,heuristic",
        help="comma-separated: random, heuristic, historical (default random,heuristic)",
    )
    soak.add_argument("--seed", type=int, default=1, help="seed of the first campaign")

    bench = commands.add_parser("bench", help="measure speed against the design targets")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions")
    bench.add_argument("--scenario", default=DEFAULT_SCENARIO, help="scenario id or folder")

    sound = commands.add_parser(
        "sound", help="the game's music and effects: their levels, and WAV files to listen to"
    )
    sound.add_argument("--out", type=Path, help="write every theme and effect here as WAV")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "play"
    try:
        if command == "validate":
            from game.commands.validate import run_validate

            return run_validate(args.paths, args.format, args.allow)
        if command == "simulate":
            from game.commands.simulate import run_simulate

            return run_simulate(args)
        if command == "search":
            from game.commands.search import run_search

            return run_search(args)
        if command == "debrief":
            from game.commands.debrief import run_debrief

            return run_debrief(args)
        if command == "whatif":
            from game.commands.whatif import run_whatif

            return run_whatif(args)
        if command == "schema":
            from game.commands.schema import run_schema

            return run_schema(args.out)
        if command == "reference":
            from game.commands.reference import run_reference

            return run_reference(args.out)
        if command == "new-scenario":
            from game.commands.new_scenario import run_new_scenario

            return run_new_scenario(args.name, args.extends, args.dir)
        if command == "soak":
            from game.commands.soak import run_soak

            return run_soak(args)
        if command == "bench":
            from game.commands.bench import run_bench

            return run_bench(quick=args.quick, scenario_name=args.scenario)
        if command == "sound":
            from game.commands.sound import run_sound

            return run_sound(args.out)
        if args.command is None:
            args = _parser().parse_args(["play"])
        if args.text:
            from game.commands.play import run_play

            return run_play(args)
        return _run_window()
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _run_window() -> int:
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import run_game

    try:
        return run_game()
    except pygame.error as error:
        print(
            f"The game window cannot open here ({error}). Play in the terminal with: python -m game play --text",
            file=sys.stderr,
        )
        return 1


def dump_json(data: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
