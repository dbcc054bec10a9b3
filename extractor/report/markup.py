"""Clean text to HTML: blocks, sections and nested highlight spans, offset-exact."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
"""Paragraphs in the clean text are separated by at least one blank line."""

RANK_RECORD = 0
RANK_REPAIR = 1
"""When a statistic and a repair cover the same characters, the statistic is the outer element."""


@dataclass(slots=True)
class Span:
    """Something to mark in the text: ``start``/``end`` are offsets into the clean text.

    ``render_open(head)`` gives the opening tag; ``head`` is true only for the first piece of
    the span, so that a span that has to be split (because it crosses a block or another span)
    carries its id and focus stop once.
    """

    start: int
    end: int
    rank: int
    render_open: Callable[[bool], str]
    close: str
    seq: int = 0
    opened: bool = field(default=False, repr=False)


@dataclass(slots=True)
class Item:
    """One piece of the layout: a heading, a paragraph, or the whitespace between them."""

    start: int
    end: int
    kind: str  # "heading" | "para" | "gap"


@dataclass(slots=True)
class Region:
    """Consecutive items that belong to one section (``section`` is its index, or ``None``)."""

    section: int | None
    items: list[Item]
    first: bool = True
    """Whether this is the first region of its section (the one that carries the anchor)."""


def text_html(text: str) -> str:
    return escape(text, quote=False)


def render_inline(text: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """Render ``text[start:end]`` with ``spans`` as properly nested elements.

    Spans are clipped to the range. Spans that start together are nested longest-outermost;
    a span that crosses the end of an enclosing one is closed there and reopened after it as a
    continuation piece, so every character of every span is covered exactly once and the
    output is always well-formed.
    """
    live = [
        s for s in spans if s.end > s.start and s.start < end and s.end > start
    ]
    points = sorted({start, end, *(max(s.start, start) for s in live),
                     *(min(s.end, end) for s in live)})
    starting: dict[int, list[Span]] = {}
    for s in live:
        starting.setdefault(max(s.start, start), []).append(s)

    out: list[str] = []
    stack: list[Span] = []
    pos = start
    for point in points:
        out.append(text_html(text[pos:point]))
        pos = point
        reopen: list[Span] = []
        ending = [i for i, s in enumerate(stack) if min(s.end, end) <= point]
        if ending:
            cut = ending[0]
            for s in reversed(stack[cut:]):
                out.append(s.close)
            reopen = [s for s in stack[cut:] if min(s.end, end) > point]
            del stack[cut:]
        opening = reopen + starting.get(point, [])
        if point == end:
            # Spans that go on past this range are closed above and continue in the next one.
            break
        opening.sort(key=lambda s: (-s.end, s.rank, s.seq))
        for s in opening:
            out.append(s.render_open(not s.opened))
            s.opened = True
            stack.append(s)
    for s in reversed(stack):
        out.append(s.close)
    return "".join(out)


def _paragraphs(text: str, start: int, end: int) -> list[Item]:
    """Split ``text[start:end]`` into paragraph items and the whitespace gaps between them."""
    items: list[Item] = []
    pos = start
    chunk = text[start:end]
    pieces: list[tuple[int, int]] = []
    last = 0
    for match in BLANK_LINES.finditer(chunk):
        pieces.append((last, match.start()))
        last = match.end()
    pieces.append((last, len(chunk)))
    for a, b in pieces:
        piece = chunk[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        p_start = start + a + lead
        p_end = p_start + len(stripped)
        if p_start > pos:
            items.append(Item(pos, p_start, "gap"))
        items.append(Item(p_start, p_end, "para"))
        pos = p_end
    if pos < end:
        items.append(Item(pos, end, "gap"))
    return items


def heading_span(text: str, start: int, end: int, heading: str | None) -> tuple[int, int] | None:
    """Where a section's heading stands in the text: at the start of the section, on its own line."""
    if not heading or not heading.strip():
        return None
    head = heading.strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    if not text.startswith(head, offset) or offset + len(head) > end:
        return None
    after = offset + len(head)
    if after < len(text) and after < end and text[after] not in "\r\n":
        return None  # the heading words begin a sentence, not a line of their own
    return offset, after


def layout(text: str, sections: Sequence[tuple[int, int, str | None]]) -> tuple[list[Region], dict[int, bool]]:
    """Partition the whole text into regions of items, following the section offsets.

    ``sections`` are ``(start, end, heading)``; sections that are out of range or overlap an
    earlier one own no text. Returns the regions in text order and, per section index, whether
    its heading was found in the text (otherwise the page prints it above the section).
    """
    n = len(text)
    owners: list[tuple[int, int, int]] = []  # (start, end, index), non-overlapping, in order
    for index, (start, end, _) in enumerate(sections):
        if not (0 <= start < end <= n):
            continue
        if any(start < o_end and o_start < end for o_start, o_end, _ in owners):
            continue
        owners.append((start, end, index))
    owners.sort()

    intervals: list[tuple[int, int, int | None]] = []
    pos = 0
    for start, end, index in owners:
        if start > pos:
            intervals.append((pos, start, None))
        intervals.append((start, end, index))
        pos = end
    if pos < n or not intervals:
        intervals.append((pos, n, None))

    found: dict[int, bool] = {}
    regions: list[Region] = []
    for start, end, index in intervals:
        items: list[Item] = []
        body_start = start
        if index is not None:
            where = heading_span(text, start, end, sections[index][2])
            found[index] = where is not None
            if where is not None:
                if where[0] > start:
                    items.append(Item(start, where[0], "gap"))
                items.append(Item(where[0], where[1], "heading"))
                body_start = where[1]
        items.extend(_paragraphs(text, body_start, end))
        if index is None and regions and regions[-1].section is None:
            regions[-1].items.extend(items)
        else:
            regions.append(Region(index, items))
    return regions, found
