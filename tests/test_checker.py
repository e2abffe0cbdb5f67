"""The checker, `python -m game validate`: every warning and error it knows, each at its
file, line and column with its code and message; --format json, --allow and `silence:`,
which silence warnings and never errors; a mod's warnings come from its own files.

Mistakes that tests/test_content_errors.py and tests/test_extends.py already show are not
repeated here; the last test checks that every code in the source has a test somewhere.
"""

from __future__ import annotations

import ast
import importlib
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.content.lint import ERRORS, SOURCES_ENV, WARNINGS
from game.content.loader import check_scenario
from game.core.layout import decision_columns
from game.sim.batch import run_batch
from game.sim.policies import RandomPolicy
from tests.conftest import BASE_SCENARIO, LIVE_CONTENT, ROOT, write_scenario

DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (error|warning)\[[a-z-]+\]: ")


@pytest.fixture
def validate(tmp_path, monkeypatch, capsys):
    """Run the real command in tmp_path; its diagnostics, with tmp_path cut from names."""
    monkeypatch.chdir(tmp_path)
    # Only the sources these tests put there count, whatever this machine has.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "notes.txt").write_text("What the strikers wanted.\n")
    monkeypatch.setenv(SOURCES_ENV, str(tmp_path / "sources"))

    def run(*args: str) -> tuple[int, list[str]]:
        status = main(["validate", *args])
        out = capsys.readouterr().out.replace(f"{tmp_path}/", "")
        return status, [line for line in out.splitlines() if DIAGNOSTIC.match(line)]

    return run


def base_with(old: str, new: str) -> str:
    assert old in BASE_SCENARIO, old
    return BASE_SCENARIO.replace(old, new)


# -- warnings: dead content and missing files ------------------------------------------

EVENT = "events:\n  - id: riot\n    title: Riot\n    text: The town rises.\n"
DECISION = "decisions:\n  - id: loan\n    title: Loan\n    text: Ask for credits.\n"
STRIKE = "events:\n  - id: strike\n    title: Strike\n    text: The mills stop.\n    mtth: 8\n"
GOLD = "variables:\n  economy.gold: {group: economy, min: 0, max: 10, initial: 3}\n"

# A scenario whose bibliography names one historian and the work meant.
BIBLIOGRAPHY = base_with(
    "  max_decisions_per_turn: 2\n",
    "  max_decisions_per_turn: 2\n"
    "  bibliography:\n"
    "    E. H. Carr: A History of Soviet Russia (1950-78)\n",
)

