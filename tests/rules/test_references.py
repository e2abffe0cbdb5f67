"""The causal chains the debrief follows: which variables a rule, event or ending reads
and which it writes, found by walking its operations."""

from game.core.references import traded_variables, variables_of
from tests.rules.world import world

CONTENT = """
rules:
  - id: plan
    step: economy
    when: {all: [{at_least: {var: party.control, value: 10}}, {not: {flag: flag.b}}]}
    effects:
      - add: {var: economy.output, value: {product: [policy.pace, 2]}}
      - if:
          condition: {below: {var: society.unrest, value: 50}}
          then: [{set_flag: flag.a}]
          else: [{add: {var: party.control, value: {modified: {base: 1, modifiers: [{when: {flag: flag.b}, factor: 2}]}}}}]
      - input_output:
          outputs: [economy.output]
          coefficients: [[0.1]]
          into: [economy.valuta]
      - fire: strike
events:
  - id: strike
    title: Strike
    text: The mills stop.
"""


def test_a_rules_condition_reads_every_variable_it_compares(tmp_path):
    rule = world(tmp_path, CONTENT).rules[0]
    assert variables_of(rule.when_op) == ({"party.control", "flag.b"}, set())


def test_a_rules_effects_write_their_targets_and_read_their_quantities_and_tests(tmp_path):
    rule = world(tmp_path, CONTENT).rules[0]
    reads, writes = variables_of(rule.effect_ops)
    assert writes == {"economy.output", "flag.a", "party.control", "economy.valuta"}
    assert "economy.valuta" not in reads, "input_output reads its outputs, writes into"
    assert reads == {"policy.pace", "society.unrest", "flag.b", "economy.output"}


def test_nothing_reads_or_writes_nothing():
    assert variables_of(None) == (set(), set())
    assert variables_of([]) == (set(), set())


def test_an_endings_condition_and_an_events_quantities_are_read(tmp_path):
    scenario = world(
        tmp_path,
        """
events:
  - id: purge
    title: Purge
    text: Lists are drawn up.
    mtth: {modified: {base: 4, modifiers: [{when: {above: {var: society.unrest, value: 5}}, factor: 2}]}}
    effects: [{add: {var: party.control, value: {sum: [economy.valuta, 1]}}}]
""",
        endings="""
endings:
  - id: fall
    title: Fall
    when: {any: [{below: {var: party.control, value: 5}}, {flag: flag.a}]}
  - id: survived
    title: Survived
    at_end: true
""",
    )
    assert variables_of(scenario.ending("fall").when_op) == ({"party.control", "flag.a"}, set())
    assert variables_of(scenario.event("purge").effect_ops) == (
        {"economy.valuta"},
        {"party.control"},
    )


def test_a_threshold_or_an_amount_named_by_a_variable_is_read(tmp_path):
    # "Control at least as high as output" and "add the valuta to control" depend on
    # output and valuta: the debrief follows the chain back through both.
    rule = world(
        tmp_path,
        """
rules:
  - id: skim
    step: economy
    when: {at_least: {var: party.control, value: economy.output}}
    effects: [{add: {var: party.control, value: economy.valuta}}]
""",
    ).rules[0]
    assert variables_of(rule.when_op) == ({"party.control", "economy.output"}, set())
    assert variables_of(rule.effect_ops) == ({"economy.valuta"}, {"party.control"})


TRADED = """
variables:
  extra.first_option: {group: economy, min: 0, max: 100, initial: 0}
  extra.second_option: {group: economy, min: 0, max: 100, initial: 0}
  extra.decided: {group: economy, min: 0, max: 100, initial: 0}
  extra.failed: {group: economy, min: 0, max: 100, initial: 0}
  extra.paid: {group: economy, min: 0, max: 100, initial: 50}
  extra.paced: {group: economy, min: 0, max: 100, initial: 0}
  extra.ruled: {group: economy, min: 0, max: 100, initial: 0}
  extra.idle: {group: economy, min: 0, max: 100, initial: 0}
policies:
  - id: pace
    title: Pace
    var: policy.pace
    levels: [{value: 0, label: slow}, {value: 1, label: steady}, {value: 2, label: crash}]
    on_change: [{add: {var: extra.paced, value: 1}}]
  - id: alarm
    title: Alarm
    var: flag.a
    levels: [{value: 0, label: calm}, {value: 1, label: raised}]
decisions:
  - id: plan
    title: Plan
    text: A plan.
    costs: {extra.paid: 5}
    odds: 0.5
    effects: [{add: {var: extra.decided, value: 1}}]
    on_failure: [{add: {var: extra.failed, value: 1}}]
  - id: cheap
    title: Cheap
    text: Costs nothing.
    effects: [{add: {var: party.control, value: 1}}]
events:
  - id: strike
    title: Strike
    text: The mills stop.
    options:
      - id: one
        text: One.
        effects: [{add: {var: extra.first_option, value: 1}}]
      - id: two
        text: Two.
        effects: [{add: {var: extra.second_option, value: economy.output}}]
rules:
  - id: first
    step: economy
    when: {flag: flag.b}
    effects: [{add: {var: extra.ruled, value: society.unrest}}]
  - id: second
    step: economy
    effects: [{add: {var: economy.valuta, value: 1}}]
"""


def test_what_an_order_can_weigh_is_every_variable_an_option_decision_policy_or_rule_moves(
    tmp_path,
):
    """The variables a player must see to weigh an order: what each option, decision
    (its costs and its failure too), policy (its own level too) and rule reads or
    changes; nothing else, not even a rule's condition, and never what nothing touches."""
    assert traded_variables(world(tmp_path, TRADED)) == {
        "extra.first_option",
        "extra.second_option",
        "economy.output",
        "extra.decided",
        "extra.failed",
        "extra.paid",
        "party.control",
        "policy.pace",
        "extra.paced",
        "flag.a",
        "extra.ruled",
        "society.unrest",
        "economy.valuta",
    }
