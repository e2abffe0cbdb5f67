"""The reading load of campaigns: what a player reads in event dialogs, and how the
choices fall across the quarters.

A dialog is an event that asked the player to choose. Its words are those the window
shows in it: the title, the text and every option's label (closed options are shown
greyed, so they are read too), each in the wording that held where the event fired,
with values filled in. Dispatches (events that ask nothing) are not dialogs, and
tooltips, previews and history notes are read only by those who open them, so none
of them is counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.model import EventDef, Scenario
from game.core.pipeline import TurnResult
from game.core.state import State
from game.core.text import Text


def words(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


class _DialogWords:
    """The words of one event's dialog, per row of a state, from its texts' wordings."""

    def __init__(self, event: EventDef) -> None:
        self.texts: tuple[Text, ...] = (
            event.title,
            event.text,
            *(option.text for option in event.options),
        )
        # Wordings without values have the same length in every campaign: counted once.
        self.fixed: dict[tuple[int, int], int] = {}

    def count(self, scenario: Scenario, state: State, rows: np.ndarray) -> np.ndarray:
        total = np.zeros(len(rows), dtype=np.int64)
        for which, text in enumerate(self.texts):
            chosen = text.holding(state, rows)
            for index in np.unique(chosen):
                template = text.wording(int(index))
                here = chosen == index
                if template.reads_state:
                    total[here] += [
                        words(template.fill(scenario.layout, state.values[row]))
                        for row in rows[here]
                    ]
                    continue
                key = (which, int(index))
                if key not in self.fixed:
                    self.fixed[key] = words(template.fixed())
                total[here] += self.fixed[key]
        return total


@dataclass
class ReadingLoad:
    """Per campaign (in seed order): dialogs, their words, the most choices in one
    quarter, the longest run of quarters without a choice and the first quarter's
    choices. A tally in the sense of `game.sim.parallel`."""

    dialogs: list[int] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    most_in_a_quarter: list[int] = field(default_factory=list)
    longest_without: list[int] = field(default_factory=list)
    first_quarter: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._counters: dict[int, _DialogWords] = {}
        self._rows: dict[str, np.ndarray] = {}

    def begin(self, seeds: np.ndarray) -> None:
        n = len(seeds)
        self._rows = {
            name: np.zeros(n, dtype=np.int64)
            for name in ("dialogs", "words", "most", "run", "longest", "first")
        }

    def observe(self, scenario: Scenario, result: TurnResult) -> None:
        rows = self._rows
        active = result.active
        asked = (result.choices >= 0) & active[:, None]
        per_row = asked.sum(axis=1)
        rows["dialogs"] += per_row
        np.maximum(rows["most"], per_row, out=rows["most"])
        if result.turn == 0:
            rows["first"] += per_row
        rows["run"] = np.where(active, np.where(per_row > 0, 0, rows["run"] + 1), rows["run"])
        np.maximum(rows["longest"], rows["run"], out=rows["longest"])
        state = result.read_in if result.read_in is not None else result.state
        for index in np.flatnonzero(asked.any(axis=0)):
            where = np.flatnonzero(asked[:, index])
            counter = self._counters.get(int(index))
            if counter is None:
                counter = self._counters[int(index)] = _DialogWords(scenario.events[index])
            rows["words"][where] += counter.count(scenario, state, where)

    def end(self) -> None:
        rows = self._rows
        self.dialogs += rows["dialogs"].tolist()
        self.words += rows["words"].tolist()
        self.most_in_a_quarter += rows["most"].tolist()
        self.longest_without += rows["longest"].tolist()
        self.first_quarter += rows["first"].tolist()
        self._rows = {}

    def merge(self, later: ReadingLoad) -> None:
        for name in ("dialogs", "words", "most_in_a_quarter", "longest_without", "first_quarter"):
            getattr(self, name).extend(getattr(later, name))

    def __getstate__(self) -> dict:
        # Crosses processes as counts alone: the word counters hold compiled texts.
        return {
            name: getattr(self, name)
            for name in (
                "dialogs",
                "words",
                "most_in_a_quarter",
                "longest_without",
                "first_quarter",
            )
        }

    def __setstate__(self, data: dict) -> None:
        self.__dict__.update(data)
        self.__post_init__()

    def to_dict(self) -> dict:
        def spread(values: list[int]) -> dict:
            if not values:
                return {"median": 0.0, "p90": 0.0, "max": 0}
            array = np.asarray(values)
            return {
                "median": float(np.median(array)),
                "p90": float(np.percentile(array, 90)),
                "max": int(array.max()),
            }

        return {
            "campaigns": len(self.dialogs),
            "dialogs": spread(self.dialogs),
            "words": spread(self.words),
            "choices_in_a_quarter": spread(self.most_in_a_quarter),
            "quarters_without_a_choice": spread(self.longest_without),
            "choices_in_the_first_quarter": spread(self.first_quarter),
        }

    def lines(self) -> list[str]:
        data = self.to_dict()
        d, w = data["dialogs"], data["words"]
        gap = data["quarters_without_a_choice"]
        return [
            "Reading load (event dialogs: title, text and options as shown; dispatches not counted):",
            f"  dialogs a campaign: median {d['median']:.0f}, 90th percentile {d['p90']:.0f}",
            f"  words a campaign:   median {w['median']:,.0f}, 90th percentile {w['p90']:,.0f}",
            f"  choices in one quarter: at most {data['choices_in_a_quarter']['max']}; "
            f"in the first quarter: at most {data['choices_in_the_first_quarter']['max']}",
            f"  longest run of quarters without a choice: median {gap['median']:.0f}, "
            f"90th percentile {gap['p90']:.0f}, at most {gap['max']}",
        ]