WARNING_CASES = [
    (
        "an event nothing can fire",
        {"events/e.yaml": "events:\n  - id: orphan\n    title: Orphan\n    text: Alone.\n"},
        [
            "mod/events/e.yaml:2:9: warning[dead-event]: event 'orphan' can never fire: it "
            "has no date, trigger or mtth, and no effect fires it"
        ],
    ),
    (
        "an event whose trigger lies outside a variable's range",
        {"events/e.yaml": EVENT + "    trigger: {above: {var: society.unrest, value: 100}}\n"},
        [
            "mod/events/e.yaml:5:15: warning[dead-event]: event 'riot' can never fire: "
            "'society.unrest' is never above 100: its range is 0..100"
        ],
    ),
    (
        "an event that may fire only before the scenario starts",
        {"events/e.yaml": EVENT + "    mtth: 4\n    until: 1929-Q4\n"},
        [
            "mod/events/e.yaml:6:12: warning[dead-event]: event 'riot' can never fire: its "
            "last quarter 1929-Q4 comes before the scenario starts (1930-Q1)"
        ],
    ),
    (
        "an event dated after the scenario ends",
        {"events/e.yaml": EVENT + "    date: 1935-Q1\n"},
        [
            "mod/events/e.yaml:5:11: warning[dead-event]: event 'riot' is dated outside the "
            "scenario (1930-Q1 to 1932-Q4) and can never fire"
        ],
    ),
    (
        "an event whose date condition never holds within its own dates",
        {
            "events/e.yaml": EVENT
            + "    date: 1931-Q1\n    until: 1931-Q4\n    trigger: {before: 1930-Q3}\n"
        },
        [
            "mod/events/e.yaml:7:15: warning[dead-event]: event 'riot' can never fire: "
            "'before 1930-Q3' never holds: it is tested only from 1931-Q1 to 1931-Q4"
        ],
    ),
    (
        "an event that waits for an event that never fires",
        {
            "events/e.yaml": "events:\n  - id: orphan\n    title: Orphan\n    text: Alone.\n"
            "  - id: echo\n    title: Echo\n    text: Its echo.\n    trigger: {fired: orphan}\n"
        },
        [
            "mod/events/e.yaml:2:9: warning[dead-event]: event 'orphan' can never fire: it "
            "has no date, trigger or mtth, and no effect fires it",
            "mod/events/e.yaml:8:15: warning[dead-event]: event 'echo' can never fire: event "
            "'orphan' can never fire",
        ],
    ),
    (
        "a decision whose condition lies outside a variable's range",
        {
            "decisions/d.yaml": DECISION
            + "    when: {at_least: {var: economy.valuta, value: 150}}\n"
        },
        [
            "mod/decisions/d.yaml:5:12: warning[dead-decision]: decision 'loan' can never be "
            "taken: 'economy.valuta' is never at least 150: its range is 0..100"
        ],
    ),
    (
        "a decision that costs more than a variable can hold",
        {"decisions/d.yaml": DECISION + "    costs: {economy.valuta: 150}\n"},
        [
            "mod/decisions/d.yaml:5:13: warning[dead-decision]: decision 'loan' can never be "
            "taken: it costs 150 'economy.valuta', which never has that much: its range is 0..100"
        ],
    ),
    (
        "a rule whose condition never holds",
        {
            "rules/r.yaml": "rules:\n  - id: slump\n    step: economy\n"
            "    when: {below: {var: economy.output, value: 0}}\n"
            "    effects: [{add: {var: society.unrest, value: 1}}]\n"
        },
        [
            "mod/rules/r.yaml:4:12: warning[dead-rule]: rule 'slump' never applies: "
            "'economy.output' is never below 0: its range is 0..200"
        ],
    ),
    (
        "failure effects of a decision that cannot fail",
        {
            "decisions/d.yaml": DECISION + "    effects: [{add: {var: economy.valuta, value: 5}}]\n"
            "    on_failure: [{add: {var: society.unrest, value: 5}}]\n"
        },
        [
            "mod/decisions/d.yaml:6:17: warning[dead-effects]: 'on_failure' is never used "
            "without 'odds'"
        ],
    ),
    (
        "an ending whose condition lies outside a variable's range",
        {
            "endings.yaml": "endings:\n  - id: riches\n    title: Riches\n"
            "    when: {above: {var: economy.valuta, value: 100}}\n"
        },
        [
            "mod/endings.yaml:4:12: warning[unreachable-ending]: ending 'riches' can never be "
            "reached: 'economy.valuta' is never above 100: its range is 0..100"
        ],
    ),
    (
        "an ending at the end date after one that always holds there",
        {
            "endings.yaml": "endings:\n  - id: late\n    title: Late\n    at_end: true\n"
            "    when: {flag: flag.treaty}\n"
        },
        [
            "mod/endings.yaml:2:9: warning[unreachable-ending]: ending 'late' can never be "
            "reached: ending 'survived' comes before it and always holds at the end date"
        ],
    ),
    (
        "the end date, when an ending always holds from the first quarter",
        {
            "endings.yaml": "endings:\n  - id: instant\n    title: Instant\n"
            "    when: {at_least: {var: economy.output, value: 0}}\n"
        },
        [
            "mod/scenario.yaml:19:9: warning[unreachable-ending]: ending 'survived' can never "
            "be reached: ending 'instant' always holds and ends every campaign in its first "
            "quarter ('economy.output' is always at least 0: its range is 0..200)"
        ],
    ),
    (
        "a variable nothing changes",
        {
            "gold.yaml": GOLD + "rules:\n  - id: mint\n    step: economy\n"
            "    when: {at_least: {var: economy.gold, value: 1}}\n"
            "    effects: [{add: {var: economy.valuta, value: 1}}]\n"
        },
        [
            "mod/gold.yaml:2:3: warning[unchanged-variable]: variable 'economy.gold' never "
            "changes: no effect, decision cost or policy writes it, so it stays 3"
        ],
    ),
    (
        "a variable nothing reads",
        {
            "gold.yaml": GOLD + "rules:\n  - id: mint\n    step: economy\n"
            "    effects: [{add: {var: economy.gold, value: 1}}]\n"
        },
        [
            "mod/gold.yaml:2:3: warning[unused-variable]: variable 'economy.gold' is never "
            "read: no condition or quantity uses it, and no policy, power, party, key "
            "indicator, debrief or record figure shows it"
        ],
    ),
    (
        "a variable nothing uses",
        {"gold.yaml": GOLD},
        [
            "mod/gold.yaml:2:3: warning[unused-variable]: variable 'economy.gold' is never "
            "used: nothing reads or changes it"
        ],
    ),
    (
        "an option without effects",
        {
            "events/e.yaml": STRIKE + "    options:\n"
            "      - {id: concede, text: Concede., effects: [{add: {var: society.unrest, value: -5}}]}\n"
            "      - {id: wait, text: Wait.}\n"
        },
        [
            "mod/events/e.yaml:8:14: warning[option-no-effect]: option 'wait' of event "
            "'strike' changes nothing: it has no effects and no condition asks whether it was "
            "chosen"
        ],
    ),
    (
        "an option with the same effects as another",
        {
            "events/e.yaml": STRIKE + "    options:\n"
            "      - {id: concede, text: Concede., effects: [{add: {var: society.unrest, value: -5}}]}\n"
            "      - {id: give_in, text: Give in., effects: [{add: {var: society.unrest, value: -5}}]}\n"
        },
        [
            "mod/events/e.yaml:8:14: warning[option-no-effect]: option 'give_in' of event "
            "'strike' has the same effects as option 'concede' and no condition asks which was "
            "chosen: the choice changes nothing"
        ],
    ),
    (
        "a dispatch that keeps options but marks no historical answer",
        {
            "events/e.yaml": STRIKE + "    dispatch: true\n    options:\n"
            "      - {id: concede, text: Concede., effects: [{add: {var: society.unrest, value: -5}}]}\n"
            "      - {id: wait, text: Wait., effects: [{add: {var: society.unrest, value: 5}}]}\n"
        },
        [
            "mod/events/e.yaml:6:5: warning[dispatch-answer]: dispatch 'strike' keeps 2 "
            "options but marks none 'historical: true': it takes the first open one"
        ],
    ),
    (
        "a turning point that asks nothing",
        {"events/e.yaml": STRIKE + "    turning_point: true\n"},
        [
            "mod/events/e.yaml:6:5: warning[turning-point-no-choice]: event 'strike' asks no "
            "choice, so 'turning_point' changes nothing: only choices wait past a quarter's cap"
        ],
    ),
    (
        "an image that is not there",
        {
            "events/e.yaml": STRIKE + "    image: images/strik.png\n",
            "images/strike.png": "a picture of the strike\n",
        },
        [
            "mod/events/e.yaml:6:12: warning[missing-image]: image 'images/strik.png' is not "
            "found in the scenario folder or in assets/ (did you mean 'images/strike.png'?)"
        ],
    ),
    (
        "an image outside the scenario folder",
        {"events/e.yaml": STRIKE + "    image: ../sources/notes.txt\n"},
        [
            "mod/events/e.yaml:6:12: warning[missing-image]: image '../sources/notes.txt' is "
            "not found in the scenario folder or in assets/"
        ],
    ),
    (
        "a source text that is not among the shared sources",
        {
            "events/e.yaml": STRIKE + "    sources:\n"
            "      - {file: note.txt, note: what the strikers wanted}\n"
        },
        [
            "mod/events/e.yaml:7:16: warning[unknown-source]: source 'note.txt' is not among "
            "the shared sources (sources) or in the scenario folder (did you mean 'notes.txt'?)"
        ],
    ),
    (
        "a citation that credits a historian the source text never mentions",
        {
            "scenario.yaml": BIBLIOGRAPHY,
            "events/e.yaml": STRIKE + "    sources:\n"
            "      - {file: notes.txt, historian: E. H. Carr, note: what the strikers wanted}\n",
        },
        [
            "mod/events/e.yaml:7:38: warning[unnamed-historian]: this citation credits "
            "E. H. Carr, whom source 'notes.txt' never mentions: credit the claim to the text, "
            "or cite the work that makes it"
        ],
    ),
    (
        "a note that names a historian of the bibliography its source never mentions",
        {
            "scenario.yaml": BIBLIOGRAPHY,
            "events/e.yaml": STRIKE + "    sources:\n"
            "      - {file: notes.txt, note: what the strikers wanted; Carr calls it a rising}\n",
        },
        [
            "mod/events/e.yaml:7:33: warning[unnamed-historian]: this citation credits "
            "E. H. Carr, whom source 'notes.txt' never mentions: credit the claim to the text, "
            "or cite the work that makes it"
        ],
    ),
    (
        "a cited historian the bibliography does not list",
        {
            "carr.txt": "As Carr argues, the strike was a rising.\n",
            "events/e.yaml": STRIKE + "    sources:\n"
            "      - {file: carr.txt, historian: E. H. Carr, note: the strike as a rising}\n",
        },
        [
            "mod/events/e.yaml:7:37: warning[unlisted-historian]: historian 'E. H. Carr' is "
            "not in the scenario's bibliography: add the work meant under scenario: "
            "bibliography:"
        ],
    ),
]


