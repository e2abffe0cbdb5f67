"""The shape of scenario files, as strict pydantic models.

Conditions, quantities and effects appear here as opaque fields: `ops.py` parses them
against the operation registry, and the schema command splices the registry's schema
in where these fields stand.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from game.core.units import UNITS

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
# A person as texts name them: one capitalised word ("Litvinov", "Buber-Neumann").
Surname = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z'-]*$")]
VarName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
QuarterDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-Q[1-4]$")]
Number = float

# Placeholders the schema generator replaces with references to the registry's schema.
OP_MARKER = "x-great-turn-op"
ConditionField = Annotated[Any, WithJsonSchema({OP_MARKER: "Condition"})]
QuantityField = Annotated[Any, WithJsonSchema({OP_MARKER: "Quantity"})]
EffectsField = Annotated[
    list[Any], WithJsonSchema({"type": "array", "items": {OP_MARKER: "Effect"}})
]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class VariantModel(Strict):
    """One wording of a text, shown in campaigns where its condition holds. Any text a
    player reads (titles, texts, options, tooltips, epilogues, history notes, debrief
    questions) may be a list of variants instead of a string: the first whose `when`
    holds is shown, and the last has no `when` and is shown when none holds. Any text
    may quote a variable in braces, `{economy.valuta}`, shown with its unit (a level by
    its label); `{{` and `}}` write a brace."""

    when: ConditionField = Field(
        None, description="shown while this holds; the last variant has none (the default)"
    )
    text: str = Field(description="the wording; {group.variable} shows a variable's value")


# Player-facing text: a string, or a list of variants ending in a default.
TextField = str | list[VariantModel]


def replace_flag() -> Any:
    """The `replace:` field every entry has: a mod replaces its base's entry of that id."""
    return Field(
        False,
        description="true to replace, wholesale, the entry of the same id (or name) that an "
        "earlier scenario in the load order defines",
    )


class SourceModel(Strict):
    """A source text the content rests on (a file in the shared sources), and who it names."""

    file: str = Field(description="file name of the source text")
    historian: str = Field("", description="the historian the text names, if any")
    note: str = Field("", description="what the source says, in a few words")


class PersonModel(Strict):
    """A real person the content touches: shown with it, a few lines each."""

    name: str = Field(description="the person's name and years, e.g. 'Isaac Babel (1894-1940)'")
    note: TextField = Field(description="who they were and what was done to them, in a few lines")


class LoreFields(Strict):
    sources: list[SourceModel] = Field(default_factory=list)
    history: TextField = Field("", description="what actually happened")
    historiography: str = Field("", description="how historians read it differently")
    people: list[PersonModel] = Field(
        default_factory=list,
        description="real people it touched (for the Terror, those it destroyed), each "
        "with a short note; shown with the event and in the debrief",
    )


class GroupModel(Strict):
    id: Id
    title: str
    description: str = ""
    replace: bool = replace_flag()


class VariableModel(Strict):
    group: str = Field(description="the panel or area the variable belongs to")
    label: str = Field("", description="a short name for screens, e.g. 'Heavy industry'")
    min: Number
    max: Number
    initial: Number
    description: str = ""
    kind: str = Field("number", pattern=r"^(number|flag|level)$")
    labels: list[str] = Field(default_factory=list, description="names of the levels 0, 1, 2, ...")
    unit: str = Field(
        "",
        description="what the number measures, one of: "
        + ", ".join(UNITS)
        + " (default: index points; flag and level for those kinds)",
        json_schema_extra={"enum": list(UNITS)},
    )
    scale: Number = Field(
        1,
        description="the stored number times scale is the real quantity, e.g. 1000 for "
        "deaths stored in thousands",
    )
    phrase: str = Field(
        "",
        description="what the number counts, in words, e.g. 'people shot': a change then "
        "reads '+2,000 people shot'",
    )
    better: str = Field(
        "",
        pattern=r"^(higher|lower)?$",
        description="which way is good for the player: higher, lower, or neither",
    )
    harm: bool = Field(
        False,
        description="true for a count of people harmed (the dead, the shot, the imprisoned, "
        "the deported): its unit is people, every rise is shown in the harm colour and named "
        "in the quarterly report with its causes, and it is never ticked as a success",
    )
    replace: bool = replace_flag()


class IntentionModel(Strict):
    when: ConditionField = None
    text: str


