"""Warnings about a scenario that loads: dead content and files it names that are missing.

Dead content is what no campaign can ever meet: events that can never fire, decisions
that can never be taken, rules that never apply, endings nothing reaches, variables
nothing changes or nothing reads, event options whose choice changes nothing. The
analysis works on the parsed operations (conditions, quantities, effects), judged
against the variables' declared ranges (game.content.bounds); what it reports is
certain, though it cannot find everything.

Warnings can be silenced by code, on the command line (`validate --allow CODE`) or in
scenario.yaml (`scenario: {silence: [CODE, ...]}`); errors never can. For a scenario
that extends others, only warnings in its own files are reported (its bases are
checked on their own), except conflicts between its bases, which its load order makes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content.assemble import Assembler, Entry
from game.content.bounds import ALWAYS, NEVER, Verdict, World
from game.content.closable import closable_events
from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.files import scenarios_root
from game.content.textcheck import dead_variants, text_reads, written_texts
from game.content.yamlsource import Located, Path_
from game.core.model import Scenario
from game.core.registry import Op, operations
from game.core.sources import names, surname

# Every warning the checker gives, and what it means; any of them may be silenced.
WARNINGS = {
    "dead-event": "an event that can never fire",
    "dead-decision": "a decision that can never be taken",
    "dead-rule": "a rule whose condition never holds",
    "dead-effects": "effects that are never applied",
    "dead-variant": "a variant of a text that no campaign can be shown",
    "unreachable-ending": "an ending that no campaign can reach",
    "unchanged-variable": "a variable that nothing changes",
    "unused-variable": "a variable that nothing reads",
    "option-no-effect": "an event option whose choice changes nothing",
    "dispatch-answer": "a dispatch with options, none marked historical: it takes the first open one",
    "turning-point-no-choice": "a turning point that asks no choice, so the mark changes nothing",
    "missing-image": "an event image that is not in the scenario folder or assets/",
    "unknown-source": "a cited source text that is not among the shared sources",
    "unnamed-historian": "a citation credits a historian its source text never mentions",
    "unlisted-historian": "a citation names a historian the scenario's bibliography lacks",
    "conflict": "two scenarios, neither extending the other, change the same entry",
}

# Every error the content loader gives; none of them can be silenced.
ERRORS = frozenset(
    {
        "arity",
        "cost",
        "closed-options",
        "date",
        "duplicate-id",
        "duplicate-key",
        "encoding",
        "ending-always",
        "extends-cycle",
        "extends-depth",
        "file",
        "file-count",
        "file-shape",
        "file-size",
        "format",
        "labels",
        "levels",
        "link",
        "matrix",
        "misplaced-meta",
        "missing-key",
        "missing-parameter",
        "no-final-ending",
        "no-meta",
        "no-scenario",
        "op-shape",
        "outside",
        "placeholder",
        "position",
        "range",
        "read-only",
        "remove-nothing",
        "replace-nothing",
        "reserved",
        "scatter",
        "silence",
        "step",
        "text-variants",
        "type",
        "unit",
        "unknown-base",
        "unknown-condition",
        "unknown-decision",
        "unknown-effect",
        "unknown-ending",
        "unknown-event",
        "unknown-group",
        "unknown-key",
        "unknown-option",
        "unknown-parameter",
        "unknown-policy",
        "unknown-power",
        "unknown-quantity",
        "unknown-region",
        "unknown-step",
        "unknown-theme",
        "unknown-variable",
        "unreachable-cue",
        "value",
        "yaml",
        "yaml-alias",
        "yaml-anchor",
        "yaml-key",
        "yaml-tag",
    }
)

# Where the source texts that content cites live. They are the project's research notes,
# not shipped with the game: where they are absent, citations cannot be checked.
SOURCES_ENV = "GREAT_TURN_SOURCES"
ASSETS = scenarios_root().parent / "assets"

_FIRING = ("fire", "schedule")


def silence_problem(code: str) -> str | None:
    """Why a code cannot be silenced, or None when it can."""
    if code in WARNINGS:
        return None
    if code in ERRORS:
        return f"'{code}' is an error, and errors cannot be silenced"
    return f"unknown warning code '{code}'{did_you_mean(code, WARNINGS)}"


def sources_folder() -> Path | None:
    """The folder of shared source texts, if this machine has one."""
    configured = os.environ.get(SOURCES_ENV)
    if configured:
        candidates = [Path(configured)]
    else:
        candidates = [
            scenarios_root() / "sources",
            scenarios_root().parent.parent / "shared" / "sources",
        ]
    return next((c for c in candidates if c.is_dir()), None)


def review(
    assembler: Assembler, allow: Iterable[str] = (), scenario: Scenario | None = None
) -> list[Diagnostic]:
    """The warnings to report for a scenario that was built, minus silenced codes, plus
    an error for every code its `silence:` list cannot silence and, given the compiled
    scenario, for every event whose options can all be closed at once."""
    found = list(assembler.warnings) + _Lint(assembler).run()
    if scenario is not None:
        found += closable_events(assembler, scenario)
    silenced = set(allow)
    problems: list[Diagnostic] = []
    own = _OwnFiles(assembler.folder)
    # A base's silence list was written for the base's files: a mod is told of its own.
    located = assembler.meta_origin.get("silence") if assembler.meta is not None else None
    if located is not None and own.holds(located.file):
        for i, code in enumerate(assembler.meta[0].silence):
            why = silence_problem(code)
            if why is None:
                silenced.add(code)
            else:
                problems.append(located.diagnostic(("scenario", "silence", i), why, code="silence"))
    kept = {
        d for d in found if d.code not in silenced and (d.code == "conflict" or own.holds(d.file))
    }
    return sorted([*kept, *problems])


class _OwnFiles:
    """Which files (as messages name them) lie in the scenario's own folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self._known: dict[str, bool] = {}

    def holds(self, file: str) -> bool:
        if file not in self._known:
            self._known[file] = Path(file).resolve().is_relative_to(self.folder)
        return self._known[file]


