"""A tiny world for one rule case: a few variables plus the content under test, written as
YAML to a temporary folder and loaded by the real loader, then played quarter by quarter
alone (`Campaign`) or as rows of a batch (`begin_turn` / `finish_turn`).

Every case reads set up -> orders -> resolve -> check, like the DATC cases of a Diplomacy
adjudicator: the YAML snippet is the set-up, the orders are plain `Orders`, and the check
is on what a player would see (values, the turn record, the ending).
"""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.core.model import Scenario
from game.core.orders import BatchOrders, Orders
from game.core.pipeline import begin_turn, finish_turn
from game.core.records import TurnRecord, build_record
from game.core.state import State

# The variables every tiny world has. Valuta is the purse decisions pay from.
_HEADER = """\
scenario:
  id: rules
  title: One rule
  start: {start}
  end: {end}
  steps: [economy, politics]
  max_decisions_per_turn: {max_decisions}
{pacing}variables:
  economy.valuta: {{group: economy, min: 0, max: 100, initial: {valuta}}}
  economy.output: {{group: economy, min: 0, max: 1000, initial: 100}}
  society.unrest: {{group: society, min: 0, max: 100, initial: 10}}
  party.control: {{group: party, min: 0, max: 100, initial: 50}}
  flag.a: {{group: flags, min: 0, max: 1, initial: 0, kind: flag}}
  flag.b: {{group: flags, min: 0, max: 1, initial: 0, kind: flag}}
  policy.pace: {{group: economy, min: 0, max: 2, initial: 1, kind: level, labels: [slow, steady, crash]}}
"""

_DEFAULT_ENDINGS = """\
endings:
  - id: survived
    title: Survived
    at_end: true
"""

_folders = itertools.count()


def world(
    tmp_path: Path,
    content: str | dict[str, str],
    *,
    valuta: float = 20,
    max_decisions: int = 3,
    start: str = "1930-Q1",
    end: str = "1932-Q4",
    endings: str = _DEFAULT_ENDINGS,
    pacing: dict[str, int] | None = None,
) -> Scenario:
    """Load a tiny scenario holding `content` (one YAML snippet, or file name -> snippet);
    `pacing` sets the scenario's caps on choices, e.g. {"choices_per_quarter": 2}."""
    folder = tmp_path / f"world{next(_folders)}"
    files = {"content.yaml": content} if isinstance(content, str) else content
    settings = "".join(f"  {key}: {value}\n" for key, value in (pacing or {}).items())
    header = _HEADER.format(
        start=start, end=end, max_decisions=max_decisions, valuta=valuta, pacing=settings
    )
    files = {"scenario.yaml": header + textwrap.dedent(endings), **files}
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_scenario(folder)


def play(
    scenario: Scenario,
    *turns: Orders | tuple[str, ...] | None,
    choices: dict[str, str] | None = None,
    seed: int = 1,
) -> Campaign:
    """A lone campaign playing one quarter per item of `turns` (a tuple is decisions only)."""
    campaign = Campaign(scenario, seed)
    for orders in turns:
        campaign.play(as_orders(orders), choices or {})
    return campaign


def as_orders(orders: Orders | tuple[str, ...] | None) -> Orders:
    if orders is None:
        return Orders()
    if isinstance(orders, Orders):
        return orders
    return Orders(decisions=tuple(orders))


def quiet(scenario: Scenario, quarters: int, seed: int = 1) -> Campaign:
    """A lone campaign that gives no orders for `quarters` quarters (first open option)."""
    campaign = Campaign(scenario, seed)
    for _ in range(quarters):
        events = campaign.submit(Orders())
        campaign.answer({event.id: options[0] for event, options in events})
    return campaign


@dataclass
class BatchRun:
    """Several campaigns played in lockstep as the rows of one batch."""

    scenario: Scenario
    state: State
    records: list[list[TurnRecord]]

    def value(self, var: str) -> np.ndarray:
        return self.state.column(var)

    def fired_in(self, event_id: str, row: int) -> list[int]:
        """The turns at which the event fired in one row."""
        return [r.turn for r in self.records[row] if event_id in r.fired]


def play_batch(
    scenario: Scenario,
    seeds: list[int] | range,
    quarters: int,
    orders: Orders | tuple[str, ...] | None = None,
    choices: dict[str, str] | None = None,
) -> BatchRun:
    """Every row gives the same orders each quarter; choices name options by id (an event
    not named gets its first open option in each row)."""
    state = State.initial(scenario.layout, list(seeds))
    single = BatchOrders.single(scenario, as_orders(orders))
    batch_orders = BatchOrders(
        np.repeat(single.policy_values, state.batch, axis=0),
        np.repeat(single.decisions, state.batch, axis=0),
    )
    records: list[list[TurnRecord]] = [[] for _ in range(state.batch)]
    for _ in range(quarters):
        pending = begin_turn(scenario, state, batch_orders)
        picks: dict[int, np.ndarray] = {}
        for event in scenario.events:
            if not event.options:
                continue
            wanted = (choices or {}).get(event.id)
            row_picks = []
            for row in range(state.batch):
                open_options = pending.open_options(event, row) or [0]
                index = event.option(wanted).index if wanted else open_options[0]
                row_picks.append(index)
            picks[event.index] = np.array(row_picks)
        result = finish_turn(pending, picks)
        for row in np.flatnonzero(result.active):
            records[row].append(build_record(scenario, result, int(row)))
        state = result.state
    return BatchRun(scenario, state, records)


def changes(record: TurnRecord) -> list[tuple[str, float, str]]:
    """A record's ledger as a player reads it: variable, change, cause."""
    return [(c.var, c.delta, str(c.cause)) for c in record.changes]
