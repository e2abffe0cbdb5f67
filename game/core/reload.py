"""Play a campaign's recorded quarters again on changed content (a modder's F5).

The recorded orders and choices are replayed with the same seed, as far as they still
fit the new content: an order the new content no longer allows is dropped, and an
event that now asks for a choice nobody recorded gets its first open option. Every
such adjustment is reported, so the modder knows how far the replay is from the
original. If the campaign ends sooner under the new content, the replay stops there.
"""

from __future__ import annotations

from game.core.campaign import Campaign
from game.core.model import Scenario
from game.core.orders import Orders
from game.core.records import TurnRecord


def replay_on(
    scenario: Scenario, seed: int, records: list[TurnRecord]
) -> tuple[Campaign, list[str]]:
    """The campaign replayed on `scenario`, and a note for each adjustment made."""
    campaign = Campaign(scenario, seed)
    notes: list[str] = []
    for record in records:
        if campaign.is_over:
            notes.append(f"{record.date}: the campaign now ends before this quarter")
            break
        orders = _orders_that_fit(campaign, record.orders, record.date, notes)
        open_events = campaign.submit(orders)
        choices: dict[str, str] = {}
        for event, open_ids in open_events:
            chosen = record.choices.get(event.id)
            if chosen not in open_ids:
                chosen = open_ids[0]
                was = record.choices.get(event.id)
                notes.append(
                    f"{record.date}: '{event.id}' answered '{chosen}'"
                    + (f" ('{was}' is no longer open)" if was else " (a new choice)")
                )
            choices[event.id] = chosen
        campaign.answer(choices)
    return campaign, notes


def _orders_that_fit(campaign: Campaign, orders: Orders, date: str, notes: list[str]) -> Orders:
    """The recorded orders that still name something in the content; the judge then
    refuses, as in play, those the new content does not allow, and each refusal is
    noted for the modder."""
    scenario = campaign.scenario
    known = {p.id: p for p in scenario.policies}
    decisions = {d.id for d in scenario.decisions}
    policies = {}
    for policy_id, value in orders.policies.items():
        policy = known.get(policy_id)
        if policy is None or value not in policy.level_values:
            notes.append(f"{date}: policy order '{policy_id}' dropped (no longer in the content)")
            continue
        policies[policy_id] = value
    kept = []
    for decision_id in dict.fromkeys(orders.decisions):
        if decision_id not in decisions:
            notes.append(f"{date}: decision '{decision_id}' dropped (no longer in the content)")
            continue
        kept.append(decision_id)
    fitted = Orders(policies, tuple(kept))
    for reason in campaign.validate(fitted):
        notes.append(f"{date}: not carried out: {reason}")
    return fitted