@dataclass
class _Usage:
    """What a piece of content reads, writes, fires, ends and asks about."""

    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)
    fires: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    chosen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, value: Any, kind: str) -> None:
        if value is None:
            return
        if isinstance(value, list | tuple):
            for item in value:
                self.add(item, kind)
            return
        if isinstance(value, str):
            if kind == "quantity":
                self.reads.add(value)
            return
        if not isinstance(value, Op):
            return
        spec = operations(kind).get(value.name)
        if spec is None:
            return
        for param in spec.params:
            inner = value.params.get(param.name)
            if inner is None:
                continue
            if param.type == "variable":
                (self.writes if kind == "effect" else self.reads).add(inner)
            elif param.type == "variables":
                writes = kind == "effect" and param.name == "into"
                (self.writes if writes else self.reads).update(inner)
            elif param.type in ("condition", "conditions"):
                self.add(inner, "condition")
            elif param.type == "effects":
                self.add(inner, "effect")
            elif param.type in ("quantity", "quantities"):
                self.add(inner, "quantity")
            elif param.type == "modifiers":
                for modifier in inner:
                    self.add(modifier["when"], "condition")
            elif param.type == "event" and kind == "effect" and value.name in _FIRING:
                self.fires.add(inner)
            elif param.type == "ending" and kind == "effect":
                self.ends.add(inner)
            elif param.type == "option":
                self.chosen.add((value.params["event"], inner))


@dataclass
class _Parsed:
    """One entry with its conditions and effects parsed, and what it uses."""

    entry: Entry
    ops: dict[str, Any]
    usage: _Usage


