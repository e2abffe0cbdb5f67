"""The campaign being played and the orders being drafted for this quarter.

The UI reads the campaign and edits the draft; only `end_turn` and `answer` move the
campaign forward, through the engine's own validation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from game.core.campaign import Campaign
from game.core.model import EventDef, Scenario
from game.core.orders import LegalOrders, Orders
from game.core.preview import Outlooks, Previews
from game.core.records import TurnRecord
from game.core.state import State
from game.core.text import Text
from game.debrief.reading import events_state, states_at_events
from game.saves import autosave, write_save
from game.ui.guide import Guide

# Drafts whose legal orders are kept for the present state: a quarter's orders are a
# handful of decisions taken and given back.
LEGAL_KEPT = 16


@dataclass
class Session:
    campaign: Campaign
    saves: Path
    classroom: bool = False
    policies: dict[str, float] = field(default_factory=dict)
    decisions: list[str] = field(default_factory=list)
    last_record: TurnRecord | None = None
    deadline: float | None = None  # time.monotonic() when a classroom time limit runs out
    guide: Guide | None = None  # the guided first turn, while it runs
    # The state each quarter's events were read in: past quarters' texts are shown in
    # the variant the player read then. Quarters played before this session (a loaded
    # save) are rebuilt from the records the first time one is asked for.
    read_at: dict[int, State] = field(default_factory=dict)
    earlier_read: bool = False
    _outlooks: Outlooks | None = field(default=None, repr=False)
    _previews: Previews | None = field(default=None, repr=False)
    _legal: tuple[State | None, dict[tuple[str, ...], LegalOrders]] = field(
        default=(None, {}), repr=False
    )

    def minutes_left(self) -> int | None:
        if self.deadline is None:
            return None
        return max(
            0,
            int((self.deadline - time.monotonic()) // 60)
            + (1 if self.deadline > time.monotonic() else 0),
        )

    def guide_saw(self, action: str) -> None:
        if self.guide is not None:
            self.guide.saw(action)

    @property
    def time_up(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    @property
    def scenario(self) -> Scenario:
        return self.campaign.scenario

    def legal(self) -> LegalOrders:
        """What may be ordered beside the draft, as the judge of orders sees it.

        Asked on every layout of the campaign screen, and it costs milliseconds (each
        closed decision's reason is explained): the answer depends only on the state
        and the draft's decisions, so it is kept for this state, one per draft, and a
        click on a policy or a decision given back is answered from what was kept."""
        state = self.campaign.state
        kept_for, kept = self._legal
        if kept_for is not state:
            kept = {}
            self._legal = (state, kept)
        draft = tuple(self.decisions)
        if draft not in kept:
            if len(kept) >= LEGAL_KEPT:
                kept.pop(next(iter(kept)))
            kept[draft] = self.campaign.legal_orders(self.orders())
        return kept[draft]

    def policy_value(self, policy_id: str) -> float:
        if policy_id in self.policies:
            return self.policies[policy_id]
        return self.campaign.value(self.scenario.policy(policy_id).var)

    def set_policy(self, policy_id: str, value: float) -> None:
        current = self.campaign.value(self.scenario.policy(policy_id).var)
        if value == current:
            self.policies.pop(policy_id, None)
        else:
            self.policies[policy_id] = value

    def toggle_decision(self, decision_id: str) -> str:
        """Add or remove a decision from the draft; returns why not, or ''."""
        if decision_id in self.decisions:
            self.decisions.remove(decision_id)
            return ""
        status = self.legal().decision(decision_id)
        if not status.allowed:
            return status.reason
        self.decisions.append(decision_id)
        return ""

    def outlooks(self) -> Outlooks:
        """Previews one quarter on from the campaign's present state: kept while the
        state stays the same, so hovering over an order runs its quarter once."""
        state = self.campaign.state
        if self._outlooks is None or self._outlooks.state is not state:
            self._outlooks = Outlooks(self.scenario, state, self.scenario.indicators)
        return self._outlooks

    def previews(self) -> Previews:
        """The direct changes of orders on the campaign's present state, worked out
        when first asked for (the hovered order) and kept while the state stays."""
        state = self.campaign.state
        if self._previews is None or self._previews.state is not state:
            self._previews = Previews(self.scenario, state)
        return self._previews

    def orders(self) -> Orders:
        return Orders(dict(self.policies), tuple(self.decisions))

    def end_turn(self) -> list[tuple[EventDef, list[str]]]:
        events = self.campaign.submit(self.orders())
        self.reading_state()  # kept while the quarter's events wait for answers
        return events

    def reading_state(self, turn: int | None = None) -> State:
        """The state a quarter's texts are read in: where its events fired, for the
        quarter being resolved and every recorded one; the present state otherwise."""
        campaign = self.campaign
        turn = campaign.turn if turn is None else turn
        if turn not in self.read_at and campaign.pending is not None and turn == campaign.turn:
            self.read_at[turn] = events_state(campaign)
        if turn not in self.read_at and turn < len(campaign.records) and not self.earlier_read:
            self.earlier_read = True
            states = states_at_events(campaign)
            for record, state in zip(campaign.records, states, strict=True):
                self.read_at.setdefault(record.turn, state)
        return self.read_at.get(turn, campaign.state)

    def shown(self, text: Text, turn: int | None = None) -> str:
        """A text as the player read it in that quarter (the present one by default)."""
        return text.render(self.scenario, self.reading_state(turn))

    def answer(self, choices: dict[str, str]) -> TurnRecord:
        record = self.campaign.answer(choices)
        self.policies, self.decisions = {}, []
        self.last_record = record
        autosave(self.campaign, self.saves)
        return record

    def save(self, path: Path, name: str) -> Path:
        return write_save(self.campaign, path, name=name)
