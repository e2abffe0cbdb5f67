"""The debrief in the game: what happened, why, against history, questions, what if.

Reached from the end screen, or from the menu mid-campaign as "the campaign so far".
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.debrief.analysis import ChainLink, Debrief, build_debrief
from game.debrief.whatif import Branch, branch_points, compare, play_branch
from game.ui import charts
from game.ui.scene import Pop, Scene
from game.ui.scenes.common import header, pager
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, Label, Painter, ScrollText

TABS = ("Verdict", "Timeline", "Charts", "Causes", "You and history", "Questions", "What if?")


def _chain_lines(link: ChainLink, depth: int = 0) -> list[str]:
    mark = "  [your choice]" if link.player else ""
    detail = f"  ({link.detail})" if link.detail else ""
    lines = [f"{'    ' * depth}{link.change}  {link.label}{mark}{detail}"]
    for child in link.children:
        lines += _chain_lines(child, depth + 1)
    return lines


def section_text(debrief: Debrief, tab: str) -> str:
    if tab == "Verdict":
        # The content note opens the debrief, before any figure of the dead.
        note = [f"Content note. {debrief.content_note}", ""] if debrief.content_note else []
        if debrief.verdict is None:
            return "\n".join(
                note
                + ["This scenario declares no verdict: the ending above is the whole judgement."]
            )
        heading = (
            [] if debrief.final else ["The verdict so far, on the state of the campaign now.", ""]
        )
        return "\n".join(note + heading + debrief.verdict.lines())
    if tab == "Timeline":
        lines = []
        for quarter in debrief.timeline:
            lines.append(f"# {quarter.date}")
            for item in quarter.items:
                flag = {True: "  (as in history)", False: "  (unlike history)", None: ""}[
                    item.historical
                ]
                lines.append(f"    {item.kind}: {item.text}{flag}")
        return "\n".join(lines) or "Nothing has happened yet."
    if tab == "Causes":
        lines = [
            "Each outcome, its biggest causes over the campaign, and what those depended on.",
            "",
        ]
        for link in debrief.chains:
            lines += _chain_lines(link) + [""]
        return "\n".join(lines)
    if tab == "You and history":
        agree, total = debrief.agreement
        lines = [
            f"At {total} turning points you chose as the real leadership did {agree} times.",
            "",
        ]
        for c in debrief.comparisons:
            lines.append(f"# {c.date}  {c.topic}: {'as in history' if c.same else 'you diverged'}")
            lines.append(f"    You: {c.yours}")
            lines.append(f"    History: {c.history}")
            if c.happened:
                lines.append(f"    {c.happened}")
            lines += [f"    {person}" for person in c.people]
            if c.historiography:
                lines.append(f"    Historians disagree: {c.historiography}")
            if c.sources:
                lines.append("    Source: " + "; ".join(debrief.cite(s) for s in c.sources))
            lines.append("")
        if debrief.figures:
            lines.append("Your figures beside the real ones:")
            for f in debrief.figures:
                beside = f" ({f.beside_history})" if f.beside_history else ""
                lines.append(
                    f"    {f.title} ({f.date}): history {f.history}; yours {f.shown(f.yours)}{beside}"
                )
        return "\n".join(lines)
    if tab == "Questions":
        lines = []
        for i, q in enumerate(debrief.questions, 1):
            lines.append(f"{i}. [{q.theme}] {q.text}")
            lines.append("")
        if not lines:
            lines = ["This scenario has no discussion questions.", ""]
        # The works behind the questions' sources, for the class that wants to read on.
        sources = debrief.sources_lines()
        return "\n".join(lines + (["Sources", ""] + sources if sources else [])).rstrip()
    return ""


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.debrief = build_debrief(app.session.campaign)
        self.tab = TABS[0]
        self.status = ""
        self.point_page = 0
        self.point = None
        self.result: list[str] = []

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        d = self.debrief
        subtitle = f"{d.scenario_title} · seed {d.seed} · {d.quarters} quarters" + (
            "" if d.final else " · the campaign so far"
        )
        y = header(self, area, f"Debrief: {d.ending_title}", subtitle)
        x = area.x + t.px(24)
        width = (area.width - t.px(48) - t.px(6) * (len(TABS) - 1)) // len(TABS)
        for i, tab in enumerate(TABS):
            self.add(
                Button(
                    pygame.Rect(x + i * (width + t.px(6)), y, width, t.px(36)),
                    text=tab,
                    kind="toggle",
                    selected=tab == self.tab,
                    on_click=lambda tab=tab: self.select(tab),
                    font=lambda th: th.font(15, bold=True, narrow=True),
                )
            )
        y += t.px(46)
        body = pygame.Rect(x, y, area.width - t.px(48), area.bottom - y - t.px(76))
        frame = self.add(Frame(body, title=self.tab))
        inner = frame.inner(t)
        if self.tab == "Charts":
            self._charts(inner)
        elif self.tab == "What if?":
            self._whatif(inner)
        else:
            self.add(ScrollText(inner, text=section_text(d, self.tab), font=Theme.body))
        bottom = area.bottom - t.px(60)
        self.add(
            Button(
                pygame.Rect(x, bottom, t.px(220), t.px(40)),
                text="Save as a web page",
                on_click=self.export,
                tooltip="One HTML file to print or hand in.",
            )
        )
        if self.status:
            self.add(
                Label(
                    pygame.Rect(x + t.px(232), bottom, area.width - t.px(440), t.px(40)),
                    text=self.status,
                    font=Theme.small,
                    color=t.palette.ink_soft,
                )
            )
        self.add(
            Button(
                pygame.Rect(area.right - t.px(160), bottom, t.px(136), t.px(40)),
                text="Back",
                on_click=lambda: Pop(),
                hotkey=pygame.K_ESCAPE,
            )
        )

    def _charts(self, inner: pygame.Rect) -> None:
        t = self.theme
        series = self.debrief.series
        columns = 2
        rows = max(1, -(-len(series) // columns))
        cell_w = (inner.width - t.px(10)) // columns
        cell_h = max(t.px(60), (inner.height - t.px(24)) // rows)
        calendar = self.app.session.scenario.calendar
        labels = [calendar.label(0), calendar.label(max(0, self.debrief.quarters - 1))]
        for i, data in enumerate(series):
            cell = pygame.Rect(
                inner.x + (i % columns) * (cell_w + t.px(10)),
                inner.y + (i // columns) * cell_h,
                cell_w,
                cell_h - t.px(6),
            )
            self.add(
                Label(
                    pygame.Rect(cell.x, cell.y, cell.width, t.px(20)),
                    text=data.label,
                    font=Theme.small_bold,
                )
            )
            plot = pygame.Rect(cell.x, cell.y + t.px(20), cell.width, cell.height - t.px(20))
            self.add(Painter(plot, paint=self._chart_painter(data, labels), words=[data.label]))
        self.add(
            Label(
                pygame.Rect(inner.x, inner.bottom - t.px(20), inner.width, t.px(20)),
                text="Line: your campaign. Dots and bars: the historical figure and the range historians give.",
                font=Theme.small,
                color=self.theme.palette.ink_soft,
            )
        )

    def _chart_painter(self, data, labels):
        def paint(surface: pygame.Surface, rect: pygame.Rect, th: Theme) -> None:
            charts.line_chart(
                surface,
                rect,
                th,
                list(data.values),
                labels,
                (data.minimum, data.maximum),
                marks=data.figures,
                number=data.number,
                color=th.palette.harm if data.harm else None,
            )

        return paint

    def _whatif(self, inner: pygame.Rect) -> None:
        t = self.theme
        campaign = self.app.session.campaign
        if self.result:
            self.add(
                ScrollText(
                    pygame.Rect(inner.x, inner.y, inner.width, inner.height - t.px(48)),
                    text="\n".join(self.result),
                    font=Theme.body,
                )
            )
            self.add(
                Button(
                    pygame.Rect(inner.x, inner.bottom - t.px(40), t.px(240), t.px(38)),
                    text="Try another choice",
                    on_click=self.clear_result,
                )
            )
            return
        if self.point is not None:
            self.add(
                Label(
                    pygame.Rect(inner.x, inner.y, inner.width, t.px(50)),
                    text=f"{self.point.date}, {self.point.title}: you chose \u201c{self.point.chosen}\u201d. What if instead:",
                    wrap=True,
                    font=Theme.body_bold,
                )
            )
            y = inner.y + t.px(56)
            for key, text in self.point.alternatives:
                self.add(
                    Button(
                        pygame.Rect(inner.x, y, inner.width, t.px(48)),
                        text=text,
                        on_click=lambda key=key: self.run(key),
                        font=Theme.body,
                    )
                )
                y += t.px(56)
            self.add(
                Button(
                    pygame.Rect(inner.x, inner.bottom - t.px(40), t.px(160), t.px(38)),
                    text="Back to the list",
                    on_click=self.clear_point,
                )
            )
            return
        points = branch_points(campaign)
        if not points:
            self.add(
                Label(
                    pygame.Rect(inner.x, inner.y, inner.width, t.px(30)),
                    text="No choice has been recorded yet.",
                    color=t.palette.ink_soft,
                )
            )
            return
        self.add(
            Label(
                pygame.Rect(inner.x, inner.y, inner.width, t.px(24)),
                text="Pick a recorded choice to take differently; the world (seed) stays the same.",
                font=Theme.small,
                color=t.palette.ink_soft,
            )
        )
        row_h = t.px(44)
        rows = max(1, (inner.height - t.px(80)) // row_h)
        pages = max(1, -(-len(points) // rows))
        self.point_page = min(self.point_page, pages - 1)
        for i, point in enumerate(points[self.point_page * rows : (self.point_page + 1) * rows]):
            text = f"{point.date}  {point.title}: " + (
                f"\u201c{point.chosen}\u201d" if point.kind == "event" else "decision taken"
            )
            self.add(
                Button(
                    pygame.Rect(
                        inner.x, inner.y + t.px(28) + i * row_h, inner.width, row_h - t.px(6)
                    ),
                    text=text,
                    on_click=lambda p=point: self.pick(p),
                    font=Theme.small_bold,
                    kind="quiet",
                )
            )
        if pages > 1:
            back = pygame.Rect(inner.x, inner.bottom - t.px(38), t.px(110), t.px(36))
            pager(self, back, self.point_page, pages, self.page)

    # -- actions ------------------------------------------------------------------------

    def select(self, tab: str) -> None:
        self.tab = tab

    def page(self, step: int) -> None:
        self.point_page += step

    def pick(self, point) -> None:
        self.point = point

    def clear_point(self) -> None:
        self.point = None

    def clear_result(self) -> None:
        self.result = []
        self.point = None

    def run(self, key: str) -> None:
        campaign = self.app.session.campaign
        point = self.point
        if point.kind == "event":
            branch = Branch(point.turn, event=point.subject, option=key)
        else:
            branch = Branch(point.turn, decision=point.subject, take=False)
        other = play_branch(campaign, branch)
        result = compare(campaign, other)
        self.result = [
            f"What if: {branch.describe(campaign)}",
            f"Same world (seed {campaign.seed}). The campaigns part in {result.first_divergence}.",
            "",
        ]
        for name, before, after in result.rows:
            marker = "   <- different" if before != after else ""
            self.result.append(f"{name}: as played {before}; what if {after}{marker}")

    def export(self) -> None:
        from game.debrief.html import render_html

        session = self.app.session
        calendar = session.scenario.calendar
        html = render_html(self.debrief, (calendar.label(0), calendar.label(calendar.last_turn)))
        path = (
            Path(self.app.saves)
            / f"debrief-{session.scenario.id}-seed{session.campaign.seed}-{session.campaign.date}.html"
        )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            self.status = f"Saved to {path}"
        except OSError as error:
            self.status = f"Not saved: {error.strerror or error}"