@pytest.mark.parametrize(
    "files, expected", [c[1:] for c in WARNING_CASES], ids=[c[0] for c in WARNING_CASES]
)
def test_each_kind_of_dead_content_is_a_located_warning(tmp_path, validate, files, expected):
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, **files})
    status, found = validate("mod")
    assert status == 0
    assert found == expected


def test_living_content_gives_no_warning(tmp_path, validate):
    write_scenario(tmp_path / "mod", LIVE_CONTENT)
    assert validate("mod") == (0, [])


def test_what_an_effect_fires_or_ends_is_not_dead(tmp_path, validate):
    fired = (
        "events:\n  - id: strike\n    title: Strike\n    text: t\n    mtth: 8\n"
        "    effects: [{fire: lockout}, {end: ruin}]\n"
        "  - id: lockout\n    title: Lockout\n    text: t\n"
        "    trigger: {above: {var: society.unrest, value: 100}}\n"
        "endings:\n  - id: ruin\n    title: Ruin\n    when: {below: {var: economy.output, value: 0}}\n"
    )
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, "events/e.yaml": fired})
    assert validate("mod") == (0, [])


def test_a_choice_that_a_condition_asks_about_is_not_dead(tmp_path, validate):
    asked = STRIKE + (
        "    options:\n      - {id: concede, text: Concede.}\n      - {id: wait, text: Wait.}\n"
        "rules:\n  - id: memory\n    step: politics\n"
        "    when: {chose: {event: strike, option: wait}}\n"
        "    effects: [{add: {var: society.unrest, value: 1}}]\n"
    )
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, "events/e.yaml": asked})
    status, found = validate("mod")
    assert found == [
        "mod/events/e.yaml:7:14: warning[option-no-effect]: option 'concede' of event "
        "'strike' changes nothing: it has no effects and no condition asks whether it was "
        "chosen"
    ]


# -- errors the other test modules do not show ------------------------------------------

