"""Every text a player is shown in a campaign, as the wording that held when it was shown.

Campaigns are played headlessly, a batch at a time, and each quarter's texts are read
where the window reads them: a fired event's title, text, options and their hints and
tooltips in the state it fired in (before its options are chosen); the decisions open to
the player in the state the quarter starts from; at the end the ending, its epilogue, the
verdict and the debrief's questions in the final state. Each text keeps the state and
row it was read in, so a claim it makes can be checked against that very world.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from game.core import verdict
from game.core.context import TurnContext
from game.core.layout import ENDING, TURN, event_columns
from game.core.model import Scenario
from game.core.pipeline import begin_turn, finish_turn
from game.core.state import State
from game.core.text import Text
from game.sim.policies import Policy


@dataclass(frozen=True)
class World:
    """One campaign's world at the moment a text was shown: what a claim may ask of it."""

    scenario: Scenario
    state: State
    row: int

    def value(self, var: str) -> float:
        return float(self.state.values[self.row, self.scenario.layout.col(var)])

    def label(self, var: str) -> str:
        """A level variable's value as its label ('Litvinov')."""
        variable = self.scenario.layout.variables[self.scenario.layout.col(var)]
        return variable.labels[int(self.value(var))]

    def flag(self, var: str) -> bool:
        return self.value(var) != 0

    def has_event(self, event: str) -> bool:
        return event_columns(event)["fired"] in self.scenario.layout.index

    def fired(self, event: str) -> bool:
        """Whether the event has fired (False for an event the scenario does not have)."""
        return self.has_event(event) and self.value(event_columns(event)["fired"]) > 0

    def times_fired(self, event: str) -> int:
        return int(self.value(event_columns(event)["fired"]))

    def chose(self, event: str, option: str) -> bool:
        """Whether the event's last answer was this option (as the `chose` condition);
        False for an event the scenario does not have."""
        if not self.has_event(event):
            return False
        chosen = self.value(event_columns(event)["choice"])
        return chosen == self.scenario.event(event).option(option).index

    @property
    def turn(self) -> int:
        return int(self.value(TURN))

    @property
    def date(self) -> str:
        return self.scenario.calendar.label(self.turn)


@dataclass(frozen=True)
class Shown:
    """One text as a player read it: where it appeared, its words and its world."""

    strategy: str
    seed: int
    where: str  # "event kirov_murder text", "ending reckoning_costly epilogue", ...
    source: str  # the content's id: an event, decision, ending, axis or question
    words: str
    world: World

    @property
    def date(self) -> str:
        return self.world.date

    def __str__(self) -> str:
        return f"{self.strategy}, seed {self.seed}, {self.date}, {self.where}"


def play_and_read(
    scenario: Scenario, policy: Policy, seeds: list[int], strategy: str
) -> Iterator[Shown]:
    """Play a batch of campaigns to their end and yield every text shown on the way."""
    state = State.initial(scenario.layout, seeds)
    for _ in range(scenario.calendar.n_turns):
        if state.ended().all():
            break
        active = ~state.ended()
        yield from _decisions(scenario, state, active, seeds, strategy)
        pending = begin_turn(scenario, state, policy.orders(scenario, state), record=False)
        for row in np.flatnonzero(pending.active):
            for index in np.flatnonzero(pending.fired[row]):
                event = scenario.events[index]
                world = World(scenario, pending.state, int(row))
                yield from _event(scenario, event, world, seeds[row], strategy)
        state = finish_turn(pending, policy.choices(scenario, pending)).state
    for row in range(state.batch):
        yield from _end(scenario, World(scenario, state, row), seeds[row], strategy)


def _read(text: Text, world: World) -> str:
    return text.render(world.scenario, world.state, world.row)


def _event(scenario: Scenario, event, world: World, seed: int, strategy: str) -> Iterator[Shown]:
    def shown(part: str, text: Text) -> Shown:
        return Shown(
            strategy, seed, f"event {event.id} {part}", event.id, _read(text, world), world
        )

    yield shown("title", event.title)
    yield shown("text", event.text)
    for option in event.options:
        # Closed options are listed too, with their hint: the player reads them all.
        yield shown(f"option {option.id}", option.text)
        if option.tooltip:
            yield shown(f"option {option.id} tooltip", option.tooltip)
        if option.hint:
            yield shown(f"option {option.id} hint", option.hint)


def _decisions(
    scenario: Scenario, state: State, active: np.ndarray, seeds: list[int], strategy: str
) -> Iterator[Shown]:
    """The decisions the orders panels offer this quarter, read in the quarter's state."""
    ctx = TurnContext(scenario.layout, state.values.copy(), state.seeds, state.turn, None)
    for decision in scenario.decisions:
        open_rows = np.asarray(decision.available(ctx), dtype=bool) & active
        for row in np.flatnonzero(open_rows):
            world = World(scenario, state, int(row))
            for part, text in (("title", decision.title), ("text", decision.text)):
                where = f"decision {decision.id} {part}"
                yield Shown(strategy, seeds[row], where, decision.id, _read(text, world), world)


def _end(scenario: Scenario, world: World, seed: int, strategy: str) -> Iterator[Shown]:
    """The end screen and the debrief: the ending, its epilogue, the verdict, questions."""
    index = int(world.value(ENDING))
    if index >= 0:
        ending = scenario.endings[index]
        for part, text in (("title", ending.title), ("text", ending.text)):
            yield Shown(
                strategy, seed, f"ending {ending.id} {part}", ending.id, _read(text, world), world
            )
        yield Shown(
            strategy,
            seed,
            f"ending {ending.id} epilogue",
            ending.id,
            _read(ending.epilogue, world),
            world,
        )
    if scenario.verdict:
        reading = verdict.read(scenario, world.state, world.row)
        for axis in reading.axes:
            for part, words in (("question", axis.question), ("text", axis.text)):
                yield Shown(strategy, seed, f"verdict {axis.id} {part}", axis.id, words, world)
    state = world.state
    row = slice(world.row, world.row + 1)
    ctx = TurnContext(scenario.layout, state.values[row].copy(), state.seeds[row], world.turn, None)
    for question in scenario.debrief.questions:
        if bool(np.asarray(question.when(ctx))[0]):
            words = _read(question.text, world)
            yield Shown(
                strategy, seed, f"debrief question {question.id}", question.id, words, world
            )
