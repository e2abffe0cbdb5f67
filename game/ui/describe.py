"""Words for what the engine records: causes, values and their history."""

from __future__ import annotations

import zlib
from collections.abc import Callable

from game.core import breakdown, units
from game.core.breakdown import Explained, explain_changes
from game.core.campaign import Campaign
from game.core.cause import Cause, CauseKind
from game.core.explain import why_closed
from game.core.layout import Variable
from game.core.model import EventDef, Lore, OptionDef, Scenario
from game.core.preview import Outlook
from game.core.state import State
from game.debrief.analysis import cause_text
from game.debrief.analysis import label as debrief_label
from game.debrief.history import series
from game.debrief.reading import states_at_start


def variable(scenario: Scenario, name: str) -> Variable:
    return scenario.layout.variables[scenario.layout.col(name)]


def label(scenario: Scenario, name: str) -> str:
    """A variable's short human name (the debrief's wording, shared by every screen)."""
    return debrief_label(scenario, name)


def cause(scenario: Scenario, what: Cause) -> str:
    """The option `purge` of `kirov_murder` -> 'A shot in the Smolny: you chose "..."'."""
    return cause_text(scenario, what)[0]


def explained(campaign: Campaign, names: list[str], index: int = -1) -> dict[str, list[Explained]]:
    """The changes to each variable in one recorded quarter (the last by default), each
    rule's with the breakdown of its inputs on the state of the moment it ran."""
    if not campaign.records:
        return {name: [] for name in names}
    record = campaign.records[index]
    start = states_at_start(campaign)[index]
    return {name: explain_changes(campaign.scenario, start, record, name) for name in names}


def because(scenario: Scenario, change: Explained) -> str:
    """A change named by what caused it, a rule's with its biggest inputs: 'Unrest
    rises with the collectivisation drive +1.5: its own level −3.66, procurement +2.97'."""
    text = f"{cause(scenario, change.cause)} {delta(scenario, change.var, change.delta)}"
    if change.breakdown is not None:
        inputs = breakdown.summary(change.breakdown)
        if inputs:
            text += f": {inputs}"
    return text


def history(campaign: Campaign, name: str) -> list[float]:
    """The variable's value at the start and after each recorded quarter."""
    return series(campaign, name)


def delta(scenario: Scenario, name: str, value: float) -> str:
    """A change's size in the variable's unit, for tight places: '+2,000', '−3.5'."""
    return units.format_delta(variable(scenario, name), value)


def change(scenario: Scenario, name: str, value: float) -> str:
    """A change with its unit: '+2,000 people shot', '−120 million gold roubles'."""
    return units.format_change(variable(scenario, name), value)


def value(scenario: Scenario, name: str, amount: float) -> str:
    """A value with its unit: '9.6 million deaths from famine', '23%', 'Popular front'."""
    return units.format_value(variable(scenario, name), amount)


def amount(scenario: Scenario, name: str, size: float) -> str:
    """An amount such as a cost: '120 million gold roubles', '5 points of party control'."""
    return units.format_amount(variable(scenario, name), size)


def effect_parts(
    scenario: Scenario,
    changes: dict[str, float],
    uncertain: dict[str, tuple[float, float]] | None = None,
    now: Callable[[str], float] | None = None,
) -> tuple[list[str], list[str]]:
    """(the harm done to people, everything else), each change in words: a rise in a
    count of the dead, the shot, the imprisoned or the deported is harm, whatever it buys."""
    harm: list[str] = []
    rest: list[str] = []
    for var, size in changes.items():
        spec = variable(scenario, var)
        words = units.describe_change(spec, size, now(var) if now else None)
        (harm if spec.harm and size > 0 else rest).append(words)
    for var, (low, high) in (uncertain or {}).items():
        spec = variable(scenario, var)
        words = (
            f"{units.describe_change(spec, low)} to {units.format_change(spec, high)} (by chance)"
        )
        (harm if spec.harm and high > 0 else rest).append(words)
    return harm, rest


def harm_text(harm: list[str]) -> str:
    """'Harm: +30,000 people shot, +100,000 people in camps', or '' when no one is harmed."""
    return f"Harm: {', '.join(harm)}" if harm else ""


def effects(
    scenario: Scenario,
    changes: dict[str, float],
    uncertain: dict[str, tuple[float, float]] | None = None,
    now: Callable[[str], float] | None = None,
) -> str:
    """'Harm: +2,000 people shot; Party control +3 points, Unrest +2 to +5 points (by
    chance)', or 'no immediate change'. The harm to people comes first, named as harm.
    Given the values `now`, a level reads by its new label."""
    harm, rest = effect_parts(scenario, changes, uncertain, now)
    parts = [part for part in (harm_text(harm), ", ".join(rest)) if part]
    return "; ".join(parts) or "no immediate change"


# Below these a change a quarter on is too small to weigh an order by: a tenth of a point
# of unrest or a few thousand roubles are the arithmetic of the rules, not what the order
# does. People are never in this table: every death the order brings is shown.
_TOO_SMALL_TO_TELL = {
    units.INDEX: 0.25,
    units.PER_CENT: 0.25,
    units.GOLD_ROUBLES: 1_000_000,
    units.TONNES: 10_000,
}


def _too_small_to_tell(spec: Variable, change: float) -> bool:
    threshold = _TOO_SMALL_TO_TELL.get(units.unit_of(spec))
    if threshold is None:
        return units.is_negligible(spec, change)
    return abs(change * spec.scale) < threshold