class PowerModel(Strict):
    id: Id
    name: str
    description: str = ""
    color: str = Field("", pattern=r"^(#[0-9a-fA-F]{6})?$")
    position: list[Number] = Field(default_factory=list, description="map position [x, y], 0..1")
    relations: VarName | None = Field(None, description="variable of relations with this power")
    trust: VarName | None = Field(None, description="variable of its trust")
    threat: VarName | None = Field(None, description="variable of the threat it poses")
    treaties: list[VarName] = Field(
        default_factory=list, description="flag variables of treaties with it"
    )
    intentions: list[IntentionModel] = Field(
        default_factory=list,
        description="what it intends; the first whose condition holds is shown",
    )
    replace: bool = replace_flag()


class OwnerChangeModel(Strict):
    when: ConditionField = None
    owner: Id = Field(description="who holds the region while the condition holds")


class RegionModel(Strict):
    id: Id = Field(description="a region of the map (see the reference's list of regions)")
    owner: Id = Field(description="who holds it at the start: a power, 'home' or an other state")
    changes: list[OwnerChangeModel] = Field(
        default_factory=list,
        description="later owners; the last whose condition holds wins, else the first owner",
    )


class StateModel(Strict):
    id: Id
    name: str


class MapModel(Strict):
    """The map: the regions of the geography and who holds them, or (without regions) a
    board of positions (the powers') and links between them."""

    home: str = Field("", description="name of the player's country, drawn at home_position")
    home_position: list[Number] = Field(default_factory=list)
    links: list[list[Id]] = Field(
        default_factory=list, description="pairs of power ids (or 'home')"
    )
    states: list[StateModel] = Field(
        default_factory=list,
        description="states on the map that are not powers in diplomacy, e.g. Romania",
    )
    regions: list[RegionModel] = Field(
        default_factory=list,
        description="regions of the map and their owners; regions not listed are drawn "
        "as land nobody in the scenario holds",
    )


class PartyModel(Strict):
    id: Id
    name: str
    country: str = Field("", description="the power the party works in")
    description: str = ""
    strength: VarName | None = Field(None, description="variable holding the party's strength")
    replace: bool = replace_flag()


class EndingModel(LoreFields):
    id: Id
    title: TextField
    text: TextField = ""
    when: ConditionField = None
    at_end: bool = Field(False, description="only considered on the last turn")
    epilogue: TextField = ""
    replace: bool = replace_flag()


class MeasureModel(Strict):
    """One variable an axis of the verdict weighs, scored 0-100 between two values."""

    var: VarName = Field(description="the variable measured")
    weight: Number = Field(1, description="its weight on the axis, above 0")
    worst: Number = Field(description="the value that scores 0 on the axis")
    best: Number = Field(
        description="the value that scores 100; below `worst` when less is better (deaths, unrest)"
    )
    history: Number | None = Field(
        None, description="history's own figure, in the variable's units, shown beside the player's"
    )
    note: str = Field("", description="where history's figure comes from, in a few words")
    curve: Literal["linear", "sqrt"] = Field(
        "linear",
        description=(
            "how the score runs from `worst` to `best`: `linear`, or `sqrt`, which falls "
            "fastest over the first steps away from `best` (a tenth of the way to `worst` "
            "costs about a third of the marks), for tolls where the first deaths must "
            "weigh"
        ),
    )


class AxisModel(LoreFields):
    """An axis of the verdict: the engine keeps its score, 0-100, in `verdict.<id>`."""

    id: Id
    title: str = Field(description="the axis's name, e.g. 'Security'")
    question: TextField = Field("", description="what the axis asks of the campaign")
    text: TextField = Field("", description="what the verdict says on this axis at the end")
    cost: bool = Field(
        False,
        description="true for the axis of human cost: shown first, in people, never hidden",
    )
    measures: list[MeasureModel] = Field(min_length=1)
    replace: bool = replace_flag()


class FigureModel(Strict):
    id: Id
    title: str
    var: VarName | None = None
    date: QuarterDate | None = None
    value: Number
    low: Number
    high: Number
    unit: str = ""
    sources: list[SourceModel] = Field(default_factory=list)
    range_from: str = Field(
        "",
        description="the scholarship the range comes from, named: author, work, year "
        "(the calibration prints it beside the range)",
    )
    counted_from: QuarterDate | None = Field(
        None,
        description="the first quarter the figure counts, for a figure of a period (the "
        "executions of 1937-38 from 1937-Q1): the calibration and the debrief compare it "
        "with what the variable gained from then to the figure's date",
    )


