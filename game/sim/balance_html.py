"""The balance report as one self-contained HTML page: the debrief's styles and colours,
inline SVG charts, no scripts and no network, and print styles."""

from __future__ import annotations

from html import escape

from game.debrief.html import CSS as DEBRIEF_CSS
from game.debrief.svg import ACCENT, GRID, HISTORY, INK, SOFT, _scale
from game.sim.balance import BalanceReport, DecisionStats, EndingStats, EventStats, IndicatorBands

POLICY_WORDS = {
    "random": "changes its policies now and then, takes any open decision at random and picks any open option",
    "heuristic": "follows the scenario's hints: each policy's preference, each decision's weight and each option's weight",
    "historical": "gives the orders and makes the choices of the scenario's historical record",
    "scripted": "plays the orders and choices of a script, and answers the rest like the heuristic policy",
}

HEAT_CELL = 14

CSS = (
    DEBRIEF_CSS
    + """
main { max-width: 72rem; }
.glance { background: #fff; border: 1px solid var(--line); padding: .6rem 1rem; }
.glance ul { margin: .3rem 0; padding-left: 1.2rem; }
.warn { color: var(--accent); font-weight: 700; }
.callout { border-left: 4px solid var(--accent); background: #fff; padding: .4rem .8rem; margin: .6rem 0; break-inside: avoid; }
.callout h3 { margin-top: .2rem; }
.callout ul { margin: .2rem 0; padding-left: 1.2rem; }
table.stats { border-collapse: collapse; width: 100%; font-size: .86rem; }
table.stats th { text-align: left; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--soft); border-bottom: 2px solid var(--ink); padding: .3rem .35rem; vertical-align: bottom; }
table.stats td { border-bottom: 1px solid var(--line); padding: .25rem .35rem; vertical-align: middle; }
table.choices td { vertical-align: top; }
table.stats th.num { text-align: right; }
table.stats td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.stats td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.stats tr.never td { background: #fbeaea; }
table.stats svg { display: block; }
.id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .78rem; color: var(--soft); }
.flag { font-size: .7rem; font-weight: 700; text-transform: uppercase; color: #fff; background: var(--accent); padding: 0 .3rem; border-radius: 2px; white-space: nowrap; }
.when { white-space: nowrap; }
.axis { display: flex; justify-content: space-between; font-size: .65rem; font-weight: 400; letter-spacing: 0; }
pre.cmd { background: #fff; border: 1px solid var(--line); padding: .35rem .6rem; margin: .25rem 0 .5rem; font-size: .78rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.ending-block { border: 1px solid var(--line); background: #fff; padding: .5rem .8rem; margin: .6rem 0; break-inside: avoid; }
.ending-block h3 { margin: 0 0 .2rem; }
.ending-block .figures { display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; }
.option-text { color: var(--soft); }
.bands { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
@media (max-width: 700px) { .bands { grid-template-columns: 1fr; } }
@media print {
  main { max-width: none; }
  table.stats { font-size: 8.5pt; }
  svg.heat { width: 126px; height: auto; }
  .axis { width: 126px !important; }
  table.stats tr.never td { background: none; }
  .bands { grid-template-columns: 1fr 1fr; }
  .ending-block, pre.cmd { break-inside: avoid; }
}
"""
)