class _Lint:
    def __init__(self, assembler: Assembler) -> None:
        self.assembler = assembler
        self.calendar = assembler.calendar
        self.last = self.calendar.last_turn
        self.gathered: dict[str, list[Entry]] = assembler.gathered
        # The scenario's folder and its bases': where its own images and texts may lie.
        self.folders = [layer.folder for layer in assembler.layers]
        self.warnings: list[Diagnostic] = []

    def warn(self, located: Located, path: Path_, message: str, code: str, key=False) -> None:
        line, column = located.where(path, key=key)
        self.warnings.append(Diagnostic(located.file, line, column, "warning", message, code))

    def run(self) -> list[Diagnostic]:
        self.events = [self._event(e) for e in self.gathered["events"]]
        self.decisions = [self._decision(e) for e in self.gathered["decisions"]]
        self.rules = [self._rule(e) for e in self.gathered["rules"]]
        self.policies = [self._policy(e) for e in self.gathered["policies"]]
        self.endings = [self._ending(e) for e in self.gathered["endings"]]
        shown = self._shown()
        texts = [
            (text, *text_reads(self.assembler, text))
            for text in written_texts(self.assembler, self._window)
        ]
        for _text, quoted, conditions in texts:
            shown |= quoted
            usage = _Usage()
            usage.add(conditions, "condition")
            shown |= usage.reads
        everything = [*self.events, *self.decisions, *self.rules, *self.policies, *self.endings]
        reads = set().union(shown, *(p.usage.reads for p in everything))
        writes = set().union(*(p.usage.writes for p in everything))
        self.chosen = set().union(*(p.usage.chosen for p in everything))
        self.world = World(
            self.calendar,
            {
                name: (float(e.model.min), float(e.model.max))
                for name, e in self.assembler.declared.items()
            },
            {
                name: float(e.model.initial)
                for name, e in self.assembler.declared.items()
                if name not in writes
            },
        )
        self._variables(reads, writes)
        self._dead_content()
        for text, _quoted, conditions in texts:
            for path, why in dead_variants(self.world, text, conditions):
                message = f"this variant can never show: {why}"
                self.warn(text.located, path, message, "dead-variant", key=True)
        self._options()
        self._images()
        self._sources()
        return self.warnings

    # -- parsing -----------------------------------------------------------------------

    def _parsed(self, entry: Entry, fields: dict[str, tuple[str, Any, Path_]]) -> _Parsed:
        """Parse fields of an entry, each given as name -> (kind, raw value, where)."""
        parser = self.assembler.parser(entry.located)
        ops: dict[str, Any] = {}
        usage = _Usage()
        for name, (kind, raw, where) in fields.items():
            path = entry.where(*where)
            if raw is None:
                ops[name] = None
            elif kind == "condition":
                ops[name] = parser.condition(raw, path)
            elif kind == "quantity":
                ops[name] = parser.quantity(raw, path)
            else:
                ops[name] = parser.effects(raw, path)
            usage.add(ops[name], kind)
        return _Parsed(entry, ops, usage)

    def _fields(self, entry: Entry, **kinds: str) -> dict[str, tuple[str, Any, Path_]]:
        """The named fields of an entry's model, with their kinds."""
        return {name: (kind, getattr(entry.model, name), (name,)) for name, kind in kinds.items()}

    def _event(self, entry: Entry) -> _Parsed:
        fields = self._fields(entry, trigger="condition", mtth="quantity", effects="effect")
        for j, option in enumerate(entry.model.options):
            fields[f"when {j}"] = ("condition", option.when, ("options", j, "when"))
            fields[f"effects {j}"] = ("effect", option.effects, ("options", j, "effects"))
            fields[f"weight {j}"] = ("quantity", option.weight, ("options", j, "weight"))
        return self._parsed(entry, fields)

    def _decision(self, entry: Entry) -> _Parsed:
        fields = self._fields(
            entry,
            when="condition",
            effects="effect",
            on_failure="effect",
            odds="quantity",
            ai_weight="quantity",
        )
        parsed = self._parsed(entry, fields)
        parsed.usage.writes.update(entry.model.costs)
        return parsed

    def _rule(self, entry: Entry) -> _Parsed:
        return self._parsed(entry, self._fields(entry, when="condition", effects="effect"))

    def _ending(self, entry: Entry) -> _Parsed:
        return self._parsed(entry, self._fields(entry, when="condition"))

    def _policy(self, entry: Entry) -> _Parsed:
        fields = self._fields(entry, when="condition", on_change="effect", ai_preference="quantity")
        parsed = self._parsed(entry, fields)
        # The player sets the variable and sees its level on the policy's panel.
        parsed.usage.writes.add(entry.model.var)
        parsed.usage.reads.add(entry.model.var)
        return parsed

    def _shown(self) -> set[str]:
        """Variables that screens, the map and the debrief show, or conditions outside the
        sections above read (powers' intentions, debrief questions)."""
        shown: set[str] = set()
        meta = self.assembler.meta
        if meta:
            shown.update(meta[0].key_indicators)
        for entry in self.gathered["powers"]:
            model = entry.model
            shown.update(v for v in (model.relations, model.trust, model.threat) if v)
            shown.update(model.treaties)
            parser = self.assembler.parser(entry.located)
            usage = _Usage()
            for i, intention in enumerate(model.intentions):
                if intention.when is not None:
                    path = entry.where("intentions", i, "when")
                    usage.add(parser.condition(intention.when, path), "condition")
            shown.update(usage.reads)
        shown.update(e.model.strength for e in self.gathered["parties"] if e.model.strength)
        for located, model in self.assembler.parsed:
            if model.record:
                shown.update(f.var for f in model.record.figures if f.var)
            if model.debrief:
                debrief = model.debrief
                shown.update(debrief.indicators, debrief.chains, debrief.scatter)
                parser = self.assembler.parser(located)
                usage = _Usage()
                for i, question in enumerate(debrief.questions):
                    if question.when is not None:
                        path = ("debrief", "questions", i, "when")
                        usage.add(parser.condition(question.when, path), "condition")
                shown.update(usage.reads)
            for i, cue in enumerate(model.music):
                parser = self.assembler.parser(located)
                usage = _Usage()
                for key in ("when", "tense"):
                    if getattr(cue, key) is not None:
                        path = ("music", i, key)
                        usage.add(parser.condition(getattr(cue, key), path), "condition")
                shown.update(usage.reads)
        return shown

    # -- variables ---------------------------------------------------------------------

    def _variables(self, reads: set[str], writes: set[str]) -> None:
        for name, entry in self.assembler.declared.items():
            if name not in reads and name not in writes:
                message = f"variable '{name}' is never used: nothing reads or changes it"
                self.warn(entry.located, entry.path, message, "unused-variable", key=True)
            elif name not in reads:
                message = (
                    f"variable '{name}' is never read: no condition or quantity uses it, and "
                    "no policy, power, party, key indicator, debrief or record figure shows it"
                )
                self.warn(entry.located, entry.path, message, "unused-variable", key=True)
            elif name not in writes:
                message = (
                    f"variable '{name}' never changes: no effect, decision cost or policy "
                    f"writes it, so it stays {entry.model.initial:g}"
                )
                self.warn(entry.located, entry.path, message, "unchanged-variable", key=True)

    # -- events, decisions, rules, endings ---------------------------------------------

    def _dead_content(self) -> None:
        """Find what can never happen. Knowing that an event never fires can show that a
        condition asking whether it fired never holds, so judge again until nothing new
        is found (each round can only add to what is dead, so this ends)."""
        while True:
            blocked_events = {p.entry.model.id: self._event_blocked(p) for p in self.events}
            blocked_decisions = {
                p.entry.model.id: self._decision_blocked(p) for p in self.decisions
            }
            rule_verdicts = {p.entry.model.id: self._rule_verdict(p) for p in self.rules}
            live = [
                *(p for p in self.events if p.entry.model.id not in self.world.dead_events),
                *(p for p in self.decisions if p.entry.model.id not in self.world.dead_decisions),
                *(p for p in self.rules if rule_verdicts[p.entry.model.id].outcome != NEVER),
                *self.policies,
            ]
            fired = set().union(*(p.usage.fires for p in live))
            dead_events = {e for e, why in blocked_events.items() if why and e not in fired}
            dead_decisions = {d for d, why in blocked_decisions.items() if why}
            if (dead_events, dead_decisions) == (self.world.dead_events, self.world.dead_decisions):
                break
            self.world.dead_events, self.world.dead_decisions = dead_events, dead_decisions
        for parsed in self.events:
            event_id = parsed.entry.model.id
            if event_id in dead_events and not self._warned_by_assembler(parsed.entry):
                why, path, key = blocked_events[event_id]
                message = f"event '{event_id}' can never fire: {why}"
                self.warn(parsed.entry.located, path, message, "dead-event", key)
        for parsed in self.decisions:
            blocked = blocked_decisions[parsed.entry.model.id]
            if blocked:
                why, path, key = blocked
                message = f"decision '{parsed.entry.model.id}' can never be taken: {why}"
                self.warn(parsed.entry.located, path, message, "dead-decision", key)
        for parsed in self.rules:
            verdict = rule_verdicts[parsed.entry.model.id]
            if verdict.outcome == NEVER:
                message = f"rule '{parsed.entry.model.id}' never applies: {verdict.why}"
                self.warn(parsed.entry.located, verdict.path, message, "dead-rule", key=True)
        self._endings(set().union(*(p.usage.ends for p in live)))

    def _window(self, section: str, entry: Entry) -> tuple[int, int]:
        """The quarters in which an entry's texts can be read."""
        if section == "endings" and entry.model.at_end:
            return (self.last, self.last)
        if section != "events":
            return (0, self.last)
        first, last = self._event_turns(entry.model)
        return (max(first, 0), max(min(last, self.last), max(first, 0)))

    def _event_turns(self, model: Any) -> tuple[int, int]:
        """The first and last quarter an event may fire in, as written."""
        first = self.calendar.turn_of(model.date) if model.date else 0
        last = self.calendar.turn_of(model.until) if model.until else self.last
        if model.date and model.until is None and model.trigger is None and model.mtth is None:
            last = first  # a plain dated event happens in its quarter only
        return first, last

    def _event_blocked(self, parsed: _Parsed) -> tuple[str, Path_, bool] | None:
        """Why an event cannot fire of itself (by date, trigger or chance): the reason,
        where it is written and whether that is a key; None when it can."""
        entry, model = parsed.entry, parsed.entry.model
        if model.trigger is None and model.date is None and model.mtth is None:
            why = "it has no date, trigger or mtth, and no effect fires it"
            return (why, entry.where("id"), False)
        start, end = self.calendar.label(0), self.calendar.label(self.last)
        first, last = self._event_turns(model)
        if first > self.last:
            why = f"its date {model.date} comes after the scenario ends ({end})"
            return (why, entry.where("date"), False)
        if last < 0 and model.until:
            why = f"its last quarter {model.until} comes before the scenario starts ({start})"
            return (why, entry.where("until"), False)
        if last < 0:
            why = f"its date {model.date} comes before the scenario starts ({start})"
            return (why, entry.where("date"), False)
        judge = self.world.judge(entry.located, (max(first, 0), min(last, self.last)))
        verdict = judge.condition(parsed.ops["trigger"], entry.where("trigger"))
        if verdict.outcome == NEVER:
            return (verdict.why, verdict.path, True)
        return None

    def _warned_by_assembler(self, entry: Entry) -> bool:
        """The assembler already warns of an event dated outside the scenario."""
        model = entry.model
        if not model.date:
            return False
        last = self.calendar.turn_of(model.until) if model.until else self.last
        return self.calendar.turn_of(model.date) > self.last or last < 0

    def _decision_blocked(self, parsed: _Parsed) -> tuple[str, Path_, bool] | None:
        entry = parsed.entry
        judge = self.world.judge(entry.located, (0, self.last))
        verdict = judge.condition(parsed.ops["when"], entry.where("when"))
        if verdict.outcome == NEVER:
            return (verdict.why, verdict.path, True)
        for var, amount in entry.model.costs.items():
            if self.world.range_of(var)[1] < amount:
                why = (
                    f"it costs {amount:g} '{var}', which never has that much: "
                    f"{self.world.explain(var)}"
                )
                return (why, entry.where("costs", var), True)
        return None

    def _rule_verdict(self, parsed: _Parsed) -> Verdict:
        judge = self.world.judge(parsed.entry.located, (0, self.last))
        return judge.condition(parsed.ops["when"], parsed.entry.where("when"))

    def _endings(self, ended_by_effects: set[str]) -> None:
        """Endings are checked in order at the end of every quarter, those with 'at_end'
        on the last one only; the first that holds ends the campaign."""
        every_quarter: list[Verdict] = []  # for endings without at_end
        last_quarter: list[Verdict] = []
        for parsed in self.endings:
            where = parsed.entry.where("when")
            for turns, verdicts in (
                ((0, self.last), every_quarter),
                ((self.last,) * 2, last_quarter),
            ):
                judge = self.world.judge(parsed.entry.located, turns)
                verdicts.append(judge.condition(parsed.ops["when"], where))
        at_once = next(
            (
                i
                for i, p in enumerate(self.endings)
                if not p.entry.model.at_end and every_quarter[i].outcome == ALWAYS
            ),
            None,
        )
        for i, parsed in enumerate(self.endings):
            model = parsed.entry.model
            if model.id in ended_by_effects:
                continue
            own = last_quarter[i] if model.at_end else every_quarter[i]
            first = next(
                (
                    j
                    for j, earlier in enumerate(self.endings[:i])
                    if (last_quarter[j] if model.at_end else every_quarter[j]).outcome == ALWAYS
                    and (model.at_end or not earlier.entry.model.at_end)
                ),
                None,
            )
            if own.outcome == NEVER:
                why, path, key = own.why, own.path, True
            elif first is not None:
                earlier = self.endings[first].entry.model
                at = " at the end date" if model.at_end else ""
                judged = last_quarter[first] if model.at_end else every_quarter[first]
                reason = f" ({judged.why})" if earlier.when is not None else ""
                why = f"ending '{earlier.id}' comes before it and always holds{at}{reason}"
                path, key = parsed.entry.where("id"), False
            elif model.at_end and at_once is not None and self.last > 0:
                other = self.endings[at_once].entry.model.id
                why = (
                    f"ending '{other}' always holds and ends every campaign in its first "
                    f"quarter ({every_quarter[at_once].why})"
                )
                path, key = parsed.entry.where("id"), False
            else:
                continue
            message = f"ending '{model.id}' can never be reached: {why}"
            self.warn(parsed.entry.located, path, message, "unreachable-ending", key)

    # -- options -----------------------------------------------------------------------

    def _options(self) -> None:
        for parsed in self.events:
            model = parsed.entry.model
            if len(model.options) < 2:
                continue  # a lone option is no choice, just the way on
            for j, option in enumerate(model.options):
                if (model.id, option.id) in self.chosen:
                    continue
                effects = parsed.ops[f"effects {j}"]
                twin = next(
                    (
                        other
                        for k, other in enumerate(model.options[:j])
                        if effects
                        and parsed.ops[f"effects {k}"] == effects
                        and (model.id, other.id) not in self.chosen
                    ),
                    None,
                )
                if not effects:
                    message = (
                        f"option '{option.id}' of event '{model.id}' changes nothing: it has "
                        "no effects and no condition asks whether it was chosen"
                    )
                elif twin is not None:
                    message = (
                        f"option '{option.id}' of event '{model.id}' has the same effects as "
                        f"option '{twin.id}' and no condition asks which was chosen: the "
                        "choice changes nothing"
                    )
                else:
                    continue
                self.warn(
                    parsed.entry.located,
                    parsed.entry.where("options", j, "id"),
                    message,
                    "option-no-effect",
                )

    # -- files -------------------------------------------------------------------------

    def _images(self) -> None:
        places = [*self.folders, ASSETS]
        for parsed in self.events:
            entry = parsed.entry
            image = entry.model.image
            if not image or any(_inside(folder, image) for folder in places):
                continue
            candidates = [name for folder in places for name in _files_under(folder)]
            self.warn(
                entry.located,
                entry.where("image"),
                f"image '{image}' is not found in the scenario folder or in assets/"
                f"{did_you_mean(image, candidates)}",
                "missing-image",
            )

    def _citations(self) -> list[tuple[Located, Path_, Any]]:
        """Every citation of a source text in the scenario's files: where it is written
        (the path to its mapping) and the citation itself."""
        cited: list[tuple[Located, Path_, Any]] = []
        for section in ("events", "decisions", "policies", "endings"):
            for entry in self.gathered[section]:
                for i, source in enumerate(entry.model.sources):
                    cited.append((entry.located, entry.where("sources", i), source))
        for located, model in self.assembler.parsed:
            for i, figure in enumerate(model.record.figures if model.record else []):
                for k, source in enumerate(figure.sources):
                    cited.append((located, ("record", "figures", i, "sources", k), source))
            for i, question in enumerate(model.debrief.questions if model.debrief else []):
                for k, source in enumerate(question.sources):
                    cited.append((located, ("debrief", "questions", i, "sources", k), source))
        return cited

    def _sources(self) -> None:
        shared = sources_folder()
        if shared is None:
            return
        known = sorted(p.name for p in shared.iterdir() if p.is_file())
        cited = self._citations()
        for located, path, source in cited:
            name = source.file
            if name in known or any(_inside(folder, name) for folder in self.folders):
                continue
            self.warn(
                located,
                (*path, "file"),
                f"source '{name}' is not among the shared sources ({shared}) or in the "
                f"scenario folder{did_you_mean(name, known)}",
                "unknown-source",
            )
        self._historians(shared, cited)

    def _historians(self, shared: Path, cited: list[tuple[Located, Path_, Any]]) -> None:
        """A claim may be credited to a historian only where the source text itself names
        them (or its title does: a work's own author). A citation's historian, and any
        historian of the bibliography its note names, must appear in the text cited; a
        historian cited by name must be in the bibliography."""
        meta = self.assembler.meta[0] if self.assembler.meta is not None else None
        works = dict(meta.bibliography) if meta is not None else {}
        titles = dict(meta.source_titles) if meta is not None else {}
        listed = {surname(h) for h in works}
        texts: dict[str, str | None] = {}
        for located, path, source in cited:
            if source.file not in texts:
                texts[source.file] = self._source_text(shared, source.file)
            text = texts[source.file]
            if text is None:
                continue  # an unknown source, already reported
            text += "\n" + titles.get(source.file, "")
            if source.historian and surname(source.historian) not in listed:
                self.warn(
                    located,
                    (*path, "historian"),
                    f"historian '{source.historian}' is not in the scenario's bibliography: "
                    "add the work meant under scenario: bibliography:",
                    "unlisted-historian",
                )
            named = [source.historian] if source.historian else []
            named += [h for h in works if names(source.note, surname(h))]
            for historian in dict.fromkeys(named):
                if names(text, surname(historian)):
                    continue
                field_ = "historian" if historian == source.historian else "note"
                self.warn(
                    located,
                    (*path, field_),
                    f"this citation credits {historian}, whom source '{source.file}' never "
                    "mentions: credit the claim to the text, or cite the work that makes it",
                    "unnamed-historian",
                )

    def _source_text(self, shared: Path, name: str) -> str | None:
        """A cited source's text (from the shared sources or the scenario's folders)."""
        for folder in [shared, *self.folders]:
            if _inside(folder, name):
                try:
                    return (folder / name).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    return None
        return None


def _inside(folder: Path, name: str) -> bool:
    """Is there a file of this name in the folder, without leaving it?"""
    path = (folder / name).resolve()
    return path.is_relative_to(folder.resolve()) and path.is_file()


def _files_under(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()][:2000]
