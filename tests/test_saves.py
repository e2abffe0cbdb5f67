"""Saves: written atomically, replayed when loaded, refused with a clear message when wrong."""

import json
import os

import pytest

from game import saves as saves_module
from game.content.loader import load_scenario
from game.core.orders import Orders
from game.saves import SAVE_VERSION, SaveError, autosave, checksum, load_save, write_save
from game.sim.batch import play_campaign
from game.sim.policies import HeuristicPolicy
from tests.conftest import FIXTURES, write_scenario
from tests.helpers import play_quarters


@pytest.fixture(scope="module")
def golden():
    return load_scenario(FIXTURES / "golden")


@pytest.fixture
def saved(golden, tmp_path):
    campaign = play_campaign(golden, 5, HeuristicPolicy())
    path = write_save(campaign, tmp_path / "slot1.json", name="My campaign")
    return campaign, path


def test_a_save_loads_to_the_same_campaign(golden, saved):
    campaign, path = saved
    loaded = load_save(path, golden)
    assert loaded.state.digest() == campaign.state.digest()
    assert loaded.ending.id == campaign.ending.id
    assert [r.to_dict() for r in loaded.records] == [r.to_dict() for r in campaign.records]


def test_a_campaign_in_progress_saves_and_continues(golden, tmp_path):
    campaign = play_quarters(golden, 5, seed=9)
    path = write_save(campaign, tmp_path / "mid.json")
    loaded = load_save(path, golden)
    assert loaded.turn == 5 and not loaded.is_over
    for c in (campaign, loaded):
        events = c.submit(Orders(policies={"pace": 0}))
        c.answer({e.id: opts[-1] for e, opts in events})
    assert loaded.state.digest() == campaign.state.digest()


def test_the_save_says_what_it_is(saved):
    _, path = saved
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "great-turn-save" and data["version"] == SAVE_VERSION
    assert data["scenario"] == "golden" and len(data["content_hash"]) == 64
    assert data["seed"] == 5 and data["name"] == "My campaign"
    assert len(data["records"]) == 16 and data["snapshot"]["digest"]
    assert "economy.output" in data["snapshot"]["values"]


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda text: text[: len(text) // 2], "is damaged (not valid JSON"),
        (lambda text: "", "is damaged (not valid JSON"),
        (lambda text: "[1, 2]", "is not a Great Turn save"),
        (
            lambda text: text.replace(f'"version":{SAVE_VERSION}', '"version":99'),
            "made by a newer version of the game",
        ),
        (
            lambda text: text.replace(f'"version":{SAVE_VERSION}', '"version":"x"'),
            "has no format version",
        ),
        (lambda text: text.replace('"seed":5', '"seed":6'), "do not match their checksum"),
        (lambda text: text.replace('"requisition"', '"import"', 1), "do not match their checksum"),
    ],
)
def test_a_damaged_save_is_refused_with_a_clear_message(golden, saved, damage, message):
    _, path = saved
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(SaveError, match=message.replace("(", r"\(")):
        load_save(path, golden)


def edit_consistently(path, change) -> None:
    """Edit a save and fix its checksum, as a deliberate forger would."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    data["checksum"] = checksum(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(seed=-6), "seed is out of range"),
        (lambda d: d.pop("records"), "its contents are incomplete"),
        (
            lambda d: d["snapshot"].update(state=d["snapshot"]["state"][:-1]),
            "does not fit scenario",
        ),
        (lambda d: d["snapshot"]["state"].__setitem__(1, 99.0), "does not match its fingerprint"),
    ],
)
def test_an_edited_save_with_a_fixed_checksum_is_still_refused(golden, saved, change, message):
    _, path = saved
    edit_consistently(path, change)
    with pytest.raises(SaveError, match=message):
        load_save(path, golden)


def test_replay_proves_a_save_was_made_by_these_rules(golden, saved):
    campaign, path = saved
    assert load_save(path, golden, replay=True).state.digest() == campaign.state.digest()

    def forge_choice(data):
        for record in data["records"]:
            if record["choices"].get("harvest") == "requisition":
                record["choices"]["harvest"] = "import"
                return
        raise AssertionError("the campaign never answered the harvest event")

    edit_consistently(path, forge_choice)
    load_save(path, golden)  # the snapshot is intact, so a plain load accepts it...
    with pytest.raises(
        SaveError, match="replaying it does not reach the saved state|no longer replay"
    ):
        load_save(path, golden, replay=True)  # ...but replay catches the forgery


def test_a_save_of_another_scenario_or_other_content_is_refused(golden, saved, tmp_path):
    _, path = saved
    other = load_scenario(FIXTURES.parent.parent / "tests" / "fixtures" / "golden")
    assert other.content_hash == golden.content_hash
    changed_folder = tmp_path / "changed"
    text = (FIXTURES / "golden" / "scenario.yaml").read_text(encoding="utf-8")
    write_scenario(changed_folder, {}, base=text.replace("initial: 30", "initial: 31"))
    with pytest.raises(SaveError, match="different version of scenario 'golden'"):
        load_save(path, load_scenario(changed_folder))
    renamed = tmp_path / "renamed"
    write_scenario(renamed, {}, base=text.replace("id: golden", "id: silver"))
    with pytest.raises(SaveError, match="a save of scenario 'golden', not 'silver'"):
        load_save(path, load_scenario(renamed))


def test_missing_and_foreign_files(golden, tmp_path):
    with pytest.raises(SaveError, match="there is no save"):
        load_save(tmp_path / "nothing.json", golden)
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError, match="cannot be read as a save"):
        load_save(tmp_path / "bin.json", golden)


def test_a_failed_write_never_replaces_a_good_save(golden, saved, monkeypatch):
    campaign, path = saved
    before = path.read_bytes()

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves_module.os, "replace", failing_replace)
    with pytest.raises(SaveError, match="No space left on device"):
        write_save(play_quarters(golden, 2), path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left behind
    monkeypatch.undo()
    assert load_save(path, golden).state.digest() == campaign.state.digest()


def test_autosaves_rotate_and_keep_the_last_three(golden, tmp_path):
    campaign = play_quarters(golden, 0)
    for _ in range(5):
        campaign.play(Orders())
        autosave(campaign, tmp_path, keep=3)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["autosave-1.json", "autosave-2.json", "autosave-3.json"]
    assert load_save(tmp_path / "autosave-1.json", golden).turn == 5
    assert load_save(tmp_path / "autosave-3.json", golden).turn == 3


def test_saving_while_events_wait_for_answers_is_refused(golden, tmp_path):
    campaign = play_quarters(golden, 0)
    campaign.submit(Orders())
    if campaign.pending is not None:
        with pytest.raises(SaveError, match="finish answering"):
            write_save(campaign, tmp_path / "x.json")
    assert not os.path.exists(tmp_path / "x.json")


def test_a_format_1_save_still_loads_and_refusals_are_kept_from_format_2(golden, tmp_path):
    """Format 2 added refused orders to the records; a format 1 save has none and loads."""
    campaign = play_quarters(golden, 3)
    path = write_save(campaign, tmp_path / "old.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 1
    data["checksum"] = checksum(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_save(path, golden, replay=True)
    assert loaded.state.digest() == campaign.state.digest()

    while campaign.value("economy.valuta") >= 5:
        campaign.play(Orders(decisions=("machines",)))
    campaign.play(Orders(decisions=("machines",)))
    assert campaign.records[-1].refused, "a decision the purse cannot pay for is refused"
    path = write_save(campaign, tmp_path / "new.json")
    assert load_save(path, golden).records[-1].refused == campaign.records[-1].refused
