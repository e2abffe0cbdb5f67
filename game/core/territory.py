"""Who holds each region of the map, read from the state by the scenario's conditions."""

from __future__ import annotations

from game.core.model import MapDef


def owners(scenario_map: MapDef, ctx) -> dict[str, str]:
    """Region id -> owner (a power id, 'home' or a state id) in row 0 of `ctx`: the first
    owner, unless a later change's condition holds; the last that holds wins."""
    held = {}
    for region in scenario_map.regions:
        owner = region.owner
        for condition, later in region.changes:
            if condition(ctx)[0]:
                owner = later
        held[region.id] = owner
    return held
