"""Every mistake a modder can make: file:line:col, a clear message, all at once, no traceback."""

import subprocess
import sys

import pytest

from game.content.diagnostics import ContentError
from game.content.loader import load_scenario
from tests.conftest import BASE_SCENARIO, LIVE_CONTENT, ROOT, write_scenario


def errors_for(tmp_path, files: dict[str, str], base: str = BASE_SCENARIO) -> list[str]:
    folder = write_scenario(tmp_path / "mod", files, base)
    with pytest.raises(ContentError) as caught:
        load_scenario(folder)
    return [
        f"{d.file.split('mod/')[-1]}:{d.line}:{d.column}: {d.message}"
        for d in caught.value.diagnostics
    ]


CASES = [
    (
        "malformed YAML",
        "events:\n  - id: a\n    title: [unclosed\n",
        "events/e.yaml:4:1: invalid YAML",
    ),
    (
        "a tab for indentation",
        "events:\n  - id: a\n\ttitle: A\n    text: t\n",
        "events/e.yaml:3:1: invalid YAML: found a tab character that violates indentation "
        "(while scanning a plain scalar); indent with spaces, never tabs",
    ),
    (
        "a key indented one space short",
        "events:\n  - id: a\n    title: A\n   text: t\n",
        "events/e.yaml:4:4: invalid YAML: did not find expected '-' indicator (while parsing "
        "a block collection); check this line's indentation",
    ),
    (
        "a colon in an unquoted text",
        "events:\n  - id: a\n    title: A\n    text: Note: a colon\n",
        "events/e.yaml:4:15: invalid YAML: mapping values are not allowed in this context; "
        "a text holding ': ' must be put in quotes",
    ),
    (
        "unknown key with a suggestion",
        "events:\n  - id: a\n    titel: A\n    text: t\n",
        "events/e.yaml:3:5: unknown key 'titel' (did you mean 'title'?)",
    ),
    (
        "missing key",
        "events:\n  - id: a\n    text: t\n",
        "events/e.yaml:2:5: missing required key 'title'",
    ),
    (
        "wrong type",
        "events:\n  - id: a\n    title: A\n    text: t\n    once: maybe\n",
        "events/e.yaml:5:11: expected true or false, got 'maybe'",
    ),
    (
        "bad id",
        "events:\n  - id: Bad Id\n    title: A\n    text: t\n",
        "events/e.yaml:2:9: 'Bad Id' is not a valid id",
    ),
    (
        "duplicate key",
        "events:\n  - id: a\n    title: A\n    title: B\n    text: t\n",
        "events/e.yaml:4:5: duplicate key 'title' (first written at line 3)",
    ),
    (
        "dangling variable with a suggestion",
        "rules:\n  - id: r\n    step: economy\n    effects: [{add: {var: economy.outptu, value: 1}}]\n",
        "rules/r.yaml:4:27: unknown variable 'economy.outptu' (did you mean 'economy.output'?)",
    ),
    (
        "dangling event",
        "rules:\n  - id: r\n    step: economy\n    when: {fired: kirov}\n    effects: []\n",
        "rules/r.yaml:4:19: unknown event 'kirov'",
    ),
    (
        "unknown operation with a suggestion",
        "rules:\n  - id: r\n    step: economy\n    when: {at_lest: {var: economy.output, value: 1}}\n    effects: []\n",
        "rules/r.yaml:4:12: unknown condition 'at_lest' (did you mean 'at_least'?)",
    ),
    (
        "unknown step",
        "rules:\n  - id: r\n    step: econmy\n    effects: []\n",
        "rules/r.yaml:3:11: unknown step 'econmy' (did you mean 'economy'?)",
    ),
    (
        "bad date",
        "events:\n  - id: a\n    title: A\n    text: t\n    date: 1933-03\n",
        "events/e.yaml:5:11: '1933-03' is not a quarter date",
    ),
    (
        "YAML tag",
        "events:\n  - id: a\n    title: !!python/object:os.system A\n    text: t\n",
        "events/e.yaml:3:12: YAML tags",
    ),
    (
        "anchor and alias",
        "events:\n  - id: a\n    title: &t A\n    text: *t\n",
        "events/e.yaml:3:12: anchors (&t) are not allowed",
    ),
    (
        "a file that is not a mapping",
        "- just\n- a list\n",
        "events/e.yaml:1:1: a scenario file holds a mapping",
    ),
    (
        "duplicate id across the file",
        "events:\n  - {id: a, title: A, text: t}\n  - {id: a, title: B, text: t}\n",
        "events/e.yaml:3:10: event 'a' is defined twice",
    ),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_located_and_explained(tmp_path, name, text, expected):
    folder = "rules/r.yaml" if expected.startswith("rules/") else "events/e.yaml"
    found = errors_for(tmp_path, {folder: text})
    assert any(line.startswith(expected) for line in found), found


def test_an_ending_that_would_always_end_the_campaign_is_refused(tmp_path):
    base = BASE_SCENARIO.replace("    when: {at_least: {var: society.unrest, value: 90}}\n", "")
    found = errors_for(tmp_path, {}, base=base)
    assert any("ending 'collapse' has no 'when' and is not 'at_end'" in line for line in found), (
        found
    )


def test_all_errors_are_reported_in_one_run(tmp_path):
    found = errors_for(
        tmp_path,
        {
            "events/a.yaml": "events:\n  - id: a\n    titel: A\n    text: t\n",
            "events/b.yaml": "events:\n  - id: b\n    title: B\n    text: t\n    once: 3\n",
            "events/c.yaml": "events: [\n",
        },
    )
    assert len(found) >= 4, found
    assert {line.split(":")[0] for line in found} == {
        "events/a.yaml",
        "events/b.yaml",
        "events/c.yaml",
    }


def test_non_utf8_file(tmp_path):
    folder = write_scenario(tmp_path / "mod", {})
    (folder / "events").mkdir()
    (folder / "events" / "e.yaml").write_bytes(b"events:\n  - id: a\n    title: \xe9t\xe9\n")
    with pytest.raises(
        ContentError, match=r"events/e.yaml:3:12: error\[encoding\]: file is not UTF-8"
    ):
        load_scenario(folder)


def test_oversized_file(tmp_path):
    folder = write_scenario(tmp_path / "mod", {})
    (folder / "events").mkdir()
    (folder / "events" / "e.yaml").write_text("# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    with pytest.raises(
        ContentError, match=r"events/e.yaml:1:1: error\[file-size\]: file is too large"
    ):
        load_scenario(folder)


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    folder = write_scenario(tmp_path / "mod", {"events/bomb.yaml": "\n".join(lines) + "\n"})
    with pytest.raises(ContentError, match="aliases"):
        load_scenario(folder)


def test_nothing_is_loaded_half_way(tmp_path):
    folder = write_scenario(
        tmp_path / "mod",
        {
            "events/good.yaml": "events:\n  - {id: good, title: Good, text: Fine.}\n",
            "events/bad.yaml": "events:\n  - {id: bad, title: Bad, text: Broken., once: 7}\n",
        },
    )
    with pytest.raises(ContentError):
        load_scenario(folder)


def test_a_file_linking_outside_the_scenario_is_not_read(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("events: []\n", encoding="utf-8")
    folder = write_scenario(tmp_path / "mod", {})
    (folder / "events").mkdir()
    (folder / "events" / "link.yaml").symlink_to(outside)
    with pytest.raises(ContentError, match="links outside the scenario folder"):
        load_scenario(folder)


def test_validate_command_reports_and_exits_1_without_traceback(tmp_path):
    folder = write_scenario(
        tmp_path / "mod", {"events/e.yaml": "events:\n  - id: a\n    titel: A\n    text: t\n"}
    )
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        "events/e.yaml:3:5: error[unknown-key]: unknown key 'titel' (did you mean 'title'?)"
        in result.stdout
    )


def test_validate_command_accepts_a_good_scenario(tmp_path):
    folder = write_scenario(tmp_path / "mod", LIVE_CONTENT)
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("\n") == 1 and ": OK: scenario 'test'" in result.stdout


def test_the_debrief_section_is_checked_like_the_rest(tmp_path):
    """A misspelt variable or event in debrief.yaml is an error at its place, not a
    report that silently charts nothing or a question shown in every debrief."""
    from game.content.loader import check_scenario
    from tests.conftest import LIVE_CONTENT, write_scenario

    debrief = (
        "debrief:\n  indicators: [no.such]\n  questions:\n    - id: q1\n      theme: x\n"
        "      text: y\n      when: {fired: no_event}\n"
    )
    folder = write_scenario(tmp_path / "test", {**LIVE_CONTENT, "debrief.yaml": debrief})
    scenario, found = check_scenario(folder)
    assert scenario is None
    assert [(d.file.rsplit("/", 1)[-1], d.line, d.column, d.code) for d in found] == [
        ("debrief.yaml", 2, 16, "unknown-variable"),
        ("debrief.yaml", 7, 21, "unknown-event"),
    ]


MAP_BASE = (
    BASE_SCENARIO
    + """\
powers:
  - {id: france, name: France}
map:
  states:
    - {id: romania, name: Romania}
  regions:
    - {id: france, owner: france}
    - id: bessarabia
      owner: romania
      changes:
        - {when: {flag: flag.treaty}, owner: home}
"""
)


def test_a_map_that_names_real_regions_and_known_owners_loads(tmp_path):
    folder = write_scenario(tmp_path / "mod", LIVE_CONTENT, MAP_BASE)
    regions = {r.id: r for r in load_scenario(folder).map.regions}
    assert regions["bessarabia"].owner == "romania"
    assert [owner for _, owner in regions["bessarabia"].changes] == ["home"]


@pytest.mark.parametrize(
    "wrong,right,expected",
    [
        (
            "{id: france, owner: france}",
            "{id: frnace, owner: france}",
            "scenario.yaml:28:12: unknown region 'frnace' (did you mean 'france'?)",
        ),
        (
            "{id: france, owner: france}",
            "{id: france, owner: germany}",
            "scenario.yaml:28:27: unknown owner 'germany': a power, 'home' or one of the map's states",
        ),
        (
            "owner: home}",
            "owner: romnia}",
            "scenario.yaml:32:46: unknown owner 'romnia' (did you mean 'romania'?): a power, "
            "'home' or one of the map's states",
        ),
        (
            "{flag: flag.treaty}",
            "{flag: flag.traety}",
            "scenario.yaml:32:25: unknown variable 'flag.traety' (did you mean 'flag.treaty'?)",
        ),
    ],
)
def test_map_mistakes_are_located_and_explained(tmp_path, wrong, right, expected):
    base = MAP_BASE.replace(wrong, right)
    assert expected in errors_for(tmp_path, LIVE_CONTENT, base)


def test_an_event_placed_in_an_unknown_region_is_refused(tmp_path):
    content = {
        "events/placed.yaml": "events:\n  - id: placed\n    title: T\n    text: X\n"
        "    place: manchuira\n"
    }
    errors = errors_for(tmp_path, {**LIVE_CONTENT, **content})
    assert (
        "events/placed.yaml:5:12: unknown region 'manchuira' (did you mean 'manchuria'?)" in errors
    )
