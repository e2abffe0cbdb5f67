"""The debrief's content, built from one campaign: describe, analyse, compare, apply."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core import units
from game.core.breakdown import explain_changes, rule_name, summary
from game.core.campaign import Campaign
from game.core.cause import Cause, CauseKind
from game.core.context import TurnContext
from game.core.dispatches import dispatches
from game.core.history import Figure
from game.core.layout import Variable
from game.core.model import Scenario, Source
from game.core.references import variables_of
from game.core.sources import bibliography_lines
from game.core.state import State
from game.core.text import Text
from game.core.verdict import VerdictReading
from game.core.verdict import read as read_verdict
from game.debrief.history import series, value_at
from game.debrief.reading import states_at_events, states_at_start


@dataclass(frozen=True)
class TimelineItem:
    kind: str  # policy, decision, event
    text: str
    historical: bool | None = None


@dataclass(frozen=True)
class Quarter:
    turn: int
    date: str
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class FigureMark:
    title: str
    turn: int
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Series:
    var: str
    label: str
    values: tuple[float, ...]
    minimum: float
    maximum: float
    figures: tuple[FigureMark, ...] = ()
    variable: Variable | None = None

    @property
    def harm(self) -> bool:
        """A count of people harmed: charted in the harm colour, labelled as human cost."""
        return self.variable is not None and self.variable.harm

    def number(self, value: float) -> str:
        """A value on this chart's axis in the variable's unit: '9.6 million', '23%'."""
        if self.variable is None:
            return f"{value:,.0f}"
        return units.format_number(self.variable, value)


@dataclass(frozen=True)
class Comparison:
    date: str
    topic: str
    yours: str
    history: str
    same: bool
    sources: tuple[Source, ...] = ()
    happened: str = ""
    historiography: str = ""
    # The real people the event touched, each "name. note" (the Terror's victims).
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureRow:
    title: str
    date: str
    real: float
    low: float
    high: float
    unit: str
    yours: float | None
    sources: tuple[str, ...] = ()
    variable: Variable | None = None

    def shown(self, value: float | None, unit: bool = True) -> str:
        """One of the figure's numbers in words: in its variable's unit where it has one
        ('7 million people'; without the unit '7 million'), else as the record writes it."""
        if value is None:
            return "not simulated"
        if self.variable is None:
            return f"{value:,.0f}"
        if unit:
            return units.format_value(self.variable, value, phrase=False)
        return units.format_number(self.variable, value)

    @property
    def history(self) -> str:
        """'7 million people (range 5.5 million–8.7 million)', or for an index in the
        record's own words: '190 index 1928 = 100 (range 150–275)'."""
        bare = self.variable is None or units.unit_of(self.variable) == units.INDEX
        unit = f" {self.unit}" if bare and self.unit else ""
        span = f"{self.shown(self.low, unit=False)}–{self.shown(self.high, unit=False)}"
        return f"{self.shown(self.real)}{unit} (range {span})"

    @property
    def within(self) -> bool | None:
        return None if self.yours is None else self.low <= self.yours <= self.high

    @property
    def harm(self) -> bool:
        """A count of people harmed: set beside history, never ticked as a success."""
        return self.variable is not None and self.variable.harm

    @property
    def beside_history(self) -> str:
        """How the campaign's figure stands beside history's range, in words: a death toll
        that matches history is 'as in history', never a success; others 'within' or
        'outside' the range."""
        if self.yours is None:
            return ""
        if self.harm:
            if self.yours < self.low:
                return "fewer than in history"
            return "as in history" if self.yours <= self.high else "more than in history"
        return "within" if self.within else "outside"


@dataclass(frozen=True)
class ChainLink:
    label: str
    delta: float
    cause: Cause | None  # None for the outcome itself, at the root
    player: bool
    children: tuple[ChainLink, ...] = ()
    change: str = ""
    # A rule's inputs as it read them the last quarter it moved the outcome:
    # "1941-Q1: training +16.2, heavy industry +15, …".
    detail: str = ""


@dataclass(frozen=True)
class Question:
    theme: str
    text: str
    sources: tuple[Source, ...] = ()


