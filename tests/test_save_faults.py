"""Saves under faults: a kill in the middle of a save, a full disk, a folder the game
may not write, autosave rotation through all of these, and saves from older versions.

The kills are real: a child process writes saves and is killed with SIGKILL, either at
random moments or, to hit each window of the write for certain, by itself at a chosen
step. After every kill the slot must hold a whole save, the old one or the new one.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.core.orders import Orders
from game.saves import SAVE_VERSION, SaveError, autosave, load_save, read_save_header, write_save
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy, RandomPolicy
from tests.conftest import FIXTURES, ROOT
from tests.helpers import play_quarters

GOLDEN = FIXTURES / "golden"
OLD_SAVES = FIXTURES / "saves"

# Kills at random moments per test: each costs a fresh child process (about a second).
KILLS = 6

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals and limits")

# The child process: loads the campaigns of some saves, then writes them as told.
CHILD = textwrap.dedent(
    """
    import os, resource, signal, sys
    from pathlib import Path

    from game import saves
    from game.content.loader import load_scenario

    mode, scenario_path, target, *sources = sys.argv[1:]
    scenario = load_scenario(scenario_path)
    campaigns = [saves.load_save(Path(s), scenario) for s in sources]
    target = Path(target)

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    def die_at_call(number, real):
        calls = []

        def wrapper(*args, **kwargs):
            calls.append(1)
            if len(calls) == number:
                die()
            return real(*args, **kwargs)

        return wrapper

    def write(campaign):
        if target.suffix == ".json":
            saves.write_save(campaign, target)
        else:
            saves.autosave(campaign, target, keep=3)

    if mode == "loop":
        print("ready", flush=True)
        for i in range(10**9):
            write(campaigns[i % len(campaigns)])
    elif mode == "half-written":
        real_fdopen = os.fdopen

        class HalfWriting:
            def __init__(self, stream):
                self.stream = stream
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return False
            def write(self, text):
                self.stream.write(text[: len(text) // 2])
                self.stream.flush()
                os.fsync(self.stream.fileno())
                die()

        os.fdopen = lambda *args, **kwargs: HalfWriting(real_fdopen(*args, **kwargs))
        write(campaigns[0])
    elif mode.startswith("rename-"):
        os.replace = die_at_call(int(mode.removeprefix("rename-")), os.replace)
        write(campaigns[0])
    elif mode.startswith("file-size-limit-"):
        limit = int(mode.removeprefix("file-size-limit-"))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            write(campaigns[0])
        except saves.SaveError as error:
            print(error)
            sys.exit(3)
    elif mode == "unprivileged":
        if os.geteuid() == 0:  # root writes anywhere: act as an ordinary user instead
            try:
                os.setgid(65534)
                os.setuid(65534)
            except PermissionError:
                sys.exit(4)
        try:
            write(campaigns[0])
        except saves.SaveError as error:
            print(error)
            sys.exit(3)
    print("finished", flush=True)
    """
)


@pytest.fixture(scope="module")
def golden():
    return load_scenario(GOLDEN)


@pytest.fixture(scope="module")
def child_script(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("child") / "child.py"
    path.write_text(CHILD, encoding="utf-8")
    return path


def start_child(script: Path, *args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def run_child(script: Path, *args) -> subprocess.CompletedProcess:
    process = start_child(script, *args)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def campaigns_of(golden, count: int) -> list:
    """Distinct campaigns: the same world saved at successive quarters."""
    return [play_quarters(golden, quarters, seed=4) for quarters in range(1, count + 1)]


def digest_in(path: Path, scenario) -> str:
    return load_save(path, scenario).state.digest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- killed while saving -------------------------------------------------------------


def kill_at_a_random_moment(child, folder: Path, moments: random.Random, while_writing: bool):
    """SIGKILL the looping child: at any moment, or while a save's temporary file exists.

    Serialising a save takes most of each loop and the write itself about a
    millisecond, so kills at any moment seldom land inside the write; watching for the
    temporary file aims half of them there.
    """
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    child.stdout.close()
    if while_writing:
        for _ in range(1_000_000):  # a bound, not a timing: a write starts within a few
            if any(name.startswith(".") for name in os.listdir(folder)):
                break
        time.sleep(moments.uniform(0.0, 0.0005))
    else:
        time.sleep(moments.uniform(0.0, 0.08))
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=60) == -signal.SIGKILL
    child.stderr.close()


@posix_only
def test_a_save_killed_at_random_moments_leaves_the_old_or_the_new_save(
    campaign_scenario, child_script, tmp_path
):
    sources = []
    for seed in (1, 2):
        path = tmp_path / f"source-{seed}.json"
        write_save(play_campaign(campaign_scenario, seed, HeuristicPolicy()), path)
        sources.append(path)
    assert sources[0].stat().st_size > 100_000  # a whole campaign: a large save
    expected = {digest_in(path, campaign_scenario) for path in sources}
    slot = tmp_path / "slots" / "slot.json"
    slot.parent.mkdir()
    shutil.copyfile(sources[0], slot)
    moments = random.Random(1928)
    interrupted = 0
    for kill in range(KILLS):
        child = start_child(child_script, "loop", "ussr1928", slot, *sources)
        kill_at_a_random_moment(child, slot.parent, moments, while_writing=kill % 2 == 1)
        assert digest_in(slot, campaign_scenario) in expected
        interrupted += bool(leftovers(slot.parent))
        for name in leftovers(slot.parent):
            (slot.parent / name).unlink()
    print(f"{interrupted} of {KILLS} kills interrupted a write")


@posix_only
def test_autosaves_killed_at_random_moments_stay_whole(golden, child_script, tmp_path):
    sources = []
    for index, campaign in enumerate(campaigns_of(golden, 4)):
        sources.append(write_save(campaign, tmp_path / f"source-{index}.json"))
    expected = {digest_in(path, golden) for path in sources}
    folder = tmp_path / "autosaves"
    for campaign in campaigns_of(golden, 3):
        autosave(campaign, folder, keep=3)
    moments = random.Random(1941)
    for kill in range(KILLS):
        child = start_child(child_script, "loop", GOLDEN, folder, *sources)
        kill_at_a_random_moment(child, folder, moments, while_writing=kill % 2 == 1)
        for slot in ("autosave-1.json", "autosave-2.json", "autosave-3.json"):
            assert digest_in(folder / slot, golden) in expected, slot
        for name in leftovers(folder):
            (folder / name).unlink()


@posix_only
@pytest.mark.parametrize("moment", ["half-written", "rename-1"])
def test_a_save_killed_before_its_rename_leaves_the_old_save_untouched(
    golden, child_script, tmp_path, moment
):
    old, new = campaigns_of(golden, 2)
    slot = write_save(old, tmp_path / "slot.json")
    before = slot.read_bytes()
    source = write_save(new, tmp_path / "new" / "source.json")
    child = run_child(child_script, moment, GOLDEN, slot, source)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert slot.read_bytes() == before
    assert digest_in(slot, golden) == old.state.digest()
    [temp] = leftovers(tmp_path)  # the interrupted write, beside the slot and hidden
    if moment == "half-written":
        with pytest.raises(SaveError, match="damaged"):
            load_save(tmp_path / temp, golden)
    # The next save works as if nothing had happened.
    write_save(new, slot)
    assert digest_in(slot, golden) == new.state.digest()


@posix_only
@pytest.mark.parametrize("rename", [1, 2, 3, 4])
def test_autosave_killed_at_each_step_of_its_rotation_keeps_every_slot_whole(
    golden, child_script, tmp_path, rename
):
    """Rename 1 finishes the new save; 2 and 3 copy older saves down; 4 puts the new one
    in autosave-1. A kill before any of them leaves each slot its old save or the one
    from the slot above it."""
    c1, c2, c3, c4, c5 = campaigns_of(golden, 5)
    folder = tmp_path / "autosaves"
    for campaign in (c1, c2, c3):
        autosave(campaign, folder, keep=3)
    source = write_save(c4, tmp_path / "source.json")
    child = run_child(child_script, f"rename-{rename}", GOLDEN, folder, source)
    assert child.returncode == -signal.SIGKILL, child.stderr

    def slot(n: int) -> str:
        return digest_in(folder / f"autosave-{n}.json", golden)

    d = {c: c.state.digest() for c in (c1, c2, c3, c4, c5)}
    assert slot(1) == d[c3]  # autosave-1 changes only with the last rename
    assert slot(2) in {d[c2], d[c3]}
    assert slot(3) in {d[c1], d[c2]}
    # After the crash, autosaving goes on and rotates as usual.
    autosave(c5, folder, keep=3)
    assert [slot(1), slot(2)] == [d[c5], d[c3]]
    assert sorted(p.name for p in folder.glob("autosave-*.json")) == [
        "autosave-1.json",
        "autosave-2.json",
        "autosave-3.json",
    ]


# --- a full disk, a folder the game may not write --------------------------------------


@posix_only
@pytest.mark.parametrize("target", ["slot.json", "autosaves"])
def test_a_full_disk_never_replaces_a_good_save(golden, child_script, tmp_path, target):
    """The child may not grow any file past 1,000 bytes (RLIMIT_FSIZE): its writes fail
    in the kernel, as they do on a full disk, with a real OSError."""
    old, new = campaigns_of(golden, 2)
    path = tmp_path / target
    if target == "autosaves":
        autosave(old, path, keep=3)
    else:
        write_save(old, path)
    before = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    source = write_save(new, tmp_path.parent / f"{tmp_path.name}-source.json")
    assert source.stat().st_size > 1000
    child = run_child(child_script, "file-size-limit-1000", GOLDEN, path, source)
    assert child.returncode == 3, child.stderr
    assert "could not write the save" in child.stdout and "File too large" in child.stdout
    after = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing replaced, no temporary file left behind


@posix_only
@pytest.mark.parametrize("target", ["slot.json", "autosaves"])
def test_a_folder_the_game_may_not_write_gives_a_message_and_keeps_the_save(
    golden, child_script, target
):
    old, new = campaigns_of(golden, 2)
    # Outside pytest's private temporary folder, so that an unprivileged child can reach it.
    base = Path(tempfile.mkdtemp(prefix="great-turn-readonly-"))
    try:
        base.chmod(0o755)
        folder = base / "saves"
        path = folder / target
        if target == "autosaves":
            autosave(old, path, keep=3)
            path.chmod(0o555)
        else:
            write_save(old, path)
            path.chmod(0o644)
        folder.chmod(0o555)
        source = write_save(new, base / "source.json")
        source.chmod(0o644)
        before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        child = run_child(child_script, "unprivileged", GOLDEN, path, source)
        if child.returncode == 4:
            pytest.skip("running as root without the right to become an ordinary user")
        assert child.returncode == 3, child.stderr
        assert "Permission denied" in child.stdout
        assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    finally:
        for path in (base, *base.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(base)


def test_a_saves_folder_that_is_a_file_gives_a_message(golden, tmp_path):
    not_a_folder = tmp_path / "saves"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    campaign = play_quarters(golden, 2)
    with pytest.raises(SaveError, match="could not write the save"):
        write_save(campaign, not_a_folder / "slot.json")
    with pytest.raises(SaveError, match="could not write"):
        autosave(campaign, not_a_folder)
    assert not_a_folder.read_text(encoding="utf-8") == "a file, not a folder"


# --- autosave rotation -----------------------------------------------------------------


@pytest.mark.parametrize("keep", [1, 2, 5])
def test_autosaves_keep_the_last_n_newest_first(golden, tmp_path, keep):
    campaign = play_quarters(golden, 0, seed=6)
    for _ in range(7):
        events = campaign.submit(Orders())
        campaign.answer({event.id: options[0] for event, options in events})
        autosave(campaign, tmp_path, keep=keep)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"autosave-{n}.json" for n in range(1, keep + 1)]
    turns = [load_save(tmp_path / name, golden).turn for name in names]
    assert turns == [7 - n for n in range(keep)]


# --- saves from older versions of the game ---------------------------------------------


def test_a_save_from_the_first_edition_of_the_format_loads_by_replay(golden, tmp_path, monkeypatch):
    """Made by the game at commit d2ef118, before saves had a checksum or the raw state
    (see tests/fixtures/saves/README.md): it loads to the very campaign this game plays."""
    path = OLD_SAVES / "format1-first-edition-golden-finished.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "checksum" not in data and "state" not in data["snapshot"]
    loaded = load_save(path, golden)
    played = play_campaign(golden, 5, HeuristicPolicy())
    assert loaded.state.digest() == played.state.digest() == data["snapshot"]["digest"]
    assert [r.to_dict() for r in loaded.records] == data["records"]
    # The same history; only the orders were recorded differently by that game (it
    # listed a policy level again each quarter even when it did not change).
    for old, new in zip(loaded.records, played.records, strict=True):
        assert (old.fired, old.choices, old.changes) == (new.fired, new.choices, new.changes)
    monkeypatch.chdir(FIXTURES)  # where the debrief finds the scenario 'golden' by its id
    assert main(["debrief", str(path), "--html", str(tmp_path / "debrief.html")]) == 0
    assert "Golden playthrough" in (tmp_path / "debrief.html").read_text(encoding="utf-8")


def test_an_old_save_mid_campaign_continues_and_is_saved_in_the_current_format(golden, tmp_path):
    campaign = load_save(OLD_SAVES / "format1-first-edition-golden-1931.json", golden)
    assert campaign.turn == 5 and not campaign.is_over
    campaign.play(Orders(policies={"pace": 0}), {"harvest": "import"})
    resaved = write_save(campaign, tmp_path / "resaved.json")
    assert "checksum" in json.loads(resaved.read_text(encoding="utf-8"))
    assert load_save(resaved, golden, replay=True).state.digest() == campaign.state.digest()


def test_an_edited_old_save_is_refused(golden, tmp_path):
    data = json.loads((OLD_SAVES / "format1-first-edition-golden-finished.json").read_text())
    record = next(r for r in data["records"] if r["choices"])
    event, option = next(iter(record["choices"].items()))
    record["choices"][event] = "import" if option == "requisition" else "requisition"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="no longer replay|does not reach the saved state"):
        load_save(path, golden)


def test_an_old_save_of_changed_content_says_which_game_made_it_and_what_to_do(
    campaign_scenario, capsys, tmp_path
):
    path = OLD_SAVES / "format1-first-edition-ussr1928-old-content.json"
    with pytest.raises(SaveError) as refused:
        load_save(path, campaign_scenario)
    message = str(refused.value)
    assert "made by Great Turn 0.1.0" in message
    assert "different version of scenario 'ussr1928'" in message
    assert "open it with the version of the game that made it, or start a new campaign" in message
    assert main(["debrief", str(path), "--html", str(tmp_path / "out.html")]) == 1
    assert "made by Great Turn 0.1.0" in capsys.readouterr().err
    assert not (tmp_path / "out.html").exists()


def test_a_save_from_a_newer_game_says_so(golden, tmp_path):
    campaign = play_campaign(golden, 2, RandomPolicy())
    path = write_save(campaign, tmp_path / "future.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(version=SAVE_VERSION + 1, game_version="0.9.0")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        SaveError,
        match=rf"newer version of the game \(Great Turn 0.9.0, save format {SAVE_VERSION + 1}",
    ):
        read_save_header(path)
