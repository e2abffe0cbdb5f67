"""A `once` decision can be taken successfully only once a campaign; an event fires once
unless it says `once: false`."""

from game.core.orders import Orders
from tests.rules.world import play, play_batch, quiet, world

ONCE = """
decisions:
  - id: join_league
    title: Join the League
    text: Geneva.
    once: true
    effects: [{add: {var: party.control, value: 5}}]
  - id: gamble
    title: A gamble
    text: It may fail.
    once: true
    odds: 0
    effects: [{set_flag: flag.a}]
    on_failure: [{add: {var: party.control, value: -1}}]
"""


def test_a_once_decision_taken_is_refused_as_already_done(tmp_path):
    scenario = world(tmp_path, ONCE)
    campaign = play(scenario, ("join_league",))
    assert campaign.legal_orders().decision("join_league").reason == "already done"
    assert campaign.validate(Orders(decisions=("join_league",))) == [
        "Join the League: already done"
    ]
    record = campaign.play(Orders(decisions=("join_league",)))
    assert record.refused[0].sentence() == "Not sent: Join the League \u2014 already done."
    assert campaign.value("party.control") == 55


def test_ordered_every_quarter_a_once_decision_is_taken_only_the_first_time(tmp_path):
    scenario = world(tmp_path, ONCE)
    run = play_batch(scenario, range(2), 4, ("join_league",))
    for rows in run.records:
        assert [r.turn for r in rows if "join_league" in r.decisions] == [0]
    assert list(run.value("party.control")) == [55, 55]


def test_a_once_decision_that_failed_may_be_tried_again(tmp_path):
    # Only a success uses up a once decision: `decided` and "already done" both count
    # successes, so a failed attempt leaves the door open.
    scenario = world(tmp_path, ONCE)
    campaign = play(scenario, ("gamble",), ("gamble",))
    assert [r.decisions for r in campaign.records] == [{"gamble": False}] * 2
    assert campaign.value("party.control") == 48
    assert campaign.value("flag.a") == 0


def test_an_event_fires_once_unless_it_says_otherwise(tmp_path):
    scenario = world(
        tmp_path,
        """
        events:
          - id: famine
            title: Famine
            text: Hunger.
            trigger: {below: {var: party.control, value: 100}}
            effects: [{add: {var: society.unrest, value: 5}}]
        """,
    )
    campaign = quiet(scenario, 4)
    assert [r.turn for r in campaign.records if "famine" in r.fired] == [0]
    assert campaign.value("society.unrest") == 15