def render_balance_html(report: BalanceReport) -> str:
    r = report
    never_fired, never_taken = r.never_fired(), r.never_taken()
    unchosen = [
        (e, o) for e in r.events if e.campaigns for o in e.options if o.chosen == 0 and e.options
    ]
    body = [
        '<header class="title">',
        '<div class="kicker">Great Turn · balance report</div>',
        f"<h1>{escape(r.scenario_title)}: how it plays over {r.runs:,} campaigns</h1>",
        f'<p class="meta">Scenario <span class="id">{escape(r.scenario_id)}</span> '
        f"(content {escape(r.content_hash[:12])}) · {r.runs:,} campaigns, seeds {r.first_seed} to {r.last_seed} · "
        f"the <b>{escape(r.policy)}</b> policy · campaign dates {escape(r.start)} to {escape(r.end)}</p>",
        "</header>",
    ]
    body.append(_glance(r, never_fired, never_taken, unchosen))
    body.append(_endings_section(r))
    body.append(_events_section(r, never_fired))
    body.append(_decisions_section(r, never_taken))
    body.append(_choices_section(r))
    body.append(_indicators_section(r))
    body.append(
        "<h2>6. Replay any campaign</h2>"
        f"<p>Every campaign of this report is known by its seed, from {r.first_seed} to {r.last_seed}. "
        "The same scenario, seed and policy always give the same campaign, bit for bit, so any seed above "
        "can be played again on its own and read as a debrief: quarter by quarter, with the cause of every change.</p>"
        f'<pre class="cmd">{escape(chr(10).join(r.replay_commands(r.first_seed)))}</pre>'
        "<p>Change the seed in both commands for another campaign. If you change the scenario's files, "
        "run the report again: the same seed then plays differently.</p>"
    )
    body.append(
        "<footer>Made by Great Turn's balance tool: "
        f"<code>python -m game simulate {escape(r.scenario_ref)} --runs {r.runs} --seed {r.first_seed} "
        f"--policy {escape(r.policy)} --report …</code>. No scripts, no network: this page is the whole report.</footer>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Balance report: {escape(r.scenario_title)} ({r.runs:,} campaigns, {escape(r.policy)} policy)</title>"
        f"<style>{CSS}</style></head><body><main>" + "\n".join(body) + "</main></body></html>\n"
    )


def _glance(r: BalanceReport, never_fired, never_taken, unchosen) -> str:
    items = []
    common = max(r.endings, key=lambda e: e.count)
    items.append(
        f"The commonest ending is <b>{escape(common.title)}</b> ({_pct(common.share)} of campaigns)."
    )
    unreached = [e for e in r.endings if e.count == 0]
    if unreached:
        items.append(
            f'<span class="warn">{len(unreached)} of {len(r.endings)} endings never reached</span>: '
            + ", ".join(escape(e.title) for e in unreached)
            + "."
        )
    items.append(
        f"A campaign lasts {r.quarters_per_campaign:.1f} quarters on average and asks "
        f"for {r.choices_per_campaign:.1f} choices at events."
    )
    items.append(
        _count_line(len(never_fired), len(r.events), "event", "never fired", "#never-fired")
    )
    items.append(
        _count_line(len(never_taken), len(r.decisions), "decision", "never taken", "#never-taken")
    )
    if unchosen:
        items.append(
            f'<span class="warn">{len(unchosen)} option{"s" if len(unchosen) != 1 else ""} never chosen</span> at events that did fire (section 4).'
        )
    items.append(f"The {escape(r.policy)} policy {escape(POLICY_WORDS.get(r.policy, ''))}.")
    return (
        '<section class="glance"><b>At a glance</b><ul>'
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul></section>"
    )


def _count_line(missing: int, total: int, noun: str, verb: str, anchor: str) -> str:
    if total == 0:
        return f"The scenario has no {noun}s."
    if missing == 0:
        return f"Every one of the {total} {noun}s was {verb.split()[-1]} in some campaign."
    return f'<a href="{anchor}" class="warn">{missing} of {total} {noun}s {verb}</a>.'


def _endings_section(r: BalanceReport) -> str:
    out = [
        "<h2>1. How campaigns end</h2>",
        '<p class="legend">The share of campaigns that reached each ending, and the quarter in which they reached it '
        f"(one bar per quarter, {escape(r.start)} to {escape(r.end)}). "
        "<i>Half by</i> is the quarter by which half of those campaigns had ended. "
        "Each example is one campaign you can replay, then read as a debrief.</p>",
    ]
    out.append(_ending_bars(r.endings))
    for ending in sorted(r.endings, key=lambda e: -e.count):
        if ending.count:
            out.append(_ending_block(r, ending))
    unreached = [e for e in r.endings if e.count == 0]
    if unreached:
        out.append(
            f'<div class="callout"><h3>Never reached ({len(unreached)} of {len(r.endings)})</h3>'
            "<p>No campaign of this run ended so. Check these endings' conditions, "
            "or try another policy.</p><ul>"
            + "".join(
                f'<li><b>{escape(e.title)}</b> <span class="id">{escape(e.id)}</span></li>'
                for e in unreached
            )
            + "</ul></div>"
        )
    return "\n".join(out)