class HistoricalOrdersModel(Strict):
    date: QuarterDate
    policies: dict[str, Number] = Field(default_factory=dict)
    decisions: list[Id] = Field(default_factory=list)


class RecordModel(Strict):
    """The historical record: what the real leadership chose, and real figures."""

    orders: list[HistoricalOrdersModel] = Field(default_factory=list)
    choices: dict[str, str] = Field(default_factory=dict, description="event id -> option id")
    figures: list[FigureModel] = Field(default_factory=list)


class MetaModel(Strict):
    id: Id
    title: str
    extends: Id | list[Id] | None = Field(
        None,
        description="the id of the scenario this one builds on (or a list of ids); its "
        "fields below that this file leaves out are inherited",
    )
    description: str = ""
    start: QuarterDate | None = Field(None, description="first quarter; required without extends")
    end: QuarterDate | None = Field(None, description="last quarter; required without extends")
    steps: list[Id] = Field(
        default_factory=list,
        description="rule steps in the order they resolve, between orders and events",
    )
    max_decisions_per_turn: int = Field(2, ge=1, le=10)
    choices_per_quarter: int = Field(
        3,
        ge=1,
        le=20,
        description="the most events that may ask the player to choose in one quarter; "
        "those past it wait for the next quarter (turning points keep their dates)",
    )
    choices_first_quarter: int = Field(
        1,
        ge=0,
        le=20,
        description="the same cap for the first quarter, which opens on the player's orders",
    )
    key_indicators: list[VarName] = Field(default_factory=list)
    silence: list[str] = Field(
        default_factory=list,
        description="warning codes the checker does not report for this scenario, "
        "e.g. [unused-variable]; errors cannot be silenced",
    )
    content_note: str = Field(
        "",
        description="a note for teachers and players on what the scenario shows of "
        "violence and loss (and how it shows it), printed on the debrief's first page",
    )
    source_titles: dict[str, str] = Field(
        default_factory=dict,
        description="a short title for each source text cited, by file name; players see "
        "the title instead of the file name",
    )
    bibliography: dict[str, str] = Field(
        default_factory=dict,
        description="each historian the content names, by full name, with the work meant "
        "(e.g. 'Robert Conquest': 'The Great Terror (1968)'); shown in the game's help and "
        "in the debrief, and checked against every citation",
    )


class OptionModel(Strict):
    id: Id
    text: TextField
    tooltip: TextField = ""
    when: ConditionField = None
    hint: TextField = Field(
        "",
        description="why it is closed, shown greyed under it when its condition fails "
        "(without one, the reason is generated from the condition)",
    )
    effects: EffectsField = Field(default_factory=list)
    weight: QuantityField = 1
    historical: bool = False


class EventModel(LoreFields):
    id: Id
    title: TextField
    text: TextField
    group: str = ""
    date: QuarterDate | None = Field(None, description="first quarter it can fire")
    until: QuarterDate | None = Field(None, description="last quarter it can fire")
    trigger: ConditionField = None
    mtth: QuantityField = Field(None, description="mean time to happen, in quarters")
    once: bool = True
    cooldown: int = Field(0, ge=0)
    effects: EffectsField = Field(default_factory=list)
    options: list[OptionModel] = Field(default_factory=list)
    dispatch: bool = Field(
        False,
        description="true for a happening that needs no decision: it asks nothing and "
        "arrives as a dispatch with its effects; an event with fewer than two options is "
        "one anyway. Options it keeps are not offered: it takes the historical one (the "
        "first open one where that is closed), so conditions can still ask which",
    )
    turning_point: bool = Field(
        False,
        description="true for an event that must keep its real date: it asks its choice "
        "even in a quarter already full of choices",
    )
    image: str = ""
    place: Id | None = Field(None, description="the map region where it happens, marked on the map")
    actors: list[Surname] = Field(
        default_factory=list,
        description="the recurring persons it concerns, by surname, each shown with an emblem "
        "beside its text; a person named here is shown beside every text that names them",
    )
    replace: bool = replace_flag()


