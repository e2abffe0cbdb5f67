"""The campaign screen: indicators, the four instruments, the map, dispatches, End Turn."""

from __future__ import annotations

import pygame

from game.core import units
from game.core.dispatches import dispatches
from game.core.reasons import Refusal
from game.ui import charts, describe
from game.ui import text as txt
from game.ui.board_view import draw_board
from game.ui.guide import add_callout
from game.ui.map_view import MODE_TITLES, MODES, MapWidget, modes_of
from game.ui.motion import QuarterMotion
from game.ui.scene import Pop, Push, Scene
from game.ui.scenes.common import pager
from game.ui.session import Session
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, Label, Painter, ScrollText

WIDE = 1100  # logical width from which the map and dispatches get their own column


class CampaignScene(Scene):
    name = "campaign"

    def __init__(self, app) -> None:
        super().__init__(app)
        groups = [g["id"] for g in self.session.scenario.groups]
        self.tabs = groups or ["orders"]
        if any(self._group_of(item) not in self.tabs for item in self._orders_items()):
            self.tabs.append("other")
        self.tab = self.tabs[0]
        self.page = 0
        self.notice = ""
        self.map_mode = MODES[0]
        self.anchors: dict[str, pygame.Rect] = {}
        self.motion = QuarterMotion()

    @property
    def session(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    def _orders_items(self):
        scenario = self.session.scenario
        return list(scenario.policies) + list(scenario.decisions)

    def _group_of(self, item) -> str:
        if self.tabs == ["orders"]:
            return "orders"
        return item.group or "other"

    def _tab_title(self, tab: str) -> str:
        for group in self.session.scenario.groups:
            if group["id"] == tab:
                return group["title"]
        return {"orders": "Orders", "other": "Other", "map": "Map", "dispatches": "Dispatches"}[tab]

    # -- layout -------------------------------------------------------------------------

    def build(self, area: pygame.Rect) -> None:
        self.anchors = {}
        campaign = self.session.campaign
        self.motion.update(
            campaign.turn,
            {name: campaign.value(name) for name in self.session.scenario.indicators},
            still=self.app.settings.reduce_motion,
        )
        self._build(area)
        if self.session.guide is not None:
            add_callout(self, self.session.guide, self.anchors, self.app.guide_finished)

    def _build(self, area: pygame.Rect) -> None:
        t = self.theme
        wide = area.width / t.scale >= WIDE
        tabs = self.tabs + ([] if wide else ["map", "dispatches"])
        if self.tab not in tabs:
            self.tab = tabs[0]
        top = self._top_bar(area)
        gap = t.px(12)
        left_w = t.px(300)
        right_w = t.px(380) if wide else 0
        body = pygame.Rect(
            area.x + gap, top + gap, area.width - 2 * gap, area.bottom - top - 2 * gap
        )
        self._indicators(pygame.Rect(body.x, body.y, left_w, body.height))
        middle = pygame.Rect(
            body.x + left_w + gap,
            body.y,
            body.width - left_w - gap - (right_w + gap if wide else 0),
            body.height,
        )
        self._tabs(middle, tabs)
        content = pygame.Rect(middle.x, middle.y + t.px(44), middle.width, middle.height - t.px(44))
        if self.tab == "map":
            self._map(content)
        elif self.tab == "dispatches":
            self._dispatches(content)
        else:
            self._orders(content)
        if wide:
            right = pygame.Rect(middle.right + gap, body.y, right_w, body.height)
            map_h = int(right.height * 0.5)
            self._map(pygame.Rect(right.x, right.y, right.width, map_h))
            self._dispatches(
                pygame.Rect(right.x, right.y + map_h + gap, right.width, right.height - map_h - gap)
            )

    def _top_bar(self, area: pygame.Rect) -> int:
        t = self.theme
        campaign = self.session.campaign
        calendar = campaign.scenario.calendar
        bar = pygame.Rect(area.x, area.y, area.width, t.px(60))
        self.add(Painter(bar, paint=lambda s, r, th: pygame.draw.rect(s, th.palette.ink, r)))
        roomy = area.width / t.scale >= 1200
        if roomy:
            self.add(
                Label(
                    pygame.Rect(bar.x + t.px(14), bar.y, t.px(170), bar.height),
                    text="GREAT TURN",
                    font=lambda th: th.font(24, bold=True),
                    color=t.palette.accent,
                )
            )
        buttons = [
            ("Diplomacy", self.diplomacy, pygame.K_d),
            ("Report", self.report, pygame.K_r),
            ("Save", self.save, None),
            ("Menu", self.menu, None),
        ]
        x = bar.right - t.px(170)
        end = Button(
            pygame.Rect(x, bar.y + t.px(10), t.px(156), t.px(40)),
            text="End turn",
            kind="primary",
            on_click=self.end_turn,
            hotkey=pygame.K_RETURN,
            tooltip="Resolve the quarter with the orders you have given (Enter).",
        )
        width = t.px(104)
        for label, action, hotkey in reversed(buttons):
            x -= width + t.px(8)
            self.add(
                Button(
                    pygame.Rect(x, bar.y + t.px(12), width, t.px(36)),
                    text=label,
                    on_click=action,
                    hotkey=hotkey,
                    kind="quiet",
                )
            )
        self.add(end)
        self.anchors["end_turn"] = end.rect
        date_left = bar.x + (t.px(190) if roomy else t.px(14))
        space = x - date_left - t.px(10)
        turn_text = f"turn {campaign.turn + 1} of {calendar.n_turns}"
        left = self.session.minutes_left()
        if left is not None:
            turn_text += f"  ·  {left} min left"
        when = f"{calendar.long_label(campaign.turn)}  ·  {turn_text}"
        font = Theme.heading
        if font(t).size(when)[0] > space:
            when = f"{calendar.long_label(campaign.turn)} · {campaign.turn + 1}/{calendar.n_turns}"
            font = Theme.body_bold
        self.add(
            Label(
                pygame.Rect(date_left, bar.y, max(t.px(40), space), bar.height),
                text=when,
                font=font,
                color=t.palette.on_accent,
                tooltip=f"{calendar.long_label(campaign.turn)}, {turn_text}",
            )
        )
        self.motion.date = when
        date_rect = pygame.Rect(date_left, bar.y, max(t.px(40), space), bar.height)
        self.add(Painter(date_rect, paint=lambda s, r, th: self._turn_the_date(s, r, th, font)))
        return bar.bottom

    def _turn_the_date(self, surface: pygame.Surface, rect: pygame.Rect, th: Theme, font) -> None:
        """The quarter turns over: the old date rises out of the bar as the new one rises
        into it, like a leaf of a desk calendar."""
        turning = self.motion.date_turn()
        if turning is None:
            return
        old, progress = turning
        new = self.motion.date
        pygame.draw.rect(surface, th.palette.ink, rect)
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        for label, offset in ((old, -progress), (new, 1 - progress)):
            image = txt.render(font(th), label, th.palette.on_accent)
            image.set_alpha(int(255 * (1 - abs(offset))))
            y = rect.y + (rect.height - image.get_height()) // 2 + int(offset * rect.height)
            surface.blit(image, (rect.x, y))
        surface.set_clip(clip)

    def _indicators(self, rect: pygame.Rect) -> None:
        t = self.theme
        frame = self.add(Frame(rect, title="The state of the Union"))
        self.anchors["indicators"] = rect
        inner = frame.inner(t)
        names = list(self.session.scenario.indicators)
        button_h = t.px(34)
        # Every figure is a click away in the ledger, so rows that do not fit are not lost.
        ledger = Button(
            pygame.Rect(inner.x, inner.bottom - button_h, inner.width, button_h),
            text="All figures (L)",
            on_click=self.ledger,
            hotkey=pygame.K_l,
            kind="quiet",
            tooltip="The ledger: every figure the orders, events and rules move, group by group.",
        )
        self.add(ledger)
        self.anchors["ledger"] = ledger.rect
        room = inner.height - button_h - t.px(6)
        row_h = max(t.px(44), min(t.px(52), room // max(1, len(names))))
        fitting = max(1, room // row_h)
        for i, name in enumerate(names[:fitting]):
            row = pygame.Rect(inner.x, inner.y + i * row_h, inner.width, row_h - t.px(6))
            self._indicator_row(row, name)
        hint_y = inner.y + min(len(names), fitting) * row_h
        if inner.bottom - button_h - hint_y > t.px(40):
            self.add(
                Label(
                    pygame.Rect(
                        inner.x,
                        hint_y + t.px(4),
                        inner.width,
                        inner.bottom - button_h - hint_y - t.px(8),
                    ),
                    text="Click an indicator to see why it moved.",
                    font=Theme.small,
                    color=t.palette.ink_soft,
                    wrap=True,
                )
            )

    def _indicator_row(self, row: pygame.Rect, name: str) -> None:
        campaign = self.session.campaign
        scenario = campaign.scenario
        var = describe.variable(scenario, name)
        series = describe.history(campaign, name)
        change = series[-1] - series[-2] if len(series) > 1 else 0.0
        title = describe.label(scenario, name)
        # The label beside it says what it counts, so the number stands alone: "680,000".
        final = campaign.value(name)
        value = units.format_number(var, final)
        motion = self.motion

        def paint(surface: pygame.Surface, rect: pygame.Rect, th: Theme) -> None:
            from game.ui import text as txt

            p = th.palette
            hovered = rect.collidepoint(pygame.mouse.get_pos())
            pygame.draw.rect(surface, p.paper_dark if hovered else p.panel, rect)
            pygame.draw.line(surface, p.paper_dark, rect.bottomleft, rect.bottomright, 1)
            small = th.small()
            label, _ = txt.ellipsize(small, title, rect.width - th.px(90))
            surface.blit(
                txt.render(small, label, p.ink_soft), (rect.x + th.px(4), rect.y + th.px(2))
            )
            shown = motion.value(name, final)
            figure = value if shown == final else units.format_number(var, shown)
            big = txt.render(th.body_bold(), figure, p.ink)
            surface.blit(big, (rect.x + th.px(4), rect.bottom - big.get_height() - th.px(2)))
            trend = txt.render(
                th.small_bold(),
                units.format_delta(var, change),
                describe.trend_color(th, var, change),
            )
            surface.blit(
                trend,
                (rect.x + th.px(12) + big.get_width(), rect.bottom - trend.get_height() - th.px(4)),
            )
            spark = pygame.Rect(
                rect.right - th.px(80), rect.y + th.px(8), th.px(74), rect.height - th.px(16)
            )
            charts.sparkline(surface, spark, series[-12:], p.harm if var.harm else p.accent)

        self.add(
            Painter(
                row,
                paint=paint,
                on_click=lambda: self.why(name),
                words=[title, value],
                tooltip=f"{(var.description or name).rstrip('.')}. Click for why it moved.",
            )
        )

    def _tabs(self, rect: pygame.Rect, tabs: list[str]) -> None:
        t = self.theme
        font = lambda th: th.font(16, bold=True, narrow=True)  # noqa: E731
        gap = t.px(6)
        needed = [font(t).size(self._tab_title(tab))[0] + t.px(24) for tab in tabs]
        spare = rect.width - gap * (len(tabs) - 1) - sum(needed)
        widths = (
            [n + spare // len(tabs) for n in needed]
            if spare > 0
            else [n * (rect.width - gap * (len(tabs) - 1)) // sum(needed) for n in needed]
        )
        self.anchors["tabs"] = pygame.Rect(rect.x, rect.y, rect.width, t.px(38))
        x = rect.x
        for i, (tab, width) in enumerate(zip(tabs, widths, strict=True)):
            tab_rect = pygame.Rect(x, rect.y, width, t.px(38))
            self.add(
                Button(
                    tab_rect,
                    text=self._tab_title(tab),
                    kind="toggle",
                    selected=tab == self.tab,
                    on_click=lambda tab=tab: self.select_tab(tab),
                    hotkey=pygame.K_1 + i if i < 9 else None,
                    font=font,
                )
            )
            x += width + gap

    def _orders(self, rect: pygame.Rect) -> None:
        t = self.theme
        session = self.session
        scenario = session.scenario
        legal = session.legal()
        frame = self.add(Frame(rect, title=self._tab_title(self.tab)))
        inner = frame.inner(t)
        rows: list[tuple[str, object]] = []
        for status in legal.policies:
            if self._group_of(status.policy) == self.tab:
                rows.append(("policy", status))
        reasons: dict[str, str] = {}
        for status in legal.decisions:
            if self._group_of(status.decision) != self.tab:
                continue
            if status.refusal is Refusal.DONE:
                continue
            # A decision its condition closes stays in the list, greyed, saying why.
            if not status.allowed:
                reasons[status.decision.id] = status.reason
            rows.append(("decision", status))
        # What can be ordered comes first; then what the draft's other orders crowd out
        # (the budget, the purse, a cooldown), and last what its condition closes.
        rows.sort(key=lambda row: _row_rank(*row))
        footer = t.px(34)

        compact = False

        def height(kind: str, status) -> int:
            if kind == "policy":
                return t.px(70) if compact else t.px(84)
            reason = reasons.get(status.decision.id, "")
            if not reason:
                return t.px(48)
            lines = txt.wrap(t.small(), f"Not now: {reason}", inner.width - t.px(8))
            return t.px(48) + len(lines) * t.small().get_linesize()

        # A tab's orders on one page when tighter rows let them fit: a decision on a
        # second page is easily missed. Tight rows hold one line of label per level.
        level_font = t.font(15, bold=True, narrow=True)

        def one_line(status) -> bool:
            count = len(status.policy.levels)
            width = (inner.width - t.px(6) * (count - 1)) // count - t.px(16)
            return all(level_font.size(lvl.label)[0] <= width for lvl in status.policy.levels)

        compact = sum(height(*row) for row in rows) > inner.height - footer and all(
            one_line(status) for kind, status in rows if kind == "policy"
        )

        pages: list[list[tuple[str, object]]] = [[]]
        used = 0
        for row in rows:
            needed = height(*row)
            if used + needed > inner.height - footer and pages[-1]:
                pages.append([])
                used = 0
            pages[-1].append(row)
            used += needed
        self.page = min(self.page, len(pages) - 1)
        y = inner.y
        for kind, status in pages[self.page]:
            row_rect = pygame.Rect(inner.x, y, inner.width, height(kind, status) - t.px(8))
            self.anchors.setdefault(kind, row_rect)
            if kind == "policy":
                self._policy_row(row_rect, status)
            else:
                self._decision_row(row_rect, status, reasons.get(status.decision.id, ""))
            y += height(kind, status)
        if not rows:
            self.add(
                Label(
                    pygame.Rect(inner.x, inner.y, inner.width, t.px(60)),
                    text="Nothing to order here this quarter.",
                    color=t.palette.ink_soft,
                    wrap=True,
                )
            )
        footer_rect = pygame.Rect(
            inner.x, inner.bottom - footer + t.px(6), inner.width, footer - t.px(6)
        )
        chosen = len(session.decisions)
        later = sum(len(page) for page in pages[self.page + 1 :])
        status_text = (
            self.notice
            or (
                f"Page {self.page + 1} of {len(pages)}: {later} more "
                f"{'order' if later == 1 else 'orders'} on the next page."
                if later
                else ""
            )
            or f"Decisions: {chosen} of {scenario.max_decisions_per_turn} this quarter. Hover to preview."
        )
        page_w = t.px(92) if len(pages) > 1 else 0
        self.add(
            Label(
                pygame.Rect(
                    footer_rect.x,
                    footer_rect.y,
                    footer_rect.width - 2 * page_w - t.px(8),
                    footer_rect.height,
                ),
                text=status_text,
                font=Theme.small,
                color=t.palette.bad if self.notice or later else t.palette.ink_soft,
            )
        )
        if len(pages) > 1:
            back = pygame.Rect(
                footer_rect.right - 2 * page_w - t.px(4), footer_rect.y, page_w, footer_rect.height
            )
            pager(self, back, self.page, len(pages), self.turn_page, ("« Prev", "Next »"), gap=4)

    def _effects_text(self, changes: dict[str, float], uncertain=None) -> str:
        session = self.session
        return describe.effects(session.scenario, changes, uncertain, session.campaign.value)

    def _policy_row(self, rect: pygame.Rect, status) -> None:
        t = self.theme
        session = self.session
        policy = status.policy
        locked = status.reason
        # An event or rule changed this order last quarter, and the player has not given
        # it again: say so where the order is set.
        changed = self.order_changes().get(policy.id) if policy.id not in session.policies else None
        marker = "changed last quarter, not by you"
        marker_w = t.small_bold().size(marker)[0] + t.px(8) if changed else 0
        self.add(
            Label(
                pygame.Rect(rect.x, rect.y, rect.width - marker_w, t.px(24)),
                text=policy.title + ("" if status.allowed else " (locked)"),
                font=Theme.body_bold,
                tooltip=policy.text if status.allowed else f"Locked: {locked}.\n{policy.text}",
            )
        )
        if changed:
            self.add(
                Label(
                    pygame.Rect(rect.right - marker_w, rect.y, marker_w, t.px(24)),
                    text=marker,
                    font=Theme.small_bold,
                    color=t.palette.bad,
                    align="right",
                    tooltip=changed,
                )
            )
        current = session.policy_value(policy.id)
        count = len(policy.levels)
        width = (rect.width - t.px(6) * (count - 1)) // count
        for i, level in enumerate(policy.levels):
            button_rect = pygame.Rect(
                rect.x + i * (width + t.px(6)), rect.y + t.px(28), width, rect.height - t.px(28)
            )
            tooltip = f"{level.label}. {level.description}"
            self.add(
                Button(
                    button_rect,
                    text=level.label,
                    kind="toggle",
                    selected=level.value == current,
                    enabled=status.allowed,
                    on_click=lambda p=policy.id, v=level.value: self.set_policy(p, v),
                    font=lambda th: th.font(15, bold=True, narrow=True),
                    tooltip=tooltip,
                    more=lambda p=policy, v=level.value: self._policy_preview(p, v),
                )
            )

    def _policy_preview(self, policy, value: float) -> str:
        """What setting `policy` to `value` does: worked out only when its button is hovered."""
        preview = self.session.previews().policy(policy, value)
        effect = f"If chosen now: {self._effects_text(preview.changes, preview.uncertain)}."
        outlook = self._policy_outlook(policy, value)
        return f"{effect}\n{outlook}" if outlook else effect

    def _decision_preview(self, decision) -> str:
        """What taking `decision` does, if it succeeds and if it fails, and one quarter
        on: worked out only when its button is hovered."""
        session = self.session
        preview = session.previews().decision(decision)
        text = f"If it succeeds: {self._effects_text(preview.changes, preview.uncertain)}."
        if preview.on_failure is not None:
            text += f"\nIf it fails: {self._effects_text(preview.on_failure)}."
        outlook = describe.outlook(
            session.scenario,
            session.outlooks().decision(session.orders(), decision),
            "One quarter on, against not taking it",
        )
        return f"{text}\n{outlook}" if outlook else text

    def _policy_outlook(self, policy, value: float) -> str:
        session = self.session
        standing = policy.level(session.campaign.value(policy.var))
        if standing is not None and standing.value == value:
            return ""
        against = f"keeping {standing.label}" if standing else "leaving it as it is"
        seen = session.outlooks().policy(session.orders(), policy, value)
        return describe.outlook(session.scenario, seen, f"One quarter on, against {against}")

    def _decision_row(self, rect: pygame.Rect, status, reason: str = "") -> None:
        t = self.theme
        session = self.session
        decision = status.decision
        chosen = decision.id in session.decisions
        odds = f"  ·  {status.odds:.0%} chance" if status.odds is not None else ""
        costs = ", ".join(
            describe.amount(session.scenario, cost.var, cost.amount) for cost in decision.costs
        )
        state = session.campaign.state
        label = f"{decision.title.render(session.scenario, state)}{odds}"
        tooltip = decision.text.render(session.scenario, state)
        if costs:
            tooltip += f"\nCosts: {costs}."
        if reason:
            tooltip = f"Not now: {reason.rstrip('.')}.\n" + tooltip
            button_rect = pygame.Rect(rect.x, rect.y, rect.width, t.px(36))
            self.add(
                Label(
                    pygame.Rect(
                        rect.x + t.px(4),
                        rect.y + t.px(38),
                        rect.width - t.px(8),
                        rect.height - t.px(38),
                    ),
                    text=f"Not now: {reason}",
                    font=Theme.small,
                    color=t.palette.ink_soft,
                    wrap=True,
                )
            )
        else:
            button_rect = rect
        self.add(
            Button(
                button_rect,
                text=label,
                kind="toggle",
                selected=chosen,
                enabled=status.allowed or chosen,
                on_click=lambda d=decision.id: self.toggle(d),
                tooltip=tooltip,
                more=lambda d=decision: self._decision_preview(d),
                font=Theme.body,
            )
        )

    def _map(self, rect: pygame.Rect) -> None:
        t = self.theme
        campaign = self.session.campaign
        self.anchors["map"] = rect
        if not campaign.scenario.map.regions:
            self._board(rect)
            return
        frame = self.add(Frame(rect, title="Europe and Asia"))
        button = pygame.Rect(0, 0, t.px(150), t.px(24))
        button.topright = (rect.right - t.px(4), rect.y + t.px(3))
        inner = frame.inner(t)
        self.add(
            MapWidget(
                pygame.Rect(
                    rect.x + t.px(2),
                    inner.y - t.px(6),
                    rect.width - t.px(4),
                    inner.height + t.px(14),
                ),
                campaign=campaign,
                theme=t,
                mode=self.map_mode,
                on_power=self.diplomacy_of,
                places=self.event_places(),
                active=lambda: self.app.top is self,
            )
        )
        self.add(
            Button(
                button,
                text=f"Colour: {MODE_TITLES[self.map_mode]}",
                kind="quiet",
                on_click=self.next_map_mode,
                font=Theme.small_bold,
                tooltip="Colour the powers by their relations with you, by the treaties in "
                "force or (where the scenario keeps it) by the threat they pose.",
            )
        )

    def _board(self, rect: pygame.Rect) -> None:
        t = self.theme
        frame = self.add(Frame(rect, title="Powers  ·  click for diplomacy"))
        campaign = self.session.campaign
        words = [p.name for p in campaign.scenario.powers]
        self.add(
            Painter(
                frame.inner(t),
                paint=lambda s, r, th: draw_board(s, r, th, campaign),
                on_click=self.diplomacy,
                words=words,
                tooltip="Click to open diplomacy.",
            )
        )

    def event_places(self) -> dict[str, list[str]]:
        """Where last quarter's events happened: region -> their titles."""
        campaign = self.session.campaign
        if not campaign.records:
            return {}
        record = campaign.records[-1]
        places: dict[str, list[str]] = {}
        for event_id in record.fired:
            event = campaign.scenario.event(event_id)
            if event.place:
                places.setdefault(event.place, []).append(
                    self.session.shown(event.title, record.turn)
                )
        return places

    def next_map_mode(self) -> None:
        modes = modes_of(self.session.scenario)
        self.map_mode = modes[(modes.index(self.map_mode) + 1) % len(modes)]

    def _dispatches(self, rect: pygame.Rect) -> None:
        t = self.theme
        frame = self.add(Frame(rect, title="Dispatches"))
        self.add(ScrollText(frame.inner(t), text=self.dispatch_text(), font=Theme.small))

    def order_changes(self) -> dict[str, str]:
        """Last quarter's standing orders that something other than the player changed."""
        from game.ui.scenes.report import order_changes

        records = self.session.campaign.records
        if not records:
            return {}
        # Built once a quarter, not once per row and rebuild of the screen.
        key = (id(self.session.campaign), len(records))
        if getattr(self, "_order_changes", (None, {}))[0] != key:
            self._order_changes = (key, order_changes(self.session, records[-1]))
        return self._order_changes[1]

    def dispatch_text(self) -> str:
        campaign = self.session.campaign
        scenario = campaign.scenario
        if not campaign.records:
            return f"{scenario.title}.\n\n{scenario.description}\n\nSet your orders in the four panels, then press End turn."
        changed = list(self.order_changes().values())
        lines = [f"Your orders changed. {sentence}" for sentence in changed]
        if lines:
            lines.append("")
        shown = self.session.shown
        for record in reversed(campaign.records[-12:]):
            # The happenings that asked nothing come first, with what each changed; then
            # the events answered and the decisions taken, by name.
            parts = [
                d.line(scenario, shown(d.event.title, record.turn))
                for d in dispatches(scenario, record)
            ]
            parts += [shown(scenario.event(e).title, record.turn) for e in record.choices]
            parts += [
                f"{shown(scenario.decision(d).title, record.turn)} ({'succeeded' if ok else 'failed'})"
                for d, ok in record.decisions.items()
            ]
            sentences = [p if p.endswith(".") else f"{p}." for p in parts]
            lines.append(f"{record.date}: " + (" ".join(sentences) or "a quiet quarter."))
        return "\n".join(lines)

    # -- drawing ------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.app.top is self:
            self.motion.begin()  # the quarter's figures move once the player is back here
        super().draw(surface)

    def animating(self) -> bool:
        return self.motion.moving

    # -- actions ------------------------------------------------------------------------

    def select_tab(self, tab: str) -> None:
        if tab != self.tab:
            self.session.guide_saw("tab")
        self.tab = tab
        self.page = 0

    def turn_page(self, step: int) -> None:
        self.page = max(0, self.page + step)

    def set_policy(self, policy_id: str, value: float) -> None:
        self.notice = ""
        self.session.set_policy(policy_id, value)
        self.app.audio.play("order")
        self.session.guide_saw("policy")

    def toggle(self, decision_id: str) -> None:
        reason = self.session.toggle_decision(decision_id)
        self.notice = f"Not possible: {reason.rstrip('.')}." if reason else ""
        if not reason:
            self.session.guide_saw("decision")
            if decision_id in self.session.decisions:
                self.app.audio.play("decision")

    def why(self, name: str):
        from game.ui.scenes.why import WhyScene

        self.session.guide_saw("why")
        return Push(WhyScene(self.app, name))

    def ledger(self):
        from game.ui.scenes.ledger import LedgerScene

        return Push(LedgerScene(self.app))

    def diplomacy(self):
        return self.diplomacy_of(None)

    def diplomacy_of(self, power: str | None):
        """Diplomacy, opened on `power` (the first power when None)."""
        from game.ui.scenes.diplomacy import DiplomacyScene

        self.session.guide_saw("diplomacy")
        return Push(DiplomacyScene(self.app, power))

    def report(self):
        from game.ui.scenes.report import TurnReportScene

        return Push(TurnReportScene(self.app, browse=True))

    def save(self):
        from game.ui.scenes.saveload import SaveLoadScene

        return Push(SaveLoadScene(self.app, saving=True))

    def menu(self):
        from game.ui.scenes.menu import GameMenuScene

        return Push(GameMenuScene(self.app))

    def reload(self):
        """Developer mode: the scenario's files read again, or the last good content kept."""
        from game.ui.reload import reload_content
        from game.ui.scenes.message import MessageScene

        session, self.notice, details = reload_content(self.session)
        if session is not None:
            self.app.session = session
        self.refresh()
        if details and session is None:
            keep = [("Keep playing", lambda: Pop())]
            return Push(MessageScene(self.app, "Reload failed", self.notice, details, keep))
        return None

    def end_turn(self):
        from game.core.orders import OrderRefused
        from game.ui.scenes.event_dialog import after_events

        if self.session.time_up:
            from game.ui.scenes.debrief import DebriefScene

            self.notice = "Time is up: here is the debrief of your campaign so far."
            return Push(DebriefScene(self.app))
        try:
            events = self.session.end_turn()
        except OrderRefused as refused:
            self.notice = "; ".join(refused.reasons)
            return None
        self.notice = ""
        self.page = 0  # the next quarter opens on the tab's first page
        self.session.guide_saw("end_turn")
        self.refresh()  # this screen stays visible under the event dialog: no stale callout
        return after_events(self.app, events, {})

    def key(self, event: pygame.event.Event):
        if event.key == pygame.K_ESCAPE:
            return self.menu()
        if event.key == pygame.K_F5 and self.app.settings.developer:
            return self.reload()
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            from game.ui.scenes.saveload import quick_save

            self.notice = quick_save(self.app)
            self.refresh()
            return None
        return None


def _row_rank(kind: str, status) -> int:
    if kind == "policy" or status.allowed:
        return 0
    return 2 if status.refusal is Refusal.CLOSED else 1
