"""Property tests and fuzzing: random legal play never breaks the state, and mutated
scenario files and saves end in a clear error or a valid result, never a traceback or a
hang.

CI runs a few dozen examples of each fuzzer; `HYPOTHESIS_PROFILE=long pytest
tests/test_properties.py --hypothesis-show-statistics` runs thousands and says how many.
Every input that broke the game is kept in tests/fixtures/fuzz/ and tested below.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.diagnostics import ContentError
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.orders import Orders
from game.saves import SaveError, checksum, load_save, read_save_header, write_save
from game.sim.batch import play_campaign, run_batch
from game.sim.policies import HeuristicPolicy, RandomPolicy
from tests.conftest import FIXTURES, ROOT, write_scenario
from tests.helpers import play_quarters

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
# A hang detector, far above any honest load (about 0.1 s for the 1928 campaign).
TIME_LIMIT_SECONDS = 20

SCENARIOS = {"golden": FIXTURES / "golden", "ussr1928": ROOT / "scenarios" / "ussr1928"}
CAMPAIGN = ROOT / "scenarios" / "ussr1928"
_loaded: dict[str, object] = {}


def scenario(name):
    if name not in _loaded:
        _loaded[name] = load_scenario(SCENARIOS[name])
    return _loaded[name]


def fuzz_settings(ci_examples: int, long_examples: int) -> settings:
    return settings(
        max_examples=long_examples if LONG else ci_examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )


class Hang(BaseException):
    """An input the game did not answer within the time limit (BaseException, so that
    no `except Exception` in the code under test can swallow it)."""


@contextmanager
def time_limit(seconds: float = TIME_LIMIT_SECONDS):
    if not hasattr(signal, "setitimer"):  # no interval timers on Windows: no hang detector
        yield
        return

    def expire(signum, frame):
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- random legal play ---------------------------------------------------------------


def assert_sane(campaign: Campaign) -> None:
    layout = campaign.scenario.layout
    values = campaign.state.values[0]
    assert np.all(np.isfinite(values[: len(layout.declared()) + 1]))
    declared = layout.declared()
    for var in declared:
        value = campaign.value(var.name)
        assert var.minimum <= value <= var.maximum, (var.name, value)


def play_randomly(data, campaign: Campaign) -> None:
    while not campaign.is_over:
        legal = campaign.legal_orders()
        policies = {}
        for status in legal.policies:
            if status.allowed and data.draw(st.booleans()):
                policies[status.policy.id] = data.draw(
                    st.sampled_from([lvl.value for lvl in status.policy.levels])
                )
        allowed = legal.allowed_decisions()
        decisions = (
            data.draw(st.lists(st.sampled_from(allowed), unique=True, max_size=legal.max_decisions))
            if allowed
            else []
        )
        events = campaign.submit(Orders(policies, tuple(decisions)))
        campaign.answer({e.id: data.draw(st.sampled_from(options)) for e, options in events})
        assert_sane(campaign)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@fuzz_settings(10, 300)
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_random_legal_play_keeps_the_state_sane(name, data, seed):
    campaign = Campaign(scenario(name), seed)
    play_randomly(data, campaign)
    assert campaign.ending is not None
    assert (
        Campaign.replay(campaign.scenario, seed, campaign.records).state.digest()
        == campaign.state.digest()
    )


# --- mutated scenario files ----------------------------------------------------------


def yaml_line_count(raw: bytes) -> int:
    """Lines as YAML counts them: \r, \n, \r\n, NEL, LS and PS all end a line."""
    text = raw.decode("utf-8", errors="replace")
    return len(re.split("\r\n|\r|\n|\x85|\u2028|\u2029", text))


def assert_clear_content_error(error: ContentError, folder: Path) -> None:
    """Every diagnostic names a file of the scenario and a line and column inside it."""
    assert error.diagnostics
    for diagnostic in error.diagnostics:
        assert diagnostic.message and diagnostic.severity == "error"
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        path = Path(diagnostic.file)
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_file():
            # libyaml reports an unexpected end of the file on the line after the last.
            lines = yaml_line_count(path.read_bytes())
            assert diagnostic.line <= lines + 1, (str(diagnostic), lines)
        else:
            assert path == folder or folder in path.parents, str(diagnostic)
    first = str(error).splitlines()[0]
    assert f":{error.diagnostics[0].line}:{error.diagnostics[0].column}: error" in first


def load_or_explain(folder: Path):
    """Load a scenario: a Scenario, or None after checking the error is a clear one.

    A scenario that loads must also play: two whole campaigns, without an exception
    (whether its numbers stay sane is the soak's question, not the loader's).
    """
    try:
        with time_limit():
            loaded = load_scenario(folder)
    except ContentError as error:
        assert_clear_content_error(error, folder)
        return None
    with time_limit():
        run_batch(loaded, [1, 2], RandomPolicy())
    return loaded


GOLDEN_TEXT = (FIXTURES / "golden" / "scenario.yaml").read_text(encoding="utf-8")


@fuzz_settings(60, 3000)
@given(
    position=st.integers(min_value=0, max_value=len(GOLDEN_TEXT) - 1),
    cut=st.integers(min_value=0, max_value=12),
    insert=st.text(alphabet=st.sampled_from(list(" :-[]{}&*!#'\"\n\tabc0.19_|>%@`,?")), max_size=6),
)
def test_mutated_scenario_files_give_errors_or_a_scenario(tmp_path_factory, position, cut, insert):
    text = GOLDEN_TEXT[:position] + insert + GOLDEN_TEXT[position + cut :]
    folder = write_scenario(tmp_path_factory.mktemp("mutant"), {}, base=text)
    load_or_explain(folder)


CAMPAIGN_FILES = sorted(path.relative_to(CAMPAIGN).as_posix() for path in CAMPAIGN.rglob("*.yaml"))


@pytest.fixture(scope="module")
def campaign_copy(tmp_path_factory):
    """A private copy of the 1928 campaign; each example mutates one file and puts it back."""
    folder = tmp_path_factory.mktemp("campaign") / "ussr1928"
    shutil.copytree(CAMPAIGN, folder)
    return folder


@contextmanager
def replaced(path: Path, content: bytes):
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        yield
    finally:
        path.write_bytes(original)


NASTY_BYTES = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\t",
    b"\r",
    b"\n  - ",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"{",
    b"[",
    b"]]]",
    b"'",
    b'"',
    b"---\n",
    b"%YAML 1.1\n",
    b"? ",
    b"|",
    b">-",
    b"#",
    b"9" * 400,
    b"1e999",
    b".nan",
    "\u0439\u202e\U0001f4a5\u0301".encode(),
    b"\xed\xa0\x80",
]


@st.composite
def byte_mutations(draw, text: bytes) -> bytes:
    """Bit flips, cuts, insertions of nasty bytes, repeated lines, truncation."""
    data = bytearray(text)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not data:
            break
        position = draw(st.integers(min_value=0, max_value=len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if kind == "flip":
            data[position] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif kind == "cut":
            del data[position : position + draw(st.integers(min_value=1, max_value=200))]
        elif kind == "insert":
            data[position:position] = draw(
                st.sampled_from(NASTY_BYTES) | st.binary(min_size=1, max_size=8)
            )
        elif kind == "repeat":
            end = data.find(b"\n", position)
            end = len(data) if end < 0 else end + 1
            data[end:end] = data[position:end] * draw(st.integers(min_value=1, max_value=3))
        else:
            del data[position:]
    return bytes(data)


def nasty_values(depth_marker: str) -> st.SearchStrategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.sampled_from([0, -1, 1, 2**31, 2**63, 2**64, -(2**63) - 1, 10**30, 10**300]),
        st.sampled_from([0.5, -0.0, 1e-320, 1e308, -1e308, 1.7976931348623157e308]),
        st.sampled_from(["", " ", "~", "yes", "no", "1928-Q5", "economy", "nan", ".inf"]),
        st.text(max_size=30),
        st.text(alphabet="\u0439\u202e\U0001f4a5\u0301\u200b\ufeff\u00a0x", min_size=1),
        st.just("x" * 20_000),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
        st.just(depth_marker),
    )


DEEP = "__DEEP__"


def locations(data, path=()):
    """Every (path, value) in a parsed document, the root included."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from locations(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from locations(value, (*path, index))


