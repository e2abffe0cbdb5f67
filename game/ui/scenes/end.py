"""The end screen: the verdict beside history with the campaign's arc on each axis, the
ending, its epilogue of what actually happened, its sources; and the verdict saved as a
poster to share."""

from __future__ import annotations

import pygame

from game.core.verdict import read as read_verdict
from game.ui.poster import save_poster
from game.ui.scene import Push, ResetTo, Scene
from game.ui.scenes.common import header
from game.ui.theme import Theme
from game.ui.verdict_panel import add_verdict, arcs
from game.ui.widgets import Button, Frame, Label, ScrollText


class EndScene(Scene):
    name = "end"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.status = ""  # where the poster went, or why it could not be written

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        campaign = self.app.session.campaign
        ending = campaign.ending
        calendar = campaign.scenario.calendar
        scenario, state = campaign.scenario, campaign.state
        y = header(
            self,
            area,
            ending.title.render(scenario, state),
            f"The campaign ended in {calendar.long_label(campaign.turn)}, after {len(campaign.records)} quarters.",
        )
        text = ending.text.render(scenario, state)
        if ending.epilogue:
            text += "\n\n# What actually happened\n" + ending.epilogue.render(scenario, state)
        sources = [
            f"{campaign.scenario.cite(s)}{': ' + s.note if s.note else ''}"
            for s in ending.lore.sources
        ]
        if sources:
            text += "\n\n# Sources\n" + "\n".join(sources)
        body = pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(112))
        if scenario.verdict:
            left = body.copy()
            # The verdict is read whole; the epilogue scrolls, so at a projector's scale
            # it gives up width before the verdict's price line loses a word.
            left.width = body.width * (9 if t.scale <= 1.0 else 11) // 20
            verdict = self.add(Frame(left, title="The verdict, beside history"))
            add_verdict(
                self,
                verdict.inner(t),
                read_verdict(scenario, state),
                self.explain,
                arcs(campaign),
            )
            body.x, body.width = left.right + t.px(16), body.right - left.right - t.px(16)
        frame = self.add(Frame(body, title="Epilogue"))
        self.add(ScrollText(frame.inner(t), text=text, font=Theme.body))
        bottom = area.bottom - t.px(92)
        self.add(
            Button(
                pygame.Rect(area.x + t.px(24), bottom, t.px(400), t.px(40)),
                text="Debrief: what happened and why",
                kind="primary",
                on_click=self.review,
                hotkey=pygame.K_RETURN,
            )
        )
        if scenario.verdict:
            self.add(
                Button(
                    pygame.Rect(area.x + t.px(436), bottom, t.px(170), t.px(40)),
                    text="Save poster",
                    on_click=self.save_poster,
                    hotkey=pygame.K_p,
                    tooltip="The verdict as an image to share (PNG, 1600 by 900), "
                    "written into the saves folder.",
                )
            )
        if self.status:
            self.add(
                Label(
                    pygame.Rect(
                        area.x + t.px(24), bottom + t.px(48), area.width - t.px(48), t.px(24)
                    ),
                    text=self.status,
                    font=Theme.small,
                    color=t.palette.ink_soft,
                )
            )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(400), bottom, t.px(200), t.px(40)),
                text="New campaign",
                on_click=self.new,
            )
        )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(190), bottom, t.px(166), t.px(40)),
                text="Title screen",
                on_click=self.title,
                hotkey=pygame.K_ESCAPE,
            )
        )

    def save_poster(self):
        """Write the poster into the saves folder and say where it went."""
        try:
            path = save_poster(
                self.app.session.campaign, self.app.saves, self.app.settings.colour_blind
            )
        except (OSError, pygame.error) as error:
            self.status = f"The poster could not be written: {error}"
        else:
            self.status = f"Poster saved: {path}"
        self.refresh()

    def explain(self, axis):
        """An axis's Why? page: each measure, its value and what it scored."""
        from game.ui.scenes.why import WhyScene

        return Push(WhyScene(self.app, f"verdict.{axis.id}"))

    def review(self):
        from game.ui.scenes.debrief import DebriefScene

        return Push(DebriefScene(self.app))

    def new(self):
        from game.ui.scenes.new_campaign import NewCampaignScene

        self.app.session = None
        return ResetTo(NewCampaignScene(self.app))

    def title(self):
        from game.ui.scene import Pop

        self.app.session = None
        return Pop(len(self.app.stack))
