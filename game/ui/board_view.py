"""The board: for a scenario without map regions, the powers on positions and links.

Each power's circle takes the colour of its relations with the player; a bar beneath
shows the strength of its communist party; a ring marks a treaty in force.
"""

from __future__ import annotations

import pygame

from game.core.campaign import Campaign
from game.ui import text as txt
from game.ui.theme import Theme


def _party_strength(campaign: Campaign, power_id: str) -> float | None:
    for party in campaign.scenario.parties:
        if party.get("country") == power_id and party.get("strength"):
            return campaign.value(party["strength"])
    return None


def draw_board(
    surface: pygame.Surface, rect: pygame.Rect, theme: Theme, campaign: Campaign
) -> None:
    p = theme.palette
    scenario = campaign.scenario
    pygame.draw.rect(surface, p.paper_dark, rect)
    inset = rect.inflate(-theme.px(70), -theme.px(50))

    def at(position: tuple[float, float]) -> tuple[int, int]:
        return (int(inset.x + position[0] * inset.width), int(inset.y + position[1] * inset.height))

    places: dict[str, tuple[int, int]] = {}
    board = scenario.map
    if board.home_position:
        places["home"] = at(board.home_position)
    for power in scenario.powers:
        if power.position:
            places[power.id] = at(power.position)
    for a, b in board.links:
        if a in places and b in places:
            pygame.draw.line(surface, p.neutral, places[a], places[b], max(1, theme.px(1.5)))
    font = theme.small_bold()
    radius = theme.px(11)
    if "home" in places:
        pygame.draw.circle(surface, p.accent, places["home"], theme.px(20))
        label = txt.render(theme.body_bold(), board.home or "Home", p.ink)
        surface.blit(
            label, label.get_rect(midtop=(places["home"][0], places["home"][1] + theme.px(22)))
        )
    for power in scenario.powers:
        if power.id not in places:
            continue
        x, y = places[power.id]
        relation = campaign.value(power.relations) if power.relations else 0.0
        pygame.draw.circle(surface, theme.relation_color(relation), (x, y), radius)
        if any(campaign.value(flag) >= 0.5 for flag in power.treaties):
            pygame.draw.circle(surface, p.ink, (x, y), radius + theme.px(3), max(1, theme.px(2)))
        label = txt.render(font, power.name, p.ink)
        surface.blit(label, label.get_rect(midtop=(x, y + radius + theme.px(2))))
        strength = _party_strength(campaign, power.id)
        if strength is not None:
            bar = pygame.Rect(0, 0, theme.px(36), theme.px(4))
            bar.midtop = (x, y + radius + theme.px(4) + label.get_height())
            pygame.draw.rect(surface, p.panel, bar)
            filled = bar.copy()
            filled.width = int(bar.width * max(0.0, min(strength, 100.0)) / 100.0)
            pygame.draw.rect(surface, p.accent, filled)
    legend = txt.render(
        theme.small(),
        "colour: relations  ·  ring: treaty  ·  bar under a name: communist party",
        p.ink_soft,
    )
    if legend.get_width() <= rect.width - theme.px(12):
        surface.blit(
            legend, (rect.x + theme.px(6), rect.bottom - legend.get_height() - theme.px(4))
        )
