"""Assembles validated files into one compiled scenario.

Gathers every section across files in load order (an id defined twice is an error that
names both places; a scenario that extends others replaces and removes their entries by
id, see merge.py), checks cross-references, parses conditions and effects against the
registry and compiles them for the engine. Problems are collected, never raised one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from game.content.atlas import load_atlas
from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.merge import Layer, Ledger, Touch, singular
from game.content.models import (
    AxisModel,
    DecisionModel,
    EndingModel,
    EventModel,
    LoreFields,
    MeasureModel,
    MetaModel,
    PolicyModel,
    RuleModel,
    ScenarioFileModel,
    VariableModel,
)
from game.content.ops import OpParser, Refs
from game.content.texts import TextCompiler
from game.content.yamlsource import Located, Path_
from game.core.calendar import Calendar, DateError
from game.core.history import Figure, HistoricalOrders, HistoricalRecord
from game.core.layout import TURN, StateLayout, Variable
from game.core.model import (
    Cost,
    DebriefDef,
    DecisionDef,
    EndingDef,
    EventDef,
    Lore,
    MapDef,
    OptionDef,
    Pacing,
    Person,
    PolicyDef,
    PolicyLevel,
    PowerDef,
    QuestionDef,
    RegionDef,
    RuleDef,
    Scenario,
    Source,
)
from game.core.music import THEMES, CueDef
from game.core.registry import Op
from game.core.scope import Scope
from game.core.text import Text
from game.core.units import COUNT, FLAG, INDEX, LEVEL, PEOPLE, UNITS
from game.core.verdict import FULL_MARKS, AxisDef, MeasureDef, axis_variable, initial_score
from game.core.verdict import GROUP as VERDICT_GROUP
from game.core.verdict import PREFIX as VERDICT_PREFIX

SECTIONS = (
    "groups",
    "powers",
    "parties",
    "policies",
    "rules",
    "events",
    "decisions",
    "endings",
    "verdict",
)


@dataclass
class Entry:
    """One item of a section and where it was written."""

    model: Any
    located: Located
    path: Path_

    def where(self, *more: Any) -> Path_:
        return (*self.path, *more)


class Assembler:
    def __init__(
        self,
        folder: Path,
        parsed: list[tuple[Located, ScenarioFileModel]],
        content_hash: str,
        layers: list[Layer] | None = None,
    ) -> None:
        """`parsed` is every file in load order; `layers` groups them by scenario folder
        (bases first), or None for a scenario made of one folder."""
        self.folder = folder
        self.parsed = parsed
        self.layers = layers or [Layer(folder, [], parsed)]
        self.content_hash = content_hash
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self._parsers: dict[str, OpParser] = {}

    # -- reporting ---------------------------------------------------------------------

    def error(
        self, located: Located, path: Path_, message: str, code: str, key: bool = False
    ) -> None:
        self.errors.append(located.diagnostic(path, message, key=key, code=code))

    def warn(
        self, located: Located, path: Path_, message: str, code: str, key: bool = False
    ) -> None:
        line, column = located.where(path, key)
        self.warnings.append(Diagnostic(located.file, line, column, "warning", message, code))

    def parser(self, located: Located) -> OpParser:
        if located.file not in self._parsers:
            self._parsers[located.file] = OpParser(located, self.refs)
        return self._parsers[located.file]

    # -- gathering ---------------------------------------------------------------------

    def _meta(self) -> tuple[MetaModel, Located] | None:
        """The scenario's `scenario:` fields: each layer's own override its bases'."""
        merged: MetaModel | None = None
        complete = True
        for layer in self.layers:
            found = self._layer_meta(layer)
            if found is None:
                complete = False
                continue
            meta, located = found
            if merged is None:
                merged = meta
                self.meta_origin = dict.fromkeys(MetaModel.model_fields, located)
                continue
            given = meta.model_fields_set - {"extends"}
            update = {name: getattr(meta, name) for name in given}
            if "source_titles" in update:  # a mod names its own sources beside its bases'
                update["source_titles"] = {**merged.source_titles, **meta.source_titles}
            if "bibliography" in update:  # and its own historians beside theirs
                update["bibliography"] = {**merged.bibliography, **meta.bibliography}
            merged = merged.model_copy(update=update)
            self.meta_origin.update(dict.fromkeys(given, located))
        if merged is None or not complete or merged.start is None or merged.end is None:
            return None
        return merged, self.layers[-1].parsed[0][0]

    def _layer_meta(self, layer: Layer) -> tuple[MetaModel, Located] | None:
        found = [(model.scenario, located) for located, model in layer.parsed if model.scenario]
        main_located = layer.parsed[0][0] if layer.parsed else None
        if not found:
            if main_located is not None:
                self.error(
                    main_located,
                    (),
                    "scenario.yaml needs a 'scenario:' section with id, title, start and end",
                    "no-meta",
                )
            return None
        for _meta, located in found:
            if located is not main_located:
                self.error(
                    located,
                    ("scenario",),
                    "only scenario.yaml may hold the 'scenario:' section",
                    "misplaced-meta",
                    key=True,
                )
        return found[0]

    def _files(self) -> Iterator[tuple[Layer, Located, ScenarioFileModel]]:
        """Every file in load order with the scenario it belongs to."""
        for layer in self.layers:
            for located, model in layer.parsed:
                yield layer, located, model

    def _removals(
        self, ledger: Ledger, section: str, layer: Layer, located: Located, model: ScenarioFileModel
    ) -> None:
        if model.remove is None:
            return
        for j, name in enumerate(getattr(model.remove, section)):
            ledger.remove(name, Touch(layer, "remove", located, ("remove", section, j)))

    def _gather(self, section: str) -> list[Entry]:
        ledger: Ledger[Entry] = Ledger(singular(section), self)
        for layer, located, model in self._files():
            self._removals(ledger, section, layer, located, model)
            for i, item in enumerate(getattr(model, section)):
                entry = Entry(item, located, (section, i))
                action = "replace" if item.replace else "define"
                ledger.define(item.id, entry, Touch(layer, action, located, entry.where("id")))
        return list(ledger.current.values())

    def _variables(self) -> dict[str, Entry]:
        ledger: Ledger[Entry] = Ledger("variable", self, verb="declared")
        for layer, located, model in self._files():
            self._removals(ledger, "variables", layer, located, model)
            for name, spec in model.variables.items():
                entry = Entry(spec, located, ("variables", name))
                action = "replace" if spec.replace else "define"
                touch = Touch(layer, action, located, entry.path, key=True)
                if not ledger.define(name, entry, touch):
                    continue
                if name == TURN:
                    self.error(
                        located,
                        entry.path,
                        f"'{TURN}' is the engine's own variable; choose another name",
                        "reserved",
                        key=True,
                    )
                    del ledger.current[name]
                    continue
                self._check_variable(name, spec, entry)
        return ledger.current

    def _check_variable(self, name: str, spec: VariableModel, entry: Entry) -> None:
        if spec.min > spec.max:
            self.error(
                entry.located,
                entry.where("min"),
                f"'{name}': min {spec.min:g} is above max {spec.max:g}",
                "range",
            )
        elif not spec.min <= spec.initial <= spec.max:
            self.error(
                entry.located,
                entry.where("initial"),
                f"'{name}': initial value {spec.initial:g} lies outside its range {spec.min:g}..{spec.max:g}",
                "range",
            )
        if spec.kind == "flag" and (spec.min, spec.max) != (0, 1):
            self.error(
                entry.located,
                entry.where("kind"),
                f"'{name}' is a flag, so its range must be 0..1",
                "range",
            )
        self._check_unit(name, spec, entry)
        if spec.labels and len(spec.labels) != int(spec.max - spec.min) + 1:
            self.error(
                entry.located,
                entry.where("labels"),
                f"'{name}' has {len(spec.labels)} labels for {int(spec.max - spec.min) + 1} levels ({spec.min:g}..{spec.max:g})",
                "labels",
            )

    def _check_unit(self, name: str, spec: VariableModel, entry: Entry) -> None:
        """The unit comes from a closed vocabulary so every screen can write it; a flag or
        a level is what its kind says, and a count must say what it counts."""
        if spec.unit and spec.unit not in UNITS:
            self.error(
                entry.located,
                entry.where("unit"),
                f"'{name}': unknown unit '{spec.unit}'{did_you_mean(spec.unit, UNITS)}; "
                f"units: {', '.join(UNITS)}",
                "unit",
            )
        elif spec.unit in (FLAG, LEVEL) and spec.kind != spec.unit:
            self.error(
                entry.located,
                entry.where("unit"),
                f"'{name}': unit '{spec.unit}' needs kind: {spec.unit} (it is {spec.kind})",
                "unit",
            )
        elif spec.unit == COUNT and not spec.phrase:
            self.error(
                entry.located,
                entry.where("unit"),
                f"'{name}': a count needs a phrase saying what it counts, e.g. phrase: tanks",
                "unit",
            )
        if spec.harm and (spec.unit != PEOPLE or spec.better == "higher"):
            self.error(
                entry.located,
                entry.where("harm"),
                f"'{name}': harm counts people harmed, so it needs unit: people and cannot "
                "be better: higher",
                "unit",
            )
        if spec.scale <= 0:
            self.error(
                entry.located,
                entry.where("scale"),
                f"'{name}': scale must be above 0 (got {spec.scale:g}); the stored number "
                "times scale is the real quantity",
                "unit",
            )

    # -- building ----------------------------------------------------------------------

    def build(self) -> Scenario | None:
        meta_found = self._meta()
        variables = self._variables()
        entries = {section: self._gather(section) for section in SECTIONS}
        # Kept for the checker (game.content.lint), which analyses what was gathered.
        self.gathered, self.declared, self.meta = entries, variables, meta_found
        if meta_found is None:
            return None
        meta, meta_located = meta_found
        try:
            calendar = Calendar.between(meta.start, meta.end)
        except DateError as exc:
            self.error(self.meta_origin["end"], ("scenario", "end"), str(exc), "date")
            return None
        self.calendar = calendar
        events, decisions = entries["events"], entries["decisions"]
        endings = entries["endings"]
        declared = [self._variable(name, entry.model) for name, entry in variables.items()]
        axes = self._axes(entries["verdict"], variables)
        declared += [self._axis_variable(entry, variables) for entry in axes]
        layout = StateLayout.build(
            declared, [e.model.id for e in events], [d.model.id for d in decisions]
        )
        self.refs = Refs(
            calendar=calendar,
            variables={TURN, *variables, *(axis_variable(e.model.id) for e in axes)},
            writable=set(variables),
            events={e.model.id: [o.id for o in e.model.options] for e in events},
            decisions={d.model.id for d in decisions},
            endings={e.model.id for e in endings},
        )
        self.scope = Scope(
            layout,
            calendar,
            events={e.model.id: i for i, e in enumerate(events)},
            options={e.model.id: {o.id: j for j, o in enumerate(e.model.options)} for e in events},
            decisions={d.model.id: i for i, d in enumerate(decisions)},
            endings={e.model.id: i for i, e in enumerate(endings)},
        )
        self.texts = TextCompiler(self.scope, self.refs.variables - {TURN})
        groups = {g.model.id for g in entries["groups"]}
        steps = list(meta.steps)
        self._check_meta(meta)

        compiled_events = [self._event(i, e, groups) for i, e in enumerate(events)]
        compiled_decisions = [self._decision(i, d, groups) for i, d in enumerate(decisions)]
        compiled_policies = [
            self._policy(i, p, groups, variables) for i, p in enumerate(entries["policies"])
        ]
        compiled_rules = [self._rule(r, steps) for r in entries["rules"]]
        compiled_endings = [self._ending(i, e) for i, e in enumerate(endings)]
        compiled_axes = [self._axis(entry, layout) for entry in axes]
        self._check_endings(endings, meta_located)
        self._check_parties(entries["parties"], {p.model.id for p in entries["powers"]})
        record = self._record(entries, compiled_events)
        # The map and the debrief are checked like the rest before anything is built.
        scenario_map = self._map({p.model.id for p in entries["powers"]})
        debrief = self._debrief()
        music = self._music()
        for parser in self._parsers.values():
            self.errors += parser.problems
        if self.errors:
            return None
        return Scenario(
            id=meta.id,
            title=meta.title,
            description=meta.description,
            calendar=calendar,
            layout=layout,
            steps=tuple(steps),
            rules=tuple(compiled_rules),
            events=tuple(compiled_events),
            decisions=tuple(compiled_decisions),
            policies=tuple(compiled_policies),
            endings=tuple(compiled_endings),
            max_decisions_per_turn=meta.max_decisions_per_turn,
            pacing=Pacing(meta.choices_per_quarter, meta.choices_first_quarter),
            content_hash=self.content_hash,
            powers=tuple(self._power(p) for p in entries["powers"]),
            parties=tuple(p.model.model_dump(exclude={"replace"}) for p in entries["parties"]),
            groups=tuple(g.model.model_dump(exclude={"replace"}) for g in entries["groups"]),
            record=record,
            root=str(self.folder),
            key_indicators=tuple(meta.key_indicators),
            source_titles=dict(meta.source_titles),
            bibliography=dict(meta.bibliography),
            content_note=meta.content_note,
            map=scenario_map,
            debrief=debrief,
            verdict=tuple(compiled_axes),
            music=music,
        )

    def _variable(self, name: str, spec: VariableModel) -> Variable:
        return Variable(
            name,
            spec.group,
            float(spec.min),
            float(spec.max),
            float(spec.initial),
            spec.description,
            spec.kind,
            tuple(spec.labels),
            spec.unit,
            spec.better,
            spec.label,
            float(spec.scale),
            spec.phrase,
            spec.harm,
        )

    def _check_meta(self, meta: MetaModel) -> None:
        indicators_located = self.meta_origin["key_indicators"]
        for i, name in enumerate(meta.key_indicators):
            self.parser(indicators_located).variable(name, ("scenario", "key_indicators", i))
        located = self.meta_origin["steps"]
        seen: set[str] = set()
        for i, step in enumerate(meta.steps):
            if step in ("orders", "events", "end"):
                self.error(
                    located,
                    ("scenario", "steps", i),
                    f"'{step}' is a step of the engine's own; list only rule steps",
                    "step",
                )
            if step in seen:
                self.error(
                    located, ("scenario", "steps", i), f"step '{step}' is listed twice", "step"
                )
            seen.add(step)

    def _check_group(self, entry: Entry, groups: set[str]) -> None:
        group = entry.model.group
        if groups and group and group not in groups:
            self.error(
                entry.located,
                entry.where("group"),
                f"unknown group '{group}'{did_you_mean(group, groups)}",
                "unknown-group",
            )

    def _turn(self, entry: Entry, field: str, date: str | None, default: int) -> int:
        if date is None:
            return default
        return self.calendar.turn_of(date)

    # -- sections ----------------------------------------------------------------------

    def _text(self, located: Located, path: Path_, raw: Any) -> Text:
        if isinstance(raw, str) and "{" not in raw and "}" not in raw:
            return Text.plain(raw)  # most texts: nothing to parse or check
        return self.texts.compile(self.parser(located), raw, path, not self.errors_pending())

    def _entry_text(self, entry: Entry, *path: Any) -> Text:
        """The text field at `path` inside an entry, compiled."""
        raw: Any = entry.model
        for part in path:
            raw = raw[part] if isinstance(part, int) else getattr(raw, part)
        return self._text(entry.located, entry.where(*path), raw)

    def _lore(self, entry: Entry) -> Lore:
        model: LoreFields = entry.model
        return Lore(
            tuple(Source(s.file, s.historian, s.note) for s in model.sources),
            self._entry_text(entry, "history"),
            model.historiography,
            tuple(
                Person(person.name, self._entry_text(entry, "people", i, "note"))
                for i, person in enumerate(model.people)
            ),
        )

    def _event(self, index: int, entry: Entry, groups: set[str]) -> EventDef:
        model: EventModel = entry.model
        parser = self.parser(entry.located)
        self._check_group(entry, groups)
        first = self._turn(entry, "date", model.date, 0)
        last = self._turn(entry, "until", model.until, self.calendar.last_turn)
        if model.date and model.until and last < first:
            self.error(
                entry.located,
                entry.where("until"),
                f"'until' {model.until} comes before 'date' {model.date}",
                "date",
            )
        if model.date and (first > self.calendar.last_turn or last < 0):
            self.warn(
                entry.located,
                entry.where("date"),
                f"event '{model.id}' is dated outside the scenario ({self.calendar.label(0)} to {self.calendar.label(self.calendar.last_turn)}) and can never fire",
                "dead-event",
            )
        if model.date and model.until is None and model.trigger is None and model.mtth is None:
            last = first  # a plain dated event happens in its quarter, not at any time after
        self._check_pace(entry)
        trigger = (
            parser.condition(model.trigger, entry.where("trigger"))
            if model.trigger is not None
            else None
        )
        mtth = parser.quantity(model.mtth, entry.where("mtth")) if model.mtth is not None else None
        effects = parser.effects(model.effects, entry.where("effects"))
        option_ids: set[str] = set()
        options = []
        for j, option in enumerate(model.options):
            path = entry.where("options", j)
            if option.id in option_ids:
                self.error(
                    entry.located,
                    (*path, "id"),
                    f"option '{option.id}' appears twice in event '{model.id}'",
                    "duplicate-id",
                )
            option_ids.add(option.id)
            when = (
                parser.condition(option.when, (*path, "when")) if option.when is not None else None
            )
            option_effects = parser.effects(option.effects, (*path, "effects"))
            weight = parser.quantity(option.weight, (*path, "weight"))
            options.append(
                OptionDef(
                    option.id,
                    j,
                    self._entry_text(entry, "options", j, "text"),
                    self._condition(when),
                    self._effects(option_effects),
                    self._quantity(weight),
                    tuple(option_effects),
                    option.historical,
                    self._entry_text(entry, "options", j, "tooltip"),
                    when,
                    self._entry_text(entry, "options", j, "hint"),
                )
            )
        natural = model.trigger is not None or model.date is not None or model.mtth is not None
        return EventDef(
            id=model.id,
            index=index,
            title=self._entry_text(entry, "title"),
            text=self._entry_text(entry, "text"),
            group=model.group,
            trigger=self.scope.condition(trigger),
            natural=natural,
            window=(first, last),
            mtth=self._quantity(mtth) if mtth is not None else None,
            once=model.once,
            cooldown=model.cooldown,
            effects=self._effects(effects),
            options=tuple(options),
            lore=self._lore(entry),
            image=model.image,
            effect_ops=tuple(effects),
            place=self._place(entry),
            actors=tuple(model.actors),
            dispatch=model.dispatch,
            turning_point=model.turning_point,
        )

    def _place(self, entry: Entry) -> str:
        place = entry.model.place
        if place is None:
            return ""
        known = load_atlas().by_id.keys()
        if place not in known:
            self.error(
                entry.located,
                entry.where("place"),
                f"unknown region '{place}'{did_you_mean(place, known)}",
                "unknown-region",
            )
        return place

    def _check_pace(self, entry: Entry) -> None:
        """A dispatch asks nothing and a turning point is a choice that keeps its date:
        say where content marks them to no purpose, or leaves a dispatch's answer to
        the order of its options."""
        model: EventModel = entry.model
        asks = len(model.options) >= 2 and not model.dispatch
        if model.turning_point and not asks:
            self.warn(
                entry.located,
                entry.where("turning_point"),
                f"event '{model.id}' asks no choice, so 'turning_point' changes nothing: only "
                "choices wait past a quarter's cap",
                "turning-point-no-choice",
                key=True,
            )
        if (
            model.dispatch
            and len(model.options) >= 2
            and not any(o.historical for o in model.options)
        ):
            self.warn(
                entry.located,
                entry.where("dispatch"),
                f"dispatch '{model.id}' keeps {len(model.options)} options but marks none "
                "'historical: true': it takes the first open one",
                "dispatch-answer",
                key=True,
            )

    def _effects(self, ops: list[Op]):
        return self.scope.effects(ops) if not self.errors_pending() else self.scope.effects([])

    def _quantity(self, value: Any):
        if value is None or self.errors_pending():
            return self.scope.quantity(0.0)
        return self.scope.quantity(value)

    def _condition(self, op: Op | None):
        if self.errors_pending():
            return self.scope.condition(None)
        return self.scope.condition(op)

    def errors_pending(self) -> bool:
        """Once anything is wrong nothing is compiled: names may not resolve."""
        return bool(self.errors) or any(p.problems for p in self._parsers.values())

    def _decision(self, index: int, entry: Entry, groups: set[str]) -> DecisionDef:
        model: DecisionModel = entry.model
        parser = self.parser(entry.located)
        self._check_group(entry, groups)
        when = parser.condition(model.when, entry.where("when")) if model.when is not None else None
        effects = parser.effects(model.effects, entry.where("effects"))
        failure = parser.effects(model.on_failure, entry.where("on_failure"))
        odds = parser.quantity(model.odds, entry.where("odds")) if model.odds is not None else None
        weight = parser.quantity(model.ai_weight, entry.where("ai_weight"))
        costs = []
        for var, amount in model.costs.items():
            if (
                parser.variable(var, entry.where("costs", var), write=True)
                and not self.errors_pending()
            ):
                costs.append(Cost(var, self.scope.column(var), float(amount)))
            if amount < 0:
                self.error(
                    entry.located,
                    entry.where("costs", var),
                    f"a cost must not be negative (got {amount:g}); use effects to give",
                    "cost",
                )
        if model.on_failure and model.odds is None:
            self.warn(
                entry.located,
                entry.where("on_failure"),
                "'on_failure' is never used without 'odds'",
                "dead-effects",
            )
        return DecisionDef(
            id=model.id,
            index=index,
            title=self._entry_text(entry, "title"),
            text=self._entry_text(entry, "text"),
            group=model.group,
            available=self._condition(when),
            costs=tuple(costs),
            effects=self._effects(effects),
            odds=self._quantity(odds) if odds is not None else None,
            on_failure=self._effects(failure),
            once=model.once,
            cooldown=model.cooldown,
            ai_weight=self._quantity(weight),
            lore=self._lore(entry),
            effect_ops=tuple(effects),
            failure_ops=tuple(failure),
            target=model.target,
            available_op=when,
            hint=self._entry_text(entry, "hint"),
        )

    def _policy(
        self, index: int, entry: Entry, groups: set[str], variables: dict[str, Entry]
    ) -> PolicyDef:
        model: PolicyModel = entry.model
        parser = self.parser(entry.located)
        self._check_group(entry, groups)
        var = parser.variable(model.var, entry.where("var"), write=True)
        values = [level.value for level in model.levels]
        if len(set(values)) != len(values):
            self.error(
                entry.located,
                entry.where("levels"),
                f"policy '{model.id}' lists the same level value twice",
                "levels",
            )
        if var:
            spec: VariableModel = variables[var].model
            if spec.initial not in values:
                self.error(
                    entry.located,
                    entry.where("var"),
                    f"the initial value of '{var}' ({spec.initial:g}) is not one of the levels of policy '{model.id}' ({', '.join(f'{v:g}' for v in values)})",
                    "levels",
                )
            for j, level in enumerate(model.levels):
                if not spec.min <= level.value <= spec.max:
                    self.error(
                        entry.located,
                        entry.where("levels", j, "value"),
                        f"level {level.value:g} lies outside the range of '{var}' ({spec.min:g}..{spec.max:g})",
                        "range",
                    )
        when = parser.condition(model.when, entry.where("when")) if model.when is not None else None
        on_change = parser.effects(model.on_change, entry.where("on_change"))
        preference = (
            parser.quantity(model.ai_preference, entry.where("ai_preference"))
            if model.ai_preference is not None
            else None
        )
        return PolicyDef(
            id=model.id,
            index=index,
            title=model.title,
            text=model.text,
            group=model.group,
            var=model.var,
            column=self.scope.column(var) if var and not self.errors_pending() else 0,
            levels=tuple(
                PolicyLevel(float(lv.value), lv.label, lv.description) for lv in model.levels
            ),
            available=self._condition(when),
            on_change=self._effects(on_change),
            ai_preference=self._quantity(preference) if preference is not None else None,
            lore=self._lore(entry),
            available_op=when,
            hint=self._entry_text(entry, "hint"),
            effect_ops=tuple(on_change),
        )

    def _rule(self, entry: Entry, steps: list[str]) -> RuleDef:
        model: RuleModel = entry.model
        parser = self.parser(entry.located)
        if model.step not in steps:
            known = ", ".join(steps) or "none declared in scenario.yaml"
            self.error(
                entry.located,
                entry.where("step"),
                f"unknown step '{model.step}'{did_you_mean(model.step, steps)}; steps: {known}",
                "unknown-step",
            )
        when = parser.condition(model.when, entry.where("when")) if model.when is not None else None
        effects = parser.effects(model.effects, entry.where("effects"))
        site = self.scope.next_site
        return RuleDef(
            model.id,
            model.step,
            model.text,
            self._condition(when),
            self._effects(effects),
            model.title,
            tuple(effects),
            when,
            site,
        )

    def _ending(self, index: int, entry: Entry) -> EndingDef:
        model: EndingModel = entry.model
        parser = self.parser(entry.located)
        when = parser.condition(model.when, entry.where("when")) if model.when is not None else None
        return EndingDef(
            model.id,
            index,
            self._entry_text(entry, "title"),
            self._entry_text(entry, "text"),
            self._condition(when),
            model.at_end,
            self._entry_text(entry, "epilogue"),
            self._lore(entry),
            when,
        )

    def _axes(self, axes: list[Entry], variables: dict[str, Entry]) -> list[Entry]:
        """The verdict's axes whose measures can be scored; each fault is reported."""
        usable = []
        for entry in axes:
            model: AxisModel = entry.model
            name = axis_variable(model.id)
            if name in variables:
                self.error(
                    entry.located,
                    entry.where("id"),
                    f"axis '{model.id}' keeps its score in '{name}', which a variable "
                    "already declares; rename one of them",
                    "reserved",
                )
                continue
            faults = [self._measure_fault(entry, j, variables) for j in range(len(model.measures))]
            if not any(faults):
                usable.append(entry)
        return usable

    def _measure_fault(self, entry: Entry, j: int, variables: dict[str, Entry]) -> bool:
        measure: MeasureModel = entry.model.measures[j]
        where = ("measures", j)
        if measure.var not in variables:
            known = [v for v in variables if not v.startswith(VERDICT_PREFIX)]
            self.error(
                entry.located,
                entry.where(*where, "var"),
                f"unknown variable '{measure.var}'{did_you_mean(measure.var, known)}",
                "unknown-variable",
            )
            return True
        if measure.weight <= 0:
            self.error(
                entry.located,
                entry.where(*where, "weight"),
                f"a measure's weight must be above 0, got {measure.weight:g}",
                "range",
            )
            return True
        if measure.worst == measure.best:
            self.error(
                entry.located,
                entry.where(*where, "best"),
                f"'best' and 'worst' are both {measure.best:g}: the measure cannot score",
                "range",
            )
            return True
        return False

    def _axis_variable(self, entry: Entry, variables: dict[str, Entry]) -> Variable:
        model: AxisModel = entry.model
        initial = {name: float(v.model.initial) for name, v in variables.items()}
        measures = tuple(
            MeasureDef(m.var, 0, float(m.weight), float(m.worst), float(m.best), curve=m.curve)
            for m in model.measures
        )
        return Variable(
            axis_variable(model.id),
            VERDICT_GROUP,
            0.0,
            FULL_MARKS,
            initial_score(measures, initial),
            f"{model.title}: the verdict's score on this axis, 0-100 (higher is better)",
            unit=INDEX,
            label=model.title,
            better="higher",
        )

    def _axis(self, entry: Entry, layout: StateLayout) -> AxisDef:
        model: AxisModel = entry.model
        measures = tuple(
            MeasureDef(
                m.var,
                layout.col(m.var),
                float(m.weight),
                float(m.worst),
                float(m.best),
                None if m.history is None else float(m.history),
                m.note,
                m.curve,
            )
            for m in model.measures
        )
        return AxisDef(
            model.id,
            model.title,
            self._entry_text(entry, "question"),
            self._entry_text(entry, "text"),
            measures,
            layout.col(axis_variable(model.id)),
            model.cost,
            self._lore(entry),
        )

    def _position(self, located: Located, path: Path_, position: list[float]):
        if not position:
            return None
        if len(position) != 2 or not all(0 <= v <= 1 for v in position):
            self.error(
                located, path, "a map position is [x, y] with both between 0 and 1", "position"
            )
            return None
        return (float(position[0]), float(position[1]))

    def _power(self, entry: Entry) -> PowerDef:
        model = entry.model
        parser = self.parser(entry.located)
        for field_name in ("relations", "trust", "threat"):
            if getattr(model, field_name):
                parser.variable(getattr(model, field_name), entry.where(field_name))
        for i, var in enumerate(model.treaties):
            parser.variable(var, entry.where("treaties", i))
        intentions = []
        for i, intention in enumerate(model.intentions):
            path = entry.where("intentions", i, "when")
            when = parser.condition(intention.when, path) if intention.when is not None else None
            intentions.append((self._condition(when), intention.text))
        return PowerDef(
            id=model.id,
            name=model.name,
            description=model.description,
            color=model.color,
            position=self._position(entry.located, entry.where("position"), model.position),
            relations=model.relations,
            trust=model.trust,
            threat=model.threat,
            treaties=tuple(model.treaties),
            intentions=tuple(intentions),
        )

    def _map(self, powers: set[str]) -> MapDef:
        found = self._single("map")
        if found is None:
            return MapDef()
        board, located = found
        links = []
        for i, link in enumerate(board.links):
            path = ("map", "links", i)
            if len(link) != 2:
                self.error(located, path, "a link joins exactly two powers: [a, b]", "link")
                continue
            for j, end in enumerate(link):
                if end != "home" and end not in powers:
                    self.error(
                        located,
                        (*path, j),
                        f"unknown power '{end}'{did_you_mean(end, powers)}",
                        "unknown-power",
                    )
            links.append((link[0], link[1]))
        position = self._position(located, ("map", "home_position"), board.home_position)
        states = tuple((state.id, state.name) for state in board.states)
        regions = self._regions(board, located, powers | {"home"} | {s for s, _ in states})
        return MapDef(board.home, position, tuple(links), states, regions)

    def _regions(self, board, located: Located, owners: set[str]) -> tuple[RegionDef, ...]:
        """Each region must be one of the map's, listed once, held by someone known."""
        known = load_atlas().by_id.keys() if board.regions else set()
        parser = self.parser(located)
        seen: set[str] = set()
        regions = []
        for i, region in enumerate(board.regions):
            path = ("map", "regions", i)
            if region.id not in known:
                self.error(
                    located,
                    (*path, "id"),
                    f"unknown region '{region.id}'{did_you_mean(region.id, known)}",
                    "unknown-region",
                )
            elif region.id in seen:
                self.error(
                    located, (*path, "id"), f"region '{region.id}' is listed twice", "duplicate-id"
                )
            seen.add(region.id)
            changes = []
            for j, change in enumerate([None, *region.changes]):
                owner = region.owner if change is None else change.owner
                where = (*path, "owner") if change is None else (*path, "changes", j - 1, "owner")
                if owner not in owners:
                    self.error(
                        located,
                        where,
                        f"unknown owner '{owner}'{did_you_mean(owner, owners)}: a power, "
                        "'home' or one of the map's states",
                        "unknown-power",
                    )
                if change is not None:
                    when_path = (*path, "changes", j - 1, "when")
                    when = parser.condition(change.when, when_path) if change.when else None
                    changes.append((self._condition(when), change.owner))
            regions.append(RegionDef(region.id, region.owner, tuple(changes)))
        return tuple(regions)

    def _single(self, section: str):
        """A section that one file of a scenario may hold: (model, file) or None. A second
        file of the same scenario holding it is an error that names the first; a scenario
        that extends others replaces their section with its own."""
        chosen: tuple[Any, Located, Layer] | None = None
        for layer in self.layers:
            found = [
                (getattr(model, section), located)
                for located, model in layer.parsed
                if getattr(model, section)
            ]
            for _model, extra_located in found[1:]:
                self.error(
                    extra_located,
                    (section,),
                    f"the '{section}' section is already given in {found[0][1].file}",
                    "duplicate-id",
                    key=True,
                )
            if not found:
                continue
            if chosen is not None:
                earlier = chosen[2]
                if not layer.builds_on(earlier):
                    self.warn(
                        found[0][1],
                        (section,),
                        f"'{layer.id}' gives the '{section}' section, which '{earlier.id}' also "
                        f"gives ({chosen[1].file}), and neither extends the other: "
                        f"'{layer.id}' comes later in the load order and wins",
                        "conflict",
                        key=True,
                    )
                layer.changes[("replaces", section)] += 1
            chosen = (*found[0], layer)
        return chosen[:2] if chosen else None

    def _debrief(self) -> DebriefDef:
        found = self._single("debrief")
        if found is None:
            return DebriefDef()
        debrief, located = found
        parser = self.parser(located)
        if debrief.scatter and len(debrief.scatter) != 2:
            self.error(
                located,
                ("debrief", "scatter"),
                "scatter names exactly two variables: [x, y]",
                "scatter",
            )
        for field_name in ("indicators", "chains", "scatter"):
            for i, name in enumerate(getattr(debrief, field_name)):
                parser.variable(name, ("debrief", field_name, i))
        questions = []
        seen: set[str] = set()
        for i, question in enumerate(debrief.questions):
            path = ("debrief", "questions", i)
            if question.id in seen:
                self.error(
                    located,
                    (*path, "id"),
                    f"question '{question.id}' appears twice",
                    "duplicate-id",
                )
            seen.add(question.id)
            when = (
                parser.condition(question.when, (*path, "when"))
                if question.when is not None
                else None
            )
            questions.append(
                QuestionDef(
                    question.id,
                    question.theme,
                    self._text(located, (*path, "text"), question.text),
                    self._condition(when),
                    tuple(Source(s.file, s.historian, s.note) for s in question.sources),
                )
            )
        return DebriefDef(
            tuple(debrief.indicators),
            tuple(debrief.chains),
            tuple(questions),
            tuple(debrief.scatter),
        )

    def _music(self) -> tuple[CueDef, ...]:
        """The score's cues, each theme one the game can play."""
        found = self._single("music")
        if found is None:
            return ()
        cues, located = found
        parser = self.parser(located)
        compiled = []
        for i, cue in enumerate(cues):
            path = ("music", i)
            if cue.theme not in THEMES:
                self.error(
                    located,
                    (*path, "theme"),
                    f"unknown theme '{cue.theme}'{did_you_mean(cue.theme, THEMES)}; "
                    f"the themes are {', '.join(THEMES)}",
                    "unknown-theme",
                )
            when = parser.condition(cue.when, (*path, "when")) if cue.when is not None else None
            tense = parser.condition(cue.tense, (*path, "tense")) if cue.tense is not None else None
            if when is None and i < len(cues) - 1:
                self.error(
                    located,
                    path,
                    f"cue {i + 1} has no 'when', so the cues after it never play; "
                    "put the cue without a condition last",
                    "unreachable-cue",
                )
            compiled.append(
                CueDef(cue.theme, self._condition(when), self._condition(tense), when, tense)
            )
        return tuple(compiled)

    def _check_endings(self, endings: list[Entry], meta_located: Located) -> None:
        for entry in endings:
            if entry.model.when is None and not entry.model.at_end:
                self.error(
                    entry.located,
                    entry.where("id"),
                    f"ending '{entry.model.id}' has no 'when' and is not 'at_end': it would end every campaign in its first quarter",
                    "ending-always",
                )
        certain = [e for e in endings if e.model.at_end and e.model.when is None]
        if not certain:
            self.error(
                meta_located,
                ("scenario",),
                "no ending is certain at the end date: give one ending 'at_end: true' and no 'when'",
                "no-final-ending",
                key=True,
            )

    def _check_parties(self, parties: list[Entry], powers: set[str]) -> None:
        for entry in parties:
            country = entry.model.country
            if country and country not in powers:
                self.error(
                    entry.located,
                    entry.where("country"),
                    f"unknown power '{country}'{did_you_mean(country, powers)}",
                    "unknown-power",
                )
            if entry.model.strength:
                self.parser(entry.located).variable(entry.model.strength, entry.where("strength"))

    def _record(self, entries: dict[str, list[Entry]], events: list[EventDef]) -> HistoricalRecord:
        """Check the historical record and resolve it once: dates to turns clamped into
        the campaign, and the choices completed by options marked `historical`."""
        marked = {
            e.id: next(o.id for o in e.options if o.historical)
            for e in events
            if any(o.historical for o in e.options)
        }
        found = self._single("record")
        if found is None:
            return HistoricalRecord(choices=MappingProxyType(marked))
        record, located = found
        parser = self.parser(located)
        policies = {p.model.id: p.model for p in entries["policies"]}
        for i, orders in enumerate(record.orders):
            path = ("record", "orders", i)
            try:
                self.calendar.turn_of(orders.date)
            except DateError as exc:
                self.error(located, (*path, "date"), str(exc), "date")
            for policy_id, value in orders.policies.items():
                policy = policies.get(policy_id)
                if policy is None:
                    self.error(
                        located,
                        (*path, "policies", policy_id),
                        f"unknown policy '{policy_id}'{did_you_mean(policy_id, policies)}",
                        "unknown-policy",
                        key=True,
                    )
                elif value not in [lv.value for lv in policy.levels]:
                    self.error(
                        located,
                        (*path, "policies", policy_id),
                        f"{value:g} is not a level of policy '{policy_id}'",
                        "levels",
                    )
            for j, decision in enumerate(orders.decisions):
                parser._reference("decision", decision, (*path, "decisions", j), {})
        for event_id, option_id in record.choices.items():
            path = ("record", "choices", event_id)
            if parser._reference("event", event_id, path, {}):
                parser._reference("option", option_id, path, {"event": event_id})
        for i, figure in enumerate(record.figures):
            if figure.var:
                parser.variable(figure.var, ("record", "figures", i, "var"))
            if not figure.low <= figure.value <= figure.high:
                self.error(
                    located,
                    ("record", "figures", i, "value"),
                    f"figure '{figure.id}': {figure.value:g} lies outside its own range {figure.low:g}..{figure.high:g}",
                    "range",
                )
            if figure.counted_from is not None:
                self._period(located, i, figure.counted_from, figure.date)
        return HistoricalRecord(
            tuple(
                HistoricalOrders(
                    o.date,
                    self._turn_of(o.date),
                    MappingProxyType({k: float(v) for k, v in o.policies.items()}),
                    tuple(o.decisions),
                )
                for o in record.orders
            ),
            MappingProxyType({**marked, **record.choices}),
            tuple(
                Figure(
                    f.id,
                    f.title,
                    f.var,
                    f.date or self.calendar.label(self.calendar.last_turn),
                    self._turn_within(f.date),
                    float(f.value),
                    float(f.low),
                    float(f.high),
                    f.unit,
                    tuple(Source(s.file, s.historian, s.note) for s in f.sources),
                    f.range_from,
                    None if f.counted_from is None else self._turn_within(f.counted_from) - 1,
                    f.counted_from or "",
                )
                for f in record.figures
            ),
        )

    def _period(self, located: Located, i: int, first: str, last: str | None) -> None:
        """A figure's period starts after the campaign does (the quarter before it must be
        played to be measured from) and no later than the figure's own date."""
        start = self._turn_of(first)
        end = self._turn_within(last)
        if start == -1:
            return
        if not 1 <= start <= end:
            self.error(
                located,
                ("record", "figures", i, "counted_from"),
                f"a figure's period must start after the campaign's first quarter "
                f"({self.calendar.label(0)}) and no later than its date "
                f"({self.calendar.label(end)}), not {first}",
                "date",
            )

    def _turn_of(self, date: str) -> int:
        """A date's turn, which may lie outside the campaign (orders there never apply)."""
        try:
            return self.calendar.turn_of(date)
        except DateError:
            return -1  # already reported where the date is written

    def _turn_within(self, date: str | None) -> int:
        """A date's turn, clamped into the campaign (the last quarter when none is given)."""
        last = self.calendar.last_turn
        if not date:
            return last
        try:
            return min(max(self.calendar.turn_of(date), 0), last)
        except DateError:
            return last  # already reported where the date is written