RULE = "rules:\n  - id: r\n    step: economy\n"
ERROR_CASES = [
    (
        "unit",
        {"gold.yaml": GOLD.replace("initial: 3}", "initial: 3, unit: roubles}")},
        None,
        "mod/gold.yaml:2:69: error[unit]: 'economy.gold': unknown unit 'roubles' (did you "
        "mean 'gold roubles'?); units: index points, per cent, people, tonnes, gold roubles, "
        "count, level, flag",
    ),
    (
        "unit",
        {"gold.yaml": GOLD.replace("initial: 3}", "initial: 3, unit: tonnes, scale: 0}")},
        None,
        "mod/gold.yaml:2:84: error[unit]: 'economy.gold': scale must be above 0 (got 0); "
        "the stored number times scale is the real quantity",
    ),
    (
        "unit",
        {"gold.yaml": GOLD.replace("initial: 3}", "initial: 3, unit: count}")},
        None,
        "mod/gold.yaml:2:69: error[unit]: 'economy.gold': a count needs a phrase saying what "
        "it counts, e.g. phrase: tanks",
    ),
    (
        "unit",
        {"gold.yaml": GOLD.replace("initial: 3}", "initial: 3, unit: flag}")},
        None,
        "mod/gold.yaml:2:69: error[unit]: 'economy.gold': unit 'flag' needs kind: flag (it "
        "is number)",
    ),
    (
        "arity",
        {
            "rules/r.yaml": RULE
            + "    effects: [{add: {var: economy.output, value: {difference: [1, 2, 3]}}}]\n"
        },
        None,
        "mod/rules/r.yaml:4:63: error[arity]: 'difference' takes exactly two quantities, got 3",
    ),
    (
        "cost",
        {"decisions/d.yaml": DECISION + "    costs: {economy.valuta: -5}\n"},
        None,
        "mod/decisions/d.yaml:5:29: error[cost]: a cost must not be negative (got -5); use "
        "effects to give",
    ),
    (
        "date",
        {"events/e.yaml": EVENT + "    date: 1931-Q2\n    until: 1931-Q1\n"},
        None,
        "mod/events/e.yaml:6:12: error[date]: 'until' 1931-Q1 comes before 'date' 1931-Q2",
    ),
    (
        "date",
        {},
        base_with("end: 1932-Q4", "end: 1929-Q4"),
        "mod/scenario.yaml:5:8: error[date]: the end 1929-Q4 comes before the start 1930-Q1",
    ),
    (
        "date",
        {"rules/r.yaml": RULE + "    when: {after: 1931}\n    effects: []\n"},
        None,
        "mod/rules/r.yaml:4:19: error[date]: expected a quarter date such as 1933-Q1, got 1931",
    ),
    (
        "ending-always",
        {},
        base_with("    when: {at_least: {var: society.unrest, value: 90}}\n", ""),
        "mod/scenario.yaml:16:9: error[ending-always]: ending 'collapse' has no 'when' and is "
        "not 'at_end': it would end every campaign in its first quarter",
    ),
    (
        "labels",
        {},
        base_with("labels: [slow, steady, crash]", "labels: [slow, crash]"),
        "mod/scenario.yaml:14:82: error[labels]: 'policy.pace' has 2 labels for 3 levels (0..2)",
    ),
    (
        "levels",
        {
            "policies/p.yaml": "policies:\n  - id: pace\n    title: Pace\n    var: policy.pace\n"
            "    levels: [{value: 0, label: slow}, {value: 2, label: crash}]\n"
        },
        None,
        "mod/policies/p.yaml:4:10: error[levels]: the initial value of 'policy.pace' (1) is not "
        "one of the levels of policy 'pace' (0, 2)",
    ),
    (
        "link",
        {
            "map.yaml": "powers:\n  - {id: germany, name: Germany}\nmap:\n  links: [[home, germany, poland]]\n"
        },
        None,
        "mod/map.yaml:4:11: error[link]: a link joins exactly two powers: [a, b]",
    ),
    (
        "matrix",
        {
            "rules/r.yaml": RULE + "    effects:\n      - input_output:\n"
            "          outputs: [economy.output, economy.valuta]\n"
            "          coefficients: [[0.1, 0.2]]\n"
            "          into: [economy.output, economy.valuta]\n"
        },
        None,
        "mod/rules/r.yaml:7:25: error[matrix]: expected a 2 by 2 matrix (one row of 2 numbers "
        "per output), got a list",
    ),
    (
        "misplaced-meta",
        {
            "events/e.yaml": "scenario:\n  id: other\n  title: Other\n  start: 1930-Q1\n  end: 1932-Q4\n"
        },
        None,
        "mod/events/e.yaml:1:1: error[misplaced-meta]: only scenario.yaml may hold the "
        "'scenario:' section",
    ),
    (
        "missing-parameter",
        {"rules/r.yaml": RULE + "    effects: [{add: {var: economy.output}}]\n"},
        None,
        "mod/rules/r.yaml:4:21: error[missing-parameter]: 'add' needs the parameter 'value' (a "
        "number, a variable or a quantity)",
    ),
    (
        "no-final-ending",
        {},
        base_with("    at_end: true\n", "    when: {below: {var: society.unrest, value: 5}}\n"),
        "mod/scenario.yaml:1:1: error[no-final-ending]: no ending is certain at the end date: "
        "give one ending 'at_end: true' and no 'when'",
    ),
    (
        "no-meta",
        {},
        BASE_SCENARIO[BASE_SCENARIO.index("variables:") :],
        "mod/scenario.yaml:1:1: error[no-meta]: scenario.yaml needs a 'scenario:' section with "
        "id, title, start and end",
    ),
    (
        "op-shape",
        {"rules/r.yaml": RULE + "    when: {flag: flag.treaty, after: 1931-Q1}\n    effects: []\n"},
        None,
        "mod/rules/r.yaml:4:11: error[op-shape]: expected one condition written as a one-key "
        "mapping such as 'all: ...', got a mapping",
    ),
    (
        "position",
        {"map.yaml": "powers:\n  - {id: germany, name: Germany, position: [0.5, 1.5]}\n"},
        None,
        "mod/map.yaml:2:44: error[position]: a map position is [x, y] with both between 0 and 1",
    ),
    (
        "range",
        {},
        base_with("max: 100, initial: 20}", "max: 100, initial: 120}"),
        "mod/scenario.yaml:10:63: error[range]: 'economy.valuta': initial value 120 lies "
        "outside its range 0..100",
    ),
    (
        "read-only",
        {"rules/r.yaml": RULE + "    effects: [{add: {var: turn, value: 1}}]\n"},
        None,
        "mod/rules/r.yaml:4:27: error[read-only]: 'turn' is kept by the engine and cannot be "
        "changed by effects",
    ),
    (
        "reserved",
        {"v.yaml": "variables:\n  turn: {group: calendar, min: 0, max: 99, initial: 0}\n"},
        None,
        "mod/v.yaml:2:3: error[reserved]: 'turn' is the engine's own variable; choose another name",
    ),
    (
        "scatter",
        {"debrief.yaml": "debrief:\n  scatter: [economy.output]\n"},
        None,
        "mod/debrief.yaml:2:12: error[scatter]: scatter names exactly two variables: [x, y]",
    ),
    (
        "step",
        {},
        base_with("steps: [economy, politics]", "steps: [economy, politics, events]"),
        "mod/scenario.yaml:6:30: error[step]: 'events' is a step of the engine's own; list only "
        "rule steps",
    ),
    (
        "unknown-decision",
        {
            "rules/r.yaml": RULE + "    when: {decided: loann}\n    effects: []\n",
            "decisions/d.yaml": DECISION,
        },
        None,
        "mod/rules/r.yaml:4:21: error[unknown-decision]: unknown decision 'loann' (did you "
        "mean 'loan'?)",
    ),
    (
        "unknown-effect",
        {"rules/r.yaml": RULE + "    effects: [{ad: {var: economy.output, value: 1}}]\n"},
        None,
        "mod/rules/r.yaml:4:16: error[unknown-effect]: unknown effect 'ad' (did you mean 'add'?)",
    ),
    (
        "unknown-ending",
        {"rules/r.yaml": RULE + "    effects: [{end: colapse}]\n"},
        None,
        "mod/rules/r.yaml:4:21: error[unknown-ending]: unknown ending 'colapse' (did you mean "
        "'collapse'?)",
    ),
    (
        "unknown-group",
        {
            "groups.yaml": "groups:\n  - {id: gosplan, title: Gosplan}\n",
            "decisions/d.yaml": DECISION + "    group: gosplna\n",
        },
        None,
        "mod/decisions/d.yaml:5:12: error[unknown-group]: unknown group 'gosplna' (did you mean "
        "'gosplan'?)",
    ),
    (
        "unknown-option",
        {
            "events/e.yaml": STRIKE + "    options:\n      - {id: concede, text: Concede.}\n",
            "rules/r.yaml": RULE + "    when: {chose: {event: strike, option: concde}}\n"
            "    effects: []\n",
        },
        None,
        "mod/rules/r.yaml:4:43: error[unknown-option]: event 'strike' has no option 'concde' "
        "(did you mean 'concede'?); its options: concede",
    ),
    (
        "unknown-parameter",
        {"rules/r.yaml": RULE + "    effects: [{add: {var: economy.output, valeu: 1}}]\n"},
        None,
        "mod/rules/r.yaml:4:43: error[unknown-parameter]: 'add' has no parameter 'valeu' (did "
        "you mean 'value'?); it takes var, value",
    ),
    (
        "unknown-policy",
        {
            "policies/p.yaml": "policies:\n  - id: pace\n    title: Pace\n    var: policy.pace\n"
            "    levels: [{value: 1, label: steady}, {value: 2, label: crash}]\n",
            "record.yaml": "record:\n  orders:\n    - {date: 1930-Q1, policies: {pase: 2}}\n",
        },
        None,
        "mod/record.yaml:3:34: error[unknown-policy]: unknown policy 'pase' (did you mean 'pace'?)",
    ),
    (
        "unknown-power",
        {
            "parties.yaml": "powers:\n  - {id: germany, name: Germany}\n"
            "parties:\n  - {id: kpd, name: KPD, country: germny}\n"
        },
        None,
        "mod/parties.yaml:4:35: error[unknown-power]: unknown power 'germny' (did you mean "
        "'germany'?)",
    ),
    (
        "unknown-quantity",
        {
            "rules/r.yaml": RULE
            + "    effects: [{add: {var: economy.output, value: {summ: [1, 2]}}}]\n"
        },
        None,
        "mod/rules/r.yaml:4:51: error[unknown-quantity]: unknown quantity 'summ' (did you mean "
        "'sum'?)",
    ),
    (
        "value",
        {},
        base_with("max_decisions_per_turn: 2", "max_decisions_per_turn: 12"),
        "mod/scenario.yaml:7:27: error[value]: Input should be less than or equal to 10, got 12",
    ),
    (
        "yaml-key",
        {"events/e.yaml": "events:\n  - id: e\n    [title]: E\n"},
        None,
        "mod/events/e.yaml:3:5: error[yaml-key]: a key must be plain text, not a list or mapping",
    ),
    (
        "yaml-alias",
        {"events/e.yaml": "events:\n  - id: e\n    title: E\n    text: *t\n"},
        None,
        "mod/events/e.yaml:4:11: error[yaml-alias]: aliases (*t) are not allowed; write the "
        "content out",
    ),
    (
        "silence",
        {},
        base_with(
            "  max_decisions_per_turn: 2\n",
            "  max_decisions_per_turn: 2\n  silence: [dead-rules]\n",
        ),
        "mod/scenario.yaml:8:13: error[silence]: unknown warning code 'dead-rules' (did you "
        "mean 'dead-rule'?)",
    ),
    (
        "silence",
        {},
        base_with(
            "  max_decisions_per_turn: 2\n", "  max_decisions_per_turn: 2\n  silence: [range]\n"
        ),
        "mod/scenario.yaml:8:13: error[silence]: 'range' is an error, and errors cannot be "
        "silenced",
    ),
    (
        "unknown-theme",
        {"music.yaml": "music:\n  - {theme: marsh}\n"},
        None,
        "mod/music.yaml:2:13: error[unknown-theme]: unknown theme 'marsh' (did you mean "
        "'march'?); the themes are chorale, march, nocturne, alarm",
    ),
    (
        "unreachable-cue",
        {"music.yaml": "music:\n  - {theme: march}\n  - {theme: alarm, when: {after: 1931-Q1}}\n"},
        None,
        "mod/music.yaml:2:5: error[unreachable-cue]: cue 1 has no 'when', so the cues after "
        "it never play; put the cue without a condition last",
    ),
]