def _ending_bars(endings: tuple[EndingStats, ...]) -> str:
    width, row, label_w = 700, 26, 320
    height = row * len(endings) + 8
    bar_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Share of campaigns by ending" style="width:100%;max-width:{width}px">'
    ]
    for i, e in enumerate(endings):
        y = 4 + i * row
        length = max(e.share * bar_w, 0 if e.count == 0 else 1.5)
        title = e.title if len(e.title) <= 46 else e.title[:45] + "…"
        colour = SOFT if e.id == "no_ending" else ACCENT
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13" fill="{INK}">{escape(title)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="18" fill="{GRID}" opacity="0.45"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="18" fill="{colour}"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 16}" font-size="13" fill="{INK}" font-weight="700">{_pct(e.share)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ending_block(r: BalanceReport, e: EndingStats) -> str:
    when = (
        f"in {escape(e.first)}"
        if e.first == e.last
        else f"from {escape(e.first or '')} to {escape(e.last or '')}, half by {escape(e.typical or '')}"
    )
    out = [
        f'<div class="ending-block"><h3>{escape(e.title)}</h3>',
        f'<div class="figures"><span><span class="id">{escape(e.id)}</span> · <b>{_pct(e.share)}</b> '
        f"({e.count:,} campaign{'s' if e.count != 1 else ''}), reached {when}</span>",
        f'<span class="when">{_histogram(e.by_turn, r.start, r.end)}</span></div>',
    ]
    seeds = ", ".join(f"{x.seed} (ended {escape(x.date)})" for x in e.examples)
    out.append(
        f'<p class="legend" style="margin:.4rem 0 0">Campaigns that ended so: seeds {seeds}. '
        "To replay one and read its debrief:</p>"
    )
    lines = []
    for example in e.examples:
        lines.append(f"# seed {example.seed}, ended {example.date}")
        lines.extend(r.replay_commands(example.seed))
    out.append(f'<pre class="cmd">{escape(chr(10).join(lines))}</pre>')
    out.append("</div>")
    return "".join(out)


def _histogram(counts: tuple[int, ...], start: str, end: str) -> str:
    """Campaigns per quarter as thin bars over a year scale (a tick where each year begins)."""
    width, height, base = 300, 46, 30
    n = max(len(counts), 1)
    top = max(counts) or 1
    step = width / n
    first_year, first_quarter = int(start[:4]), int(start[-1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="campaigns ending in each quarter">',
        f'<line x1="0" x2="{width}" y1="{base + 0.5}" y2="{base + 0.5}" stroke="{SOFT}"/>',
    ]
    for i in range(n):
        quarters = first_quarter - 1 + i
        if quarters % 4 == 0:  # a year begins at this quarter
            x = i * step
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{base}" y2="{base + 4}" stroke="{SOFT}"/>'
            )
            year = first_year + quarters // 4
            if year % 5 == 0 and 40 < x < width - 40:
                parts.append(
                    f'<text x="{x:.1f}" y="{height - 3}" font-size="10" fill="{SOFT}" text-anchor="middle">{year}</text>'
                )
    for i, count in enumerate(counts):
        if not count:
            continue
        h = max(count / top * (base - 2), 1.5)
        parts.append(
            f'<rect x="{i * step + 0.5:.1f}" y="{base - h:.1f}" width="{max(step - 1, 1):.1f}" height="{h:.1f}" fill="{ACCENT}">'
            f"<title>{count:,} campaigns</title></rect>"
        )
    parts.append(
        f'<text x="0" y="{height - 3}" font-size="10" fill="{SOFT}">{escape(start)}</text>'
        f'<text x="{width}" y="{height - 3}" font-size="10" fill="{SOFT}" text-anchor="end">{escape(end)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _heat_row(values: tuple[float, ...], years: tuple[int, ...], unit: str) -> str:
    """One cell a year, darker the more often it happens (a campaign a year = darkest)."""
    cell, height = HEAT_CELL, 14
    width = cell * len(values)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="heat" role="img" aria-label="by year">'
    ]
    for i, (value, year) in enumerate(zip(values, years, strict=True)):
        strength = 0.0 if value <= 0 else 0.15 + 0.85 * min(value, 1.0) ** 0.5
        fill = HISTORY if strength else "#ffffff"
        parts.append(
            f'<rect x="{i * cell + 0.5}" y="0.5" width="{cell - 1}" height="{height - 1}" fill="{fill}" '
            f'fill-opacity="{strength if strength else 1:.2f}" stroke="{GRID}">'
            f"<title>{year}: {value:.2f} {unit} per campaign</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _year_axis(years: tuple[int, ...]) -> str:
    return (
        f'<div class="axis" style="width:{HEAT_CELL * len(years)}px">'
        f"<span>{years[0]}</span><span>{years[-1]}</span></div>"
    )


def _events_section(r: BalanceReport, never_fired: list[EventStats]) -> str:
    out = ["<h2>2. Events: how often and when</h2>"]
    if never_fired:
        out.append(
            f'<div class="callout" id="never-fired"><h3>Never fired ({len(never_fired)} of {len(r.events)})</h3>'
            "<p>Not one campaign saw these events. Check their dates and triggers, or the events meant to "
            "schedule them; the reason given is the likeliest one.</p><ul>"
        )
        for e in never_fired:
            out.append(
                f'<li><b>{escape(e.title)}</b> <span class="id">{escape(e.id)}</span>: {escape(e.never_reason)}.</li>'
            )
        out.append("</ul></div>")
    else:
        out.append(
            f"<p>Every one of the {len(r.events)} events fired in at least one campaign.</p>"
        )
    out.append(
        '<p class="legend">In the order the scenario\'s files list them. <i>Fired in</i>: the share of campaigns in which '
        "the event fired at least once. <i>Per campaign</i>: how many times it fired, on average. <i>First</i>: the earliest "
        "quarter it fired in any campaign; <i>half by</i>: the quarter by which half of the campaigns where it fired had seen it. "
        "<i>By year</i>: one cell a year, darker the more often it fired that year (darkest: once a campaign or more). "
        "<i>Seed</i>: a campaign in which it fired.</p>"
    )
    out.append(
        '<table class="stats"><thead><tr><th>Event</th><th class="num">Fired in</th>'
        '<th class="num">Per campaign</th><th>First</th><th>Half by</th>'
        f'<th>By year<br>{_year_axis(r.years)}</th><th class="num">Seed</th></tr></thead><tbody>'
    )
    for e in r.events:
        never = e.campaigns == 0
        flag = ' <span class="flag">never fired</span>' if never else ""
        out.append(
            f"<tr{' class=never' if never else ''}><td><b>{escape(e.title)}</b>{flag}<br>"
            f'<span class="id">{escape(e.id)} · {escape(e.group)}</span></td>'
            f'<td class="num">{_pct(e.share)}</td><td class="num">{_rate(e.per_campaign)}</td>'
            f'<td class="date">{escape(e.first or "—")}</td><td class="date">{escape(e.typical or "—")}</td>'
            f"<td>{_heat_row(e.by_year, r.years, 'firings')}</td>"
            f'<td class="num">{e.example_seed if e.example_seed is not None else "—"}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _choices_section(r: BalanceReport) -> str:
    asked = [e for e in r.events if e.options and e.campaigns]
    out = [
        "<h2>4. Choices at events</h2>",
        f'<p class="legend">For each event with options that fired, how often the {escape(r.policy)} policy took each option. '
        "The shares say as much about the policy as about the scenario: a player may choose otherwise. "
        "An option never chosen was either never open (its conditions) or never preferred. "
        '<span class="hist">historical</span> marks what the real leadership chose.</p>',
    ]
    if not asked:
        out.append("<p>No event with options fired.</p>")
        return "\n".join(out)
    out.append(
        '<table class="stats choices"><thead><tr><th>Event</th><th class="num">Asked</th><th>Options</th></tr></thead><tbody>'
    )
    for e in asked:
        lines = []
        for o in e.options:
            mark = ' <span class="hist">historical</span>' if o.historical else ""
            flag = ' <span class="flag">never chosen</span>' if o.chosen == 0 else ""
            lines.append(
                f'<div>{_share_bar(o.share)} <b>{_pct(o.share)}</b> <span class="id">{escape(o.id)}</span>{mark}{flag} '
                f'<span class="option-text">{escape(o.text)}</span></div>'
            )
        total = sum(o.chosen for o in e.options)
        out.append(
            f'<tr><td><b>{escape(e.title)}</b><br><span class="id">{escape(e.id)}</span></td>'
            f'<td class="num">{total:,}</td><td>{"".join(lines)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _share_bar(share: float) -> str:
    width = 60
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 10" width="{width}" height="10" '
        f'style="display:inline-block;vertical-align:middle" aria-hidden="true">'
        f'<rect x="0" y="0" width="{width}" height="10" fill="{GRID}" opacity="0.6"/>'
        f'<rect x="0" y="0" width="{share * width:.1f}" height="10" fill="{HISTORY}"/></svg>'
    )


def _decisions_section(r: BalanceReport, never_taken: list[DecisionStats]) -> str:
    out = ["<h2>3. Decisions</h2>"]
    if not r.decisions:
        out.append("<p>The scenario has no decisions.</p>")
        return "\n".join(out)
    if never_taken:
        out.append(
            f'<div class="callout" id="never-taken"><h3>Never taken ({len(never_taken)} of {len(r.decisions)})</h3><ul>'
        )
        for d in never_taken:
            out.append(
                f'<li><b>{escape(d.title)}</b> <span class="id">{escape(d.id)}</span>: {escape(d.never_reason)}.</li>'
            )
        out.append("</ul></div>")
    else:
        out.append(
            f"<p>Every one of the {len(r.decisions)} decisions was taken in some campaign.</p>"
        )
    out.append(
        f'<p class="legend">In the order the scenario\'s files list them. <i>Open in</i>: the share of campaigns in which '
        f"the decision could be taken at some point. <i>Taken in</i>: the share of campaigns in which the {escape(r.policy)} "
        "policy took it. <i>Per campaign</i>: how many times it was taken, on average. "
        "<i>Succeeded</i>: for decisions with odds, the share of attempts that worked. "
        "<i>By year</i>: darker the more often it was taken that year.</p>"
    )
    out.append(
        '<table class="stats"><thead><tr><th>Decision</th><th class="num">Open in</th><th class="num">Taken in</th>'
        '<th class="num">Per campaign</th><th class="num">Succeeded</th><th>First</th><th>Half by</th>'
        f'<th>By year<br>{_year_axis(r.years)}</th><th class="num">Seed</th></tr></thead><tbody>'
    )
    for d in r.decisions:
        never = d.attempts == 0
        flag = ' <span class="flag">never taken</span>' if never else ""
        success = _pct(d.successes / d.attempts) if d.has_odds and d.attempts else "—"
        out.append(
            f"<tr{' class=never' if never else ''}><td><b>{escape(d.title)}</b>{flag}<br>"
            f'<span class="id">{escape(d.id)} · {escape(d.group)}</span></td>'
            f'<td class="num">{_pct(d.available_share)}</td><td class="num">{_pct(d.share)}</td>'
            f'<td class="num">{_rate(d.attempts / r.runs)}</td><td class="num">{success}</td>'
            f'<td class="date">{escape(d.first or "—")}</td><td class="date">{escape(d.typical or "—")}</td>'
            f"<td>{_heat_row(d.by_year, r.years, 'times taken')}</td>"
            f'<td class="num">{d.example_seed if d.example_seed is not None else "—"}</td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _indicators_section(r: BalanceReport) -> str:
    out = [
        "<h2>5. Key variables year by year</h2>",
        '<p class="legend">Each variable at the end of each year (the last year: at the end of the campaign, '
        f"{escape(r.sample_dates[-1])}), across the campaigns still going then. "
        '<span class="you">Red line</span>: the median campaign. Shaded: the middle 80% of campaigns '
        "(from the 10th to the 90th percentile), so one campaign in ten lies above the band and one below. "
        f"{_still_going(r)}</p>",
        '<div class="bands">',
    ]
    for bands in r.indicators:
        unit = f" ({escape(_unit_words(bands.unit))})" if bands.unit else ""
        out.append(
            f'<figure><figcaption>{escape(bands.label)}{unit} <span class="id">{escape(bands.var)}</span></figcaption>'
            f"{_band_chart(bands, r.years)}</figure>"
        )
    out.append("</div>")
    return "\n".join(out)


def _still_going(r: BalanceReport) -> str:
    """Which years' figures rest on fewer campaigns, because some had already ended."""
    if not r.indicators:
        return ""
    playing = r.indicators[0].playing
    fewer = [f"{n:,} in {year}" for n, year in zip(playing, r.years, strict=True) if n < r.runs]
    if not fewer:
        return f"All {r.runs:,} campaigns were still going at the end of every year."
    return f"Fewer campaigns were still going at the end of {', '.join(fewer)}."


def _band_chart(
    b: IndicatorBands, years: tuple[int, ...], width: int = 520, height: int = 190
) -> str:
    """The median as a line over the shaded band from the 10th to the 90th percentile."""
    left, right, top, bottom = 78, 12, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    points = [
        (i, lo, mid, hi)
        for i, (lo, mid, hi) in enumerate(zip(b.p10, b.p50, b.p90, strict=True))
        if lo is not None and mid is not None and hi is not None
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(b.label)}">'
    ]
    if not points:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{SOFT}">no campaign reached the end of a year</text></svg>'
        )
        return "".join(parts)
    low = min(min(p[1] for p in points), b.initial)
    high = max(max(p[3] for p in points), b.initial)
    if high <= low:
        low, high = low - 1, high + 1
    count = max(len(years) - 1, 1)

    def x(i: float) -> float:
        return left + i / count * plot_w

    def y(v: float) -> float:
        return top + plot_h - _scale(v, low, high, 0, plot_h)

    for fraction in (0.0, 0.5, 1.0):
        value = low + fraction * (high - low)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11" fill="{SOFT}">{escape(b.number(value))}</text>'
        )
    for i, year in enumerate(years):
        if i in (0, len(years) - 1) or (len(years) > 6 and i % 3 == 0 and i < len(years) - 2):
            anchor = "start" if i == 0 else "end" if i == len(years) - 1 else "middle"
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 8}" font-size="11" fill="{SOFT}" text-anchor="{anchor}">{year}</text>'
            )
    upper = " ".join(f"{x(i):.1f},{y(hi):.1f}" for i, _, _, hi in points)
    lower = " ".join(f"{x(i):.1f},{y(lo):.1f}" for i, lo, _, _ in reversed(points))
    parts.append(
        f'<polygon points="{upper} {lower}" fill="{ACCENT}" fill-opacity="0.18" stroke="none"/>'
    )
    median = " ".join(f"{x(i):.1f},{y(mid):.1f}" for i, _, mid, _ in points)
    parts.append(f'<polyline points="{median}" fill="none" stroke="{ACCENT}" stroke-width="2.5"/>')
    for i, lo, mid, hi in points:
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(mid):.1f}" r="6" fill="{ACCENT}" fill-opacity="0">'
            f"<title>{years[i]}: median {escape(b.number(mid))}, 10th to 90th percentile "
            f"{escape(b.number(lo))} to {escape(b.number(hi))} "
            f"({b.playing[i]:,} campaigns)</title></circle>"
        )
    last = points[-1]
    parts.append(
        f'<text x="{x(last[0]) - 4:.1f}" y="{y(last[2]) - 6:.1f}" font-size="11" font-weight="700" fill="{ACCENT}" text-anchor="end">{escape(b.number(last[2]))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _unit_words(unit: str) -> str:
    """The caption's unit: the figures below are real quantities in it."""
    return {"flag": "1 = yes, 0 = no"}.get(unit, unit)


def _rate(per_campaign: float) -> str:
    if 0 < per_campaign < 0.01:
        return "&lt;0.01"
    return f"{per_campaign:.2f}"


def _pct(share: float) -> str:
    if share == 0:
        return "0%"
    if share < 0.001:
        return "&lt;0.1%"
    if share < 0.1:
        return f"{100 * share:.1f}%"
    return f"{100 * share:.0f}%"
