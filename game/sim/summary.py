"""Summaries of batch runs: the distribution of endings and how often events fire."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core.model import Scenario
from game.sim.batch import BatchResult


@dataclass
class BatchSummary:
    scenario: Scenario
    policy: str
    runs: int = 0
    ending_counts: dict[str, int] = field(default_factory=dict)
    ending_turns: dict[str, list[int]] = field(default_factory=dict)
    event_campaigns: dict[str, int] = field(default_factory=dict)
    event_firings: dict[str, int] = field(default_factory=dict)
    quarters_played: int = 0
    choices_made: int = 0

    def add(self, result: BatchResult) -> None:
        self.runs += len(result.seeds)
        endings, turns = result.endings, result.end_turns
        for ending in self.scenario.endings:
            rows = endings == ending.index
            self.ending_counts[ending.id] = self.ending_counts.get(ending.id, 0) + int(rows.sum())
            self.ending_turns.setdefault(ending.id, []).extend(int(t) for t in turns[rows])
        self.quarters_played += int((turns + 1).sum())
        counts = result.fire_counts()
        with_options = [e.index for e in self.scenario.events if e.asks]
        self.choices_made += int(counts[:, with_options].sum())
        for event in self.scenario.events:
            column = counts[:, event.index]
            self.event_campaigns[event.id] = self.event_campaigns.get(event.id, 0) + int(
                (column > 0).sum()
            )
            self.event_firings[event.id] = self.event_firings.get(event.id, 0) + int(column.sum())

    def merge(self, later: BatchSummary) -> None:
        """Add a summary of the batches that follow (from another process, perhaps)."""
        self.runs += later.runs
        self.quarters_played += later.quarters_played
        self.choices_made += later.choices_made
        for mine, theirs in (
            (self.ending_counts, later.ending_counts),
            (self.event_campaigns, later.event_campaigns),
            (self.event_firings, later.event_firings),
        ):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count
        for key, turns in later.ending_turns.items():
            self.ending_turns.setdefault(key, []).extend(turns)

    def __getstate__(self) -> dict:
        # Crosses processes as counts alone: the compiled scenario cannot be pickled.
        return {k: v for k, v in self.__dict__.items() if k != "scenario"}

    def never_fired(self) -> list[str]:
        return [e for e, n in self.event_campaigns.items() if n == 0]

    def to_dict(self) -> dict:
        label = self.scenario.calendar.label
        return {
            "scenario": self.scenario.id,
            "content_hash": self.scenario.content_hash,
            "policy": self.policy,
            "runs": self.runs,
            "endings": {
                e: {
                    "count": n,
                    "share": n / self.runs if self.runs else 0.0,
                    "median_date": label(int(np.median(self.ending_turns[e]))) if n else None,
                }
                for e, n in self.ending_counts.items()
            },
            "events": {
                e: {
                    "campaigns": n,
                    "share": n / self.runs if self.runs else 0.0,
                    "firings": self.event_firings[e],
                }
                for e, n in self.event_campaigns.items()
            },
            "never_fired": self.never_fired(),
            "pacing": {
                "quarters_per_campaign": self.quarters_played / self.runs if self.runs else 0.0,
                "event_choices_per_campaign": self.choices_made / self.runs if self.runs else 0.0,
                "event_choices_per_quarter": (
                    self.choices_made / self.quarters_played if self.quarters_played else 0.0
                ),
            },
        }

    def lines(self) -> list[str]:
        data = self.to_dict()
        out = ["Endings:"]
        width = max((len(e) for e in data["endings"]), default=10)
        for ending_id, info in sorted(data["endings"].items(), key=lambda kv: -kv[1]["count"]):
            when = f"  typically {info['median_date']}" if info["median_date"] else ""
            title = self.scenario.ending(ending_id).title
            out.append(
                f"  {ending_id:<{width}} {info['count']:>7} {100 * info['share']:6.1f}%  {title}{when}"
            )
        out.append("Events (share of campaigns in which each fired):")
        width = max((len(e) for e in data["events"]), default=10)
        for event_id, info in data["events"].items():
            out.append(
                f"  {event_id:<{width}} {100 * info['share']:6.1f}%  ({info['firings']} firings)"
            )
        pacing = data["pacing"]
        out.append(
            f"Pacing: {pacing['quarters_per_campaign']:.1f} quarters a campaign, "
            f"{pacing['event_choices_per_campaign']:.1f} events to answer "
            f"({pacing['event_choices_per_quarter']:.2f} a quarter)"
        )
        never = data["never_fired"]
        out.append(
            f"Never fired: {', '.join(never)}" if never else "Every event fired in some campaign."
        )
        return out