@pytest.mark.parametrize(
    "files, base, expected",
    [c[1:] for c in ERROR_CASES],
    ids=[f"{c[0]}-{i}" for i, c in enumerate(ERROR_CASES)],
)
def test_each_mistake_is_a_located_error(tmp_path, validate, files, base, expected):
    write_scenario(tmp_path / "mod", files, base or BASE_SCENARIO)
    status, found = validate("mod")
    assert status == 1
    assert expected in found, found


def test_an_option_asked_of_a_list_instead_of_an_event_is_a_type_error(tmp_path, validate):
    asked = RULE + "    when: {chose: {event: [treaty], option: sign}}\n    effects: []\n"
    write_scenario(tmp_path / "mod", {"rules/r.yaml": asked})
    assert validate("mod") == (
        1,
        ["mod/rules/r.yaml:4:27: error[type]: expected the id of an event, got a list"],
    )


def test_a_required_parameter_written_as_null_is_an_error_not_a_crash(tmp_path, validate):
    event = EVENT + "    trigger: {chose: {event: null, option: sign}}\n"
    write_scenario(tmp_path / "mod", {"events/e.yaml": event})
    assert validate("mod") == (
        1,
        ["mod/events/e.yaml:5:30: error[type]: expected the id of an event, got nothing"],
    )


