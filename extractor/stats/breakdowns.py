"""Group the statistics that answer one question (a breakdown) under a shared id."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..datafiles import load_json
from ..models import Role, Unit
from .statistics import APOSTROPHES, Statistic
from ..structure.article import Paragraph

# Shares of one single-choice question add up to about 100; rounding adds a little.
SUM_TOLERANCE = 2.0


@dataclass(slots=True)
class _Cluster:
    members: list[int]
    paragraph: int
    sentence_start: int
    first_sentence_start: int
    percent_sum: float
    units: set[Unit]
    agreement: bool
    bullet: bool


def assign_groups(
    stats: list[Statistic], paragraphs: list[Paragraph], text: str, sections: list[tuple[int, int]]
) -> list[int | None]:
    """A group number per statistic (None when it stands alone), in order of first appearance."""
    markers = tuple(m.split() for m in load_json("labels.json")["continuation_markers"])
    clusters: list[_Cluster] = []
    paragraph_spans = _Spans([(p.start, p.end) for p in paragraphs])
    section_spans = _Spans(sections)
    for index, stat in enumerate(stats):
        paragraph = paragraph_spans.index_of(stat.start)
        last = clusters[-1] if clusters else None
        if last and last.sentence_start == stat.sentence_start and stat.unit == Unit.PERCENT and Unit.PERCENT in last.units:
            _add(last, index, stat)
            continue
        clusters.append(
            _Cluster([index], paragraph, stat.sentence_start, stat.sentence_start,
                     stat.value if stat.unit == Unit.PERCENT else 0.0, {stat.unit}, stat.is_agreement,
                     paragraphs[paragraph].role == Role.BULLET if paragraph is not None else False)
        )
    merged: list[_Cluster] = []
    for cluster in clusters:
        previous = merged[-1] if merged else None
        if previous and _continues(previous, cluster, stats, paragraphs, text, section_spans, markers):
            previous.members.extend(cluster.members)
            previous.percent_sum += cluster.percent_sum
            previous.units |= cluster.units
            previous.agreement |= cluster.agreement
            previous.paragraph = cluster.paragraph
            previous.sentence_start = cluster.sentence_start
            previous.bullet = cluster.bullet
        else:
            merged.append(cluster)
    groups: list[int | None] = [None] * len(stats)
    number = 0
    for cluster in merged:
        if len(cluster.members) < 2:
            continue
        number += 1
        for member in cluster.members:
            groups[member] = number
    return groups


def _add(cluster: _Cluster, index: int, stat: Statistic) -> None:
    cluster.members.append(index)
    cluster.percent_sum += stat.value
    cluster.agreement |= stat.is_agreement


def _continues(previous, cluster, stats, paragraphs, text, sections, markers) -> bool:
    if Unit.COUNT in previous.units or Unit.COUNT in cluster.units:
        return False
    first, last = stats[cluster.members[0]], stats[previous.members[-1]]
    if sections.index_of(first.start) != sections.index_of(last.start):
        return False
    statement = first.statement
    if statement and statement == last.statement:
        return True
    if first.is_agreement != last.is_agreement:
        return False
    if first.is_agreement and statement and last.statement and statement != last.statement:
        return False
    if cluster.bullet and previous.bullet and cluster.paragraph is not None and previous.paragraph is not None:
        if cluster.paragraph - previous.paragraph <= 1:
            return True
    if cluster.paragraph is None or previous.paragraph is None:
        return False
    gap = cluster.paragraph - previous.paragraph
    if gap > (2 if cluster.bullet else 0):
        return False
    opening = text[cluster.first_sentence_start : cluster.first_sentence_start + 40].lower().translate(APOSTROPHES)
    if cluster.bullet:
        # A list continues the breakdown when its lead-in says so ("Verder worden genoemd:").
        lead_in = paragraphs[cluster.paragraph - 1]
        opening = text[lead_in.start : lead_in.start + 40].lower()
        if lead_in.role == Role.BULLET or not text[lead_in.start : lead_in.end].rstrip().endswith(":"):
            return False
    words = opening.split()
    if any(words[: len(marker)] == marker for marker in markers):
        return True
    return not cluster.bullet and previous.percent_sum + cluster.percent_sum <= 100 + SUM_TOLERANCE


class _Spans:
    """Sorted ``(start, end)`` spans: which one holds an offset, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [start for start, _ in spans]
        self.ordered = all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))

    def index_of(self, offset: int) -> int | None:
        """The first span with ``start <= offset < end``, or None."""
        if not self.ordered:
            return next((i for i, (start, end) in enumerate(self.spans) if start <= offset < end), None)
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.spans[index][1]:
            return index
        return None
