"""python -m game play: a campaign in the terminal, turn by turn.

A complete way to play with nothing but a keyboard: set the quarter's policies, take
decisions (with their odds), answer events, ask "why" about any indicator, save.
The campaign autosaves every quarter.
"""

from __future__ import annotations

import random
import textwrap
from argparse import Namespace
from collections.abc import Callable

from game.content.loader import load_scenario
from game.core.breakdown import explain_changes, lines
from game.core.campaign import Campaign
from game.core.dispatches import dispatches
from game.core.layout import Variable
from game.core.model import Scenario
from game.core.orders import Orders
from game.core.preview import preview_option
from game.core.state import State
from game.core.text import Text
from game.core.units import (
    format_amount,
    format_change,
    format_delta,
    format_number,
    format_value,
    is_negligible,
)
from game.core.verdict import read as read_verdict
from game.debrief.analysis import cause_text, label
from game.debrief.harm import harm_report
from game.debrief.reading import events_state, states_at_start
from game.saves import SaveError, autosave, load_save, read_save_header, saves_dir, write_save
from game.ui.describe import because, closed_reason, effects, options_shown, people_text

WIDTH = 78
HELP = """\
Commands (then press Enter):
  p NUMBER LEVEL   set a policy, e.g. "p 2 3" sets policy 2 to its level 3
  d NUMBER         take a decision (or drop it again), e.g. "d 2"
  why NAME         why an indicator moved, e.g. "why unrest" (or "why society.unrest"):
                   each cause, and the inputs each rule read with their weights
  vars             every variable and its value
  save NAME        save the campaign to saves/NAME.json
  help             this list
  quit             autosave and leave
  (empty line)     end the quarter"""


def _wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(
        textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent)
        for p in text.split("\n")
        if p.strip()
    )