def parent_of(data, path):
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def tree_mutations(draw, document):
    """Structural edits of a parsed file: delete, retype, rename, duplicate, nest deep."""
    import copy

    data = copy.deepcopy(document)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = [path for path, _ in locations(data) if path]
        if not places:
            break
        path = draw(st.sampled_from(places))
        container = parent_of(data, path)
        key = path[-1]
        kind = draw(st.sampled_from(["delete", "replace", "rename", "duplicate", "wrap"]))
        if kind == "delete":
            del container[key]
        elif kind == "replace":
            container[key] = draw(nasty_values(DEEP))
        elif kind == "rename" and isinstance(container, dict):
            new_key = draw(
                st.sampled_from([key + "s", key[:-1], key.upper(), "", "id", "when", "effects"])
                | st.text(max_size=8)
            )
            container[new_key] = container.pop(key)
        elif kind == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif kind == "wrap":
            container[key] = draw(st.sampled_from([[container[key]], {"all": [container[key]]}]))
    return data


def dump(data, deep_levels: int) -> bytes:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    deep = "[" * deep_levels + "1" + "]" * deep_levels
    return text.replace(DEEP, deep).encode("utf-8")


_parsed: dict[str, object] = {}


def parsed(name: str):
    if name not in _parsed:
        _parsed[name] = yaml.load((CAMPAIGN / name).read_text(encoding="utf-8"), yaml.CSafeLoader)
    return _parsed[name]