def test_a_file_that_cannot_be_read(tmp_path, validate):
    folder = write_scenario(tmp_path / "mod", {})
    (folder / "events").mkdir()
    (folder / "events" / "gone.yaml").symlink_to("nothing.yaml")
    assert validate("mod") == (
        1,
        ["mod/events/gone.yaml:1:1: error[file]: cannot read file: No such file or directory"],
    )


def test_a_file_linking_outside_the_folder_is_located(tmp_path, validate):
    folder = write_scenario(tmp_path / "mod", {})
    (folder / "events").mkdir()
    (folder / "events" / "link.yaml").symlink_to(tmp_path / "sources" / "notes.txt")
    assert validate("mod") == (
        1,
        [
            "mod/events/link.yaml:1:1: error[outside]: file links outside the scenario folder "
            "and is not read"
        ],
    )


def test_too_many_files(tmp_path, validate):
    folder = write_scenario(tmp_path / "mod", {})
    (folder / "events").mkdir()
    for i in range(2001):
        (folder / "events" / f"e{i}.yaml").write_text("")
    assert validate("mod") == (
        1,
        ["mod:1:1: error[file-count]: too many files (2001; the limit is 2000)"],
    )


def test_a_folder_without_scenario_yaml_and_an_unknown_id(tmp_path, validate):
    (tmp_path / "empty").mkdir()
    installed = sorted(
        p.name for p in (ROOT / "scenarios").iterdir() if (p / "scenario.yaml").is_file()
    )
    assert validate("empty", "nowhere") == (
        1,
        [
            "empty/scenario.yaml:1:1: error[no-scenario]: a scenario folder needs a scenario.yaml",
            "nowhere:1:1: error[no-scenario]: no scenario folder or id 'nowhere'; installed "
            f"scenarios: {', '.join(installed)}",
        ],
    )


# -- the output for tools, and silencing -----------------------------------------------

ORPHAN = {"events/e.yaml": "events:\n  - id: orphan\n    title: Orphan\n    text: Alone.\n"}
UNUSED = {"gold.yaml": GOLD}


def test_json_output_lists_every_scenario_with_its_diagnostics(tmp_path, validate, capsys):
    write_scenario(tmp_path / "good", {**LIVE_CONTENT, **ORPHAN})
    write_scenario(tmp_path / "bad", {"rules/r.yaml": RULE + "    effects: [{end: colapse}]\n"})
    status = main(["validate", "good", "bad", "--format", "json"])
    assert status == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": "good",
            "ok": True,
            "diagnostics": [
                {
                    "file": "good/events/e.yaml",
                    "line": 2,
                    "column": 9,
                    "severity": "warning",
                    "code": "dead-event",
                    "message": "event 'orphan' can never fire: it has no date, trigger or mtth, "
                    "and no effect fires it",
                }
            ],
        },
        {
            "path": "bad",
            "ok": False,
            "diagnostics": [
                {
                    "file": "bad/rules/r.yaml",
                    "line": 4,
                    "column": 21,
                    "severity": "error",
                    "code": "unknown-ending",
                    "message": "unknown ending 'colapse' (did you mean 'collapse'?)",
                }
            ],
        },
    ]


def test_allow_silences_one_warning_code_and_no_other(tmp_path, validate):
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, **ORPHAN, **UNUSED})
    status, found = validate("mod", "--allow", "dead-event")
    assert status == 0
    assert [line.split(": ")[1] for line in found] == ["warning[unused-variable]"]
    assert validate("mod", "--allow", "dead-event", "--allow", "unused-variable") == (0, [])


def test_silence_in_scenario_yaml_silences_its_codes(tmp_path, validate, capsys):
    silenced = base_with(
        "  max_decisions_per_turn: 2\n",
        "  max_decisions_per_turn: 2\n  silence: [dead-event, unused-variable]\n",
    )
    write_scenario(tmp_path / "mod", {**LIVE_CONTENT, **ORPHAN, **UNUSED}, silenced)
    status = main(["validate", "mod"])
    assert status == 0
    assert capsys.readouterr().out.endswith(", 0 warnings\n")


@pytest.mark.parametrize(
    "code, why",
    [
        ("unknown-variable", "'unknown-variable' is an error, and errors cannot be silenced"),
        (
            "unused-variables",
            "unknown warning code 'unused-variables' (did you mean 'unused-variable'?)",
        ),
    ],
)
def test_allow_refuses_errors_and_unknown_codes(tmp_path, validate, capsys, code, why):
    write_scenario(tmp_path / "mod", LIVE_CONTENT)
    status = main(["validate", "mod", "--allow", code])
    out, err = capsys.readouterr()
    assert (status, out, err) == (2, "", f"validate: --allow {code}: {why}\n")


def test_errors_stay_errors_whatever_is_silenced(tmp_path, validate):
    silenced = base_with(
        "  max_decisions_per_turn: 2\n",
        "  max_decisions_per_turn: 2\n  silence: [unknown-variable]\n",
    )
    broken = {"rules/r.yaml": RULE + "    effects: [{add: {var: economy.outptu, value: 1}}]\n"}
    write_scenario(tmp_path / "mod", broken, silenced)
    status, found = validate("mod", "--allow", "dead-rule")
    assert status == 1
    assert found == [
        "mod/rules/r.yaml:4:27: error[unknown-variable]: unknown variable 'economy.outptu' (did "
        "you mean 'economy.output'?)"
    ]


