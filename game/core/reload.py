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
from game.core.orders import Orders, known_orders
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
    fitted, _ = known_orders(campaign.scenario, orders)
    notes += [
        f"{date}: policy order '{p}' dropped (no longer in the content)"
        for p in orders.policies
        if p not in fitted.policies
    ]
    notes += [
        f"{date}: decision '{d}' dropped (no longer in the content)"
        for d in dict.fromkeys(orders.decisions)
        if d not in fitted.decisions
    ]
    for reason in campaign.validate(fitted):
        notes.append(f"{date}: not carried out: {reason}")
    return fitted
