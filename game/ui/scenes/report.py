"""The turn report: what changed this quarter and why, the events that fired, what the
foreign powers did. With browse=True it pages back through every quarter so far."""

from __future__ import annotations

import pygame

from game.core import units
from game.core.dispatches import dispatches
from game.core.records import Change, TurnRecord
from game.debrief.harm import harm_report
from game.ui import describe
from game.ui.guide import add_callout
from game.ui.scene import Pop, Scene
from game.ui.scenes.common import header, pager
from game.ui.theme import Theme
from game.ui.widgets import Button, Frame, ScrollText


def order_changes(session, record: TurnRecord) -> dict[str, str]:
    """The standing orders that events, answers or rules changed this quarter, by policy
    id, each in a sentence: the player must never find a policy silently different from
    the order they gave."""
    from game.core.overrides import overrides
    from game.debrief.reading import states_at_start

    campaign = session.campaign
    index = campaign.records.index(record)
    if index + 1 < len(campaign.records):
        after = states_at_start(campaign)[index + 1].get
    else:
        after = campaign.value
    return {
        found.policy.id: describe.override_sentence(
            campaign.scenario, found, lambda text: session.shown(text, record.turn)
        )
        for found in overrides(campaign.scenario, record, after)
    }


def report_sections(session, record: TurnRecord) -> tuple[str, str, str]:
    """(what changed and why, events and decisions, the foreign powers) as text."""
    campaign = session.campaign
    scenario = campaign.scenario
    power_vars = (
        {p.relations for p in scenario.powers if p.relations}
        | {p.threat for p in scenario.powers if p.threat}
        | {p.trust for p in scenario.powers if p.trust}
    )
    names = list(scenario.indicators)
    explained = describe.explained(campaign, names, campaign.records.index(record))
    changed = []
    for name in names:
        changes = explained[name]
        total = sum(c.delta for c in changes)
        if units.is_negligible(describe.variable(scenario, name), total):
            continue
        # Each change named by its cause (a rule by its own words and biggest inputs),
        # never by the indicator's name again.
        causes = sorted(changes, key=lambda c: -abs(c.delta))[:3]
        changed.append(
            f"{describe.label(scenario, name)}: {describe.change(scenario, name, total)}"
        )
        changed += [f"    {describe.because(scenario, c)}" for c in causes]

    def shown(text) -> str:
        return session.shown(text, record.turn)

    # Orders the quarter changed come first: they decide what the next quarter does.
    happened = [
        f"Your orders changed. {sentence}" for sentence in order_changes(session, record).values()
    ]
    happened += [
        f"{shown(scenario.event(e).title)}: you chose "
        f"\u201c{shown(scenario.event(e).option(record.choices[e]).text)}\u201d"
        for e in record.fired
        if e in record.choices
    ]
    # The happenings that asked nothing, each with what it changed.
    happened += [
        "Dispatch: " + d.line(scenario, shown(d.event.title)) for d in dispatches(scenario, record)
    ]
    happened += [
        f"Your decision: {shown(scenario.decision(d).title)} ({'succeeded' if ok else 'failed'})"
        for d, ok in record.decisions.items()
    ]
    happened += [refused.sentence() for refused in record.refused]
    foreign = []
    for power in scenario.powers:
        moves = [
            c
            for c in record.changes
            if c.var in power_vars and c.var in (power.relations, power.trust, power.threat)
        ]
        if moves:
            net: dict[str, float] = {}
            biggest: dict[str, Change] = {}
            for c in moves:
                net[c.var] = net.get(c.var, 0.0) + c.delta
                if c.var not in biggest or abs(c.delta) > abs(biggest[c.var].delta):
                    biggest[c.var] = c
            # The biggest cause of each move, by name: "Relations with Germany −0.7
            # points (Relations fade towards indifference…)".
            foreign.append(
                f"{power.name}: "
                + ", ".join(
                    f"{describe.label(scenario, v)} {describe.change(scenario, v, d)}"
                    f" ({describe.cause(scenario, biggest[v].cause)})"
                    for v, d in net.items()
                    if not units.is_negligible(describe.variable(scenario, v), d)
                )
            )
    return (
        "\n".join(changed) or "No key indicator moved.",
        "\n".join(happened) or "No event, no decision: a quiet quarter.",
        "\n".join(f for f in foreign if not f.endswith(": ")) or "The powers held their course.",
    )