@dataclass
class Debrief:
    scenario_id: str
    scenario_title: str
    seed: int
    quarters: int
    date: str
    final: bool
    ending_title: str
    ending_text: str
    epilogue: str
    ending_sources: tuple[Source, ...]
    timeline: list[Quarter] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    chains: list[ChainLink] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    source_titles: dict[str, str] = field(default_factory=dict)
    bibliography: dict[str, str] = field(default_factory=dict)
    verdict: VerdictReading | None = None  # None when the scenario declares no axes
    content_note: str = ""

    def cite(self, source: Source) -> str:
        """A source as readers see it: the historian, then the text's short title."""
        title = self.source_titles.get(source.file, source.file)
        return f"{source.historian}, {title}" if source.historian else title

    def sources_lines(self) -> list[str]:
        """The source texts and the historians named, each with the work meant."""
        return bibliography_lines(self.source_titles, self.bibliography)

    @property
    def agreement(self) -> tuple[int, int]:
        """How many of the player's turning choices matched history, of how many."""
        return sum(c.same for c in self.comparisons), len(self.comparisons)


def _var(scenario: Scenario, name: str) -> Variable:
    return scenario.layout.variables[scenario.layout.col(name)]


def label(scenario: Scenario, name: str) -> str:
    """A variable's short human name, the one every screen and page uses."""
    return units.title(_var(scenario, name))


def cause_text(scenario: Scenario, cause: Cause) -> tuple[str, bool]:
    """Words for a recorded cause, and whether it was the player's own choice."""
    try:
        if cause.kind is CauseKind.RULE:
            rule = next(r for r in scenario.rules if r.id == cause.id)
            return rule_name(rule), False
        if cause.kind is CauseKind.OPTION:
            event = scenario.event(cause.id)
            return f"{event.title}: you chose \u201c{event.option(cause.option).text}\u201d", True
        if cause.kind is CauseKind.EVENT:
            return f"Event: {scenario.event(cause.id).title}", False
        if cause.kind is CauseKind.DECISION:
            return f"Your decision: {scenario.decision(cause.id).title}", True
        if cause.kind is CauseKind.POLICY:
            return f"Your policy change: {scenario.policy(cause.id).title}", True
        if cause.kind is CauseKind.VERDICT:
            axis = next(a for a in scenario.verdict if a.id == cause.id)
            return f"The verdict, weighed again: {axis.title}", False
    except (StopIteration, KeyError):
        pass  # a cause from content that has since changed: name it as recorded
    return cause.key(), cause.is_players


def _level_label(scenario: Scenario, var: str, value: float) -> str:
    policy = next((p for p in scenario.policies if p.var == var), None)
    if policy is not None:
        level = policy.level(value)
        if level is not None:
            return level.label
    return units.format_value(_var(scenario, var), value)


def _historical_option(scenario: Scenario, event_id: str) -> str | None:
    return scenario.record.choices.get(event_id)


def timeline(campaign: Campaign, states: list[State] | None = None) -> list[Quarter]:
    """Each quarter's orders and events, the events' texts as the player read them
    (`states`: the state each quarter's events fired in, see reading.states_at_events)."""
    scenario = campaign.scenario
    states = states_at_events(campaign) if states is None else states
    quarters = []
    for record, state in zip(campaign.records, states, strict=True):

        def shown(text: Text, state: State = state) -> str:
            return text.render(scenario, state)

        items = []
        changed = {c.cause for c in record.changes}
        for policy_id, value in record.orders.policies.items():
            if Cause.policy(policy_id) not in changed:
                continue  # ordered as it already stood: not a change worth a line
            policy = scenario.policy(policy_id)
            level = policy.level(value)
            items.append(
                TimelineItem("policy", f"{policy.title}: {level.label if level else value}")
            )
        for decision_id, success in record.decisions.items():
            outcome = (
                ""
                if scenario.decision(decision_id).odds is None
                else (" (succeeded)" if success else " (failed)")
            )
            items.append(
                TimelineItem("decision", f"{shown(scenario.decision(decision_id).title)}{outcome}")
            )
        items += [TimelineItem("refused", refused.sentence()) for refused in record.refused]
        # What the happenings that asked nothing changed, in their units.
        told = {d.event.id: d for d in dispatches(scenario, record)}
        for event_id in record.fired:
            event = scenario.event(event_id)
            if event_id in record.choices:
                option = event.option(record.choices[event_id])
                historical = _historical_option(scenario, event_id)
                items.append(
                    TimelineItem(
                        "event",
                        f"{shown(event.title)}: \u201c{shown(option.text)}\u201d",
                        None if historical is None else historical == option.id,
                    )
                )
            else:
                items.append(
                    TimelineItem("event", told[event_id].line(scenario, shown(event.title)))
                )
        if items:
            quarters.append(Quarter(record.turn, record.date, tuple(items)))
    return quarters


