"""The ledger: every figure of the scenario, group by group, with its value, its change
last quarter and its trend. Clicking a figure opens its Why? page.

The main screen has room for a dozen indicators; the orders, events and rules trade on
many more (valuta, the opposition, officials' fear...). Here the player can see them all.
"""

from __future__ import annotations

import pygame

from game.core import units
from game.core.layout import Variable
from game.ui import charts, describe
from game.ui import text as txt
from game.ui.scene import Push, Scene
from game.ui.scenes.common import back_button, header, pager
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, Label, Painter


def figure_groups(variables: list[Variable]) -> dict[str, list[Variable]]:
    """The declared variables by group, groups in the order the scenario declares them."""
    groups: dict[str, list[Variable]] = {}
    for var in variables:
        groups.setdefault(var.group, []).append(var)
    return groups


def group_title(group: str) -> str:
    return group.replace("_", " ").replace(".", " ").capitalize()


class LedgerScene(Scene):
    name = "ledger"

    def __init__(self, app, group: str | None = None) -> None:
        super().__init__(app)
        scenario = app.session.scenario
        self.groups = figure_groups(scenario.layout.declared())
        self.group = group if group in self.groups else next(iter(self.groups), "")
        self.page = 0

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        campaign = self.app.session.campaign
        y = header(
            self,
            area,
            "The ledger: every figure",
            "All that orders, events and rules move. Click a figure to see why it moved.",
        )
        gap = t.px(12)
        bottom = area.bottom - t.px(72)
        left = pygame.Rect(area.x + t.px(24), y, t.px(190), bottom - y)
        self._group_buttons(left)
        right = pygame.Rect(
            left.right + gap, y, area.right - t.px(24) - left.right - gap, left.height
        )
        when = campaign.scenario.calendar.long_label(campaign.turn)
        frame = self.add(Frame(right, title=f"{group_title(self.group)}  ·  {when}"))
        self._rows(frame.inner(t))
        back_button(self, area)

    def _group_buttons(self, rect: pygame.Rect) -> None:
        t = self.theme
        names = list(self.groups)
        step = min(t.px(40), rect.height // max(1, len(names)))
        font = (
            (lambda th: th.font(14, bold=True, narrow=True)) if step < t.px(34) else Theme.body_bold
        )
        for i, group in enumerate(names):
            self.add(
                Button(
                    pygame.Rect(rect.x, rect.y + i * step, rect.width, step - t.px(4)),
                    text=f"{group_title(group)} ({len(self.groups[group])})",
                    kind="toggle",
                    selected=group == self.group,
                    on_click=lambda g=group: self.select(g),
                    font=font,
                )
            )

    def _rows(self, inner: pygame.Rect) -> None:
        t = self.theme
        variables = self.groups.get(self.group, [])
        row_h = t.px(34)
        footer = t.px(40)
        per_page = max(1, (inner.height - footer) // row_h)
        pages = max(1, -(-len(variables) // per_page))
        self.page = min(self.page, pages - 1)
        shown = variables[self.page * per_page : (self.page + 1) * per_page]
        for i, var in enumerate(shown):
            row = pygame.Rect(inner.x, inner.y + i * row_h, inner.width, row_h - t.px(2))
            self._row(row, var)
        note = f"{len(variables)} figures" + (
            f", page {self.page + 1} of {pages}" if pages > 1 else ""
        )
        note += ". Change: last quarter. Trend: the last twelve quarters."
        pager_w = t.px(92) if pages > 1 else 0
        self.add(
            Label(
                pygame.Rect(
                    inner.x,
                    inner.bottom - footer + t.px(8),
                    inner.width - 2 * pager_w - t.px(12),
                    t.px(28),
                ),
                text=note,
                font=Theme.small,
                color=t.palette.ink_soft,
            )
        )
        if pages > 1:
            first = pygame.Rect(
                inner.right - 2 * pager_w - t.px(4),
                inner.bottom - footer + t.px(8),
                pager_w,
                t.px(28),
            )
            pager(
                self,
                first,
                self.page,
                pages,
                self.turn_page,
                ("« Prev", "Next »"),
                gap=4,
                keys=True,
            )

    def _row(self, row: pygame.Rect, var: Variable) -> None:
        campaign = self.app.session.campaign
        scenario = campaign.scenario
        name = var.name
        series = describe.history(campaign, name)
        change = series[-1] - series[-2] if len(series) > 1 else 0.0
        title = describe.label(scenario, name)
        value = units.format_value(var, campaign.value(name), phrase=False)
        delta = units.format_delta(var, change)

        def paint(surface: pygame.Surface, rect: pygame.Rect, th: Theme) -> None:
            p = th.palette
            hovered = rect.collidepoint(pygame.mouse.get_pos())
            pygame.draw.rect(surface, p.paper_dark if hovered else p.panel, rect)
            pygame.draw.line(surface, p.paper_dark, rect.bottomleft, rect.bottomright, 1)
            font, bold = th.body(), th.body_bold()
            delta_w, value_w = th.px(120), th.px(230)
            name_w = min(th.px(330), rect.width // 2 - th.px(40))
            spark_w = rect.width - name_w - value_w - delta_w - th.px(18)
            label, _ = txt.ellipsize(font, title, name_w)
            mid = rect.centery
            image = txt.render(font, label, p.ink)
            surface.blit(image, (rect.x + th.px(6), mid - image.get_height() // 2))
            shown, _ = txt.ellipsize(bold, value, value_w)
            image = txt.render(bold, shown, p.ink)
            surface.blit(
                image, (rect.x + th.px(6) + name_w + th.px(6), mid - image.get_height() // 2)
            )
            image = txt.render(th.small_bold(), delta, describe.trend_color(th, var, change))
            x = rect.right - spark_w - delta_w - th.px(6)
            surface.blit(image, (x, mid - image.get_height() // 2))
            spark = pygame.Rect(
                rect.right - spark_w, rect.y + th.px(5), spark_w - th.px(6), rect.height - th.px(10)
            )
            charts.sparkline(surface, spark, series[-13:], p.harm if var.harm else p.accent)

        self.add(
            Painter(
                row,
                paint=paint,
                on_click=lambda: self.why(name),
                words=[title, value, delta],
                tooltip=f"{(var.description or title).rstrip('.')}. "
                + ("On the main screen. " if name in scenario.indicators else "")
                + "Click for why it moved.",
            )
        )

    # -- actions ------------------------------------------------------------------------

    def select(self, group: str) -> None:
        self.group = group
        self.page = 0

    def turn_page(self, step: int) -> None:
        self.page = max(0, self.page + step)

    def why(self, name: str):
        from game.ui.scenes.why import WhyScene

        return Push(WhyScene(self.app, name))
