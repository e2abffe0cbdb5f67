"""Diplomacy: each power's relations, trust, threat, treaties and intentions, and the
proposals open to NKID with their odds."""

from __future__ import annotations

import pygame

from game.core.judge import view
from game.ui import describe
from game.ui import text as txt
from game.ui.scene import Scene
from game.ui.scenes.common import back_button, header
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, Label, Painter


def bar(label: str, value: float, low: float, high: float, shown: str):
    def paint(surface: pygame.Surface, rect: pygame.Rect, th: Theme) -> None:
        p = th.palette
        font = th.small_bold()
        surface.blit(txt.render(font, label, p.ink), (rect.x, rect.y))
        track = pygame.Rect(
            rect.x + th.px(90), rect.y + th.px(4), rect.width - th.px(150), th.px(12)
        )
        pygame.draw.rect(surface, p.paper_dark, track)
        share = (value - low) / (high - low) if high > low else 0.0
        filled = track.copy()
        filled.width = int(track.width * max(0.0, min(share, 1.0)))
        colour = th.relation_color(value) if low < 0 else p.accent
        pygame.draw.rect(surface, colour, filled)
        number = txt.render(font, shown, p.ink)
        surface.blit(number, (track.right + th.px(8), rect.y))

    return paint


class DiplomacyScene(Scene):
    name = "diplomacy"

    def __init__(self, app, power: str | None = None) -> None:
        super().__init__(app)
        powers = app.session.scenario.powers
        self.selected = power or (powers[0].id if powers else "")
        self.notice = ""

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        session = self.app.session
        scenario = session.scenario
        campaign = session.campaign
        y = header(
            self,
            area,
            "Diplomacy",
            "NKID: relations with the powers, and what you can propose to them.",
        )
        if not scenario.powers:
            self.add(
                Label(
                    pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), t.px(30)),
                    text="This scenario has no foreign powers.",
                )
            )
            back_button(self, area)
            return
        gap = t.px(12)
        list_w = t.px(240)
        body = pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(80))
        row_h = t.px(40)
        for i, power in enumerate(scenario.powers):
            rect = pygame.Rect(body.x, body.y + i * row_h, list_w, row_h - t.px(6))
            if rect.bottom > body.bottom:
                break
            relation = ""
            if power.relations:
                standing = campaign.value(power.relations)
                sign = "+" if standing > 0 else ""
                relation = f"  {sign}{describe.value(scenario, power.relations, standing)}"
            self.add(
                Button(
                    rect,
                    text=f"{power.name}{relation}",
                    kind="toggle",
                    selected=power.id == self.selected,
                    on_click=lambda p=power.id: self.select(p),
                    font=Theme.body,
                )
            )
        power = next(p for p in scenario.powers if p.id == self.selected)
        detail = self.add(
            Frame(
                pygame.Rect(body.x + list_w + gap, body.y, body.width - list_w - gap, body.height),
                title=power.name,
            )
        )
        inner = detail.inner(t)
        yy = inner.y
        if power.description:
            self.add(
                Label(
                    pygame.Rect(inner.x, yy, inner.width, t.px(44)),
                    text=power.description,
                    wrap=True,
                    font=Theme.small,
                )
            )
            yy += t.px(48)
        for label, var in (
            ("Relations", power.relations),
            ("Trust", power.trust),
            ("Threat", power.threat),
        ):
            if var:
                spec = describe.variable(scenario, var)
                self.add(
                    Painter(
                        pygame.Rect(inner.x, yy, inner.width, t.px(22)),
                        paint=bar(
                            label,
                            campaign.value(var),
                            spec.minimum,
                            spec.maximum,
                            describe.value(scenario, var, campaign.value(var)),
                        ),
                        words=[label],
                        tooltip=f"{spec.description} Click the indicator on the main screen for why it moved.",
                    )
                )
                yy += t.px(26)
        treaties = [
            f"{describe.label(scenario, flag)}: {'in force' if campaign.value(flag) >= 0.5 else 'none'}"
            for flag in power.treaties
        ]
        if treaties:
            self.add(
                Label(
                    pygame.Rect(inner.x, yy + t.px(4), inner.width, t.px(22) * len(treaties)),
                    text="\n".join(treaties),
                    wrap=True,
                    font=Theme.small,
                )
            )
            yy += t.px(22) * len(treaties) + t.px(8)
        ctx = view(scenario, campaign.state)
        intention = next((text for condition, text in power.intentions if condition(ctx)[0]), "")
        if intention:
            self.add(
                Label(
                    pygame.Rect(inner.x, yy, inner.width, t.px(46)),
                    text=f"Intentions: {intention}",
                    wrap=True,
                    font=Theme.body_bold,
                )
            )
            yy += t.px(50)
        self.add(
            Label(
                pygame.Rect(inner.x, yy, inner.width, t.px(26)),
                text="Proposals",
                font=Theme.body_bold,
            )
        )
        yy += t.px(28)
        legal = session.legal()
        proposals = [
            s
            for s in legal.decisions
            if s.decision.target == power.id
            and (
                s.allowed
                or s.reason not in ("not possible in the present situation", "already done")
            )
        ]
        if not proposals:
            self.add(
                Label(
                    pygame.Rect(inner.x, yy, inner.width, t.px(24)),
                    text="Nothing to propose to this power now.",
                    font=Theme.small,
                    color=t.palette.ink_soft,
                )
            )
        for status in proposals:
            if yy + t.px(44) > inner.bottom - t.px(28):
                break
            decision = status.decision
            chosen = decision.id in session.decisions
            odds = f"  ·  {status.odds:.0%} chance" if status.odds is not None else ""
            tip = decision.text.render(scenario, campaign.state)
            if not status.allowed:
                tip = f"Not now: {status.reason.rstrip('.')}.\n" + tip
            self.add(
                Button(
                    pygame.Rect(inner.x, yy, inner.width, t.px(38)),
                    text=f"{decision.title.render(scenario, campaign.state)}{odds}",
                    kind="toggle",
                    selected=chosen,
                    enabled=status.allowed or chosen,
                    on_click=lambda d=decision.id: self.toggle(d),
                    tooltip=tip,
                    more=lambda d=decision: self._proposal_preview(d),
                    font=Theme.body,
                )
            )
            yy += t.px(44)
        note = self.notice or "Proposals you tick are sent when you end the turn."
        self.add(
            Label(
                pygame.Rect(inner.x, inner.bottom - t.px(24), inner.width, t.px(24)),
                text=note,
                font=Theme.small,
                color=t.palette.bad if self.notice else t.palette.ink_soft,
            )
        )
        back_button(self, area)

    def select(self, power_id: str) -> None:
        self.selected = power_id
        self.notice = ""

    def _proposal_preview(self, decision) -> str:
        """What a proposal changes if accepted or refused, and one quarter on: worked
        out only when its button is hovered."""
        session = self.app.session
        scenario, campaign = session.scenario, session.campaign
        preview = session.previews().decision(decision)
        effects = describe.effects(scenario, preview.changes, preview.uncertain, campaign.value)
        text = f"If accepted: {effects}."
        if preview.on_failure is not None:
            text += f"\nIf refused: {describe.effects(scenario, preview.on_failure)}."
        outlook = describe.outlook(
            scenario,
            session.outlooks().decision(session.orders(), decision),
            "One quarter on, against not proposing it",
        )
        return f"{text}\n{outlook}" if outlook else text

    def toggle(self, decision_id: str) -> None:
        reason = self.app.session.toggle_decision(decision_id)
        self.notice = f"Not possible: {reason.rstrip('.')}." if reason else ""
        if not reason and decision_id in self.app.session.decisions:
            self.app.audio.play("decision")
