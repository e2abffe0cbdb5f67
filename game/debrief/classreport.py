"""The class report: a folder of students' saves or summaries, compared.

Damaged or foreign files are listed with the reason and skipped; they never stop the
report.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from game.content.diagnostics import ContentError
from game.content.loader import load_scenario
from game.core.model import Scenario
from game.debrief.html import CSS
from game.debrief.summary import SUMMARY_FORMAT, student_summary
from game.debrief.svg import scatter
from game.saves import MAX_SAVE_BYTES, SaveError, load_save, read_save_header


@dataclass
class ClassData:
    students: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    scenarios: dict[str, Scenario] = field(default_factory=dict)


def _scenario(data: ClassData, scenario_id: str) -> Scenario:
    if scenario_id not in data.scenarios:
        data.scenarios[scenario_id] = load_scenario(scenario_id)
    return data.scenarios[scenario_id]


def collect(folder: Path) -> ClassData:
    data = ClassData()
    for path in sorted(Path(folder).iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix.lower() != ".json":
            data.skipped.append((path.name, "not a save or a summary (.json)"))
            continue
        try:
            if path.stat().st_size > MAX_SAVE_BYTES:
                raise SaveError(f"{path.name} is too large")
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise SaveError(
                    f"damaged: not valid JSON (line {error.lineno}); it may have been cut short"
                ) from error
            if isinstance(raw, dict) and raw.get("format") == SUMMARY_FORMAT:
                if not isinstance(raw.get("scenario"), str) or not isinstance(
                    raw.get("choices"), dict
                ):
                    raise SaveError("the summary is incomplete")
                raw.setdefault("name", path.stem)
                data.students.append(raw)
                continue
            header = read_save_header(path)
            scenario = _scenario(data, str(header.get("scenario", "")))
            campaign = load_save(path, scenario)
            data.students.append(student_summary(campaign, header.get("name") or path.stem))
            data.students[-1]["name"] = path.stem
        except (
            SaveError,
            ContentError,
            UnicodeDecodeError,
            json.JSONDecodeError,
            OSError,
            KeyError,
            TypeError,
            ValueError,
        ) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            data.skipped.append((path.name, reason))
    return data


def _entropy(counts: Counter) -> float:
    total = sum(counts.values())
    return -sum((n / total) * math.log2(n / total) for n in counts.values() if n)


def divisive_choices(data: ClassData) -> list[tuple[str, Counter, int]]:
    """Events the class answered differently, most evenly split first."""
    by_event: dict[str, Counter] = {}
    for student in data.students:
        for event_id, choice in student.get("choices", {}).items():
            by_event.setdefault(event_id, Counter())[choice.get("option", "?")] += 1
    ranked = [
        (event_id, counts, sum(counts.values()))
        for event_id, counts in by_event.items()
        if len(counts) > 1 and sum(counts.values()) >= 2
    ]
    return sorted(ranked, key=lambda item: (-_entropy(item[1]), -item[2]))


def _axis_scores(student: dict) -> list[tuple[str, str, float, float | None, bool]]:
    """A summary's verdict as (axis, title, score, history, cost), skipping what is
    malformed: a summary is a file a student could have edited."""
    verdict = student.get("verdict")
    if not isinstance(verdict, dict):
        return []
    scores = []
    for axis_id, axis in verdict.items():
        if not isinstance(axis, dict) or not isinstance(axis.get("score"), int | float):
            continue
        history = axis.get("history")
        scores.append(
            (
                str(axis_id),
                str(axis.get("title", axis_id)),
                float(axis["score"]),
                float(history) if isinstance(history, int | float) else None,
                axis.get("cost") is True,
            )
        )
    return scores


def _verdict_table(students: list[dict]) -> list[str]:
    """The class's verdicts, axis by axis: mean, range and history, per scenario."""
    html: list[str] = []
    by_scenario: dict[str, list[dict]] = {}
    for student in students:
        by_scenario.setdefault(str(student.get("scenario_title", "")), []).append(student)
    for title, group in by_scenario.items():
        axes: dict[str, list] = {}
        for student in group:
            for axis_id, name, score, history, cost in _axis_scores(student):
                entry = axes.setdefault(axis_id, [name, [], history, cost])
                entry[1].append(score)
        if not axes:
            continue
        html.append(
            f"<h2>The verdict across the class: {escape(title)}</h2>"
            '<p class="legend">Each axis scores 0 to 100 (higher is better for the Union; for '
            "the human cost, higher means fewer lives lost). The class's mean, its range, and "
            "history's own score.</p>"
            '<table class="figures"><tr><th>Axis</th><th>Class mean</th><th>Lowest–highest</th>'
            "<th>History</th><th>Campaigns</th></tr>"
        )
        for name, scores, history, cost in axes.values():
            mean = sum(scores) / len(scores)
            shown = "" if history is None else f"{history:.0f}"
            label = f"<b>{escape(name)}</b>" if cost else escape(name)
            html.append(
                f'<tr><td>{label}</td><td class="num">{mean:.0f}</td>'
                f'<td class="num">{min(scores):.0f}–{max(scores):.0f}</td>'
                f'<td class="num">{shown}</td><td class="num">{len(scores)}</td></tr>'
            )
        html.append("</table>")
    return html


