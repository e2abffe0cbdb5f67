"""The ledger (the record's `changes`) says what moved each variable and by how much: one
line per variable and cause, holding the SUM of that cause's changes in the quarter (after
clamping to the variable's range), none for a cause whose changes cancel out."""

from tests.rules.world import changes, play, play_batch, quiet, world


def rule(effects: str, rule_id: str = "plan", step: str = "economy") -> str:
    return f"""
  - id: {rule_id}
    step: {step}
    effects: {effects}
"""


def test_a_cause_that_changes_a_variable_twice_records_the_sum(tmp_path):
    content = "rules:" + rule(
        "[{add: {var: economy.output, value: 3}}, {add: {var: economy.output, value: 4}}]"
    )
    record = quiet(world(tmp_path, content), 1).records[0]
    assert changes(record) == [("economy.output", 7, "rule:plan")]


def test_a_cause_that_changes_a_variable_in_two_steps_records_the_sum(tmp_path):
    content = (
        "rules:"
        + rule("[{add: {var: economy.output, value: 3}}]")
        + rule("[{multiply: {var: economy.output, value: 2}}]", rule_id="boom", step="politics")
    )
    record = quiet(world(tmp_path, content), 1).records[0]
    assert changes(record) == [
        ("economy.output", 3, "rule:plan"),
        ("economy.output", 103, "rule:boom"),
    ]


def test_changes_that_cancel_out_leave_no_line(tmp_path):
    content = "rules:" + rule(
        "[{add: {var: economy.output, value: 5}}, {add: {var: economy.output, value: -5}}]"
    )
    assert quiet(world(tmp_path, content), 1).records[0].changes == ()


def test_a_change_is_recorded_as_it_happened_after_clamping(tmp_path):
    content = "rules:" + rule(
        "[{add: {var: society.unrest, value: 200}}, {add: {var: society.unrest, value: -30}}]"
    )
    campaign = quiet(world(tmp_path, content), 1)
    assert campaign.value("society.unrest") == 70
    assert changes(campaign.records[0]) == [("society.unrest", 60, "rule:plan")]


def test_each_cause_has_its_own_line_and_together_they_make_the_change(tmp_path):
    content = """
decisions:
  - id: shock_work
    title: Shock work
    text: Stakhanovites.
    effects: [{add: {var: economy.output, value: 10}}]
events:
  - id: accident
    title: Mine accident
    text: A shaft collapses.
    trigger: {before: 1930-Q2}
    effects: [{add: {var: economy.output, value: -4}}]
    options:
      - {id: blame, text: Blame wreckers., effects: [{add: {var: economy.output, value: -1}}]}
      - {id: shore_up, text: Shore up the shafts., effects: [{add: {var: economy.output, value: -2}}]}
"""
    campaign = play(world(tmp_path, content), ("shock_work",), choices={"accident": "blame"})
    assert changes(campaign.records[0]) == [
        ("economy.output", 10, "decision:shock_work"),
        ("economy.output", -4, "event:accident"),
        ("economy.output", -1, "event:accident:blame"),
    ]
    assert campaign.value("economy.output") == 105


def test_in_a_batch_each_row_records_only_its_own_changes(tmp_path):
    content = "rules:" + rule(
        "[{chance: {probability: 0.5, then: [{add: {var: economy.output, value: 5}}]}}]"
    )
    run = play_batch(world(tmp_path, content), range(40), 1)
    for rows, output in zip(run.records, run.value("economy.output"), strict=True):
        assert changes(rows[0]) == ([("economy.output", 5, "rule:plan")] if output == 105 else [])
    assert 0 < (run.value("economy.output") == 105).sum() < 40