@fuzz_settings(25, 3000)
@given(data=st.data(), name=st.sampled_from(CAMPAIGN_FILES))
def test_campaign_files_with_damaged_bytes_give_errors_or_a_scenario(campaign_copy, data, name):
    target = campaign_copy / name
    mutated = data.draw(byte_mutations(target.read_bytes()))
    with replaced(target, mutated):
        load_or_explain(campaign_copy)


@fuzz_settings(25, 3000)
@given(
    data=st.data(),
    name=st.sampled_from(CAMPAIGN_FILES),
    deep_levels=st.sampled_from([1, 60, 400, 5000]),
)
def test_campaign_files_with_damaged_structure_give_errors_or_a_scenario(
    campaign_copy, data, name, deep_levels
):
    target = campaign_copy / name
    mutated = data.draw(tree_mutations(parsed(name)))
    with replaced(target, dump(mutated, deep_levels)):
        load_or_explain(campaign_copy)


def test_the_structural_fuzzer_starts_from_files_that_load(tmp_path):
    """Every file parsed and dumped back unchanged still makes a campaign that loads, or
    the structural fuzzer would only ever explore broken input."""
    folder = tmp_path / "ussr1928"
    for name in CAMPAIGN_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(dump(parsed(name), 1))
    assert load_or_explain(folder) is not None


# --- mutated saves -------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_saves(tmp_path_factory):
    """Saves to mutate, with the scenario each belongs to: finished and mid-campaign."""
    folder = tmp_path_factory.mktemp("saves")
    made = {
        "golden-finished": ("golden", play_campaign(scenario("golden"), 3, RandomPolicy())),
        "golden-mid": ("golden", play_quarters(scenario("golden"), 5, seed=8)),
        "ussr1928-finished": (
            "ussr1928",
            play_campaign(scenario("ussr1928"), 11, HeuristicPolicy()),
        ),
    }
    saves = {}
    for name, (scenario_name, campaign) in made.items():
        path = write_save(campaign, folder / f"{name}.json")
        saves[name] = (scenario_name, path.read_bytes())
    return saves


HEADER_TYPES = {
    "name": str,
    "scenario": str,
    "scenario_title": str,
    "date": str,
    "ending": str,
    "saved_at": str,
}


def assert_loads_or_explains(path: Path, scenario_name: str) -> None:
    """A clear SaveError naming the file, or a campaign that is whole and can go on."""
    sim = scenario(scenario_name)
    try:
        with time_limit():
            header = read_save_header(path)
            campaign = load_save(path, sim)
    except SaveError as error:
        assert path.name in str(error) and len(str(error)) > len(path.name) + 10
        return
    for key, kind in HEADER_TYPES.items():
        assert isinstance(header.get(key, ""), kind), key
    assert isinstance(header.get("turn"), int) and not isinstance(header.get("turn"), bool)
    assert re.fullmatch("[a-z][a-z0-9_]*", header["scenario"])  # an id, never a path
    assert campaign.state.digest() == header["snapshot"]["digest"]
    assert_sane(campaign)
    assert [r.turn for r in campaign.records] == list(range(len(campaign.records)))
    if not campaign.is_over:
        events = campaign.submit(Orders())
        campaign.answer({event.id: options[0] for event, options in events})


