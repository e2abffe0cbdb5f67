"""The event dialog: art, title, text that scrolls, its source, and the options with
what each would change."""

from __future__ import annotations

import pygame

from game.core.model import EventDef
from game.core.preview import preview_option
from game.core.state import State
from game.ui import art, describe
from game.ui import text as txt
from game.ui.guide import add_callout
from game.ui.scene import Push, Replace, ResetTo, Scene
from game.ui.theme import Theme
from game.ui.widgets import Label, Painter, ScrollText


def finish_quarter(app, choices: dict[str, str], replace: bool):
    """Answer the quarter's events, then show the report (or the ending)."""
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.report import TurnReportScene

    session = app.session
    record = session.answer(choices)
    if session.campaign.is_over:
        return ResetTo(EndScene(app))
    report = TurnReportScene(app, record=record)
    return Replace(report) if replace else Push(report)


def after_events(app, events: list[tuple[EventDef, list[str]]], choices: dict[str, str]):
    if events:
        return Push(EventDialogScene(app, events, 0, choices))
    return finish_quarter(app, choices, replace=False)


def paint_band():
    """The group's label on a plain band of its own, above the picture: no shape runs
    under the words."""

    def paint(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
        pygame.draw.rect(surface, theme.palette.ink, rect)

    return paint


def paint_picture(event: EventDef, words: str, fallback: str):
    def paint(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
        surface.blit(art.event_picture(event, words, fallback, rect.size, theme), rect)

    return paint


def paint_person(name: str):
    def paint(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
        surface.blit(art.person_picture(name, rect.size, theme), rect)

    return paint


# The side of a person's emblem beside the text, in logical pixels.
PORTRAIT = 64


def _roster(scenario) -> tuple[str, ...]:
    """The scenario's recurring persons, found once per scenario."""
    found = _ROSTERS.get(id(scenario))
    if found is None or found[0] is not scenario:
        found = _ROSTERS[id(scenario)] = (scenario, art.roster(scenario))
    return found[1]


_ROSTERS: dict[int, tuple[object, tuple[str, ...]]] = {}


class EventDialogScene(Scene):
    name = "event"
    opaque = False

    def __init__(
        self, app, events: list[tuple[EventDef, list[str]]], index: int, choices: dict[str, str]
    ) -> None:
        super().__init__(app)
        self.events = events
        self.index = index
        self.choices = choices

    @property
    def event(self) -> EventDef:
        return self.events[self.index][0]

    def build(self, area: pygame.Rect) -> None:
        t = self.theme
        session = self.app.session
        scenario = session.scenario
        event, open_ids = self.events[self.index]
        width = min(area.width - t.px(40), t.px(860))
        inner_w = width - t.px(32)
        sources = "; ".join(scenario.cite(s) for s in event.lore.sources)
        # Source lines wrap in full: a citation cut with "…" cannot be looked up.
        source_text = f"Source: {sources}" if sources else ""
        source_lines = txt.wrap(t.small(), source_text, inner_w) if sources else []
        source_h = len(source_lines) * t.small().get_linesize() + t.px(4) if sources else 0
        # Every option is shown: the open ones first, then the closed, greyed with the reason.
        shown = describe.options_shown(event, open_ids)
        options = [event.option(option_id) for option_id in shown]
        state = session.reading_state()
        effects = [self._effect_text(scenario, state, option) for option in options]
        reasons = [
            "" if option.id in open_ids else describe.closed_reason(scenario, option, state)
            for option in options
        ]
        # The wording that holds in the state the event fired in.
        title, body_text = event.title.render(scenario, state), event.text.render(scenario, state)
        people = describe.people_text(scenario, event.lore, state)
        if people:
            body_text = f"{body_text}\n\n{people}"
        labels = [option.text.render(scenario, state) for option in options]
        tips = [option.tooltip.render(scenario, state) for option in options]
        # Every option shows all it would change: its box grows to hold the wrapped lines.
        heights = [
            self._option_height(i + 1, label, effect, reason, inner_w)
            for i, (label, effect, reason) in enumerate(zip(labels, effects, reasons, strict=True))
        ]
        # The recurring persons the text names, and the people of its lore (not those their
        # notes mention in passing), each with an emblem beside the text.
        named = "\n".join(
            [title, event.text.render(scenario, state), *(p.name for p in event.lore.people)]
        )
        found = art.actors(_roster(scenario), named)
        persons = [*event.actors, *(name for name in found if name not in event.actors)][:3]
        column = t.px(PORTRAIT + 26) if persons else 0
        band_h, art_h = t.px(22), t.px(62)
        fixed = t.px(24) + band_h + art_h + t.px(48) + source_h + t.px(12) + sum(heights)
        body = t.body()
        wrap_w = inner_w - column - t.px(12)
        wanted = len(txt.wrap(body, body_text, wrap_w)) * body.get_linesize() + t.px(8)
        if persons:
            wanted = max(wanted, t.px(PORTRAIT + 22))
        height = min(area.height - t.px(40), fixed + max(wanted, t.px(80)))
        box = pygame.Rect(0, 0, width, height)
        box.center = area.center
        guide = session.guide
        guiding = (
            guide is not None and guide.current is not None and guide.current.until == "choice"
        )
        if guiding:
            # Room on the right for the guide's callout beside the options.
            box.x = min(box.x, area.x + t.px(20))
        self.box = box
        inner = box.inflate(-t.px(32), -t.px(24))
        group = next((g for g in scenario.groups if g["id"] == event.group), {})
        group_title = group.get("title", event.group)
        # The section's name on a plain band, the picture beneath: never one over the other.
        self.band = pygame.Rect(inner.x, inner.y, inner.width, band_h)
        # A thin gap of the panel between them, so a dark picture never runs into the band.
        self.art = pygame.Rect(inner.x, self.band.bottom + t.px(3), inner.width, art_h - t.px(3))
        self.add(Painter(self.band, paint=paint_band()))
        if group_title:
            self.add(
                Label(
                    self.band.inflate(-t.px(20), 0),
                    text=group_title.upper(),
                    font=Theme.small_bold,
                    color=t.palette.paper,
                )
            )
        words = f"{event.title}\n{event.text}"
        fallback = f"{group_title}\n{group.get('description', '')}"
        self.add(Painter(self.art, paint=paint_picture(event, words, fallback)))
        counter = f"  ({self.index + 1} of {len(self.events)})" if len(self.events) > 1 else ""
        self.add(
            Label(
                pygame.Rect(inner.x, self.art.bottom + t.px(8), inner.width, t.px(34)),
                text=title + counter,
                font=Theme.heading,
            )
        )
        options_top = inner.bottom - sum(heights)
        text_top = self.art.bottom + t.px(48)
        text_h = max(t.px(40), options_top - source_h - t.px(12) - text_top)
        slot = t.px(PORTRAIT + 22)
        persons = persons[: text_h // slot]
        column = t.px(PORTRAIT + 26) if persons else 0
        text_rect = pygame.Rect(inner.x, text_top, inner.width - column, text_h)
        self.add(ScrollText(text_rect, text=body_text))
        self.portraits: list[pygame.Rect] = []
        # The column beside the text: each emblem centred over its name.
        col_x, col_w = inner.right - column + t.px(8), column - t.px(8)
        for i, name in enumerate(persons):
            face = pygame.Rect(0, text_top + i * slot, t.px(PORTRAIT), t.px(PORTRAIT))
            face.centerx = col_x + col_w // 2
            self.portraits.append(face)
            self.add(Painter(face, paint=paint_person(name), tooltip=name))
            self.add(
                Label(
                    pygame.Rect(col_x, face.bottom + t.px(2), col_w, t.px(18)),
                    text=name,
                    font=lambda th: th.font(14, narrow=True),
                    color=t.palette.ink_soft,
                    align="center",
                )
            )
        if sources:
            self.add(
                Label(
                    pygame.Rect(inner.x, text_rect.bottom + t.px(4), inner.width, source_h),
                    text=source_text,
                    font=Theme.small,
                    color=t.palette.ink_soft,
                    wrap=True,
                    tooltip=event.lore.sources[0].note,
                )
            )
        y = options_top
        rows = zip(options, labels, tips, effects, reasons, heights, strict=True)
        for i, (option, label, tip, effect, reason, height) in enumerate(rows):
            rect = pygame.Rect(inner.x, y, inner.width, height - t.px(8))
            y += height
            self.add(
                Painter(
                    rect,
                    paint=self._option_painter(i + 1, label, effect, reason),
                    on_click=None if reason else (lambda o=option.id: self.choose(o)),
                    words=[
                        label,
                        *(e for e in effect if e),
                        *([f"Closed: {reason}"] if reason else []),
                    ],
                    tooltip=tip,
                    more=None if reason else self._outlook(option),
                )
            )
        if guiding:
            options_rect = pygame.Rect(inner.x, options_top, inner.width, sum(heights))
            add_callout(self, guide, {"options": options_rect}, self.app.guide_finished)

    def _outlook(self, option):
        """The option's outlook one quarter on, for its tooltip (only while the quarter
        it belongs to waits for answers)."""
        session = self.app.session
        pending, event = session.campaign.pending, self.event
        if pending is None or event not in pending.events_needing_choice():
            return None
        return lambda: describe.outlook(
            session.scenario,
            session.outlooks().option(pending, event, option),
            "A quarter on, with all it sets off",
        )

    @staticmethod
    def _effect_text(scenario, state: State, option) -> tuple[str, str]:
        """(the harm the option does to people, its other changes), in words."""
        preview = preview_option(scenario, state, option)
        harm, rest = describe.effect_parts(scenario, preview.changes, preview.uncertain, state.get)
        if not harm and not rest:
            return "", "no immediate change"
        return describe.harm_text(harm), ", ".join(rest)

    def _option_lines(
        self, number: int, text: str, effect: tuple[str, str], reason: str, width: int
    ):
        th = self.theme
        title = txt.wrap(th.body_bold(), f"{number}. {text}", width - th.px(20))
        harm = txt.wrap(th.small_bold(), effect[0], width - th.px(20)) if effect[0] else []
        lines = txt.wrap(th.small(), effect[1], width - th.px(20)) if effect[1] else []
        why = txt.wrap(th.small_bold(), f"Closed: {reason}", width - th.px(20)) if reason else []
        return title, harm, lines, why

    def _option_height(
        self, number: int, text: str, effect: tuple[str, str], reason: str, width: int
    ) -> int:
        th = self.theme
        title, harm, lines, why = self._option_lines(number, text, effect, reason, width)
        return (
            len(title) * th.body_bold().get_linesize()
            + len(harm) * th.small_bold().get_linesize()
            + len(lines) * th.small().get_linesize()
            + len(why) * th.small_bold().get_linesize()
            + th.px(20)
        )

    def _option_painter(self, number: int, text: str, effect: tuple[str, str], reason: str):
        def paint(surface: pygame.Surface, rect: pygame.Rect, th: Theme) -> None:
            p = th.palette
            if reason:
                self._paint_closed(surface, rect, th, number, text, effect, reason)
                return
            hovered = rect.collidepoint(pygame.mouse.get_pos())
            pygame.draw.rect(
                surface, p.paper_dark if hovered else p.panel, rect, border_radius=th.px(3)
            )
            pygame.draw.rect(
                surface,
                p.accent if hovered else p.line,
                rect,
                width=max(1, th.px(1.5)),
                border_radius=th.px(3),
            )
            title, harm, lines, _ = self._option_lines(number, text, effect, "", rect.width)
            y = rect.y + th.px(5)
            for line in title:
                surface.blit(txt.render(th.body_bold(), line, p.ink), (rect.x + th.px(10), y))
                y += th.body_bold().get_linesize()
            # The people it would kill, imprison or deport, first and in the harm colour.
            for line in harm:
                surface.blit(txt.render(th.small_bold(), line, p.harm), (rect.x + th.px(10), y))
                y += th.small_bold().get_linesize()
            for line in lines:
                surface.blit(txt.render(th.small(), line, p.ink_soft), (rect.x + th.px(10), y))
                y += th.small().get_linesize()

        return paint

    def _paint_closed(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        th: Theme,
        number: int,
        text: str,
        effect: tuple[str, str],
        reason: str,
    ) -> None:
        """A closed option: greyed, without hover, with why it is closed beneath."""
        p = th.palette
        pygame.draw.rect(surface, p.paper, rect, border_radius=th.px(3))
        pygame.draw.rect(surface, p.disabled, rect, width=max(1, th.px(1)), border_radius=th.px(3))
        title, harm, lines, why = self._option_lines(number, text, effect, reason, rect.width)
        y = rect.y + th.px(5)
        for font, group, colour in (
            (th.body_bold(), title, p.disabled),
            (th.small_bold(), harm, p.disabled),
            (th.small(), lines, p.disabled),
            (th.small_bold(), why, p.ink_soft),
        ):
            for line in group:
                surface.blit(txt.render(font, line, colour), (rect.x + th.px(10), y))
                y += font.get_linesize()

    def draw_background(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 140))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, self.theme.palette.panel, self.box)
        pygame.draw.rect(surface, self.theme.palette.accent, self.box, width=self.theme.px(3))

    def choose(self, option_id: str):
        self.app.session.guide_saw("choice")
        self.app.audio.play("decision")
        choices = {**self.choices, self.event.id: option_id}
        if self.index + 1 < len(self.events):
            return Replace(EventDialogScene(self.app, self.events, self.index + 1, choices))
        return finish_quarter(self.app, choices, replace=True)

    def key(self, event: pygame.event.Event):
        game_event, open_ids = self.events[self.index]
        shown = describe.options_shown(game_event, open_ids)
        if pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            # The number of a closed option, like a click on it, does nothing.
            if index < len(shown) and shown[index] in open_ids:
                return self.choose(shown[index])
        if event.key in (pygame.K_DOWN, pygame.K_UP):
            for widget in self.widgets:
                if isinstance(widget, ScrollText):
                    widget.scroll(3 if event.key == pygame.K_DOWN else -3, self.theme)
        return None