def outlook(scenario: Scenario, seen: Outlook, lead: str) -> str:
    """What an order does to the indicators on screen, after a lead that says against
    what: 'One quarter on, against not taking it: Heavy industry +4.5 points, +350,000
    to +740,000 deaths from famine (by chance).'"""
    parts: list[str] = []
    harm: list[str] = []
    for name, size in seen.difference.items():
        spec = variable(scenario, name)
        low, high = seen.spread.get(name, (size, size))
        if _too_small_to_tell(spec, low) and _too_small_to_tell(spec, high):
            continue
        said = harm if spec.harm and high > 0 else parts
        numbered = units.unit_of(spec) not in (units.FLAG, units.LEVEL)
        # A spread of a tenth or less reads as one figure: the dice matter for the
        # famine of a bad harvest, not for the second decimal of unrest.
        if numbered and high - low > 0.1 * max(abs(low), abs(high)):
            low_text, high_text = units.format_delta(spec, low), units.format_change(spec, high)
            if not high_text.startswith(low_text):
                words = f"{low_text} to {high_text} (by chance)"
                said.append(words if spec.phrase else f"{units.title(spec)} {words}")
                continue
        said.append(units.describe_change(spec, size))
    if seen.if_it_succeeds:
        lead += " (if it succeeds)"
    told = "; ".join(part for part in (harm_text(harm), ", ".join(parts)) if part)
    return f"{lead}: {told or 'no change to the indicators on screen'}."


def option_order(event_id: str, open_ids: list[str]) -> list[str]:
    """The options in the order they are shown: turned round by a fixed amount for each
    event. Content usually lists the historical answer first; shown as written, a
    player who always takes the first option would simply replay history."""
    if not open_ids:
        return []
    turn = zlib.crc32(event_id.encode()) % len(open_ids)
    return [*open_ids[turn:], *open_ids[:turn]]


def options_shown(event: EventDef, open_ids: list[str]) -> list[str]:
    """All of an event's options in the order they are shown and numbered: the open ones
    first, turned round (see option_order), then the closed ones, greyed, as written."""
    closed = [option.id for option in event.options if option.id not in open_ids]
    return [*option_order(event.id, open_ids), *closed]


def closed_reason(scenario: Scenario, choice: OptionDef, state: State) -> str:
    """Why an option its condition closes is closed: the modder's hint or a sentence
    generated from the condition."""
    reason = why_closed(scenario, choice.available_op, choice.hint, state)
    # A condition that holds when asked again was closed by chance when it was judged.
    return reason or "closed by chance this quarter"


def rule_notes(scenario: Scenario, causes: list[Cause]) -> list[str]:
    """How each rule among the causes works, for the player who asks "why?"."""
    notes = []
    rules = {r.id: r for r in scenario.rules}
    for what in dict.fromkeys(causes):
        rule = rules.get(what.id) if what.kind is CauseKind.RULE else None
        if rule is not None and rule.text:
            # An untitled rule is named by its text's opening words: the text alone.
            notes.append(f"{rule.title}: {rule.text}" if rule.title else rule.text)
    return notes


def starting_notes(scenario: Scenario, name: str, value: str) -> list[str]:
    """Why? before the first quarter: where the figure starts and the rules that will
    move it, so the page explains the starting value instead of standing empty."""
    from game.core.references import variables_of

    start = scenario.calendar.long_label(0)
    lines = [f"The campaign has not begun: this is where it starts in {start}, {value}."]
    movers = []
    for rule in scenario.rules:
        if name in variables_of(rule.effect_ops)[1] and rule.text:
            movers.append(f"{rule.title}: {rule.text}" if rule.title else rule.text)
    if movers:
        lines += ["", "What will move it each quarter:", *movers]
    lines += ["", "After each quarter this page lists every change and its cause."]
    return lines


def override_sentence(scenario: Scenario, override, shown: Callable = str) -> str:
    """'Grain procurement changed from Quotas to Market prices by "The grain does not
    come" (your answer: "...").' `shown` renders a content text as the player read it."""
    sources = []
    for what in override.causes:
        if what.kind in (CauseKind.OPTION, CauseKind.EVENT):
            event = scenario.event(what.id)
            words = f"\u201c{shown(event.title)}\u201d"
            if what.kind is CauseKind.OPTION:
                words += f" (your answer: \u201c{shown(event.option(what.option).text)}\u201d)"
            sources.append(words)
        else:
            sources.append(cause(scenario, what))
    return (
        f"{override.policy.title} changed from {override.level_label(override.before)} to "
        f"{override.level_label(override.now)} by {' and '.join(sources)}."
    )


PEOPLE_HEADING = "People, as history records them:"


def people_text(scenario: Scenario, lore: Lore, state: State) -> str:
    """The real people a piece of content touches, a paragraph each after a heading
    ('Isaac Babel (1894-1940). Writer of ...'), or '' when it names no one."""
    if not lore.people:
        return ""
    notes = [f"{person.name}. {person.note.render(scenario, state)}" for person in lore.people]
    return "\n\n".join([PEOPLE_HEADING, *notes])


def trend_color(theme, var: Variable, change: float):
    """Green for a change the player should welcome, red for one to fear, grey otherwise;
    a rise in a count of people harmed in the harm colour, whatever else it buys."""
    if units.is_negligible(var, change):
        return theme.palette.ink_soft
    if var.harm:
        return theme.palette.harm if change > 0 else theme.palette.ink_soft
    if not var.better:
        return theme.palette.ink_soft
    good = change > 0 if var.better == "higher" else change < 0
    return theme.palette.good if good else theme.palette.bad