def _figures(campaign: Campaign) -> list[FigureRow]:
    scenario = campaign.scenario
    return [
        FigureRow(
            figure.title,
            figure.date,
            figure.value,
            figure.low,
            figure.high,
            figure.unit,
            _figure_value(campaign, figure),
            # The range's own source beside the texts, so a class can check the numbers.
            tuple(scenario.cite(s) for s in figure.sources)
            + ((f"range: {figure.range_from}",) if figure.range_from else ()),
            _var(scenario, figure.var) if figure.var else None,
        )
        for figure in scenario.record.figures
    ]


def _figure_value(campaign: Campaign, figure: Figure) -> float | None:
    """The campaign's own figure: its variable at the figure's quarter, or for a figure
    of a period what the variable gained over that period."""
    if not figure.var:
        return None
    value = value_at(campaign, figure.var, figure.turn)
    if value is None or figure.base_turn is None:
        return value
    base = value_at(campaign, figure.var, figure.base_turn)
    return None if base is None else value - base


def _series(campaign: Campaign, names: list[str]) -> list[Series]:
    scenario = campaign.scenario
    out = []
    for name in names:
        var = _var(scenario, name)
        marks = tuple(
            FigureMark(figure.title, figure.turn, figure.value, figure.low, figure.high)
            for figure in scenario.record.figures
            if figure.var == name and figure.base_turn is None
        )
        out.append(
            Series(
                name,
                label(scenario, name),
                tuple(series(campaign, name)),
                var.minimum,
                var.maximum,
                marks,
                var,
            )
        )
    return out


def _comparisons(campaign: Campaign, states: list[State]) -> list[Comparison]:
    scenario = campaign.scenario
    out = []
    for record, state in zip(campaign.records, states, strict=True):
        for event_id, option_id in record.choices.items():
            historical = _historical_option(scenario, event_id)
            if historical is None:
                continue
            event = scenario.event(event_id)
            out.append(
                Comparison(
                    record.date,
                    event.title.render(scenario, state),
                    event.option(option_id).text.render(scenario, state),
                    event.option(historical).text.render(scenario, state),
                    historical == option_id,
                    event.lore.sources,
                    event.lore.history.render(scenario, state),
                    event.lore.historiography,
                    tuple(
                        f"{person.name}. {person.note.render(scenario, state)}"
                        for person in event.lore.people
                    ),
                )
            )
    for orders in scenario.record.orders:
        turn = orders.turn
        if not 0 <= turn < len(campaign.records):
            continue
        for policy_id, value in orders.policies.items():
            policy = scenario.policy(policy_id)
            yours = value_at(campaign, policy.var, turn)
            if yours is None:
                continue
            level = policy.level(value)
            out.append(
                Comparison(
                    orders.date,
                    policy.title,
                    _level_label(scenario, policy.var, yours),
                    level.label if level else f"{value:g}",
                    yours == value,
                    policy.lore.sources,
                    policy.lore.history.render(scenario, states[turn]),
                    policy.lore.historiography,
                )
            )
    return sorted(out, key=lambda c: c.date)


def _totals(campaign: Campaign, name: str) -> dict[str, float]:
    totals: dict[str, float] = {}
    for record in campaign.records:
        for change in record.changes:
            if change.var == name:
                totals[change.cause] = totals.get(change.cause, 0.0) + change.delta
    return totals


