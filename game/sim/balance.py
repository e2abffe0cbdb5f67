"""The balance report's figures: what thousands of campaigns of one scenario did.

A `BalanceTally` watches batches as they run, turn by turn, and keeps only counts and
a few sampled variables, never the campaigns' histories, so 10,000 campaigns fit in a
few megabytes. Chunks must come in seed order; the figures then do not depend on how
the seeds were cut into chunks. `BalanceTally.report` turns the counts into a
`BalanceReport`: plain data that the HTML page renders and tests read.
"""

from __future__ import annotations

import shlex
from dataclasses import asdict, dataclass

import numpy as np

from game.core.judge import open_decisions
from game.core.model import EventDef, Scenario
from game.core.pipeline import TurnResult
from game.core.state import State
from game.core.units import format_quantity, unit_of
from game.debrief.analysis import label as variable_label
from game.sim.batch import BatchResult, run_batch
from game.sim.policies import Policy

EXAMPLES_PER_ENDING = 3
NO_ENDING = "no_ending"


@dataclass(frozen=True)
class Example:
    """One campaign that anyone can replay from its seed."""

    seed: int
    turn: int
    date: str


@dataclass(frozen=True)
class EndingStats:
    id: str
    title: str
    count: int
    share: float
    by_turn: tuple[int, ...]  # campaigns that reached this ending in each quarter
    first: str | None
    typical: str | None  # by this quarter half of the campaigns with this ending had it
    last: str | None
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class OptionStats:
    id: str
    text: str
    historical: bool
    chosen: int
    share: float  # of the times the event asked for a choice


@dataclass(frozen=True)
class EventStats:
    id: str
    title: str
    group: str
    campaigns: int
    share: float  # of campaigns in which it fired at least once
    firings: int
    per_campaign: float
    first: str | None  # the earliest quarter it fired in any campaign
    typical: str | None  # by this quarter half of the campaigns where it fired had seen it
    by_year: tuple[float, ...]  # firings per campaign in each year of the calendar
    example_seed: int | None
    never_reason: str  # why it may never have fired ("" when it did)
    options: tuple[OptionStats, ...]


@dataclass(frozen=True)
class DecisionStats:
    id: str
    title: str
    group: str
    campaigns: int
    share: float  # of campaigns that took it at least once
    attempts: int
    successes: int
    has_odds: bool
    available_share: float  # of campaigns in which it was ever open to take
    first: str | None
    typical: str | None
    by_year: tuple[float, ...]
    example_seed: int | None
    never_reason: str


@dataclass(frozen=True)
class IndicatorBands:
    """A key variable at the end of each year: 10th, 50th, 90th percentile of campaigns."""

    var: str
    label: str
    unit: str  # from the unit vocabulary of game.core.units
    initial: float
    p10: tuple[float | None, ...]
    p50: tuple[float | None, ...]
    p90: tuple[float | None, ...]
    playing: tuple[int, ...]  # campaigns still going at that year's end
    scale: float = 1.0  # stored number times scale = the real quantity

    def number(self, value: float) -> str:
        """A stored value of this variable in its unit: '9.6 million', '23%'."""
        return format_quantity(self.unit, value * self.scale)