# -- mods ----------------------------------------------------------------------------------


def test_a_mod_is_warned_of_its_own_files_only(tmp_path, validate):
    write_scenario(tmp_path / "test", {**LIVE_CONTENT, **ORPHAN})
    mod = "scenario:\n  id: mod\n  title: Mod\n  extends: test\n"
    write_scenario(tmp_path / "mod", UNUSED, mod)
    assert validate("mod") == (
        0,
        [
            "mod/gold.yaml:2:3: warning[unused-variable]: variable 'economy.gold' is never "
            "used: nothing reads or changes it"
        ],
    )
    status, found = validate("test")
    assert [line.split(": ")[1] for line in found] == ["warning[dead-event]"]


def test_a_bases_silence_does_not_hide_a_mods_own_warnings(tmp_path, validate):
    silenced = base_with(
        "  max_decisions_per_turn: 2\n",
        "  max_decisions_per_turn: 2\n  silence: [unused-variable]\n",
    )
    write_scenario(tmp_path / "test", {**LIVE_CONTENT, **UNUSED}, silenced)
    assert validate("test") == (0, [])
    mod = "scenario:\n  id: mod\n  title: Mod\n  extends: test\n"
    other = {"mine.yaml": GOLD.replace("economy.gold", "economy.silver")}
    write_scenario(tmp_path / "mod", other, mod)
    assert validate("mod") == (
        0,
        [
            "mod/mine.yaml:2:3: warning[unused-variable]: variable 'economy.silver' is never "
            "used: nothing reads or changes it"
        ],
    )


def test_a_mod_can_revive_its_bases_dead_content(tmp_path, validate):
    write_scenario(tmp_path / "test", {**LIVE_CONTENT, **ORPHAN})
    mod = "scenario:\n  id: mod\n  title: Mod\n  extends: test\n"
    revive = "rules:\n  - id: call\n    step: economy\n    effects: [{fire: orphan}]\n"
    write_scenario(tmp_path / "mod", {"rules/r.yaml": revive}, mod)
    assert validate("mod") == (0, [])


def test_every_installed_scenario_passes_without_warnings(validate, monkeypatch):
    monkeypatch.delenv(SOURCES_ENV)  # their sources are checked wherever this machine has them
    for folder in sorted((ROOT / "scenarios").iterdir()):
        if (folder / "scenario.yaml").is_file():
            assert validate(str(folder)) == (0, []), folder.name


# -- every code has a test -------------------------------------------------------------

# Codes whose mistakes other test modules show at their file, line and column.
ELSEWHERE = {
    "closed-options": ("tests.test_closed_options", "test_options_that_can_all_close_are_an_error"),
    "duplicate-id": ("tests.test_content_errors", "duplicate id across the file"),
    "duplicate-key": ("tests.test_content_errors", "duplicate key"),
    "encoding": ("tests.test_content_errors", "test_non_utf8_file"),
    "file-shape": ("tests.test_content_errors", "a file that is not a mapping"),
    "file-size": ("tests.test_content_errors", "test_oversized_file"),
    "format": ("tests.test_content_errors", "bad id"),
    "missing-key": ("tests.test_content_errors", "missing key"),
    "type": ("tests.test_content_errors", "wrong type"),
    "unknown-condition": ("tests.test_content_errors", "unknown operation with a suggestion"),
    "unknown-event": ("tests.test_content_errors", "dangling event"),
    "unknown-key": ("tests.test_content_errors", "unknown key with a suggestion"),
    "unknown-region": (
        "tests.test_content_errors",
        "test_an_event_placed_in_an_unknown_region_is_refused",
    ),
    "unknown-step": ("tests.test_content_errors", "unknown step"),
    "unknown-variable": ("tests.test_content_errors", "dangling variable with a suggestion"),
    "yaml": ("tests.test_content_errors", "malformed YAML"),
    "yaml-anchor": ("tests.test_content_errors", "anchor and alias"),
    "yaml-tag": ("tests.test_content_errors", "YAML tag"),
    "placeholder": (
        "tests.test_text",
        "test_a_placeholder_error_in_the_real_command_is_located_never_a_traceback",
    ),
    "text-variants": ("tests.test_text", "test_a_mistake_in_a_text_is_an_error_at_its_place"),
    "dead-variant": (
        "tests.test_text",
        "test_variants_that_can_never_show_are_warnings_at_their_place",
    ),
    "extends-cycle": ("tests.test_extends", "test_a_scenario_cannot_extend_itself"),
    "extends-depth": ("tests.test_extends", "test_a_chain_deeper_than_eight_is_refused"),
    "unknown-base": ("tests.test_extends", "test_an_unknown_base_is_refused_with_a_suggestion"),
    "replace-nothing": (
        "tests.test_extends",
        "test_replacing_what_no_base_defines_is_an_error_with_a_suggestion",
    ),
    "remove-nothing": (
        "tests.test_extends",
        "test_removing_what_no_base_defines_is_an_error_at_the_list_item",
    ),
    "conflict": (
        "tests.test_extends",
        "test_two_bases_touching_the_same_id_conflict_and_the_later_wins",
    ),
}
HERE = {
    "file": "test_a_file_that_cannot_be_read",
    "outside": "test_a_file_linking_outside_the_folder_is_located",
    "file-count": "test_too_many_files",
    "no-scenario": "test_a_folder_without_scenario_yaml_and_an_unknown_id",
}


CODE = re.compile(r"^[a-z]+(-[a-z]+)*$")
PREFIX = re.compile(r"^[a-z]+-$")


