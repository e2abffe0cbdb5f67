"""The 1928 campaign's foreign affairs (issue 12, items 3-5): the revolution pays at a
price, treaties bind, and the world can diverge while history stays the likeliest path.

Every case is a batch of real campaigns: the historical record played as a script, with
one thing changed (the Comintern's money, an answer, a decision tried), compared with
the record itself.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.core.campaign import Campaign
from game.sim.batch import run_batch
from game.sim.policies import HistoricalPolicy, ScriptedPolicy

SEEDS = list(range(1, 201))


def _script(scenario, *, funding=None, choices=None, decisions=None):
    """The historical record as a script, with the Comintern's funding held at one level,
    some answers replaced and some decisions tried in given quarters."""
    record = HistoricalPolicy(scenario)
    script = {}
    for turn in range(scenario.calendar.n_turns):
        label = scenario.calendar.label(turn)
        entry = json.loads(json.dumps(record.by_date.get(label, {"orders": {}})))
        orders = entry.setdefault("orders", {})
        if funding is not None:
            orders.setdefault("policies", {})["comintern_funding"] = funding
        for decision, dates in (decisions or {}).items():
            if label in dates:
                orders.setdefault("decisions", []).append(decision)
        entry["choices"] = {**record.historical_choices, **(choices or {})}
        script[label] = entry
    return ScriptedPolicy(script)


def _play(scenario, policy, seeds=SEEDS, keep=()):
    return run_batch(scenario, seeds, policy, keep_turns=keep)


def _replayed_to(scenario, date, seed=3):
    """A historical campaign as it stands at the start of the quarter `date`."""
    record = run_batch(scenario, [seed], HistoricalPolicy(scenario), record=True).records[0]
    return Campaign.replay(scenario, seed, record[: scenario.calendar.turn_of(date)])


def _share(result, event_id):
    event = next(e for e in result.scenario.events if e.id == event_id)
    return float((result.fire_counts()[:, event.index] > 0).mean())


def _mean(result, var):
    return float(np.nanmean(result.state.column(var)))


@pytest.fixture(scope="module")
def starved_and_lavish(campaign_scenario):
    """The record with the Comintern starved or lavishly funded from 1928, the warnings
    of 1941 heeded or (as in history) dismissed."""
    s = campaign_scenario
    heed = {"warnings_1941": "heed"}
    return {
        (funding, answer): _play(
            s, _script(s, funding=level, choices=heed if answer == "heed" else None)
        )
        for funding, level in (("starved", 0), ("lavish", 2))
        for answer in ("heed", "dismiss")
    }


def test_funding_the_revolution_buys_intelligence_and_warning(starved_and_lavish):
    starved, lavish = starved_and_lavish["starved", "heed"], starved_and_lavish["lavish", "heed"]
    assert _mean(lavish, "comintern.networks") > _mean(starved, "comintern.networks") + 15
    assert _mean(lavish, "security.warning") > _mean(starved, "security.warning") + 15


def test_heeding_the_warnings_is_worth_what_the_networks_report(starved_and_lavish):
    def gain(funding):
        heeded, dismissed = (starved_and_lavish[funding, a] for a in ("heed", "dismiss"))
        return _mean(heeded, "army.readiness") - _mean(dismissed, "army.readiness")

    assert gain("lavish") > gain("starved") + 1


def test_the_revolution_is_paid_for_in_machines_trust_and_danger(starved_and_lavish):
    starved, lavish = starved_and_lavish["starved", "heed"], starved_and_lavish["lavish", "heed"]
    assert _mean(lavish, "economy.technology") < _mean(starved, "economy.technology") - 3
    assert _mean(lavish, "relations.britain") < _mean(starved, "relations.britain") - 5
    assert _mean(lavish, "diplomacy.coalition_threat") > _mean(
        starved, "diplomacy.coalition_threat"
    )
    assert _mean(lavish, "diplomacy.standing") < _mean(starved, "diplomacy.standing")


def test_credibility_does_not_rest_at_its_cap(campaign_scenario):
    s = campaign_scenario
    years = [s.calendar.turn_of(f"{year}-Q4") for year in (1931, 1933, 1935)]
    lavish = _play(s, _script(s, funding=2), keep=years)
    starved = _play(s, _script(s, funding=0), keep=years)
    column = s.layout.col("comintern.credibility")
    for turn in years:
        assert np.median(lavish.snapshots[turn][:, column]) < 90
        assert np.median(starved.snapshots[turn][:, column]) < np.median(
            lavish.snapshots[turn][:, column]
        )


def test_dismissing_the_warnings_cuts_the_warning_that_reaches_the_frontier(
    starved_and_lavish,
):
    heeded, dismissed = (starved_and_lavish["lavish", a] for a in ("heed", "dismiss"))
    assert _mean(heeded, "security.warning") > 2 * _mean(dismissed, "security.warning")


def test_a_united_left_can_keep_hitler_out_and_its_odds_are_shown(campaign_scenario):
    s = campaign_scenario
    tries = [f"{year}-Q{q}" for year in (1930, 1931, 1932) for q in (1, 2, 3, 4)]
    front = _play(
        s,
        _script(s, funding=2, decisions={"kpd_spd_front": tries}),
        seeds=list(range(1, 401)),
    )
    without = _play(s, _script(s, funding=2), seeds=list(range(1, 401)))
    assert _share(front, "hitler_chancellor") < _share(without, "hitler_chancellor") - 0.05
    status = _replayed_to(s, "1931-Q1").legal_orders().decision("kpd_spd_front")
    assert status.allowed and 0.05 <= status.odds <= 0.7


def test_standing_by_prague_with_france_can_avert_munich(campaign_scenario):
    s = campaign_scenario
    stand = _play(
        s,
        _script(s, decisions={"stand_by_prague": ["1938-Q1", "1938-Q2", "1938-Q3"]}),
        seeds=list(range(1, 401)),
    )
    averted = _share(stand, "sudeten_crisis_passes")
    assert 0 < averted < 0.5
    assert _share(stand, "munich") == pytest.approx(1 - averted)
    assert _share(_play(s, HistoricalPolicy(s)), "munich") == 1.0


def test_madrid_holds_only_where_the_republic_was_armed(campaign_scenario):
    s = campaign_scenario
    armed = _play(
        s,
        _script(
            s,
            funding=2,
            choices={"barcelona_may_days": "mediate"},
            decisions={"tanks_for_spain": ["1936-Q4", "1937-Q4", "1938-Q4"]},
        ),
    )
    assert _share(armed, "madrid_holds") > 0.3
    left_alone = _play(s, _script(s, choices={"spanish_civil_war": "non_intervention"}))
    assert _share(left_alone, "madrid_holds") == 0


def test_an_alliance_binds_when_poland_is_invaded(campaign_scenario):
    s = campaign_scenario
    talks = {"alliance_talks_west": ["1938-Q3", "1938-Q4", "1939-Q1", "1939-Q2"]}
    honour = _play(
        s, _script(s, decisions=talks, choices={"alliance_called": "honour"}), seeds=range(1, 401)
    )
    refuse = _play(
        s,
        _script(s, decisions=talks, choices={"alliance_called": "refuse_the_call"}),
        seeds=range(1, 401),
    )
    called = honour.fire_counts()[:, next(e.index for e in s.events if e.id == "alliance_called")]
    assert called.any()
    at_war = honour.state.column("war.allied_war")
    assert (at_war[called > 0] == 1).all() and (at_war[called == 0] == 0).all()
    # Refusing tears the treaty up and costs the trust of London and Paris.
    refused = refuse.fire_counts()[:, next(e.index for e in s.events if e.id == "alliance_called")]
    assert (refuse.state.column("treaty.triple_alliance")[refused > 0] == 0).all()
    assert np.mean(refuse.state.column("relations.france")[refused > 0]) < np.mean(
        honour.state.column("relations.france")[called > 0]
    )
    # With the Red Army fighting in the east, France does not always fall.
    assert _share(honour, "france_fights_on") > 0


def test_offers_overtaken_by_events_close_with_the_reason(campaign_scenario):
    s = campaign_scenario
    orders = _replayed_to(s, "1941-Q1").legal_orders()
    for decision in ("nonaggression_poland", "alliance_talks_west", "franco_soviet_pact"):
        status = orders.decision(decision)
        assert not status.allowed
        assert status.reason.startswith("Overtaken by events"), (decision, status.reason)


def test_under_the_historical_policy_history_stays_the_likeliest_outcome(campaign_scenario):
    s = campaign_scenario
    history = _play(s, HistoricalPolicy(s), seeds=range(1, 501))
    for event in ("hitler_chancellor", "munich", "spanish_republic_falls"):
        assert _share(history, event) == 1.0, event
    assert _share(history, "pact_with_germany") > 0.9
    for event in ("madrid_holds", "sudeten_crisis_passes", "france_fights_on"):
        assert _share(history, event) < 0.1, event
    assert _share(history, "japan_strikes_north") < 0.1
    endings = np.bincount(history.endings, minlength=len(s.endings))
    assert s.endings[int(endings.argmax())].id == "reckoning_costly"


def test_nazi_strength_can_be_shown_with_its_name_and_unit(campaign_scenario):
    layout = campaign_scenario.layout
    variable = layout.variables[layout.col("germany.nazi_strength")]
    assert variable.label == "Nazi strength"
    assert variable.unit == "index points"