@dataclass(frozen=True)
class BalanceReport:
    scenario_id: str
    scenario_title: str
    scenario_ref: str  # the scenario as the user named it, for the replay commands
    content_hash: str
    policy: str
    script: str | None
    runs: int
    first_seed: int
    last_seed: int
    start: str
    end: str
    years: tuple[int, ...]
    sample_dates: tuple[str, ...]  # the quarter each year's indicator values come from
    quarters_per_campaign: float
    choices_per_campaign: float
    endings: tuple[EndingStats, ...]
    events: tuple[EventStats, ...]
    decisions: tuple[DecisionStats, ...]
    indicators: tuple[IndicatorBands, ...]

    def never_fired(self) -> list[EventStats]:
        return [e for e in self.events if e.campaigns == 0]

    def never_taken(self) -> list[DecisionStats]:
        return [d for d in self.decisions if d.attempts == 0]

    def replay_commands(self, seed: int) -> list[str]:
        """The two commands that replay one campaign of this report and write its debrief."""
        script = f" --script {shlex.quote(self.script)}" if self.script else ""
        save = f"campaign-{seed}.json"
        return [
            f"python -m game simulate {shlex.quote(self.scenario_ref)} --runs 1 --seed {seed} "
            f"--policy {self.policy}{script} --save {save}",
            f"python -m game debrief {save} --html campaign-{seed}.html",
        ]

    def to_dict(self) -> dict:
        return asdict(self)