class DecisionModel(LoreFields):
    id: Id
    title: TextField
    text: TextField
    group: str = ""
    target: str = Field("", description="the power or party it concerns")
    when: ConditionField = None
    hint: TextField = Field(
        "",
        description="why it is closed, shown greyed under it when its condition fails "
        "(without one, the reason is generated from the condition)",
    )
    costs: dict[VarName, Number] = Field(default_factory=dict)
    effects: EffectsField = Field(default_factory=list)
    odds: QuantityField = Field(None, description="chance of success, 0 to 1")
    on_failure: EffectsField = Field(default_factory=list)
    once: bool = False
    cooldown: int = Field(0, ge=0)
    ai_weight: QuantityField = 0
    replace: bool = replace_flag()


class LevelModel(Strict):
    value: Number
    label: str
    description: str = ""


class PolicyModel(LoreFields):
    id: Id
    title: str
    text: str = ""
    group: str = ""
    var: VarName
    levels: list[LevelModel] = Field(min_length=2)
    when: ConditionField = None
    hint: TextField = Field(
        "",
        description="why it is closed, shown beside it when its condition fails "
        "(without one, the reason is generated from the condition)",
    )
    on_change: EffectsField = Field(default_factory=list)
    ai_preference: QuantityField = None
    replace: bool = replace_flag()


class RuleModel(Strict):
    id: Id
    step: Id
    title: str = Field(
        "",
        description="a short name, shown as the cause of the changes it makes "
        "(without one, the opening clause of its text)",
    )
    text: str = Field("", description="how the rule works, in a sentence or two")
    when: ConditionField = None
    effects: EffectsField
    replace: bool = replace_flag()


class QuestionModel(Strict):
    id: Id
    theme: str = Field(description="the debate it belongs to, e.g. 'the dual policy'")
    text: TextField
    when: ConditionField = Field(None, description="asked only when this holds at the end")
    sources: list[SourceModel] = Field(default_factory=list)


class DebriefModel(Strict):
    """What the classroom debrief shows: indicators to chart, outcomes to trace, questions."""

    indicators: list[VarName] = Field(default_factory=list, description="charted beside the record")
    chains: list[VarName] = Field(
        default_factory=list, description="outcomes whose causes are traced"
    )
    questions: list[QuestionModel] = Field(default_factory=list)
    scatter: list[VarName] = Field(
        default_factory=list,
        description="[x, y] for the class report: the peak of x against the final value of y",
    )


class CueModel(Strict):
    """One cue of the score: a theme and when it plays."""

    theme: str = Field(
        description="one of the game's themes: chorale (slow voices and a bell), march "
        "(brass and drums), nocturne (a sparse piano) or alarm (bells over low strings)"
    )
    when: ConditionField = Field(
        None, description="plays while this holds; the first cue that holds wins"
    )
    tense: ConditionField = Field(
        None,
        description="danger: while this holds the theme plays darker, with low strings "
        "and a drum beating under it",
    )


class RemoveModel(Strict):
    """Entries that earlier scenarios in the load order define and this mod takes out."""

    variables: list[VarName] = Field(default_factory=list)
    groups: list[Id] = Field(default_factory=list)
    powers: list[Id] = Field(default_factory=list)
    parties: list[Id] = Field(default_factory=list)
    policies: list[Id] = Field(default_factory=list)
    rules: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    decisions: list[Id] = Field(default_factory=list)
    endings: list[Id] = Field(default_factory=list)
    verdict: list[Id] = Field(default_factory=list)


class ScenarioFileModel(Strict):
    """Any file of a scenario: `scenario.yaml` holds `scenario:`, the others content."""

    scenario: MetaModel | None = None
    groups: list[GroupModel] = Field(default_factory=list)
    variables: dict[VarName, VariableModel] = Field(default_factory=dict)
    powers: list[PowerModel] = Field(default_factory=list)
    parties: list[PartyModel] = Field(default_factory=list)
    policies: list[PolicyModel] = Field(default_factory=list)
    rules: list[RuleModel] = Field(default_factory=list)
    events: list[EventModel] = Field(default_factory=list)
    decisions: list[DecisionModel] = Field(default_factory=list)
    endings: list[EndingModel] = Field(default_factory=list)
    verdict: list[AxisModel] = Field(
        default_factory=list, description="the axes a campaign is judged on, in order"
    )
    record: RecordModel | None = None
    map: MapModel | None = None
    debrief: DebriefModel | None = None
    music: list[CueModel] = Field(
        default_factory=list,
        description="the score: cues in order, read after every quarter; the first whose "
        "condition holds plays (none: silence)",
    )
    remove: RemoveModel | None = Field(
        None, description="ids of entries from the base scenarios to take out, by section"
    )
