"""An indicator's chart as SVG, drawn on the server (pure: no Django).

A line of the printed values over time, readable on a phone: the SVG scales to the width of
its container (viewBox), labels are text the browser renders, and every point has a <title>
with its value and date for screen readers and long-press.
"""

from __future__ import annotations

import datetime as dt
from html import escape

WIDTH, HEIGHT, PAD = 600, 300, 48


def _fmt(value: float) -> str:
    if abs(value) >= 1e8:
        return f"{value / 1e8:.4g}亿"
    if abs(value) >= 1e4:
        return f"{value / 1e4:.4g}万"
    return f"{value:.4g}"


def line_chart(points: list[tuple[dt.date, float]], *, title: str, unit: str) -> str:
    """`points` (date, value) in date order → an <svg> element."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" style="width:100%;height:auto">'
        f"<title>{escape(title)}</title>"
    )
    if not points:
        return head + '<text x="300" y="150" text-anchor="middle">暂无数据</text></svg>'
    values = [v for _, v in points]
    low, high = min(0.0, min(values)), max(values)
    span = (high - low) or 1.0
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    days = (last - first) or 1

    def xy(date: dt.date, value: float) -> tuple[float, float]:
        x = PAD + (date.toordinal() - first) / days * (WIDTH - 2 * PAD)
        if len(points) == 1:
            x = WIDTH / 2
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        return round(x, 1), round(y, 1)

    coords = [xy(d, v) for d, v in points]
    parts = [
        head,
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#999"/>',
        f'<text x="{PAD}" y="{PAD - 16}" font-size="14">{escape(_fmt(high))}{escape(unit)}</text>',
        '<polyline fill="none" stroke="#c00" stroke-width="3" points="'
        + " ".join(f"{x},{y}" for x, y in coords)
        + '"/>',
    ]
    for (date, value), (x, y) in zip(points, coords, strict=True):
        label = f"{date.isoformat()}：{_fmt(value)}{unit}"
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="6" fill="#c00"><title>{escape(label)}</title></circle>'
            f'<text x="{x}" y="{HEIGHT - PAD + 22}" font-size="13" text-anchor="middle">'
            f"{date:%Y.%m}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