def codes_in_source() -> tuple[set[str], set[str]]:
    """(codes written out, prefixes of codes built as f"unknown-{kind}") in game/content:
    the arguments of the calls that report problems that look like codes."""
    calls = ("error", "warn", "problem", "diagnostic", "fail", "Diagnostic")
    codes: set[str] = set()
    prefixes: set[str] = set()
    for path in (ROOT / "game" / "content").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            given = [k.value for k in node.keywords if k.arg == "code"]
            if name in calls:
                given += node.args
            for value in given:
                if isinstance(value, ast.Constant) and CODE.match(str(value.value)):
                    codes.add(value.value)  # severities too, taken out below
                elif isinstance(value, ast.JoinedStr) and len(value.values) == 2:
                    first = value.values[0]
                    if isinstance(first, ast.Constant) and PREFIX.match(first.value):
                        prefixes.add(first.value)
    return codes - {"error", "warning"}, prefixes


def test_every_code_the_checker_knows_is_catalogued_and_has_a_test():
    written, prefixes = codes_in_source()
    catalogue = set(WARNINGS) | ERRORS
    assert not set(WARNINGS) & ERRORS
    assert written - catalogue == set(), "codes missing from game/content/lint.py"
    built = {code for code in catalogue - written if any(code.startswith(p) for p in prefixes)}
    assert catalogue - written - built == set(), "catalogued codes no longer in the source"

    tested = {line.split("[")[1].split("]")[0] for c in WARNING_CASES for line in c[2]}
    tested |= {case[3].split("[")[1].split("]")[0] for case in ERROR_CASES}
    for code, (module_name, name) in ELSEWHERE.items():
        module = importlib.import_module(module_name)
        assert hasattr(module, name) or name in [c[0] for c in getattr(module, "CASES", [])]
        tested.add(code)
    for code, name in HERE.items():
        assert name in globals()
        tested.add(code)
    assert catalogue - tested == set(), "codes without a test"


# -- what the checker calls dead never happens --------------------------------------------

EVENTS = ["x0", "x1", "x2"]
COMPARE = ["at_least", "at_most", "above", "below", "equals"]
RANGED = ["economy.output", "economy.valuta", "society.unrest", "party.control", "policy.pace"]
DATES = ["1929-Q4", "1930-Q1", "1931-Q2", "1932-Q4", "1933-Q1"]

leaves = st.one_of(
    st.builds(
        lambda op, var, value: {op: {"var": var, "value": value}},
        st.sampled_from(COMPARE),
        st.sampled_from(RANGED),
        st.sampled_from([-10, 0, 1, 2, 20, 50, 100, 150, 250]),
    ),
    st.just({"flag": "flag.treaty"}),
    st.builds(
        lambda op, date: {op: date}, st.sampled_from(["after", "before"]), st.sampled_from(DATES)
    ),
    st.builds(
        lambda a, b: {"between": {"from": a, "to": b}},
        st.sampled_from(DATES),
        st.sampled_from(DATES),
    ),
    st.builds(lambda p: {"chance": p}, st.sampled_from([0, 0.5, 1])),
    st.builds(lambda e: {"fired": e}, st.sampled_from(["treaty", *EVENTS])),
    st.just({"decided": "d0"}),
)
conditions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.builds(lambda of: {"all": of}, st.lists(inner, max_size=3)),
        st.builds(lambda of: {"any": of}, st.lists(inner, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
        st.builds(
            lambda n, of: {"count": {"at_least": n, "of": of}},
            st.integers(min_value=0, max_value=3),
            st.lists(inner, max_size=3),
        ),
    ),
    max_leaves=6,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    triggers=st.lists(conditions, min_size=3, max_size=3),
    dated=st.lists(st.sampled_from([None, *DATES]), min_size=3, max_size=3),
    when=conditions,
    ending=conditions,
)
def test_what_the_checker_calls_dead_never_happens_in_play(
    tmp_path_factory, triggers, dated, when, ending
):
    events = [
        {"id": e, "title": e, "text": "t", "mtth": 1, "trigger": trigger}
        | ({"until": until} if until else {})
        | {"effects": [{"add": {"var": "economy.valuta", "value": 3}}]}
        for e, trigger, until in zip(EVENTS, triggers, dated, strict=True)
    ]
    content = {
        "events": events,
        "decisions": [{"id": "d0", "title": "D", "text": "t", "when": when}],
        "endings": [{"id": "fate", "title": "Fate", "when": ending}],
    }
    # JSON is YAML, and never writes the anchors that shared sub-conditions would get.
    files = {**LIVE_CONTENT, "random.yaml": json.dumps(content, indent=1)}
    folder = write_scenario(tmp_path_factory.mktemp("random") / "mod", files)
    scenario, found = check_scenario(folder)
    assert scenario is not None, [str(d) for d in found]
    named = re.compile(r"^(event|decision|ending) '(\w+)' can never")
    dead = {m.groups() for d in found if (m := named.match(d.message))}
    result = run_batch(scenario, list(range(64)), RandomPolicy(decision_rate=0.5))
    fired = result.fire_counts().sum(axis=0)
    taken = result.state.values[:, scenario.layout.col(decision_columns("d0")["taken"])]
    for kind, name in dead:
        if kind == "event":
            assert fired[scenario.event(name).index] == 0, name
        elif kind == "decision":
            assert not taken.any()
        else:
            assert not (result.endings == scenario.ending(name).index).any(), name


def test_a_bases_silence_list_does_not_hide_a_mods_own_warnings(tmp_path, validate):
    base = BASE_SCENARIO.replace(
        "  max_decisions_per_turn: 2\n",
        "  max_decisions_per_turn: 2\n  silence: [unused-variable]\n",
    )
    write_scenario(tmp_path / "test", {**LIVE_CONTENT, **UNUSED}, base)
    assert validate("test") == (0, [])
    mod = "scenario:\n  id: mod\n  title: Mod\n  extends: test\n"
    write_scenario(
        tmp_path / "mod", {"gold2.yaml": GOLD.replace("economy.gold", "economy.silver")}, mod
    )
    status, found = validate("mod")
    assert status == 0
    assert [line.split(": ")[1] for line in found] == ["warning[unused-variable]"]
    assert found[0].startswith("mod/gold2.yaml:2:3:")
