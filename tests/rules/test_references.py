"""The causal chains the debrief follows: which variables a rule, event or ending reads
and which it writes, found by walking its operations."""

from game.core.references import variables_of
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
          outputs: [economy.output, economy.valuta]
          coefficients: [[0.1, 0.2], [0.3, 0.4]]
          into: [economy.valuta, economy.output]
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
    assert reads == {"policy.pace", "society.unrest", "flag.b", "economy.output", "economy.valuta"}


def test_nothing_reads_or_writes_nothing():
    assert variables_of(None) == (set(), set())
    assert variables_of([]) == (set(), set())