class TurnReportScene(Scene):
    name = "report"

    def __init__(self, app, record: TurnRecord | None = None, browse: bool = False) -> None:
        super().__init__(app)
        records = app.session.campaign.records
        self.index = len(records) - 1 if record is None else records.index(record)
        self.browse = browse

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        campaign = self.app.session.campaign
        if not campaign.records:
            header(self, area, "Quarterly report", "No quarter has been played yet.")
            self.add(
                Button(
                    pygame.Rect(
                        area.right - t.px(200), area.bottom - t.px(60), t.px(176), t.px(40)
                    ),
                    text="Back",
                    kind="primary",
                    on_click=lambda: Pop(),
                    hotkey=pygame.K_ESCAPE,
                )
            )
            return
        record = campaign.records[self.index]
        calendar = campaign.scenario.calendar
        y = header(
            self,
            area,
            f"Report: {calendar.long_label(record.turn)}",
            f"Quarter {record.turn + 1} of {calendar.n_turns}. What changed, and why.",
        )
        gap = t.px(12)
        body = pygame.Rect(area.x + t.px(24), y, area.width - t.px(48), area.bottom - y - t.px(80))
        changed, happened, foreign = report_sections(self.app.session, record)
        top_h = body.height * 55 // 100
        harm = harm_report(campaign.scenario, record)
        top = body.y
        if harm:
            # The people killed, imprisoned or deported this quarter come first, with
            # their causes, in the harm colour: never folded among the indicators.
            harm_h = top_h * 2 // 5
            cost = self.add(
                Frame(pygame.Rect(body.x, top, body.width, harm_h - gap), title="The human cost")
            )
            self.add(ScrollText(cost.inner(t), text=harm, font=Theme.body, color=t.palette.harm))
            top, top_h = top + harm_h, top_h - harm_h
        first = self.add(
            Frame(pygame.Rect(body.x, top, body.width, top_h), title="What changed and why")
        )
        self.add(ScrollText(first.inner(t), text=changed, font=Theme.body))
        top_h = body.height * 55 // 100
        half = (body.width - gap) // 2
        second = self.add(
            Frame(
                pygame.Rect(body.x, body.y + top_h + gap, half, body.height - top_h - gap),
                title="Events and decisions",
            )
        )
        self.add(ScrollText(second.inner(t), text=happened, font=Theme.body))
        third = self.add(
            Frame(
                pygame.Rect(
                    body.x + half + gap, body.y + top_h + gap, half, body.height - top_h - gap
                ),
                title="The foreign powers",
            )
        )
        self.add(ScrollText(third.inner(t), text=foreign, font=Theme.body))
        bottom = area.bottom - t.px(60)
        if self.browse:
            back = pygame.Rect(body.x, bottom, t.px(150), t.px(40))
            pager(self, back, self.index, len(campaign.records), self.move, keys=True)
        done = self.add(
            Button(
                pygame.Rect(area.right - t.px(220), bottom, t.px(196), t.px(40)),
                text="Continue" if not self.browse else "Back",
                kind="primary",
                on_click=self.done,
                hotkey=pygame.K_RETURN,
            )
        )
        guide = self.app.session.guide
        if guide is not None and not self.browse:
            add_callout(self, guide, {"continue": done.rect}, self.app.guide_finished)

    def done(self):
        if not self.browse:
            self.app.session.guide_saw("continue")
            if self.app.session.guide is not None and self.app.session.guide.finished:
                self.app.guide_finished()
        return Pop()

    def move(self, step: int) -> None:
        self.index += step

    def key(self, event: pygame.event.Event):
        if event.key == pygame.K_ESCAPE:
            return Pop()
        return None
