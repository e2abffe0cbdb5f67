"""The debrief as one self-contained HTML page: inline CSS and SVG, no scripts, no
network, and print styles that fit A4 and Letter alike."""

from __future__ import annotations

from html import escape

from game.core.model import Source
from game.core.sources import surname
from game.core.verdict import VerdictReading
from game.debrief.analysis import ChainLink, Debrief
from game.debrief.svg import line_chart

CSS = """
:root { --ink: #1c1a18; --soft: #5c564e; --accent: #be1e2d; --history: #1f5f8b; --harm: #96101a; --paper: #fbf8f1; --line: #d9cfbb; }
* { box-sizing: border-box; }
body { font-family: "PT Sans", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: var(--paper); margin: 0; line-height: 1.45; font-size: 15px; }
main { max-width: 58rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
header.title { border-bottom: 6px solid var(--ink); margin-bottom: 1.2rem; }
header.title .kicker { color: var(--accent); font-weight: 700; letter-spacing: .12em; text-transform: uppercase; font-size: .8rem; }
h1 { font-size: 2rem; margin: .2rem 0 .4rem; line-height: 1.1; }
h2 { font-size: 1.3rem; border-left: 8px solid var(--accent); padding-left: .5rem; margin: 2rem 0 .6rem; break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; break-after: avoid; }
.meta { color: var(--soft); margin: 0 0 .8rem; }
.ending { background: #fff; border: 1px solid var(--line); padding: .8rem 1rem; }
.stage { color: var(--soft); font-size: .85rem; font-weight: 700; text-transform: uppercase; letter-spacing: .08em; }
.timeline { border-collapse: collapse; width: 100%; }
.timeline td { border-top: 1px solid var(--line); padding: .25rem .4rem; vertical-align: top; }
.timeline td.date { white-space: nowrap; font-weight: 700; width: 6.5rem; }
.tag { font-size: .72rem; font-weight: 700; text-transform: uppercase; color: var(--soft); margin-right: .3rem; }
.hist { color: var(--history); font-size: .8rem; font-weight: 700; }
.diverge { color: var(--accent); font-size: .8rem; font-weight: 700; }
span.harm { color: var(--harm); font-weight: 700; }
tr.harm td:first-child, figure.harm figcaption { color: var(--harm); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); padding: .4rem .5rem; break-inside: avoid; }
figcaption { font-weight: 700; font-size: .9rem; }
figure svg { width: 100%; height: auto; display: block; }
.legend { font-size: .8rem; color: var(--soft); }
.legend .you { color: var(--accent); font-weight: 700; } .legend .past { color: var(--history); font-weight: 700; }
ul.chain { list-style: none; padding-left: 1.1rem; margin: .2rem 0; border-left: 2px solid var(--line); }
ul.chain li { margin: .15rem 0; }
.delta { font-variant-numeric: tabular-nums; font-weight: 700; display: inline-block; min-width: 4.2rem; }
.player { background: #f6e3c2; padding: 0 .2rem; }
table.figures { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.figures th, table.figures td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; text-align: left; vertical-align: top; }
table.figures td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.compare { border: 1px solid var(--line); background: #fff; padding: .5rem .8rem; margin: .5rem 0; break-inside: avoid; }
.compare .you, .compare .past { margin: .1rem 0; }
.compare .you b { color: var(--accent); } .compare .past b { color: var(--history); }
.source { color: var(--soft); font-size: .82rem; }
.historiography { font-size: .88rem; border-left: 3px solid var(--history); padding-left: .5rem; margin-top: .3rem; }
ol.questions li { margin: .5rem 0; }
.content-note { border: 2px solid var(--harm); background: #fff; padding: .5rem .8rem; margin: 0 0 1rem; font-size: .92rem; }
ul.people { font-size: .88rem; margin: .3rem 0; padding-left: 1.1rem; }
.theme { font-size: .75rem; font-weight: 700; text-transform: uppercase; color: var(--history); letter-spacing: .05em; }
table.verdict { border-collapse: collapse; width: 100%; margin-top: .6rem; }
table.verdict td { border-top: 1px solid var(--line); padding: .35rem .4rem; vertical-align: top; }
table.verdict td.axis { font-weight: 700; width: 9rem; }
table.verdict tr.cost td.axis { color: var(--accent); }
.bar { position: relative; height: .8rem; background: var(--line); margin: .2rem 0 .3rem; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--ink); }
tr.cost .bar .fill { background: var(--accent); }
.bar .mark { position: absolute; top: -.25rem; bottom: -.25rem; width: 3px; background: var(--history); }
.measures { font-size: .85rem; color: var(--soft); }
.price { font-weight: 700; color: var(--accent); margin: .6rem 0 0; }
footer { margin-top: 2.5rem; color: var(--soft); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media (max-width: 700px) { .charts { grid-template-columns: 1fr; } }
@page { size: auto; margin: 14mm 13mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .charts { grid-template-columns: 1fr 1fr; }
  h2 { break-before: auto; }
  .compare, figure, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _sources(sources: tuple[Source, ...], titles: dict[str, str]) -> str:
    if not sources:
        return ""
    parts = []
    for s in sources:
        who = f"{escape(s.historian)}, " if s.historian else ""
        note = f": {escape(s.note)}" if s.note else ""
        title = titles.get(s.file, s.file)
        parts.append(f'{who}<i title="{escape(s.file)}">{escape(title)}</i>{note}')
    return f'<p class="source">Source: {"; ".join(parts)}</p>'


def _chain(link: ChainLink, top: bool = False) -> str:
    mark = ' class="player"' if link.player else ""
    head = (
        f'<span class="delta">{escape(link.change)}</span> <span{mark}>{escape(link.label)}</span>'
    )
    if link.detail:
        head += f' <span class="detail">({escape(link.detail)})</span>'
    children = "".join(f"<li>{_chain(child)}</li>" for child in link.children)
    inner = f'<ul class="chain">{children}</ul>' if children else ""
    return f"<div>{head}{inner}</div>" if top else f"{head}{inner}"


def _verdict(verdict: VerdictReading, final: bool) -> str:
    """The verdict's axes as bars beside history's mark (blue), the cost first."""
    rows = []
    for axis in verdict.axes:
        past = axis.shown_history
        mark = (
            ""
            if past is None
            else f'<span class="mark" style="left:{min(max(past, 0), 100):.1f}%"></span>'
        )
        history = "" if past is None else f" · history {past:.0f}"
        measures = "<br>".join(escape(m.line) for m in axis.measures)
        rows.append(
            f'<tr class="{"cost" if axis.cost else "axis"}"><td class="axis">{escape(axis.title)}'
            f"<br><small>{axis.figure}{history}</small></td><td>"
            f'<div class="bar"><span class="fill" style="width:{min(max(axis.shown, 0), 100):.1f}%">'
            f"</span>{mark}</div><b>{escape(axis.comparison)}</b> {escape(axis.text)}"
            f'<div class="measures">{measures}</div></td></tr>'
        )
    price = f'<p class="price">{escape(verdict.price)}</p>' if verdict.price else ""
    title = "The verdict, beside history" if final else "The verdict so far, beside history"
    return (
        f"<h3>{title}</h3>"
        '<p class="legend">Each axis scores 0 to 100, higher is better; for the human cost the bar is the harm done, higher is worse. The blue mark is where history stands.</p>'
        f'<table class="verdict">{"".join(rows)}</table>{price}'
    )


def _bibliography(d: Debrief) -> str:
    """The source texts by title and every historian named with the work meant."""
    if not d.source_titles and not d.bibliography:
        return ""
    parts = ['<section class="bibliography"><h2>Sources</h2>']
    if d.source_titles:
        parts.append("<h3>The source texts</h3><ul>")
        parts += [f"<li>{escape(title)}</li>" for _, title in sorted(d.source_titles.items())]
        parts.append("</ul>")
    if d.bibliography:
        parts.append("<h3>The historians named, with the work meant</h3><ul>")
        for historian in sorted(d.bibliography, key=lambda h: (surname(h), h)):
            parts.append(
                f"<li><b>{escape(historian)}</b>: {escape(d.bibliography[historian])}</li>"
            )
        parts.append("</ul>")
    return "".join(parts) + "</section>"


def render_html(debrief: Debrief, calendar_labels: tuple[str, str]) -> str:
    d = debrief
    agree, total = d.agreement
    body = [
        '<header class="title">',
        f'<div class="kicker">Great Turn · classroom debrief{" · so far" if not d.final else ""}</div>',
        f"<h1>{escape(d.ending_title)}</h1>",
        f'<p class="meta">{escape(d.scenario_title)} · world (seed) {d.seed} · {d.quarters} quarters played, to {escape(d.date)}</p>',
        "</header>",
    ]
    if d.content_note:
        body.append(
            f'<aside class="content-note"><b>Content note.</b> {escape(d.content_note)}</aside>'
        )
    body += [
        f'<section class="ending"><p>{escape(d.ending_text)}</p>',
    ]
    if d.epilogue:
        body.append(f"<p><b>What actually happened.</b> {escape(d.epilogue)}</p>")
    body.append(_sources(d.ending_sources, d.source_titles) + "</section>")
    if d.verdict is not None:
        body.append(_verdict(d.verdict, d.final))

    body.append('<h2>1. What happened</h2><p class="stage">Describe</p>')
    body.append('<table class="timeline">')
    for quarter in d.timeline:
        rows = []
        for item in quarter.items:
            flag = ""
            if item.historical is True:
                flag = ' <span class="hist">as in history</span>'
            elif item.historical is False:
                flag = ' <span class="diverge">unlike history</span>'
            rows.append(f'<span class="tag">{escape(item.kind)}</span>{escape(item.text)}{flag}')
        body.append(
            f'<tr><td class="date">{escape(quarter.date)}</td><td>{"<br>".join(rows)}</td></tr>'
        )
    if not d.timeline:
        body.append("<tr><td>No decisions or events yet.</td></tr>")
    body.append("</table>")

    body.append('<h2>2. Why it happened</h2><p class="stage">Analyse</p>')
    body.append(
        '<p class="legend"><span class="you">Red line</span>: your campaign. <span class="past">Blue dots</span>: the historical figure, with the range historians give.</p>'
    )
    body.append('<div class="charts">')
    for series in d.series:
        body.append(
            f"<figure><figcaption>{escape(series.label)}</figcaption>{line_chart(series, list(calendar_labels))}</figure>"
            if not series.harm
            else f'<figure class="harm"><figcaption>{escape(series.label)}: human cost, in people</figcaption>{line_chart(series, list(calendar_labels))}</figure>'
        )
    body.append("</div>")
    if d.chains:
        body.append("<h3>The causes behind the outcome</h3>")
        body.append(
            '<p class="legend">Each outcome, its biggest causes over the campaign, and what those depended on. <span class="player">Highlighted</span> causes were your own choices.</p>'
        )
        for link in d.chains:
            body.append(_chain(link, top=True))

    body.append('<h2>3. You and history</h2><p class="stage">Compare</p>')
    if total:
        body.append(
            f"<p>At {total} turning points you chose as the real leadership did {agree} times.</p>"
        )
    for c in d.comparisons:
        verdict = (
            '<span class="hist">as in history</span>'
            if c.same
            else '<span class="diverge">you diverged</span>'
        )
        body.append(f'<div class="compare"><b>{escape(c.date)} · {escape(c.topic)}</b> {verdict}')
        body.append(
            f'<p class="you"><b>You:</b> {escape(c.yours)}</p><p class="past"><b>History:</b> {escape(c.history)}</p>'
        )
        if c.happened:
            body.append(f"<p>{escape(c.happened)}</p>")
        if c.people:
            items = "".join(f"<li>{escape(person)}</li>" for person in c.people)
            body.append(f'<ul class="people">{items}</ul>')
        if c.historiography:
            body.append(
                f'<p class="historiography"><b>Historians disagree:</b> {escape(c.historiography)}</p>'
            )
        body.append(_sources(c.sources, d.source_titles) + "</div>")
    if d.figures:
        body.append("<h3>Your figures beside the real ones</h3>")
        body.append(
            '<table class="figures"><tr><th>Figure</th><th>Date</th><th>History (range)</th><th>Yours</th><th>Source</th></tr>'
        )
        for f in d.figures:
            yours = "—" if f.yours is None else f.shown(f.yours)
            # A matched death toll is history repeated, not a success: words, never a tick.
            if f.within is None:
                verdict = ""
            elif f.harm:
                verdict = f' <span class="harm">{escape(f.beside_history)}</span>'
            else:
                verdict = " ✓ within" if f.within else " outside"
            row = '<tr class="harm">' if f.harm else "<tr>"
            body.append(
                f"{row}<td>{escape(f.title)}</td><td>{escape(f.date)}</td>"
                f'<td class="num">{escape(f.history)}</td>'
                f'<td class="num">{yours}{verdict}</td><td class="source">{escape("; ".join(f.sources))}</td></tr>'
            )
        body.append("</table>")

    body.append(
        '<h2>4. Questions for discussion</h2><p class="stage">Apply</p><ol class="questions">'
    )
    for q in d.questions:
        body.append(
            f'<li><div class="theme">{escape(q.theme)}</div>{escape(q.text)}{_sources(q.sources, d.source_titles)}</li>'
        )
    body.append("</ol>")
    if not d.questions:
        body.append("<p>This scenario has no discussion questions.</p>")
    body.append(_bibliography(d))
    body.append(
        "<footer>Made by Great Turn from the campaign's own record: every number above can be traced to a decision, an event or a rule. Same world and same choices give the same history.</footer>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Debrief: {escape(d.ending_title)} · {escape(d.scenario_title)}</title>"
        f"<style>{CSS}</style></head><body><main>" + "\n".join(body) + "</main></body></html>\n"
    )
