"""A campaign written out as a golden playthrough: plain text a person can read and a diff
can show, in the manner of OpenSpiel's `playthroughs/*.txt`. Per quarter: the date, the
orders, the decisions taken, the events fired, the choices and the largest changes with
their causes; at the end the ending and the digest of the final state."""

from __future__ import annotations

from game.core.campaign import Campaign
from game.core.records import TurnRecord

LARGEST = 5


def render(campaign: Campaign, title: str) -> str:
    lines = [f"# {title}", f"# scenario {campaign.scenario.id}, seed {campaign.seed}", ""]
    for record in campaign.records:
        lines += _quarter(record)
    ending = campaign.ending.id if campaign.ending else "(none)"
    lines += [
        "== final ==",
        f"ending: {ending}, at turn {campaign.turn}",
        f"digest: {campaign.state.digest()}",
    ]
    return "\n".join(lines) + "\n"


def _quarter(record: TurnRecord) -> list[str]:
    policies = ", ".join(f"{p}={v:g}" for p, v in record.orders.policies.items()) or "-"
    decisions = ", ".join(
        f"{d} ({'succeeded' if ok else 'failed'})" for d, ok in record.decisions.items()
    )
    lines = [
        f"== turn {record.turn}, {record.date} ==",
        f"policies: {policies}",
        f"ordered: {', '.join(record.orders.decisions) or '-'}",
        f"taken: {decisions or '-'}",
        f"fired: {', '.join(record.fired) or '-'}",
        f"choices: {', '.join(f'{e} -> {o}' for e, o in record.choices.items()) or '-'}",
    ]
    largest = sorted(record.changes, key=lambda c: (-abs(c.delta), c.var, str(c.cause)))
    lines.append(f"largest changes ({len(record.changes)} in all):")
    lines += [f"  {c.var} {c.delta:+.6g} ({c.cause})" for c in largest[:LARGEST]]
    if record.ending:
        lines.append(f"ends: {record.ending}")
    return [*lines, ""]


def first_difference(expected: str, actual: str) -> tuple[str, str, str] | None:
    """The first block (header, quarter or final) that differs: its heading, both versions."""
    old, new = _blocks(expected), _blocks(actual)
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else ("(missing)", "")
        after = new[index] if index < len(new) else ("(missing)", "")
        if before != after:
            heading = after[0] if index < len(new) else before[0]
            return heading, before[1], after[1]
    return None


def _blocks(text: str) -> list[tuple[str, str]]:
    blocks: list[tuple[str, list[str]]] = [("header", [])]
    for line in text.splitlines(keepends=True):
        if line.startswith("== "):
            blocks.append((line.strip(), []))
        blocks[-1][1].append(line)
    return [(heading, "".join(body)) for heading, body in blocks]
