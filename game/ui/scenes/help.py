"""Help: a guided first turn for new players, and the rules in plain words."""

from __future__ import annotations

import pygame

from game.core.model import Scenario
from game.core.sources import bibliography_lines
from game.ui.scene import Pop, Scene
from game.ui.scenes.common import back_button, header
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, ScrollText

FIRST_TURN = """\
1. Read the left column, "The state of the Union". Each line is an indicator with its value, its change since last quarter and a small chart. Click any of them to see exactly why it moved: every change is recorded with its cause, and a change made by a rule of the economy, society or diplomacy is broken down into the figures the rule read, each with its weight and what it added. "All figures" (or L) below them opens the ledger: every figure the orders, events and rules move, group by group.

2. Pick an instrument with the tabs at the top of the middle panel: Gosplan (the plan and the villages), Politburo / NKVD (the party and the police), Comintern (the parties abroad) and NKID (diplomacy). The number keys 1 to 4 switch tabs too.

3. Set the standing policies. Each row is a policy with its levels; the highlighted level is in force. Hover over a level to see what choosing it would change at once, and what it would do to the indicators on screen one quarter on, against keeping the level in force. A policy stays as you leave it until you change it.

4. Take up to two decisions a quarter. A decision with a chance shows its odds; hover to see what happens if it succeeds and if it fails. Greyed-out decisions say why they are not possible now: what their condition needs, or that what is left in the purse after the decisions you already gave cannot pay for them. Orders are judged in the order you gave them; an order the rules refuse is not sent, and the quarterly report says which and why.

5. Press End turn (or Enter). The quarter resolves: the economy, society, the police, the army, the Comintern and the foreign powers move, and events happen. Each event asks you to choose; every option shows what it would change, and the source the event rests on.

6. Read the quarterly report: what changed, each change named by what caused it (a rule with the figures that moved it most), and what the powers did. Then the next quarter begins.

The campaign runs from the autumn of 1928 to June 1941, when Germany attacks: the game then judges how ready the Union was, and at what cost. It autosaves every quarter; Ctrl+S saves at any time, Esc opens the menu."""

RULES = """\
Quarters. Each turn is three months. A full campaign is 51 turns; some endings come earlier.

Indicators. Every number is a variable with a range. Nothing changes without a recorded cause: your policies, your decisions, the rules of the economy and society, and events. The "Why?" screen lists them.

Policies are standing orders: the rate of investment, the pace of collectivisation, the grain quota and exports, the depth of purges, the Comintern line and its funding. Changing some of them costs something at once (switching the Comintern line costs credibility, for example).

Decisions are one-off actions, at most two a quarter. Some cost valuta or need conditions; proposals to foreign powers succeed only with the odds shown, which depend on your relations with them.

Events happen on their date, when their conditions hold, or at random with a typical waiting time. Many ask you to choose; the historical choice is marked in the sources but is never the only one that works.

The contradiction at the heart of the game: revolution abroad and peaceful coexistence pull against each other. Comintern activity wins friends on the left and poisons the relations diplomacy needs for credits, technology and security. Industry needs foreign machines, paid with grain or credits; credits need a "normal" state, which terror and subversion prevent.

Power is at stake. The challenge to the leadership grows when party control slips, when the oppositions have a following, when the villages rise or starve and the plan fails, and when a high command that fears no one weighs its judgement against yours; fear holds it down. Warnings come first (open their causes with Why?): strike first, give ground or stand firm. At 100 you are removed. The state breaks if the villages rise while the party loses its grip, or revolt, famine and misery come together.

The verdict. The campaign ends in June 1941 with the German attack, or earlier with removal from power, the state breaking or a war lost before the army was ready. It is judged on five axes, each scored from 0 to 100 beside history's score: security (how the first weeks of the war go, army readiness, tanks, the officer corps, the warning of the attack, buffer territory, allies), human cost (famine deaths, people shot, deaths in the camps, people in camps and special settlements, and people deported, all counted in people), the revolution (Comintern credibility, the parties abroad, the intelligence networks, the Spanish Republic, whether Hitler took power), power (party control and the challenge to the leadership) and the Union (heavy industry, steel, living standards, standing). Each axis is the weighted mean of its measures, each scored 0 at its worst value and 100 at its best; the human cost's measures fall on a square-root curve, so the first hundred thousand dead cost the most marks and no toll counts as small. How June 1941 goes follows from security, and no preparation makes it certain: readiness and warning weigh most in the first weeks, the weight of the German blow next, and the fortune of war decides the rest. Human cost always counts against the verdict: no other axis cancels it, and every ending says what the path cost in people.

Sources. Events name the texts they rest on and, where historians disagree, say so. The same seed and the same choices always give the same history, so a class can compare its games."""


def sources_text(scenario: Scenario | None) -> str:
    """The Sources page: the campaign's source texts and its bibliography."""
    if scenario is None:
        return "Start or load a campaign to see the texts and the historians it rests on."
    lines = bibliography_lines(scenario.source_titles, scenario.bibliography)
    if not lines:
        return f"{scenario.title} names no sources."
    intro = (
        f"{scenario.title} rests on these texts. Events, decisions and figures cite them, "
        "with the historian a text names where it names one; a claim a text makes in its "
        "own name is credited to the text. Where the text names no work, the work meant is "
        "given as the one its argument comes from."
    )
    return "\n".join([intro, "", *lines])


class HelpScene(Scene):
    name = "help"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.page = "first"

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        y = header(self, area, "How to play")
        x = area.x + t.px(24)
        self.add(
            Button(
                pygame.Rect(x, y, t.px(220), t.px(38)),
                text="Your first turn",
                kind="toggle",
                selected=self.page == "first",
                on_click=lambda: self.show("first"),
            )
        )
        self.add(
            Button(
                pygame.Rect(x + t.px(230), y, t.px(220), t.px(38)),
                text="The rules",
                kind="toggle",
                selected=self.page == "rules",
                on_click=lambda: self.show("rules"),
            )
        )
        self.add(
            Button(
                pygame.Rect(x + t.px(460), y, t.px(220), t.px(38)),
                text="Sources",
                kind="toggle",
                selected=self.page == "sources",
                on_click=lambda: self.show("sources"),
                tooltip="The source texts and every historian the game names, with the work meant.",
            )
        )
        session = self.app.session
        if session is not None and not session.campaign.is_over:
            self.add(
                Button(
                    pygame.Rect(x + t.px(690), y, t.px(280), t.px(38)),
                    text="Guide me through a turn",
                    kind="primary",
                    on_click=self.start_guide,
                    tooltip="Close help and point at each part of the campaign screen in turn.",
                )
            )
        y += t.px(50)
        frame = self.add(
            Frame(pygame.Rect(x, y, area.width - t.px(48), area.bottom - y - t.px(80)))
        )
        self.add(ScrollText(frame.inner(t), text=self.page_text(), font=Theme.body))
        back_button(self, area)

    def page_text(self) -> str:
        if self.page == "first":
            return FIRST_TURN
        if self.page == "rules":
            return RULES
        return sources_text(self.app.session.campaign.scenario if self.app.session else None)

    def start_guide(self):
        from game.ui.guide import Guide

        self.app.session.guide = Guide()
        return Pop()

    def show(self, page: str) -> None:
        self.page = page