class BalanceTally:
    """Counts what happens in batches of campaigns as they run."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        calendar = scenario.calendar
        n_turns, n_events, n_decisions = (
            calendar.n_turns,
            len(scenario.events),
            len(scenario.decisions),
        )
        self.turn_year = np.array([_year(scenario, t) for t in range(n_turns)])
        self.years = tuple(int(y) for y in np.unique(self.turn_year))
        # Each year's last quarter inside the campaign is where its indicators are read.
        self.sample_turns = [int(np.flatnonzero(self.turn_year == y).max()) for y in self.years]
        self.indicator_samples = TurnSamples(scenario, self.sample_turns, _indicators(scenario))

        self.runs = 0
        self.quarters = 0
        self.first_seed: int | None = None
        self.last_seed: int | None = None
        self.fires_by_turn = np.zeros((n_events, n_turns), dtype=np.int64)
        self.first_fire = np.zeros((n_events, n_turns), dtype=np.int64)
        self.event_example = np.full(n_events, -1, dtype=np.int64)
        self.option_offset = np.cumsum([0] + [len(e.options) for e in scenario.events])
        self.option_counts = np.zeros(int(self.option_offset[-1]), dtype=np.int64)
        self.attempts_by_turn = np.zeros((n_decisions, n_turns), dtype=np.int64)
        self.first_take = np.zeros((n_decisions, n_turns), dtype=np.int64)
        self.successes = np.zeros(n_decisions, dtype=np.int64)
        self.available = np.zeros(n_decisions, dtype=np.int64)
        self.decision_example = np.full(n_decisions, -1, dtype=np.int64)
        # One more row for campaigns that ran out of quarters without any ending.
        self.ending_by_turn = np.zeros((len(scenario.endings) + 1, n_turns), dtype=np.int64)
        self.ending_examples: dict[int, list[Example]] = {}
        self._chunk: _Chunk | None = None

    def play_chunk(self, seeds: list[int] | np.ndarray, policy: Policy) -> BatchResult:
        """Run one batch (seeds following those already played) and count what it did."""
        self.begin(seeds)
        result = run_batch(self.scenario, seeds, policy, on_turn=self.observe)
        self.end(result)
        return result

    def begin(self, seeds: list[int] | np.ndarray) -> None:
        """Before a batch runs: its seeds, which must follow those already counted."""
        self._chunk = _Chunk(self, np.asarray(seeds, dtype=np.uint64))
        self.indicator_samples.begin(len(self._chunk.seeds))

    def observe(self, before: State, result: TurnResult) -> None:
        """After each turn of the batch (run_batch's on_turn)."""
        chunk, turn = self._chunk, result.turn
        assert chunk is not None, "begin() the batch first"
        self.fires_by_turn[:, turn] += result.fired.sum(axis=0)
        self.first_fire[:, turn] += (result.fired & ~chunk.fired).sum(axis=0)
        chunk.fired |= result.fired
        chosen = result.choices >= 0
        if chosen.any():
            flat = (self.option_offset[:-1][None, :] + result.choices)[chosen]
            self.option_counts += np.bincount(flat, minlength=len(self.option_counts))
        self.attempts_by_turn[:, turn] += result.taken.sum(axis=0)
        self.first_take[:, turn] += (result.taken & ~chunk.taken).sum(axis=0)
        chunk.taken |= result.taken
        self.successes += result.succeeded.sum(axis=0)
        if self.scenario.decisions:
            open_now = open_decisions(self.scenario, before)
            chunk.available |= open_now & result.active[:, None]
        self.indicator_samples.observe(before, result)

    def end(self, result: BatchResult) -> None:
        """After the batch: its endings, and the first seeds to show each thing."""
        chunk, self._chunk = self._chunk, None
        assert chunk is not None, "begin() the batch first"
        seeds = [int(s) for s in chunk.seeds]
        last_turn = self.scenario.calendar.last_turn
        endings = result.endings
        rows = np.where(endings >= 0, endings, len(self.scenario.endings))
        turns = np.minimum(result.end_turns, last_turn)
        np.add.at(self.ending_by_turn, (rows, turns), 1)
        for ending in np.unique(rows):
            examples = self.ending_examples.setdefault(int(ending), [])
            wanted = EXAMPLES_PER_ENDING - len(examples)
            for row in np.flatnonzero(rows == ending)[: max(wanted, 0)]:
                turn = int(turns[row])
                examples.append(Example(seeds[row], turn, self.scenario.calendar.label(turn)))
        for seen, example in (
            (chunk.fired, self.event_example),
            (chunk.taken, self.decision_example),
        ):
            for column in np.flatnonzero((example < 0) & seen.any(axis=0)):
                example[column] = seeds[int(np.argmax(seen[:, column]))]
        self.available += chunk.available.sum(axis=0)
        self.runs += len(seeds)
        self.quarters += int((turns + 1).sum())
        self.first_seed = seeds[0] if self.first_seed is None else self.first_seed
        self.last_seed = seeds[-1]

    def merge(self, later: BalanceTally) -> None:
        """Add the counts of a tally of the chunks that follow this one's (in another
        process, perhaps): the figures are those of one tally that counted them all."""
        assert self._chunk is None and later._chunk is None, "merge tallies between batches"
        for name in _COUNTS:
            getattr(self, name).__iadd__(getattr(later, name))
        for mine, theirs in (
            (self.event_example, later.event_example),
            (self.decision_example, later.decision_example),
        ):
            mine[:] = np.where(mine < 0, theirs, mine)
        for ending, examples in later.ending_examples.items():
            kept = self.ending_examples.setdefault(ending, [])
            kept.extend(examples[: max(EXAMPLES_PER_ENDING - len(kept), 0)])
        self.indicator_samples.merge(later.indicator_samples)
        self.runs += later.runs
        self.quarters += later.quarters
        if self.first_seed is None:
            self.first_seed = later.first_seed
        if later.last_seed is not None:
            self.last_seed = later.last_seed

    def __getstate__(self) -> dict:
        # A tally crosses processes as its counts alone: the compiled scenario holds
        # closures that cannot be pickled, and the parent that merges it has its own.
        return {k: v for k, v in self.__dict__.items() if k != "scenario"}

    def report(
        self, policy: str, scenario_ref: str | None = None, script: str | None = None
    ) -> BalanceReport:
        """The figures of every chunk played so far."""
        if self.runs == 0:
            raise ValueError("no campaigns were played")
        scenario, calendar = self.scenario, self.scenario.calendar
        runs = self.runs
        year_of = self.turn_year
        years = np.array(self.years)

        def per_year(by_turn: np.ndarray) -> tuple[float, ...]:
            return tuple(float(by_turn[year_of == y].sum()) / runs for y in years)

        def label(turn: int | None) -> str | None:
            return None if turn is None else calendar.label(turn)

        endings = []
        titles = [(e.id, e.title) for e in scenario.endings] + [
            (NO_ENDING, "No ending (the quarters ran out)")
        ]
        for index, (ending_id, title) in enumerate(titles):
            by_turn = self.ending_by_turn[index]
            count = int(by_turn.sum())
            if ending_id == NO_ENDING and count == 0:
                continue
            endings.append(
                EndingStats(
                    ending_id,
                    title,
                    count,
                    count / runs,
                    tuple(int(n) for n in by_turn),
                    label(_first(by_turn)),
                    label(_half_by(by_turn)),
                    label(_last(by_turn)),
                    tuple(self.ending_examples.get(index, [])),
                )
            )

        events = []
        for event in scenario.events:
            firsts = self.first_fire[event.index]
            campaigns = int(firsts.sum())
            offset = int(self.option_offset[event.index])
            counts = self.option_counts[offset : offset + len(event.options)]
            asked = int(counts.sum())
            # A dispatch keeps its options only for its standing answer: it asks no one.
            options = tuple(
                OptionStats(o.id, o.text, o.historical, int(n), int(n) / asked if asked else 0.0)
                for o, n in zip(event.options, counts, strict=True)
                if event.asks
            )
            firings = int(self.fires_by_turn[event.index].sum())
            example = int(self.event_example[event.index])
            events.append(
                EventStats(
                    event.id,
                    event.title,
                    event.group,
                    campaigns,
                    campaigns / runs,
                    firings,
                    firings / runs,
                    label(_first(firsts)),
                    label(_half_by(firsts)),
                    per_year(self.fires_by_turn[event.index]),
                    example if example >= 0 else None,
                    "" if campaigns else _why_never_fired(scenario, event),
                    options,
                )
            )

        decisions = []
        for decision in scenario.decisions:
            firsts = self.first_take[decision.index]
            campaigns = int(firsts.sum())
            attempts = int(self.attempts_by_turn[decision.index].sum())
            available = int(self.available[decision.index])
            if attempts:
                reason = ""
            elif available:
                reason = (
                    f"open to take in {_percent(available / runs)} of campaigns, "
                    f"but the {policy} policy never took it"
                )
            else:
                reason = "never open to take: its conditions or costs never allowed it"
            example = int(self.decision_example[decision.index])
            decisions.append(
                DecisionStats(
                    decision.id,
                    decision.title,
                    decision.group,
                    campaigns,
                    campaigns / runs,
                    attempts,
                    int(self.successes[decision.index]),
                    decision.odds is not None,
                    available / runs,
                    label(_first(firsts)),
                    label(_half_by(firsts)),
                    per_year(self.attempts_by_turn[decision.index]),
                    example if example >= 0 else None,
                    reason,
                )
            )

        samples = self.indicator_samples.values()
        indicators = []
        for i, name in enumerate(_indicators(scenario)):
            variable = scenario.layout.variables[scenario.layout.col(name)]
            bands: list[tuple[float | None, float | None, float | None]] = []
            playing = []
            for y in range(len(years)):
                column = samples[:, y, i]
                finite = column[np.isfinite(column)]
                playing.append(len(finite))
                if len(finite):
                    low, mid, high = np.percentile(finite, [10, 50, 90])
                    bands.append((float(low), float(mid), float(high)))
                else:
                    bands.append((None, None, None))
            indicators.append(
                IndicatorBands(
                    name,
                    variable_label(scenario, name),
                    unit_of(variable),
                    float(variable.initial),
                    tuple(b[0] for b in bands),
                    tuple(b[1] for b in bands),
                    tuple(b[2] for b in bands),
                    tuple(playing),
                    variable.scale,
                )
            )

        assert self.first_seed is not None and self.last_seed is not None
        return BalanceReport(
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            scenario_ref=scenario_ref or scenario.id,
            content_hash=scenario.content_hash,
            policy=policy,
            script=script,
            runs=runs,
            first_seed=self.first_seed,
            last_seed=self.last_seed,
            start=calendar.label(0),
            end=calendar.label(calendar.last_turn),
            years=self.years,
            sample_dates=tuple(calendar.label(t) for t in self.sample_turns),
            quarters_per_campaign=self.quarters / runs,
            choices_per_campaign=int(self.option_counts.sum()) / runs,
            endings=tuple(endings),
            events=tuple(events),
            decisions=tuple(decisions),
            indicators=tuple(indicators),
        )


# The tally's arrays that merge by adding.
_COUNTS = (
    "fires_by_turn",
    "first_fire",
    "option_counts",
    "attempts_by_turn",
    "first_take",
    "successes",
    "available",
    "ending_by_turn",
)


class _Chunk:
    """What the tally must remember about each campaign of the batch now running."""

    def __init__(self, tally: BalanceTally, seeds: np.ndarray) -> None:
        batch = len(seeds)
        self.seeds = seeds
        self.fired = np.zeros((batch, len(tally.scenario.events)), dtype=bool)
        self.taken = np.zeros((batch, len(tally.scenario.decisions)), dtype=bool)
        self.available = np.zeros_like(self.taken)


class TurnSamples:
    """Chosen variables as chosen turns end, campaign by campaign, across batches.

    A campaign that ended before one of those turns holds NaN there: it never got there.
    """

    def __init__(self, scenario: Scenario, turns: list[int], names: list[str]) -> None:
        self.turns = {turn: i for i, turn in enumerate(turns)}
        self.names = list(names)
        self.columns = [scenario.layout.col(name) for name in names]
        self._chunks: list[np.ndarray] = []

    def begin(self, batch: int) -> None:
        self._chunks.append(np.full((batch, len(self.turns), len(self.columns)), np.nan))

    def observe(self, before: State, result: TurnResult) -> None:
        index = self.turns.get(result.turn)
        if index is None:
            return
        values = result.state.values[:, self.columns]
        self._chunks[-1][:, index, :] = np.where(result.active[:, None], values, np.nan)

    def merge(self, later: TurnSamples) -> None:
        """Append the samples of the batches that follow (from another tally)."""
        self._chunks.extend(later._chunks)

    def values(self) -> np.ndarray:
        """(campaigns, turns, variables) for every batch observed so far."""
        return np.concatenate(self._chunks)


def _indicators(scenario: Scenario) -> list[str]:
    return list(scenario.indicators)


def _year(scenario: Scenario, turn: int) -> int:
    return int(scenario.calendar.label(turn)[:4])


def _first(counts: np.ndarray) -> int | None:
    found = np.flatnonzero(counts)
    return int(found[0]) if len(found) else None


def _last(counts: np.ndarray) -> int | None:
    found = np.flatnonzero(counts)
    return int(found[-1]) if len(found) else None


def _half_by(counts: np.ndarray) -> int | None:
    """The first quarter by which at least half of the counted campaigns were in."""
    total = int(counts.sum())
    if total == 0:
        return None
    return int(np.searchsorted(np.cumsum(counts), total / 2))


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.01 or share == 0 else "under 1%"


def _why_never_fired(scenario: Scenario, event: EventDef) -> str:
    calendar = scenario.calendar
    first, last = event.window
    span = f"{calendar.label(0)} to {calendar.label(calendar.last_turn)}"
    if not event.natural:
        return "it has no date, trigger or mtth, so only a 'fire' or 'schedule' effect can start it, and none did"
    if first > calendar.last_turn or last < 0:
        return f"its date ({calendar.label(first) if first > calendar.last_turn else calendar.label(last)}) lies outside the campaign ({span}), so only a 'fire' or 'schedule' effect could start it"
    window = (
        f"from {calendar.label(max(first, 0))} to {calendar.label(min(last, calendar.last_turn))}"
    )
    if event.mtth is not None:
        return (
            f"its trigger never held, or held without its random chance (mtth) coming up, {window}"
        )
    return f"its trigger never held {window}"