def render_class_report(data: ClassData) -> str:
    students = data.students
    scenario = next(iter(data.scenarios.values()), None)
    if scenario is None and students:
        try:
            scenario = _scenario(data, students[0]["scenario"])
        except ContentError:
            scenario = None
    body = ['<header class="title"><div class="kicker">Great Turn · class report</div>']
    title = (
        students[0].get("scenario_title", students[0]["scenario"]) if students else "No campaigns"
    )
    body.append(f"<h1>{escape(title)}</h1>")
    body.append(
        f'<p class="meta">{len(students)} campaign{"s" if len(students) != 1 else ""} compared; {len(data.skipped)} file{"s" if len(data.skipped) != 1 else ""} skipped.</p></header>'
    )

    body.append(
        '<h2>How the class\'s campaigns ended</h2><table class="figures"><tr><th>Ending</th><th>Students</th><th></th></tr>'
    )
    endings = Counter((s.get("ending") or {}).get("title", "Still playing") for s in students)
    for ending, count in endings.most_common():
        share = count / max(1, len(students))
        bar = f'<div style="background:#be1e2d;height:.8rem;width:{share * 100:.0f}%"></div>'
        body.append(
            f'<tr><td>{escape(ending)}</td><td class="num">{count}</td><td style="width:45%">{bar}</td></tr>'
        )
    body.append("</table>")

    body += _verdict_table(students)

    body.append("<h2>Turning choices: who chose what, and when</h2>")
    divisive = divisive_choices(data)
    for event_id, counts, total in divisive[:12]:
        event = (
            scenario.event(event_id)
            if scenario and event_id in {e.id for e in scenario.events}
            else None
        )
        title = event.title if event else event_id
        dates = sorted(
            s["choices"][event_id]["date"] for s in students if event_id in s.get("choices", {})
        )
        body.append(
            f'<div class="compare"><b>{escape(title)}</b> <span class="source">met by {total} students, {escape(dates[0])} to {escape(dates[-1])}</span><ul>'
        )
        for option_id, count in counts.most_common():
            text = (
                event.option(option_id).text
                if event and option_id in {o.id for o in event.options}
                else option_id
            )
            historical = (
                ' <span class="hist">(history)</span>'
                if event and any(o.id == option_id and o.historical for o in event.options)
                else ""
            )
            body.append(f"<li>{count} chose \u201c{escape(text)}\u201d{historical}</li>")
        body.append("</ul></div>")
    if not divisive:
        body.append("<p>No turning choice divided the class.</p>")

    if scenario is not None and scenario.policies:
        body.append(
            '<h3>Standing policies: the furthest each student went</h3><table class="figures"><tr><th>Policy</th><th>Level reached (students)</th></tr>'
        )
        for policy in scenario.policies:
            peaks = Counter()
            for student in students:
                peak = student.get("policies", {}).get(policy.id, {}).get("peak")
                if peak is not None:
                    level = policy.level(peak)
                    peaks[level.label if level else f"{peak:g}"] += 1
            cells = ", ".join(f"{escape(label)}: {count}" for label, count in peaks.most_common())
            body.append(f"<tr><td>{escape(policy.title)}</td><td>{cells}</td></tr>")
        body.append("</table>")

    if scenario is not None and len(scenario.debrief.scatter) == 2:
        x_var, y_var = scenario.debrief.scatter
        points = [
            (s["indicators"][x_var]["peak"], s["indicators"][y_var]["final"], s.get("name", ""))
            for s in students
            if x_var in s.get("indicators", {}) and y_var in s.get("indicators", {})
        ]
        if points:
            from game.debrief.analysis import label

            body.append(
                f"<h2>{escape(label(scenario, x_var))} against {escape(label(scenario, y_var))}</h2>"
            )
            body.append(
                f"<figure>{scatter(points, f'{label(scenario, x_var)} (highest reached)', f'{label(scenario, y_var)} (at the end)')}</figure>"
            )

    body.append('<h2>Questions for this class</h2><ol class="questions">')
    asked = Counter(q for s in students for q in s.get("questions", []))
    questions = {q.id: q for q in scenario.debrief.questions} if scenario else {}
    ranked = sorted(asked.items(), key=lambda kv: abs(kv[1] / max(1, len(students)) - 0.5))
    for question_id, count in ranked[:6]:
        q = questions.get(question_id)
        if q is None:
            continue
        body.append(
            f'<li><div class="theme">{escape(q.theme)} · applies to {count} of {len(students)}</div>{escape(q.text)}</li>'
        )
    for event_id, counts, _total in divisive[:3]:
        event = (
            scenario.event(event_id)
            if scenario and event_id in {e.id for e in scenario.events}
            else None
        )
        if event is None:
            continue
        (first, a), (second, b) = counts.most_common(2)
        body.append(
            f'<li><div class="theme">where the class split</div>At \u201c{escape(event.title)}\u201d {a} of you chose \u201c{escape(event.option(first).text)}\u201d '
            f"and {b} \u201c{escape(event.option(second).text)}\u201d. Each side: what did you know, what did you fear, and what did it cost later?</li>"
        )
    body.append("</ol>")

    if data.skipped:
        body.append("<h2>Files skipped</h2><ul>")
        for name, reason in data.skipped:
            body.append(f"<li><b>{escape(name)}</b>: {escape(reason)}</li>")
        body.append("</ul>")
    body.append("<footer>Made by Great Turn from the students' own campaign records.</footer>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Class report · {escape(title)}</title><style>{CSS}</style></head><body><main>"
        + "\n".join(body)
        + "</main></body></html>\n"
    )
