"""A compiled scenario: plain definitions holding vectorised callables, built by the loader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from game.core.calendar import Calendar
from game.core.history import HistoricalRecord
from game.core.layout import StateLayout, decision_columns, event_columns
from game.core.registry import Op
from game.core.scope import Condition, Effect, Quantity
from game.core.sources import Source
from game.core.text import EMPTY, Text

if TYPE_CHECKING:
    from game.core.music import CueDef
    from game.core.verdict import AxisDef


@dataclass(frozen=True)
class Person:
    """A real person a piece of content touches, named with a short note: who they were
    and what was done to them (the Terror's victims are people, not a count)."""

    name: str
    note: Text = EMPTY


@dataclass(frozen=True)
class Lore:
    """What the debrief shows beside a piece of content."""

    sources: tuple[Source, ...] = ()
    history: Text = EMPTY
    historiography: str = ""
    people: tuple[Person, ...] = ()


@dataclass(frozen=True)
class OptionDef:
    id: str
    index: int
    text: Text
    available: Condition
    effects: Effect
    weight: Quantity
    effect_ops: tuple[Op, ...] = ()
    historical: bool = False
    tooltip: Text = EMPTY
    # The parsed condition and the modder's own reason, for explaining a closed option.
    available_op: Op | None = None
    hint: Text = EMPTY


@dataclass(frozen=True)
class EventDef:
    id: str
    index: int
    title: Text
    text: Text
    group: str
    trigger: Condition
    natural: bool
    window: tuple[int, int]
    mtth: Quantity | None
    once: bool
    cooldown: int
    effects: Effect
    options: tuple[OptionDef, ...]
    lore: Lore = field(default_factory=Lore)
    image: str = ""
    effect_ops: tuple[Op, ...] = ()
    place: str = ""
    # The recurring persons the event concerns, by surname (its dialog shows their emblems).
    actors: tuple[str, ...] = ()
    # Marked by content: it asks nothing, and arrives as a dispatch with its effects.
    dispatch: bool = False
    # Marked by content: it keeps its real date even past the quarter's cap of choices.
    turning_point: bool = False

    def option(self, option_id: str) -> OptionDef:
        return next(o for o in self.options if o.id == option_id)

    @property
    def asks(self) -> bool:
        """Whether it waits for the player's choice: two options or more, and not a
        dispatch. Any other event is a dispatch: its effects (and a lone or standing
        option's) apply as it fires."""
        return len(self.options) >= 2 and not self.dispatch

    def standing_option(self, open_mask: np.ndarray) -> np.ndarray:
        """(batch,) the option a dispatch takes where it has options: the historical one
        where it is open, else the first open one; -1 where none is open."""
        order = sorted(self.options, key=lambda o: not o.historical)
        chosen = np.full(open_mask.shape[0], -1, dtype=np.int64)
        for option in reversed(order):
            chosen = np.where(open_mask[:, option.index], option.index, chosen)
        return chosen


@dataclass(frozen=True)
class Pacing:
    """How many choices a quarter may ask of the player: the events beyond the cap wait
    for the next quarter, except turning points, which keep their dates."""

    choices_per_quarter: int = 3
    first_quarter: int = 1

    def cap(self, turn: int) -> int:
        return self.first_quarter if turn == 0 else self.choices_per_quarter


@dataclass(frozen=True)
class EventTable:
    """Per event (in index order): its bookkeeping columns, whether it fires once, its
    cooldown (at least a quarter), whether it can fire of itself and its dates."""

    fired: np.ndarray
    last: np.ndarray
    scheduled: np.ndarray
    choice: np.ndarray
    once: np.ndarray
    cooldown: np.ndarray
    natural: np.ndarray
    first: np.ndarray
    last_turn: np.ndarray
    asks: np.ndarray
    turning_point: np.ndarray
    # The same columns as `fired`, `last` and `scheduled`, as slices where they are
    # evenly spaced (as the layout puts them): `values[:, table.last_at]` is then a view
    # of the state, not a copy of 3 x events columns each turn.
    fired_at: slice | np.ndarray = field(init=False)
    last_at: slice | np.ndarray = field(init=False)
    scheduled_at: slice | np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        for name in ("fired", "last", "scheduled"):
            object.__setattr__(self, f"{name}_at", _evenly_spaced(getattr(self, name)))

    @classmethod
    def build(cls, layout: StateLayout, events: tuple[EventDef, ...]) -> EventTable:
        columns = [event_columns(e.id) for e in events]

        def ints(values) -> np.ndarray:
            array = np.array(list(values), dtype=np.int64)
            array.setflags(write=False)
            return array

        def flags(values) -> np.ndarray:
            array = np.array(list(values), dtype=bool)
            array.setflags(write=False)
            return array

        return cls(
            ints(layout.col(c["fired"]) for c in columns),
            ints(layout.col(c["last"]) for c in columns),
            ints(layout.col(c["scheduled"]) for c in columns),
            ints(layout.col(c["choice"]) for c in columns),
            flags(e.once for e in events),
            ints(max(1, e.cooldown) for e in events),
            flags(e.natural for e in events),
            ints(e.window[0] for e in events),
            ints(e.window[1] for e in events),
            flags(e.asks for e in events),
            flags(e.turning_point for e in events),
        )


@dataclass(frozen=True)
class DecisionTable:
    """Per decision (in index order): how often it was taken and when last, as indexes
    into the state's columns (slices where evenly spaced, so reading them is a view),
    whether it can be taken once only, and its cooldown (0: none)."""

    taken_at: slice | np.ndarray
    last_at: slice | np.ndarray
    once: np.ndarray
    cooldown: np.ndarray

    @classmethod
    def build(cls, layout: StateLayout, decisions: tuple[DecisionDef, ...]) -> DecisionTable:
        columns = [decision_columns(d.id) for d in decisions]
        taken = np.array([layout.col(c["taken"]) for c in columns], dtype=np.int64)
        last = np.array([layout.col(c["last"]) for c in columns], dtype=np.int64)
        once = np.array([d.once for d in decisions], dtype=bool)
        cooldown = np.array([d.cooldown for d in decisions], dtype=np.int64)
        for array in (taken, last, once, cooldown):
            array.setflags(write=False)
        return cls(_evenly_spaced(taken), _evenly_spaced(last), once, cooldown)


def _evenly_spaced(columns: np.ndarray) -> slice | np.ndarray:
    """A slice that selects the same columns when they are evenly spaced and rising."""
    if len(columns) < 2:
        return columns
    step = int(columns[1] - columns[0])
    if step > 0 and np.array_equal(np.diff(columns), np.full(len(columns) - 1, step)):
        return slice(int(columns[0]), int(columns[-1]) + 1, step)
    return columns


@dataclass(frozen=True)
class Cost:
    var: str
    column: int
    amount: float


@dataclass(frozen=True)
class DecisionDef:
    id: str
    index: int
    title: Text
    text: Text
    group: str
    available: Condition
    costs: tuple[Cost, ...]
    effects: Effect
    odds: Quantity | None
    on_failure: Effect
    once: bool
    cooldown: int
    ai_weight: Quantity
    lore: Lore = field(default_factory=Lore)
    effect_ops: tuple[Op, ...] = ()
    failure_ops: tuple[Op, ...] = ()
    target: str = ""
    available_op: Op | None = None
    hint: Text = EMPTY


@dataclass(frozen=True)
class PolicyLevel:
    value: float
    label: str
    description: str = ""


@dataclass(frozen=True)
class PolicyDef:
    """A standing order the player sets each quarter, stored in one variable."""

    id: str
    index: int
    title: str
    text: str
    group: str
    var: str
    column: int
    levels: tuple[PolicyLevel, ...]
    available: Condition
    on_change: Effect
    ai_preference: Quantity | None = None
    lore: Lore = field(default_factory=Lore)
    available_op: Op | None = None
    hint: Text = EMPTY
    effect_ops: tuple[Op, ...] = ()

    def level(self, value: float) -> PolicyLevel | None:
        return next((lvl for lvl in self.levels if lvl.value == value), None)

    @property
    def level_values(self) -> list[float]:
        return [lvl.value for lvl in self.levels]


@dataclass(frozen=True)
class RuleDef:
    id: str
    step: str
    text: str
    when: Condition
    effects: Effect
    title: str = ""
    effect_ops: tuple[Op, ...] = ()
    when_op: Op | None = None
    # The first random-draw site its operations were given when compiled: recompiled
    # from here (condition, then effects) they draw the very numbers the turn drew.
    site: int = 0


@dataclass(frozen=True)
class EndingDef:
    id: str
    index: int
    title: Text
    text: Text
    when: Condition
    at_end: bool
    epilogue: Text
    lore: Lore = field(default_factory=Lore)
    when_op: Op | None = None


@dataclass(frozen=True)
class PowerDef:
    """A foreign power as the map and the diplomacy screen show it."""

    id: str
    name: str
    description: str
    color: str
    position: tuple[float, float] | None
    relations: str | None
    trust: str | None
    threat: str | None
    treaties: tuple[str, ...]
    intentions: tuple[tuple[Condition, str], ...]


@dataclass(frozen=True)
class QuestionDef:
    id: str
    theme: str
    text: Text
    when: Condition
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class DebriefDef:
    indicators: tuple[str, ...] = ()
    chains: tuple[str, ...] = ()
    questions: tuple[QuestionDef, ...] = ()
    scatter: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionDef:
    """A region of the map and who holds it: `owner` unless a later change's condition
    holds (the last that holds wins). An owner is a power id, 'home' or a state id."""

    id: str
    owner: str
    changes: tuple[tuple[Condition, str], ...] = ()


@dataclass(frozen=True)
class MapDef:
    home: str = ""
    home_position: tuple[float, float] | None = None
    links: tuple[tuple[str, str], ...] = ()
    states: tuple[tuple[str, str], ...] = ()
    regions: tuple[RegionDef, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """Everything the engine needs to run a campaign, and what the UI and debrief show."""

    id: str
    title: str
    description: str
    calendar: Calendar
    layout: StateLayout
    steps: tuple[str, ...]
    rules: tuple[RuleDef, ...]
    events: tuple[EventDef, ...]
    decisions: tuple[DecisionDef, ...]
    policies: tuple[PolicyDef, ...]
    endings: tuple[EndingDef, ...]
    max_decisions_per_turn: int
    content_hash: str
    powers: tuple[PowerDef, ...] = ()
    parties: tuple[dict[str, Any], ...] = ()
    groups: tuple[dict[str, Any], ...] = ()
    record: HistoricalRecord = field(default_factory=HistoricalRecord)
    root: str = ""
    key_indicators: tuple[str, ...] = ()
    map: MapDef = field(default_factory=MapDef)
    debrief: DebriefDef = field(default_factory=DebriefDef)
    source_titles: dict[str, str] = field(default_factory=dict)
    # Each historian the content names, by name, with the work meant.
    bibliography: dict[str, str] = field(default_factory=dict)
    # What the scenario shows of violence and loss, for teachers (the debrief's first page).
    content_note: str = ""
    # The axes a campaign is judged on (game.core.verdict), in the order they are shown.
    verdict: tuple[AxisDef, ...] = ()
    # The score (game.core.music): the first cue whose condition holds plays.
    music: tuple[CueDef, ...] = ()
    pacing: Pacing = field(default_factory=Pacing)

    def cite(self, source: Source) -> str:
        """A source as players read it: the historian, then the text's title (its file
        name when the scenario gives no title)."""
        title = self.source_titles.get(source.file, source.file)
        return f"{source.historian}, {title}" if source.historian else title

    @property
    def indicators(self) -> tuple[str, ...]:
        """The variables the main screen shows, in order: the key indicators, or the
        first eight declared when the scenario names none."""
        if self.key_indicators:
            return self.key_indicators
        return tuple(v.name for v in self.layout.declared()[:8])

    def event(self, event_id: str) -> EventDef:
        return self.events[self._events_by_id()[event_id]]

    def decision(self, decision_id: str) -> DecisionDef:
        return next(d for d in self.decisions if d.id == decision_id)

    def policy(self, policy_id: str) -> PolicyDef:
        return next(p for p in self.policies if p.id == policy_id)

    def ending(self, ending_id: str) -> EndingDef:
        return next(e for e in self.endings if e.id == ending_id)

    def rules_of(self, step: str) -> tuple[RuleDef, ...]:
        """The rules of one step, in the order they run."""
        cached = self.__dict__.get("_rules_by_step")
        if cached is None:
            cached = {s: tuple(r for r in self.rules if r.step == s) for s in self.steps}
            object.__setattr__(self, "_rules_by_step", cached)
        return cached.get(step, ())

    @property
    def event_table(self) -> EventTable:
        """Every event's bookkeeping columns and timing, as arrays over the events."""
        cached = self.__dict__.get("_event_table")
        if cached is None:
            cached = EventTable.build(self.layout, self.events)
            object.__setattr__(self, "_event_table", cached)
        return cached

    @property
    def decision_table(self) -> DecisionTable:
        """Every decision's bookkeeping columns and limits, as arrays over the decisions."""
        cached = self.__dict__.get("_decision_table")
        if cached is None:
            cached = DecisionTable.build(self.layout, self.decisions)
            object.__setattr__(self, "_decision_table", cached)
        return cached

    @property
    def cost_matrix(self) -> tuple[list[int], np.ndarray]:
        """The columns any decision costs, and (decisions, those columns) the amounts."""
        cached = self.__dict__.get("_cost_matrix")
        if cached is None:
            columns = sorted({c.column for d in self.decisions for c in d.costs})
            where = {column: i for i, column in enumerate(columns)}
            matrix = np.zeros((len(self.decisions), len(columns)))
            for decision in self.decisions:
                for cost in decision.costs:
                    matrix[decision.index, where[cost.column]] += cost.amount
            matrix.setflags(write=False)
            cached = (columns, matrix)
            object.__setattr__(self, "_cost_matrix", cached)
        return cached

    def _events_by_id(self) -> dict[str, int]:
        cached = self.__dict__.get("_event_index")
        if cached is None:
            cached = {e.id: e.index for e in self.events}
            object.__setattr__(self, "_event_index", cached)
        return cached