class TerminalGame:
    def __init__(
        self,
        campaign: Campaign,
        ask: Callable[[str], str] = input,
        say: Callable[[str], None] = print,
    ) -> None:
        self.campaign = campaign
        self.ask = ask
        self.say = say
        self.policies: dict[str, float] = {}
        self.decisions: list[str] = []

    @property
    def scenario(self) -> Scenario:
        return self.campaign.scenario

    def _shown(self, text: Text, state: State | None = None) -> str:
        """A text as it reads in the given state (the campaign's present one by default)."""
        return text.render(self.scenario, self.campaign.state if state is None else state)

    def run(self) -> int:
        self.say(f"\n{self.scenario.title.upper()}\n{_wrap(self.scenario.description, '')}\n")
        self.say("Type 'help' for the commands. An empty line ends the quarter.")
        try:
            while not self.campaign.is_over:
                if not self.quarter():
                    path = autosave(self.campaign)
                    self.say(
                        f"Campaign autosaved. Continue it with: python -m game play --text --load {path}"
                    )
                    return 0
            self.show_ending()
            # The finished campaign is saved too: the debrief and the class report read it.
            path = autosave(self.campaign)
            self.say(f"\nThe finished campaign is saved in {path} for the debrief.")
            return 0
        except EOFError:
            if self.campaign.pending is None:
                autosave(self.campaign)
            self.say("\nInput ended; the campaign was autosaved.")
            return 0

    # -- one quarter -------------------------------------------------------------------

    def quarter(self) -> bool:
        self.policies, self.decisions = {}, []
        self.show_status()
        while True:
            command = self.ask("> ").strip()
            if not command:
                break
            if command in ("quit", "q", "exit"):
                return False
            self.command(command)
        orders = self.draft()
        problems = self.campaign.validate(orders)
        if problems:
            self.say("These orders cannot be given: " + "; ".join(problems))
            return True
        events = self.campaign.submit(orders)
        read = events_state(self.campaign)
        choices = {event.id: self.answer_event(event, open_ids) for event, open_ids in events}
        record = self.campaign.answer(choices)
        self.report(record, read)
        if not self.campaign.is_over:
            autosave(self.campaign)  # the last quarter is saved with the ending, in run()
        return True

    def _variable(self, name: str) -> Variable:
        return self.scenario.layout.variables[self.scenario.layout.col(name)]

    def show_status(self) -> None:
        c = self.campaign
        calendar = self.scenario.calendar
        self.say("\n" + "=" * WIDTH)
        self.say(
            f"{calendar.long_label(c.turn)} ({c.date}), turn {c.turn + 1} of {calendar.n_turns}"
        )
        self.say("-" * WIDTH)
        last = c.records[-1] if c.records else None
        for name in self.scenario.key_indicators or [
            v.name for v in self.scenario.layout.declared()[:8]
        ]:
            var = self.scenario.layout.variables[self.scenario.layout.col(name)]
            delta = sum(ch.delta for ch in last.changes_to(name)) if last else 0.0
            trend = "" if is_negligible(var, delta) else f"({format_delta(var, delta)})"
            self.say(
                f"  {label(self.scenario, name):<44} {format_number(var, c.value(name)):>12} {trend}"
            )
        legal = c.legal_orders(self.draft())
        self.say("Policies:")
        for i, status in enumerate(legal.policies, 1):
            levels = "  ".join(
                f"{j}:{lvl.label}" + ("*" if lvl.value == status.current else "")
                for j, lvl in enumerate(status.policy.levels, 1)
            )
            lock = "" if status.allowed else "  (locked)"
            self.say(f"  {i}. {status.policy.title}: {levels}{lock}")
        self.say(f"Decisions (up to {legal.max_decisions} a quarter):")
        for i, status in enumerate(legal.decisions):
            odds = f" [{status.odds:.0%} chance]" if status.odds is not None else ""
            costs = ", ".join(
                format_amount(self._variable(cost.var), cost.amount)
                for cost in status.decision.costs
            )
            cost = f" (costs {costs})" if costs else ""
            note = "" if status.allowed else f"  -- {status.reason}"
            self.say(f"  {i + 1}) {self._shown(status.decision.title)}{odds}{cost}{note}")

    def command(self, command: str) -> None:
        word, _, rest = command.partition(" ")
        legal = self.campaign.legal_orders(self.draft())
        if word == "help":
            self.say(HELP)
        elif word == "p":
            self.set_policy(rest.split(), legal)
        elif word == "d":
            self.toggle_decision(rest.strip(), legal)
        elif word == "why":
            self.explain(rest.strip())
        elif word == "vars":
            for var in self.scenario.layout.declared():
                self.say(
                    f"  {var.name:<34} {format_value(var, self.campaign.value(var.name)):>12}  {var.description}"
                )
        elif word == "save":
            name = "".join(ch for ch in rest.strip() if ch.isalnum() or ch in "-_") or "campaign"
            try:
                path = write_save(self.campaign, saves_dir() / f"{name}.json", name=name)
                self.say(f"Saved to {path}")
            except SaveError as error:
                self.say(f"Not saved: {error}")
        else:
            self.say(f"Unknown command '{word}'. Type 'help' for the list.")

    def set_policy(self, parts: list[str], legal) -> None:
        try:
            status = legal.policies[int(parts[0]) - 1]
            level = status.policy.levels[int(parts[1]) - 1]
        except (IndexError, ValueError):
            self.say("Write p, the policy's number and the level's number, e.g. p 1 2")
            return
        if not status.allowed:
            self.say(f"{status.policy.title}: {status.reason}")
            return
        self.policies[status.policy.id] = level.value
        self.say(f"{status.policy.title}: {level.label}. {level.description}".strip())

    def draft(self) -> Orders:
        return Orders(dict(self.policies), tuple(self.decisions))

    def toggle_decision(self, number: str, legal) -> None:
        index = int(number) - 1 if number.isdigit() else -1
        if not 0 <= index < len(legal.decisions):
            self.say("Write d and the decision's number, e.g. d 1")
            return
        status = legal.decisions[index]
        decision_id = status.decision.id
        if decision_id in self.decisions:
            self.decisions.remove(decision_id)
            self.say(f"Dropped: {self._shown(status.decision.title)}")
        elif not status.allowed:
            self.say(f"{self._shown(status.decision.title)}: {status.reason}")
        else:
            self.decisions.append(decision_id)
            decision = status.decision
            self.say(f"Ordered: {self._shown(decision.title)}\n{_wrap(self._shown(decision.text))}")

    def explain(self, name: str) -> None:
        # Players read indicators by their labels, so a label names one as well as its id.
        by_label = {
            label(self.scenario, v.name).lower(): v.name for v in self.scenario.layout.declared()
        }
        name = by_label.get(name.lower(), name)
        if name not in self.scenario.layout.index:
            self.say(f"No indicator '{name}'. Type 'vars' for the names.")
            return
        # The last quarter in full, each rule's change with the inputs it read; the three
        # before it by their causes and biggest inputs.
        shown = 0
        records = self.campaign.records
        starts = states_at_start(self.campaign)[-4:] if records else []
        for record, start in reversed(list(zip(records[-4:], starts, strict=True))):
            changes = explain_changes(self.scenario, start, record, name)
            if not changes:
                continue
            self.say(f"  {record.date}:")
            for change in changes:
                if shown == 0:
                    self.say(
                        f"    {format_change(self._variable(name), change.delta)} from "
                        f"{cause_text(self.scenario, change.cause)[0]}"
                    )
                    if change.breakdown is not None:
                        for line in lines(change.breakdown):
                            self.say(f"        {line}")
                else:
                    self.say(f"    {because(self.scenario, change)}")
            shown += 1
        if not shown:
            self.say("  No change in the last four quarters.")

    def answer_event(self, event, open_ids: list[str]) -> str:
        state = events_state(self.campaign)
        scenario = self.scenario
        self.say("\n" + "*" * WIDTH)
        title, text = event.title.render(scenario, state), event.text.render(scenario, state)
        self.say(f"{title.upper()}\n{_wrap(text)}")
        people = people_text(scenario, event.lore, state)
        if people:
            self.say(_wrap(people))
        for source in event.lore.sources:
            self.say(f"  Source: {self.scenario.cite(source)}")
        # Every option is listed, the closed ones last, saying why; they cannot be taken.
        options = [event.option(option_id) for option_id in options_shown(event, open_ids)]
        reasons = {
            option.id: closed_reason(self.scenario, option, state)
            for option in options
            if option.id not in open_ids
        }
        for i, option in enumerate(options, 1):
            if option.id in reasons:
                self.say(
                    f"  ({i}) {option.text.render(scenario, state)} — closed: {reasons[option.id]}"
                )
                continue
            preview = preview_option(self.scenario, state, option)
            self.say(f"  {i}. {option.text.render(scenario, state)}")
            shown = effects(self.scenario, preview.changes, preview.uncertain, state.get)
            self.say(_wrap(shown, " " * 5))
        while True:
            answer = self.ask(f"Choose 1-{len(options)}: ").strip()
            if not (answer.isdigit() and 1 <= int(answer) <= len(options)):
                continue
            option = options[int(answer) - 1]
            if option.id in reasons:
                self.say(f"Closed: {reasons[option.id].rstrip('.')}.")
                continue
            return option.id

    def report(self, record, read: State) -> None:
        """The quarter's decisions and events, in the words of the state they were read in."""
        decided = ", ".join(
            f"{self._shown(self.scenario.decision(d).title, read)} ({'succeeded' if ok else 'failed'})"
            for d, ok in record.decisions.items()
        )
        if decided:
            self.say(f"Decisions: {decided}")
        answered = [e for e in record.fired if e in record.choices]
        if answered:
            titles = (self._shown(self.scenario.event(e).title, read) for e in answered)
            self.say("Events: " + ", ".join(titles))
        for dispatch in dispatches(self.scenario, record):
            title = self._shown(dispatch.event.title, read)
            self.say(_wrap("Dispatch: " + dispatch.line(self.scenario, title), ""))
        for refused in record.refused:
            self.say(refused.sentence())
        harm = harm_report(self.scenario, record)
        if harm:
            self.say("The human cost this quarter:\n" + _wrap(harm))

    def show_ending(self) -> None:
        ending = self.campaign.ending
        scenario, state = self.scenario, self.campaign.state
        title, text = ending.title.render(scenario, state), ending.text.render(scenario, state)
        self.say("\n" + "#" * WIDTH)
        self.say(
            f"{title.upper()} ({self.campaign.date})\n{_wrap(text)}\n"
            f"{_wrap(ending.epilogue.render(scenario, state))}"
        )
        for source in ending.lore.sources:
            self.say(f"  Source: {self.scenario.cite(source)}")
        if scenario.verdict:
            self.say("\nTHE VERDICT, BESIDE HISTORY (each axis 0-100)")
            for line in read_verdict(scenario, state).lines():
                self.say(line.replace("# ", "", 1) if line.startswith("# ") else _wrap(line))


def run_play(args: Namespace) -> int:
    if args.load:
        try:
            header = read_save_header(args.load)
            scenario = load_scenario(header.get("scenario", args.scenario))
            campaign = load_save(args.load, scenario)
        except SaveError as error:
            print(f"Cannot continue: {error}")
            return 1
    else:
        scenario = load_scenario(args.scenario)
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        print(f"New campaign, seed {seed} (play the same world again with --seed {seed})")
        campaign = Campaign(scenario, seed)
    return TerminalGame(campaign).run()
