"""What made a change: a policy, a decision, a rule, an event or an event's option.

A cause is a value the ledger groups by and the UI and debrief name; it is written to
saves as `kind:id` (or `event:id:option`), the form older saves already hold. The
constructors are cached: the pipeline names a cause for every rule every quarter, and
a save holds the same few hundred causes tens of thousands of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class CauseKind(StrEnum):
    POLICY = "policy"
    DECISION = "decision"
    RULE = "rule"
    EVENT = "event"
    OPTION = "option"  # an event's option: `id` is the event, `option` the option
    VERDICT = "verdict"  # an axis of the verdict scored again from its measures


@dataclass(frozen=True, slots=True)
class Cause:
    kind: CauseKind
    id: str
    option: str = ""

    @classmethod
    @cache
    def policy(cls, policy_id: str) -> Cause:
        return cls(CauseKind.POLICY, policy_id)

    @classmethod
    @cache
    def decision(cls, decision_id: str) -> Cause:
        return cls(CauseKind.DECISION, decision_id)

    @classmethod
    @cache
    def rule(cls, rule_id: str) -> Cause:
        return cls(CauseKind.RULE, rule_id)

    @classmethod
    @cache
    def event(cls, event_id: str) -> Cause:
        return cls(CauseKind.EVENT, event_id)

    @classmethod
    @cache
    def chosen(cls, event_id: str, option_id: str) -> Cause:
        return cls(CauseKind.OPTION, event_id, option_id)

    @classmethod
    @cache
    def verdict(cls, axis_id: str) -> Cause:
        return cls(CauseKind.VERDICT, axis_id)

    @property
    def is_players(self) -> bool:
        """Whether the player ordered or chose it (rules and events happen to them)."""
        return self.kind in (CauseKind.POLICY, CauseKind.DECISION, CauseKind.OPTION)

    def key(self) -> str:
        """The form saves hold: `kind:id`, and `event:id:option` for an option."""
        # `.value`, not the enum itself: formatting a StrEnum member is several times
        # slower, and a save writes one key per change (tens of thousands).
        if self.kind is CauseKind.OPTION:
            return f"event:{self.id}:{self.option}"
        return f"{self.kind.value}:{self.id}"

    @classmethod
    @cache
    def parse(cls, text: str) -> Cause:
        """Read a saved cause; raises ValueError for a form no version ever wrote."""
        kind, _, rest = text.partition(":")
        if not rest:
            raise ValueError(f"not a cause: {text!r}")
        if kind == CauseKind.EVENT and ":" in rest:
            event_id, _, option_id = rest.partition(":")
            return cls(CauseKind.OPTION, event_id, option_id)
        try:
            return cls(CauseKind(kind), rest)
        except ValueError:
            raise ValueError(f"not a cause: {text!r}") from None

    def __str__(self) -> str:
        return self.key()
