"""Small drivers for tests: play quarters of a campaign with given orders and choices."""

from __future__ import annotations

from game.core.campaign import Campaign
from game.core.model import Scenario
from game.core.orders import Orders


def play_quarters(
    scenario: Scenario, quarters: int, seed: int = 1, orders: Orders | None = None, choose=None
) -> Campaign:
    """Play up to `quarters` turns; `choose(event, open_option_ids)` picks options (first by default)."""
    campaign = Campaign(scenario, seed)
    for _ in range(quarters):
        if campaign.is_over:
            break
        events = campaign.submit(orders or Orders())
        campaign.answer({e.id: (choose(e, opts) if choose else opts[0]) for e, opts in events})
    return campaign


def probe_rule(condition: str) -> dict[str, str]:
    """A rule that sets flag.treaty in the first quarter where the condition holds."""
    return {
        "rules/probe.yaml": f"""
rules:
  - id: probe
    step: economy
    when: {condition}
    effects: [{{set_flag: flag.treaty}}]
"""
    }
