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
    scenario = campaign.scenario
    legal = campaign.legal_orders()
    known = {p.id: p for p in scenario.policies}
    policies = {}
    for policy_id, value in orders.policies.items():
        policy = known.get(policy_id)
        if policy is None or value not in [level.value for level in policy.levels]:
            notes.append(f"{date}: policy order '{policy_id}' dropped (no longer in the content)")
            continue
        policies[policy_id] = value
    decisions = []
    for decision_id in orders.decisions:
        status = next((s for s in legal.decisions if s.decision.id == decision_id), None)
        if status is None or not status.allowed:
            reason = "no longer in the content" if status is None else status.reason
            notes.append(f"{date}: decision '{decision_id}' dropped ({reason})")
            continue
        decisions.append(decision_id)
    fitted = Orders(policies, tuple(decisions[: scenario.max_decisions_per_turn]))
    refused = campaign.validate(fitted)
    if refused:
        notes.append(f"{date}: orders dropped ({'; '.join(refused)})")
        return Orders()
    return fitted
