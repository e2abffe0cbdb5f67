"""The command line, run as a user runs it: real processes, real files."""

import json
import subprocess
import sys

import jsonschema
import pytest

from game.content.loader import load_scenario
from game.saves import load_save
from tests.conftest import FIXTURES, ROOT

GOLDEN = str(FIXTURES / "golden")


def run(*args, cwd=ROOT):
    result = subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.mark.parametrize(
    "command",
    [[], ["play"], ["validate"], ["simulate"], ["search"], ["schema"], ["bench"], ["sound"]],
)
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_simulate_prints_endings_and_events_and_writes_json(tmp_path):
    out = tmp_path / "summary.json"
    result = run(
        "simulate", GOLDEN, "--runs", "300", "--seed", "5", "--policy", "random", "--json", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "Simulated 300 campaigns" in result.stdout and "Endings:" in result.stdout
    assert "harvest" in result.stdout
    data = json.loads(out.read_text())
    assert data["runs"] == 300 and sum(e["count"] for e in data["endings"].values()) == 300
    assert data["seeds"] == [5, 304]


def test_simulate_save_writes_a_loadable_campaign(tmp_path):
    out = tmp_path / "one.json"
    result = run(
        "simulate",
        GOLDEN,
        "--runs",
        "1",
        "--seed",
        "42",
        "--policy",
        "heuristic",
        "--save",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    campaign = load_save(out, load_scenario(GOLDEN))
    assert campaign.is_over and campaign.seed == 42


def test_simulate_scripted_policy(tmp_path):
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps({"1930-Q1": {"orders": {"policies": {"pace": 0}, "decisions": ["pact"]}}})
    )
    out = tmp_path / "one.json"
    result = run(
        "simulate",
        GOLDEN,
        "--runs",
        "1",
        "--policy",
        "scripted",
        "--script",
        str(script),
        "--save",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    first = json.loads(out.read_text())["records"][0]
    assert first["orders"] == {"policies": {"pace": 0.0}, "decisions": ["pact"]}


@pytest.mark.parametrize(
    "args, message",
    [
        (["simulate", GOLDEN, "--runs", "2", "--save", "x.json"], "use it with --runs 1"),
        (["simulate", GOLDEN, "--policy", "clever"], "unknown policy 'clever'"),
        (["simulate", GOLDEN, "--runs", "0"], "--runs must be at least 1"),
        (["simulate", "no_such_scenario"], "no scenario folder or id 'no_such_scenario'"),
    ],
)
def test_simulate_refuses_bad_arguments_clearly(args, message):
    result = run(*args)
    assert result.returncode != 0
    assert message in result.stderr


def test_schema_is_valid_json_schema_and_accepts_the_scenarios(tmp_path):
    import yaml

    out = tmp_path / "schema.json"
    assert run("schema", "--out", str(out)).returncode == 0
    schema = json.loads(out.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "scenarios").rglob("*.yaml")) + sorted(
        (FIXTURES / "golden").rglob("*.yaml")
    )
    assert files
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, f"{path}: {errors[0].message}"
    bad = {"events": [{"id": "a", "title": "A", "text": "t", "trigger": {"fird": "x"}}]}
    assert list(validator.iter_errors(bad))


def test_schema_to_stdout_matches_the_file(tmp_path):
    out = tmp_path / "schema.json"
    run("schema", "--out", str(out))
    assert json.loads(run("schema").stdout) == json.loads(out.read_text())


def test_the_shipped_schema_is_up_to_date():
    from game.content.schema import build_schema

    shipped = json.loads((ROOT / "scenarios" / "schema" / "great-turn.schema.json").read_text())
    assert shipped == build_schema(), (
        "run: python -m game schema --out scenarios/schema/great-turn.schema.json"
    )


def test_every_scenario_file_points_its_editor_at_the_schema():
    for path in sorted((ROOT / "scenarios").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert target == (ROOT / "scenarios" / "schema" / "great-turn.schema.json").resolve(), path


def test_play_in_the_terminal_from_the_command_line(tmp_path):
    import os

    env = {**os.environ, "GREAT_TURN_SAVES": str(tmp_path)}
    answers = "\n" + "1\n" * 6 + "\n" + "1\n" * 6 + "quit\n"
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--seed", "3"],
        input=answers,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Autumn 1928" in result.stdout and (tmp_path / "autosave-1.json").exists()


def test_the_default_command_opens_the_game_window(tmp_path):
    import os

    env = {
        **os.environ,
        "GREAT_TURN_SAVES": str(tmp_path),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "game"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        process.wait(timeout=4)
    except subprocess.TimeoutExpired:
        process.terminate()  # still running: the window's event loop is up
        process.wait(timeout=10)
        return
    raise AssertionError(f"the game exited at once: {process.stderr.read()}")


def test_without_a_screen_the_game_says_so_and_points_to_the_terminal(tmp_path):
    import os

    # No display and no driver asked for: SDL would fall back to an invisible window and
    # the game would wait for ever for a player who cannot see it.
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env.update(GREAT_TURN_SAVES=str(tmp_path), SDL_AUDIODRIVER="dummy")
    result = subprocess.run(
        [sys.executable, "-m", "game"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "No screen to open the window on" in result.stderr
    assert "python -m game play --text ussr1928" in result.stderr
    assert "Traceback" not in result.stderr
