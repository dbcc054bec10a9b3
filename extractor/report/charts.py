"""Small inline-SVG bar charts, one per breakdown group."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from . import fmt

CHART_WIDTH = 360
ROW_HEIGHT = 34
BAR_HEIGHT = 14
LABEL_CHARS = 58
"""Longer labels are cut with an ellipsis in the chart; the full label is in the bar's title."""


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def bar_chart(group: str, records: list[dict[str, Any]], href: Callable[[dict[str, Any]], str | None]) -> str:
    """An SVG chart of ``records`` (all of one group), bars scaled to the largest value.

    Percentages are scaled to at least 100 so that bars of different groups compare; ``href``
    gives each bar's link to its highlight (or ``None``).
    """
    values = [_number(r.get("value")) or 0.0 for r in records]
    all_percent = all(r.get("unit") == "percent" for r in records)
    scale = max([*values, 100.0 if all_percent else 0.0, 1e-9])
    height = ROW_HEIGHT * len(records) + 4
    summary = "; ".join(f"{fmt.plain(r.get('label'))}: {fmt.value(r)}" for r in records)
    parts = [
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" '
        f'height="{height}" role="img" aria-label="{escape(f"{group}: {summary}")}">'
    ]
    for row, (record, number) in enumerate(zip(records, values, strict=True)):
        top = row * ROW_HEIGHT
        width = max(1.0, (CHART_WIDTH - 70) * max(number, 0.0) / scale)
        unit = escape(str(record.get("unit") or "none"))
        label = fmt.plain(record.get("label"))
        bar = (
            f'<title>{escape(label)}: {escape(fmt.value(record))}</title>'
            f'<text class="chart-label" x="0" y="{top + 12}">{escape(_short(label))}</text>'
            f'<rect class="bar unit-{unit}" x="0" y="{top + 16}" width="{width:.1f}" height="{BAR_HEIGHT}"/>'
            f'<text class="chart-value" x="{width + 4:.1f}" y="{top + 27}">{escape(fmt.value(record))}</text>'
        )
        link = href(record)
        if link:
            bar = f'<a href="{escape(link)}">{bar}</a>'
        parts.append(f"<g>{bar}</g>")
    parts.append("</svg>")
    return "".join(parts)
