"""A quarter asks at most `choices_per_quarter` choices of the player (3 unless the
scenario says otherwise), and the first quarter at most `choices_first_quarter` (1), so
that it opens on the player's own orders. Events past the cap wait for the next
quarter, where they rank before events that are new. Within a quarter turning points
rank first and keep their real dates even past the cap; then events due on a date
(scheduled, or waiting already); then those whose time came earliest; then the order
the scenario lists them in. Events that ask nothing (dispatches) never count."""

from game.core.orders import Orders
from tests.rules.world import play, play_batch, quiet, world


def choice_event(event_id: str, date: str, *, turning: bool = False, value: int = 1) -> str:
    return f"""
  - id: {event_id}
    title: {event_id.replace("_", " ").title()}
    text: Something to decide.
    date: {date}
    turning_point: {"true" if turning else "false"}
    options:
      - {{id: yes, text: Yes., effects: [{{add: {{var: society.unrest, value: {value}}}}}]}}
      - {{id: no, text: No., effects: [{{add: {{var: party.control, value: {value}}}}}]}}
"""


def dispatch_event(event_id: str, date: str) -> str:
    return f"""
  - id: {event_id}
    title: News
    text: Nothing to decide.
    date: {date}
    effects: [{{add: {{var: economy.output, value: 1}}}}]
"""


def asked_by_quarter(campaign) -> list[list[str]]:
    """The events that asked a choice, quarter by quarter."""
    return [list(record.choices) for record in campaign.records]


def test_a_quarter_asks_at_most_three_choices_and_the_fourth_waits_a_quarter(tmp_path):
    content = "events:" + "".join(
        choice_event(name, "1930-Q3") for name in ("first", "second", "third", "fourth")
    )
    campaign = quiet(world(tmp_path, content), 4)
    assert asked_by_quarter(campaign) == [[], [], ["first", "second", "third"], ["fourth"]]


def test_the_first_quarter_asks_one_choice_after_the_players_orders(tmp_path):
    content = "events:" + choice_event("opening", "1930-Q1") + choice_event("second", "1930-Q1")
    campaign = world(tmp_path, content)
    lone = play(campaign, Orders(), choices={"opening": "yes", "second": "yes"})
    assert asked_by_quarter(lone) == [["opening"]]
    lone.play(Orders(), {"second": "no"})
    assert asked_by_quarter(lone) == [["opening"], ["second"]]


def test_an_event_that_waited_goes_before_one_whose_time_came_later(tmp_path):
    content = (
        "events:"
        + "".join(choice_event(name, "1930-Q2") for name in ("a", "b", "c", "d"))
        + "".join(choice_event(name, "1930-Q3") for name in ("e", "f", "g"))
    )
    campaign = quiet(world(tmp_path, content), 4)
    assert asked_by_quarter(campaign) == [[], ["a", "b", "c"], ["d", "e", "f"], ["g"]]


def test_a_turning_point_keeps_its_date_even_past_the_cap(tmp_path):
    content = (
        "events:"
        + "".join(choice_event(name, "1930-Q2") for name in ("a", "b"))
        + choice_event("pact", "1930-Q2", turning=True)
        + choice_event("treaty", "1930-Q2", turning=True)
    )
    campaign = quiet(world(tmp_path, content, pacing={"choices_per_quarter": 1}), 4)
    # Both turning points are asked on their date; the others wait their turn, one a quarter.
    assert asked_by_quarter(campaign) == [[], ["pact", "treaty"], ["a"], ["b"]]


def test_dispatches_do_not_count_against_the_cap(tmp_path):
    content = (
        "events:"
        + "".join(dispatch_event(name, "1930-Q2") for name in ("news", "more_news"))
        + "".join(choice_event(name, "1930-Q2") for name in ("a", "b", "c"))
    )
    campaign = quiet(world(tmp_path, content), 2)
    assert asked_by_quarter(campaign) == [[], ["a", "b", "c"]]
    assert {"news", "more_news"} <= set(campaign.records[1].fired)


def test_the_scenario_sets_its_own_caps(tmp_path):
    content = "events:" + "".join(choice_event(name, "1930-Q1") for name in ("a", "b", "c"))
    scenario = world(
        tmp_path, content, pacing={"choices_per_quarter": 2, "choices_first_quarter": 2}
    )
    assert asked_by_quarter(quiet(scenario, 2)) == [["a", "b"], ["c"]]


def test_a_waiting_event_has_not_happened_yet(tmp_path):
    content = "events:" + "".join(
        choice_event(name, "1930-Q2", value=5) for name in ("a", "b", "c", "d")
    )
    campaign = quiet(world(tmp_path, content), 2)
    assert "d" not in campaign.records[1].fired
    # Three events chose "yes" (unrest +5 each); the fourth has changed nothing yet.
    assert campaign.value("society.unrest") == 25


def test_in_a_batch_each_campaign_is_paced_as_it_would_be_alone(tmp_path):
    content = (
        "events:"
        + "".join(choice_event(name, "1930-Q2") for name in ("a", "b", "c", "d"))
        + """
  - id: chance
    title: Chance
    text: Perhaps.
    date: 1930-Q2
    trigger: {chance: 0.5}
    options:
      - {id: yes, text: Yes.}
      - {id: no, text: No.}
"""
    )
    scenario = world(tmp_path, content)
    run = play_batch(scenario, range(6), 4)
    for row, seed in enumerate(range(6)):
        alone = quiet(scenario, 4, seed=seed)
        assert [list(r.choices) for r in run.records[row]] == asked_by_quarter(alone)
