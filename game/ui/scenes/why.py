"""Why? One indicator's causal breakdown: this quarter's changes, the causes over the
whole campaign, and its history as a chart."""

from __future__ import annotations

import pygame

from game.core import breakdown, units
from game.ui import charts, describe
from game.ui.scene import Scene
from game.ui.scenes.common import back_button, header
from game.ui.theme import Theme
from game.ui.widgets import Frame, Label, Painter, ScrollText


class WhyScene(Scene):
    name = "why"

    def __init__(self, app, var: str) -> None:
        super().__init__(app)
        self.var = var

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        campaign = self.app.session.campaign
        scenario = campaign.scenario
        var = describe.variable(scenario, self.var)
        # The title names the variable, so its value needs the unit, not the phrase again.
        value = units.format_value(var, campaign.value(self.var), phrase=False)
        y = header(
            self,
            area,
            f"Why? {describe.label(scenario, self.var)}: {value}",
            # A count of people harmed says so before anything else.
            f"Human cost, in people. {var.description}"
            if var.harm
            else var.description or self.var,
        )
        gap = t.px(12)
        # The breakdown's lines (an input, its weight, what it added) need the width more
        # than the chart does.
        inner_width = area.width - t.px(48) - gap
        left = pygame.Rect(area.x + t.px(24), y, inner_width * 3 // 5, area.bottom - y - t.px(80))
        right = pygame.Rect(left.right + gap, y, inner_width - left.width, left.height)
        last = campaign.records[-1] if campaign.records else None
        frame = self.add(Frame(left, title=f"Last quarter{f' ({last.date})' if last else ''}"))
        lines = []
        for change in describe.explained(campaign, [self.var])[self.var]:
            lines.append(
                f"{units.format_change(var, change.delta)}: {describe.cause(scenario, change.cause)}"
            )
            if change.breakdown is not None:
                lines += [f"    {line}" for line in breakdown.lines(change.breakdown, align=False)]
        if not lines:
            lines = (
                ["No change last quarter."]
                if last
                else describe.starting_notes(scenario, self.var, value)
            )
        totals: dict[str, float] = {}
        for record in campaign.records:
            for change in record.changes_to(self.var):
                totals[change.cause] = totals.get(change.cause, 0.0) + change.delta
        if totals:
            lines += ["", "Over the whole campaign, the biggest causes:"]
            for cause, total in sorted(totals.items(), key=lambda kv: -abs(kv[1]))[:10]:
                lines.append(
                    f"{units.format_change(var, total):>6}   {describe.cause(scenario, cause)}"
                )
        notes = describe.rule_notes(scenario, list(totals))
        if notes:
            lines += ["", "How these rules work:"] + notes
        self.add(ScrollText(frame.inner(t), text="\n".join(lines), font=Theme.body))
        chart_frame = self.add(Frame(right, title="History"))
        series = describe.history(campaign, self.var)
        calendar = scenario.calendar
        labels = (
            [calendar.label(0), calendar.label(max(0, len(series) - 2))] if len(series) > 1 else []
        )
        inner = chart_frame.inner(t)
        self.add(
            Painter(
                inner,
                paint=lambda s, r, th: charts.line_chart(
                    s,
                    r,
                    th,
                    series,
                    labels,
                    (var.minimum, var.maximum),
                    number=lambda v: units.format_number(var, v),
                    color=th.palette.harm if var.harm else None,
                ),
            )
        )
        self.add(
            Label(
                pygame.Rect(
                    area.x + t.px(24), area.bottom - t.px(56), area.width - t.px(220), t.px(32)
                ),
                text=f"Range {units.format_number(var, var.minimum)} to {units.format_number(var, var.maximum)}. Every change is recorded with its cause.",
                font=Theme.small,
                color=t.palette.ink_soft,
            )
        )
        back_button(self, area)
