"""A student's summary: the few facts of one campaign that the class report compares."""

from __future__ import annotations

import numpy as np

from game.core.campaign import Campaign
from game.core.context import TurnContext
from game.core.verdict import VerdictReading
from game.debrief.analysis import build_debrief
from game.debrief.history import series
from game.debrief.reading import states_at_events

SUMMARY_FORMAT = "great-turn-summary"
SUMMARY_VERSION = 1


def student_summary(campaign: Campaign, name: str = "") -> dict:
    scenario = campaign.scenario
    ending = campaign.ending
    states = states_at_events(campaign)
    debrief = build_debrief(campaign, states)
    choices = {}
    for record, read in zip(campaign.records, states, strict=True):
        for event_id, option_id in record.choices.items():
            event = scenario.event(event_id)
            choices[event_id] = {
                "date": record.date,
                "option": option_id,
                "text": event.option(option_id).text.render(scenario, read),
            }
    decisions: dict[str, str] = {}
    for record in campaign.records:
        for decision_id, success in record.decisions.items():
            if success and decision_id not in decisions:
                decisions[decision_id] = record.date
    policies = {}
    for policy in scenario.policies:
        values = series(campaign, policy.var)
        changes = []
        for turn in range(1, len(values)):
            if values[turn] != values[turn - 1]:
                level = policy.level(values[turn])
                changes.append(
                    [
                        scenario.calendar.label(turn - 1),
                        values[turn],
                        level.label if level else f"{values[turn]:g}",
                    ]
                )
        policies[policy.id] = {
            "start": values[0],
            "peak": max(values),
            "final": values[-1],
            "changes": changes,
        }
    ctx = TurnContext(
        scenario.layout, campaign.state.values.copy(), campaign.state.seeds, campaign.turn, None
    )
    questions = [q.id for q in scenario.debrief.questions if bool(np.asarray(q.when(ctx))[0])]
    watched = set(scenario.debrief.indicators or scenario.key_indicators) | set(
        scenario.debrief.scatter
    )
    agree, total = debrief.agreement
    return {
        "format": SUMMARY_FORMAT,
        "version": SUMMARY_VERSION,
        "name": name,
        "scenario": scenario.id,
        "scenario_title": scenario.title,
        "content_hash": scenario.content_hash,
        "seed": campaign.seed,
        "quarters": len(campaign.records),
        "date": scenario.calendar.label(campaign.turn),
        "final": campaign.is_over,
        "ending": {"id": ending.id, "title": ending.title.render(scenario, campaign.state)}
        if ending
        else None,
        "choices": choices,
        "decisions": decisions,
        "policies": policies,
        "indicators": {
            var: {"peak": max(series(campaign, var)), "final": campaign.value(var)}
            for var in sorted(watched)
        },
        "questions": questions,
        "agreement": [agree, total],
        "verdict": _verdict(debrief.verdict),
    }


def _verdict(verdict: VerdictReading | None) -> dict[str, dict]:
    """Each axis's score beside history's, for the class report's table."""
    if verdict is None:
        return {}
    return {
        axis.id: {
            "title": axis.title,
            "score": round(axis.score, 1),
            "history": None if axis.history is None else round(axis.history, 1),
            "cost": axis.cost,
        }
        for axis in verdict.axes
    }