@fuzz_settings(60, 5000)
@given(data=st.data(), name=st.sampled_from(["golden-finished", "golden-mid", "ussr1928-finished"]))
def test_saves_with_damaged_bytes_give_a_clear_message_or_a_campaign(
    tmp_path_factory, good_saves, data, name
):
    scenario_name, good = good_saves[name]
    path = tmp_path_factory.mktemp("mutant") / "save.json"
    path.write_bytes(data.draw(byte_mutations(good)))
    assert_loads_or_explains(path, scenario_name)


@st.composite
def json_mutations(draw, document):
    """Edits of a save's JSON: delete, retype, huge arrays, deep nesting; half of them
    with the checksum made right again, as someone editing the file on purpose would."""
    import copy

    data = copy.deepcopy(document)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = [path for path, _ in locations(data) if path]
        path = draw(st.sampled_from(places))
        container = parent_of(data, path)
        key = path[-1]
        kind = draw(st.sampled_from(["delete", "replace", "huge", "repeat", "wrap"]))
        if kind == "delete":
            del container[key]
        elif kind == "replace":
            container[key] = draw(
                nasty_values(DEEP)
                | st.sampled_from([float("nan"), float("inf"), -float("inf"), 10**5000])
            )
        elif kind == "huge":
            container[key] = [0] * draw(st.sampled_from([1000, 300_000]))
        elif kind == "repeat":
            container[key] = [container[key]] * draw(st.integers(min_value=2, max_value=50))
        else:
            container[key] = [container[key]]
    if draw(st.booleans()):
        with any_int_size():
            data["checksum"] = checksum(data)
    return data


@contextmanager
def any_int_size():
    """json refuses integers over 4300 digits by default; the mutations write one."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(limit)


def json_text(data, deep_levels: int) -> str:
    with any_int_size():
        text = json.dumps(data, ensure_ascii=False)
    return text.replace(json.dumps(DEEP), "[" * deep_levels + "1" + "]" * deep_levels)


@fuzz_settings(60, 5000)
@given(
    data=st.data(),
    name=st.sampled_from(["golden-finished", "golden-mid", "ussr1928-finished"]),
    deep_levels=st.sampled_from([1, 500, 100_000]),
)
def test_saves_with_edited_contents_give_a_clear_message_or_a_campaign(
    tmp_path_factory, good_saves, data, name, deep_levels
):
    scenario_name, good = good_saves[name]
    document = json.loads(good)
    path = tmp_path_factory.mktemp("mutant") / "save.json"
    path.write_text(json_text(data.draw(json_mutations(document)), deep_levels), encoding="utf-8")
    assert_loads_or_explains(path, scenario_name)


FUZZ_FINDINGS = FIXTURES / "fuzz"


@pytest.mark.parametrize(
    "path", sorted((FUZZ_FINDINGS / "saves").glob("*.json")), ids=lambda path: path.stem
)
def test_saves_that_once_broke_the_game_are_refused_with_a_message(path):
    """Found by the fuzzers above or beside what they found; see tests/fixtures/fuzz/README.md."""
    with pytest.raises(SaveError) as refused, time_limit():
        read_save_header(path)
        load_save(path, scenario("golden"))
    message = str(refused.value)
    assert message.startswith(path.name) and "damaged" in message


@pytest.mark.parametrize(
    "folder", sorted((FUZZ_FINDINGS / "content").iterdir()), ids=lambda folder: folder.name
)
def test_scenarios_that_once_broke_the_loader_give_located_errors(folder):
    """Found by the structural fuzzer; see tests/fixtures/fuzz/README.md."""
    with pytest.raises(ContentError) as refused, time_limit():
        load_scenario(folder)
    assert_clear_content_error(refused.value, folder)