def chain(
    campaign: Campaign,
    name: str,
    depth: int = 2,
    seen: frozenset[str] = frozenset(),
    starts: list[State] | None = None,
) -> ChainLink:
    """An outcome traced back: its biggest causes, and through each rule the variables it
    read (and how it read them the last time it moved the outcome), down to the player's
    own policies, decisions and choices. `starts`: each quarter's starting state, see
    reading.states_at_start."""
    scenario = campaign.scenario
    starts = states_at_start(campaign) if starts is None else starts
    variable = _var(scenario, name)
    values = series(campaign, name)
    total = values[-1] - values[0]
    children = []
    ranked = sorted(_totals(campaign, name).items(), key=lambda kv: -abs(kv[1]))[:4]
    for cause, delta in ranked:
        text, player = cause_text(scenario, cause)
        grandchildren: tuple[ChainLink, ...] = ()
        detail = _last_reading(campaign, starts, name, cause)
        if cause.kind is CauseKind.RULE and depth > 1:
            rule = next(r for r in scenario.rules if r.id == cause.id)
            reads, _ = variables_of(
                list(rule.effect_ops) + ([rule.when_op] if rule.when_op else [])
            )
            inputs = [
                v
                for v in sorted(reads)
                if v != name
                and v not in seen
                and v in scenario.layout.index
                and not _var(scenario, v).internal
                and v != "turn"
            ]
            ranked_inputs = sorted(
                inputs, key=lambda v: -abs(series(campaign, v)[-1] - series(campaign, v)[0])
            )[:3]
            grandchildren = tuple(
                chain(campaign, v, depth - 1, seen | {name}, starts) for v in ranked_inputs
            )
        shown = units.format_change(variable, delta)
        children.append(ChainLink(text, delta, cause, player, grandchildren, shown, detail))
    return ChainLink(
        label(scenario, name),
        total,
        None,
        False,
        tuple(children),
        units.format_delta(variable, total),
    )


def _last_reading(campaign: Campaign, starts: list[State], name: str, cause: Cause) -> str:
    """How a rule read its inputs the last quarter it changed the variable, or ""."""
    if cause.kind is not CauseKind.RULE:
        return ""
    for index in range(len(campaign.records) - 1, -1, -1):
        record = campaign.records[index]
        if any(c.cause == cause for c in record.changes_to(name)):
            for change in explain_changes(campaign.scenario, starts[index], record, name):
                if change.cause == cause and change.breakdown is not None:
                    said = summary(change.breakdown)
                    return f"{record.date}: {said}" if said else ""
            return ""
    return ""


def _questions(campaign: Campaign) -> list[Question]:
    scenario = campaign.scenario
    ctx = TurnContext(
        scenario.layout, campaign.state.values.copy(), campaign.state.seeds, campaign.turn, None
    )
    return [
        Question(q.theme, q.text.render(scenario, campaign.state), q.sources)
        for q in scenario.debrief.questions
        if bool(np.asarray(q.when(ctx))[0])
    ]


def build_debrief(campaign: Campaign, states: list[State] | None = None) -> Debrief:
    """The debrief of a campaign, every text worded as the player read it (`states`: the
    state each quarter's events fired in, when the caller has them already)."""
    scenario = campaign.scenario
    ending = campaign.ending
    indicators = list(scenario.debrief.indicators or scenario.key_indicators)
    chain_targets = list(scenario.debrief.chains)
    if not chain_targets and ending is not None and ending.when_op is not None:
        chain_targets = sorted(variables_of(ending.when_op)[0])
    debrief = Debrief(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        seed=campaign.seed,
        quarters=len(campaign.records),
        date=campaign.date if not campaign.is_over else scenario.calendar.label(campaign.turn),
        final=campaign.is_over,
        ending_title=ending.title.render(scenario, campaign.state)
        if ending
        else "The campaign so far",
        ending_text=ending.text.render(scenario, campaign.state)
        if ending
        else f"The campaign stands in {scenario.calendar.long_label(campaign.turn)}; this debrief covers what happened up to now.",
        epilogue=ending.epilogue.render(scenario, campaign.state) if ending else "",
        ending_sources=ending.lore.sources if ending else (),
        source_titles=dict(scenario.source_titles),
        bibliography=dict(scenario.bibliography),
        content_note=scenario.content_note,
    )
    states = states_at_events(campaign) if states is None else states
    debrief.timeline = timeline(campaign, states)
    debrief.series = _series(campaign, indicators)
    starts = states_at_start(campaign)
    debrief.chains = [
        chain(campaign, name, starts=starts)
        for name in chain_targets
        if name in scenario.layout.index
    ]
    debrief.comparisons = _comparisons(campaign, states)
    debrief.figures = _figures(campaign)
    debrief.questions = _questions(campaign)
    if scenario.verdict:
        debrief.verdict = read_verdict(scenario, campaign.state)
    return debrief
