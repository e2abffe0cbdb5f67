"""A happening that needs no decision is a dispatch: an event with fewer than two
options, or one marked `dispatch: true`. It asks nothing; its effects apply as it
fires. A dispatch that keeps options takes its historical one (the first open one where
that is closed), and later conditions can ask which it took."""

from game.core.campaign import Campaign
from game.core.orders import Orders
from tests.rules.world import play, world

NEWS = """
events:
  - id: harvest
    title: The harvest is in
    text: A good year.
    date: 1930-Q2
    dispatch: true
    effects: [{add: {var: economy.output, value: 10}}]
    options:
      - id: export
        text: Export the surplus.
        effects: [{add: {var: economy.valuta, value: 5}}]
      - id: store
        text: Store it.
        historical: true
        effects: [{add: {var: society.unrest, value: -4}}]
  - id: echo
    title: Echo
    text: The stores are full.
    trigger: {chose: {event: harvest, option: store}}
    effects: [{set_flag: flag.a}]
"""


def test_a_dispatch_asks_nothing_and_applies_its_effects(tmp_path):
    campaign = play(world(tmp_path, NEWS), None)
    assert campaign.submit(Orders()) == []  # the second quarter: the harvest asks nothing
    record = campaign.answer({})
    assert "harvest" in record.fired
    assert record.choices == {}
    assert campaign.value("economy.output") == 110


def test_a_dispatch_with_options_takes_the_historical_one(tmp_path):
    campaign = play(world(tmp_path, NEWS), None, None, None)
    assert campaign.value("society.unrest") == 6
    assert campaign.value("economy.valuta") == 20
    # A condition asking which option was taken sees the standing answer.
    assert campaign.value("flag.a") == 1


def test_where_the_historical_option_is_closed_a_dispatch_takes_the_first_open_one(tmp_path):
    content = NEWS.replace(
        "        historical: true\n", "        historical: true\n        when: {flag: flag.b}\n"
    )
    campaign = play(world(tmp_path, content), None, None, None)
    assert campaign.value("economy.valuta") == 25
    assert campaign.value("society.unrest") == 10
    assert campaign.value("flag.a") == 0


def test_an_event_with_one_option_asks_nothing(tmp_path):
    content = """
events:
  - id: decree
    title: A decree
    text: It is signed.
    date: 1930-Q1
    options:
      - {id: signed, text: So be it., effects: [{add: {var: party.control, value: 3}}]}
"""
    lone = Campaign(world(tmp_path, content), 1)
    assert lone.submit(Orders()) == []
    record = lone.answer({})
    assert record.fired == ("decree",)
    assert lone.value("party.control") == 53


def test_the_dispatch_effects_are_the_events_own_in_the_ledger(tmp_path):
    campaign = play(world(tmp_path, NEWS), None, None)
    causes = {(c.var, str(c.cause)) for c in campaign.records[1].changes}
    assert ("society.unrest", "event:harvest") in causes
    assert not any(c.cause.is_players for c in campaign.records[1].changes)
