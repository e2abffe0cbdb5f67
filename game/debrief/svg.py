"""SVG charts written by hand: one variable over the quarters beside the historical
figures, and a scatter for the class report. No plotting library, no scripts."""

from __future__ import annotations

from html import escape

from game.debrief.analysis import Series

INK = "#1c1a18"
SOFT = "#6b645a"
ACCENT = "#be1e2d"
HISTORY = "#1f5f8b"
HARM = "#96101a"
GRID = "#e2d9c6"


def _scale(value: float, low: float, high: float, start: float, length: float) -> float:
    if high <= low:
        return start + length / 2
    return start + (value - low) / (high - low) * length


def line_chart(data: Series, labels: list[str], width: int = 520, height: int = 190) -> str:
    """The player's values as a line; each historical figure as a dot with its range."""
    left, right, top, bottom = 78, 12, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    values = list(data.values)
    marks = [m for m in data.figures if 0 <= m.turn < len(values)]
    candidates = values + [m.low for m in marks] + [m.high for m in marks]
    low, high = min(candidates), max(candidates)
    margin = max((high - low) * 0.1, 1.0)
    low, high = max(data.minimum, low - margin), min(data.maximum, high + margin)
    count = max(len(values) - 1, 1)

    def x(i: float) -> float:
        return left + i / count * plot_w

    def y(v: float) -> float:
        return top + plot_h - _scale(v, low, high, 0, plot_h)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(data.label)}">'
    ]
    for fraction in (0.0, 0.5, 1.0):
        value = low + fraction * (high - low)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11" fill="{SOFT}">{escape(data.number(value))}</text>'
        )
    if labels:
        parts.append(
            f'<text x="{left}" y="{height - 8}" font-size="11" fill="{SOFT}">{escape(labels[0])}</text>'
        )
        parts.append(
            f'<text x="{width - right}" y="{height - 8}" font-size="11" fill="{SOFT}" text-anchor="end">{escape(labels[-1])}</text>'
        )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    stroke = HARM if data.harm else ACCENT
    parts.append(f'<polyline points="{points}" fill="none" stroke="{stroke}" stroke-width="2.5"/>')
    for mark in marks:
        mx = x(mark.turn)
        parts.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y(mark.low):.1f}" y2="{y(mark.high):.1f}" stroke="{HISTORY}" stroke-width="3" opacity="0.5"/>'
        )
        parts.append(
            f'<circle cx="{mx:.1f}" cy="{y(mark.value):.1f}" r="4.5" fill="{HISTORY}"><title>{escape(mark.title)}: {escape(data.number(mark.value))} (historians: {escape(data.number(mark.low))} to {escape(data.number(mark.high))})</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)


def scatter(
    points: list[tuple[float, float, str]],
    x_label: str,
    y_label: str,
    width: int = 520,
    height: int = 300,
) -> str:
    """One dot per student: e.g. the depth of the purges against readiness in 1941."""
    left, right, top, bottom = 56, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [p[0] for p in points] or [0.0, 1.0]
    ys = [p[1] for p in points] or [0.0, 1.0]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min(ys), max(ys)
    if x_high == x_low:
        x_low, x_high = x_low - 1, x_high + 1
    if y_high == y_low:
        y_low, y_high = y_low - 1, y_high + 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(y_label)} against {escape(x_label)}">'
    ]
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{INK}"/>'
    )
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{INK}"/>')
    for value, anchor in ((x_low, "start"), (x_high, "end")):
        px = _scale(value, x_low, x_high, left, plot_w)
        parts.append(
            f'<text x="{px:.1f}" y="{top + plot_h + 16}" font-size="11" fill="{SOFT}" text-anchor="{anchor}">{value:,.1f}</text>'
        )
    for value in (y_low, y_high):
        py = top + plot_h - _scale(value, y_low, y_high, 0, plot_h)
        parts.append(
            f'<text x="{left - 6}" y="{py + 4:.1f}" font-size="11" fill="{SOFT}" text-anchor="end">{value:,.0f}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" font-size="12" fill="{INK}" text-anchor="middle">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" font-size="12" fill="{INK}" text-anchor="middle" transform="rotate(-90 14 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    for px_value, py_value, name in points:
        px = _scale(px_value, x_low, x_high, left, plot_w)
        py = top + plot_h - _scale(py_value, y_low, y_high, 0, plot_h)
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="{ACCENT}" opacity="0.75"><title>{escape(name)}</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)
